/**
 * CodeContests records (deepmind/code_contests, `ContestProblem` of its `contest_problem.proto`, as
 * the Hugging Face dataset `deepmind/code_contests` holds them) as code-verifier references.
 * @module
 */
import { InvalidArgumentError } from "../../../errors/errors.js";
import type { CodeReference, ExecutionLimits, OutputChecker, StdioTest } from "../types.js";

/** The test groups of a CodeContests record. */
export type CodeContestsTestGroup = "public" | "private" | "generated";

/** Options of {@link codeContestsReference}. */
export interface CodeContestsOptions {
  /** Which tests to run, in this order (default all three: public, private, generated, as CodeContests' own example does). */
  readonly tests?: readonly CodeContestsTestGroup[];
  /** Judges the outputs instead of CodeContests' comparison (for problems with more than one right answer). */
  readonly checker?: OutputChecker;
  /**
   * What to do with a problem whose statement says it accepts more than one answer ("print any of
   * them", "if there are multiple solutions…"), when no `checker` is given: `"detect"` (default)
   * marks the reference `checkerRequired`, so grading it is an error (`CheckerRequiredError`)
   * instead of a wrong grade for a right answer; `"ignore"` compares tokens anyway, as
   * CodeContests' own evaluation does for every problem.
   */
  readonly multipleAnswers?: "detect" | "ignore";
  /** Multiplies the record's time limit (e.g. 3 for Python against limits set for C++). Default 1. */
  readonly timeLimitFactor?: number;
}

// Phrases of problem statements that accept more than one output. A heuristic over the text: the
// records carry no such flag and no checker.
const MULTIPLE_ANSWERS: readonly RegExp[] = [
  /\bif there (?:are|is|exist|exists) (?:several|multiple|many|more than one)\b[^.]{0,80}?\b(?:answers?|solutions?|ways|possibilities|options|sequences|arrays|strings|permutations)\b/iu,
  /\b(?:print|output|find|return|choose|give)\s+any\s+(?:one\s+)?(?:of\s+them|of\s+those|valid|correct|possible|suitable|such|optimal|answer|solution)\b/iu,
  /\bany\s+(?:valid\s+|correct\s+|possible\s+|suitable\s+|optimal\s+)?(?:answer|solution|one of them)\s+(?:is|will\s+be)\s+accepted\b/iu,
  /\b(?:several|multiple|many)\s+(?:possible\s+|valid\s+|correct\s+|optimal\s+)?(?:answers|solutions)\b[^.]{0,60}?\b(?:any|either)\b/iu,
];

/**
 * The phrase of a problem statement that says it accepts more than one answer, or `undefined`.
 * A heuristic over the text (CodeContests records carry no flag): it finds "print any of them",
 * "if there are multiple answers, …", "any correct answer is accepted" and the like.
 *
 * @example
 * ```ts
 * import { multipleAnswersPhrase } from "passk/node";
 * console.log(multipleAnswersPhrase("Print the pair. If there are multiple answers, print any of them.")); // => If there are multiple answers
 * console.log(multipleAnswersPhrase("Print the sum of a and b. Do not print anything else.")); // => undefined
 * ```
 */
export function multipleAnswersPhrase(description: string): string | undefined {
  for (const re of MULTIPLE_ANSWERS) {
    const m = re.exec(description);
    if (m !== null) return m[0].replace(/\s+/gu, " ");
  }
  return undefined;
}

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/u;

function fail(name: string | undefined, field: string, message: string, value: unknown): never {
  throw new InvalidArgumentError(`CodeContests record${name === undefined ? "" : ` ${JSON.stringify(name)}`}: ${field} ${message}`, {
    field,
    value,
    ...(name !== undefined && { problemId: name }),
  });
}

function group(r: Record<string, unknown>, name: string, field: string): { input: string; output: string }[] {
  const g = r[field];
  if (g === undefined || g === null) return [];
  if (typeof g !== "object" || Array.isArray(g)) return fail(name, field, "must be { input: [...], output: [...] }", g);
  const { input, output } = g as { input?: unknown; output?: unknown };
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
  if (!strings(input) || !strings(output)) return fail(name, field, "must hold lists of strings input and output", g);
  if (input.length !== output.length) return fail(name, field, `has ${input.length} inputs but ${output.length} outputs`, g);
  return input.map((inp, i) => ({ input: inp, output: output[i] as string }));
}

function fileField(r: Record<string, unknown>, name: string, field: "input_file" | "output_file"): string | undefined {
  const v = r[field];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string" || !FILE_NAME.test(v) || v === "main.py" || v === "main.js") {
    return fail(name, field, `must be empty (standard I/O) or a plain file name, got ${JSON.stringify(v)}`, v);
  }
  return v;
}

