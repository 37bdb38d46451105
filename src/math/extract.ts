/**
 * Finding the final answer in a model's response.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { clean, lastStatedAnswers, type PhraseRule } from "./answerPhrase.js";
import { isConnectorGap, lastBoxGroup } from "./boxes.js";
import { type MathSpan, mathSpans } from "./mathSpans.js";
import { changesValue } from "./units.js";

/** Extraction rules, in their default priority order. */
export type ExtractionRule = "boxed" | "final-answer" | "answer-label" | "latex" | "trailing";

/**
 * The default extraction priorities: the last `\boxed{…}`/`\fbox{…}` (adjacent boxes joined),
 * then "final answer is …", then "Answer: …"/"the answer is …", then the last LaTeX math span
 * (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`), then the last number in the response's tail. A stated
 * answer written after the last box overrides it (see {@link extractMathAnswer}).
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

/**
 * The part of a response that can hold its final answer: after the last `</think>` (a reasoning
 * trace is not the answer; when the tag is present only what follows it counts), before the first
 * chat-template end token (`<|im_start|>`, `<|eot_id|>`, …), after which a model that missed its
 * stop token rambles into a new turn, and before a "Problem:"/"Question:" header that follows a
 * stated final answer (a few-shot prompt continued into the next problem).
 */
export function answerRegion(response: string): string {
  const think = response.lastIndexOf("</think>");
  let text = think >= 0 ? response.slice(think + "</think>".length) : response;
  let stop = -1;
  for (const tok of STOP_TOKENS) {
    const at = text.indexOf(tok);
    if (at >= 0 && (stop < 0 || at < stop)) stop = at;
  }
  if (stop >= 0) text = text.slice(0, stop);
  // A few-shot prompt continued past its answer: "Final Answer: … I hope it is correct.\n\n
  // Problem: <a new problem>". What follows the first stated final answer's next "Problem:" or
  // "Question:" header is another problem's solution.
  const stated = text.search(/final\s+answer/i);
  if (stated >= 0) {
    NEXT_PROBLEM.lastIndex = stated;
    const next = NEXT_PROBLEM.exec(text);
    if (next !== null) text = text.slice(0, next.index);
  }
  return text;
}

const NEXT_PROBLEM = /\n[ \t]*(?:#+[ \t]*)?(?:Problem|Question)[ \t]*\d*[ \t]*:/g;

const STOP_TOKENS = ["<|im_start|>", "<|im_end|>", "<|eot_id|>", "<|endoftext|>", "<|end_of_text|>", "<|end|>", "<end_of_turn>", "<｜end▁of▁sentence｜>"];

/** The last math span, joined with the spans before it when only connectors separate them. */
function lastMathGroup(text: string): { body: string; end: number } | undefined {
  const spans = mathSpans(text, 64);
  const j = spans.length - 1;
  const lastSpan = spans[j];
  if (lastSpan === undefined) return undefined;
  let first = j;
  while (first > 0 && isConnectorGap(text.slice((spans[first - 1] as MathSpan).end, (spans[first] as MathSpan).start))) first--;
  const seen = new Set<string>();
  const bodies: string[] = [];
  for (let k = first; k <= j; k++) {
    const b = (spans[k] as MathSpan).body.trim();
    if (seen.has(b.replace(/\s+/g, ""))) continue;
    seen.add(b.replace(/\s+/g, ""));
    bodies.push(b);
  }
  return { body: bodies.join(", "), end: lastSpan.end };
}

/** Position just after the last number in the text, or -1. */
function lastNumberEnd(text: string): number {
  const tail = text.slice(-400);
  let end = -1;
  for (const m of tail.matchAll(/\d/g)) end = m.index + 1;
  return end < 0 ? -1 : text.length - tail.length + end;
}

const MATH_WORDS = /^(?:sin|cos|tan|sec|csc|cot|log|ln|exp|sqrt|pi|and|or|inf|infty|mod)$/i;

/** Whether a short text has a word (≥ 2 letters, not a LaTeX command or a math word): prose. */
function hasProse(s: string): boolean {
  for (const m of s.matchAll(/(?<![\\a-zA-Z])[a-zA-Z]{2,}(?![a-zA-Z])/g)) if (!MATH_WORDS.test(m[0])) return true;
  return false;
}

function trailingNumber(text: string): string | undefined {
  // A short response with no prose is itself the answer ("x^2+1", "(1, 2)").
  const bare = text.trim();
  if (bare.length > 0 && bare.length <= 200 && !hasProse(bare) && !/[.!?]\s+\S/.test(bare)) {
    return bare;
  }
  const tail = text.slice(-400);
  let last: RegExpExecArray | undefined;
  // Not a digit inside a word ("AZYUK2A") or after a letter-led number ("\mid0.5"); units may
  // follow ("1,000.99m²").
  for (const m of tail.matchAll(/(?<![A-Za-z\d.])-?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:\s+\d+\s*\/\s*\d+|\s*\/\s*\d+)?\s*%?/g)) last = m;
  if (last === undefined) return undefined;
  let answer = last[0].replace(/,$/, "").trim();
  // "5 million", "2 thirds": the word is part of the number.
  const next = /^\s*([A-Za-z]+)/.exec(tail.slice(last.index + last[0].length));
  if (next !== null && changesValue(next[1] as string)) answer += ` ${next[1] as string}`;
  return answer;
}

