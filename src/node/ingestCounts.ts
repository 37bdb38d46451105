/**
 * Counts tables (`model, problem_id, n, c` as CSV, JSONL or Parquet) → TallyAccumulator via addTally.
 * @module
 */
import { Buffer } from "node:buffer";
import { open } from "node:fs/promises";
import { InvalidArgumentError, PasskError } from "../errors/errors.js";
import { TallyAccumulator } from "../tallies/index.js";
import { readCountsRow, resolveCountsColumns, type CountsColumns, type ResolvedCountsColumns } from "./countsRow.js";
import { FileTallies } from "./fileTallies.js";
import { IngestError } from "./ingestError.js";
import { cannotOpenMessage, openFileChunks } from "./jsonlChunks.js";
import { JsonlDecoder } from "./jsonlDecoder.js";
import { isParquetStart, openParquet } from "./parquetFile.js";

/** The file formats a counts table can come in. */
export type CountsFileFormat = "csv" | "jsonl" | "parquet";

/**
 * Options of {@link ingestCounts}.
 *
 * @example
 * ```ts
 * import type { IngestCountsOptions } from "passk/node";
 * const options: IngestCountsOptions = { columns: { problemId: "problem" }, model: "base", mode: "collect" };
 * console.log(options.columns?.problemId); // => problem
 * ```
 */
export interface IngestCountsOptions {
  /** Accumulator to add to (e.g. shared across shards). Default: a new one. */
  readonly accumulator?: TallyAccumulator;
  /** Column names (defaults `model`, `problem_id`, `n`, `c`). */
  readonly columns?: CountsColumns;
  /** The model of every row, for a table without a model column. */
  readonly model?: string;
  /** The file's format; default: `parquet` for the magic bytes `PAR1`, `jsonl` when the first non-blank byte is `{`, else `csv`. */
  readonly format?: CountsFileFormat;
  /** `"strict"` (default): throw the first bad row's {@link IngestError}. `"collect"`: skip bad rows and return their errors. */
  readonly mode?: "strict" | "collect";
  /** In collect mode, keep at most this many error objects (all bad rows are still counted). */
  readonly maxErrors?: number;
  /** The file as shown in errors and in the result (default: the path). */
  readonly name?: string;
}

/**
 * What {@link ingestCounts} did. Every row is accounted for:
 * `rowsRead = rowsAccepted + blankRows + rowsRejected`. `line` in errors is the file's line for
 * CSV (the header is line 1) and JSONL, and the 1-based row number for Parquet.
 *
 * @example
 * ```ts
 * const r = { rowsRead: 5, rowsAccepted: 3, blankRows: 1, rowsRejected: 1 };
 * console.log(r.rowsAccepted + r.blankRows + r.rowsRejected === r.rowsRead); // => true
 * ```
 */
export interface IngestCountsResult {
  /** The file as named in errors. */
  readonly file: string;
  /** The format it was read as. */
  readonly format: CountsFileFormat;
  /** The accumulator the tallies went into. */
  readonly accumulator: TallyAccumulator;
  /** Data rows read (CSV: not counting the header). */
  readonly rowsRead: number;
  /** Rows added with addTally. */
  readonly rowsAccepted: number;
  /** Sum of `n` over the accepted rows: the samples they stand for. */
  readonly samplesAdded: number;
  /** Empty lines (CSV and JSONL; Parquet has none). */
  readonly blankRows: number;
  /** Bad rows; none of them was added. */
  readonly rowsRejected: number;
  /** The errors of rejected rows, in order (collect mode; at most `maxErrors`). */
  readonly errors: readonly IngestError[];
}

const FORMATS: readonly CountsFileFormat[] = ["csv", "jsonl", "parquet"];

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The format of a counts file from its first bytes (see {@link IngestCountsOptions.format}). @internal */
export async function sniffCountsFormat(path: string): Promise<CountsFileFormat> {
  const fh = await open(path, "r");
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (isParquetStart(head.subarray(0, bytesRead))) return "parquet";
  } finally {
    await fh.close();
  }
  // Possibly gzip: look at the decompressed start.
  const source = await openFileChunks(path);
  for await (const chunk of source.chunks) {
    const text = Buffer.from(chunk).toString("utf8").replace(/^\uFEFF/, "").trimStart();
    if (text === "") continue;
    return text.startsWith("{") ? "jsonl" : "csv";
  }
  return "csv";
}

