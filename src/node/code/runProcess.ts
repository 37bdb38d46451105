/**
 * Spawning one child with a wall-clock limit, an output cap, an optional CPU-time watch, abort,
 * and extra input/status pipes; shared by the sandboxed and the unsandboxed runner. Internal.
 * @internal
 * @module
 */
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { Readable, Writable } from "node:stream";
import { RunnerFailedError } from "./errors.js";

/** What to spawn and how to bound it. */
export interface ProcessSpec {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env: Readonly<Record<string, string>>;
  readonly uid?: number;
  readonly gid?: number;
  /** Written to stdin, which is then closed. */
  readonly stdin: string;
  /** Contents written to descriptors 4, 5, … (descriptor 3 is the status pipe), each then closed. */
  readonly inputs: readonly string[];
  /** Open descriptor 3 as a pipe the child writes status to (bwrap's --json-status-fd). */
  readonly statusPipe: boolean;
  /**
   * Descriptors the child would otherwise inherit from this process (see
   * `inheritableDescriptors`), opened on `/dev/null` read-only in the child instead. Those that
   * are also the child's own (0-2, the status pipe, the inputs) are left as those.
   */
  readonly blank?: readonly number[];
  readonly timeoutMs: number;
  readonly outputBytes: number;
  /** Polled while the run lasts; the run is stopped once it reports at least `limitMs`. */
  readonly cpu?: { readonly limitMs: number; readonly usedMs: () => number };
  /** Extra action when the run is stopped (e.g. kill every process of a cgroup). */
  readonly onStop?: () => void;
  readonly signal: AbortSignal;
}

/** How the child ended. */
export interface ProcessResult {
  /** Why the runner stopped the child, if it did. */
  readonly stop: "time_limit" | "cpu_time_limit" | "output_limit" | "aborted" | undefined;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the child wrote to descriptor 3. */
  readonly status: string;
  readonly durationMs: number;
}

const CPU_POLL_MS = 100;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Runs the child as the leader of its own process group (killed as a whole when the run is
 * stopped and when it exits) and resolves once it has exited and its pipes are closed (or 250 ms
 * after its exit, for a descendant that escaped the group and keeps them open).
 *
 * @throws {@link RunnerFailedError} when the child cannot be spawned at all
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  return new Promise<ProcessResult>((resolve, reject) => {
    const started = performance.now();
    const stdio: ("pipe" | "ignore" | number)[] = ["pipe", "pipe", "pipe"];
    if (spec.statusPipe || spec.inputs.length > 0) stdio.push(spec.statusPipe ? "pipe" : "ignore");
    for (let i = 0; i < spec.inputs.length; i++) stdio.push("pipe");
    // libuv leaves an "ignore" slot above 2 as it is in the child: an inherited descriptor there
    // would pass through. Each one gets /dev/null instead (closed again here once spawned).
    const blank = (spec.blank ?? []).filter((fd) => fd >= stdio.length || stdio[fd] === "ignore");
    const devNull = blank.length === 0 ? undefined : openSync("/dev/null", "r");
    let child: ReturnType<typeof spawn>;
    try {
      if (devNull !== undefined) {
        for (const fd of blank) {
          while (stdio.length <= fd) stdio.push("ignore");
          stdio[fd] = devNull;
        }
      }
      child = spawn(spec.file, [...spec.args], {
        ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
        detached: true,
        env: { ...spec.env },
        stdio,
        ...(spec.uid === undefined ? {} : { uid: spec.uid }),
        ...(spec.gid === undefined ? {} : { gid: spec.gid }),
      });
    } finally {
      if (devNull !== undefined) closeSync(devNull);
    }
    let stop: ProcessResult["stop"];
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const status: Buffer[] = [];
    let total = 0;
    let exit: { code: number | null; signal: string | null } | undefined;
    // All "pipe" in `stdio`, so these streams exist.
    const stdout = child.stdout as Readable;
    const stderr = child.stderr as Readable;
    const readers = [stdout, stderr, ...(spec.statusPipe ? [child.stdio[3] as Readable] : [])];
    let open = readers.length;
    let finished = false;
    let grace: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;

    const halt = (why: NonNullable<ProcessResult["stop"]>): void => {
      if (stop === undefined && exit === undefined) stop = why;
      killGroup(child.pid);
      try {
        spec.onStop?.();
      } catch {
        // best effort: the group kill above and the caller's cleanup still end the run
      }
    };
    const timer = setTimeout(() => halt("time_limit"), spec.timeoutMs);
    const onAbort = (): void => halt("aborted");
    spec.signal.addEventListener("abort", onAbort, { once: true });
    if (spec.signal.aborted) onAbort();
    if (spec.cpu !== undefined) {
      const { limitMs, usedMs } = spec.cpu;
      poll = setInterval(() => {
        let ms: number;
        try {
          ms = usedMs();
        } catch {
          return; // the cgroup may be gone once the run ends
        }
        if (ms >= limitMs) halt("cpu_time_limit");
      }, CPU_POLL_MS);
    }
    const cleanup = (): void => {
      clearTimeout(timer);
      if (grace !== undefined) clearTimeout(grace);
      if (poll !== undefined) clearInterval(poll);
      spec.signal.removeEventListener("abort", onAbort);
    };

    const finish = (): void => {
      if (finished || exit === undefined || open > 0) return;
      finished = true;
      cleanup();
      resolve({
        stop,
        exitCode: exit.code,
        signal: exit.signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        status: Buffer.concat(status).toString("utf8"),
        durationMs: performance.now() - started,
      });
    };
    const collect = (into: Buffer[]) => (chunk: Buffer): void => {
      if (stop === "output_limit") return;
      const room = spec.outputBytes - total;
      if (chunk.length > room) {
        if (room > 0) into.push(chunk.subarray(0, room));
        total = spec.outputBytes;
        halt("output_limit");
        return;
      }
      into.push(chunk);
      total += chunk.length;
    };
    stdout.on("data", collect(out));
    stderr.on("data", collect(err));
    if (spec.statusPipe) (child.stdio[3] as Readable).on("data", (c: Buffer) => status.push(c));
    for (const r of readers) {
      r.on("close", () => {
        open--;
        finish();
      });
    }
    const feed = (w: Writable, text: string): void => {
      w.on("error", () => {
        // EPIPE: the child exited or closed the descriptor without reading all of it.
      });
      w.end(text);
    };
    feed(child.stdin as Writable, spec.stdin);
    spec.inputs.forEach((text, i) => feed(child.stdio[4 + i] as Writable, text));
    child.on("error", (e) => {
      cleanup();
      killGroup(child.pid);
      reject(new RunnerFailedError(`could not start ${spec.file}: ${e.message}`));
    });
    child.on("exit", (code, sig) => {
      exit = { code, signal: sig };
      // Reap whatever the child left running in its group; its pipes then close.
      killGroup(child.pid);
      // A process that left the group (setsid) may hold the pipes open: stop waiting for them.
      grace = setTimeout(() => {
        for (const r of readers) r.destroy();
      }, 250);
      finish();
    });
  });
}
