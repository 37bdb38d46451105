/**
 * Streaming Parquet sample files (one graded sample, or one document with its samples, per row)
 * → TallyAccumulator, with row-numbered errors and full accounting.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { Tally } from "../estimators/tally.js";
import { TallyAccumulator } from "../tallies/index.js";
import { IngestError } from "./ingestError.js";
import { cannotOpenMessage } from "./jsonlChunks.js";
import { openParquet, type ParquetRows } from "./parquetFile.js";
import { leafTallyPlanners, tallyLeafRows, type TallyScratch } from "./parquetLeafTallies.js";
import { RecordSink } from "./recordSink.js";
import type { SampleReader } from "./sampleReader.js";

/**
 * A {@link SampleReader} for Parquet rows that also says which columns it needs, so only those are
 * decoded (a details file's prompt and response columns are most of its bytes).
 *
 * @example
 * ```ts
 * import type { ParquetSampleReader } from "passk/node";
 * const reader: ParquetSampleReader = {
 *   name: "mine",
 *   columns: () => ["id", "ok"],
 *   read: (row) => ({ model: "m", problemId: String((row as { id: string }).id), correct: (row as { ok: boolean }).ok }),
 * };
 * console.log(reader.columns!(["id", "ok", "prompt"], () => [])); // => [ 'id', 'ok' ]
 * ```
 */
export interface ParquetSampleReader extends SampleReader {
  /**
   * The top-level columns to decode, given the file's columns and the fields of its struct columns
   * (default: all). May throw an InvalidArgumentError for a file it cannot read.
   */
  columns?(available: readonly string[], fieldsOf: (column: string) => readonly string[]): readonly string[];
  /**
   * For rows that are one document with its count already (n samples, c correct): the row's model
   * and tally, added with `addTally` instead of n records (a (model, problem) once per file; rows
   * of different files add up, as in counts tables). When present it is used instead of `read`.
   */
  tally?(row: unknown): ParquetRowTally | null;
}

/** One document's count from {@link ParquetSampleReader.tally}. */
export interface ParquetRowTally {
  /** The model that produced the samples. */
  readonly model: string;
  /** The problem with its n samples and c correct. */
  readonly tally: Tally;
}

/**
 * Options of {@link ingestParquetSamples}.
 *
 * @example
 * ```ts
 * import { fieldMappingReader, type IngestParquetOptions } from "passk/node";
 * const options: IngestParquetOptions = {
 *   reader: fieldMappingReader({ model: "model", problem: "problem_id", correct: "correct" }),
 *   columns: ["model", "problem_id", "correct"],
 *   mode: "collect",
 * };
 * console.log(options.columns?.length); // => 3
 * ```
 */
export interface IngestParquetOptions {
  /** Turns each row (an object keyed by column name; nested columns as objects and arrays) into records. */
  readonly reader: ParquetSampleReader;
  /** Top-level columns to decode (default: the reader's `columns`, else all). A missing one fails the file. */
  readonly columns?: readonly string[];
  /** Accumulator to add to. Default: a new one (with `keepAnswers`). */
  readonly accumulator?: TallyAccumulator;
  /** `keepAnswers` of the accumulator created when none is passed (default false). */
  readonly keepAnswers?: boolean;
  /** `"strict"` (default): throw the first bad row's {@link IngestError}. `"collect"`: skip bad rows and return their errors. */
  readonly mode?: "strict" | "collect";
  /** In collect mode, keep at most this many error objects (every bad row is still counted). */
  readonly maxErrors?: number;
  /** Called after each row group with the rows read so far and the file's row count. */
  readonly onProgress?: (progress: { readonly rowsRead: number; readonly totalRows: number }) => void;
  /** The file as shown in errors and in the result (default: the path). */
  readonly name?: string;
}

/**
 * What {@link ingestParquetSamples} did. Every row is accounted for:
 * `rowsRead = rowsAccepted + rowsSkipped + rowsRejected`; `line` in errors is the 1-based row.
 *
 * @example
 * ```ts
 * const r = { rowsRead: 10, rowsAccepted: 8, rowsSkipped: 1, rowsRejected: 1 };
 * console.log(r.rowsAccepted + r.rowsSkipped + r.rowsRejected === r.rowsRead); // => true
 * ```
 */