/** Adds rows to the accumulator, counting, refusing a (model, problem) a second time within the file. */
class CountsSink {
  readonly errors: IngestError[] = [];
  rowsRead = 0;
  rowsAccepted = 0;
  samplesAdded = 0;
  blankRows = 0;
  rowsRejected = 0;
  readonly #tallies: FileTallies;

  constructor(
    readonly file: string,
    readonly accumulator: TallyAccumulator,
    readonly columns: ResolvedCountsColumns,
    readonly model: string | undefined,
    readonly strict: boolean,
    readonly maxErrors: number,
  ) {
    this.#tallies = new FileTallies(accumulator);
  }

  blank(): void {
    this.rowsRead++;
    this.blankRows++;
  }

  reject(error: IngestError): void {
    this.rowsRejected++;
    if (this.strict) throw error;
    if (this.errors.length < this.maxErrors) this.errors.push(error);
  }

  row(row: unknown, line: number, what: string): void {
    this.rowsRead++;
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      this.reject(new IngestError(`a counts row must be an object, got ${Array.isArray(row) ? "an array" : String(row)}`, { file: this.file, line }));
      return;
    }
    try {
      const { model, tally } = readCountsRow(row as Record<string, unknown>, this.columns, this.model);
      this.#add(model, tally.problemId, tally.n, tally.c, line, what);
    } catch (e) {
      if (!(e instanceof PasskError)) throw e;
      this.reject(new IngestError(e.message, { file: this.file, line, field: e.field, value: e.value, problemId: e.problemId, cause: e }));
    }
  }

  /**
   * The rows of one Parquet row group, column by column. A row whose cells are of the plain kinds
   * (non-empty string ids, integer counts with 1 ≤ n, 0 ≤ c ≤ n) is added without building a row
   * object; any other row goes through {@link CountsSink.row}, whose checks name its error.
   */
  columnGroup(firstRow: number, rows: number, ids: ArrayLike<unknown>, ns: ArrayLike<unknown>, cs: ArrayLike<unknown>, models: ArrayLike<unknown> | undefined): void {
    const names = this.columns;
    const fixed = this.model;
    let cells: Record<string, unknown> | undefined;
    for (let i = 0; i < rows; i++) {
      const line = firstRow + i;
      const model = fixed ?? models?.[i];
      const problemId = ids[i];
      const n = plainCount(ns[i]);
      const c = plainCount(cs[i]);
      if (typeof model !== "string" || model === "" || typeof problemId !== "string" || problemId === "" || n < 1 || c < 0 || c > n) {
        cells ??= {};
        cells[names.problemId] = problemId;
        cells[names.n] = ns[i];
        cells[names.c] = cs[i];
        if (models !== undefined) cells[names.model] = models[i];
        this.row(cells, line, "row");
        continue;
      }
      this.rowsRead++;
      try {
        this.#add(model, problemId, n, c, line, "row");
      } catch (e) {
        if (!(e instanceof PasskError)) throw e;
        this.reject(new IngestError(e.message, { file: this.file, line, field: e.field, value: e.value, problemId: e.problemId, cause: e }));
      }
    }
  }

  /** Adds a checked row, refusing a (model, problem) seen before in this file. */
  #add(model: string, problemId: string, n: number, c: number, line: number, what: string): void {
    // A GROUP BY writes each (model, problem) once: a second row means a table concatenated
    // twice or an aggregation that missed a key, and summing it would double-count samples.
    const first = this.#tallies.add(model, { problemId, n, c }, line);
    if (first !== undefined) {
      throw new InvalidArgumentError(
        `problem ${JSON.stringify(problemId)} of model ${JSON.stringify(model)} appears twice (first at ${what} ${first}); ` +
          "a counts table has one row per (model, problem): aggregate it, or give the parts as separate files",
        { field: this.columns.problemId, value: problemId, problemId },
      );
    }
    this.rowsAccepted++;
    this.samplesAdded += n;
  }
}

