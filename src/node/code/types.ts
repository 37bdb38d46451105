/**
 * Shapes shared by the code verifier, its runners and the sandbox adapter.
 * @module
 */

import type { TaggedValue } from "./taggedValue.js";

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
  /**
   * For a problem that reads a file (e.g. `"input.txt"`): `input` is also written to this file in
   * the working directory (and still given on stdin). A plain file name.
   */
  readonly inputFile?: string;
  /**
   * For a problem that writes a file (e.g. `"output.txt"`): what is compared with `output` is this
   * file's content after the run instead of stdout. The file exists, empty, when the program
   * starts; it is read back bounded by the `outputBytes` limit. A plain file name.
   */
  readonly outputFile?: string;
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

/**
 * A test that is itself a program, run after the candidate in the same process (HumanEval's
 * `test` + `check(entry_point)`, MBPP's asserts). It passes when the process exits 0 *and* prints
 * a per-run marker that the verifier appends after `code`: a candidate that calls `sys.exit(0)`
 * before the checks, or swallows stdout, never reaches the marker and fails. With a runner that
 * declares {@link CodeRunner.passesSecrets}, the marker is in no file of the run (see
 * docs/verifiers.md, "Program tests").
 */
export interface ProgramTest {
  /** Discriminant. */
  readonly kind: "program";
  /** The checking code, appended to the candidate after a newline. */
  readonly code: string;
}

/**
 * A Python function-call test whose values are Python literals (read with `ast.literal_eval`) and
 * compared in Python: ints of any size, floats apart from ints, tuples, sets, dicts with
 * non-string keys, `None`/`True`/`False` all survive, where JSON would lose them. Equality is
 * Python's `==` (so `True == 1`, and `(1, 2) != [1, 2]`), with the float tolerance applied to
 * floats inside lists, tuples and dicts. The candidate's run prints the result as a literal; a
 * second run of trusted code compares it, so the expected value never enters the candidate's
 * process. Python programs only.
 */
export interface LiteralCallTest {
  /** Discriminant. */
  readonly kind: "literal-call";
  /**
   * Function to call: a name, or `Class.method` for LeetCode-style `class Solution` code (the
   * class is instantiated without arguments, then the method called).
   */
  readonly fn: string;
  /** Python literal of the positional arguments, a list or tuple: `"[[2, 7, 11, 15], 9]"`. */
  readonly args: string;
  /** Python literal of the expected result: `"1152921504606846977"`, `"(1, 2)"`, `"{1: 'a'}"`. */
  readonly expected: string;
}

/**
 * A JavaScript function-call test whose arguments and expected value are in the tagged encoding
 * ({@link TaggedValue}), so BigInts, `undefined`, `-0`, `NaN`, integers past 2^53, `Map`s and
 * `Set`s reach the function and are compared exactly. The program prints its result encoded the
 * same way; the evaluator decodes it and compares it with `expected` by `valueEqual` (the
 * expected value never enters the sandbox). JavaScript programs only.
 */
export interface TaggedCallTest {
  /** Discriminant. */
  readonly kind: "tagged-call";
  /** Name of the function to call (an identifier). */
  readonly fn: string;
  /** Positional arguments, each encoded. */
  readonly args: readonly TaggedValue[];
  /** Expected return value, encoded (a returned promise is awaited first). */
  readonly expected: TaggedValue;
}

/** One test case. */
export type CodeTest = StdioTest | CallTest | ProgramTest | LiteralCallTest | TaggedCallTest;

/**
 * Judges a stdio test's output in place of the textual comparison: for problems with more than one
 * right answer. It runs in the evaluator (trusted code), after the program exited 0 within its
 * limits, and gets the test's input, its expected output and the program's output. A throw is a
 * failure of the grading (the sample's result is `"error"`), never a wrong answer.
 */
export type OutputChecker = (args: { readonly input: string; readonly expected: string; readonly output: string }) => boolean | Promise<boolean>;

