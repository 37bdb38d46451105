/**
 * Streaming JSONL (plain or gzip) → TallyAccumulator, with line-numbered errors and full accounting.
 * @module
 */
import { Buffer } from "node:buffer";
import { InvalidArgumentError, PasskError } from "../errors/errors.js";
import { TallyAccumulator, type SampleRecord } from "../tallies/index.js";
import { IngestError } from "./ingestError.js";
import { cannotOpenMessage, openFileChunks } from "./jsonlChunks.js";
import { JsonlDecoder } from "./jsonlDecoder.js";
import type { SampleReader, SourceFields } from "./sampleReader.js";

/**
 * Progress of an ingestion, reported after each chunk read and once at the end.
 *
 * @example
 * ```ts
 * const p = { bytesRead: 512, totalBytes: 2048, linesRead: 10 };
 * console.log(`${(100 * p.bytesRead / p.totalBytes).toFixed(0)}%`); // => 25%
 * ```
 */
export interface IngestProgress {
  /** Bytes of the source consumed so far (compressed bytes for a .gz file). */
  readonly bytesRead: number;
  /** Size of the file in bytes (compressed size for .gz); for streams, the `totalBytes` option if given. */
  readonly totalBytes: number | undefined;
  /** Lines read so far. */
  readonly linesRead: number;
}

/**
 * Options of {@link ingestJsonl} and {@link ingestJsonlStream}.
 *
 * @example
 * ```ts
 * import { flatReader } from "passk/node";
 * import type { IngestOptions } from "passk/node";
 * const options: IngestOptions = { reader: flatReader(), mode: "collect", onProgress: (p) => {} };
 * console.log(options.mode); // => collect
 * ```
 */
export interface IngestOptions {
  /** Turns each parsed line into sample records (see {@link SampleReader} and the ready readers). */
  readonly reader: SampleReader;
  /** Accumulator to add to (e.g. shared across files). Default: a new one with `keepAnswers`. */
  readonly accumulator?: TallyAccumulator;
  /** `keepAnswers` of the accumulator created when none is passed (default false). */
  readonly keepAnswers?: boolean;
  /**
   * `"strict"` (default): throw the {@link IngestError} of the first bad line; the lines before it
   * stay added to the accumulator. `"collect"`: skip bad lines, keep going, and return every error
   * with its line number.
   */
  readonly mode?: "strict" | "collect";
  /** In collect mode, keep at most this many error objects (all bad lines are still counted). Default: unlimited. */
  readonly maxErrors?: number;
  /** Called after each chunk (about 1 MiB) and once at the end. */
  readonly onProgress?: (progress: IngestProgress) => void;
  /** The file as shown in errors and in the result's `file` (default: the path; for streams `"<stream>"`). */
  readonly name?: string;
}

/**
 * What an ingestion did. Every line is accounted for:
 * `linesRead = linesAccepted + blankLines + linesSkipped + linesRejected`.
 *
 * @example
 * ```ts
 * const r = { linesRead: 10, linesAccepted: 7, blankLines: 1, linesSkipped: 0, linesRejected: 2 };
 * console.log(r.linesAccepted + r.blankLines + r.linesSkipped + r.linesRejected === r.linesRead); // => true
 * ```
 */
export interface IngestResult {
  /** The file (or stream name) read. */
  readonly file: string;
  /** The accumulator the records went into. */
  readonly accumulator: TallyAccumulator;
  /** Lines read, including a last line without a trailing newline. */
  readonly linesRead: number;
  /** Lines whose records were all added. */
  readonly linesAccepted: number;
  /** Sample records added (a per-problem line adds several). */
  readonly recordsAdded: number;
  /** Empty or whitespace-only lines. */
  readonly blankLines: number;
  /** Lines the reader deliberately did not tally (e.g. another lm-eval filter). */
  readonly linesSkipped: number;
  /** Bad lines; none of their records was added. */
  readonly linesRejected: number;
  /** The errors of rejected lines, in line order (collect mode; at most `maxErrors`). */
  readonly errors: readonly IngestError[];
  /** Bytes consumed (compressed bytes for .gz). */
  readonly bytesRead: number;
  /** File size (compressed for .gz), or the stream's `totalBytes` option. */
  readonly totalBytes: number | undefined;
  /** Whether the file was gzip-compressed (detected by its magic bytes, not its name). */
  readonly gzip: boolean;
}

const RECORD_FIELDS = new Set(["model", "problemId", "sampleIndex", "correct", "score", "threshold", "answer"]);

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function wrap(e: unknown, file: string, line: number, sourceFields: SourceFields | undefined): IngestError {
  if (e instanceof PasskError) {
    let field = e.field;
    if (sourceFields !== undefined && field !== undefined && RECORD_FIELDS.has(field)) {
      field = sourceFields[field as keyof SourceFields] ?? field;
    }
    return new IngestError(e.message, { file, line, field, value: e.value, problemId: e.problemId, cause: e });
  }
  return new IngestError(describeError(e), { file, line, cause: e });
}

