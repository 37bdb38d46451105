/**
 * Finding the final numeric answer in free-form model output.
 * @module
 */
import { parseNumber, type ParseNumberOptions } from "./parseNumber.js";

/** A number found in a response: the text as written and its value. */
export interface ExtractedNumber {
  /** The substring that was parsed, trimmed. */
  readonly text: string;
  /** Its numeric value. */
  readonly value: number;
}

// A number token inside prose. The sign must not follow a word character (so "step-3" is 3, not
// -3), and a grouped number is taken whole ("1,234" not "1" and "234").
const TOKEN =
  /(?<![\w.])[-\u2212]?\s?(?:\\?\$|[\u20ac\u00a3\u00a5])?\s?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:\s?\/\s?\d+(?!\.\d))?(?:[eE][-+]?\d+)?(?:\s?\\?%)?|(?<![\w.])\.\d+/gu;

function lastMatch(re: RegExp, text: string): string | undefined {
  let out: string | undefined;
  for (const m of text.matchAll(re)) out = m[1];
  return out;
}

/** Content of the last `\boxed{…}` with balanced braces, if any. */
export function lastBoxed(text: string): string | undefined {
  const at = text.lastIndexOf("\\boxed");
  if (at < 0) return undefined;
  let i = text.indexOf("{", at);
  if (i < 0) return undefined;
  const start = ++i;
  for (let depth = 1; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(start, i);
  }
  return undefined;
}

/**
 * The final numeric answer of a response, or `undefined`. Looked for in order: the whole response
 * as one number; the last `\boxed{…}`; the last "answer is …" / "Answer: …" phrase (up to the end
 * of its line); otherwise the last number anywhere in the text. In a phrase, the first number
 * parseable by {@link parseNumber} wins ("The answer is $18 per day" → 18).
 *
 * @param text - the model's response
 * @param options - see {@link ParseNumberOptions}
 *
 * @example
 * ```ts
 * import { extractFinalNumber } from "passk";
 * console.log(extractFinalNumber("The final answer is $\\boxed{3/4}$.")?.value); // => 0.75
 * console.log(extractFinalNumber("Answer: 1,200 dollars. (Check: 2 * 600.)")?.value); // => 1200
 * console.log(extractFinalNumber("48 + 24 = 72 clips in total")?.value); // => 72
 * console.log(extractFinalNumber("I am not sure.")); // => undefined
 * ```
 */
export function extractFinalNumber(text: string, options: ParseNumberOptions = {}): ExtractedNumber | undefined {
  const whole = parseNumber(text, options);
  if (whole !== undefined) return { text: text.trim(), value: whole };
  const boxed = lastBoxed(text);
  if (boxed !== undefined) {
    const found = parseNumber(boxed, options) !== undefined ? { text: boxed.trim(), value: parseNumber(boxed, options) as number } : firstNumber(boxed, options);
    if (found !== undefined) return found;
  }
  const phrase = lastMatch(/answer\s*(?:is|:|=)\s*:?\s*([^\n]*)/giu, text);
  if (phrase !== undefined) {
    const found = firstNumber(phrase, options);
    if (found !== undefined) return found;
  }
  return lastNumber(text, options);
}

function numbers(text: string, options: ParseNumberOptions): ExtractedNumber[] {
  const out: ExtractedNumber[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const value = parseNumber(m[0], options);
    if (value !== undefined) out.push({ text: m[0].trim(), value });
  }
  return out;
}

function firstNumber(text: string, options: ParseNumberOptions): ExtractedNumber | undefined {
  return numbers(text, options)[0];
}

function lastNumber(text: string, options: ParseNumberOptions): ExtractedNumber | undefined {
  const all = numbers(text, options);
  return all[all.length - 1];
}
