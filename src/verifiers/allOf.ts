/**
 * Conjunction of verifiers.
 * @module
 */
import { assertVerifierList, pickFailure } from "./anyOf.js";
import { runVerifier } from "./runVerifier.js";
import type { SharedReference } from "./sharedReference.js";
import type { Verifier, VerifierResult } from "./verifier.js";
import { nameFunction, partNames } from "./nameFunction.js";

/**
 * A verifier that accepts only when every one of `verifiers` accepts (e.g. the right answer AND
 * the required format). They run in order and stop at the first conclusive rejection
 * (`"wrong"` or `"unparsed"`), which is returned. If none rejects but one errored or timed out,
 * the outcome is unknown and that `"error"` (or else `"timeout"`) result is returned. When all
 * accept, the result is the first one's, with `score` the minimum of the scores reported (absent
 * if none reported one).
 *
 * @param verifiers - one or more verifiers; the result accepts the references all of them accept
 * @throws {@link InvalidArgumentError} if `verifiers` is empty or holds a non-function
 *
 * @example
 * ```ts
 * import { allOf, regexMatch, gsm8kMatch, runVerifier } from "passk";
 * const boxedAndRight = allOf(gsm8kMatch(), regexMatch(/#### (\d+)$/));
 * console.log((await runVerifier(boxedAndRight, "So 6*7 = 42.\n#### 42", "42")).status); // => correct
 * console.log((await runVerifier(boxedAndRight, "#### 42 apples", "42")).status); // => unparsed
 * ```
 */
export function allOf<Ref>(...verifiers: Verifier<Ref>[]): Verifier<Ref>;
/** Verifiers over different reference types: the result takes the references all of them accept ({@link SharedReference}). */
export function allOf<const Vs extends readonly Verifier<never>[]>(...verifiers: Vs): Verifier<SharedReference<Vs>>;
export function allOf(...verifiers: Verifier<never>[]): Verifier<never> {
  assertVerifierList(verifiers, "allOf(verifiers)");
  return nameFunction(`allOf(${partNames(verifiers)})`, async (response, reference, context): Promise<VerifierResult> => {
    const results: VerifierResult[] = [];
    for (const v of verifiers) {
      const r = await runVerifier(v, response, reference, context);
      if (r.status === "wrong" || r.status === "unparsed") return r;
      results.push(r);
    }
    const notCorrect = results.filter((r) => r.status !== "correct");
    if (notCorrect.length > 0) return pickFailure(notCorrect, ["error", "timeout"]);
    const first = results[0] as VerifierResult;
    const scores = results.flatMap((r) => (r.score === undefined ? [] : [r.score]));
    return scores.length === 0 ? first : { ...first, score: Math.min(...scores) };
  });
}
