/**
 * Disjunction of verifiers.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { runVerifier } from "./runVerifier.js";
import type { SharedReference } from "./sharedReference.js";
import type { Verifier, VerifierResult } from "./verifier.js";
import { nameFunction, partNames } from "./nameFunction.js";

/** Throws unless `verifiers` is a non-empty array of functions. */
export function assertVerifierList(verifiers: readonly unknown[], field: string): void {
  if (!Array.isArray(verifiers) || verifiers.length === 0) {
    throw new InvalidArgumentError(`${field} must be a non-empty array of verifiers`, { field, value: verifiers });
  }
  verifiers.forEach((v, i) => {
    if (typeof v !== "function") {
      throw new InvalidArgumentError(`${field}[${i}] must be a verifier function, got ${typeof v}`, {
        field: `${field}[${i}]`,
        value: v,
      });
    }
  });
}

/**
 * A verifier that accepts when any of `verifiers` accepts (e.g. exact match OR numeric match).
 * They run in order and stop at the first `"correct"`, whose result is returned. When none
 * accepts: `"error"` if any errored (that one might have accepted, so the outcome is unknown),
 * else `"timeout"` if any timed out, else the first `"wrong"`, else (all unparsed) the first
 * `"unparsed"`.
 *
 * @param verifiers - one or more verifiers; the result accepts the references all of them accept
 * @throws {@link InvalidArgumentError} if `verifiers` is empty or holds a non-function
 *
 * @example
 * ```ts
 * import { anyOf, exactMatch, numericMatch, runVerifier } from "passk";
 * const v = anyOf(exactMatch(), numericMatch()); // a Verifier<string>: the references both accept
 * console.log((await runVerifier(v, "1,000", "1000")).status); // => correct
 * console.log((await runVerifier(v, "999", "1000")).status); // => wrong
 * ```
 */
export function anyOf<Ref>(...verifiers: Verifier<Ref>[]): Verifier<Ref>;
/** Verifiers over different reference types: the result takes the references all of them accept ({@link SharedReference}). */
export function anyOf<const Vs extends readonly Verifier<never>[]>(...verifiers: Vs): Verifier<SharedReference<Vs>>;
export function anyOf(...verifiers: Verifier<never>[]): Verifier<never> {
  assertVerifierList(verifiers, "anyOf(verifiers)");
  return nameFunction(`anyOf(${partNames(verifiers)})`, async (response, reference, context): Promise<VerifierResult> => {
    const results: VerifierResult[] = [];
    for (const v of verifiers) {
      const r = await runVerifier(v, response, reference, context);
      if (r.status === "correct") return r;
      results.push(r);
    }
    return pickFailure(results, ["error", "timeout", "wrong", "unparsed"]);
  });
}

/** First result whose status comes earliest in `priority` (results is non-empty). */
export function pickFailure(results: readonly VerifierResult[], priority: readonly VerifierResult["status"][]): VerifierResult {
  for (const status of priority) {
    const hit = results.find((r) => r.status === status);
    if (hit !== undefined) return hit;
  }
  return results[0] as VerifierResult;
}
