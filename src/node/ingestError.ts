/**
 * The error raised for a bad line of a JSONL file.
 * @module
 */
import { PasskError } from "../errors/errors.js";

/**
 * A line of a JSONL file could not be tallied: malformed JSON, a missing field, a non-boolean
 * correctness value, a duplicated (model, problem, sample index), ... or the file itself could not
 * be read (`line` is then the line being read when it failed).
 *
 * The message starts with `file:line:` (just `file:` when the error concerns the whole file, e.g.
 * it cannot be opened or is not JSONL; `line` is then 0); `field` names the offending source field
 * when there is one (`"score[3]"`, `"doc_id"`, ...), and `cause` holds the underlying error.
 *
 * @example
 * ```ts
 * import { IngestError } from "passk/node";
 * const e = new IngestError("missing field doc_id", { file: "samples.jsonl", line: 7, field: "doc_id" });
 * console.log(e.message, e.code, e.line); // => samples.jsonl:7: missing field doc_id INGEST_ERROR 7
 * console.log(new IngestError("no such file", { file: "nope.jsonl", line: 0 }).message); // => nope.jsonl: no such file
 * ```
 */
export class IngestError extends PasskError {
  /** The file being read (as given by the caller). */
  readonly file: string;
  /** 1-based line number; 0 for an error about the whole file. */
  readonly line: number;

  constructor(
    message: string,
    details: { file: string; line: number; field?: string | undefined; value?: unknown; problemId?: string | undefined; cause?: unknown },
  ) {
    super("INGEST_ERROR", `${details.file}${details.line > 0 ? `:${details.line}` : ""}: ${message}`, {
      field: details.field,
      value: details.value,
      problemId: details.problemId,
    });
    this.file = details.file;
    this.line = details.line;
    if (details.cause !== undefined) (this as { cause?: unknown }).cause = details.cause;
  }
}
