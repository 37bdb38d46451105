/**
 * Running candidate programs on this machine, in a bubblewrap sandbox by default.
 * @module
 */
import { realpathSync } from "node:fs";
import { assertNodeJs, currentRuntime } from "../runtime.js";
import { tmpdir } from "node:os";
import { InvalidArgumentError } from "../../errors/errors.js";
import { probeBwrap, SANDBOX_FIXES } from "./bwrapProbe.js";
import { detectCgroupV1, type CgroupV1Parents } from "./cgroupV1.js";
import { LimitUnavailableError, RunnerFailedError, SandboxUnavailableError } from "./errors.js";
import { findExecutable, resolveNode, resolvePython, type Interpreter } from "./interpreters.js";
import { baseLayout, isVisible } from "./sandboxLayout.js";
import { runSandboxed, SANDBOX_DEFAULTS } from "./sandboxRun.js";
import type { CodeLanguage, IsolatedCodeRunner, IsolationInfo, RunOutcome, RunRequest } from "./types.js";
import { runUnsandboxed } from "./unsandboxedRun.js";

/** Options of {@link localRunner}. */
export interface LocalRunnerOptions {
  /**
   * `"bwrap"` (default): every run in a fresh bubblewrap sandbox; the runner refuses to be built
   * where bubblewrap is missing or cannot create namespaces. `"none"`: plain child processes,
   * which can read every file your user can, use the network, signal your processes and leave
   * daemons behind; only for programs you trust (see docs/verifiers.md, "Threat model").
   */
  readonly isolation?: "bwrap" | "none";
  /** The bubblewrap executable. Default `bwrap` on PATH. */
  readonly bwrap?: string;
  /**
   * How memory, task and CPU limits cover the whole process tree of a run in the sandbox:
   * `"cgroup"`: one cgroup (v1) per run, made under this process's own (an error if none is
   * writable); `"rlimit"`: per-process limits (RLIMIT_AS, RLIMIT_CPU) times a cap on the tasks of
   * the sandbox's user (RLIMIT_NPROC, counted inside its user namespace), which the kernel does
   * not apply to root, so as root it needs `runAs`; `"auto"` (default): cgroup if writable, else rlimit.
   */
  readonly limitMechanism?: "auto" | "cgroup" | "rlimit";
  /** Python interpreter (a path, or a command on PATH; shims such as pyenv's are resolved once). Default `"python3"`. */
  readonly python?: string;
  /** Node executable. Default the running one (`process.execPath`). */
  readonly node?: string;
  /** Variables added to the program's otherwise empty environment (which holds only `PATH`). */
  readonly env?: Readonly<Record<string, string>>;
  /** With `isolation: "none"` only: where temporary working directories are made. Default `os.tmpdir()`. */
  readonly tmpDir?: string;
}

const PROBE_OUTPUT = "passk-sandbox-ok";
const TRIAL_TIME_MS = 30_000;
const PROBE_SOURCE: Readonly<Record<CodeLanguage, string>> = {
  python: `print(${JSON.stringify(PROBE_OUTPUT)})`,
  javascript: `console.log(${JSON.stringify(PROBE_OUTPUT)})`,
};

function checkOptions(options: LocalRunnerOptions): void {
  const { isolation, limitMechanism, env } = options;
  if (isolation !== undefined && isolation !== "bwrap" && isolation !== "none") {
    throw new InvalidArgumentError(`isolation must be "bwrap" or "none", got ${String(isolation)}`, { field: "isolation", value: isolation });
  }
  if (limitMechanism !== undefined && limitMechanism !== "auto" && limitMechanism !== "cgroup" && limitMechanism !== "rlimit") {
    throw new InvalidArgumentError(`limitMechanism must be "auto", "cgroup" or "rlimit", got ${String(limitMechanism)}`, { field: "limitMechanism", value: limitMechanism });
  }
  for (const [k, v] of Object.entries(env ?? {})) {
    if (typeof v !== "string" || k === "" || k.includes("=") || k.includes("\0") || v.includes("\0")) {
      throw new InvalidArgumentError(`env.${k} must be a string variable without "=" in its name or NUL bytes`, { field: `env.${k}`, value: v });
    }
  }
}

function uid(): number {
  return process.getuid?.() ?? -1;
}

function assertRunAs(limits: RunRequest["limits"]): void {
  if (limits.runAs !== undefined && uid() !== 0) {
    throw new LimitUnavailableError("limits.runAs needs this process to run as root", { field: "limits.runAs", value: limits.runAs });
  }
}

