/**
 * Running a candidate program in a child process with limits.
 * @module
 */
import { spawn, spawnSync } from "node:child_process";
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { PasskError } from "../../errors/errors.js";
import type { CodeLanguage, CodeRunner, RunOutcome, RunRequest } from "./types.js";

/** Options of {@link localRunner}. */
export interface LocalRunnerOptions {
  /** Python interpreter. Default `"python3"`. */
  readonly python?: string;
  /** Node executable. Default the running one (`process.execPath`). */
  readonly node?: string;
  /** Variables added to the otherwise empty environment (which holds only `PATH`). */
  readonly env?: Readonly<Record<string, string>>;
  /** Where temporary working directories are made. Default `os.tmpdir()`. */
  readonly tmpDir?: string;
}

/** Main file name per language; JavaScript runs as a CommonJS script. */
export const MAIN_FILE: Readonly<Record<CodeLanguage, string>> = { python: "main.py", javascript: "main.js" };

// V8 reserves a large virtual address range up front (about 1 GiB for its code range, cages for
// pointer compression), so an address-space limit equal to the heap budget kills node at start.
// JavaScript programs are bounded by --max-old-space-size instead, with RLIMIT_AS set this much
// higher only to stop runaway off-heap allocations (Buffers, typed arrays).
const NODE_AS_HEADROOM_MB = 4096;

