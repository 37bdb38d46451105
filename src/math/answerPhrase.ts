/**
 * Answers stated in prose ("The final answer is …", "Answer: …", "#### …") and where they end.
 * Internal.
 * @internal
 * @module
 */
import { boxGroupEndingAt, findBoxes, isConnectorGap } from "./boxes.js";
import { type MathSpan, mathSpans } from "./mathSpans.js";
import { isValueWord, stripTrailingUnits } from "./units.js";

/** The extraction rules that read an answer phrase. */
export type PhraseRule = "final-answer" | "answer-label";

/** An answer read after a phrase. */
export interface StatedAnswer {
  readonly answer: string;
  readonly rule: PhraseRule;
  /** Index of the phrase in the text. */
  readonly start: number;
  /** Whether the answer looks like math (a digit, a LaTeX command, a choice letter), not prose. */
  readonly strong: boolean;
}

// Group 1: "final answer"; groups 2-3: the letter of "(B) is the correct answer"; the rest:
// answer labels. `m` flag: "####" only at a line start.
const PHRASES =
  /(final\s+answer)(?:\s*(?:\*\*|__))?\s*(?:is\b|:|：|=)?|\b(?:the\s+)?answers?(?:\s*(?:\*\*|__))?\s*(?:is\b|are\b|:|：|=)|\banswers?\s+(?:should|would|will)\s+be\b|\b(?:correct|right|best)\s+(?:option|choice)\s+(?:is\b|:)|^[ \t]*####(?=[ \t]*[-+$\\\d(])|\banswer\b(?=\s*(?:\$|\\\(|\\\[))|(?:\(([A-J])\)|\b([A-J]))\s+is\s+(?:the\s+)?(?:correct|right)\b(?:\s+(?:answer|option|choice))?/gim;

/** How many of the last phrases are tried (each costs at most {@link WINDOW} characters). */
const MAX_CANDIDATES = 32;
/** Characters read after a phrase. */
const WINDOW = 3000;

/**
 * The last answer stated after a phrase of an enabled rule: `strong` is the last one that looks
 * like math, `any` the last non-empty one (a text answer such as "Evelyn"). Linear in the text:
 * one regex scan, then at most {@link MAX_CANDIDATES} windows of {@link WINDOW} characters.
 */
export function lastStatedAnswers(
  text: string,
  rules: ReadonlySet<PhraseRule>,
): { strong: StatedAnswer | undefined; any: StatedAnswer | undefined } {
  const found: Array<{ index: number; end: number; rule: PhraseRule; hashes: boolean; phrase: string; letter: string | undefined }> = [];
  PHRASES.lastIndex = 0;
  for (let m = PHRASES.exec(text); m !== null; m = PHRASES.exec(text)) {
    const rule: PhraseRule = m[1] !== undefined ? "final-answer" : "answer-label";
    if (m[0].length === 0) {
      PHRASES.lastIndex++;
      continue;
    }
    if (!rules.has(rule)) continue;
    const letter = m[2] ?? m[3];
    // The `i` flag lets "a is correct" through: a choice letter is a capital.
    if (letter !== undefined && letter !== letter.toUpperCase()) continue;
    found.push({ index: m.index, end: m.index + m[0].length, rule, hashes: m[0].trimStart().startsWith("####"), phrase: m[0].replace(/[\s*_]+$/, ""), letter });
    if (found.length > MAX_CANDIDATES) found.shift();
  }
  let any: StatedAnswer | undefined;
  for (let k = found.length - 1; k >= 0; k--) {
    const f = found[k] as (typeof found)[number];
    // "Final Answer: <a sentence>" and "Answer: <a sentence>" are labels; "the answer is …" is not.
    const label = f.rule === "final-answer" ? !/\bis$/i.test(f.phrase) : /[:：]$/.test(f.phrase);
    const answer = f.letter ?? (f.hashes ? hashesAnswer(text, f.end) : answerAfter(text, f.end, label));
    if (answer === undefined) continue;
    // "B is correct" states a choice, but never overrides a box: prose about statements A, B, … is
    // common in solutions whose answer is boxed.
    const stated: StatedAnswer = { answer, rule: f.rule, start: f.index, strong: f.letter === undefined && looksLikeMath(answer) };
    any ??= stated;
    if (stated.strong) return { strong: stated, any };
  }
  return { strong: undefined, any };
}

