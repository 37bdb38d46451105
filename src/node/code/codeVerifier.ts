/**
 * The code verifier: run a candidate program against test cases.
 * @module
 */
import { randomUUID } from "node:crypto";
import { InvalidArgumentError } from "../../errors/errors.js";
import { extractCodeBlock } from "../../verifiers/extractCodeBlock.js";
import type { Verifier, VerifierResult } from "../../verifiers/verifier.js";
import { CALL_FILE, callFile, resultAfterMarker, withCallHarness } from "./callHarness.js";
import { jsonEqual, outputMatches, type OutputComparison } from "./compareOutput.js";
import { localRunner } from "./localRunner.js";
import { printedMarker, withProgramTest } from "./programTest.js";
import { judgeVerdict, LITERAL_CALL_FILE, LITERAL_JUDGE_FILE, LITERAL_JUDGE_SOURCE, literalCallFile, literalJudgeFile, withLiteralCallHarness } from "./literalCallHarness.js";
import { endOfChecksSecret, nodeEndOfChecksSecret } from "./endOfChecks.js";
import { assertNodeJs } from "../runtime.js";
import { CheckerRequiredError, RunnerFailedError } from "./errors.js";
import { checkTaggedCallTest, judgeTaggedCall, TAGGED_CALL_FILE, taggedCallFile, withTaggedCallHarness } from "./taggedCallHarness.js";
import type { CodeLanguage, CodeReference, CodeRunner, CodeTest, ExecutionLimits, JsonValue, LiteralCallTest, OutputChecker, RunOutcome, RunRequest, StdioTest, TestStatus } from "./types.js";
import { nameFunction } from "../../verifiers/nameFunction.js";

/** Outcome of one test case. */
export interface TestResult {
  /** Index of the test in the reference. */
  readonly index: number;
  /** Verdict. */
  readonly status: TestStatus;
  /** Wall-clock time of the run in ms. */
  readonly durationMs: number;
  /** Exit code, or `null` if killed by a signal. */
  readonly exitCode: number | null;
  /** Terminating signal, if any. */
  readonly signal: string | null;
  /** Short explanation for a failure, e.g. the last line of a traceback. */
  readonly reason?: string;
}

/** Result of {@link codeVerifier}: a verifier result plus the per-test outcomes. */
export interface CodeVerifierResult extends VerifierResult {
  /** One entry per test run (fewer than the tests when `stopOnFirstFailure` stopped early). */
  readonly tests: readonly TestResult[];
}

/** Options of {@link codeVerifier}. */
export interface CodeVerifierOptions {
  /** Language of the candidate programs. */
  readonly language: CodeLanguage;
  /**
   * `"all-or-nothing"` (default): score 1 if every test passes, else 0; `"fraction"`: score =
   * passed / total. Either way the sample is correct only when every test passes.
   */
  readonly scoring?: "all-or-nothing" | "fraction";
  /** Limits of each test run; see {@link ExecutionLimits}. */
  readonly limits?: ExecutionLimits;
  /** Where programs run. Default {@link localRunner}() (the bubblewrap sandbox). */
  readonly runner?: CodeRunner;
  /** Take the program from the last fenced code block of the response (default `true`). */
  readonly extractCode?: boolean;
  /** How stdout is compared for stdio tests (default `"lines"`). */
  readonly compare?: OutputComparison;
  /** Absolute tolerance for numbers in function-call results (default 0). */
  readonly floatTolerance?: number;
  /** Stop at the first failing test (faster; later tests are not run and count as failed). Default `false`. */
  readonly stopOnFirstFailure?: boolean;
}

const FENCE_TAGS: Readonly<Record<CodeLanguage, readonly string[]>> = {
  python: ["python", "py", "python3"],
  javascript: ["javascript", "js", "node", "nodejs"],
};

function positiveInt(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(`limits.${field} must be a safe integer >= 1, got ${String(value)}`, { field: `limits.${field}`, value });
  }
  return value;
}