// `python3` is often a shim (pyenv, asdf) that is a shell script adding its own variables to the
// environment and ~100 ms to every start; run the interpreter it resolves to instead.
const resolvedPython = new Map<string, string>();
function resolvePython(python: string): string {
  let real = resolvedPython.get(python);
  if (real === undefined) {
    const r = spawnSync(python, ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" });
    const path = r.status === 0 ? r.stdout.trim() : "";
    real = path === "" ? python : path;
    resolvedPython.set(python, real);
  }
  return real;
}

let prlimitPath: string | null | undefined;
function findPrlimit(): string | null {
  if (prlimitPath === undefined) {
    const r = spawnSync("prlimit", ["--version"], { stdio: "ignore" });
    prlimitPath = r.error === undefined && r.status === 0 ? "prlimit" : null;
  }
  return prlimitPath;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * A {@link CodeRunner} that runs each program in a fresh child process on this machine:
 *
 * - a fresh temporary working directory (mode 0700, removed afterwards, even on failure);
 * - an empty environment except `PATH` (plus `options.env`);
 * - stdin is a pipe that receives the test input and is then closed, so nothing of the parent's
 *   stdin leaks in and a second read sees end-of-file;
 * - the child is spawned `detached`, i.e. as the leader of its own process group, and the whole
 *   group is SIGKILLed at the wall-clock limit, past the output cap, on abort, and also as soon
 *   as the main process exits (so background children never outlive the run);
 * - limits via util-linux `prlimit`: RLIMIT_AS (memory), RLIMIT_CORE = 0, RLIMIT_FSIZE (files
 *   written) = the output cap, RLIMIT_NPROC if `maxProcesses` is set. Python runs as
 *   `python3 -I -B` (isolated: no user site, no PYTHON* variables; a `python3` shim such as
 *   pyenv's is resolved to the real interpreter once, so it cannot add variables); node gets
 *   `--max-old-space-size` = the memory limit.
 *
 * A child process is NOT a security sandbox: the program can read any file the user can, use
 * the network, and a process that calls setsid() leaves the group. Run untrusted code inside a
 * container or VM, or use {@link sandboxFusionRunner}.
 *
 * @param options - see {@link LocalRunnerOptions}
 * @throws {@link index!PasskError} (code `PRLIMIT_UNAVAILABLE`) when a run is requested and `prlimit` is not installed
 *
 * @example
 * ```ts
 * import { localRunner } from "passk/node";
 * const run = localRunner();
 * const limits = { timeoutMs: 3000, memoryMb: 256, outputBytes: 4096 };
 * const out = await run({ language: "python", source: "print(int(input()) + 1)", stdin: "41\n", limits }, new AbortController().signal);
 * console.log(out.termination, out.exitCode, JSON.stringify(out.stdout)); // => exited 0 "42\n"
 * ```
 */
export function localRunner(options: LocalRunnerOptions = {}): CodeRunner {
  const python = options.python ?? "python3";
  const node = options.node ?? process.execPath;
  return async (request: RunRequest, signal: AbortSignal): Promise<RunOutcome> => {
    const prlimit = findPrlimit();
    if (prlimit === null) {
      throw new PasskError("PRLIMIT_UNAVAILABLE", "the local code runner needs util-linux `prlimit` on PATH to apply memory limits");
    }
    const { limits } = request;
    const dir = await mkdtemp(join(options.tmpDir ?? tmpdir(), "passk-code-"));
    try {
      const main = MAIN_FILE[request.language];
      await writeFile(join(dir, main), request.source);
      for (const [name, content] of Object.entries(request.files ?? {})) {
        if (name.includes("/") || name.startsWith(".")) {
          throw new PasskError("INVALID_ARGUMENT", `file name ${JSON.stringify(name)} must be a plain name inside the working directory`);
        }
        await writeFile(join(dir, name), content);
      }
      if (limits.runAs !== undefined) await chown(dir, limits.runAs.uid, limits.runAs.gid);
      const asMb = request.language === "python" ? limits.memoryMb : limits.memoryMb + NODE_AS_HEADROOM_MB;
      const rl = [`--as=${asMb * 1024 * 1024}`, "--core=0", `--fsize=${Math.max(limits.outputBytes, 1 << 20)}`];
      if (limits.maxProcesses !== undefined) rl.push(`--nproc=${limits.maxProcesses}`);
      const cmd =
        request.language === "python"
          ? [resolvePython(python), "-I", "-B", main]
          : [node, `--max-old-space-size=${limits.memoryMb}`, main];
      return await runChild(prlimit, [...rl, "--", ...cmd], dir, request, signal, options.env ?? {});
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

function runChild(
  file: string,
  args: string[],
  cwd: string,
  request: RunRequest,
  signal: AbortSignal,
  extraEnv: Readonly<Record<string, string>>,
): Promise<RunOutcome> {
  const { limits } = request;
  return new Promise<RunOutcome>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, args, {
      cwd,
      detached: true,
      env: { PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin", ...extraEnv },
      stdio: ["pipe", "pipe", "pipe"],
      ...(limits.runAs === undefined ? {} : { uid: limits.runAs.uid, gid: limits.runAs.gid }),
    });
    let termination: RunOutcome["termination"] = "exited";
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let total = 0;
    let exit: { code: number | null; signal: string | null } | undefined;
    let open = 2;
    let finished = false;

    const stop = (why: RunOutcome["termination"]): void => {
      if (termination === "exited" && exit === undefined) termination = why;
      killGroup(child.pid);
    };
    const timer = setTimeout(() => stop("time_limit"), limits.timeoutMs);
    const onAbort = (): void => stop("aborted");
    signal.addEventListener("abort", onAbort, { once: true });
    if (signal.aborted) onAbort();
    let grace: ReturnType<typeof setTimeout> | undefined;

    const finish = (): void => {
      if (finished || exit === undefined || open > 0) return;
      finished = true;
      clearTimeout(timer);
      if (grace !== undefined) clearTimeout(grace);
      signal.removeEventListener("abort", onAbort);
      resolve({
        termination,
        exitCode: exit.code,
        signal: exit.signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        durationMs: performance.now() - started,
      });
    };
    const collect = (into: Buffer[]) => (chunk: Buffer): void => {
      if (termination === "output_limit") return;
      const room = limits.outputBytes - total;
      if (chunk.length > room) {
        if (room > 0) into.push(chunk.subarray(0, room));
        total = limits.outputBytes;
        stop("output_limit");
        return;
      }
      into.push(chunk);
      total += chunk.length;
    };
    for (const [stream, into] of [[child.stdout, out], [child.stderr, err]] as const) {
      stream.on("data", collect(into));
      stream.on("close", () => {
        open--;
        finish();
      });
    }
    child.stdin.on("error", () => {
      // EPIPE: the program exited or closed stdin without reading all of it; not an error here.
    });
    child.stdin.end(request.stdin);
    child.on("error", (e) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      killGroup(child.pid);
      reject(new PasskError("SPAWN_FAILED", `could not start ${file}: ${e.message}`));
    });
    child.on("exit", (code, sig) => {
      exit = { code, signal: sig };
      // Reap whatever the program left running in its group; its pipes then close.
      killGroup(child.pid);
      // A process that left the group (setsid) may hold the pipes open: stop waiting for them.
      grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, 250);
      finish();
    });
  });
}
