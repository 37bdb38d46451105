/**
 * The file descriptors this process would pass on to every child it starts: the ones it inherited
 * itself without close-on-exec (Node and libuv open all of theirs with `O_CLOEXEC`, but a
 * descriptor inherited at process start stays inheritable, and child_process passes it on, since
 * libuv closes nothing in the child). A runner must keep them out of an untrusted program's reach.
 * Internal.
 * @internal
 * @module
 */
import { closeSync, openSync, readdirSync, readSync } from "node:fs";
import { RunnerFailedError } from "./errors.js";

/** `O_CLOEXEC` on Linux (octal 02000000), as `/proc/<pid>/fdinfo/<fd>` reports it in `flags`. */
const O_CLOEXEC = 0o2000000;

/** fdinfo starts with `pos:` then `flags:`; 256 bytes hold both with room to spare. */
const buffer = Buffer.alloc(256);

/** The start of `/proc/self/fdinfo/<fd>` (one open, one read, one close: this runs before every run). */
function fdinfoHead(fd: number): string {
  const info = openSync(`/proc/self/fdinfo/${fd}`, "r");
  try {
    return buffer.toString("latin1", 0, readSync(info, buffer, 0, buffer.length, null));
  } finally {
    closeSync(info);
  }
}

function errorCode(e: unknown): string | undefined {
  return e !== null && typeof e === "object" && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

/**
 * The descriptors above 2 of this process that lack close-on-exec, ascending, read from
 * `/proc/self/fd` and the `flags` line of `/proc/self/fdinfo/<fd>` (proc(5)). A descriptor that
 * closes while it is read (the directory listing's own) is skipped.
 *
 * @throws {@link RunnerFailedError} when `/proc/self/fd` cannot be read: the runner then cannot
 *   tell what a program would inherit, and refuses to run it
 */
export function inheritableDescriptors(): number[] {
  let names: string[];
  try {
    names = readdirSync("/proc/self/fd");
  } catch (e) {
    throw new RunnerFailedError(`cannot list this process's file descriptors (/proc/self/fd: ${errorCode(e) ?? String(e)}), so cannot keep them from the program`);
  }
  const out: number[] = [];
  for (const name of names) {
    const fd = Number(name);
    if (!Number.isInteger(fd) || fd <= 2) continue;
    let info: string;
    try {
      info = fdinfoHead(fd);
    } catch (e) {
      if (errorCode(e) === "ENOENT") continue; // closed meanwhile (the listing's own descriptor)
      throw new RunnerFailedError(`cannot read /proc/self/fdinfo/${fd} (${errorCode(e) ?? String(e)}), so cannot keep it from the program`);
    }
    const flags = /^flags:\s*([0-7]+)$/mu.exec(info);
    if (flags === null) throw new RunnerFailedError(`/proc/self/fdinfo/${fd} has no flags line, so descriptor ${fd} cannot be kept from the program`);
    if ((Number.parseInt(flags[1]!, 8) & O_CLOEXEC) === 0) out.push(fd);
  }
  return out.sort((a, b) => a - b);
}
