/**
 * LiveCodeBench code-generation records (`livecodebench/code_generation_lite`) as code-verifier
 * references.
 * @module
 */
import { InvalidArgumentError } from "../../../errors/errors.js";
import { localRunner } from "../localRunner.js";
import type { CodeReference, CodeRunner, ExecutionLimits } from "../types.js";
import { LIVE_CODE_BENCH_BENCHMARK } from "./liveCodeBenchHarness.js";
import { DECODE_LIMITS, decodePrivateTests } from "./liveCodeBenchPrivateTests.js";
import { driverChecks, driverPrelude } from "./pythonHarnessDriver.js";

/** Options of {@link liveCodeBenchReference}. */
export interface LiveCodeBenchOptions {
  /** Seconds each test may run before LiveCodeBench's alarm fails it (default 6, the `timeout` of its evaluator). */
  readonly timeoutSeconds?: number;
  /** Runs the Python step that decodes compressed private tests (default {@link localRunner}(), the bubblewrap sandbox). */
  readonly runner?: CodeRunner;
  /** Limits of that decoding run (default 120 s, 4096 MiB, 1 GiB of output). */
  readonly decodeLimits?: ExecutionLimits;
  /** Grade on the public tests only, as LiveCodeBench's self-repair and public-test scenarios do (default `false`). */
  readonly publicOnly?: boolean;
}

/** One LiveCodeBench test: stdin text and expected stdout, or JSON lines of arguments and the JSON result. */
interface LiveCodeBenchTest {
  readonly input: string;
  readonly output: string;
  readonly testtype: "stdin" | "functional";
}

function bad(questionId: string | undefined, field: string, message: string, value?: unknown): never {
  throw new InvalidArgumentError(`LiveCodeBench record${questionId === undefined ? "" : ` ${questionId}`}: ${field} ${message}`, {
    field,
    value,
    ...(questionId !== undefined && { problemId: questionId }),
  });
}

function testList(questionId: string, field: string, value: unknown): LiveCodeBenchTest[] {
  if (!Array.isArray(value)) return bad(questionId, field, "must be a list of tests { input, output, testtype }", value);
  value.forEach((t: unknown, i) => {
    const o = t as Partial<Record<string, unknown>> | null;
    if (o === null || typeof o !== "object" || typeof o.input !== "string" || typeof o.output !== "string" || (o.testtype !== "stdin" && o.testtype !== "functional")) {
      bad(questionId, `${field}[${i}]`, 'must be { input: string, output: string, testtype: "stdin" | "functional" }', t);
    }
  });
  return value as LiveCodeBenchTest[];
}

