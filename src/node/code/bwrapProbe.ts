/**
 * Finding bubblewrap and checking, once per process and user, that it can actually build the
 * sandbox on this machine (user namespaces may be disabled, a container may forbid them). Internal.
 * @internal
 * @module
 */
import { spawnSync } from "node:child_process";
import { bwrapArgs } from "./bwrapArgs.js";
import { SandboxUnavailableError } from "./errors.js";
import { findExecutable } from "./interpreters.js";
import { baseLayout } from "./sandboxLayout.js";

/** A working bubblewrap. */
export interface BwrapInstallation {
  /** Path of the executable. */
  readonly path: string;
  /** What `bwrap --version` printed, e.g. `"bubblewrap 0.8.0"`. */
  readonly version: string;
}

/** The fixes every "no sandbox" message names. */
export const SANDBOX_FIXES =
  "Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap; Arch: pacman -S bubblewrap), " +
  "run programs in a remote sandbox with sandboxFusionRunner({ endpoint }), or, only if every program is trusted, " +
  'opt out explicitly with localRunner({ isolation: "none" }).';

const probed = new Map<string, BwrapInstallation | SandboxUnavailableError>();

/**
 * Locates bwrap (`path`, else PATH) and runs `true` in a sandbox built exactly as the runs are,
 * as `user` when given. The outcome is cached per path and user.
 *
 * @throws {@link SandboxUnavailableError} naming the cause and the fixes
 */
export function probeBwrap(path: string | undefined, user?: { readonly uid: number; readonly gid: number }): BwrapInstallation {
  const key = `${path ?? ""}\0${user?.uid ?? ""}\0${user?.gid ?? ""}`;
  let result = probed.get(key);
  if (result === undefined) {
    result = probe(path, user);
    probed.set(key, result);
  }
  if (result instanceof SandboxUnavailableError) throw result;
  return result;
}

function probe(path: string | undefined, user?: { readonly uid: number; readonly gid: number }): BwrapInstallation | SandboxUnavailableError {
  const bwrap = findExecutable(path ?? "bwrap");
  if (bwrap === undefined) {
    return new SandboxUnavailableError(
      `bubblewrap (${path ?? "bwrap"}) was not found${path === undefined ? " on PATH" : ""}, and the code verifier does not run untrusted programs unsandboxed. ${SANDBOX_FIXES}`,
      { field: "bwrap", value: path },
    );
  }
  const version = spawnSync(bwrap, ["--version"], { encoding: "utf8", timeout: 10_000 });
  if (version.status !== 0) {
    return new SandboxUnavailableError(`${bwrap} --version failed (${version.error?.message ?? version.stderr.trim()}). ${SANDBOX_FIXES}`, { field: "bwrap", value: bwrap });
  }
  const truePath = findExecutable("true", "/usr/bin:/bin");
  if (truePath === undefined) return new SandboxUnavailableError(`no /usr/bin/true to test the sandbox with`, { field: "bwrap", value: bwrap });
  const args = bwrapArgs({ layout: baseLayout(), env: {}, diskBytes: 1 << 20, files: [], statusFd: 3, command: [truePath] });
  const run = spawnSync(bwrap, args, {
    encoding: "utf8",
    env: {},
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    timeout: 30_000,
    ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
  });
  const status = typeof run.output[3] === "string" ? run.output[3] : "";
  if (run.status !== 0 || !/"exit-code"\s*:\s*0\b/u.test(status)) {
    const why = run.error?.message ?? (run.stderr.trim() || `exit code ${String(run.status)}`);
    const who = user === undefined ? "" : ` as uid ${user.uid}`;
    return new SandboxUnavailableError(
      `${bwrap} cannot create a sandbox here${who}: ${why}. Unprivileged user namespaces may be disabled ` +
        `(sysctl user.max_user_namespaces, kernel.unprivileged_userns_clone, or an AppArmor restriction), or a container forbids them. ${SANDBOX_FIXES}`,
      { field: "bwrap", value: bwrap },
    );
  }
  return { path: bwrap, version: version.stdout.trim() };
}