export interface IngestParquetResult {
  /** The file as named in errors. */
  readonly file: string;
  /** The accumulator the records went into. */
  readonly accumulator: TallyAccumulator;
  /** Rows read. */
  readonly rowsRead: number;
  /** Rows whose records were all added. */
  readonly rowsAccepted: number;
  /** Sample records added (a row holding a document's n samples adds n). */
  readonly recordsAdded: number;
  /** Rows the reader deliberately did not tally. */
  readonly rowsSkipped: number;
  /** Bad rows; none of their records was added. */
  readonly rowsRejected: number;
  /** The errors of rejected rows, in row order (collect mode; at most `maxErrors`). */
  readonly errors: readonly IngestError[];
  /** The columns decoded. */
  readonly columns: readonly string[];
  /** Row groups in the file (memory holds one at a time). */
  readonly rowGroups: number;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * Parquet INT64 cells arrive as bigints; readers (and JSON) speak numbers. Safe integers become
 * numbers, anything larger stays a bigint (and a reader refuses it by field). Nested objects and
 * arrays are walked only when they are plain containers.
 */
function toNumbers(value: unknown): unknown {
  if (typeof value === "bigint") return value <= MAX_SAFE && value >= MIN_SAFE ? Number(value) : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v !== null && (typeof v === "object" || typeof v === "bigint")) value[i] = toNumbers(v);
    }
    return value;
  }
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  const o = value as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (v !== null && (typeof v === "object" || typeof v === "bigint")) o[k] = toNumbers(v);
  }
  return o;
}

function checkOptions(options: IngestParquetOptions): void {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError(`options must be an object with a reader, got ${String(options)}`, { field: "options", value: options });
  }
  const { reader, mode = "strict", maxErrors = Infinity } = options;
  if (reader === null || typeof reader !== "object" || typeof reader.read !== "function") {
    throw new InvalidArgumentError("options.reader must be a SampleReader (e.g. lightevalDetailsReader())", { field: "reader", value: reader });
  }
  if (mode !== "strict" && mode !== "collect") {
    throw new InvalidArgumentError(`options.mode must be "strict" or "collect", got ${String(mode)}`, { field: "mode", value: mode });
  }
  if (!(maxErrors === Infinity || (Number.isSafeInteger(maxErrors) && maxErrors >= 0))) {
    throw new InvalidArgumentError(`options.maxErrors must be a non-negative integer, got ${String(maxErrors)}`, { field: "maxErrors", value: maxErrors });
  }
  if (options.columns !== undefined && (!Array.isArray(options.columns) || options.columns.some((c) => typeof c !== "string" || c === ""))) {
    throw new InvalidArgumentError("options.columns must be an array of column names", { field: "columns", value: options.columns });
  }
  if (options.accumulator !== undefined && !(options.accumulator instanceof TallyAccumulator)) {
    throw new InvalidArgumentError("options.accumulator must be a TallyAccumulator", { field: "accumulator", value: options.accumulator });
  }
}

/**
 * Streams a Parquet file of samples into a {@link TallyAccumulator}, one row group at a time
 * (hyparquet, pure JavaScript): memory holds one row group of the decoded columns, never the file.
 * Each row, an object keyed by column name (nested columns as objects and arrays, INT64 cells
 * within 2⁵³ as numbers), goes through the reader: {@link lightevalDetailsReader} for lighteval's
 * `details_<task>_<date>.parquet`, {@link fieldMappingReader} for any dataset of generations.
 *
 * Bad rows become {@link IngestError}s naming file, row (1-based) and field: thrown at the first in
 * `"strict"` mode, collected in `"collect"` mode, and always counted. A file that cannot be opened,
 * is not Parquet, is truncated (its footer is at the end, so a cut file fails before any row), lacks
 * a needed column, or whose row group cannot be decoded fails as a whole with an {@link IngestError}.
 *
 * @param path - the Parquet file
 * @param options - reader, columns, mode, accumulator (see {@link IngestParquetOptions})
 * @returns the counts and the accumulator
 * @throws {@link IngestError} as above; {@link index!InvalidArgumentError} for bad options
 *
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { fieldMappingReader, ingestParquetSamples, IngestError } from "passk/node";
 * // A file cut short (a copy interrupted): Parquet's footer is at its end, so nothing is read.
 * const file = join(mkdtempSync(join(tmpdir(), "passk-")), "generations.parquet");
 * writeFileSync(file, Uint8Array.from([0x50, 0x41, 0x52, 0x31, 0x15, 0x04]));
 * const reader = fieldMappingReader({ modelName: "m", problem: "problem", correct: "passed" });
 * try {
 *   await ingestParquetSamples(file, { reader, columns: ["problem", "passed"], mode: "collect", name: "generations.parquet" });
 * } catch (e) {
 *   console.log(e instanceof IngestError, (e as IngestError).line, (e as IngestError).message.split(" (")[0]); // => true 0 generations.parquet: not a readable Parquet file
 * }
 * ```
 */
