/**
 * String-level normalization of a LaTeX or plain-text math answer.
 * @module
 */
import { closingBraces } from "./braces.js";
import { joinLatexDigitGroups, joinPlainDigitGroups } from "./numberSeparators.js";
import { respellOperatorNames } from "./operatorNames.js";
import { repeatingDecimalFractions } from "./repeatingDecimals.js";
import { expandScaleWords, numberWordValue, stripTrailingUnits } from "./units.js";

// Commands whose braced argument is kept as plain content; an \operatorname around a multi-letter
// name is kept (a function passk does not know: see operatorNames.ts).
const STYLE_WRAPPERS =
  /\\(?:mathbf|mathit|mathsf|mathtt|mathcal|mathbb|mathfrak|boldsymbol|bm|textbf|textit|textsf|texttt|textup|emph|displaystyle|mathrm|operatorname\*?(?!\s*\{\s*[A-Za-z]{2,}\s*\})|overline|underline|overrightarrow|overleftrightarrow|vec|hat|widehat|bar|tilde|widetilde|mathring)\s*(?=\{)/g;
// Commands whose argument is text (a unit after a number, or a whole text answer).
const TEXT_COMMANDS = String.raw`\\(?:text|textbf|textit|textrm|textnormal|textsf|textup|mbox)(?![a-zA-Z])`;
const TEXT_START = new RegExp(String.raw`^(?:${TEXT_COMMANDS}|\\(?:mathrm|operatorname))\s*\{`);
const TEXT_OR_WORD = new RegExp(String.raw`${TEXT_COMMANDS}|\\(?:mathrm|operatorname)(?![a-zA-Z])`, "g");
const TEXT_CONNECTOR = new RegExp(String.raw`${TEXT_COMMANDS}\s*\{\s*(?:and|or|,)\s*\}`, "g");
const TEXT_ANY = new RegExp(TEXT_COMMANDS, "g");

/**
 * Replaces `\cmd{arg}` by `f(arg)` for every top-level occurrence (an occurrence inside a replaced
 * argument is part of that argument), with brace matching. Linear: all the arguments' braces are
 * matched in one pass ({@link closingBraces}); stops at the first unclosed argument.
 */
function replaceCommand(s: string, cmd: RegExp, f: (arg: string) => string): string {
  const starts: number[] = [];
  const opens: number[] = [];
  cmd.lastIndex = 0;
  for (let m = cmd.exec(s); m !== null; m = cmd.exec(s)) {
    let open = m.index + m[0].length;
    while (s[open] === " ") open++;
    if (s[open] !== "{") continue;
    starts.push(m.index);
    opens.push(open);
  }
  if (starts.length === 0) return s;
  const close = closingBraces(s, opens);
  let out = "";
  let last = 0;
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] as number;
    if (start < last) continue;
    const c = close[k] as number;
    if (c < 0) break;
    out += s.slice(last, start) + f(s.slice((opens[k] as number) + 1, c));
    last = c + 1;
  }
  return out + s.slice(last);
}

/** Content of `\text{…}`-like wrappers, if the whole string is one (or several adjacent) of them. */
export function textContent(s: string): string | undefined {
  const t = s.trim();
  if (!TEXT_START.test(t)) return undefined;
  const stripped = replaceCommand(t, TEXT_OR_WORD, (a) => ` ${a} `);
  return /[\\{}$^_=]/.test(stripped) ? undefined : stripped.trim();
}

const UNICODE: ReadonlyArray<[RegExp, string]> = [
  [/[−–—]/g, "-"],
  [/×/g, "\\times "],
  [/÷/g, "\\div "],
  [/·/g, "\\cdot "],
  [/π/g, "\\pi "],
  [/∞/g, "\\infty "],
  [/≤/g, "\\le "],
  [/≥/g, "\\ge "],
  [/≠/g, "\\ne "],
  [/≈/g, "\\approx "],
  [/∈/g, "\\in "],
  [/∪/g, "\\cup "],
  [/∩/g, "\\cap "],
  [/∅/g, "\\emptyset "],
  [/ℝ/g, "\\mathbb{R}"],
  [/√/g, "\\sqrt "],
  [/…/g, "\\ldots "],
  [/°/g, "^\\circ"],
  [/²/g, "^2"],
  [/³/g, "^3"],
];