function parseJson(questionId: string, field: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return bad(questionId, field, `is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The reference that grades a LiveCodeBench code-generation solution as LiveCodeBench's
 * `lcb_runner/evaluation/testing_util.py` (`run_test`) does, on the public then the private tests
 * (`get_evaluation_sample`'s order). `stdin` problems: a last `if __name__ == '__main__':` block is
 * unwrapped and the program wrapped into a function (through Python's `ast`), loaded as module
 * `tmp_sol` after LiveCodeBench's imports, and called once per test with stdin patched; the output
 * passes when, stripped and split into stripped lines, it has as many lines as expected and each
 * line is equal or equal as a list of `Decimal` tokens (`1.50` = `1.5`; no tolerance).
 * `functional` problems (`metadata.func_name`; `class Solution` when the text holds it): each input
 * line is a JSON argument and the result must `==` the JSON expected value, a tuple compared as a
 * list. Tests run in one process, each under an alarm of `timeoutSeconds`, after LiveCodeBench's
 * `reliability_guard` (which disables `os.getcwd`, `quit`, …); the sample passes when all pass.
 *
 * `private_test_cases` is read as JSON when it parses, else decoded (base64 → zlib → pickle →
 * JSON) by a short Python run of `runner`, in its sandbox: unpickling runs code. The reference keeps
 * the field as the record holds it (compressed, it is a fraction of the decoded size), and each
 * grading run decodes it again inside the sandbox. The reference is
 * one `program` test whose driver is the `prelude`; the wall-clock limit of the run is LiveCodeBench's
 * own bound on the grading process, `(timeoutSeconds + 1) * tests + 5` s. LiveCodeBench samples are
 * extracted code (`code_list`): grade with `extractCode: false`.
 *
 * @param record - one record: `question_id`, `public_test_cases` and `private_test_cases` (JSON
 *   strings, the private ones possibly compressed), `metadata` (a JSON string or object; its
 *   `func_name` makes the problem functional)
 * @param options - see {@link LiveCodeBenchOptions}
 * @throws {@link index!InvalidArgumentError} naming the question and field when a field is missing
 *   or malformed, the private tests do not decode, or the record has no tests
 * @throws the runner's error when it cannot run the decoding step at all
 * @example
 * ```ts
 * import { liveCodeBenchReference } from "passk/node";
 * const ref = await liveCodeBenchReference({
 *   question_id: "own-1", question_title: "Double", platform: "atcoder", starter_code: "",
 *   public_test_cases: JSON.stringify([{ input: "4\n", output: "8\n", testtype: "stdin" }]),
 *   private_test_cases: JSON.stringify([{ input: "10\n", output: "20\n", testtype: "stdin" }]),
 *   metadata: "{}",
 * });
 * console.log(ref.tests[0]?.kind, ref.limits?.timeoutMs); // => program 19000
 * ```
 */
export async function liveCodeBenchReference(record: unknown, options: LiveCodeBenchOptions = {}): Promise<CodeReference> {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new InvalidArgumentError("a LiveCodeBench record must be an object with question_id, public_test_cases, private_test_cases and metadata", {
      field: "record",
      value: record,
    });
  }
  const timeout = options.timeoutSeconds ?? 6;
  if (!Number.isSafeInteger(timeout) || timeout < 1) {
    throw new InvalidArgumentError(`timeoutSeconds must be a whole number of seconds >= 1 (an alarm), got ${String(timeout)}`, { field: "timeoutSeconds", value: timeout });
  }
  const r = record as Record<string, unknown>;
  const id = r.question_id;
  if (typeof id !== "string" || id === "") bad(undefined, "question_id", `must be a non-empty string, got ${JSON.stringify(id) ?? "nothing"}`, id);
  const questionId = id as string;
  let metadata: unknown = r.metadata ?? {};
  if (typeof metadata === "string") metadata = parseJson(questionId, "metadata", metadata);
  if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) bad(questionId, "metadata", "must be a JSON object", r.metadata);
  const funcName = (metadata as Record<string, unknown>).func_name;
  if (funcName !== undefined && funcName !== null && (typeof funcName !== "string" || !/^[A-Za-z_]\w*$/u.test(funcName))) {
    bad(questionId, "metadata", `func_name must be a Python identifier, got ${JSON.stringify(funcName)}`, funcName);
  }
  if (typeof r.public_test_cases !== "string") bad(questionId, "public_test_cases", "must be a JSON string", r.public_test_cases);
  const publicTests = testList(questionId, "public_test_cases", parseJson(questionId, "public_test_cases", r.public_test_cases as string));
  // The private tests are checked here (decoded in the sandbox when compressed) but kept as the
  // record holds them: compressed they are far smaller, and the grading run decodes them again.
  let privateCount = 0;
  let privateField: string | null = null;
  let compressed = false;
  if (options.publicOnly !== true) {
    const field = r.private_test_cases;
    if (typeof field !== "string") bad(questionId, "private_test_cases", "must be a string (JSON, or base64 of zlib of a pickle of JSON)", field);
    privateField = field as string;
    let parsed: unknown;
    try {
      parsed = JSON.parse(privateField) as unknown;
    } catch {
      compressed = true;
      parsed = await decodePrivateTests(questionId, privateField, options.runner ?? localRunner(), options.decodeLimits ?? DECODE_LIMITS);
    }
    privateCount = testList(questionId, "private_test_cases", parsed).length;
  }
  const count = publicTests.length + privateCount;
  if (count === 0) bad(questionId, "public_test_cases", "and private_test_cases hold no tests");
  const payload = {
    inputs: publicTests.map((t) => t.input),
    outputs: publicTests.map((t) => t.output),
    private: privateCount === 0 ? null : privateField,
    private_compressed: compressed,
    fn_name: typeof funcName === "string" ? funcName : null,
    timeout,
  };
  return {
    prelude: driverPrelude(LIVE_CODE_BENCH_BENCHMARK),
    tests: [{ kind: "program", code: driverChecks(payload) }],
    limits: { timeoutMs: ((timeout + 1) * count + 5) * 1000 },
  };
}
