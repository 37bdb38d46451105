/**
 * Reading sample files of any supported format into one tally accumulator.
 * @module
 */
import { basename, isAbsolute, resolve } from "node:path";
import { open } from "node:fs/promises";
import { Buffer } from "node:buffer";
import { ingestCounts } from "../node/ingestCounts.js";
import { ingestInspectLog } from "../node/ingestInspectLog.js";
import { ingestParquetSamples } from "../node/ingestParquetSamples.js";
import { lightevalDetailsReader } from "../node/lightevalReader.js";
import { openFileChunks } from "../node/jsonlChunks.js";
import { jsonlValues } from "../node/jsonlValues.js";
import { isZipStart } from "../node/notJsonl.js";
import { isParquetStart, openParquet } from "../node/parquetFile.js";
import { isUngradedQwenLine } from "../node/qwenMathReader.js";
import { PasskError } from "../errors/errors.js";
import { TallyAccumulator } from "../tallies/index.js";
import {
  fieldMappingReader,
  flatReader,
  IngestError,
  ingestJsonl,
  lmEvalReader,
  qwenMathReader,
  type FieldMapping,
  type SampleReader,
} from "../node/index.js";
import { UsageError } from "./exitCodes.js";
import { lmEvalSamplesFileName } from "./lmEvalFileName.js";
import type { ProgressBar } from "./progressBar.js";
import { findRepeatedFiles } from "./repeatedFiles.js";
import { looksLikeTallies, readTallyFile } from "./tallyFile.js";

/**
 * A concrete input format: sample records (`flat`, `qwen`, `lmeval`), a counts table (`counts`:
 * CSV, JSONL or Parquet rows of `model, problem_id, n, c`) or a `passk.tallies` JSON file
 * (`tallies`: `passk merge` output or `TallyAccumulator.toJSON()`), a Parquet file of samples
 * (`parquet`: lighteval details, or one graded sample per row named like the flat format), or an
 * Inspect AI log (`inspect`: `.eval` archive or `.json` log).
 */
export type SampleFormat = "flat" | "qwen" | "lmeval" | "counts" | "tallies" | "parquet" | "inspect";

/** The `--format` choices: a concrete format or `auto` (detected from each file's first line). */
export type FormatChoice = SampleFormat | "auto";

/**
 * The `--format` choices, in help order.
 *
 * @example
 * ```ts
 * import { FORMAT_CHOICES } from "passk/cli";
 * console.log(FORMAT_CHOICES.join("|")); // => auto|flat|qwen|lmeval|counts|tallies|parquet|inspect
 * ```
 */
export const FORMAT_CHOICES: readonly FormatChoice[] = Object.freeze(["auto", "flat", "qwen", "lmeval", "counts", "tallies", "parquet", "inspect"] as const);

/** One file argument: the path and, with the `MODEL=PATH` syntax, the model every line belongs to. */
export interface FileSpec {
  /** The path as typed. */
  readonly path: string;
  /** The model given with `MODEL=PATH`, if any. */
  readonly model?: string;
}

/** How the sample files are read (the report's input options). */
export interface LoadOptions {
  /** Format of every file, or `auto`. */
  readonly format: FormatChoice;
  /** Flat format: field holding the model (default `model`). */
  readonly modelField?: string;
  /** Flat format: field holding the problem id (default `problem_id`). */
  readonly problemField?: string;
  /** Flat format: field holding the correctness (default `correct`). */
  readonly correctField?: string;
  /** Flat format: field holding a numeric score, used with `threshold`. */
  readonly scoreField?: string;
  /** Flat format: accept 0 and 1 as the correctness. */
  readonly correctNumeric?: boolean;
  /** A score counts as correct when `score >= threshold` (flat `score`, or an lm-eval metric). */
  readonly threshold?: number;
  /** With `threshold`: the score or metric is an error, correct when `<= threshold`. */
  readonly lowerIsBetter?: boolean;
  /** lm-eval: the filter pipeline to tally (e.g. `strict-match`; `#k` for the k-th block of a file without filter names). */
  readonly filter?: string;
  /** lm-eval: the metric field that grades a document (default `exact_match`, else `acc`). */
  readonly metric?: string;
  /** lm-eval: the task of every file (default: from the file name `samples_<task>_<date>.jsonl`). */
  readonly task?: string;
  /** Counts tables: column of the number of samples (default `n`). */
  readonly nField?: string;
  /** Counts tables: column of the number of correct samples (default `c`). */
  readonly cField?: string;
  /** Inspect logs: the scorer that grades (default: the only one, else the first). */
  readonly scorer?: string;
  /** Inspect logs: the key of a dict-valued score. */
  readonly inspectValueKey?: string;
  /** Inspect logs: string values counted as correct (default `C`). */
  readonly inspectCorrect?: readonly string[];
  /** Inspect logs: string values counted as incorrect (default `I`, `N`). */
  readonly inspectIncorrect?: readonly string[];
}