/**
 * Normalizes a math answer so that notational variants compare equal as strings and parse the
 * same way: `\dfrac`/`\tfrac`/`\cfrac` → `\frac`, `\frac12` → `\frac{1}{2}`, `\sqrt3` → `\sqrt{3}`,
 * `\boxed{…}` unwrapped, `\left`/`\right`/spacing commands removed, digit-group separators removed
 * by the comma rule (`1,234` and `11,\! 111` are numbers, `1, 234` is a list), degree signs
 * removed, `\%`/"percent" → `%`, units removed (a `\text{…}`/`\textnormal{…}` after math, or any
 * trailing words after a number: "12 apples", "5 square units"), mixed numbers `2\frac{1}{2}`
 * → `(2+\frac{1}{2})`, Unicode symbols → LaTeX, outer `$`, markdown `**` and a final period
 * removed (an ellipsis `...` is kept).
 *
 * @param answer - one extracted answer (not a whole response)
 *
 * @example
 * ```ts
 * import { normalizeMathAnswer } from "passk/math";
 * console.log(normalizeMathAnswer("\\dfrac12")); // => \frac{1}{2}
 * console.log(normalizeMathAnswer("$10{,}000$ \\text{ dollars}.")); // => 10000
 * console.log(normalizeMathAnswer("11,\\! 111,\\! 111,\\! 100")); // => 11111111100
 * console.log(normalizeMathAnswer("32, 349")); // => 32, 349
 * console.log(normalizeMathAnswer("125\\textnormal{ miles}")); // => 125
 * console.log(normalizeMathAnswer("12 apples")); // => 12
 * console.log(normalizeMathAnswer("90^\\circ")); // => 90
 * console.log(normalizeMathAnswer("3\\frac{1}{4}")); // => (3+\frac{1}{4})
 * ```
 */
