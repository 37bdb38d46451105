/**
 * Which host paths the sandbox sees: the system's program and library directories, a short list
 * of harmless /etc files, and the interpreters. Everything else of the host (home directories,
 * /etc/shadow, /var, /run and its sockets, /sys, other projects) is simply absent. Internal.
 * @internal
 * @module
 */
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import type { SandboxLayout } from "./bwrapArgs.js";

// Program and library directories. On merged-/usr systems most are symlinks into /usr and are
// recreated as such.
const SYSTEM_DIRS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

// /etc entries programs read at start (dynamic loader, time zone, names of the sandbox's uid);
// nothing here holds a secret. /etc/shadow, ssh keys, credentials are not on the list.
const ETC_ENTRIES = [
  "/etc/ld.so.cache",
  "/etc/ld.so.conf",
  "/etc/ld.so.conf.d",
  "/etc/localtime",
  "/etc/passwd",
  "/etc/group",
  "/etc/nsswitch.conf",
  "/etc/hosts",
  "/etc/alternatives",
  "/etc/mime.types",
  "/etc/locale.alias",
];

function layoutOf(paths: readonly string[]): { readOnly: string[]; symlinks: [string, string][] } {
  const readOnly: string[] = [];
  const symlinks: [string, string][] = [];
  for (const p of paths) {
    let stat;
    try {
      stat = lstatSync(p);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) symlinks.push([readlinkSync(p), p]);
    else readOnly.push(p);
  }
  return { readOnly, symlinks };
}

let systemLayout: SandboxLayout | undefined;

/** The system part of the layout, read once per process. */
export function baseLayout(): SandboxLayout {
  systemLayout ??= (() => {
    const sys = layoutOf(SYSTEM_DIRS);
    const etc = layoutOf(ETC_ENTRIES);
    return { readOnly: [...sys.readOnly, ...etc.readOnly], symlinks: [...sys.symlinks, ...etc.symlinks] };
  })();
  return systemLayout;
}

function inside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * Whether `path` (absolute, symlinks resolved) is visible in the sandbox through the layout's
 * read-only binds.
 */
export function isVisible(layout: SandboxLayout, path: string): boolean {
  return layout.readOnly.some((dir) => {
    let real = dir;
    try {
      real = realpathSync(dir);
    } catch {
      // keep the path as given
    }
    return inside(path, real);
  });
}

/** The layout plus read-only binds of `paths` (symlinks resolved) that it does not show yet. */
export function withPaths(layout: SandboxLayout, paths: readonly string[]): SandboxLayout {
  const extra: string[] = [];
  for (const p of paths) {
    const real = realpathSync(p);
    if (real === "/") continue;
    if (isVisible(layout, real) || extra.some((e) => inside(real, e))) continue;
    extra.push(real);
  }
  return extra.length === 0 ? layout : { readOnly: [...layout.readOnly, ...extra], symlinks: layout.symlinks };
}