/**
 * A {@link CodeRunner} that runs each program on this machine. By default every run gets a fresh
 * bubblewrap sandbox:
 *
 * - new user, PID, mount, network, IPC, UTS and cgroup namespaces, no user namespaces inside, no
 *   capabilities, uid/gid 65534 inside; `--die-with-parent`, `--new-session`;
 * - a filesystem of read-only system directories (/usr and its links), a few harmless /etc files
 *   and the interpreter's own directories; its own /proc (the evaluator's processes are invisible
 *   and cannot be signalled; kernel settings read-only); a minimal /dev; the working directory
 *   /tmp and /dev/shm are size-capped tmpfs; nothing else of the host exists inside;
 * - no network at all (only a loopback device of its own);
 * - an environment of only `PATH` (plus `options.env`); bwrap itself gets an empty one;
 * - descriptors 0-2 only (plus a program test's secret pipe, closed before the program
 *   runs): any other this process inherited without close-on-exec is closed by bwrap before it
 *   builds the sandbox;
 * - memory, task count and CPU time limited for the whole process tree by one cgroup per run
 *   (or per-process rlimits times a task cap where no cgroup is writable; see `limitMechanism`);
 * - the PID namespace torn down when the program exits or is stopped, so no descendant survives
 *   the run, whatever it called (setsid, double fork, setpgid).
 *
 * The outcome of a run is the program's; when the sandbox itself fails (interpreter missing or not
 * executable, bwrap setup error, the runner killed) the runner throws {@link RunnerFailedError},
 * which the code verifier reports as `"error"`, never as a wrong answer. Each interpreter is first
 * checked once per set of limits by running a one-line program in the same sandbox.
 *
 * Without bubblewrap the runner refuses to be built ({@link SandboxUnavailableError}, naming the
 * fixes) unless `isolation: "none"` is passed explicitly.
 *
 * @param options - see {@link LocalRunnerOptions}
 * @throws {@link SandboxUnavailableError} when bubblewrap is missing or cannot build a sandbox here
 * @throws {@link LimitUnavailableError} when util-linux `prlimit` is missing, or `limitMechanism: "cgroup"` has no writable cgroup
 *
 * @example
 * ```ts
 * import { localRunner } from "passk/node";
 * const run = localRunner();
 * console.log(run.isolation.kind); // => bwrap
 * const limits = { timeoutMs: 3000, memoryMb: 256, outputBytes: 4096 };
 * const out = await run({ language: "python", source: "print(int(input()) + 1)", stdin: "41\n", limits }, new AbortController().signal);
 * console.log(out.termination, out.exitCode, JSON.stringify(out.stdout)); // => exited 0 "42\n"
 * ```
 */
