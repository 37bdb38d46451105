/**
 * Normalized exact-match verifier.
 * @module
 */
import { normalizeAnswer, type NormalizeOptions } from "./normalizeAnswer.js";
import { judged } from "./verdict.js";
import type { Verifier } from "./verifier.js";
import { assertReferenceStrings } from "./referenceStrings.js";
import { nameFunction } from "./nameFunction.js";

/**
 * Verifier that compares the whole response with the reference after {@link normalizeAnswer}.
 * The reference may be one string or a list of accepted strings. `extracted` is the normalized
 * response. Use it on an already extracted answer, or compose it with {@link regexMatch} to
 * extract first.
 *
 * @param options - normalization options, see {@link NormalizeOptions}
 *
 * @example
 * ```ts
 * import { exactMatch, runVerifier } from "passk";
 * const v = exactMatch();
 * console.log((await runVerifier(v, "Paris.", "paris")).status); // => correct
 * console.log((await runVerifier(v, "NYC", ["New York", "NYC"])).status); // => correct
 * console.log((await runVerifier(exactMatch({ ignoreCase: false }), "paris", "Paris")).status); // => wrong
 * ```
 */
export function exactMatch(options: NormalizeOptions = {}): Verifier<string | readonly string[]> {
  normalizeAnswer("", options); // validate options eagerly
  return nameFunction("exactMatch", (response, reference) => {
    const accepted = assertReferenceStrings(reference);
    const got = normalizeAnswer(response, options);
    const ok = accepted.some((a) => normalizeAnswer(a, options) === got);
    return judged(ok, {
      extracted: got,
      ...(ok ? {} : { reason: `expected ${accepted.map((a) => JSON.stringify(a)).join(" or ")}` }),
    });
  });
}