/** Reference of the code verifier: the test cases of one problem. */
export interface CodeReference {
  /** The tests, run in order. */
  readonly tests: readonly CodeTest[];
  /**
   * Code placed verbatim before the candidate program in every run (no separator is added): the
   * HumanEval prompt that a completion continues, or a problem's imports. End it with a newline
   * when the candidate starts a new statement.
   */
  readonly prelude?: string;
  /** This problem's limits, overriding the verifier's field by field (a benchmark's per-problem time limit). */
  readonly limits?: ExecutionLimits;
  /** This problem's stdout comparison, overriding the verifier's `compare`. */
  readonly compare?: "lines" | "tokens" | "exact" | "codecontests";
  /** Judges every stdio test of this problem instead of `compare` (see {@link OutputChecker}). */
  readonly checker?: OutputChecker;
  /**
   * Set when the problem cannot be graded by comparing outputs (it accepts more than one answer)
   * and no checker was given: the reason. The verifier refuses such a reference with
   * `CheckerRequiredError` (the sample's result is `"error"`), rather than grade right answers wrong.
   */
  readonly checkerRequired?: string;
  /** This problem's absolute float tolerance for call results, overriding the verifier's. */
  readonly floatTolerance?: number;
}

/** Per-test outcome, named as online judges name them. */
export type TestStatus = "passed" | "wrong_answer" | "runtime_error" | "time_limit" | "memory_limit" | "output_limit";

/** Resource limits of one program run. */
export interface ExecutionLimits {
  /** Wall-clock limit in ms; the whole sandbox (every process in it) is killed when it passes. Default 5000. */
  readonly timeoutMs?: number;
  /**
   * CPU-time limit in ms for all processes of the run together (user + system time, every thread).
   * Default: twice `timeoutMs`, so a single-threaded program meets its wall-clock limit first and
   * only a program that burns several cores at once meets this one. How it is enforced depends on
   * the runner: see {@link LocalRunnerOptions.limitMechanism}.
   */
  readonly cpuTimeMs?: number;
  /**
   * Memory limit in MiB. In the bubblewrap sandbox with a cgroup it bounds all memory of the run
   * together (every process, plus the files it writes to its in-memory /tmp); otherwise it bounds
   * each process's address space (see docs/verifiers.md). Default 512.
   */
  readonly memoryMb?: number;
  /** Cap on stdout + stderr bytes; the run is killed past it. Default 1 MiB. */
  readonly outputBytes?: number;
  /**
   * Cap on tasks (processes and threads) alive at once in the run, the interpreter's own threads
   * included (node starts about 7). Default 64 in the bubblewrap sandbox; unset (no cap) with
   * `isolation: "none"`, where the kernel counts RLIMIT_NPROC per user across the whole machine
   * and does not apply it to root, so it must come with {@link ExecutionLimits.runAs} there.
   */
  readonly maxProcesses?: number;
  /**
   * Size in MiB of each writable filesystem in the sandbox (the working directory /tmp, and
   * /dev/shm): the bound on the bytes a program can write. Default 32. Only the bubblewrap
   * sandbox can apply it.
   */
  readonly diskMb?: number;
  /**
   * Run the program as this user and group (requires root). E.g. `{ uid: 65534, gid: 65534 }`
   * (nobody). In the bubblewrap sandbox the sandbox itself is started as that user (an
   * unprivileged user namespace), so the interpreter must be readable by it.
   */
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
  /**
   * Files of the working directory the runner returns after the run in {@link RunOutcome.files}
   * (plain names, not among `files`): each exists, empty, when the program starts, and is read
   * back bounded by `limits.outputBytes` (past it the run is an `"output_limit"`). A runner that
   * cannot return files must throw rather than leave them out.
   */
  readonly outputFiles?: readonly string[];
  /**
   * The secret of a program test (its end-of-checks marker). A runner that declares
   * {@link CodeRunner.passesSecrets} hands it to the program on an inherited pipe only (no file,
   * argument or environment variable holds it) and starts `python -I -B -c <bootstrap> main.py`
   * or `node -e <bootstrap> main.js`, whose trusted bootstrap reads and closes the pipe before any
   * of the main file runs.
   */
  readonly secret?: string;
  /** Resolved limits; the optional ones take the runner's defaults when absent. */
  readonly limits: Required<Pick<ExecutionLimits, "timeoutMs" | "memoryMb" | "outputBytes">> &
    Pick<ExecutionLimits, "cpuTimeMs" | "maxProcesses" | "diskMb" | "runAs">;
}

