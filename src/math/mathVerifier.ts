/**
 * The math answer verifier.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { judged, unparsed, verifierError, verifierTimeout } from "../verifiers/verdict.js";
import type { Verifier, VerifierResult } from "../verifiers/verifier.js";
import { extractMathAnswer, goldAnswer, type MathExtractOptions } from "./extract.js";
import { warmCas } from "./cas.js";
import { DEFAULT_MATH_LIMITS } from "./limits.js";
import { type MathEquivalenceOptions, mathEquivalent } from "./mathEquivalent.js";
import { nameFunction } from "../verifiers/nameFunction.js";

/** Options of {@link mathVerifier}. */
export interface MathVerifierOptions extends Omit<MathEquivalenceOptions, "deadline">, MathExtractOptions {}

/**
 * Verifier for math responses: extracts the final answer ({@link extractMathAnswer}), reads the
 * gold answer (its last run of `\boxed{…}` if it has one, else the whole string) and judges them
 * with {@link mathEquivalent}. Synchronous and bounded: the verdict's deadline is the earlier of
 * the context's and now + `timeoutMs` (default 1000 ms) and covers extraction too (which is linear
 * in the response). Deterministic: the same pair gets the same verdict in any order and in any
 * process; the CAS fallback is built and warmed when the verifier is constructed (unless
 * `useCas: false`), so the first verdict costs what later ones do.
 *
 * Statuses: `"correct"`/`"wrong"`; `"unparsed"` when the response has no answer, the answer is
 * not readable math, or it exceeds a hard cap (reason starts with `"invalid:"`); `"timeout"` when
 * the deadline passed; `"error"` when the gold answer itself exceeds a cap. `extracted` is the
 * extracted answer; `reason` names the extraction rule and the equivalence rule.
 *
 * @param options - see {@link MathVerifierOptions}
 * @throws {@link InvalidArgumentError} for invalid options
 *
 * @example
 * ```ts
 * import { runVerifier } from "passk";
 * import { mathVerifier } from "passk/math";
 * const v = mathVerifier();
 * const r = await runVerifier(v, "Adding the areas gives $\\boxed{\\dfrac{9}{2}}$.", "4.5");
 * console.log(r.status, r.extracted); // => correct \dfrac{9}{2}
 * console.log((await runVerifier(v, "The answer is 7.", "\\boxed{8}")).status); // => wrong
 * console.log((await runVerifier(v, "I don't know.", "8")).status); // => unparsed
 * ```
 */
export function mathVerifier(options: MathVerifierOptions = {}): Verifier<string> {
  // Validate once, up front, with a throwaway comparison.
  mathEquivalent("1", "1", options);
  if (options.rules !== undefined) extractMathAnswer("", options);
  if (options.useCas !== false) warmCas();
  const maxResponse = options.limits?.maxResponseLength ?? DEFAULT_MATH_LIMITS.maxResponseLength;
  const timeoutMs = options.timeoutMs ?? 1000;
  return nameFunction("mathVerifier", (response, reference, context): VerifierResult => {
    if (typeof reference !== "string") {
      throw new InvalidArgumentError(`reference must be a gold answer string, got ${typeof reference}`, {
        field: "reference",
        value: reference,
      });
    }
    if (context.signal.aborted) return verifierError("aborted before verification");
    if (response.length > maxResponse) return unparsed(`invalid: response longer than ${maxResponse} characters`);
    const deadline = Math.min(context.deadline, Date.now() + timeoutMs);
    if (Date.now() > deadline) return verifierTimeout(timeoutMs);
    const found = extractMathAnswer(response, options);
    if (Date.now() > deadline) return verifierTimeout(timeoutMs);
    if (found === undefined) return unparsed("no answer found in the response");
    const v = mathEquivalent(goldAnswer(reference), found.answer, { ...options, deadline });
    const extracted = found.answer;
    switch (v.status) {
      case "equivalent":
        return judged(true, { extracted, reason: `extracted by ${found.rule}; equal by ${v.rule ?? "exact"}` });
      case "different":
        return judged(false, { extracted, reason: `extracted by ${found.rule}; ${v.reason ?? "not equivalent"}` });
      case "timeout":
        return verifierTimeout(timeoutMs);
      case "invalid":
        return v.side === "gold" ? verifierError(`invalid gold answer: ${v.reason ?? ""}`) : { ...unparsed(`invalid: ${v.reason ?? ""}`), extracted };
      case "unparsed":
        return { ...unparsed(v.reason ?? "answer not parseable"), extracted };
    }
  });
}
