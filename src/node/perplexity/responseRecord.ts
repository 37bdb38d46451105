/**
 * One response to score, read from a JSONL line: `{ problem_id, prompt, response }` (field names
 * configurable), checked with the reasons a record can be refused.
 * @module
 */
import { ScoringRecordError } from "./scoringErrors.js";
import { numericIdText, UNSAFE_NUMERIC_ID } from "../numericId.js";

/**
 * A response to score: the prompt exactly as the model saw it (chat template included) and the
 * response text that followed it.
 *
 * @example
 * ```ts
 * import type { ResponseRecord } from "passk/node";
 * const r: ResponseRecord = { problemId: "7", prompt: "Q: 2+2=?\nA:", response: " 4", sampleIndex: 0 };
 * console.log(JSON.stringify(r.prompt + r.response)); // => "Q: 2+2=?\nA: 4"
 * ```
 */
export interface ResponseRecord {
  /** The problem the response answers. */
  readonly problemId: string;
  /** The prompt, exactly as the model was given it (non-empty). */
  readonly prompt: string;
  /** The response (non-empty). */
  readonly response: string;
  /** Index of the sample among the problem's responses, when the line gives one. */
  readonly sampleIndex?: number;
}

/**
 * Field names of a response line (defaults: `problem_id`, `prompt`, `response`, `sample_index`).
 *
 * @example
 * ```ts
 * import { readResponseRecord } from "passk/node";
 * const r = readResponseRecord({ idx: 3, question: "Q:", answer: " A" }, { problem: "idx", prompt: "question", response: "answer" });
 * console.log(r.problemId, JSON.stringify(r.prompt + r.response)); // => 3 "Q: A"
 * ```
 */
export interface ResponseFields {
  /** Field of the problem id (a string, or a number). */
  readonly problem?: string;
  /** Field of the prompt. */
  readonly prompt?: string;
  /** Field of the response. */
  readonly response?: string;
  /** Field of the (optional) sample index. */
  readonly sampleIndex?: string;
}

function show(v: unknown): string {
  if (v === undefined) return "missing";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Reads one parsed line as a {@link ResponseRecord}. A missing or empty problem id, prompt or
 * response is a {@link ScoringRecordError} naming the field (reasons `"missing-problem-id"`,
 * `"missing-prompt"`, `"empty-response"`); so is a line that is not a JSON object.
 *
 * @param value - the parsed JSON line
 * @param fields - field names (see {@link ResponseFields})
 * @throws {@link ScoringRecordError}
 *
 * @example
 * ```ts
 * import { readResponseRecord, ScoringRecordError } from "passk/node";
 * try {
 *   readResponseRecord({ problem_id: "p1", prompt: "Q:", response: "" });
 * } catch (e) {
 *   if (!(e instanceof ScoringRecordError)) throw e;
 *   console.log(e.reason, e.field); // => empty-response response
 * }
 * ```
 */
export function readResponseRecord(value: unknown, fields: ResponseFields = {}): ResponseRecord {
  const problemField = fields.problem ?? "problem_id";
  const promptField = fields.prompt ?? "prompt";
  const responseField = fields.response ?? "response";
  const sampleField = fields.sampleIndex ?? "sample_index";
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ScoringRecordError(`the line must be a JSON object, got ${show(value)}`, { reason: "malformed-json" });
  }
  const o = value as Readonly<Record<string, unknown>>;
  const rawId = o[problemField];
  const problemId = typeof rawId === "number" && Number.isFinite(rawId) ? numericIdText(rawId) : rawId;
  if (problemId === undefined && typeof rawId === "number") {
    throw new ScoringRecordError(`${problemField} ${show(rawId)} ${UNSAFE_NUMERIC_ID}`, { reason: "missing-problem-id", field: problemField, value: rawId });
  }
  if (typeof problemId !== "string" || problemId === "") {
    throw new ScoringRecordError(`${problemField} must be a non-empty string or a number, got ${show(rawId)}`, {
      reason: "missing-problem-id",
      field: problemField,
      value: rawId,
    });
  }
  const prompt = o[promptField];
  if (typeof prompt !== "string" || prompt === "") {
    throw new ScoringRecordError(
      `${promptField} must be a non-empty string (the text the model was given, which the response is scored after), got ${show(prompt)}`,
      { reason: "missing-prompt", field: promptField, value: prompt, problemId },
    );
  }
  const response = o[responseField];
  if (typeof response !== "string" || response === "") {
    throw new ScoringRecordError(`${responseField} must be a non-empty string (a perplexity over no tokens is undefined), got ${show(response)}`, {
      reason: "empty-response",
      field: responseField,
      value: response,
      problemId,
    });
  }
  const sampleIndex = o[sampleField];
  if (sampleIndex !== undefined && sampleIndex !== null && (typeof sampleIndex !== "number" || !Number.isSafeInteger(sampleIndex) || sampleIndex < 0)) {
    throw new ScoringRecordError(`${sampleField} must be a non-negative integer, got ${show(sampleIndex)}`, {
      reason: "malformed-json",
      field: sampleField,
      value: sampleIndex,
      problemId,
    });
  }
  return { problemId, prompt, response, ...(typeof sampleIndex === "number" && { sampleIndex }) };
}
