/**
 * Constructors for well-formed verifier results.
 * @module
 */
import type { VerifierResult } from "./verifier.js";

/** Optional fields shared by the result constructors. */
export interface VerdictDetails {
  /** Graded score in [0, 1]. */
  readonly score?: number;
  /** The extracted answer. */
  readonly extracted?: string;
  /** Short reason. */
  readonly reason?: string;
}

function withDetails(status: VerifierResult["status"], details: VerdictDetails): VerifierResult {
  const out: { -readonly [K in keyof VerifierResult]: VerifierResult[K] } = { status, correct: status === "correct" };
  if (details.score !== undefined) out.score = details.score;
  if (details.extracted !== undefined) out.extracted = details.extracted;
  if (details.reason !== undefined) out.reason = details.reason;
  return out;
}

/**
 * A `"correct"` or `"wrong"` result from a boolean judgement.
 *
 * @param isCorrect - the judgement
 * @param details - optional score, extracted answer and reason
 *
 * @example
 * ```ts
 * import { judged } from "passk";
 * const r = judged(false, { extracted: "41", reason: "expected 42" });
 * console.log(r.status, r.correct, r.extracted); // => wrong false 41
 * ```
 */
export function judged(isCorrect: boolean, details: VerdictDetails = {}): VerifierResult {
  return withDetails(isCorrect ? "correct" : "wrong", details);
}

/**
 * An `"unparsed"` result: no answer could be extracted from the response.
 *
 * @example
 * ```ts
 * import { unparsed } from "passk";
 * console.log(unparsed("no #### line").status); // => unparsed
 * ```
 */
export function unparsed(reason: string): VerifierResult {
  return withDetails("unparsed", { reason });
}

/**
 * An `"error"` result: the verifier could not judge.
 *
 * @example
 * ```ts
 * import { verifierError } from "passk";
 * const r = verifierError("sandbox unreachable");
 * console.log(r.status, r.correct, r.reason); // => error false sandbox unreachable
 * ```
 */
export function verifierError(reason: string): VerifierResult {
  return withDetails("error", { reason });
}

/**
 * A `"timeout"` result: the verifier ran out of time.
 *
 * @example
 * ```ts
 * import { verifierTimeout } from "passk";
 * console.log(verifierTimeout(50).reason); // => verifier exceeded 50 ms
 * ```
 */
export function verifierTimeout(ms: number): VerifierResult {
  return withDetails("timeout", { reason: `verifier exceeded ${ms} ms` });
}