/** How a run ended. */
export interface RunOutcome {
  /**
   * `"exited"`: ended by itself (any exit code or signal); the others: stopped by the runner or
   * sandbox. `"memory_limit"` is reported when the sandbox saw its memory limit kill a process
   * (a cgroup OOM kill), whichever process it chose.
   */
  readonly termination: "exited" | "time_limit" | "cpu_time_limit" | "memory_limit" | "output_limit" | "aborted";
  /**
   * Exit code, or `null` when killed by a signal. Inside the bubblewrap sandbox a program killed
   * by signal N is reported as exit code 128 + N (the sandbox's init process passes it on so).
   */
  readonly exitCode: number | null;
  /** Terminating signal name, if any. */
  readonly signal: string | null;
  /** Captured stdout (at most the output cap). */
  readonly stdout: string;
  /** Captured stderr (at most the output cap). */
  readonly stderr: string;
  /** The content of each of the request's `outputFiles`, name → UTF-8 text. */
  readonly files?: Readonly<Record<string, string>>;
  /** Wall-clock duration in ms. */
  readonly durationMs: number;
  /** CPU time of all processes of the run together, in ms, when the runner can measure it (a cgroup). */
  readonly cpuTimeMs?: number;
  /** Peak memory of the run in bytes, when the runner can measure it (a cgroup). */
  readonly peakMemoryBytes?: number;
}

/** How a runner isolates programs, as reported by {@link CodeRunner.isolation}. */
export interface IsolationInfo {
  /**
   * `"bwrap"`: bubblewrap namespaces on this machine; `"none"`: plain child processes (no
   * sandbox); `"remote"`: a service such as SandboxFusion runs the programs.
   */
  readonly kind: "bwrap" | "none" | "remote";
  /**
   * How memory and process limits cover the whole process tree: `"cgroup-v1"` (one cgroup per
   * run), `"rlimit"` (per-process limits times a process cap), `"service"` (up to the remote
   * service).
   */
  readonly treeLimits: "cgroup-v1" | "rlimit" | "service";
  /** One line for people, e.g. for the CLI. */
  readonly summary: string;
}

/**
 * Executes one program run. Implementations: {@link localRunner} (bubblewrap sandbox on this
 * machine) and {@link sandboxFusionRunner} (remote SandboxFusion service); any function of this
 * shape works. A runner throws only when it could not run the program at all (interpreter
 * missing, sandbox setup failed, service unreachable): that becomes a verifier `"error"`, never a
 * failed test.
 */
export interface CodeRunner {
  (request: RunRequest, signal: AbortSignal): Promise<RunOutcome>;
  /** What isolation the runner gives, when it says. */
  readonly isolation?: IsolationInfo;
  /**
   * Throws if the runner cannot enforce `limits` (e.g. a process cap for root without a cgroup).
   * {@link codeVerifier} calls it at construction, so an unenforceable limit fails early instead
   * of being skipped.
   */
  readonly checkLimits?: (limits: RunRequest["limits"]) => void;
  /**
   * `true` when the runner honours {@link RunRequest.secret} (the local runners do). The code
   * verifier then keeps the end-of-checks marker of program tests (Python and JavaScript) out of
   * the program's file; with any other runner it writes the marker into the program, where the program can read it.
   */
  readonly passesSecrets?: boolean;
}

/** A {@link CodeRunner} that always says how it isolates programs, as the built-in runners do. */
export interface IsolatedCodeRunner extends CodeRunner {
  /** What isolation the runner gives. */
  readonly isolation: IsolationInfo;
}
