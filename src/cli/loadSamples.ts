/**
 * Reading sample files of any supported format into one tally accumulator.
 * @module
 */
import { basename, isAbsolute, resolve } from "node:path";
import { openTextLines } from "../node/jsonlChunks.js";
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
import type { ProgressBar } from "./progressBar.js";

/** A concrete sample-file format. */
export type SampleFormat = "flat" | "qwen" | "lmeval";

/** The `--format` choices: a concrete format or `auto` (detected from each file's first line). */
export type FormatChoice = SampleFormat | "auto";

/**
 * The `--format` choices, in help order.
 *
 * @example
 * ```ts
 * import { FORMAT_CHOICES } from "passk/cli";
 * console.log(FORMAT_CHOICES.join("|")); // => auto|flat|qwen|lmeval
 * ```
 */
export const FORMAT_CHOICES: readonly FormatChoice[] = Object.freeze(["auto", "flat", "qwen", "lmeval"] as const);

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
  /** A score counts as correct when `score >= threshold` (flat `score`, or an lm-eval metric). */
  readonly threshold?: number;
  /** lm-eval: the filter pipeline to tally (e.g. `strict-match`). */
  readonly filter?: string;
  /** lm-eval: the metric field that grades a document (default `exact_match`, else `acc`). */
  readonly metric?: string;
}

/** What was read from one file. */
export interface SourceSummary {
  /** The file as typed. */
  readonly file: string;
  /** The format it was read as. */
  readonly format: SampleFormat;
  /** The model every line was assigned to, for formats that do not name it (or `MODEL=PATH`). */
  readonly model: string | null;
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
 * output), `lmeval` for lm-evaluation-harness sample logs (`doc_id`), `flat` otherwise.
 *
 * @example
 * ```ts
 * import { detectFormat } from "passk/cli";
 * console.log(detectFormat({ idx: 0, score: [true, false] })); // => qwen
 * console.log(detectFormat({ doc_id: 3, filter: "none", acc: 1 })); // => lmeval
 * console.log(detectFormat({ model: "m", problem_id: "p", correct: true })); // => flat
 * ```
 */
export function detectFormat(line: unknown): SampleFormat {
  if (line !== null && typeof line === "object" && !Array.isArray(line)) {
    const o = line as Record<string, unknown>;
    if ("idx" in o && Array.isArray(o.score)) return "qwen";
    if ("doc_id" in o) return "lmeval";
  }
  return "flat";
}

/** The first non-blank line of a (possibly gzip-compressed) file, parsed, or undefined for an empty file. */
async function firstLine(path: string, shown: string): Promise<unknown> {
  const file = await openTextLines(path, shown);
  let n = 0;
  try {
    for await (const text of file.lines) {
      n++;
      if (text.trim() === "" || text === "\ufeff") continue;
      try {
        return JSON.parse(text.replace(/^\ufeff/, ""));
      } catch (e) {
        throw new IngestError(`malformed JSON: ${e instanceof Error ? e.message : String(e)}`, { file: shown, line: n, cause: e });
      }
    }
    return undefined;
  } finally {
    file.close();
  }
}

function hasFieldOptions(o: LoadOptions): boolean {
  return [o.modelField, o.problemField, o.correctField, o.scoreField].some((f) => f !== undefined);
}

function flatFileReader(options: LoadOptions, model: string | undefined): SampleReader {
  if (!hasFieldOptions(options) && model === undefined) return flatReader(options.threshold === undefined ? {} : { threshold: options.threshold });
  const scoreField = options.scoreField ?? (options.threshold !== undefined ? "score" : undefined);
  if (scoreField !== undefined && options.threshold === undefined) {
    throw new UsageError("--score-field needs --threshold (a score counts as correct when score >= threshold)", { field: "--threshold" });
  }
  const mapping: FieldMapping = {
    name: "flat",
    ...(model === undefined ? { model: options.modelField ?? "model" } : { modelName: model }),
    problem: options.problemField ?? "problem_id",
    correct: options.correctField ?? "correct",
    sampleIndex: "sample_index",
    answer: "answer",
    ...(scoreField !== undefined && { score: scoreField, threshold: options.threshold }),
  };
  return fieldMappingReader(mapping);
}

