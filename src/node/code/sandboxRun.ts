/**
 * One program run inside the bubblewrap sandbox, with its limits applied to the whole process
 * tree, and the outcome classified so that a failure of the machinery is never taken for the
 * program's. Internal.
 * @internal
 * @module
 */
import { readlink } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { bwrapArgs, type SandboxLayout } from "./bwrapArgs.js";
import { RunCgroup, type CgroupStats, type CgroupV1Parents } from "./cgroupV1.js";
import { RunnerFailedError } from "./errors.js";
import type { Interpreter } from "./interpreters.js";
import { runProcess, type ProcessResult } from "./runProcess.js";
import { baseLayout, withPaths } from "./sandboxLayout.js";
import type { CodeLanguage, RunOutcome, RunRequest } from "./types.js";
import { checkedFiles, interpreterArgs, NODE_AS_HEADROOM_MB } from "./runFiles.js";
import { SECRET_FD } from "./endOfChecks.js";
import { inheritableDescriptors } from "./inheritedDescriptors.js";
import { checkedOutputFiles, createOutputFiles, readOutputFiles, type HostOutputFiles } from "./outputFiles.js";

const MiB = 1024 * 1024;

/** Tasks the sandbox adds to the program's own: the outer bwrap and the sandbox's init. */
const SANDBOX_TASKS = 2;

/** Defaults of the limits {@link RunRequest} leaves optional, in the sandbox. */
export const SANDBOX_DEFAULTS = { maxProcesses: 64, diskMb: 32, cpuTimeFactor: 2 } as const;

/** SIGXCPU, which RLIMIT_CPU sends at its soft limit; bwrap's init reports it as exit code 128 + 24. */
const SIGXCPU_EXIT = 128 + 24;

// With a cgroup the run starts as `sh -c JOIN_CGROUPS sh <as KiB> <fsize blocks> <procs files...>
// <bwrap...>`: it sets the per-process rlimits that remain useful (no core dumps, which a host
// core_pattern helper would write outside the sandbox; the address space, for Python's clean
// MemoryError; the file size) and joins the run's cgroups before anything of the run exists, so
// every descendant is born inside; then it becomes bwrap. One exec fewer than prlimit inside.
// `ulimit -v` counts KiB and `-f` 512-byte blocks in every POSIX sh (dash, bash as sh).
const JOIN_CGROUPS =
  'ulimit -c 0 && ulimit -v "$1" && ulimit -f "$2" && echo $$ > "$3" && echo $$ > "$4" && echo $$ > "$5" && shift 5 && exec "$@"';

/** Everything a sandboxed run needs besides the request. */
export interface SandboxContext {
  readonly bwrap: string;
  readonly prlimit: string;
  readonly env: Readonly<Record<string, string>>;
  /** Per-run cgroups are made here; `undefined` means per-process rlimits times a process cap. */
  readonly cgroups: CgroupV1Parents | undefined;
}

/** The parts of bwrap's --json-status-fd output used here. */
interface BwrapStatus {
  readonly childPid?: number;
  readonly pidNamespace?: number;
  readonly exitCode?: number;
}

function parseStatus(text: string): BwrapStatus {
  const out: { childPid?: number; pidNamespace?: number; exitCode?: number } = {};
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      continue;
    }
    if (doc === null || typeof doc !== "object") continue;
    const d = doc as Record<string, unknown>;
    if (typeof d["child-pid"] === "number") out.childPid = d["child-pid"];
    if (typeof d["pid-namespace"] === "number") out.pidNamespace = d["pid-namespace"];
    if (typeof d["exit-code"] === "number") out.exitCode = d["exit-code"];
  }
  return out;
}

/** bwrap's own messages on stderr (the program never ran when there are any that matter). */
function bwrapMessages(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l.trim() !== "");
  return lines.slice(-3).join(" | ").slice(0, 500);
}

/**
 * Without a cgroup, the end of the sandbox's init (pid 1 of its PID namespace) is what guarantees
 * that no descendant survives: the kernel kills every process of a PID namespace when its init
 * exits. bwrap normally waits for it; make sure, by the namespace it reported.
 */