/** What was read from one file. */
export interface SourceSummary {
  /** The file as typed. */
  readonly file: string;
  /** The format it was read as. */
  readonly format: SampleFormat;
  /** The model every line was assigned to, for formats that do not name it (or `MODEL=PATH`). */
  readonly model: string | null;
  /** lm-eval, lighteval: the task its problem ids are qualified with (`task/doc_id`), or null. */
  readonly task?: string | null;
  /** Lines read. */
  readonly linesRead: number;
  /** Sample records tallied. */
  readonly recordsAdded: number;
  /** Lines deliberately not tallied (e.g. another lm-eval filter). */
  readonly linesSkipped: number;
  /** Blank lines. */
  readonly blankLines: number;
}

/** The tallies of every file and a summary per file. */
export interface LoadedSamples {
  /** One accumulator holding every file's samples. */
  readonly accumulator: TallyAccumulator;
  /** One summary per file, in argument order. */
  readonly sources: readonly SourceSummary[];
  /** Things the user should know that do not make the tallies wrong (printed as warnings). */
  readonly warnings: readonly string[];
}

/**
 * Splits a file argument: `MODEL=PATH` names the model of every line of PATH; an argument that is
 * itself an existing file, or has no `=`, is a plain path.
 *
 * @param arg - the argument as typed
 * @param exists - whether a path exists (to keep paths containing `=`)
 * @throws {@link UsageError} for an empty model or path
 *
 * @example
 * ```ts
 * import { parseFileSpec } from "passk/cli";
 * console.log(parseFileSpec("rl=runs/rl.jsonl", () => false)); // => { path: 'runs/rl.jsonl', model: 'rl' }
 * console.log(parseFileSpec("samples.jsonl", () => false)); // => { path: 'samples.jsonl' }
 * ```
 */
export function parseFileSpec(arg: string, exists: (path: string) => boolean): FileSpec {
  const eq = arg.indexOf("=");
  if (eq === -1 || exists(arg)) {
    if (arg === "") throw new UsageError("a file argument is empty", { field: "files", value: arg });
    return { path: arg };
  }
  const model = arg.slice(0, eq);
  const path = arg.slice(eq + 1);
  if (model === "" || path === "") {
    throw new UsageError(`file argument ${JSON.stringify(arg)} must be PATH or MODEL=PATH with both parts non-empty`, { field: "files", value: arg });
  }
  return { path, model };
}

/**
 * The model name a file stands for when its format does not name one: its base name without
 * `.gz`, `.jsonl` and `.json` extensions.
 *
 * @example
 * ```ts
 * import { modelFromFileName } from "passk/cli";
 * console.log(modelFromFileName("runs/qwen-7b.jsonl.gz")); // => qwen-7b
 * ```
 */
export function modelFromFileName(path: string): string {
  return basename(path).replace(/\.gz$/i, "").replace(/\.jsonl?$/i, "") || basename(path);
}

/**
 * The format of one parsed line: `qwen` for `{idx, score: [...]}` (Qwen2.5-Math / limit-of-RLVR
 * output; also `{idx, pred: [...]}` without `score`, which the qwen reader then refuses with the
 * command that grades it), `lmeval` for lm-evaluation-harness sample logs (`doc_id`), `flat` otherwise.
 *
 * @example
 * ```ts
 * import { detectFormat } from "passk/cli";
 * console.log(detectFormat({ idx: 0, score: [true, false] })); // => qwen
 * console.log(detectFormat({ idx: 0, pred: ["2", "3"] })); // => qwen
 * console.log(detectFormat({ doc_id: 3, filter: "none", acc: 1 })); // => lmeval
 * console.log(detectFormat({ model: "m", problem_id: "p", correct: true })); // => flat
 * console.log(detectFormat({ model: "m", problem_id: "p", n: 16, c: 3 })); // => counts
 * console.log(detectFormat({ eval: { model: "openai/gpt-4o" }, samples: [] })); // => inspect
 * ```
 */
