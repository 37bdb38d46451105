/**
 * String-level normalization of a LaTeX or plain-text math answer.
 * @module
 */

const UNIT_WORDS =
  "units?|square units?|sq units?|cm|mm|km|meters?|metres?|centimeters?|kilometers?|millimeters?|inch(?:es)?|feet|foot|ft|yards?|miles?|mi|seconds?|sec|minutes?|min|hours?|hrs?|days?|weeks?|months?|years?|grams?|kg|kilograms?|pounds?|lbs?|ounces?|oz|liters?|litres?|ml|gallons?|dollars?|cents?|euros?|degrees?|deg|radians?|rad|people|persons?|students?|ways?|times|points?|mph|km/h|m/s|cm\\^2|cm\\^3|m\\^2|m\\^3|ft\\^2|in\\^2";
const TRAILING_UNIT = new RegExp(
  `(?<=[0-9})\\]])\\s*(?:square |cubic |sq\\.? )?(?:${UNIT_WORDS}|(?<=\\s)(?:m|s|h|g|l))(?:\\s*(?:\\^\\{?[23]\\}?|²|³))?\\s*$`,
  "i",
);

// Commands whose braced argument is kept as plain content.
const STYLE_WRAPPERS = /\\(?:mathbf|mathit|mathsf|mathtt|mathcal|mathbb|boldsymbol|bm|textbf|textit|textrm|textnormal|emph|displaystyle|mathrm|operatorname)\s*(?=\{)/g;

/** Finds the index of the brace matching the `{` at `open`, or -1. */
export function matchBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

/** Replaces `\cmd{arg}` by `f(arg)` for every occurrence, with brace matching. */
function replaceCommand(s: string, cmd: RegExp, f: (arg: string) => string): string {
  let out = "";
  let last = 0;
  cmd.lastIndex = 0;
  for (let m = cmd.exec(s); m !== null; m = cmd.exec(s)) {
    let open = m.index + m[0].length;
    while (s[open] === " ") open++;
    if (s[open] !== "{") continue;
    const close = matchBrace(s, open);
    if (close < 0) break;
    out += s.slice(last, m.index) + f(s.slice(open + 1, close));
    last = close + 1;
    cmd.lastIndex = close + 1;
  }
  return out + s.slice(last);
}

/** Content of `\text{…}`-like wrappers, if the whole string is one (or several adjacent) of them. */
export function textContent(s: string): string | undefined {
  const t = s.trim();
  if (!/^\\(?:text|textbf|textit|mbox|mathrm|textrm|operatorname)\s*\{/.test(t)) return undefined;
  const stripped = replaceCommand(t, /\\(?:text|textbf|textit|mbox|mathrm|textrm|operatorname)/g, (a) => ` ${a} `);
  return /[\\{}$^_=]/.test(stripped) ? undefined : stripped.trim();
}

/**
 * Normalizes a math answer so that notational variants compare equal as strings and parse the
 * same way: `\dfrac`/`\tfrac`/`\cfrac` → `\frac`, `\frac12` → `\frac{1}{2}`, `\sqrt3` → `\sqrt{3}`,
 * `\left`/`\right`/spacing commands removed, `{,}` and `1,000` thousands separators removed,
 * degree signs removed, `\%`/"percent" → `%`, `\text{…}` units and trailing unit words removed,
 * mixed numbers `2\frac{1}{2}` → `(2+\frac{1}{2})`, Unicode symbols → LaTeX, outer `$`
 * and trailing punctuation removed.
 *
 * @param answer - one extracted answer (not a whole response)
 *
 * @example
 * ```ts
 * import { normalizeMathAnswer } from "passk/math";
 * console.log(normalizeMathAnswer("\\dfrac12")); // => \frac{1}{2}
 * console.log(normalizeMathAnswer("$10{,}000$ \\text{ dollars}.")); // => 10000
 * console.log(normalizeMathAnswer("90^\\circ")); // => 90
 * console.log(normalizeMathAnswer("3\\frac{1}{4}")); // => (3+\frac{1}{4})
 * ```
 */
export function normalizeMathAnswer(answer: string): string {
  let s = answer.trim();
  // Unicode to LaTeX.
  s = s
    .replace(/[−–—]/g, "-")
    .replace(/×/g, "\\times ")
    .replace(/÷/g, "\\div ")
    .replace(/·/g, "\\cdot ")
    .replace(/π/g, "\\pi ")
    .replace(/∞/g, "\\infty ")
    .replace(/≤/g, "\\le ")
    .replace(/≥/g, "\\ge ")
    .replace(/≠/g, "\\ne ")
    .replace(/∪/g, "\\cup ")
    .replace(/∅/g, "\\emptyset ")
    .replace(/√/g, "\\sqrt ")
    .replace(/°/g, "^\\circ")
    .replace(/²/g, "^2")
    .replace(/³/g, "^3");
  // Outer math delimiters.
  s = s.replace(/^\$+|\$+$/g, "").replace(/^\\\(|\\\)$/g, "").replace(/^\\\[|\\\]$/g, "");
  s = s.replace(/\\\$/g, "").replace(/\$/g, "");
  // Spacing, sizing and style commands.
  s = s
    .replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![a-zA-Z])\s*\.?/g, "")
    .replace(/(?<!\\)\\[!,;:> ]/g, " ")
    .replace(/\\(?:quad|qquad|displaystyle|textstyle|limits|nolimits)(?![a-zA-Z])/g, " ")
    .replace(/~/g, " ");
  s = s.replace(/\\[dtc]frac(?![a-zA-Z])/g, "\\frac");
  s = s.replace(/\\(?:lbrace)(?![a-zA-Z])/g, "\\{").replace(/\\(?:rbrace)(?![a-zA-Z])/g, "\\}");
  // Degrees.
  s = s.replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|\\degree/g, "");
  // Percent.
  s = s.replace(/\\%|\s*\b(?:percentage|percent|pct)\b/gi, "%");
  // "and"/"or" between answers, in or out of \text.
  s = s.replace(/\\(?:text|mbox)\s*\{\s*(?:and|or|,)\s*\}/g, ",");
  s = s.replace(/(?<=[0-9}\)\]a-zA-Z])\s+(?:and|or)\s+(?=[-0-9\\(\[a-zA-Z])/g, ", ");
  // \text{…}: units after math content are dropped; a whole-text answer keeps its words.
  if (textContent(s) === undefined) {
    s = replaceCommand(s, /\\(?:text|textbf|textit|mbox|textrm)(?![a-zA-Z])/g, (a) => (/^[\s\da-z^()/.]*$/i.test(a) && /[a-z]/i.test(a) ? "\u0000" : a));
    // A unit's exponent goes with it: "12 \text{ cm}^2".
    s = s.replace(/\u0000\s*(?:\^\s*\{?\s*[23]\s*\}?)?/g, " ");
  }
  s = s.replace(STYLE_WRAPPERS, "");
  // Thousands separators: {,} always; "1,000" only outside bracketed answers, where "(100,200)" is a pair.
  s = s.replace(/\{,\}/g, "");
  if (!/^\s*(?:\(|\[|\\\{)/.test(s)) {
    s = s.replace(/(?<![\d.,])\d{1,3}(?:,\s?\d{3})+(?![\d,]|\.\d*,)/g, (m) => m.replace(/,\s?/g, ""));
  }
  // \frac12, \frac1{2}, \frac{1}2, \sqrt3, \sqrt x.
  s = s.replace(/\\frac\s*([0-9a-zA-Z])\s*([0-9a-zA-Z])/g, "\\frac{$1}{$2}");
  s = s.replace(/\\frac\s*([0-9a-zA-Z])\s*\{/g, "\\frac{$1}{");
  s = s.replace(/\\frac\s*\{([^{}]*)\}\s*([0-9a-zA-Z])/g, "\\frac{$1}{$2}");
  s = s.replace(/\\sqrt\s*([0-9a-zA-Z])/g, "\\sqrt{$1}");
  // Mixed numbers: an integer directly followed by a fraction of integers, or "7 1/2".
  s = s.replace(/(?<![\d.}^_])(\d+)\s*\\frac\{(\d+)\}\{(\d+)\}/g, "($1+\\frac{$2}{$3})");
  s = s.replace(/(?<![\d./])(\d+) (\d+)\/(\d+)(?![\d/])/g, "($1+$2/$3)");
  // Unit words after a number, possibly repeated ("5 cm^2").
  for (let i = 0; i < 2; i++) s = s.trim().replace(TRAILING_UNIT, "");
  // Trailing punctuation and whitespace.
  s = s.replace(/[\s.;:?]+$/g, "").replace(/\s+/g, " ").trim();
  if (s.endsWith("\\") && !s.endsWith("\\\\")) s = s.slice(0, -1).trim();
  return s;
}
