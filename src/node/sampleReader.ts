/**
 * The contract between the JSONL ingester and a file format.
 * @module
 */
import type { SampleRecord } from "../tallies/index.js";

/**
 * Which source field feeds each {@link SampleRecord} field, so an error the accumulator raises
 * (say a duplicated `sampleIndex`) can name the field of the file (`"sample_index"`).
 *
 * @example
 * ```ts
 * const fields = { problemId: "doc_id", correct: "exact_match" };
 * console.log(fields.problemId); // => doc_id
 * ```
 */
export type SourceFields = Partial<Record<"model" | "problemId" | "sampleIndex" | "correct" | "score" | "threshold" | "answer", string>>;

/**
 * Turns one parsed JSONL line into sample records. Readers for common formats come ready
 * ({@link fieldMappingReader}, {@link qwenMathReader}, {@link lmEvalReader}, {@link flatReader});
 * write your own for anything else.
 *
 * `read` returns one record, an array of records (all added or none), or `null` for a line that
 * is deliberately not tallied (it is counted in `linesSkipped`). To reject a line, throw a
 * `PasskError` whose `field` names the source field; the ingester adds file and line number.
 *
 * @example
 * ```ts
 * const reader = {
 *   name: "csv-like",
 *   read: (v: { q: number; ok: number }) => ({ model: "m", problemId: String(v.q), correct: v.ok === 1 }),
 * };
 * console.log(reader.read({ q: 3, ok: 1 })); // => { model: 'm', problemId: '3', correct: true }
 * ```
 */
export interface SampleReader {
  /** Short name of the format, for messages. */
  readonly name: string;
  /** Converts one parsed line (any JSON value) into records, or `null` to skip it on purpose. */
  read(value: unknown): SampleRecord | readonly SampleRecord[] | null;
  /** Source field behind each record field, used to name fields in accumulator errors. */
  readonly sourceFields?: SourceFields;
}