async function reapNamespace(status: BwrapStatus): Promise<void> {
  if (status.childPid === undefined || status.pidNamespace === undefined) return;
  const link = `/proc/${status.childPid}/ns/pid`;
  const ours = `pid:[${status.pidNamespace}]`;
  const deadline = Date.now() + 5000;
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    let target: string;
    try {
      target = await readlink(link);
    } catch {
      return; // gone (or a zombie, which has left its namespaces)
    }
    if (target !== ours) return; // the pid was reused by an unrelated process
    if (Date.now() > deadline) throw new RunnerFailedError(`the sandbox's init (pid ${status.childPid}) survived SIGKILL for 5 s`);
    try {
      process.kill(status.childPid, "SIGKILL");
    } catch {
      return;
    }
    await sleep(wait);
  }
}

const layouts = new WeakMap<Interpreter, SandboxLayout>();

/** The sandbox's filesystem for an interpreter, computed once per interpreter. */
function layoutFor(interpreter: Interpreter): SandboxLayout {
  let layout = layouts.get(interpreter);
  if (layout === undefined) {
    layout = withPaths(baseLayout(), interpreter.paths);
    layouts.set(interpreter, layout);
  }
  return layout;
}

function commandFor(request: RunRequest, interpreter: Interpreter, memoryMb: number): string[] {
  return request.language === "python"
    ? [interpreter.executable, "-I", "-B", ...interpreterArgs(request)]
    : [interpreter.executable, `--max-old-space-size=${memoryMb}`, ...interpreterArgs(request)];
}

/**
 * Runs `request` in a fresh sandbox: bwrap (namespaces, read-only system, size-capped tmpfs
 * working directory) started inside the run's own cgroups by a shell that also sets the
 * per-process rlimits, or, without cgroups, the program under prlimit inside the sandbox. Resolves with the program's outcome; throws {@link RunnerFailedError} when the
 * sandbox failed rather than the program (bwrap reported no exit code).
 */
export async function runSandboxed(ctx: SandboxContext, interpreter: Interpreter, request: RunRequest, signal: AbortSignal): Promise<RunOutcome> {
  const names = checkedOutputFiles(request);
  if (names.length === 0) return runInSandbox(ctx, interpreter, request, signal, undefined);
  // Output files are host files bound into the sandbox's working directory (its tmpfs is gone
  // with the run); RLIMIT_FSIZE (the disk limit) bounds what is written to them.
  const outputs = await createOutputFiles(names, request.limits.runAs);
  try {
    const run = await runInSandbox(ctx, interpreter, request, signal, outputs);
    const read = await readOutputFiles(outputs.files, request.limits.outputBytes);
    return { ...run, ...(read.overLimit && run.termination === "exited" ? { termination: "output_limit" as const } : {}), files: read.files };
  } finally {
    await outputs.remove();
  }
}

