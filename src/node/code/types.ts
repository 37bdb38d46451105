/**
 * Shapes shared by the code verifier, its runners and the sandbox adapter.
 * @module
 */

/** A JSON value: what function-call tests pass as arguments and compare as results. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Languages the code verifier can run: Python through `python3`, JavaScript through `node` (as a CommonJS script). */
export type CodeLanguage = "python" | "javascript";

/** A test that feeds `input` on stdin and compares stdout with `output`. */
export interface StdioTest {
  /** Discriminant; may be omitted for stdio tests. */
  readonly kind?: "stdio";
  /** Text written to the program's stdin, which is then closed. */
  readonly input: string;
  /** Expected stdout (compared per {@link CodeVerifierOptions.compare}). */
  readonly output: string;
}

/** A test that calls a function defined by the program and compares its JSON result. */
export interface CallTest {
  /** Discriminant. */
  readonly kind: "call";
  /** Name of the function to call. */
  readonly fn: string;
  /** Positional arguments. */
  readonly args: readonly JsonValue[];
  /** Expected return value (Python tuples compare as arrays; JS `undefined` as `null`). */
  readonly expected: JsonValue;
}

/** One test case. */
export type CodeTest = StdioTest | CallTest;

/** Reference of the code verifier: the test cases of one problem. */
export interface CodeReference {
  /** The tests, run in order. */
  readonly tests: readonly CodeTest[];
}

/** Per-test outcome, named as online judges name them. */
export type TestStatus = "passed" | "wrong_answer" | "runtime_error" | "time_limit" | "memory_limit" | "output_limit";

/** Resource limits of one program run. */
export interface ExecutionLimits {
  /** Wall-clock limit in ms; the whole process group is killed when it passes. Default 5000. */
  readonly timeoutMs?: number;
  /** Address-space limit in MiB (see docs/verifiers.md for how each language is bounded). Default 512. */
  readonly memoryMb?: number;
  /** Cap on stdout + stderr bytes; the process group is killed past it. Default 1 MiB. */
  readonly outputBytes?: number;
  /**
   * RLIMIT_NPROC for the run. Unset by default: the kernel counts it per user, and does not
   * enforce it for root, so it is only meaningful together with {@link ExecutionLimits.runAs}.
   */
  readonly maxProcesses?: number;
  /** Run the program as this user and group (requires root). E.g. `{ uid: 65534, gid: 65534 }` (nobody). */
  readonly runAs?: {
    /** Numeric user id to switch to. */
    readonly uid: number;
    /** Numeric group id to switch to. */
    readonly gid: number;
  };
}

/** What a runner is asked to execute. */
export interface RunRequest {
  /** Language of `source`. */
  readonly language: CodeLanguage;
  /** The program text. */
  readonly source: string;
  /** Text for stdin (closed afterwards). */
  readonly stdin: string;
  /** Extra files to create in the working directory, name → UTF-8 content. */
  readonly files?: Readonly<Record<string, string>>;
  /** Resolved limits. */
  readonly limits: Required<Pick<ExecutionLimits, "timeoutMs" | "memoryMb" | "outputBytes">> & Pick<ExecutionLimits, "maxProcesses" | "runAs">;
}

/** How a run ended. */
export interface RunOutcome {
  /** `"exited"`: ended by itself (any exit code or signal); the others: stopped by the runner or sandbox. */
  readonly termination: "exited" | "time_limit" | "output_limit" | "aborted";
  /** Exit code, or `null` when killed by a signal. */
  readonly exitCode: number | null;
  /** Terminating signal name, if any. */
  readonly signal: string | null;
  /** Captured stdout (at most the output cap). */
  readonly stdout: string;
  /** Captured stderr (at most the output cap). */
  readonly stderr: string;
  /** Wall-clock duration in ms. */
  readonly durationMs: number;
}

/**
 * Executes one program run. Implementations: {@link localRunner} (child process on this machine)
 * and {@link sandboxFusionRunner} (remote SandboxFusion service). A runner throws only when it
 * could not run the program at all (spawn failure, sandbox unreachable): that becomes a verifier
 * `"error"`, never a failed test.
 */
export type CodeRunner = (request: RunRequest, signal: AbortSignal) => Promise<RunOutcome>;
