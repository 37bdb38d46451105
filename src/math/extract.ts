/**
 * Finding the final answer in a model's response.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { matchBrace } from "./normalize.js";

/** Extraction rules, in their default priority order. */
export type ExtractionRule = "boxed" | "final-answer" | "answer-label" | "latex" | "trailing";

/**
 * The default extraction priorities: the last `\boxed{…}`/`\fbox{…}` (adjacent boxes joined),
 * then "final answer is …", then "Answer: …"/"the answer is …", then the last LaTeX math span
 * (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`), then the last number in the response's tail.
 *
 * @example
 * ```ts
 * import { MATH_EXTRACTION_RULES } from "passk/math";
 * console.log(MATH_EXTRACTION_RULES.join(" > ")); // => boxed > final-answer > answer-label > latex > trailing
 * ```
 */
export const MATH_EXTRACTION_RULES: readonly ExtractionRule[] = Object.freeze([
  "boxed",
  "final-answer",
  "answer-label",
  "latex",
  "trailing",
] as const);

/** An answer found in a response, and the rule that found it. */
export interface MathExtraction {
  /** The answer text, not yet normalized. */
  readonly answer: string;
  /** Which rule extracted it. */
  readonly rule: ExtractionRule;
}

/** Options of {@link extractMathAnswer}. */
export interface MathExtractOptions {
  /** Rules to try, in priority order. Default {@link MATH_EXTRACTION_RULES}. */
  readonly rules?: readonly ExtractionRule[];
}

// Text allowed between two boxes for them to count as one multi-part answer.
const BOX_GAP = /^[\s,;$]*(?:(?:and|or|&|\\quad|\\text\{\s*(?:and|or|,)\s*\})[\s,;$]*)?$/i;

function boxes(text: string): Array<{ start: number; end: number; content: string }> {
  const out: Array<{ start: number; end: number; content: string }> = [];
  const re = /\\(?:boxed|fbox)(?![a-zA-Z])/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let i = m.index + m[0].length;
    while (text[i] === " ") i++;
    if (text[i] === "{") {
      const close = matchBrace(text, i);
      if (close < 0) continue;
      out.push({ start: m.index, end: close + 1, content: text.slice(i + 1, close) });
      re.lastIndex = close + 1;
    } else {
      // "\boxed 5": a single token.
      const tok = /^[^\s$]+/.exec(text.slice(i, i + 200));
      if (tok) out.push({ start: m.index, end: i + tok[0].length, content: tok[0] });
    }
  }
  return out;
}

function lastBoxed(text: string): string | undefined {
  const all = boxes(text).filter((b) => b.content.trim() !== "");
  let j = all.length - 1;
  if (j < 0) return undefined;
  const parts = [(all[j] as (typeof all)[number]).content];
  while (j > 0) {
    const prev = all[j - 1] as (typeof all)[number];
    const cur = all[j] as (typeof all)[number];
    if (!BOX_GAP.test(text.slice(prev.end, cur.start))) break;
    parts.unshift(prev.content);
    j--;
  }
  return parts.join(", ");
}

/** The rest of the line after the last match of `re`, with math delimiters and sign-offs removed. */
function afterLast(text: string, re: RegExp): string | undefined {
  let last: RegExpExecArray | undefined;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) last = m;
  if (!last) return undefined;
  let rest = text.slice(last.index + last[0].length);
  const nl = rest.search(/\n\s*\n|\n(?![^\n]*\\\])/);
  if (nl >= 0) rest = rest.slice(0, nl);
  rest = rest.replace(/I hope it is correct[\s\S]*$/i, "");
  const inner = lastBoxed(rest);
  if (inner !== undefined) return inner;
  rest = rest
    .replace(/\\\[|\\\]|\\\(|\\\)|\$/g, " ")
    .replace(/^[\s*:：]+/, "")
    .replace(/\.\s+[A-Z][\s\S]*$/, "")
    .replace(/[\s.]+$/, "")
    .trim();
  return rest === "" ? undefined : rest.slice(0, 2000);
}

const MATH_SPAN = /\$\$([\s\S]{1,4000}?)\$\$|\\\[([\s\S]{1,4000}?)\\\]|\\\(([^\n]{1,4000}?)\\\)|(?<!\\)\$((?:[^$\n\\]|\\.){1,4000}?)\$/g;