export function normalizeMathAnswer(answer: string): string {
  let s = answer.trim();
  for (const [re, to] of UNICODE) s = s.replace(re, to);
  // Outer math delimiters and markdown emphasis.
  s = s.replace(/^(?:\*\*|__)+|(?:\*\*|__)+$/g, "").trim();
  s = s.replace(/^\$+|\$+$/g, "").replace(/^\\\(|\\\)$/g, "").replace(/^\\\[|\\\]$/g, "");
  s = s.replace(/\\\$/g, "").replace(/\$/g, "");
  s = replaceCommand(s, /\\(?:boxed|fbox|framebox)(?![a-zA-Z])/g, (a) => a);
  s = respellOperatorNames(s);
  // A whole-text answer that starts with a number is a number with words: "\text{5 apples}".
  const whole = textContent(s);
  if (whole !== undefined && /^[-+]?\d/.test(whole)) s = whole;
  // Digit groups written with LaTeX spacing, before the spacing commands disappear.
  s = joinLatexDigitGroups(s);
  // Spacing, sizing and style commands.
  s = s
    .replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![a-zA-Z])\s*\.?/g, "")
    .replace(/(?<!\\)\\[!,;:> ]/g, " ")
    .replace(/\\(?:quad|qquad|displaystyle|textstyle|limits|nolimits)(?![a-zA-Z])/g, " ")
    .replace(/~/g, " ");
  s = s.replace(/\\[dtc]frac(?![a-zA-Z])/g, "\\frac");
  s = s.replace(/\\(?:lbrace)(?![a-zA-Z])/g, "\\{").replace(/\\(?:rbrace)(?![a-zA-Z])/g, "\\}");
  s = s.replace(/\\mathbb\s*\{\s*R\s*\}|\\mathbb\s+R(?![a-zA-Z])|\\R(?![a-zA-Z])/g, "\\reals ");
  // Degrees: in a trig argument they are an angle unit (sin 30° = sin(π/6)); elsewhere dropped.
  s = s.replace(
    /\\(sin|cos|tan|sec|csc|cot)\s*(\(?)\s*(\d+(?:\.\d+)?)\s*(?:\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|\\degree)/g,
    (_m, fn: string, paren: string, deg: string) => `\\${fn}${paren}(\\frac{${deg}\\pi}{180})`,
  );
  s = s.replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|\\degree/g, "");
  // Percent.
  s = s.replace(/\\%|\s*\b(?:percentage|percent|pct)\b/gi, "%");
  // "and"/"or" between answers, in or out of \text.
  s = s.replace(TEXT_CONNECTOR, ",");
  s = s.replace(/(?<=[0-9}\)\]a-zA-Z])\s+(?:and|or)\s+(?=[-0-9\\(\[a-zA-Z])/g, ", ");
  // "19, 46, and 82": the serial comma before the connector.
  s = s.replace(/,\s*(?:and|or)\s+(?=[-0-9\\(\[a-zA-Z])/g, ", ").replace(/,(?:\s*,)+/g, ",");
  // \text{…}: units after math content are dropped; a whole-text answer keeps its words.
  if (textContent(s) === undefined) {
    s = replaceCommand(s, TEXT_ANY, (a) => (/^[\s\da-z^()/.]*$/i.test(a) && /[a-z]/i.test(a) ? "\u0000" : a));
    // A unit's exponent goes with it: "12 \text{ cm}^2".
    s = s.replace(/\u0000\s*(?:\^\s*\{?\s*[23]\s*\}?)?/g, " ");
    // \mathrm{cm} after a number is a unit too.
    s = s.replace(/(?<=[\d})\]]\s*)\\mathrm\s*\{\s*[A-Za-z]{2,}(?:\s*\/\s*[A-Za-z]+)?\s*\}(?:\s*\^\s*\{?\s*[23]\s*\}?)?\s*$/, "");
  }
  s = repeatingDecimalFractions(s);
  s = s.replace(STYLE_WRAPPERS, "");
  // Thousands separators: {,} always; the comma rule for "1,000".
  s = s.replace(/\{\s*,\s*\}/g, "");
  s = joinPlainDigitGroups(s.trim());
  // \frac12, \frac1{2}, \frac{1}2, \sqrt3, \sqrt x.
  s = s.replace(/\\frac\s*([0-9a-zA-Z])\s*([0-9a-zA-Z])/g, "\\frac{$1}{$2}");
  s = s.replace(/\\frac\s*([0-9a-zA-Z])\s*\{/g, "\\frac{$1}{");
  s = s.replace(/\\frac\s*\{([^{}]*)\}\s*([0-9a-zA-Z])/g, "\\frac{$1}{$2}");
  s = s.replace(/\\sqrt\s*([0-9a-zA-Z])/g, "\\sqrt{$1}");
  // Mixed numbers: an integer directly followed by a fraction of integers, or "7 1/2".
  s = s.replace(/(?<![\d.}^_])(\d+)\s*\\frac\{(\d+)\}\{(\d+)\}/g, "($1+\\frac{$2}{$3})");
  s = s.replace(/(?<![\d./])(\d+) (\d+)\/(\d+)(?![\d/])/g, "($1+$2/$3)");
  s = stripTrailingUnits(expandScaleWords(numberWordValue(s.trim())));
  // Trailing punctuation and whitespace; an ellipsis stays (it changes the answer).
  s = s.replace(/\s+/g, " ").trim();
  for (;;) {
    const t = s.replace(/[\s;:?,]+$/, "").replace(/(?<!\.)\.$/, "");
    if (t === s) break;
    s = t;
  }
  if (s.endsWith("\\") && !s.endsWith("\\\\")) s = s.slice(0, -1).trim();
  return s;
}