export function detectFormat(line: unknown): SampleFormat {
  if (line !== null && typeof line === "object" && !Array.isArray(line)) {
    const o = line as Record<string, unknown>;
    if ("idx" in o && (Array.isArray(o.score) || isUngradedQwenLine(o))) return "qwen";
    if ("doc_id" in o) return "lmeval";
    // An Inspect AI .json log written on one line (inspect_ai writes them indented: see sniffFile).
    if ("eval" in o && Array.isArray(o.samples)) return "inspect";
    // A counts row in JSONL: counts, no per-sample correctness.
    if ("n" in o && "c" in o && !("correct" in o)) return "counts";
  }
  return "flat";
}

/** The first non-blank line of a (possibly gzip-compressed) file, parsed, with its number; undefined for an empty file. */
async function firstValue(path: string, shown: string): Promise<{ line: number; value: unknown } | undefined> {
  for await (const v of jsonlValues(path, shown)) return v;
  return undefined;
}

/**
 * What a file's first bytes say it is: Parquet (`PAR1`), a zip archive, a `passk.tallies` JSON
 * document, JSON/JSONL (first character `{` or `[`), or else CSV text. gzip is looked through.
 */
async function sniffFile(path: string): Promise<"parquet" | "zip" | "tallies" | "inspect" | "json" | "csv"> {
  const fh = await open(path, "r");
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (isParquetStart(head.subarray(0, bytesRead))) return "parquet";
    if (isZipStart(head.subarray(0, bytesRead))) return "zip";
  } finally {
    await fh.close();
  }
  const source = await openFileChunks(path);
  let text = "";
  for await (const chunk of source.chunks) {
    text += Buffer.from(chunk).toString("utf8");
    if (text.trim().length >= 64 || text.length > 4096) break;
  }
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (looksLikeTallies(start)) return "tallies";
  // inspect_ai writes .json logs indented, starting {"version": 2, "status": ..., "eval": {...}.
  if (/^\{\s*\n\s*"(?:version|status|eval)"\s*:/.test(start)) return "inspect";
  return start === "" || start.startsWith("{") || start.startsWith("[") ? "json" : "csv";
}

function resolveInput(cwd: string, path: string): string {
  return isAbsolute(path) || cwd === process.cwd() ? path : resolve(cwd, path);
}

function hasFieldOptions(o: LoadOptions): boolean {
  return [o.modelField, o.problemField, o.correctField, o.scoreField].some((f) => f !== undefined) || o.correctNumeric === true;
}

/** Options that only a counts table takes. */
function hasCountsOptions(o: LoadOptions): boolean {
  return o.nField !== undefined || o.cField !== undefined;
}

function flatFileReader(options: LoadOptions, model: string | undefined): SampleReader {
  const scoreField = options.scoreField ?? (options.threshold !== undefined ? "score" : undefined);
  if (scoreField !== undefined && options.threshold === undefined) {
    throw new UsageError("--score-field needs --threshold (a score counts as correct when score >= threshold)", { field: "--threshold" });
  }
  if (model === undefined && scoreField === undefined && !hasFieldOptions(options)) return flatReader();
  // With --score-field alone the scores grade every line: mapping `correct` too would make a file
  // whose score field is called "correct" fail as "must be a boolean".
  const correctField = options.correctField ?? (options.scoreField === undefined ? "correct" : undefined);
  const mapping: FieldMapping = {
    name: "flat",
    ...(model === undefined ? { model: options.modelField ?? "model" } : { modelName: model }),
    problem: options.problemField ?? "problem_id",
    ...(correctField !== undefined && { correct: correctField }),
    sampleIndex: "sample_index",
    answer: "answer",
    ...(options.correctNumeric === true && { numericCorrect: true }),
    ...(scoreField !== undefined && { score: scoreField, threshold: options.threshold, lowerIsBetter: options.lowerIsBetter === true }),
  };
  return fieldMappingReader(mapping);
}

function maxSamples(acc: TallyAccumulator, model: string): number {
  if (!acc.models().includes(model)) return 0;
  return acc.talliesFor(model).reduce((m, t) => Math.max(m, t.n), 0);
}

/** The number of responses per document when an lm-eval line carries several (a task with `repeats`), else 1. */
function lmEvalRepeats(line: unknown): number {
  const resps = (line as { resps?: unknown } | null)?.resps;
  return Array.isArray(resps) && resps.length === 1 && Array.isArray(resps[0]) ? resps[0].length : 1;
}

