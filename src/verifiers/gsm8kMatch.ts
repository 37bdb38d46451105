/**
 * GSM8K-style `#### answer` verification.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { extractFinalNumber, type ExtractedNumber } from "./extractFinalNumber.js";
import { parseNumber } from "./parseNumber.js";
import { judged, unparsed } from "./verdict.js";
import type { Verifier } from "./verifier.js";
import { nameFunction } from "./nameFunction.js";

/**
 * The text after the last `####` marker (to the end of its line), trimmed, or `undefined`.
 * GSM8K gold solutions end with `#### <answer>`, and few-shot prompts teach models to do the same.
 *
 * @example
 * ```ts
 * import { extractGsm8kAnswer } from "passk";
 * console.log(extractGsm8kAnswer("Natalia sold 48/2 = 24 clips in May.\n#### 72")); // => 72
 * console.log(extractGsm8kAnswer("72")); // => undefined
 * ```
 */
export function extractGsm8kAnswer(text: string): string | undefined {
  let out: string | undefined;
  for (const m of text.matchAll(/####[ \t]*([^\n]*)/gu)) out = (m[1] as string).trim();
  return out === "" ? undefined : out;
}

/** Options of {@link gsm8kMatch}. */
export interface Gsm8kOptions {
  /**
   * `"strict"` (default): the response must contain `#### <number>` (lm-evaluation-harness's
   * "strict-match"); `"flexible"`: use the `####` answer if present, else the final number found by
   * {@link extractFinalNumber} (its "flexible-extract").
   */
  readonly mode?: "strict" | "flexible";
}

/**
 * Verifier for GSM8K-style answers. The reference may be a full GSM8K solution (its `####` answer
 * is used), a numeric string or a number. Answers compare as numbers, so `"#### 1,000"`,
 * `"#### $1000"` and `"#### 1000.00"` all equal 1000 (relative tolerance 1e-9). A response without
 * a usable answer is `"unparsed"`; `extracted` is the value as a canonical decimal string; an unparseable reference is a verifier error.
 *
 * @param options - see {@link Gsm8kOptions}
 * @throws {@link InvalidArgumentError} for an unknown mode
 *
 * @example
 * ```ts
 * import { gsm8kMatch, runVerifier } from "passk";
 * const gold = "In May she sold 48/2 = <<48/2=24>>24 clips.\nAltogether 48+24 = <<48+24=72>>72.\n#### 72";
 * console.log((await runVerifier(gsm8kMatch(), "48 + 24 = 72\n#### 72", gold)).status); // => correct
 * console.log((await runVerifier(gsm8kMatch(), "The answer is 72.", gold)).status); // => unparsed
 * console.log((await runVerifier(gsm8kMatch({ mode: "flexible" }), "The answer is 72.", gold)).status); // => correct
 * ```
 */
export function gsm8kMatch(options: Gsm8kOptions = {}): Verifier<string | number> {
  const { mode = "strict" } = options;
  if (mode !== "strict" && mode !== "flexible") {
    throw new InvalidArgumentError(`mode must be "strict" or "flexible", got ${String(mode)}`, { field: "mode", value: mode });
  }
  return nameFunction("gsm8kMatch", (response, reference) => {
    const want = referenceValue(reference);
    const marked = extractGsm8kAnswer(response);
    let found: ExtractedNumber | undefined = marked === undefined ? undefined : extractFinalNumber(marked);
    if (found === undefined && mode === "flexible") found = extractFinalNumber(response);
    if (found === undefined) {
      return unparsed(marked === undefined ? "no #### answer in the response" : `no number after ####: ${JSON.stringify(marked)}`);
    }
    const ok = Math.abs(found.value - want) <= 1e-9 * Math.abs(want);
    return judged(ok, { extracted: String(found.value), ...(ok ? {} : { reason: `expected ${want}, got ${found.value}` }) });
  });
}

function referenceValue(reference: unknown): number {
  let value: number | undefined;
  if (typeof reference === "number") value = reference;
  else if (typeof reference === "string") {
    const marked = extractGsm8kAnswer(reference);
    value = marked === undefined ? parseNumber(reference) : extractFinalNumber(marked)?.value;
  }
  if (value === undefined || !Number.isFinite(value)) {
    throw new InvalidArgumentError(`reference must be a number, a numeric string or a GSM8K solution ending in "#### <number>", got ${JSON.stringify(reference)}`, {
      field: "reference",
      value: reference,
    });
  }
  return value;
}