/**
 * Finds the final answer in a response. Only the answer region is read (after the last
 * `</think>`, before a chat-template end token). Rules are tried in priority order and the first
 * that yields an answer wins, with one exception that makes the *last stated* answer win: a
 * final-answer/answer-label phrase written after the last box, whose answer looks like math,
 * overrides that box ("… \boxed{255} … Final Answer: The final answer is $10,455$." → 10,455).
 * The two phrase rules compete by position too: the later phrase wins.
 *
 * - `boxed`: the last run of boxes; boxes separated only by connectors (spaces, commas, `and`,
 *   `or`, `\quad`, `\text{and}`, math delimiters) join into a list, identical boxes collapse.
 * - `final-answer` / `answer-label`: the answer after "final answer is"/"Final Answer:" or
 *   "the answer is"/"Answer:"/"**Answer:**"/"#### ", cut where it ends: at the sentence end, a
 *   comma clause (", which is …"), a parenthetical remark, the words after a number ("12 apples"),
 *   markdown `**`, "I hope it is correct"; in a sentence such as "The largest $n$ is 34.", the part
 *   after its last "is". Math spans joined by "and" form a list.
 * - `latex`: the last math span (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, joined like boxes), unless a
 *   plain number follows it (then `trailing`).
 * - `trailing`: a short response without prose is itself the answer; else the last number.
 *
 * Linear time in the response (no quadratic scans: 1 MB of `\boxed{` or `\(` takes milliseconds).
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
 * console.log(extractMathAnswer("Final Answer: The final answer is $28\\%$. I hope it is correct.")?.answer); // => 28\%
 * console.log(extractMathAnswer("The final answer is 12 apples, which is the total.")?.answer); // => 12
 * console.log(extractMathAnswer("First \\boxed{255}. Final Answer: The final answer is $10,455$.")?.answer); // => 10,455
 * console.log(extractMathAnswer("<think>maybe \\boxed{3}</think> So the answer is **4**.")?.answer); // => 4
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
  const text = answerRegion(response);
  const phraseRules = new Set(rules.filter((r): r is PhraseRule => r === "final-answer" || r === "answer-label"));
  let stated: ReturnType<typeof lastStatedAnswers> | undefined;
  const statedAnswers = (): ReturnType<typeof lastStatedAnswers> => (stated ??= lastStatedAnswers(text, phraseRules));
  for (const rule of rules) {
    switch (rule) {
      case "boxed": {
        const group = lastBoxGroup(text);
        if (group === undefined) break;
        const later = statedAnswers().strong;
        if (later !== undefined && later.start >= group.end) return { answer: later.answer, rule: later.rule };
        return { answer: group.answer, rule };
      }
      case "final-answer":
      case "answer-label": {
        const { strong, any } = statedAnswers();
        const pick = strong ?? any;
        if (pick !== undefined && pick.rule === rule) return { answer: pick.answer, rule };
        break;
      }
      case "latex": {
        const span = lastMathGroup(text);
        // A plain number written after the last math span is the later, final answer.
        if (span && rules.includes("trailing") && lastNumberEnd(text) > span.end) {
          const answer = trailingNumber(text);
          if (answer !== undefined && answer.trim() !== "") return { answer: answer.trim(), rule: "trailing" };
        }
        const body = span === undefined ? undefined : clean(span.body);
        if (body) return { answer: body, rule };
        break;
      }
      case "trailing": {
        const answer = trailingNumber(text)?.trim();
        if (answer) return { answer, rule };
        break;
      }
    }
  }
  return undefined;
}

/**
 * The answer inside a gold string: its last run of boxes if it has one, else the whole string
 * (a gold answer is already an answer, not a response).
 */
export function goldAnswer(gold: string): string {
  return lastBoxGroup(gold)?.answer ?? gold.trim();
}
