/**
 * Adds what a reader returns for one row (or log sample) to an accumulator, with the accounting
 * and strict/collect handling of ingestJsonl, for sources that are not JSONL (Parquet, Inspect logs).
 * @internal
 * @module
 */
import { PasskError } from "../errors/errors.js";
import { InvalidArgumentError } from "../errors/errors.js";
import type { Tally } from "../estimators/tally.js";
import type { SampleRecord, TallyAccumulator } from "../tallies/index.js";
import { FileTallies } from "./fileTallies.js";
import { IngestError } from "./ingestError.js";
import type { SampleReader, SourceFields } from "./sampleReader.js";

const RECORD_FIELDS = new Set(["model", "problemId", "sampleIndex", "correct", "score", "threshold", "answer"]);

/** Counts rows read, accepted, skipped and rejected, and records added. @internal */
export class RecordSink {
  readonly errors: IngestError[] = [];
  rowsRead = 0;
  rowsAccepted = 0;
  rowsSkipped = 0;
  rowsRejected = 0;
  recordsAdded = 0;

  constructor(
    readonly file: string,
    readonly accumulator: TallyAccumulator,
    readonly reader: SampleReader,
    readonly strict: boolean,
    readonly maxErrors: number,
  ) {}

  /** Counts a bad row: throws its error in strict mode, else stores it (up to maxErrors). */
  reject(error: IngestError): void {
    this.rowsRejected++;
    if (this.strict) throw error;
    if (this.errors.length < this.maxErrors) this.errors.push(error);
  }

  #tallies: FileTallies | undefined;

  /**
   * Adds a row that is already a tally (a document with its n and c) through addTally. A
   * (model, problem) may come once per file (a second row is refused naming the first); rows of
   * different files add up, as in counts tables.
   */
  tallyRow(value: unknown, line: number, read: (value: unknown) => { model: string; tally: Tally } | null): void {
    this.rowsRead++;
    let out: { model: string; tally: Tally } | null;
    try {
      out = read(value);
      if (out !== null) {
        const first = (this.#tallies ??= new FileTallies(this.accumulator)).add(out.model, out.tally, line);
        if (first !== undefined) {
          throw new InvalidArgumentError(`problem ${JSON.stringify(out.tally.problemId)} of model ${JSON.stringify(out.model)} appears twice in this file (first at row ${first})`, {
            field: this.reader.sourceFields?.problemId,
            value: out.tally.problemId,
            problemId: out.tally.problemId,
          });
        }
      }
    } catch (e) {
      this.reject(wrap(e, this.file, line, undefined));
      return;
    }
    if (out === null) {
      this.rowsSkipped++;
      return;
    }
    this.rowsAccepted++;
    this.recordsAdded += out.tally.n;
  }

  /**
   * {@link RecordSink.tallyRow} for a row already known to be valid, as its tally (which is read,
   * not kept): adds it and counts the row when the file has not added this (model, problem) yet
   * and the accumulator takes it; otherwise changes nothing and returns false, and the caller
   * gives the row to tallyRow for its error.
   */
  addNewRowTally(model: string, tally: Tally, line: number): boolean {
    try {
      if ((this.#tallies ??= new FileTallies(this.accumulator)).add(model, tally, line) !== undefined) return false;
    } catch {
      return false;
    }
    this.rowsRead++;
    this.rowsAccepted++;
    this.recordsAdded += tally.n;
    return true;
  }

  /** Reads one row with the reader and adds its records (all or none); `line` is its 1-based number. */
  row(value: unknown, line: number, where?: string): void {
    this.rowsRead++;
    let out: SampleRecord | readonly SampleRecord[] | null;
    try {
      out = this.reader.read(value);
    } catch (e) {
      this.reject(wrap(e, this.file, line, undefined, where));
      return;
    }
    if (out === null) {
      this.rowsSkipped++;
      return;
    }
    try {
      if (Array.isArray(out)) {
        this.accumulator.addAll(out as readonly SampleRecord[]);
        this.recordsAdded += (out as readonly SampleRecord[]).length;
      } else {
        this.accumulator.add(out as SampleRecord);
        this.recordsAdded++;
      }
    } catch (e) {
      this.reject(wrap(e, this.file, line, this.reader.sourceFields, where));
      return;
    }
    this.rowsAccepted++;
  }
}

/** A reader's or the accumulator's error → an IngestError naming file, row and source field. @internal */
export function wrap(e: unknown, file: string, line: number, sourceFields: SourceFields | undefined, where?: string): IngestError {
  const prefix = where === undefined ? "" : `${where}: `;
  if (e instanceof PasskError) {
    let field = e.field;
    if (sourceFields !== undefined && field !== undefined && RECORD_FIELDS.has(field)) {
      field = sourceFields[field as keyof SourceFields] ?? field;
    }
    return new IngestError(prefix + e.message, { file, line, field, value: e.value, problemId: e.problemId, cause: e });
  }
  if (e instanceof Error) return new IngestError(prefix + e.message, { file, line, cause: e });
  throw e;
}