function checkOptions(options: IngestOptions): {
  reader: SampleReader;
  accumulator: TallyAccumulator;
  strict: boolean;
  maxErrors: number;
  onProgress: ((p: IngestProgress) => void) | undefined;
} {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError(`options must be an object with a reader, got ${String(options)}`, { field: "options", value: options });
  }
  const { reader, mode = "strict", maxErrors = Infinity, onProgress } = options;
  if (reader === null || typeof reader !== "object" || typeof reader.read !== "function") {
    throw new InvalidArgumentError("options.reader must be a SampleReader (e.g. flatReader())", { field: "reader", value: reader });
  }
  if (mode !== "strict" && mode !== "collect") {
    throw new InvalidArgumentError(`options.mode must be "strict" or "collect", got ${String(mode)}`, { field: "mode", value: mode });
  }
  if (!(maxErrors === Infinity || (Number.isSafeInteger(maxErrors) && maxErrors >= 0))) {
    throw new InvalidArgumentError(`options.maxErrors must be a non-negative integer, got ${String(maxErrors)}`, { field: "maxErrors", value: maxErrors });
  }
  if (options.name !== undefined && (typeof options.name !== "string" || options.name === "")) {
    throw new InvalidArgumentError(`options.name must be a non-empty string, got ${String(options.name)}`, { field: "name", value: options.name });
  }
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new InvalidArgumentError("options.onProgress must be a function", { field: "onProgress", value: onProgress });
  }
  if (options.accumulator !== undefined && !(options.accumulator instanceof TallyAccumulator)) {
    throw new InvalidArgumentError("options.accumulator must be a TallyAccumulator", { field: "accumulator", value: options.accumulator });
  }
  const accumulator = options.accumulator ?? new TallyAccumulator({ keepAnswers: options.keepAnswers ?? false });
  return { reader, accumulator, strict: mode === "strict", maxErrors, onProgress };
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

async function run(
  chunks: AsyncIterable<Uint8Array | string>,
  file: string,
  options: IngestOptions,
  totalBytes: number | undefined,
  bytesRead: () => number,
  gzip: boolean,
): Promise<IngestResult> {
  const { reader, accumulator, strict, maxErrors, onProgress } = checkOptions(options);
  const sourceFields = reader.sourceFields;
  const errors: IngestError[] = [];
  let linesAccepted = 0;
  let recordsAdded = 0;
  let blankLines = 0;
  let linesSkipped = 0;
  let linesRejected = 0;

  const reject = (error: IngestError): void => {
    linesRejected++;
    if (strict) throw error;
    if (errors.length < maxErrors) errors.push(error);
  };

  const decoder = new JsonlDecoder(file, {
    blank: () => void blankLines++,
    malformed: reject,
    value: (value, line) => {
      let out: SampleRecord | readonly SampleRecord[] | null;
      try {
        out = reader.read(value);
      } catch (e) {
        reject(wrap(e, file, line, undefined));
        return;
      }
      if (out === null) {
        linesSkipped++;
        return;
      }
      try {
        if (Array.isArray(out)) {
          accumulator.addAll(out as readonly SampleRecord[]);
          recordsAdded += (out as readonly SampleRecord[]).length;
        } else {
          accumulator.add(out as SampleRecord);
          recordsAdded++;
        }
      } catch (e) {
        reject(wrap(e, file, line, sourceFields));
        return;
      }
      linesAccepted++;
    },
  });

  const iterator = chunks[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array | string>;
      try {
        step = await iterator.next();
      } catch (e) {
        done = true;
        throw new IngestError(`cannot read ${gzip ? "gzip data" : "input"}: ${describeError(e)}`, { file, line: decoder.lines + 1, cause: e });
      }
      if (step.done === true) {
        done = true;
        break;
      }
      decoder.push(toBuffer(step.value));
      onProgress?.({ bytesRead: bytesRead(), totalBytes, linesRead: decoder.lines });
    }
  } finally {
    if (!done) await iterator.return?.();
  }
  decoder.end();
  const linesRead = decoder.lines;
  onProgress?.({ bytesRead: bytesRead(), totalBytes, linesRead });
  return {
    file,
    accumulator,
    linesRead,
    linesAccepted,
    recordsAdded,
    blankLines,
    linesSkipped,
    linesRejected,
    errors,
    bytesRead: bytesRead(),
    totalBytes,
    gzip,
  };
}