/**
 * Fills in the default limits (5000 ms, 512 MiB, 1 MiB of output) and checks every limit given.
 * `cpuTimeMs`, `maxProcesses` and `diskMb` stay absent when not given: their defaults depend on
 * the runner (see {@link ExecutionLimits}).
 *
 * @throws {@link index!InvalidArgumentError} for a limit that is not a safe integer ≥ 1, or a malformed `runAs`
 * @example
 * ```ts
 * import { resolveLimits } from "passk/node";
 * const l = resolveLimits({ timeoutMs: 2000, diskMb: 8 });
 * console.log(l.timeoutMs, l.memoryMb, l.outputBytes, l.diskMb, l.cpuTimeMs); // => 2000 512 1048576 8 undefined
 * ```
 */
export function resolveLimits(limits: ExecutionLimits = {}): RunRequest["limits"] {
  if (limits === null || typeof limits !== "object") {
    throw new InvalidArgumentError(`limits must be an object, got ${String(limits)}`, { field: "limits", value: limits });
  }
  const out: { -readonly [K in keyof RunRequest["limits"]]: RunRequest["limits"][K] } = {
    timeoutMs: positiveInt(limits.timeoutMs ?? 5000, "timeoutMs"),
    memoryMb: positiveInt(limits.memoryMb ?? 512, "memoryMb"),
    outputBytes: positiveInt(limits.outputBytes ?? 1 << 20, "outputBytes"),
  };
  if (limits.cpuTimeMs !== undefined) out.cpuTimeMs = positiveInt(limits.cpuTimeMs, "cpuTimeMs");
  if (limits.maxProcesses !== undefined) out.maxProcesses = positiveInt(limits.maxProcesses, "maxProcesses");
  if (limits.diskMb !== undefined) out.diskMb = positiveInt(limits.diskMb, "diskMb");
  if (limits.runAs !== undefined) {
    const r = limits.runAs as { uid?: unknown; gid?: unknown } | null;
    const id = (v: unknown): boolean => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
    if (r === null || typeof r !== "object" || !id(r.uid) || !id(r.gid)) {
      throw new InvalidArgumentError(`limits.runAs must be { uid, gid } with non-negative integer ids, got ${JSON.stringify(r)}`, { field: "limits.runAs", value: r });
    }
    out.runAs = { uid: r.uid as number, gid: r.gid as number };
  }
  return out;
}

const MEMORY_PATTERNS = /MemoryError|JavaScript heap out of memory|Reached heap limit|Fatal process out of memory|Fatal process OOM|Cannot allocate memory|std::bad_alloc/u;

// Node ends the report of an uncaught error with its version ("Node.js v20.20.2"); the error
// itself ("RangeError: bad") is the first line after the code frame's caret line.
const NODE_VERSION_LINE = /^Node\.js v\d+\.\d+\.\d+$/u;
const CARET_LINE = /^\s*\^+\s*$/u;

function lastLine(s: string): string | undefined {
  const lines = s.trim().split("\n");
  if (lines.length > 1 && NODE_VERSION_LINE.test(lines[lines.length - 1]?.trim() ?? "")) {
    lines.pop();
    const caret = lines.findIndex((l) => CARET_LINE.test(l));
    const error = caret < 0 ? undefined : lines.slice(caret + 1).find((l) => l.trim() !== "");
    if (error !== undefined) return error.trim().slice(0, 300);
  }
  const last = lines[lines.length - 1]?.trim();
  return last === undefined || last === "" ? undefined : last.slice(0, 300);
}

/** Classifies a run that was not stopped by time or output limits and did not succeed. */
function failureStatus(run: RunOutcome): { status: TestStatus; reason?: string } {
  if (MEMORY_PATTERNS.test(run.stderr)) return { status: "memory_limit", reason: lastLine(run.stderr) ?? "out of memory" };
  const why = lastLine(run.stderr) ?? (run.signal !== null ? `killed by ${run.signal}` : `exit code ${run.exitCode}`);
  return { status: "runtime_error", reason: why };
}