/** A file planned for reading: its format, model and task, decided from its name and first line. */
interface PlannedFile {
  readonly spec: FileSpec;
  readonly path: string;
  readonly format: SampleFormat;
  readonly model: string | null;
  readonly task: string | null;
  readonly first: { line: number; value: unknown } | undefined;
  /** Parquet samples: the file's top-level columns, and whether it is a lighteval details file. */
  readonly parquet?: { readonly columns: readonly string[]; readonly lighteval: boolean };
}

function checkOptions(options: LoadOptions): void {
  if (options.lowerIsBetter === true && options.threshold === undefined) {
    throw new UsageError("--lower-is-better needs --threshold (a value counts as correct when <= threshold)", { field: "--lower-is-better" });
  }
}

/** The top-level columns of a Parquet file (its footer only). */
async function parquetColumnsOf(path: string, shown: string): Promise<readonly string[]> {
  let file;
  try {
    file = await openParquet(path);
  } catch (e) {
    throw new IngestError(`not a readable Parquet file (truncated or corrupt?): ${e instanceof Error ? e.message : String(e)}`, { file: shown, line: 0, cause: e });
  }
  await file.close();
  return file.columns;
}

/** A Parquet file is a counts table when it has the count columns and no per-sample correctness. */
function isCountsTable(columns: readonly string[], options: LoadOptions): boolean {
  const n = options.nField ?? "n";
  const c = options.cField ?? "c";
  return columns.includes(n) && columns.includes(c) && !columns.includes(options.correctField ?? "correct") && !columns.includes("metric");
}

/** `details/<model>/<date>/details_<task>_<date>.parquet` (lighteval --save-details; the model name may contain a slash). */
function lightevalFileName(path: string, cwd: string): { task: string | undefined; model: string | undefined } {
  const full = resolve(cwd, path).split(/[\\/]/);
  const m = /^details_(.+)_(\d{4}-\d{2}-\d{2}T[0-9.-]+)\.parquet$/.exec(full[full.length - 1] ?? "");
  const at = full.lastIndexOf("details", full.length - 3);
  const model = at >= 0 && full.length - 2 > at + 1 ? full.slice(at + 1, full.length - 2).join("/") : undefined;
  return { task: m?.[1], model };
}

function planParquet(spec: FileSpec, path: string, options: LoadOptions, columns: readonly string[], cwd: string): PlannedFile {
  if (hasCountsOptions(options)) {
    throw new UsageError(`--n-field and --c-field apply to counts tables (${spec.path} is read as Parquet samples)`, { field: "--n-field" });
  }
  const lighteval = columns.includes("metric") || columns.includes("metrics");
  if (!lighteval) {
    return { spec, path, format: "parquet", model: spec.model ?? null, task: null, first: undefined, parquet: { columns, lighteval } };
  }
  if (hasFieldOptions(options)) {
    throw new UsageError(`field options apply to the flat format and generic Parquet samples, not to the lighteval details file ${spec.path}`, { field: "--format", value: "parquet" });
  }
  const named = lightevalFileName(spec.path, cwd);
  const model = spec.model ?? named.model ?? basename(spec.path).replace(/\.parquet$/i, "");
  return { spec, path, format: "parquet", model, task: options.task ?? named.task ?? null, first: undefined, parquet: { columns, lighteval } };
}

function planInspect(spec: FileSpec, path: string, options: LoadOptions): PlannedFile {
  if (hasFieldOptions(options) || hasCountsOptions(options)) {
    throw new UsageError(`field options do not apply to the Inspect log ${spec.path} (choose its scorer with --scorer)`, { field: "--format", value: "inspect" });
  }
  return { spec, path, format: "inspect", model: spec.model ?? null, task: options.task ?? null, first: undefined };
}

