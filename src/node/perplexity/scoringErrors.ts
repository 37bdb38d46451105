/**
 * The typed errors of the perplexity scoring client: a bad record (named by file and line), a
 * failed server (after the retries), and a stopped run.
 * @module
 */
import { PasskError } from "../../errors/errors.js";

/**
 * Why a record could not be scored:
 * - `"malformed-json"`: the line is not JSON, or not a JSON object;
 * - `"missing-problem-id"`, `"missing-prompt"`, `"empty-response"`: a required field is absent,
 *   mistyped or empty;
 * - `"response-not-at-end"`: the token texts the server echoed do not spell prompt + response, so
 *   the response cannot be located in them (the server changed the text, truncated it, or its
 *   token texts do not concatenate to the text it was sent);
 * - `"straddling-token"`: one token spans the end of the prompt and the start of the response
 *   (see the `straddle` option);
 * - `"ambiguous-boundary"`: tokens whose text is a partial character (U+FFFD) leave two places
 *   the response could start;
 * - `"rejected-by-server"`: the server answered 4xx for this request (e.g. longer than the
 *   model's context), which retrying cannot fix;
 * - `"invalid-payload"`: a saved line (a scored record or an API payload read by the perplexity
 *   report) is malformed or its logprobs cannot be read.
 *
 * @example
 * ```ts
 * import { ScoringRecordError } from "passk/node";
 * import type { ScoringRecordReason } from "passk/node";
 * const reason: ScoringRecordReason = "empty-response";
 * console.log(new ScoringRecordError("response is empty", { reason, file: "r.jsonl", line: 3 }).reason); // => empty-response
 * ```
 */
export type ScoringRecordReason =
  | "malformed-json"
  | "missing-problem-id"
  | "missing-prompt"
  | "empty-response"
  | "response-not-at-end"
  | "straddling-token"
  | "ambiguous-boundary"
  | "rejected-by-server"
  | "invalid-payload";

/**
 * Where a bad record is and what is wrong with it.
 *
 * @example
 * ```ts
 * import type { ScoringRecordErrorDetails } from "passk/node";
 * const details: ScoringRecordErrorDetails = { reason: "missing-prompt", file: "responses.jsonl", line: 7, field: "prompt" };
 * console.log(details.line); // => 7
 * ```
 */
export interface ScoringRecordErrorDetails {
  /** Why the record was rejected. */
  readonly reason: ScoringRecordReason;
  /** The file the record came from (`"<records>"` for records passed in memory). */
  readonly file?: string;
  /** 1-based line of the record in `file` (0 when unknown). */
  readonly line?: number;
  /** The offending field, when there is one. */
  readonly field?: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
  /** Problem id of the record, when known. */
  readonly problemId?: string;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * One record cannot be scored (see {@link ScoringRecordReason}). Code
 * `"SCORING_RECORD_INVALID"`; the message starts with `file:line:` when the line is known.
 * In `"collect"` mode the batch scorer counts and keeps these and goes on; in `"strict"` mode the
 * first one stops the run (after the records already scored are saved).
 *
 * @example
 * ```ts
 * import { ScoringRecordError, PasskError } from "passk/node";
 * const e = new ScoringRecordError("prompt must be a non-empty string", { reason: "missing-prompt", file: "r.jsonl", line: 4, field: "prompt" });
 * console.log(e instanceof PasskError, e.code, e.message); // => true SCORING_RECORD_INVALID r.jsonl:4: prompt must be a non-empty string
 * ```
 */
export class ScoringRecordError extends PasskError {
  /** Why the record was rejected. */
  readonly reason: ScoringRecordReason;
  /** The file of the record. */
  readonly file: string;
  /** 1-based line (0 when unknown). */
  readonly line: number;
  /** The message without the `file:line:` prefix. */
  readonly detail: string;
  /** The details the error was built from (to rebuild it at another location). */
  readonly details: ScoringRecordErrorDetails;

  constructor(message: string, details: ScoringRecordErrorDetails) {
    const file = details.file ?? "<records>";
    const line = details.line ?? 0;
    super("SCORING_RECORD_INVALID", line > 0 ? `${file}:${line}: ${message}` : message, {
      field: details.field,
      value: details.value,
      problemId: details.problemId,
    });
    this.reason = details.reason;
    this.file = file;
    this.line = line;
    this.detail = message;
    this.details = details;
    if (details.cause !== undefined) (this as { cause?: unknown }).cause = details.cause;
  }
}

/**
 * The same record error, located at `file:line` (errors raised while scoring one record do not
 * know where the record came from). @internal
 */
export function locateRecordError(e: ScoringRecordError, file: string, line: number): ScoringRecordError {
  return new ScoringRecordError(e.detail, { ...e.details, file, line });
}

/**
 * The scoring server failed: it kept answering 429/5xx, timing out, resetting the connection or
 * sending unparseable bodies until the retries ran out, or it answered with a payload that lacks
 * the prompt logprobs (a server that cannot echo them, e.g. llama.cpp's `/v1/completions`). A
 * failure of the machinery is never a number: the run stops with this error (code
 * `"SCORING_SERVER_FAILED"`) whatever the mode, after saving what was scored.
 *
 * @example
 * ```ts
 * import { ScoringServerError } from "passk/node";
 * const e = new ScoringServerError("HTTP 503 after 6 attempts", { status: 503, attempts: 6, url: "http://127.0.0.1:8000/v1/completions" });
 * console.log(e.code, e.status, e.attempts); // => SCORING_SERVER_FAILED 503 6
 * ```
 */
export class ScoringServerError extends PasskError {
  /** The last HTTP status, or `undefined` for a network error or timeout. */
  readonly status: number | undefined;
  /** Requests made for the record, retries included. */
  readonly attempts: number;
  /** The URL requested. */
  readonly url: string;

  constructor(
    message: string,
    details: { readonly status?: number | undefined; readonly attempts: number; readonly url: string; readonly cause?: unknown; readonly problemId?: string | undefined },
  ) {
    super("SCORING_SERVER_FAILED", message, { field: "endpoint", value: details.url, problemId: details.problemId });
    this.status = details.status;
    this.attempts = details.attempts;
    this.url = details.url;
    if (details.cause !== undefined) (this as { cause?: unknown }).cause = details.cause;
  }
}

/**
 * The run was stopped through its `AbortSignal`. Everything scored before the stop is saved; the
 * records in flight are not, and a rerun with the same output file scores them. Code
 * `"SCORING_ABORTED"`.
 *
 * @example
 * ```ts
 * import { ScoringAbortedError } from "passk/node";
 * const e = new ScoringAbortedError("stopped after 12 records", { scored: 12 });
 * console.log(e.code, e.scored); // => SCORING_ABORTED 12
 * ```
 */
export class ScoringAbortedError extends PasskError {
  /** Records scored and saved in this run before the stop. */
  readonly scored: number;

  constructor(message: string, details: { readonly scored: number; readonly cause?: unknown }) {
    super("SCORING_ABORTED", message, { field: "signal" });
    this.scored = details.scored;
    if (details.cause !== undefined) (this as { cause?: unknown }).cause = details.cause;
  }
}