function judgeTest(test: CodeTest, run: RunOutcome, marker: string, compare: OutputComparison, tol: number): { status: TestStatus; reason?: string } {
  if (run.termination === "time_limit") return { status: "time_limit", reason: `exceeded ${Math.round(run.durationMs)} ms` };
  if (run.termination === "cpu_time_limit") {
    return { status: "time_limit", reason: `exceeded the CPU-time limit${run.cpuTimeMs === undefined ? "" : ` (${Math.round(run.cpuTimeMs)} ms of CPU time)`}` };
  }
  if (run.termination === "memory_limit") {
    const peak = run.peakMemoryBytes === undefined ? "" : ` (peak ${Math.round(run.peakMemoryBytes / 1048576)} MiB)`;
    return { status: "memory_limit", reason: `killed at the memory limit${peak}` };
  }
  if (run.termination === "output_limit") return { status: "output_limit", reason: "output exceeded the cap" };
  if (test.kind === "program") {
    if (run.exitCode !== 0) {
      // A failed assert is the test saying "wrong", not the program crashing.
      const failure = failureStatus(run);
      return failure.status === "runtime_error" && /^AssertionError\b/u.test(failure.reason ?? "") ? { ...failure, status: "wrong_answer" } : failure;
    }
    return printedMarker(run.stdout, marker)
      ? { status: "passed" }
      : { status: "wrong_answer", reason: "exited 0 before the checks finished (the end-of-checks marker was not printed)" };
  }
  if (run.exitCode !== 0) return failureStatus(run);
  if (test.kind === "literal-call") {
    // Judged by judgeLiteralCall, in a run of its own.
    throw new Error("literal-call tests are judged by judgeLiteralCall");
  }
  if (test.kind === "tagged-call") return judgeTaggedCall(test, run.stdout, marker, tol);
  if (test.kind === "call") {
    const text = resultAfterMarker(run.stdout, marker);
    if (text === undefined) return { status: "runtime_error", reason: "the harness printed no result" };
    let value: JsonValue;
    try {
      value = JSON.parse(text) as JsonValue;
    } catch {
      return { status: "wrong_answer", reason: `result is not JSON: ${text.slice(0, 100)}` };
    }
    return jsonEqual(value, test.expected, tol)
      ? { status: "passed" }
      : { status: "wrong_answer", reason: `expected ${JSON.stringify(test.expected)}, got ${text.slice(0, 200)}` };
  }
  const output = programOutput(test, run);
  return outputMatches(output, test.output, compare)
    ? { status: "passed" }
    : { status: "wrong_answer", reason: `expected ${JSON.stringify(test.output.slice(0, 100))}, got ${JSON.stringify(output.slice(0, 100))}${test.outputFile === undefined ? "" : ` in ${test.outputFile}`}` };
}

/** Lower bounds of the literal-call judge's time (ms) and memory (MiB) limits. */
const JUDGE_MIN_LIMITS = { timeoutMs: 10_000, memoryMb: 256 } as const;

/**
 * A literal-call test whose candidate run exited 0 within its limits: the printed literal is
 * compared with the expected one by a second run of trusted code only (the judge), so the
 * expected value never enters the candidate's process.
 */