/** A Parquet count cell of the plain kind (a safe non-negative integer, INT64 as a bigint) → its value; anything else → -1. */
function plainCount(v: unknown): number {
  if (typeof v === "bigint") return v >= 0n && v <= MAX_SAFE ? Number(v) : -1;
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : -1;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

async function readJsonl(path: string, sink: CountsSink): Promise<void> {
  const source = await openFileChunks(path);
  const decoder = new JsonlDecoder(sink.file, {
    blank: () => sink.blank(),
    malformed: (error) => {
      sink.rowsRead++;
      sink.reject(error);
    },
    value: (value, line) => sink.row(value, line, "line"),
  });
  try {
    for await (const chunk of source.chunks) decoder.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(`cannot read ${source.gzip ? "gzip data" : "input"}: ${describe(e)}`, { file: sink.file, line: decoder.lines + 1, cause: e });
  }
  decoder.end();
}

async function readCsv(path: string, sink: CountsSink): Promise<void> {
  const { parse } = await import("csv-parse");
  const source = await openFileChunks(path);
  // Records as arrays (not objects keyed by the header) so a row with too few or too many cells is
  // refused by line here rather than padded or truncated by the parser.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false, info: true });
  const feed = (async () => {
    try {
      for await (const chunk of source.chunks) {
        if (!parser.write(chunk)) await new Promise<void>((r) => parser.once("drain", () => r()));
      }
      parser.end();
    } catch (e) {
      parser.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  let header: string[] | undefined;
  let lastLine = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      lastLine = info.lines;
      if (record.length === 1 && (record[0] ?? "").trim() === "") {
        if (header !== undefined) sink.blank();
        continue;
      }
      if (header === undefined) {
        header = record;
        const missing = [sink.columns.problemId, sink.columns.n, sink.columns.c, ...(sink.model === undefined ? [sink.columns.model] : [])].filter(
          (c) => !record.includes(c),
        );
        if (missing.length > 0) {
          throw new IngestError(`the header has no column ${missing.map((m) => JSON.stringify(m)).join(", ")} (columns: ${record.join(", ")})`, {
            file: sink.file,
            line: info.lines,
            field: missing[0],
          });
        }
        continue;
      }
      if (record.length !== header.length) {
        sink.rowsRead++;
        sink.reject(new IngestError(`the row has ${record.length} cells, the header ${header.length}`, { file: sink.file, line: info.lines }));
        continue;
      }
      const row: Record<string, string> = {};
      header.forEach((name, i) => (row[name] = record[i] as string));
      sink.row(row, info.lines, "line");
    }
  } catch (e) {
    if (e instanceof IngestError) throw e;
    // csv-parse stops at a quote never closed (a truncated file) or a malformed quote.
    throw new IngestError(`not valid CSV: ${describe(e)}`, { file: sink.file, line: lastLine + 1, cause: e });
  } finally {
    await feed;
  }
  if (header === undefined) throw new IngestError("the file is empty: no header and no rows", { file: sink.file, line: 0 });
}

async function readParquet(path: string, sink: CountsSink): Promise<void> {
  let file;
  try {
    file = await openParquet(path);
  } catch (e) {
    throw new IngestError(`not a readable Parquet file: ${describe(e)}`, { file: sink.file, line: 0, cause: e });
  }
  try {
    const wanted = [sink.columns.problemId, sink.columns.n, sink.columns.c, ...(sink.model === undefined ? [sink.columns.model] : [])];
    const missing = wanted.filter((c) => !file.columns.includes(c));
    if (missing.length > 0) {
      throw new IngestError(`no column ${missing.map((m) => JSON.stringify(m)).join(", ")} (columns: ${file.columns.join(", ")})`, {
        file: sink.file,
        line: 0,
        field: missing[0],
      });
    }
    let row = 0;
    try {
      // Column by column: no object per row.
      const { model, problemId, n, c } = sink.columns;
      for await (const group of file.columnGroups(wanted)) {
        row = group.firstRow;
        const get = (name: string): ArrayLike<unknown> => group.columns.get(name) as ArrayLike<unknown>;
        sink.columnGroup(row, group.rows, get(problemId), get(n), get(c), sink.model === undefined ? get(model) : undefined);
        row += group.rows;
      }
    } catch (e) {
      if (e instanceof IngestError) throw e;
      throw new IngestError(`cannot read the row group at row ${row}: ${describe(e)}`, { file: sink.file, line: row, cause: e });
    }
  } finally {
    await file.close();
  }
}

/**
 * Reads a counts table, one row per (model, problem) with the number of samples `n` and of correct
 * samples `c`, into a {@link TallyAccumulator} through {@link TallyAccumulator.addTally}: the
 * output of a `GROUP BY` in DuckDB, Spark or BigQuery. CSV (via csv-parse), JSONL and Parquet (via
 * hyparquet, one row group in memory at a time) are streamed; CSV and JSONL may be gzip-compressed.
 *
 * Counts must be non-negative integers (CSV cells plain decimal digits), `n ≥ 1`, `c ≤ n`; a
 * (model, problem) may appear once per file. Bad rows become {@link IngestError}s naming file,
 * line (Parquet: row) and column: thrown at the first in `"strict"` mode, collected in
 * `"collect"` mode. A file that cannot be opened, lacks a column, or is not valid CSV or Parquet
 * (e.g. truncated) fails as a whole.
 *
 * @param path - the table
 * @param options - see {@link IngestCountsOptions}
 * @returns the counts and the accumulator
 * @throws {@link IngestError} as above; {@link index!InvalidArgumentError} for bad options
 *
 * @example
 * ```ts
 * import { writeFileSync, mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { ingestCounts } from "passk/node";
 * const file = join(mkdtempSync(join(tmpdir(), "passk-")), "counts.csv");
 * writeFileSync(file, "model,problem_id,n,c\nrl,p1,16,5\nrl,p2,16,0\nrl,p3,16,17\n");
 * const r = await ingestCounts(file, { mode: "collect", name: "counts.csv" });
 * console.log(r.format, r.rowsRead, r.rowsAccepted, r.samplesAdded); // => csv 3 2 32
 * console.log(r.accumulator.talliesFor("rl")); // => [ { problemId: 'p1', n: 16, c: 5 }, { problemId: 'p2', n: 16, c: 0 } ]
 * console.log(r.errors[0]!.message); // => counts.csv:4: c = 17 exceeds n = 16 (problem "p3")
 * ```
 */
export async function ingestCounts(path: string, options: IngestCountsOptions = {}): Promise<IngestCountsResult> {
  if (typeof path !== "string" || path === "") {
    throw new InvalidArgumentError(`path must be a non-empty string, got ${String(path)}`, { field: "path", value: path });
  }
  const { mode = "strict", maxErrors = Infinity } = options;
  if (mode !== "strict" && mode !== "collect") {
    throw new InvalidArgumentError(`options.mode must be "strict" or "collect", got ${String(mode)}`, { field: "mode", value: mode });
  }
  if (!(maxErrors === Infinity || (Number.isSafeInteger(maxErrors) && maxErrors >= 0))) {
    throw new InvalidArgumentError(`options.maxErrors must be a non-negative integer, got ${String(maxErrors)}`, { field: "maxErrors", value: maxErrors });
  }
  if (options.format !== undefined && !FORMATS.includes(options.format)) {
    throw new InvalidArgumentError(`options.format must be csv, jsonl or parquet, got ${String(options.format)}`, { field: "format", value: options.format });
  }
  if (options.model !== undefined && (typeof options.model !== "string" || options.model === "")) {
    throw new InvalidArgumentError(`options.model must be a non-empty string, got ${String(options.model)}`, { field: "model", value: options.model });
  }
  if (options.accumulator !== undefined && !(options.accumulator instanceof TallyAccumulator)) {
    throw new InvalidArgumentError("options.accumulator must be a TallyAccumulator", { field: "accumulator", value: options.accumulator });
  }
  const columns = resolveCountsColumns(options.columns);
  const file = options.name ?? path;
  let format: CountsFileFormat;
  try {
    format = options.format ?? (await sniffCountsFormat(path));
  } catch (e) {
    throw new IngestError(cannotOpenMessage(e), { file, line: 0, cause: e });
  }
  const accumulator = options.accumulator ?? new TallyAccumulator();
  const sink = new CountsSink(file, accumulator, columns, options.model, mode === "strict", maxErrors);
  try {
    if (format === "parquet") await readParquet(path, sink);
    else if (format === "jsonl") await readJsonl(path, sink);
    else await readCsv(path, sink);
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(cannotOpenMessage(e), { file, line: 0, cause: e });
  }
  return {
    file,
    format,
    accumulator,
    rowsRead: sink.rowsRead,
    rowsAccepted: sink.rowsAccepted,
    samplesAdded: sink.samplesAdded,
    blankRows: sink.blankRows,
    rowsRejected: sink.rowsRejected,
    errors: sink.errors,
  };
}