function maxSamples(acc: TallyAccumulator, model: string): number {
  if (!acc.models().includes(model)) return 0;
  return acc.talliesFor(model).reduce((m, t) => Math.max(m, t.n), 0);
}

/**
 * Reads every file into one {@link TallyAccumulator}, choosing each file's reader from `--format`
 * (or its first line with `auto`). Files of formats that do not name the model (Qwen-math,
 * lm-eval) belong to the model of `MODEL=PATH`, else to {@link modelFromFileName}. Several files of
 * one model tally together: Qwen-math files get sample-index offsets past the samples already read
 * (so seeds 1–4 × 32 samples become n = 128), lm-eval files are numbered as runs 0, 1, 2, ...
 *
 * @param specs - the files (see {@link parseFileSpec})
 * @param options - see {@link LoadOptions}
 * @param cwd - directory relative paths are resolved against
 * @param progress - progress bar to drive, if any
 * @throws {@link IngestError} naming the file and line of the first bad line (strict reading);
 *   {@link UsageError} for field options used with a format that does not take them
 *
 * @example
 * ```ts
 * import { loadSamples } from "passk/cli";
 * import { IngestError } from "passk/node";
 * try {
 *   await loadSamples([{ path: "/nonexistent/x.jsonl" }], { format: "flat" }, "/");
 * } catch (e) {
 *   if (!(e instanceof IngestError)) throw e;
 *   console.log(e.code, e.line); // => INGEST_ERROR 0
 * }
 * ```
 */
export async function loadSamples(
  specs: readonly FileSpec[],
  options: LoadOptions,
  cwd: string,
  progress?: ProgressBar,
): Promise<LoadedSamples> {
  const accumulator = new TallyAccumulator();
  const sources: SourceSummary[] = [];
  const lmEvalRuns = new Map<string, number>();
  for (const spec of specs) {
    const path = isAbsolute(spec.path) || cwd === process.cwd() ? spec.path : resolve(cwd, spec.path);
    let format: SampleFormat;
    if (options.format === "auto") {
      format = hasFieldOptions(options) ? "flat" : detectFormat(await firstLine(path, spec.path));
    } else {
      format = options.format;
    }
    if (format !== "flat" && hasFieldOptions(options)) {
      throw new UsageError(`--model-field, --problem-field, --correct-field and --score-field apply to the flat format, not ${format} (${spec.path})`, {
        field: "--format",
        value: format,
      });
    }
    let reader: SampleReader;
    let model: string | null = spec.model ?? null;
    if (format === "flat") {
      reader = flatFileReader(options, spec.model);
    } else if (format === "qwen") {
      model ??= modelFromFileName(spec.path);
      reader = qwenMathReader({ model, sampleIndexOffset: maxSamples(accumulator, model) });
    } else {
      model ??= modelFromFileName(spec.path);
      const run = lmEvalRuns.get(model) ?? 0;
      lmEvalRuns.set(model, run + 1);
      reader = lmEvalReader({
        model,
        sampleIndex: run,
        ...(options.filter !== undefined && { filter: options.filter }),
        ...(options.metric !== undefined && { metric: options.metric }),
        ...(options.threshold !== undefined && { threshold: options.threshold }),
      });
    }
    const result = await ingestJsonl(path, {
      reader,
      accumulator,
      onProgress: (p) => progress?.update(spec.path, p.bytesRead, p.totalBytes),
    });
    progress?.done();
    sources.push({
      file: spec.path,
      format,
      model,
      linesRead: result.linesRead,
      recordsAdded: result.recordsAdded,
      linesSkipped: result.linesSkipped,
      blankLines: result.blankLines,
    });
  }
  return { accumulator, sources };
}