async function judgeLiteralCall(test: LiteralCallTest, run: RunOutcome, marker: string, tol: number, runner: CodeRunner, limits: RunRequest["limits"], signal: AbortSignal): Promise<{ status: TestStatus; reason?: string }> {
  const got = resultAfterMarker(run.stdout, marker);
  if (got === undefined) return { status: "runtime_error", reason: "the harness printed no result" };
  // The judge's work grows with the printed literal (at most outputBytes), not with the problem:
  // a problem's tight time or memory limit must not fail it.
  const judgeLimits: RunRequest["limits"] = {
    ...limits,
    timeoutMs: Math.max(limits.timeoutMs, JUDGE_MIN_LIMITS.timeoutMs),
    memoryMb: Math.max(limits.memoryMb, JUDGE_MIN_LIMITS.memoryMb),
    ...(limits.cpuTimeMs === undefined ? {} : { cpuTimeMs: Math.max(limits.cpuTimeMs, JUDGE_MIN_LIMITS.timeoutMs) }),
  };
  const judge = await runner(
    { language: "python", source: LITERAL_JUDGE_SOURCE, stdin: "", files: { [LITERAL_JUDGE_FILE]: literalJudgeFile(test, got, tol) }, limits: judgeLimits },
    signal,
  );
  if (judge.termination === "aborted") throw signal.reason ?? new Error("aborted");
  const verdict = judge.termination === "exited" && judge.exitCode === 0 ? judgeVerdict(judge.stdout) : undefined;
  if (verdict === "pass") return { status: "passed" };
  const shown = got.length > 200 ? `${got.slice(0, 200)}…` : got;
  if (verdict === "fail") return { status: "wrong_answer", reason: `expected ${test.expected.slice(0, 100)}, got ${shown}` };
  if (verdict === "unreadable") return { status: "wrong_answer", reason: `the result is not a Python literal: ${shown}` };
  // The judge's input is the candidate's text: a judge that ran out of a limit on it is a wrong
  // answer; a judge that failed otherwise (the expected literal is malformed) is an error.
  if (judge.termination !== "exited") return { status: "wrong_answer", reason: `the comparison of the result stopped at the ${judge.termination.replace("_", " ")}` };
  throw new RunnerFailedError(`the literal-call judge failed (exit code ${String(judge.exitCode)}): ${lastLine(judge.stderr) ?? "no message"}`);
}

/** What a stdio test compares: stdout, or the output file read back by the runner. */
function programOutput(test: StdioTest, run: RunOutcome): string {
  if (test.outputFile === undefined) return run.stdout;
  const text = run.files?.[test.outputFile];
  // A runner that ignored outputFiles must not turn into an "empty output" verdict.
  if (typeof text !== "string") throw new RunnerFailedError(`the runner returned no content for the output file ${JSON.stringify(test.outputFile)}`, { field: "outputFiles", value: test.outputFile });
  return text;
}

/** A stdio test judged by the problem's checker (the run exited 0 within its limits). */
async function judgeWithChecker(checker: OutputChecker, test: StdioTest, run: RunOutcome): Promise<{ status: TestStatus; reason?: string }> {
  const output = programOutput(test, run);
  const ok: unknown = await checker({ input: test.input, expected: test.output, output });
  if (typeof ok !== "boolean") throw new InvalidArgumentError(`reference.checker must return a boolean, got ${typeof ok}`, { field: "reference.checker", value: ok });
  return ok ? { status: "passed" } : { status: "wrong_answer", reason: `the checker rejected ${JSON.stringify(output.slice(0, 100))}` };
}

const PLAIN_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/u;

