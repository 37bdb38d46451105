/**
 * Numeric verifier with absolute and relative tolerance.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { extractFinalNumber } from "./extractFinalNumber.js";
import { parseNumber, type PercentMode } from "./parseNumber.js";
import { judged, unparsed } from "./verdict.js";
import type { Verifier } from "./verifier.js";
import { nameFunction } from "./nameFunction.js";

/** Options of {@link numericMatch}. */
export interface NumericMatchOptions {
  /** Absolute tolerance (≥ 0). Default 0. */
  readonly absTol?: number;
  /** Relative tolerance (≥ 0), relative to the reference. Default 1e-9 (absorbs float noise such as 0.1 + 0.2). */
  readonly relTol?: number;
  /**
   * How `%` is read, on both sides: `"strip"` (default, "50%" is 50), `"fraction"` ("50%" is 0.5),
   * or `"either"` (the response matches if either reading does, for references of unknown style).
   */
  readonly percent?: PercentMode | "either";
  /**
   * `"final"` (default): find the final answer in free text with {@link extractFinalNumber};
   * `"whole"`: the whole response must be one number (for already extracted answers).
   */
  readonly extract?: "final" | "whole";
}

function assertTolerance(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(`${field} must be a finite number >= 0, got ${String(value)}`, { field, value });
  }
  return value;
}

/**
 * Verifier that compares the numeric value of the response with a numeric reference:
 * correct when |got − want| ≤ max(absTol, relTol · |want|) (the `math.isclose` rule, made
 * asymmetric so the reference sets the scale). The reference is a number or a string that
 * {@link parseNumber} accepts; anything else is a verifier error, not a wrong answer.
 * A response with no number is `"unparsed"`. `extracted` is the value found, as a canonical
 * decimal string (`"$1,250.00"` → `"1250"`), so equal answers vote together.
 *
 * @param options - see {@link NumericMatchOptions}
 * @throws {@link InvalidArgumentError} for a negative or non-finite tolerance or an unknown mode
 *
 * @example
 * ```ts
 * import { numericMatch, runVerifier } from "passk";
 * const v = numericMatch();
 * console.log((await runVerifier(v, "So the total is $1,250.", 1250)).status); // => correct
 * console.log((await runVerifier(v, "The answer is 3/4", "0.75")).status); // => correct
 * console.log((await runVerifier(numericMatch({ absTol: 0.01 }), "≈ 3.14", "3.14159")).status); // => correct
 * console.log((await runVerifier(numericMatch({ percent: "fraction" }), "50%", "0.5")).status); // => correct
 * console.log((await runVerifier(v, "no idea", 5)).status); // => unparsed
 * ```
 */
export function numericMatch(options: NumericMatchOptions = {}): Verifier<number | string> {
  const absTol = assertTolerance(options.absTol ?? 0, "absTol");
  const relTol = assertTolerance(options.relTol ?? 1e-9, "relTol");
  const { percent = "strip", extract = "final" } = options;
  if (!["strip", "fraction", "either"].includes(percent)) {
    throw new InvalidArgumentError(`percent must be "strip", "fraction" or "either", got ${String(percent)}`, {
      field: "percent",
      value: percent,
    });
  }
  if (extract !== "final" && extract !== "whole") {
    throw new InvalidArgumentError(`extract must be "final" or "whole", got ${String(extract)}`, {
      field: "extract",
      value: extract,
    });
  }
  const modes: PercentMode[] = percent === "either" ? ["strip", "fraction"] : [percent];
  const close = (got: number, want: number): boolean => Math.abs(got - want) <= Math.max(absTol, relTol * Math.abs(want));
  return nameFunction("numericMatch", (response, reference) => {
    for (const mode of modes) {
      const want = referenceValue(reference, mode);
      const found =
        extract === "whole"
          ? wholeNumber(response, mode)
          : extractFinalNumber(response, { percent: mode });
      if (found === undefined) return unparsed("no number found in the response");
      if (close(found.value, want)) return judged(true, { extracted: String(found.value) });
      if (mode === modes[modes.length - 1]) {
        return judged(false, { extracted: String(found.value), reason: `expected ${want}, got ${found.value}` });
      }
    }
    /* c8 ignore next */
    return unparsed("no number found in the response");
  });
}

function wholeNumber(text: string, percent: PercentMode): { text: string; value: number } | undefined {
  const value = parseNumber(text, { percent });
  return value === undefined ? undefined : { text: text.trim(), value };
}

function referenceValue(reference: unknown, percent: PercentMode): number {
  const value =
    typeof reference === "number" ? reference : typeof reference === "string" ? parseNumber(reference, { percent }) : undefined;
  if (value === undefined || !Number.isFinite(value)) {
    throw new InvalidArgumentError(`reference must be a finite number or a numeric string, got ${JSON.stringify(reference)}`, {
      field: "reference",
      value: reference,
    });
  }
  return value;
}