/**
 * Streams a JSONL file, plain or gzip-compressed (detected by its magic bytes, not its name),
 * line by line into a {@link TallyAccumulator}. Memory grows with the number of (model, problem)
 * pairs, not with the number of lines: one line is held at a time.
 *
 * Bad lines (malformed JSON, bytes that are not UTF-8, a missing or mistyped field, a non-boolean
 * correctness, a duplicated (model, problem, sample index)) become {@link IngestError}s naming
 * file, line and field: thrown at the first one in `"strict"` mode, collected in `"collect"` mode.
 * Nothing is dropped silently: the result counts lines read, accepted, blank, skipped and
 * rejected, and records added. The bare tokens `NaN`, `Infinity` and `-Infinity` that Python's
 * json writes are read as numbers, so a reader rejects them by field ("exact_match is NaN")
 * rather than the line failing as malformed JSON.
 *
 * @param path - the JSONL or JSONL.gz file
 * @param options - reader, mode, accumulator, progress callback (see {@link IngestOptions})
 * @returns the counts and the accumulator
 * @throws {@link IngestError} for the first bad line in strict mode, or (either mode) once for the
 *   whole file (`line` 0) when it cannot be opened, is a JSON document or a zip archive rather than
 *   JSONL (the message says what to read instead), or cannot be read (corrupt or truncated gzip data)
 * @throws {@link index!InvalidArgumentError} for bad options
 *
 * @example
 * ```ts
 * import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { ingestJsonl, flatReader } from "passk/node";
 * const dir = mkdtempSync(join(tmpdir(), "passk-"));
 * const file = join(dir, "samples.jsonl");
 * writeFileSync(file, [
 *   '{"model":"m","problem_id":"p1","correct":true}',
 *   '{"model":"m","problem_id":"p1","correct":false}',
 *   "",
 *   '{"model":"m","problem_id":"p2","correct":"yes"}',
 * ].join("\n"));
 * const result = await ingestJsonl(file, { reader: flatReader(), mode: "collect" });
 * console.log(result.accumulator.talliesFor("m")); // => [ { problemId: 'p1', n: 2, c: 1 } ]
 * console.log(result.linesRead, result.blankLines, result.linesRejected); // => 4 1 1
 * console.log(result.errors[0]!.line, result.errors[0]!.field); // => 4 correct
 * rmSync(dir, { recursive: true, force: true });
 * ```
 */
export async function ingestJsonl(path: string, options: IngestOptions): Promise<IngestResult> {
  if (typeof path !== "string" || path === "") {
    throw new InvalidArgumentError(`path must be a non-empty string, got ${String(path)}`, { field: "path", value: path });
  }
  checkOptions(options);
  const name = options.name ?? path;
  let source;
  try {
    source = await openFileChunks(path);
  } catch (e) {
    throw new IngestError(cannotOpenMessage(e), { file: name, line: 0, cause: e });
  }
  return run(source.chunks, name, options, source.totalBytes, source.bytesRead, source.gzip);
}

/**
 * Options of {@link ingestJsonlStream}: those of {@link ingestJsonl} plus the stream's size.
 *
 * @example
 * ```ts
 * import { flatReader } from "passk/node";
 * const options = { reader: flatReader(), name: "stdin" };
 * console.log(options.name); // => stdin
 * ```
 */
export interface IngestStreamOptions extends IngestOptions {
  /** Total size in bytes, if known, passed to `onProgress`. */
  readonly totalBytes?: number;
}

/**
 * Like {@link ingestJsonl} for an already-open source: any async iterable of byte chunks or
 * strings (a `Readable` such as `process.stdin`, a fetch body, a generator). Not decompressed:
 * pipe gzip data through `zlib.createGunzip()` first.
 *
 * @param source - chunks of UTF-8 JSONL
 * @param options - see {@link IngestStreamOptions}
 * @throws as {@link ingestJsonl}
 *
 * @example
 * ```ts
 * import { ingestJsonlStream, flatReader } from "passk/node";
 * async function* chunks() {
 *   yield '{"model":"m","problem_id":1,"corr';
 *   yield 'ect":true}\n{"model":"m","problem_id":1,"correct":true}\n';
 * }
 * const r = await ingestJsonlStream(chunks(), { reader: flatReader() });
 * console.log(r.accumulator.talliesFor("m"), r.file); // => [ { problemId: '1', n: 2, c: 2 } ] <stream>
 * ```
 */
export async function ingestJsonlStream(
  source: AsyncIterable<Uint8Array | string>,
  options: IngestStreamOptions,
): Promise<IngestResult> {
  if (source === null || typeof source !== "object" || typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] !== "function") {
    throw new InvalidArgumentError("source must be an async iterable of Uint8Array or string chunks", { field: "source", value: source });
  }
  let consumed = 0;
  const counted = (async function* () {
    for await (const chunk of source) {
      consumed += typeof chunk === "string" ? Buffer.byteLength(chunk, "utf8") : chunk.byteLength;
      yield chunk;
    }
  })();
  return run(counted, options?.name ?? "<stream>", options, options?.totalBytes, () => consumed, false);
}