function assertReference(reference: unknown): readonly CodeTest[] {
  const tests = (reference as CodeReference | null)?.tests;
  if (!Array.isArray(tests) || tests.length === 0) {
    throw new InvalidArgumentError(`reference.tests must be a non-empty array of tests`, { field: "reference.tests", value: tests });
  }
  tests.forEach((t: unknown, i) => {
    const test = t as Partial<CodeTest> & Record<string, unknown>;
    const ok =
      test !== null && typeof test === "object" &&
      (test.kind === "program"
        ? typeof test.code === "string"
        : test.kind === "literal-call"
        ? typeof test.fn === "string" && /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/u.test(test.fn) && typeof test.args === "string" && typeof test.expected === "string"
        : test.kind === "call"
        ? typeof test.fn === "string" && /^[A-Za-z_$][\w$]*$/u.test(test.fn) && Array.isArray(test.args) && "expected" in test
        : test.kind === "tagged-call"
        ? (checkTaggedCallTest(test, i), true)
        : (test.kind === undefined || test.kind === "stdio") && typeof test.input === "string" && typeof test.output === "string");
    if (!ok) {
      throw new InvalidArgumentError(`reference.tests[${i}] must be { input, output }, { kind: "call", fn, args, expected } with fn an identifier, { kind: "program", code }, { kind: "literal-call", fn, args, expected } with fn a name or Class.method and Python literals as strings, or { kind: "tagged-call", fn, args, expected } with tagged values`, {
        field: `reference.tests[${i}]`,
        value: t,
      });
    }
    if (test.kind === undefined || test.kind === "stdio") {
      for (const field of ["inputFile", "outputFile"] as const) {
        const name = test[field];
        if (name !== undefined && (typeof name !== "string" || !PLAIN_FILE_NAME.test(name) || name.startsWith("__passk") || name === "main.py" || name === "main.js")) {
          throw new InvalidArgumentError(`reference.tests[${i}].${field} must be a plain file name (letters, digits, _ . -; not main.py or main.js), got ${JSON.stringify(name)}`, { field: `reference.tests[${i}].${field}`, value: name });
        }
      }
      if (test.inputFile !== undefined && test.inputFile === test.outputFile) {
        throw new InvalidArgumentError(`reference.tests[${i}]: inputFile and outputFile must differ, both are ${JSON.stringify(test.inputFile)}`, { field: `reference.tests[${i}].outputFile`, value: test.outputFile });
      }
    }
  });
  const { prelude, compare, floatTolerance, checker, checkerRequired } = reference as CodeReference;
  if (checker !== undefined && typeof checker !== "function") {
    throw new InvalidArgumentError(`reference.checker must be a function, got ${typeof checker}`, { field: "reference.checker", value: checker });
  }
  if (checkerRequired !== undefined && typeof checkerRequired !== "string") {
    throw new InvalidArgumentError(`reference.checkerRequired must be a string, got ${typeof checkerRequired}`, { field: "reference.checkerRequired", value: checkerRequired });
  }
  if (prelude !== undefined && typeof prelude !== "string") {
    throw new InvalidArgumentError(`reference.prelude must be a string, got ${typeof prelude}`, { field: "reference.prelude", value: prelude });
  }
  if (compare !== undefined && compare !== "lines" && compare !== "tokens" && compare !== "exact" && compare !== "codecontests") {
    throw new InvalidArgumentError(`reference.compare must be "lines", "tokens", "exact" or "codecontests", got ${JSON.stringify(compare)}`, { field: "reference.compare", value: compare });
  }
  if (floatTolerance !== undefined && !(typeof floatTolerance === "number" && Number.isFinite(floatTolerance) && floatTolerance >= 0)) {
    throw new InvalidArgumentError(`reference.floatTolerance must be a finite number >= 0, got ${String(floatTolerance)}`, { field: "reference.floatTolerance", value: floatTolerance });
  }
  return tests as readonly CodeTest[];
}