/** The top-level column of a field path (`grade.passed` → `grade`). */
function topColumn(field: string): string {
  return field.split(/[.[]/)[0] as string;
}

async function readParquetFile(file: PlannedFile, options: LoadOptions, accumulator: TallyAccumulator, progress: ProgressBar | undefined): Promise<SourceSummary> {
  const { spec } = file;
  const info = file.parquet as { columns: readonly string[]; lighteval: boolean };
  let reader: SampleReader;
  let columns: string[] | undefined;
  if (info.lighteval) {
    reader = lightevalDetailsReader({
      model: file.model as string,
      ...(file.task !== null && { task: file.task }),
      ...(options.metric !== undefined && { metric: options.metric }),
    });
  } else {
    reader = flatFileReader(options, spec.model);
    const scoreField = options.scoreField ?? (options.threshold !== undefined ? "score" : undefined);
    const correctField = options.correctField ?? (options.scoreField === undefined ? "correct" : undefined);
    const required = [...(spec.model === undefined ? [options.modelField ?? "model"] : []), options.problemField ?? "problem_id"].map(topColumn);
    const optional = [correctField, scoreField, "sample_index", "answer"].filter((f): f is string => f !== undefined).map(topColumn);
    columns = [...new Set([...required, ...optional.filter((c) => info.columns.includes(c))])];
    const grades = [correctField, scoreField].filter((f): f is string => f !== undefined).map(topColumn);
    if (!grades.some((g) => info.columns.includes(g))) columns.push(grades[0] as string);
  }
  const result = await ingestParquetSamples(file.path, {
    name: spec.path,
    reader,
    accumulator,
    ...(columns !== undefined && { columns }),
    onProgress: (p) => progress?.update(`reading ${spec.path}`, p.rowsRead, p.totalRows),
  });
  progress?.done();
  if (result.recordsAdded === 0) {
    throw new IngestError(result.rowsRead === 0 ? "the Parquet file has no rows: no samples" : `no samples: all ${result.rowsSkipped} rows were skipped`, { file: spec.path, line: 0 });
  }
  return {
    file: spec.path,
    format: "parquet",
    model: info.lighteval ? file.model : (spec.model ?? null),
    ...(info.lighteval && { task: file.task }),
    linesRead: result.rowsRead,
    recordsAdded: result.recordsAdded,
    linesSkipped: result.rowsSkipped,
    blankLines: 0,
  };
}

async function readInspectFile(file: PlannedFile, options: LoadOptions, accumulator: TallyAccumulator, warnings: string[]): Promise<SourceSummary> {
  const { spec } = file;
  const r = await ingestInspectLog(file.path, {
    name: spec.path,
    accumulator,
    ...(spec.model !== undefined && { model: spec.model }),
    ...(file.task !== null && { task: file.task }),
    ...(options.scorer !== undefined && { scorer: options.scorer }),
    ...(options.inspectValueKey !== undefined && { valueKey: options.inspectValueKey }),
    ...(options.inspectCorrect !== undefined && { correctValues: options.inspectCorrect }),
    ...(options.inspectIncorrect !== undefined && { incorrectValues: options.inspectIncorrect }),
    ...(options.threshold !== undefined && { threshold: options.threshold }),
  });
  if (r.scorers.length > 1 && options.scorer === undefined) {
    warnings.push(`${spec.path}: graded by scorer "${r.scorer}", the first of ${r.scorers.join(", ")}; choose another with --scorer`);
  }
  if (r.status !== undefined && r.status !== "success") {
    warnings.push(`${spec.path}: the log's status is "${r.status}": the samples of an unfinished run`);
  }
  if (r.samplesAccepted === 0) throw new IngestError("the log holds no samples", { file: spec.path, line: 0 });
  return {
    file: spec.path,
    format: "inspect",
    model: r.model,
    linesRead: r.samplesRead,
    recordsAdded: r.samplesAccepted,
    linesSkipped: 0,
    blankLines: 0,
  };
}

async function planFile(spec: FileSpec, options: LoadOptions, cwd: string, warnings: string[]): Promise<PlannedFile> {
  const path = resolveInput(cwd, spec.path);
  let sniffed: Awaited<ReturnType<typeof sniffFile>> | undefined;
  try {
    sniffed = await sniffFile(path);
  } catch {
    sniffed = undefined; // cannot open: firstValue below throws the file-level error
  }
  // Counts tables and tallies files are not JSONL samples: decide them from their bytes.
  let byBytes: SampleFormat | undefined;
  let parquetColumns: readonly string[] | undefined;
  if (sniffed === "parquet" && options.format !== "counts") parquetColumns = await parquetColumnsOf(path, spec.path);
  if (options.format === "counts" || options.format === "tallies" || options.format === "parquet" || options.format === "inspect") byBytes = options.format;
  else if (options.format === "auto") {
    if (sniffed === "parquet") byBytes = parquetColumns !== undefined && isCountsTable(parquetColumns, options) ? "counts" : "parquet";
    else if (sniffed === "csv") byBytes = "counts";
    else if (sniffed === "tallies") byBytes = "tallies";
    else if (sniffed === "zip" || sniffed === "inspect") byBytes = "inspect";
  }
  if (byBytes === "parquet") return planParquet(spec, path, options, parquetColumns ?? (await parquetColumnsOf(path, spec.path)), cwd);
  if (byBytes === "inspect") return planInspect(spec, path, options);
  if (byBytes === "tallies") {
    if (spec.model !== undefined) {
      throw new UsageError(`${spec.path} is a tallies file, which names its models: give it as a plain path, not MODEL=PATH`, { field: "files", value: spec.path });
    }
    if (hasFieldOptions(options) || hasCountsOptions(options)) {
      throw new UsageError(`field options do not apply to a tallies file (${spec.path})`, { field: "--format", value: "tallies" });
    }
    return { spec, path, format: "tallies", model: null, task: null, first: undefined };
  }
  if (byBytes === "counts" || (options.format === "auto" && hasCountsOptions(options) && sniffed === "json")) {
    if (options.correctField !== undefined || options.scoreField !== undefined || options.correctNumeric === true) {
      throw new UsageError(
        `--correct-field, --score-field and --correct-numeric apply to sample records, not to the counts table ${spec.path} (its columns are --model-field, --problem-field, --n-field, --c-field)`,
        { field: "--format", value: "counts" },
      );
    }
    return { spec, path, format: "counts", model: spec.model ?? null, task: null, first: undefined };
  }
  if (hasCountsOptions(options)) {
    throw new UsageError(`--n-field and --c-field apply to counts tables (${spec.path} is read as sample records)`, { field: "--n-field" });
  }
  const first = await firstValue(path, spec.path);
  const detected = options.format !== "auto" ? options.format : hasFieldOptions(options) ? "flat" : detectFormat(first?.value);
  if (detected === "counts") {
    if (options.correctField !== undefined || options.scoreField !== undefined || options.correctNumeric === true) {
      throw new UsageError(`--correct-field, --score-field and --correct-numeric apply to sample records, not to the counts table ${spec.path}`, {
        field: "--format",
        value: "counts",
      });
    }
    return { spec, path, format: "counts", model: spec.model ?? null, task: null, first };
  }
  if (detected === "inspect") return planInspect(spec, path, options);
  const format: SampleFormat = detected;
  if (format !== "flat" && hasFieldOptions(options)) {
    throw new UsageError(
      `--model-field, --problem-field, --correct-field, --score-field and --correct-numeric apply to the flat format, not ${format} (${spec.path})`,
      { field: "--format", value: format },
    );
  }
  if (format === "flat") return { spec, path, format, model: spec.model ?? null, task: null, first };
  if (format === "qwen") {
    const model = spec.model ?? modelFromFileName(spec.path);
    if (first !== undefined && isUngradedQwenLine(first.value)) {
      throw new IngestError(
        "this Qwen2.5-Math toolkit output is not graded yet (idx and pred, no score); grade it first:\n" +
          `  passk verify ${spec.path} --verifier math --model ${model} --problem-field idx --response-field pred --reference-field gt --out graded.jsonl\n` +
          "then report graded.jsonl",
        { file: spec.path, line: first.line, field: "score" },
      );
    }
    return { spec, path, format, model, task: null, first };
  }
  const named = lmEvalSamplesFileName(spec.path, cwd);
  const model = spec.model ?? named?.modelDir ?? modelFromFileName(spec.path);
  const task = options.task ?? named?.task ?? null;
  const repeats = first === undefined ? 1 : lmEvalRepeats(first.value);
  if (repeats > 1) {
    const filter = options.filter ?? (first?.value as { filter?: unknown }).filter;
    warnings.push(
      `${spec.path}: each document carries ${repeats} responses (a task with repeats: ${repeats}), but lm-eval grades a document once` +
        `${typeof filter === "string" ? `, through filter "${filter}"` : ""}, so this file gives n = 1 per document. ` +
        `For pass@k over the ${repeats} responses, grade them: passk verify ${spec.path} --verifier math --model ${model} --out graded.jsonl`,
    );
  }
  return { spec, path, format, model, task, first };
}

async function readCounts(file: PlannedFile, options: LoadOptions, accumulator: TallyAccumulator): Promise<SourceSummary> {
  const { spec } = file;
  const result = await ingestCounts(file.path, {
    name: spec.path,
    accumulator,
    ...(spec.model !== undefined && { model: spec.model }),
    columns: {
      ...(options.modelField !== undefined && { model: options.modelField }),
      ...(options.problemField !== undefined && { problemId: options.problemField }),
      ...(options.nField !== undefined && { n: options.nField }),
      ...(options.cField !== undefined && { c: options.cField }),
    },
  });
  if (result.rowsAccepted === 0) throw new IngestError("the counts table has no rows: no samples", { file: spec.path, line: 0 });
  return {
    file: spec.path,
    format: "counts",
    model: spec.model ?? null,
    linesRead: result.rowsRead,
    recordsAdded: result.samplesAdded,
    linesSkipped: 0,
    blankLines: result.blankRows,
  };
}

async function readTallies(file: PlannedFile, accumulator: TallyAccumulator): Promise<SourceSummary> {
  const shown = file.spec.path;
  let shard = await readTallyFile(file.path, shown);
  if (shard.toJSON().keepAnswers) {
    // The report tallies n and c only: drop the answer lists (exactly; counts and sample-index
    // ranges stay) so the shard merges into the report's accumulator, which keeps no answers.
    const json = shard.toJSON();
    shard = TallyAccumulator.fromJSON({
      ...json,
      keepAnswers: false,
      models: json.models.map((m) => ({ ...m, problems: m.problems.map(({ answers: _a, noAnswer: _n, ...rest }) => rest) })),
    });
  }
  try {
    accumulator.merge(shard);
  } catch (e) {
    if (!(e instanceof PasskError)) throw e;
    throw new IngestError(`cannot add these tallies: ${e.message}`, { file: shown, line: 0, field: e.field, value: e.value, problemId: e.problemId, cause: e });
  }
  let samples = 0;
  let problems = 0;
  for (const m of shard.models()) {
    for (const t of shard.talliesFor(m)) {
      samples += t.n;
      problems++;
    }
  }
  if (samples === 0) throw new IngestError("the tallies file holds no samples", { file: shown, line: 0 });
  return { file: shown, format: "tallies", model: null, linesRead: problems, recordsAdded: samples, linesSkipped: 0, blankLines: 0 };
}

function emptyFileMessage(result: { linesRead: number; blankLines: number; linesSkipped: number }, file: PlannedFile, options: LoadOptions): string {
  const who = file.model === null ? "" : ` for model "${file.model}"`;
  if (result.linesRead === 0) return `the file is empty: no samples${who} (an empty run would drop the model from the report)`;
  if (result.linesSkipped === 0) return `the file holds only blank lines: no samples${who}`;
  if (options.filter === undefined) return `no samples${who}: all ${result.linesSkipped} non-blank lines were skipped`;
  const firstFilter = (file.first?.value as { filter?: unknown } | undefined)?.filter;
  const seen = typeof firstFilter === "string" ? ` (the first line's filter is "${firstFilter}")` : "";
  return `no samples${who}: all ${result.linesSkipped} non-blank lines were skipped, none is of filter "${options.filter}"${seen}; choose the filter with --filter`;
}

/**
 * Reads every file into one {@link TallyAccumulator}, choosing each file's reader from `--format`
 * (or its first line with `auto`). Before reading, every file is checked: it must open and be
 * JSONL (a JSON document or a zip fails once, saying what to read instead), and no file may be
 * given twice for one model, by path or by content ({@link findRepeatedFiles}); the same content
 * for two models is a warning.
 *
 * Files of formats that do not name the model (Qwen-math, lm-eval) belong to the model of
 * `MODEL=PATH`, else to {@link modelFromFileName} (for lm-eval's `samples_<task>_<date>.jsonl`, the
 * folder the harness named after the model). Several files of one model tally together:
 * Qwen-math files get sample-index offsets past the samples already read (so seeds 1–4 × 32
 * samples become n = 128); lm-eval files of one task are numbered as runs 0, 1, 2, ..., and files
 * of different tasks (from the file name, or `task`) keep apart as `task/doc_id`; a document that
 * differs from the one an earlier file had under the same id is an error, never a merged tally.
 * A file that yields no sample is an error.
 *
 * @param specs - the files (see {@link parseFileSpec})
 * @param options - see {@link LoadOptions}
 * @param cwd - directory relative paths are resolved against
 * @param progress - progress bar to drive, if any
 * @throws {@link IngestError} naming the file (and line) of a file that cannot be read, is not
 *   JSONL or yields no sample, or of the first bad line (strict reading); {@link UsageError} for a
 *   file given twice for one model, or options that do not fit the formats
 *
 * @example
 * ```ts
 * import { loadSamples } from "passk/cli";
 * import { IngestError } from "passk/node";
 * try {
 *   await loadSamples([{ path: "/nonexistent/x.jsonl" }], { format: "flat" }, "/");
 * } catch (e) {
 *   if (!(e instanceof IngestError)) throw e;
 *   console.log(e.code, e.line, e.message); // => INGEST_ERROR 0 /nonexistent/x.jsonl: cannot open file: no such file
 * }
 * ```
 */
export async function loadSamples(
  specs: readonly FileSpec[],
  options: LoadOptions,
  cwd: string,
  progress?: ProgressBar,
): Promise<LoadedSamples> {
  checkOptions(options);
  const warnings: string[] = [];
  const planned: PlannedFile[] = [];
  for (const spec of specs) planned.push(await planFile(spec, options, cwd, warnings));
  const lmeval = planned.some((f) => f.format === "lmeval");
  const lighteval = planned.some((f) => f.parquet?.lighteval === true);
  const inspect = planned.some((f) => f.format === "inspect");
  const misplaced: Array<readonly [string, unknown, boolean, string]> = [
    ["--filter", options.filter, lmeval, "lm-eval sample files"],
    ["--metric", options.metric, lmeval || lighteval, "lm-eval sample files and lighteval details"],
    ["--task", options.task, lmeval || lighteval || inspect, "lm-eval sample files, lighteval details and Inspect logs"],
    ["--scorer", options.scorer, inspect, "Inspect logs"],
    ["--inspect-value-key", options.inspectValueKey, inspect, "Inspect logs"],
    ["--inspect-correct", options.inspectCorrect, inspect, "Inspect logs"],
    ["--inspect-incorrect", options.inspectIncorrect, inspect, "Inspect logs"],
  ];
  for (const [flag, value, applies, what] of misplaced) {
    if (value !== undefined && !applies) throw new UsageError(`${flag} applies to ${what}, and none of the files is one`, { field: flag, value });
  }
  for (const r of await findRepeatedFiles(planned.map((f) => ({ shown: f.spec.path, path: f.path, model: f.model })))) {
    const how = r.why === "path" ? "is the same file as" : "has the same content as";
    if (r.first.model === r.second.model) {
      const whose = r.first.model === null ? "the models its lines name" : `model "${r.first.model}"`;
      throw new UsageError(
        `${r.second.shown} ${how} ${r.first.shown}, both read for ${whose}: its samples would be counted twice. Give each file once.`,
        { field: "files", value: r.second.shown },
      );
    }
    warnings.push(
      `${r.second.shown} (model "${r.second.model ?? "from its lines"}") ${how} ${r.first.shown} (model "${r.first.model ?? "from its lines"}"): ` +
        "the two models' samples are identical",
    );
  }

  const accumulator = new TallyAccumulator();
  const sources: SourceSummary[] = [];
  const lmEvalRuns = new Map<string, number>();
  const documents = new Map<string, Map<string, string>>();
  for (const file of planned) {
    const { spec, format, model, task } = file;
    if (format === "counts" || format === "tallies") {
      sources.push(format === "counts" ? await readCounts(file, options, accumulator) : await readTallies(file, accumulator));
      continue;
    }
    if (format === "parquet") {
      sources.push(await readParquetFile(file, options, accumulator, progress));
      continue;
    }
    if (format === "inspect") {
      sources.push(await readInspectFile(file, options, accumulator, warnings));
      continue;
    }
    let reader: SampleReader;
    if (format === "flat") {
      reader = flatFileReader(options, spec.model);
    } else if (format === "qwen") {
      reader = qwenMathReader({ model: model as string, sampleIndexOffset: maxSamples(accumulator, model as string) });
    } else {
      const runKey = `${model}\u0000${task ?? ""}`;
      const run = lmEvalRuns.get(runKey) ?? 0;
      lmEvalRuns.set(runKey, run + 1);
      let docs = documents.get(model as string);
      if (docs === undefined) documents.set(model as string, (docs = new Map()));
      reader = lmEvalReader({
        model: model as string,
        sampleIndex: run,
        documents: docs,
        ...(task !== null && { task }),
        ...(options.filter !== undefined && { filter: options.filter }),
        ...(options.metric !== undefined && { metric: options.metric }),
        ...(options.threshold !== undefined && { threshold: options.threshold, lowerIsBetter: options.lowerIsBetter === true }),
      });
    }
    const result = await ingestJsonl(file.path, {
      name: spec.path,
      reader,
      accumulator,
      onProgress: (p) => progress?.update(`reading ${spec.path}`, p.bytesRead, p.totalBytes),
    });
    progress?.done();
    if (result.recordsAdded === 0) throw new IngestError(emptyFileMessage(result, file, options), { file: spec.path, line: 0 });
    sources.push({
      file: spec.path,
      format,
      model,
      ...(format === "lmeval" && { task }),
      linesRead: result.linesRead,
      recordsAdded: result.recordsAdded,
      linesSkipped: result.linesSkipped,
      blankLines: result.blankLines,
    });
  }
  return { accumulator, sources, warnings };
}
