/**
 * The verifier contract: how a model's response is judged against a reference.
 * @module
 */

/**
 * Outcome class of one verification.
 *
 * - `"correct"` / `"wrong"`: a conclusive judgement of the response.
 * - `"unparsed"`: no answer could be extracted from the response. It is the model's fault, so it
 *   counts as incorrect, but is kept apart so that extraction failures can be audited.
 * - `"timeout"`: the verifier itself ran out of time (not the candidate program: a program that
 *   exceeds its time limit is an ordinary `"wrong"`). Not a judgement of the response.
 * - `"error"`: the verifier failed (threw, returned a malformed result, the sandbox was down).
 *   Never reported as an ordinary wrong; batch output excludes it by default.
 *
 * @example
 * ```ts
 * import { VERIFIER_STATUSES } from "passk";
 * console.log(VERIFIER_STATUSES.join(" ")); // => correct wrong unparsed timeout error
 * ```
 */
export type VerifierStatus = "correct" | "wrong" | "unparsed" | "timeout" | "error";

/**
 * Every {@link VerifierStatus}, in a fixed order (conclusive ones first).
 *
 * @example
 * ```ts
 * import { VERIFIER_STATUSES } from "passk";
 * console.log(VERIFIER_STATUSES.includes("timeout")); // => true
 * ```
 */
export const VERIFIER_STATUSES: readonly VerifierStatus[] = Object.freeze([
  "correct",
  "wrong",
  "unparsed",
  "timeout",
  "error",
] as const);

/**
 * What a verifier returns for one response.
 *
 * Invariant (checked by {@link runVerifier}): `correct === (status === "correct")`, and `score`,
 * when present, is a finite number in [0, 1].
 *
 * @example
 * ```ts
 * import { exactMatch } from "passk";
 * const r = await exactMatch()("  Paris ", "paris", { signal: new AbortController().signal, deadline: Infinity });
 * console.log(r.status, r.correct, r.extracted); // => correct true paris
 * ```
 */
export interface VerifierResult {
  /** Outcome class; see {@link VerifierStatus}. */
  readonly status: VerifierStatus;
  /** `true` exactly when `status === "correct"`. */
  readonly correct: boolean;
  /** Graded score in [0, 1] (e.g. fraction of tests passed); absent for plain boolean verifiers. */
  readonly score?: number;
  /** The answer extracted from the response, as compared (used by majority vote). */
  readonly extracted?: string;
  /** Short human-readable reason, e.g. `"expected 42, got 41"` or an error message. */
  readonly reason?: string;
}

/**
 * Per-call context handed to a verifier.
 *
 * @example
 * ```ts
 * import { verifierContext } from "passk";
 * const ctx = verifierContext({ timeoutMs: 1000, now: 0 });
 * console.log(ctx.deadline, ctx.signal.aborted); // => 1000 false
 * ```
 */
export interface VerifierContext {
  /** Aborted when the caller gives up (batch cancelled or the verifier's time is up). */
  readonly signal: AbortSignal;
  /** Epoch milliseconds (as `Date.now()`) by which the verifier should finish; `Infinity` if none. */
  readonly deadline: number;
}

/**
 * Judges one response against a reference. `Ref` is whatever the verifier needs: a gold answer
 * string, a number, a set of test cases. May be synchronous or asynchronous, and may throw: the
 * runner ({@link runVerifier}, {@link verifyBatch}) turns a throw into an `"error"` result.
 *
 * @example
 * ```ts
 * import { runVerifier } from "passk";
 * import type { Verifier } from "passk";
 * const startsWithYes: Verifier<undefined> = (response) => ({ status: response.startsWith("Yes") ? "correct" : "wrong", correct: response.startsWith("Yes") });
 * const r = await runVerifier(startsWithYes, "Yes, it halts.", undefined);
 * console.log(r.status); // => correct
 * ```
 */
export type Verifier<Ref = string, R extends VerifierResult = VerifierResult> = (
  response: string,
  reference: Ref,
  context: VerifierContext,
) => R | Promise<R>;