/**
 * Verifier that runs the program in a response against the reference's test cases, one fresh
 * run per test, by default in a fresh bubblewrap sandbox per test (see {@link localRunner} for the
 * isolation and the limits). Each test ends `passed`, `wrong_answer`, `runtime_error`,
 * `time_limit`, `memory_limit` or `output_limit`; a candidate that breaks a limit is an ordinary
 * wrong answer. The sample is correct iff every test passes; `score` follows `scoring`. A response
 * without a closed code block is `"unparsed"`. A runner that cannot run the program (interpreter
 * missing or not executable, sandbox setup failure, runner killed, remote sandbox down) makes the
 * verifier throw, which the batch runner reports as `"error"` with the cause, never as a wrong
 * answer. Expected values stay out of the candidate's process for every test kind but program
 * tests (a literal-call result is compared by a second run of trusted code); the end-of-checks
 * marker of program tests reaches a runner that declares `passesSecrets` on a pipe only
 * (docs/verifiers.md, "Program tests").
 *
 * @param options - see {@link CodeVerifierOptions}
 * @throws {@link index!InvalidArgumentError} for invalid limits or an unknown language
 * @throws {@link SandboxUnavailableError} when no runner is given and bubblewrap is unavailable
 * @throws {@link LimitUnavailableError} when the runner cannot enforce one of the limits
 *
 * @example
 * ```ts
 * import { runVerifier } from "passk";
 * import { codeVerifier } from "passk/node";
 * import type { CodeTest } from "passk/node";
 * const v = codeVerifier({ language: "python", scoring: "fraction", limits: { timeoutMs: 3000 } });
 * const response = "```python\ndef add(a, b):\n    return a + b if a < 10 else 0\n```";
 * const tests: CodeTest[] = [{ kind: "call", fn: "add", args: [1, 2], expected: 3 }, { kind: "call", fn: "add", args: [10, 1], expected: 11 }];
 * const r = await runVerifier(v, response, { tests });
 * // runVerifier never throws: a throwing verifier comes back as a plain "error" VerifierResult, without `tests`
 * console.log(r.status, r.score, "tests" in r && r.tests.map((t) => t.status).join(",")); // => wrong 0.5 passed,wrong_answer
 * ```
 */