async function runInSandbox(ctx: SandboxContext, interpreter: Interpreter, request: RunRequest, signal: AbortSignal, outputs: HostOutputFiles | undefined): Promise<RunOutcome> {
  const { limits, language } = request;
  const maxProcesses = limits.maxProcesses ?? SANDBOX_DEFAULTS.maxProcesses;
  const diskBytes = (limits.diskMb ?? SANDBOX_DEFAULTS.diskMb) * MiB;
  const cpuTimeMs = limits.cpuTimeMs ?? SANDBOX_DEFAULTS.cpuTimeFactor * limits.timeoutMs;
  const files = checkedFiles(request);
  const asMb = language === "python" ? limits.memoryMb : limits.memoryMb + NODE_AS_HEADROOM_MB;
  const program = commandFor(request, interpreter, limits.memoryMb);
  // The secret's pipe is inherited by bwrap and the program at SECRET_FD (never a --file: bwrap
  // would copy it into the working directory); the files' pipes follow it.
  const secret = request.secret === undefined ? [] : [request.secret];
  const firstFileFd = SECRET_FD + secret.length;
  // Descriptors this process inherited without close-on-exec would reach bwrap and, through it,
  // the program: bwrap closes each before it builds the sandbox (above the ones mapped here: 0-2,
  // the status pipe 3, the secret and the files' pipes, which replace any inherited one).
  const stray = inheritableDescriptors().filter((fd) => fd >= firstFileFd + files.length);
  // Without a cgroup the rlimits are set by prlimit inside the sandbox: RLIMIT_NPROC counts the
  // tasks of the sandbox's uid in its own user namespace (init included) only when set after the
  // namespace exists; set before, it would count the user's other processes too.
  const cpuS = Math.ceil(cpuTimeMs / 1000);
  const command =
    ctx.cgroups === undefined
      ? [ctx.prlimit, `--as=${asMb * MiB}`, "--core=0", `--fsize=${diskBytes}`, `--nproc=${maxProcesses + 1}`, `--cpu=${cpuS}:${cpuS + 1}`, "--", ...program]
      : program;
  const args = bwrapArgs({
    layout: layoutFor(interpreter),
    env: { PATH: "/usr/local/bin:/usr/bin:/bin", ...ctx.env },
    diskBytes,
    files: files.map(([name], i) => ({ fd: firstFileFd + i, name })),
    ...(outputs === undefined ? {} : { binds: outputs.files.map(([name, host]) => ({ host, name })) }),
    statusFd: 3,
    command,
    close: stray,
  });
  const cgroup =
    ctx.cgroups === undefined
      ? undefined
      : RunCgroup.create(ctx.cgroups, {
          memoryBytes: limits.memoryMb * MiB,
          maxTasks: maxProcesses + SANDBOX_TASKS,
          ...(limits.runAs === undefined ? {} : { owner: limits.runAs }),
        });
  let result: ProcessResult;
  let status: BwrapStatus;
  let stats: CgroupStats | undefined;
  try {
    result = await runProcess({
      file: cgroup === undefined ? ctx.bwrap : "/bin/sh",
      args: cgroup === undefined ? args : ["-c", JOIN_CGROUPS, "sh", String(asMb * 1024), String(Math.ceil(diskBytes / 512)), ...cgroup.procsFiles, ctx.bwrap, ...args],
      // bwrap itself gets nothing of ours either: its /proc/<pid>/environ is visible inside.
      env: {},
      ...(limits.runAs === undefined ? {} : { uid: limits.runAs.uid, gid: limits.runAs.gid }),
      stdin: request.stdin,
      inputs: [...secret, ...files.map(([, content]) => content)],
      statusPipe: true,
      blank: stray,
      timeoutMs: limits.timeoutMs,
      outputBytes: limits.outputBytes,
      ...(cgroup === undefined ? {} : { cpu: { limitMs: cpuTimeMs, usedMs: () => cgroup.cpuNs() / 1e6 }, onStop: () => cgroup.killAll() }),
      signal,
    });
    status = parseStatus(result.status);
    stats = cgroup?.stats();
    if (cgroup === undefined) await reapNamespace(status);
  } finally {
    await cgroup?.destroy();
  }
  const measured = stats === undefined ? {} : { cpuTimeMs: stats.cpuNs / 1e6, peakMemoryBytes: stats.peakMemoryBytes };
  const base = { stdout: result.stdout, stderr: result.stderr, durationMs: result.durationMs, ...measured };
  if (result.stop !== undefined) return { termination: result.stop, exitCode: result.exitCode, signal: result.signal, ...base };
  if (stats !== undefined && stats.oomKills > 0) {
    return { termination: "memory_limit", exitCode: status.exitCode ?? result.exitCode, signal: status.exitCode === undefined ? result.signal : null, ...base };
  }
  if (status.exitCode === undefined) {
    const how = result.signal !== null ? `killed by ${result.signal}` : `exit code ${String(result.exitCode)}`;
    throw new RunnerFailedError(`the sandbox failed before the program ran (bwrap ${how})${result.stderr.trim() === "" ? "" : `: ${bwrapMessages(result.stderr)}`}`);
  }
  if (stats !== undefined ? stats.cpuNs / 1e6 > cpuTimeMs : status.exitCode === SIGXCPU_EXIT) {
    return { termination: "cpu_time_limit", exitCode: status.exitCode, signal: null, ...base };
  }
  return { termination: "exited", exitCode: status.exitCode, signal: null, ...base };
}