/** GSM8K's "#### 42": the rest of the line, if it is not prose. */
function hashesAnswer(text: string, from: number): string | undefined {
  const nl = text.indexOf("\n", from);
  const line = clean(text.slice(from, nl < 0 ? Math.min(text.length, from + WINDOW) : Math.min(nl, from + WINDOW)).replace(/\$/g, " "));
  if (line === undefined) return undefined;
  // "#### 18 dollars" is an answer with its unit; "#### 1. Setup" is a markdown heading.
  if (/[A-Za-z]{3,}/.test(stripTrailingUnits(line).replace(/\\[a-zA-Z]+/g, ""))) return undefined;
  return line;
}

/**
 * Whether an answer is math rather than prose: it starts with a number, a sign, a LaTeX command,
 * a bracket, or a lone letter (`x = 5`, `(B)`), not with a word ("correct", "independent of n").
 */
export function looksLikeMath(answer: string): boolean {
  return /^(?:[-+]?\s*[\d.\\([{|]|\(?[A-Za-z]\)?(?![A-Za-z]))/.test(answer.trim());
}

/** The answer that starts right after a phrase ending at `from`, or undefined. */
function answerAfter(text: string, from: number, label: boolean): string | undefined {
  let rest = text.slice(from, from + WINDOW);
  const hope = rest.search(/I hope it is correct/i);
  if (hope >= 0) rest = rest.slice(0, hope);
  return leadingAnswer(rest, label);
}

const LEADING_NOISE = /^(?:[\s:：*_"“'`]|\\[,;:! ]|\\q?quad(?![a-zA-Z]))+/;
const MATH_WORDS = new Set([
  "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "log", "ln", "exp",
  "sqrt", "pi", "inf", "infty", "infinity", "percent", "percentage", "pct", "mod",
]);
/** Words that make a sentence a hedge or a negation: its lone number is not a stated answer. */
const HEDGES = /\b(?:not|no|never|neither|none|cannot|can't|isn't|aren't|at\s+(?:least|most)|more\s+than|less\s+than|fewer\s+than|greater\s+than|between|either|unknown|impossible)\b/i;

/**
 * The answer at the start of `rest`: a run of boxes, a run of math spans (joined by "and"/","
 * into a list, with a following `%`/"percent"), or plain text cut at its end. After a label
 * (`prose`: "Final Answer:", "Answer:") the text may be a sentence about the answer: then the
 * part after its last "is"/"are"/"=" is read ("The largest $n$ is 34."), or its only number
 * ("Jane started growing Sphere 3 hours ago."). A sentence with a negation or a hedge ("not 5",
 * "at least 5", "between 3 and 4") is returned whole: it states no single value.
 */
function leadingAnswer(rest: string, prose: boolean): string | undefined {
  // "approximately 3.14", "about $5$": the qualifier is not part of the value.
  const s = rest.replace(LEADING_NOISE, "").replace(/^(?:approximately|approx\.?|about|roughly|around|exactly|just)\s+(?=[-+$\\\d(])/i, "");
  if (s === "") return undefined;
  if (/^\\(?:boxed|fbox|framebox)(?![a-zA-Z])/.test(s)) {
    const boxes = findBoxes(s);
    if (boxes.length > 0 && (boxes[0] as (typeof boxes)[number]).start === 0) {
      let last = 0;
      while (last + 1 < boxes.length && isConnectorGap(s.slice((boxes[last] as (typeof boxes)[number]).end, (boxes[last + 1] as (typeof boxes)[number]).start))) last++;
      return boxGroupEndingAt(s, boxes, last).answer;
    }
  }
  const spans = mathSpans(s);
  const first = spans[0];
  if (first !== undefined && first.start === 0) return spanRun(s, spans);
  const end = sentenceEnd(s, spans);
  const sentence = s.slice(0, end);
  const inSentence = spans.filter((sp) => sp.end <= end);
  const firstWord = /^[A-Za-z]{2,}/.exec(sentence)?.[0];
  if (firstWord !== undefined && !MATH_WORDS.has(firstWord.toLowerCase())) {
    // Prose: "The largest $n$ is 34", "Jane started growing Sphere 3 hours ago".
    if (!prose || HEDGES.test(outsideSpans(sentence, inSentence))) return clean(sentence);
    const at = lastCopula(sentence, inSentence);
    if (at >= 0) return leadingAnswer(sentence.slice(at), false);
    const numbers = numbersOutside(sentence, inSentence);
    const spans = inSentence.filter((sp) => /^\s*-?[\d.]/.test(sp.body));
    if (numbers.length + spans.length === 1) return clean(numbers[0] ?? (spans[0] as MathSpan).body);
    return clean(sentence);
  }
  return trimPlain(sentence);
}

/** Spans starting at 0 and joined by connector gaps, read as one (list) answer. */
function spanRun(s: string, spans: readonly MathSpan[]): string | undefined {
  let last = 0;
  while (last + 1 < spans.length && isConnectorGap(s.slice((spans[last] as MathSpan).end, (spans[last + 1] as MathSpan).start))) last++;
  const bodies: string[] = [];
  const seen = new Set<string>();
  for (let j = 0; j <= last; j++) {
    let body = (spans[j] as MathSpan).body.trim();
    if (/^\\(?:boxed|fbox)(?![a-zA-Z])/.test(body)) {
      const boxes = findBoxes(body);
      if (boxes.length > 0) body = boxGroupEndingAt(body, boxes, boxes.length - 1).answer;
    }
    body = clean(body) ?? "";
    const key = body.replace(/\s+/g, "");
    if (body === "" || seen.has(key)) continue;
    seen.add(key);
    bodies.push(body);
  }
  if (bodies.length === 0) return undefined;
  let answer = bodies.join(", ");
  if (/^\s*(?:\\?%|percent\b|pct\b)/i.test(s.slice((spans[last] as MathSpan).end)) && !answer.endsWith("%")) answer += "\\%";
  return answer;
}

/** Index where the first sentence of `s` ends (outside math spans): ". ", "!", "?", ";", a line break. */
function sentenceEnd(s: string, spans: readonly MathSpan[]): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const sp = spans[k];
    if (sp !== undefined && i === sp.start) {
      i = sp.end - 1;
      k++;
      continue;
    }
    const c = s[i];
    if (c === "\n" || c === "!" || c === "?" || c === ";") return i;
    if (c === "." && s[i - 1] !== "." && s[i + 1] !== "." && (i + 1 >= s.length || /[\s*_)"'”]/.test(s[i + 1] as string))) {
      // "i.e." and "e.g." are not sentence ends.
      if (/(?:^|\W)(?:i\.e|e\.g|approx|vs)$/i.test(s.slice(Math.max(0, i - 7), i))) continue;
      return i;
    }
  }
  return s.length;
}

/** `s` with the spans blanked out (same length, so indices stay valid). */
function outsideSpans(s: string, spans: readonly MathSpan[]): string {
  let out = "";
  let last = 0;
  for (const sp of spans) {
    out += s.slice(last, sp.start) + " ".repeat(sp.end - sp.start);
    last = sp.end;
  }
  return out + s.slice(last);
}

/** Index just after the last " is "/" are "/" equals "/"=" outside spans, or -1. */
function lastCopula(sentence: string, spans: readonly MathSpan[]): number {
  const plain = outsideSpans(sentence, spans);
  let at = -1;
  for (const m of plain.matchAll(/\s(?:is|are|was|were|equals|be)\s+|\s?=\s*/gi)) at = m.index + m[0].length;
  return at >= 0 && plain.slice(at).trim() !== "" ? at : -1;
}

function numbersOutside(sentence: string, spans: readonly MathSpan[]): string[] {
  return [...outsideSpans(sentence, spans).matchAll(/-?\d[\d,]*(?:\.\d+)?(?:\s*\/\s*\d+)?%?/g)].map((m) => m[0].replace(/,$/, ""));
}

/**
 * A plain-text answer cut where the answer ends: before a comma clause (", which is …", ", i.e.
 * …"), a parenthetical remark (" (since …)"), or the words after a number ("12 apples",
 * "3 hours ago": unit words as a class); markdown `**`/`__` and math delimiters removed.
 * Connectors "and"/"or" between two values are kept ("2 or 3" is a hedge, judged as a list).
 */
function trimPlain(sentence: string): string | undefined {
  const s = sentence
    .replace(/(^|\s)(?:\*\*|__)|(?:\*\*|__)(?=\s|$|[.,;:!?)])/g, "$1")
    .replace(/\\\(|\\\)|\\\[|\\\]|\$/g, " ");
  let depth = 0;
  let paren = 0;
  let sawMath = false;
  let cut = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === "\\") {
      const cmd = /^\\[a-zA-Z]+/.exec(s.slice(i, i + 30));
      sawMath = true;
      if (cmd) i += cmd[0].length - 1;
      else i++;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (c === "(" || c === "[") paren++;
    else if (c === ")" || c === "]") paren = Math.max(0, paren - 1);
    if (/[\d=+^/*<>|-]/.test(c)) sawMath = true;
    if (depth > 0) continue;
    const tail = s.slice(i, i + 40);
    if (c === "," && paren === 0) {
      const w = /^,\s+([A-Za-z]{2,}\.?)/.exec(tail);
      if (w && !continuesList(s.slice(i + 1, i + 60))) {
        cut = i;
        break;
      }
      continue;
    }
    if (/\s/.test(c) && sawMath) {
      // "12 (since 3 boxes x 4 apples)" ends at the remark; "5 (or 6)" is a hedge, kept whole.
      if (/^\s+\((?=[A-Za-z]{2,})/.test(tail) && !/^\s+\(\s*(?:or|and)\b/i.test(tail)) {
        cut = i;
        break;
      }
      const w = /^\s+([A-Za-z]{2,})\b/.exec(tail);
      if (w && paren === 0 && !MATH_WORDS.has((w[1] as string).toLowerCase()) && !isValueWord(w[1] as string) && !continuesList(s.slice(i, i + 60))) {
        cut = i;
        break;
      }
    }
  }
  return clean(s.slice(0, cut));
}

/** "and 3", "or $x$", ", 5": the list goes on with another value. */
function continuesList(after: string): boolean {
  return /^[\s,]*(?:(?:and|or)\s+)?(?:[-+\d(\[\\$]|[a-zA-Z](?![a-zA-Z]))/.test(after);
}

const TRAILING_PUNCT = new Set([..." \t\n,;:!?\"”'`*_"]);

/** Collapses spaces and trims quotes and trailing punctuation (a lone final "." but not "..."). */
export function clean(s: string): string | undefined {
  let t = s.replace(/\s+/g, " ").replace(/^[\s"“'`]+/, "");
  let end = t.length;
  for (;;) {
    const c = t[end - 1];
    if (c !== undefined && TRAILING_PUNCT.has(c)) end--;
    else if (c === "." && t[end - 2] !== ".") end--;
    else if (c === "-" && t[end - 2] === " ") end--;
    else break;
  }
  t = t.slice(0, end).trim();
  return t === "" ? undefined : t;
}
