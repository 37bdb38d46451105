/**
 * Message helpers shared by the JSONL readers. Internal.
 * @internal
 * @module
 */
import { InvalidSampleRecordError } from "../tallies/index.js";

/**
 * A value as it appears in a message: JSON, cut to 80 characters. Non-finite numbers are shown as
 * the tokens the file held (`NaN`, `Infinity`), not as JSON's `null`.
 * @internal
 */
export function showValue(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  // A Parquet INT64 beyond 2^53 arrives as a bigint, which JSON.stringify refuses: shown as
  // BigInt literals are (12345678901234567890n), at any depth.
  if (typeof v === "bigint") return `${v}n`;
  let s: string;
  try {
    s = JSON.stringify(v, (_key, x: unknown) => (typeof x === "bigint" ? `${x}n` : x)) ?? String(v);
  } catch {
    s = Object.prototype.toString.call(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * The error for a line that is not a JSON object. An array gets a hint: a JSON array of records
 * on one line is a JSON document, not JSONL.
 * @internal
 */
export function notAnObject(value: unknown): InvalidSampleRecordError {
  return invalidField("$", `(the line) ${notAnObjectMessage(value)}`, value);
}

/** `must be a JSON object, got ...`, with the hint for an array. @internal */
export function notAnObjectMessage(value: unknown): string {
  const hint = Array.isArray(value) ? " (a JSON array of records is not JSONL: write one object per line, e.g. with jq -c '.[]')" : "";
  return `must be a JSON object, got ${showValue(value)}${hint}`;
}

/** An invalid-field error naming the field, the problem when known, and what is wrong. @internal */
export function invalidField(field: string, message: string, value: unknown, problemId?: string): InvalidSampleRecordError {
  const where = problemId === undefined ? "" : ` (problem ${JSON.stringify(problemId)})`;
  return new InvalidSampleRecordError(`${field} ${message}${where}`, { field, value, problemId });
}