export function codeVerifier(options: CodeVerifierOptions): Verifier<CodeReference, CodeVerifierResult> {
  const { language, scoring = "all-or-nothing", extractCode = true, compare = "lines", floatTolerance = 0, stopOnFirstFailure = false } = options;
  if (language !== "python" && language !== "javascript") {
    throw new InvalidArgumentError(`language must be "python" or "javascript", got ${String(language)}`, { field: "language", value: language });
  }
  if (scoring !== "all-or-nothing" && scoring !== "fraction") {
    throw new InvalidArgumentError(`scoring must be "all-or-nothing" or "fraction", got ${String(scoring)}`, { field: "scoring", value: scoring });
  }
  const limits = resolveLimits(options.limits);
  // The default runner starts JavaScript programs with the running Node.js; under Bun or Deno that
  // is refused here, at construction, rather than as an error verdict for every sample.
  if (options.runner === undefined && language === "javascript") {
    assertNodeJs("codeVerifier: running JavaScript programs", 'pass runner: localRunner({ node: "/path/to/node" })');
  }
  const runner = options.runner ?? localRunner();
  runner.checkLimits?.(limits);
  return nameFunction("codeVerifier", async (response, reference, context): Promise<CodeVerifierResult> => {
    const tests = assertReference(reference);
    if (language !== "python" && tests.some((t) => t.kind === "literal-call")) {
      throw new InvalidArgumentError(`literal-call tests run Python programs only; the verifier's language is ${language}`, { field: "reference.tests" });
    }
    if (language !== "javascript" && tests.some((t) => t.kind === "tagged-call")) {
      throw new InvalidArgumentError(`tagged-call tests run JavaScript programs only; the verifier's language is ${language}`, { field: "reference.tests" });
    }
    // A problem that accepts several answers is not graded by comparing outputs without a checker.
    if (reference.checkerRequired !== undefined && reference.checker === undefined) {
      throw new CheckerRequiredError(reference.checkerRequired, { field: "reference.checker" });
    }
    // A problem's own limits override the verifier's field by field, and must be enforceable too.
    let runLimits = limits;
    if (reference.limits !== undefined) {
      try {
        runLimits = resolveLimits({ ...limits, ...reference.limits });
      } catch (e) {
        throw e instanceof InvalidArgumentError ? new InvalidArgumentError(`reference.${e.message}`, { field: `reference.${e.field ?? "limits"}`, value: e.value }) : e;
      }
      runner.checkLimits?.(runLimits);
    }
    const testCompare = reference.compare ?? compare;
    const tol = reference.floatTolerance ?? floatTolerance;
    const extracted = extractCode ? extractCodeBlock(response, FENCE_TAGS[language]) : response;
    const prelude = reference.prelude ?? "";
    // An empty completion after a prelude is a program (HumanEval's prompt alone); it fails its checks.
    if (extracted === undefined || (prelude === "" && extracted.trim() === "")) {
      return { status: "unparsed", correct: false, reason: extractCode ? "no code block found in the response" : "the response is empty", tests: [] };
    }
    const source = prelude + extracted;
    // Program tests: the marker reaches the program only through the runner's secret pipe, when
    // the runner has one (see endOfChecks.ts); otherwise it is written into the program.
    const secrets = runner.passesSecrets === true;
    const programRequest = (code: string, marker: string): RunRequest => {
      if (!secrets) return { language, source: withProgramTest(language, source, code, marker), stdin: "", limits: runLimits };
      const main = withProgramTest(language, source, code, undefined);
      const secret = language === "python" ? endOfChecksSecret(main, prelude, marker) : nodeEndOfChecksSecret(marker);
      return { language, source: main, stdin: "", secret, limits: runLimits };
    };
    const results: TestResult[] = [];
    for (const [index, test] of tests.entries()) {
      if (context.signal.aborted) throw context.signal.reason ?? new Error("aborted");
      const marker = `__passk_result_${randomUUID()}__`;
      const request: RunRequest =
        test.kind === "call"
          ? { language, source: withCallHarness(language, source, marker), stdin: "", files: { [CALL_FILE]: callFile(test) }, limits: runLimits }
          : test.kind === "program"
            ? programRequest(test.code, marker)
            : test.kind === "literal-call"
              ? { language, source: withLiteralCallHarness(source), stdin: "", files: { [LITERAL_CALL_FILE]: literalCallFile(test, marker) }, limits: runLimits }
              : test.kind === "tagged-call"
                ? { language, source: withTaggedCallHarness(source, marker), stdin: "", files: { [TAGGED_CALL_FILE]: taggedCallFile(test) }, limits: runLimits }
                : {
                    language,
                    source,
                    stdin: test.input,
                    ...(test.inputFile === undefined ? {} : { files: { [test.inputFile]: test.input } }),
                    ...(test.outputFile === undefined ? {} : { outputFiles: [test.outputFile] }),
                    limits: runLimits,
                  };
      const run = await runner(request, context.signal);
      if (run.termination === "aborted") throw context.signal.reason ?? new Error("aborted");
      const isStdio = test.kind === undefined || test.kind === "stdio";
      const verdict =
        isStdio && reference.checker !== undefined && run.termination === "exited" && run.exitCode === 0
          ? await judgeWithChecker(reference.checker, test, run)
          : test.kind === "literal-call" && run.termination === "exited" && run.exitCode === 0
            ? await judgeLiteralCall(test, run, marker, tol, runner, runLimits, context.signal)
            : judgeTest(test, run, marker, testCompare, tol);
      results.push({
        index,
        status: verdict.status,
        durationMs: run.durationMs,
        exitCode: run.exitCode,
        signal: run.signal,
        ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
      });
      if (stopOnFirstFailure && verdict.status !== "passed") break;
    }
    const passed = results.filter((t) => t.status === "passed").length;
    const allPassed = passed === tests.length;
    const firstFailure = results.find((t) => t.status !== "passed");
    return {
      status: allPassed ? "correct" : "wrong",
      correct: allPassed,
      score: scoring === "fraction" ? passed / tests.length : allPassed ? 1 : 0,
      ...(firstFailure === undefined ? {} : { reason: `test ${firstFailure.index}: ${firstFailure.status}${firstFailure.reason === undefined ? "" : ` (${firstFailure.reason})`}` }),
      tests: results,
    };
  });
}
