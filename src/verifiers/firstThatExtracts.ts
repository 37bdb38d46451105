/**
 * Fallback chains of answer extractors.
 * @module
 */
import { assertVerifierList } from "./anyOf.js";
import { runVerifier } from "./runVerifier.js";
import type { SharedReference } from "./sharedReference.js";
import type { Verifier, VerifierResult } from "./verifier.js";
import { nameFunction, partNames } from "./nameFunction.js";

/**
 * A verifier that tries `verifiers` in order and returns the result of the first one that found
 * an answer in the response, i.e. whose status is not `"unparsed"` (e.g. strict `#### 42`
 * extraction first, then a looser "last number" one). Errors and timeouts are returned as they
 * are, never skipped over: a broken extractor must not be masked by a looser one. If every
 * verifier is unparsed, the last result is returned.
 *
 * @param verifiers - one or more verifiers; the result accepts the references all of them accept, strictest first
 * @throws {@link InvalidArgumentError} if `verifiers` is empty or holds a non-function
 *
 * @example
 * ```ts
 * import { firstThatExtracts, gsm8kMatch, runVerifier } from "passk";
 * const v = firstThatExtracts(gsm8kMatch(), gsm8kMatch({ mode: "flexible" }));
 * const r = await runVerifier(v, "She pays 3 * $4 = $12 in total.", "12");
 * console.log(r.status, r.extracted); // => correct 12
 * ```
 */
export function firstThatExtracts<Ref>(...verifiers: Verifier<Ref>[]): Verifier<Ref>;
/** Verifiers over different reference types: the result takes the references all of them accept ({@link SharedReference}). */
export function firstThatExtracts<const Vs extends readonly Verifier<never>[]>(...verifiers: Vs): Verifier<SharedReference<Vs>>;
export function firstThatExtracts(...verifiers: Verifier<never>[]): Verifier<never> {
  assertVerifierList(verifiers, "firstThatExtracts(verifiers)");
  return nameFunction(`firstThatExtracts(${partNames(verifiers)})`, async (response, reference, context): Promise<VerifierResult> => {
    let last: VerifierResult | undefined;
    for (const v of verifiers) {
      last = await runVerifier(v, response, reference, context);
      if (last.status !== "unparsed") return last;
    }
    return last as VerifierResult;
  });
}
