/**
 * Parsing numbers the way models write them.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";

/**
 * How a trailing percent sign is read: `"strip"` reads `"50%"` as 50 (the convention of GSM8K and
 * MATH, whose gold answers to "what percent" questions are plain numbers); `"fraction"` reads it
 * as 0.5.
 */
export type PercentMode = "strip" | "fraction";

/** Options of {@link parseNumber}. */
export interface ParseNumberOptions {
  /** How to read a trailing `%`; default `"strip"`. See {@link PercentMode}. */
  readonly percent?: PercentMode;
}

// One unsigned decimal: thousands-grouped (1,234,567 or with thin/narrow no-break spaces) or
// plain digits, optional fraction, or a bare fraction like .5.
const DECIMAL = String.raw`(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u2009\u202f]\d{3})+|\d+)(?:\.\d+)?|\.\d+`;
const EXPONENT = String.raw`(?:[eE][-+]?\d+|\s*(?:[x\u00d7*]|\\times|\\cdot)\s*10\s*\^\s*\{?\s*([-+\u2212]?\d+)\s*\}?)`;
const SIMPLE = new RegExp(String.raw`^(${DECIMAL})(${EXPONENT})?$`, "u");
const MIXED = /^(\d+)\s+(\d+)\s*\/\s*(\d+)$/u;
const SLASH = new RegExp(String.raw`^(${DECIMAL})\s*/\s*(${DECIMAL})$`, "u");
const LATEX_FRAC = /^\\[dt]?frac\s*\{\s*([^{}]+?)\s*\}\s*\{\s*([^{}]+?)\s*\}$/u;
const LATEX_FRAC_SHORT = /^\\[dt]?frac(\d)(\d)$/u;

function unsigned(body: string): number | undefined {
  let m = SIMPLE.exec(body);
  if (m !== null) {
    const base = (m[1] as string).replace(/[,\u2009\u202f]/gu, "");
    const exp = m[2];
    if (exp === undefined) return Number(base);
    // Through the decimal string, so 6.02 × 10^23 is correctly rounded like 6.02e23.
    if (/^[eE]/u.test(exp)) return Number(`${base}${exp}`);
    return Number(`${base}e${(m[3] as string).replace("−", "-")}`);
  }
  m = MIXED.exec(body);
  if (m !== null) {
    const den = Number(m[3]);
    return den === 0 ? undefined : Number(m[1]) + Number(m[2]) / den;
  }
  m = SLASH.exec(body) ?? LATEX_FRAC.exec(body) ?? LATEX_FRAC_SHORT.exec(body);
  if (m !== null) {
    const num = signedOrUndefined(m[1] as string);
    const den = signedOrUndefined(m[2] as string);
    if (num === undefined || den === undefined || den === 0) return undefined;
    return num / den;
  }
  return undefined;
}

function signedOrUndefined(text: string): number | undefined {
  const m = /^([-+\u2212]?)\s*(.*)$/su.exec(text.trim()) as RegExpExecArray;
  const v = unsigned(m[2] as string);
  return v === undefined ? undefined : m[1] === "-" || m[1] === "−" ? -v : v;
}

/**
 * Parses a string that is one number as models write it, or returns `undefined`.
 *
 * Accepted: a sign (`-`, `+`, or the Unicode minus `−`); thousands separators (`1,234,567`, only
 * in valid groups of three, so `1,23` is rejected); decimals (`.5`, `3.14`); scientific notation
 * (`1.5e3`, `1.5 × 10^3`, `1.5 \times 10^{3}`); fractions (`3/4`, `-3/4`, mixed `1 1/2`,
 * `\frac{3}{4}`, `\dfrac34`); a leading currency sign (`$`, `\$`, `€`, `£`, `¥`); surrounding
 * `$…$` math delimiters and `\boxed{…}`/`\text{…}`; a trailing `%` (see {@link PercentMode}); and
 * one trailing period. Anything else (words, units, two numbers) gives `undefined`.
 *
 * @param text - the candidate answer
 * @param options - see {@link ParseNumberOptions}
 * @throws {@link InvalidArgumentError} for an unknown `percent` mode
 *
 * @example
 * ```ts
 * import { parseNumber } from "passk";
 * console.log(parseNumber("$1,234.50")); // => 1234.5
 * console.log(parseNumber("-3/4")); // => -0.75
 * console.log(parseNumber("2.5e-3")); // => 0.0025
 * console.log(parseNumber("50%"), parseNumber("50%", { percent: "fraction" })); // => 50 0.5
 * console.log(parseNumber("1,23")); // => undefined
 * ```
 */
export function parseNumber(text: string, options: ParseNumberOptions = {}): number | undefined {
  const { percent = "strip" } = options;
  if (percent !== "strip" && percent !== "fraction") {
    throw new InvalidArgumentError(`percent must be "strip" or "fraction", got ${String(percent)}`, {
      field: "percent",
      value: percent,
    });
  }
  let s = text.normalize("NFKC").trim();
  // Wrappers models put around a final answer, peeled repeatedly: $…$, \boxed{…}, \text{…}.
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(/^\$(.*[^\\])\$$/su, "$1").trim();
    s = s.replace(/^\\(?:boxed|text|mathrm|textbf)\s*\{(.*)\}$/su, "$1").trim();
    s = s.replace(/\.$/u, "").trim();
  }
  let isPercent = false;
  const pm = /^(.*?)\s*(?:\\?%|\s+percent)$/su.exec(s);
  if (pm !== null) {
    isPercent = true;
    s = pm[1] as string;
  }
  // Sign may come before or after a currency sign: -$5 and $-5.
  const m = /^([-+\u2212]?)\s*(?:\\?\$|[\u20ac\u00a3\u00a5])?\s*([-+\u2212]?)\s*(.+)$/su.exec(s);
  if (m === null) return undefined;
  const signs = `${m[1]}${m[2]}`;
  if (signs.length > 1) return undefined;
  const v = unsigned((m[3] as string).trim());
  if (v === undefined || !Number.isFinite(v)) return undefined;
  const signed = signs === "-" || signs === "−" ? -v : v;
  return isPercent && percent === "fraction" ? signed / 100 : signed;
}
