// Test helpers: finding processes a run left behind. Unsandboxed runs are found by working
// directory (every process a run starts inherits its temporary directory); sandboxed ones by an
// environment tag given to the runner, since they live in other namespaces (their cwd reads as
// /tmp) and pass the environment on to every descendant.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { randomBytes } from "node:crypto";

export function processesUnder(dir: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(dir)) out.push(Number(entry));
    } catch {
      // the process exited meanwhile, or is not ours to inspect
    }
  }
  return out;
}

/** A fresh value for the `PASSK_TEST_TAG` variable. */
export function newTag(): string {
  return `t${randomBytes(12).toString("hex")}`;
}

/** Pids of the processes whose environment holds `PASSK_TEST_TAG=<tag>`. */
export function processesTagged(tag: string): number[] {
  const needle = Buffer.from(`PASSK_TEST_TAG=${tag}\0`);
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(needle)) out.push(Number(entry));
    } catch {
      // exited meanwhile, or a kernel thread
    }
  }
  return out;
}

/** SIGKILLs the given pids (cleanup after a failed containment test). */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
}

export const isRoot = process.getuid?.() === 0;