function limitsOf(r: Record<string, unknown>, name: string, factor: number): ExecutionLimits {
  const limits: { timeoutMs?: number; memoryMb?: number } = {};
  const t = r.time_limit;
  if (t !== undefined && t !== null) {
    const { seconds = 0, nanos = 0 } = t as { seconds?: unknown; nanos?: unknown };
    if (typeof t !== "object" || typeof seconds !== "number" || typeof nanos !== "number" || !Number.isSafeInteger(seconds) || !Number.isSafeInteger(nanos) || seconds < 0 || nanos < 0 || nanos >= 1e9) {
      return fail(name, "time_limit", "must be { seconds, nanos } with non-negative integers (nanos < 10^9)", t);
    }
    const ms = seconds * 1000 + nanos / 1e6;
    if (ms > 0) limits.timeoutMs = Math.ceil(ms * factor);
  }
  const m = r.memory_limit_bytes;
  if (m !== undefined && m !== null) {
    if (typeof m !== "number" || !Number.isSafeInteger(m) || m < 0) return fail(name, "memory_limit_bytes", "must be a non-negative integer", m);
    if (m > 0) limits.memoryMb = Math.ceil(m / 1048576);
  }
  return limits;
}

/**
 * The reference that grades a CodeContests solution: its public, private and generated tests
 * (stdin → stdout), compared as CodeContests' execution server compares them
 * (`compare: "codecontests"`, see {@link codeContestsOutputsMatch}), under the problem's own time
 * limit (`time_limit`, as the wall-clock `timeoutMs`, times `timeLimitFactor`) and memory limit
 * (`memory_limit_bytes`, rounded up to MiB). A problem that names `input_file` / `output_file`
 * gets its input in that file too and is judged on that file's content.
 *
 * Problems with more than one right answer need a checker, which the records do not carry: give
 * one (`checker`), or the statement is searched for phrases such as "print any of them"
 * ({@link multipleAnswersPhrase}) and a match makes the reference `checkerRequired`, so the
 * verifier refuses it (`CheckerRequiredError`, an `"error"` result) rather than grade a right
 * answer wrong. `multipleAnswers: "ignore"` compares tokens anyway, as CodeContests does.
 *
 * @param record - one CodeContests problem (`name`, `description`, `public_tests`, `private_tests`, `generated_tests`, `time_limit`, `memory_limit_bytes`, `input_file`, `output_file`; other fields are ignored)
 * @param options - see {@link CodeContestsOptions}
 * @throws {@link index!InvalidArgumentError} naming the problem and field of a malformed record, or when the chosen groups hold no test
 * @example
 * ```ts
 * import { codeContestsReference } from "passk/node";
 * const ref = codeContestsReference({
 *   name: "9999_A. Sum", description: "Print a + b.",
 *   public_tests: { input: ["1 2\n"], output: ["3\n"] }, private_tests: { input: [], output: [] },
 *   generated_tests: { input: ["5 5\n"], output: ["10\n"] },
 *   time_limit: { seconds: 2, nanos: 500000000 }, memory_limit_bytes: 268435456, input_file: "", output_file: "",
 * });
 * console.log(ref.tests.length, ref.compare, ref.limits); // => 2 codecontests { timeoutMs: 2500, memoryMb: 256 }
 * ```
 */
