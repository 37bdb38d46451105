/**
 * Inspect AI logs (`.eval` zip archives and the older `.json` logs) → TallyAccumulator.
 * @module
 */
import { Buffer } from "node:buffer";
import { open, stat } from "node:fs/promises";
import { InvalidArgumentError } from "../errors/errors.js";
import { TallyAccumulator } from "../tallies/index.js";
import { IngestError } from "./ingestError.js";
import { inspectSampleReader, type InspectScoreOptions } from "./inspectSampleReader.js";
import { cannotOpenMessage } from "./jsonlChunks.js";
import { isZipStart } from "./notJsonl.js";
import { RecordSink } from "./recordSink.js";
import { openZip, ZipEntryTooLarge, type ZipArchive, type ZipEntryInfo } from "./zipArchive.js";

/** Default cap on one archive entry (or a whole `.json` log) once inflated: 256 MiB. */
const DEFAULT_MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/**
 * Options of {@link ingestInspectLog}.
 *
 * @example
 * ```ts
 * import type { IngestInspectOptions } from "passk/node";
 * const o: IngestInspectOptions = { scorer: "match", mode: "collect", maxEntryBytes: 64 * 1024 * 1024 };
 * console.log(o.scorer); // => match
 * ```
 */
export interface IngestInspectOptions extends InspectScoreOptions {
  /** The model of every sample (default: the log's `eval.model`). */
  readonly model?: string;
  /** Prefix of problem ids, `task/id` (default: none; give the task when two tasks' ids collide). */
  readonly task?: string;
  /** Accumulator to add to. Default: a new one (with `keepAnswers`). */
  readonly accumulator?: TallyAccumulator;
  /** `keepAnswers` of the accumulator created when none is passed (default false). */
  readonly keepAnswers?: boolean;
  /** `"strict"` (default): throw the first bad sample's {@link IngestError}. `"collect"`: skip bad samples and return their errors. */
  readonly mode?: "strict" | "collect";
  /** In collect mode, keep at most this many error objects (every bad sample is still counted). */
  readonly maxErrors?: number;
  /** Refuse an archive entry (or a `.json` log) larger than this once inflated (default 256 MiB). */
  readonly maxEntryBytes?: number;
  /** The file as shown in errors and in the result (default: the path). */
  readonly name?: string;
}

/**
 * What {@link ingestInspectLog} did. Every sample is accounted for:
 * `samplesRead = samplesAccepted + samplesRejected`; `line` in errors is the sample's 1-based
 * position in the log (its archive entry is named in the message).
 *
 * @example
 * ```ts
 * const r = { samplesRead: 12, samplesAccepted: 11, samplesRejected: 1 };
 * console.log(r.samplesAccepted + r.samplesRejected === r.samplesRead); // => true
 * ```
 */
export interface IngestInspectResult {
  /** The file as named in errors. */
  readonly file: string;
  /** `eval` for a zip archive, `json` for a JSON log. */
  readonly format: "eval" | "json";
  /** The model the samples were tallied under. */
  readonly model: string;
  /** The log's task (`eval.task`), if it names one. */
  readonly task: string | undefined;
  /** The log's status (`success`, `error`, `cancelled`, `started` for a log still being written), if known. */
  readonly status: string | undefined;
  /** The scorer that graded. */
  readonly scorer: string | undefined;
  /** Every scorer the first sample had. */
  readonly scorers: readonly string[];
  /** The accumulator the records went into. */
  readonly accumulator: TallyAccumulator;
  /** Samples (one per id and epoch) read. */
  readonly samplesRead: number;
  /** Samples added. */
  readonly samplesAccepted: number;
  /** Bad samples; not added. */
  readonly samplesRejected: number;
  /** The errors of rejected samples (collect mode; at most `maxErrors`). */
  readonly errors: readonly IngestError[];
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function parseJson(bytes: Buffer, file: string, what: string): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw new IngestError(`${what} is not valid JSON: ${describe(e)}`, { file, line: 0, cause: e });
  }
}

/** `eval.model`, `eval.task` and `status` of a log header (`header.json`, `_journal/start.json`, or a whole `.json` log). */
function headerInfo(header: unknown): { model?: string; task?: string; status?: string } {
  const h = header as { eval?: { model?: unknown; task?: unknown }; status?: unknown } | null;
  const out: { model?: string; task?: string; status?: string } = {};
  if (typeof h?.eval?.model === "string" && h.eval.model !== "") out.model = h.eval.model;
  if (typeof h?.eval?.task === "string" && h.eval.task !== "") out.task = h.eval.task;
  if (typeof h?.status === "string") out.status = h.status;
  return out;
}

