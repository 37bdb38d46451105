/**
 * Regex answer extraction.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { exactMatch } from "./exactMatch.js";
import type { NormalizeOptions } from "./normalizeAnswer.js";
import { runVerifier } from "./runVerifier.js";
import { unparsed } from "./verdict.js";
import type { Verifier, VerifierResult } from "./verifier.js";
import { nameFunction } from "./nameFunction.js";

/** Options of {@link extractWithRegex} and {@link regexMatch}. */
export interface RegexExtractOptions {
  /** Capture group holding the answer: index or name. Default 1 (or 0 when the pattern has no groups). */
  readonly group?: number | string;
  /** Which match to use when there are several. Default `"last"` (models restate answers at the end). */
  readonly occurrence?: "first" | "last";
}

function toGlobal(pattern: RegExp | string): RegExp {
  if (typeof pattern === "string") return new RegExp(pattern, "gu");
  if (!(pattern instanceof RegExp)) {
    throw new InvalidArgumentError(`pattern must be a RegExp or a string, got ${String(pattern)}`, {
      field: "pattern",
      value: pattern,
    });
  }
  return new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
}

/**
 * The answer captured by `pattern` in `text`, or `undefined` when it does not match (or the
 * group did not participate).
 *
 * @param text - the model's response
 * @param pattern - a RegExp (its flags are kept; `g` is added) or a source string (compiled with `gu`)
 * @param options - see {@link RegexExtractOptions}
 * @throws {@link InvalidArgumentError} for a pattern that is neither, or an unknown `occurrence`
 *
 * @example
 * ```ts
 * import { extractWithRegex } from "passk";
 * const text = "Answer: 12\n...on reflection...\nAnswer: 14";
 * console.log(extractWithRegex(text, /Answer:\s*(\d+)/)); // => 14
 * console.log(extractWithRegex(text, /Answer:\s*(?<n>\d+)/, { group: "n", occurrence: "first" })); // => 12
 * ```
 */
export function extractWithRegex(text: string, pattern: RegExp | string, options: RegexExtractOptions = {}): string | undefined {
  const re = toGlobal(pattern);
  const { occurrence = "last" } = options;
  if (occurrence !== "first" && occurrence !== "last") {
    throw new InvalidArgumentError(`occurrence must be "first" or "last", got ${String(occurrence)}`, {
      field: "occurrence",
      value: occurrence,
    });
  }
  let out: string | undefined;
  for (const m of text.matchAll(re)) {
    const group = options.group ?? (m.length > 1 ? 1 : 0);
    const value = typeof group === "number" ? m[group] : m.groups?.[group];
    if (value === undefined) continue;
    out = value;
    if (occurrence === "first") break;
  }
  return out;
}

/** Options of {@link regexMatch}. */
export interface RegexMatchOptions<Ref> extends RegexExtractOptions {
  /**
   * Verifier applied to the extracted text. Default: {@link exactMatch} with `normalize`.
   * E.g. `numericMatch({ extract: "whole" })` to compare the captured text as a number.
   */
  readonly compare?: Verifier<Ref>;
  /** Normalization for the default exact-match comparison. */
  readonly normalize?: NormalizeOptions;
}

/**
 * Verifier that extracts the answer with a regular expression ({@link extractWithRegex}) and then
 * judges the extracted text with `compare` (normalized exact match by default). No match is
 * `"unparsed"`. `extracted` is the captured text.
 *
 * @param pattern - the extraction pattern
 * @param options - see {@link RegexMatchOptions}
 *
 * @example
 * ```ts
 * import { regexMatch, numericMatch, runVerifier } from "passk";
 * const v = regexMatch(/Final answer:\s*(.+)/i);
 * console.log((await runVerifier(v, "Reasoning...\nFinal Answer: Mount Everest.", "mount everest")).status); // => correct
 * const n = regexMatch(/Final answer:\s*(.+)/i, { compare: numericMatch({ extract: "whole" }) });
 * console.log((await runVerifier(n, "Final answer: 1,000", 1000)).status); // => correct
 * console.log((await runVerifier(v, "I don't know", "x")).status); // => unparsed
 * ```
 */
export function regexMatch<Ref = string | readonly string[]>(
  pattern: RegExp | string,
  options: RegexMatchOptions<Ref> = {},
): Verifier<Ref> {
  toGlobal(pattern);
  extractWithRegex("", pattern, options);
  const compare = options.compare ?? (exactMatch(options.normalize) as unknown as Verifier<Ref>);
  return nameFunction("regexMatch", async (response, reference, context): Promise<VerifierResult> => {
    const got = extractWithRegex(response, pattern, options);
    if (got === undefined) return unparsed(`pattern ${String(pattern)} did not match`);
    const r = await runVerifier(compare, got, reference, context);
    return r.status === "correct" || r.status === "wrong" ? { ...r, extracted: got } : r;
  });
}