export function codeContestsReference(record: unknown, options: CodeContestsOptions = {}): CodeReference {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new InvalidArgumentError("a CodeContests record must be an object with name, description and public_tests/private_tests/generated_tests", { field: "record", value: record });
  }
  const r = record as Record<string, unknown>;
  if (typeof r.name !== "string" || r.name === "") return fail(undefined, "name", `must be a non-empty string, got ${JSON.stringify(r.name)}`, r.name);
  const name = r.name;
  const { tests: groups = ["public", "private", "generated"], checker, multipleAnswers = "detect", timeLimitFactor = 1 } = options;
  if (!(typeof timeLimitFactor === "number" && Number.isFinite(timeLimitFactor) && timeLimitFactor > 0)) {
    throw new InvalidArgumentError(`timeLimitFactor must be a finite number > 0, got ${String(timeLimitFactor)}`, { field: "timeLimitFactor", value: timeLimitFactor });
  }
  if (multipleAnswers !== "detect" && multipleAnswers !== "ignore") {
    throw new InvalidArgumentError(`multipleAnswers must be "detect" or "ignore", got ${String(multipleAnswers)}`, { field: "multipleAnswers", value: multipleAnswers });
  }
  if (checker !== undefined && typeof checker !== "function") throw new InvalidArgumentError(`checker must be a function, got ${typeof checker}`, { field: "checker", value: checker });
  const inputFile = fileField(r, name, "input_file");
  const outputFile = fileField(r, name, "output_file");
  if (inputFile !== undefined && inputFile === outputFile) return fail(name, "output_file", `must differ from input_file, both are ${JSON.stringify(inputFile)}`, outputFile);
  const tests: StdioTest[] = [];
  for (const g of groups) {
    if (g !== "public" && g !== "private" && g !== "generated") {
      throw new InvalidArgumentError(`tests must list "public", "private" or "generated", got ${JSON.stringify(g)}`, { field: "tests", value: g });
    }
    for (const t of group(r, name, `${g}_tests`)) {
      tests.push({ ...t, ...(inputFile !== undefined && { inputFile }), ...(outputFile !== undefined && { outputFile }) });
    }
  }
  if (tests.length === 0) return fail(name, groups.map((g) => `${g}_tests`).join("/"), "hold no tests", undefined);
  const description = r.description;
  if (description !== undefined && description !== null && typeof description !== "string") return fail(name, "description", "must be a string", description);
  const limits = limitsOf(r, name, timeLimitFactor);
  const phrase = checker === undefined && multipleAnswers === "detect" && typeof description === "string" ? multipleAnswersPhrase(description) : undefined;
  return {
    tests,
    compare: "codecontests",
    ...(Object.keys(limits).length > 0 && { limits }),
    ...(checker !== undefined && { checker }),
    ...(phrase !== undefined && {
      checkerRequired:
        `CodeContests problem ${JSON.stringify(name)} accepts more than one answer (its statement says "${phrase}"), so comparing outputs could grade a right answer wrong: ` +
        `give a checker, or multipleAnswers: "ignore" to compare tokens as CodeContests' own evaluation does`,
    }),
  };
}

/** A solution language of CodeContests (`ContestProblem.Solution.Language`: 0 unknown, 1 Python 2, 2 C++, 3 Python 3, 4 Java). */
export type CodeContestsLanguage = "unknown" | "python2" | "cpp" | "python3" | "java";

const LANGUAGES: readonly CodeContestsLanguage[] = ["unknown", "python2", "cpp", "python3", "java"];

/** One of a record's human solutions. */
export interface CodeContestsSolution {
  /** Its language. */
  readonly language: CodeContestsLanguage;
  /** The source. */
  readonly solution: string;
  /** Whether it is one of the record's `solutions` (true) or `incorrect_solutions` (false). */
  readonly correct: boolean;
}

/**
 * The human solutions a CodeContests record carries (`solutions` and `incorrect_solutions`, each
 * `{ language: [...], solution: [...] }` with the language as its enum number), e.g. to check the
 * grading on a problem before trusting it: its correct Python 3 solutions should pass.
 *
 * @param record - one CodeContests problem
 * @throws {@link index!InvalidArgumentError} naming the problem and field when the lists are malformed or a language number is unknown
 * @example
 * ```ts
 * import { codeContestsSolutions } from "passk/node";
 * const sols = codeContestsSolutions({ name: "1_A. Sum", solutions: { language: [3, 2], solution: ["print(3)", "int main(){}"] },
 *   incorrect_solutions: { language: [1], solution: ["print 4"] } });
 * console.log(sols.map((s) => `${s.language}:${s.correct}`).join(" ")); // => python3:true cpp:true python2:false
 * ```
 */
export function codeContestsSolutions(record: unknown): CodeContestsSolution[] {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new InvalidArgumentError("a CodeContests record must be an object", { field: "record", value: record });
  }
  const r = record as Record<string, unknown>;
  const name = typeof r.name === "string" ? r.name : undefined;
  const out: CodeContestsSolution[] = [];
  for (const [field, correct] of [["solutions", true], ["incorrect_solutions", false]] as const) {
    const g = r[field];
    if (g === undefined || g === null) continue;
    const { language, solution } = (typeof g === "object" ? g : {}) as { language?: unknown; solution?: unknown };
    if (!Array.isArray(language) || !Array.isArray(solution) || language.length !== solution.length || !solution.every((s) => typeof s === "string")) {
      return fail(name, field, "must be { language: [...], solution: [...] } of equal lengths", g);
    }
    language.forEach((l: unknown, i) => {
      const lang = typeof l === "number" && Number.isInteger(l) ? LANGUAGES[l] : undefined;
      if (lang === undefined) return fail(name, `${field}.language[${i}]`, `must be 0 to 4 (unknown, Python 2, C++, Python 3, Java), got ${JSON.stringify(l)}`, l);
      out.push({ language: lang, solution: solution[i] as string, correct });
    });
  }
  return out;
}