export async function ingestParquetSamples(path: string, options: IngestParquetOptions): Promise<IngestParquetResult> {
  if (typeof path !== "string" || path === "") {
    throw new InvalidArgumentError(`path must be a non-empty string, got ${String(path)}`, { field: "path", value: path });
  }
  checkOptions(options);
  const { reader, mode = "strict", maxErrors = Infinity, onProgress } = options;
  const file = options.name ?? path;
  const accumulator = options.accumulator ?? new TallyAccumulator({ keepAnswers: options.keepAnswers ?? false });
  let parquet: ParquetRows;
  try {
    parquet = await openParquet(path);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") throw new IngestError(cannotOpenMessage(e), { file, line: 0, cause: e });
    throw new IngestError(`not a readable Parquet file (truncated or corrupt?): ${describe(e)}`, { file, line: 0, cause: e });
  }
  const sink = new RecordSink(file, accumulator, reader, mode === "strict", maxErrors);
  let columns: readonly string[];
  try {
    try {
      columns = options.columns ?? reader.columns?.(parquet.columns, (c) => parquet.fields.get(c) ?? []) ?? parquet.columns;
    } catch (e) {
      if (e instanceof InvalidArgumentError) throw new IngestError(e.message, { file, line: 0, field: e.field, cause: e });
      throw e;
    }
    const missing = columns.filter((c) => !parquet.columns.includes(c));
    if (missing.length > 0) {
      throw new IngestError(`no column ${missing.map((m) => JSON.stringify(m)).join(", ")} (columns: ${parquet.columns.join(", ")})`, {
        file,
        line: 0,
        field: missing[0],
      });
    }
    // Only cells of columns that can hold a bigint are walked (a row's keys are its columns).
    const convert = columns.filter((c) => parquet.bigintColumns.has(c));
    const tally = reader.tally?.bind(reader);
    // The row being read, named when something other than a bad row fails: while a group
    // decodes, the row after the last one read (0 before the first group).
    let row = 0;
    /** Rows `from`.. of a group's row objects through the reader; `line` is row `from`'s number. */
    const readRows = (rows: ReadonlyArray<Readonly<Record<string, unknown>>>, from: number, line: number): void => {
      row = line;
      for (let i = from; i < rows.length; i++) {
        const cells = rows[i] as Record<string, unknown>;
        for (let k = 0; k < convert.length; k++) {
          const v = cells[convert[k] as string];
          if (v !== null && (typeof v === "object" || typeof v === "bigint")) cells[convert[k] as string] = toNumbers(v);
        }
        if (tally !== undefined) sink.tallyRow(cells, row, tally);
        else sink.row(cells, row, undefined);
        row++;
      }
    };
    // A reader whose rows are one document each may take them from two leaf columns (no object
    // per row), when it chose the columns itself; rows it does not vouch for go through `tally`.
    const planner = options.columns === undefined && tally !== undefined ? leafTallyPlanners.get(reader) : undefined;
    const plan = planner?.(columns, (c) => parquet.fields.get(c) ?? []);
    const leafGroups = plan === undefined ? undefined : parquet.leafGroups(columns, [plan.id, plan.value]);
    try {
      if (plan !== undefined && leafGroups !== undefined) {
        const scratch: TallyScratch = { problemId: "", n: 0, c: 0 };
        for await (const group of leafGroups) {
          const done = tallyLeafRows(plan, group, sink, scratch);
          if (done < group.rows) readRows(await group.objects(), done, group.firstRow + done);
          row = group.firstRow + group.rows;
          onProgress?.({ rowsRead: sink.rowsRead, totalRows: parquet.rowCount });
        }
      } else {
        for await (const group of parquet.rowGroups(columns)) {
          readRows(group.rows, 0, group.firstRow);
          onProgress?.({ rowsRead: sink.rowsRead, totalRows: parquet.rowCount });
        }
      }
    } catch (e) {
      if (e instanceof IngestError) throw e;
      throw new IngestError(`cannot decode the row group starting at row ${row}: ${describe(e)}`, { file, line: row, cause: e });
    }
  } finally {
    await parquet.close();
  }
  return {
    file,
    accumulator,
    rowsRead: sink.rowsRead,
    rowsAccepted: sink.rowsAccepted,
    recordsAdded: sink.recordsAdded,
    rowsSkipped: sink.rowsSkipped,
    rowsRejected: sink.rowsRejected,
    errors: sink.errors,
    columns,
    rowGroups: parquet.rowGroupCount,
  };
}