function checkOptions(options: IngestInspectOptions): void {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError(`options must be an object, got ${String(options)}`, { field: "options", value: options });
  }
  const { mode = "strict", maxErrors = Infinity, maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES } = options;
  if (mode !== "strict" && mode !== "collect") {
    throw new InvalidArgumentError(`options.mode must be "strict" or "collect", got ${String(mode)}`, { field: "mode", value: mode });
  }
  if (!(maxErrors === Infinity || (Number.isSafeInteger(maxErrors) && maxErrors >= 0))) {
    throw new InvalidArgumentError(`options.maxErrors must be a non-negative integer, got ${String(maxErrors)}`, { field: "maxErrors", value: maxErrors });
  }
  if (!(Number.isSafeInteger(maxEntryBytes) && maxEntryBytes >= 1)) {
    throw new InvalidArgumentError(`options.maxEntryBytes must be a positive integer, got ${String(maxEntryBytes)}`, { field: "maxEntryBytes", value: maxEntryBytes });
  }
  if (options.accumulator !== undefined && !(options.accumulator instanceof TallyAccumulator)) {
    throw new InvalidArgumentError("options.accumulator must be a TallyAccumulator", { field: "accumulator", value: options.accumulator });
  }
}

/** Sample entries (`samples/<id>_epoch_<n>.json`) in archive order. */
function sampleEntries(zip: ZipArchive): ZipEntryInfo[] {
  return zip.entries.filter((e) => e.name.startsWith("samples/") && e.name.endsWith(".json"));
}

/** An entry's JSON; a plain Error whose message says what failed (too large, cannot inflate, not JSON). */
async function entryJson(zip: ZipArchive, entry: ZipEntryInfo, maxBytes: number): Promise<unknown> {
  let bytes: Buffer;
  try {
    bytes = await zip.read(entry, maxBytes);
  } catch (e) {
    if (e instanceof ZipEntryTooLarge) throw new Error(`${e.message} (maxEntryBytes: a zip bomb, or raise the cap)`, { cause: e });
    throw new Error(`cannot inflate ${entry.name} (corrupt or truncated archive?): ${describe(e)}`, { cause: e });
  }
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw new Error(`${entry.name} is not valid JSON: ${describe(e)}`, { cause: e });
  }
}

/**
 * Reads an Inspect AI log into a {@link TallyAccumulator}: one record per sample and epoch (problem
 * `id`, sample index `epoch − 1`), graded by one scorer (see {@link inspectSampleReader} for how
 * score values map to correct / incorrect).
 *
 * - **`.eval`** (inspect_ai ≥ 0.3.46 default; recognized by the zip magic `PK\x03\x04`, not the
 *   name): a zip archive of JSON files, `header.json` (or `_journal/start.json` while the log is
 *   being written; `start.json` in the first releases) holding `eval.model`, and one
 *   `samples/<id>_epoch_<n>.json` per sample (layout of inspect_ai's `log/_recorders/eval.py`). The
 *   archive is read by random access (yauzl): its directory, then one sample entry at a time, so
 *   memory holds one sample. An entry larger than `maxEntryBytes` once inflated is refused before
 *   it is inflated (and if it inflates past its declared size), with an {@link IngestError}.
 * - **`.json`**: the whole `EvalLog` (`eval`, `samples`, ...) in one document, parsed at once; a
 *   file above `maxEntryBytes` is refused (convert it: `inspect log convert --to eval`).
 *
 * A bad sample is counted and, per `mode`, thrown or collected; a file that cannot be opened, a
 * corrupt or truncated archive, or a log without a model (and no `model` option) fails as a whole.
 *
 * @param path - the `.eval` or `.json` log
 * @param options - see {@link IngestInspectOptions}
 * @returns counts, the model and scorer used, and the accumulator
 * @throws {@link IngestError} as above; {@link index!InvalidArgumentError} for bad options
 *
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { ingestInspectLog } from "passk/node";
 * const file = join(mkdtempSync(join(tmpdir(), "passk-")), "log.json");
 * const sample = (id: number, epoch: number, value: string) => ({ id, epoch, scores: { match: { value } } });
 * writeFileSync(file, JSON.stringify({
 *   version: 2, status: "success", eval: { task: "gsm8k", model: "openai/gpt-4o" },
 *   samples: [sample(1, 1, "C"), sample(1, 2, "I"), sample(2, 1, "I"), sample(2, 2, "P")],
 * }));
 * const r = await ingestInspectLog(file, { mode: "collect", name: "log.json" });
 * console.log(r.format, r.model, r.scorer, r.samplesRead, r.samplesAccepted); // => json openai/gpt-4o match 4 3
 * console.log(r.accumulator.talliesFor("openai/gpt-4o")); // => [ { problemId: '1', n: 2, c: 1 }, { problemId: '2', n: 1, c: 0 } ]
 * console.log(r.errors[0]!.message.split(" (")[0]); // => log.json:4: scores.match.value is "P"
 * ```
 */