export function localRunner(options: LocalRunnerOptions = {}): IsolatedCodeRunner {
  checkOptions(options);
  const python = options.python ?? "python3";
  // Under Bun or Deno, process.execPath is that runtime, not Node.js: JavaScript programs would run
  // under other limits (Bun ignores --max-old-space-size) or not at all (Deno's V8 cage does not
  // fit RLIMIT_AS). Only the JavaScript path needs Node.js, so the check waits for it.
  const node = options.node ?? (currentRuntime().name === "node" ? process.execPath : undefined);
  const env = { ...(options.env ?? {}) };
  const prlimit = findExecutable("prlimit");
  if (prlimit === undefined) {
    throw new LimitUnavailableError("util-linux `prlimit` is not on PATH; the local runner needs it to apply per-process limits", { field: "limits", value: "prlimit" });
  }
  const interpreter = async (language: CodeLanguage): Promise<Interpreter> => {
    if (language === "python") return resolvePython(python);
    if (node === undefined) {
      assertNodeJs("localRunner: running JavaScript programs", 'pass localRunner({ node: "/path/to/node" })');
    }
    return resolveNode(node as string);
  };

  let isolation: IsolationInfo;
  let checkLimits: (limits: RunRequest["limits"]) => void;
  let execute: (interp: Interpreter, request: RunRequest, signal: AbortSignal) => Promise<RunOutcome>;

  // The sandbox passes its files and reads bwrap's status through extra file descriptors, which
  // Bun's and Deno's child_process do not carry the way Node's does: there every probe fails.
  // Refuse plainly rather than report bubblewrap as missing.
  if (options.isolation !== "none") {
    assertNodeJs("localRunner: the bubblewrap sandbox", "run passk under Node.js, or use sandboxFusionRunner({ endpoint })");
  }
  if (options.isolation === "none") {
    isolation = {
      kind: "none",
      treeLimits: "rlimit",
      summary: "no sandbox (isolation: none): programs run as plain child processes with per-process limits; they can read your files, use the network and signal your processes",
    };
    checkLimits = (limits) => {
      assertRunAs(limits);
      if (limits.maxProcesses !== undefined && (limits.runAs?.uid ?? uid()) === 0) {
        throw new LimitUnavailableError(
          "limits.maxProcesses cannot be applied: without the sandbox it is RLIMIT_NPROC, which the kernel does not enforce for root; pass limits.runAs or use the bubblewrap sandbox",
          { field: "limits.maxProcesses", value: limits.maxProcesses },
        );
      }
      if (limits.diskMb !== undefined) {
        throw new LimitUnavailableError("limits.diskMb needs the bubblewrap sandbox (a size-capped tmpfs); without it only each file is capped (RLIMIT_FSIZE)", {
          field: "limits.diskMb",
          value: limits.diskMb,
        });
      }
    };
    const ctx = { prlimit, env, tmpDir: options.tmpDir ?? tmpdir() };
    execute = (interp, request, signal) => runUnsandboxed(ctx, interp, request, signal);
  } else {
    const bwrap = probeBwrap(options.bwrap);
    if (!isVisible(baseLayout(), realpathSync(prlimit))) {
      throw new SandboxUnavailableError(`prlimit (${prlimit}) is outside the system directories the sandbox shows. ${SANDBOX_FIXES}`, { field: "prlimit", value: prlimit });
    }
    const mechanism = options.limitMechanism ?? "auto";
    let cgroups: CgroupV1Parents | undefined;
    let why = "limitMechanism: rlimit";
    if (mechanism !== "rlimit") {
      const found = detectCgroupV1();
      cgroups = found.parents;
      why = found.reason ?? "";
      if (cgroups === undefined && mechanism === "cgroup") {
        throw new LimitUnavailableError(`limitMechanism "cgroup" cannot be honoured: ${why}`, { field: "limitMechanism", value: mechanism });
      }
    }
    isolation = {
      kind: "bwrap",
      treeLimits: cgroups === undefined ? "rlimit" : "cgroup-v1",
      summary:
        `bubblewrap sandbox (${bwrap.version}): new user, PID, mount, network, IPC and UTS namespaces; read-only system files, size-capped /tmp; ` +
        (cgroups === undefined
          ? `memory per process times a task cap (RLIMIT_AS, RLIMIT_NPROC; no cgroup: ${why})`
          : "memory, tasks and CPU time limited for the whole process tree by a cgroup (v1) per run"),
    };
    checkLimits = (limits) => {
      assertRunAs(limits);
      if (limits.runAs !== undefined) probeBwrap(options.bwrap, limits.runAs);
      if (cgroups === undefined && (limits.runAs?.uid ?? uid()) === 0) {
        throw new LimitUnavailableError(
          `limits.maxProcesses (default ${SANDBOX_DEFAULTS.maxProcesses}) cannot be applied: there is no writable cgroup (${why}), and RLIMIT_NPROC is not enforced ` +
            "for root; pass limits.runAs (e.g. { uid: 65534, gid: 65534 }, with an interpreter that user can read), run passk as a non-root user, or give it a writable cgroup v1 hierarchy",
          { field: "limits.maxProcesses", value: limits.maxProcesses ?? SANDBOX_DEFAULTS.maxProcesses },
        );
      }
    };
    const ctx = { bwrap: bwrap.path, prlimit, env, cgroups };
    execute = (interp, request, signal) => runSandboxed(ctx, interp, request, signal);
  }

  // One successful trial run per interpreter and set of memory/task/disk limits: a broken
  // interpreter, or limits it cannot even start under, then fail as the runner's error, not as
  // every program's runtime error. Time limits are not what is tried (a loaded machine may be
  // slow to start anything), so the trial gets at least TRIAL_TIME_MS.
  const verified = new Map<string, Promise<void>>();
  const verify = (interp: Interpreter, request: RunRequest, signal: AbortSignal): Promise<void> => {
    const { timeoutMs, cpuTimeMs, ...bounds } = request.limits;
    const trialLimits = { ...bounds, timeoutMs: Math.max(timeoutMs, TRIAL_TIME_MS), ...(cpuTimeMs === undefined ? {} : { cpuTimeMs: Math.max(cpuTimeMs, TRIAL_TIME_MS) }) };
    const key = JSON.stringify([request.language, bounds]);
    let p = verified.get(key);
    if (p === undefined) {
      p = (async () => {
        // Not tied to the caller's signal: concurrent callers share this trial, and one caller's
        // abort must not fail it for the others. The run's own limits bound it.
        const trial: RunRequest = { language: request.language, source: PROBE_SOURCE[request.language], stdin: "", limits: trialLimits };
        const out = await execute(interp, trial, new AbortController().signal);
        if (out.termination !== "exited" || out.exitCode !== 0 || out.stdout.trim() !== PROBE_OUTPUT) {
          const last = out.stderr.trim().split("\n").at(-1)?.slice(0, 300) ?? "";
          const what = out.termination !== "exited" ? out.termination : out.exitCode !== 0 ? `exit code ${String(out.exitCode)}` : `output ${JSON.stringify(out.stdout.slice(0, 100))}`;
          throw new RunnerFailedError(
            `${request.language} (${interp.executable}) cannot run a one-line program in the ${isolation.kind === "bwrap" ? "sandbox" : "runner"} under limits ${JSON.stringify(trialLimits)}: ${what}${last === "" ? "" : ` (${last})`}`,
          );
        }
      })();
      verified.set(key, p);
      p.catch(() => verified.delete(key));
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason ?? new Error("aborted"));
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      (p as Promise<void>).then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  };

  const run = async (request: RunRequest, signal: AbortSignal): Promise<RunOutcome> => {
    checkLimits(request.limits);
    const interp = await interpreter(request.language);
    await verify(interp, request, signal);
    return execute(interp, request, signal);
  };
  return Object.assign(run, { isolation, checkLimits, passesSecrets: true });
}