function lastMathSpan(text: string): { body: string; end: number } | undefined {
  let last: { body: string; end: number } | undefined;
  MATH_SPAN.lastIndex = 0;
  for (let m = MATH_SPAN.exec(text); m !== null; m = MATH_SPAN.exec(text)) {
    const body = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (body !== undefined && body.trim() !== "") last = { body: body.trim(), end: m.index + m[0].length };
  }
  return last;
}

/** Position just after the last number in the text, or -1. */
function lastNumberEnd(text: string): number {
  const tail = text.slice(-400);
  let end = -1;
  for (const m of tail.matchAll(/\d/g)) end = m.index + 1;
  return end < 0 ? -1 : text.length - tail.length + end;
}

function trailingNumber(text: string): string | undefined {
  // A short response with no prose is itself the answer ("x^2+1", "(1, 2)").
  const bare = text.trim();
  if (bare.length > 0 && bare.length <= 200 && !/(?<!\\[a-zA-Z]*)\b[a-zA-Z]{4,}\b/.test(bare) && !/[.!?]\s+\S/.test(bare)) {
    return bare;
  }
  const tail = text.slice(-400);
  let last: string | undefined;
  for (const m of tail.matchAll(/-?\d[\d,]*(?:\.\d+)?(?:\s*\/\s*\d+)?\s*%?/g)) last = m[0];
  return last?.replace(/,$/, "").trim();
}

/**
 * Finds the final answer in a response with the first rule (in priority order) that yields one.
 * Linear-time scans only: safe on very long responses.
 *
 * @param response - the model's whole response
 * @param options - rules to try and their order
 * @returns the answer and the rule that found it, or `undefined` when no rule finds one
 * @throws {@link InvalidArgumentError} for an unknown rule name
 *
 * @example
 * ```ts
 * import { extractMathAnswer } from "passk/math";
 * console.log(extractMathAnswer("so $x = 3$ and the area is \\boxed{\\frac{9}{2}}.")); // => { answer: '\\frac{9}{2}', rule: 'boxed' }
 * console.log(extractMathAnswer("The roots are \\boxed{2} and \\boxed{3}.")?.answer); // => 2, 3
 * console.log(extractMathAnswer("Final Answer: The final answer is $28\\%$. I hope it is correct.")?.rule); // => final-answer
 * console.log(extractMathAnswer("She pays 12 + 30 = 42 dollars")?.answer); // => 42
 * console.log(extractMathAnswer("no idea")); // => undefined
 * ```
 */
export function extractMathAnswer(response: string, options: MathExtractOptions = {}): MathExtraction | undefined {
  const rules = options.rules ?? MATH_EXTRACTION_RULES;
  for (const rule of rules) {
    if (!MATH_EXTRACTION_RULES.includes(rule)) {
      throw new InvalidArgumentError(`rules must be among ${MATH_EXTRACTION_RULES.join(", ")}, got ${JSON.stringify(rule)}`, {
        field: "rules",
        value: rule,
      });
    }
  }
  for (const rule of rules) {
    let answer: string | undefined;
    switch (rule) {
      case "boxed":
        answer = lastBoxed(response);
        break;
      case "final-answer":
        answer = afterLast(response, /final answer\s*(?:is|:)?\s*[:：]?/gi);
        break;
      case "answer-label":
        answer = afterLast(response, /(?:\banswer\s*(?:is|[:：])|\*\*answer\*\*\s*[:：]?|\banswer\*\*\s*[:：])/gi);
        break;
      case "latex": {
        const span = lastMathSpan(response);
        // A plain number written after the last math span is the later, final answer.
        if (span && rules.includes("trailing") && lastNumberEnd(response) > span.end) {
          answer = trailingNumber(response);
          if (answer !== undefined) return { answer: answer.trim(), rule: "trailing" };
        }
        answer = span?.body;
        break;
      }
      case "trailing":
        answer = trailingNumber(response);
        break;
    }
    if (answer !== undefined && answer.trim() !== "") return { answer: answer.trim(), rule };
  }
  return undefined;
}

/**
 * The answer inside a gold string: its last `\boxed{…}` if any, the inside of an outer `$…$`,
 * else the whole string (a gold answer is already an answer, not a response).
 */
export function goldAnswer(gold: string): string {
  const boxed = lastBoxed(gold);
  if (boxed !== undefined) return boxed;
  return gold.trim();
}