export async function ingestInspectLog(path: string, options: IngestInspectOptions = {}): Promise<IngestInspectResult> {
  if (typeof path !== "string" || path === "") {
    throw new InvalidArgumentError(`path must be a non-empty string, got ${String(path)}`, { field: "path", value: path });
  }
  checkOptions(options);
  const { mode = "strict", maxErrors = Infinity, maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES } = options;
  const file = options.name ?? path;
  const accumulator = options.accumulator ?? new TallyAccumulator({ keepAnswers: options.keepAnswers ?? false });
  let zipped: boolean;
  let size: number;
  try {
    size = (await stat(path)).size;
    const fh = await open(path, "r");
    try {
      const head = new Uint8Array(4);
      const { bytesRead } = await fh.read(head, 0, 4, 0);
      zipped = isZipStart(head.subarray(0, bytesRead));
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new IngestError(cannotOpenMessage(e), { file, line: 0, cause: e });
  }

  let scorers: readonly string[] = [];
  let scorer: string | undefined;
  const makeSink = (model: string): RecordSink =>
    new RecordSink(
      file,
      accumulator,
      inspectSampleReader({
        model,
        ...(options.task !== undefined && { task: options.task }),
        ...(options.scorer !== undefined && { scorer: options.scorer }),
        ...(options.valueKey !== undefined && { valueKey: options.valueKey }),
        ...(options.correctValues !== undefined && { correctValues: options.correctValues }),
        ...(options.incorrectValues !== undefined && { incorrectValues: options.incorrectValues }),
        ...(options.threshold !== undefined && { threshold: options.threshold }),
        onScorer: (chosen, all) => {
          scorer = chosen;
          scorers = all;
        },
      }),
      mode === "strict",
      maxErrors,
    );
  const noModel = (): IngestError =>
    new IngestError("the log names no model (eval.model): give the model option (CLI: MODEL=PATH)", { file, line: 0, field: "eval.model" });

  if (!zipped) {
    if (size > maxEntryBytes) {
      throw new IngestError(`the JSON log is ${size} bytes, above the cap of ${maxEntryBytes} (maxEntryBytes): convert it to .eval (inspect log convert --to eval) or raise the cap`, {
        file,
        line: 0,
      });
    }
    let bytes: Buffer;
    try {
      const fh = await open(path, "r");
      try {
        bytes = await fh.readFile();
      } finally {
        await fh.close();
      }
    } catch (e) {
      throw new IngestError(cannotOpenMessage(e), { file, line: 0, cause: e });
    }
    const log = parseJson(bytes, file, "the log");
    const samples = (log as { samples?: unknown } | null)?.samples;
    if (log === null || typeof log !== "object" || Array.isArray(log) || (!("eval" in log) && !Array.isArray(samples))) {
      throw new IngestError("not an Inspect log: a JSON log is an object with eval and samples", { file, line: 0 });
    }
    const info = headerInfo(log);
    const model = options.model ?? info.model;
    if (model === undefined) throw noModel();
    if (!Array.isArray(samples)) {
      throw new IngestError("the log has no samples list (written with --no-log-samples?)", { file, line: 0, field: "samples" });
    }
    const sink = makeSink(model);
    samples.forEach((s, i) => sink.row(s, i + 1, undefined));
    return result(sink, "json", model, info);
  }

  let zip: ZipArchive;
  try {
    zip = await openZip(path);
  } catch (e) {
    throw new IngestError(`not a readable zip archive (truncated or corrupt?): ${describe(e)}`, { file, line: 0, cause: e });
  }
  try {
    let info: { model?: string; task?: string; status?: string } = {};
    for (const name of ["header.json", "_journal/start.json", "start.json"]) {
      const entry = zip.entries.find((e) => e.name === name);
      if (entry === undefined) continue;
      let header: unknown;
      try {
        header = await entryJson(zip, entry, maxEntryBytes);
      } catch (e) {
        throw new IngestError(describe(e), { file, line: 0, field: name, cause: e });
      }
      info = { ...headerInfo(header), ...info };
      if (info.model !== undefined) break;
    }
    const model = options.model ?? info.model;
    if (model === undefined) {
      if (!zip.entries.some((e) => e.name === "header.json" || e.name.endsWith("start.json"))) {
        throw new IngestError("a zip archive without header.json or _journal/start.json: not an Inspect .eval log", { file, line: 0 });
      }
      throw noModel();
    }
    const sink = makeSink(model);
    let line = 0;
    for (const entry of sampleEntries(zip)) {
      line++;
      let value: unknown;
      try {
        value = await entryJson(zip, entry, maxEntryBytes);
      } catch (e) {
        // A sample entry that cannot be read is a bad sample (counted); a truncated archive's
        // directory already failed at open.
        sink.rowsRead++;
        sink.reject(new IngestError(describe(e), { file, line, field: entry.name, cause: e }));
        continue;
      }
      sink.row(value, line, entry.name);
    }
    return result(sink, "eval", model, info);
  } finally {
    zip.close();
  }

  function result(sink: RecordSink, format: "eval" | "json", model: string, info: { task?: string; status?: string }): IngestInspectResult {
    return {
      file,
      format,
      model,
      task: info.task,
      status: info.status,
      scorer,
      scorers,
      accumulator,
      samplesRead: sink.rowsRead,
      samplesAccepted: sink.rowsAccepted,
      samplesRejected: sink.rowsRejected,
      errors: sink.errors,
    };
  }
}
