/**
 * Digit-group separators in numbers: the comma rule and its LaTeX spellings. Internal.
 * @internal
 * @module
 */

// A group separator written the LaTeX way: `,\!`, `{,}`, `{, }`, a thin space `\,`, `\ `, `~`.
const LATEX_SEP = String.raw`(?:,\s*\\!|\{\s*,\s*\}|\\,|\\ |~)`;
const LATEX_GROUPED = new RegExp(String.raw`(?<![\d.])[1-9]\d{0,2}(?:${LATEX_SEP}\s*\d{3})+(?!\d)`, "g");

/**
 * Removes digit-group separators written with LaTeX spacing: `11,\! 111,\! 111,\! 100` →
 * `11111111100`, `14{,}916` → `14916`, `10\,000` → `10000`. Only well-formed groupings (a first
 * group of 1–3 digits not starting with 0, then groups of exactly 3) are touched. Runs before the
 * spacing commands are dropped, while the separator is still recognisable.
 */
export function joinLatexDigitGroups(s: string): string {
  return s.replace(LATEX_GROUPED, (m) => m.replace(/[^\d]/g, ""));
}

// "1,234" and "12,345,678.5": comma directly followed by exactly three digits, no space.
const PLAIN_GROUPED = /(?<![\d.,])[1-9]\d{0,2}(?:,\d{3})+(?![\d,]|\.\d*,)/g;

/**
 * The comma rule: `1,234` is a number (commas directly followed by groups of three digits, the
 * first group not starting with 0), `1, 234` is a list (a space after the comma). Answers that
 * open with a bracket are left alone, where `(100,200)` is a pair, and so is a number right after
 * an opening bracket or a comma (`(2,12) \cup (12,102)`).
 */
export function joinPlainDigitGroups(s: string): string {
  if (/^\s*(?:\(|\[|\\\{)/.test(s)) return s;
  // Inside brackets, "(12,102)" is a pair: only a number not opened by a bracket or a comma joins.
  let out = s.replace(PLAIN_GROUPED, (m, at: number) => (/[([{,]\s*$/.test(s.slice(Math.max(0, at - 8), at)) ? m : m.replace(/,/g, "")));
  // A whole answer spaced in thousands, "1 000 000".
  if (/^-?[1-9]\d{0,2}(?: \d{3})+(?:\.\d+)?$/.test(out)) out = out.replace(/ /g, "");
  return out;
}

/**
 * The decimal reading of a comma answer, when it is unambiguous: the whole answer is one number
 * `d,d…` whose comma cannot be a thousands separator (not exactly three digits after it, or an
 * integer part of 0): `1000,99` → `1000.99`, `0,111` → `0.111`. Otherwise undefined (`1,234` is
 * a number, `1, 2` a list).
 */
export function decimalCommaReading(s: string): string | undefined {
  const m = /^(-?)(\d+),(\d+)$/.exec(s.trim());
  if (!m) return undefined;
  const [, sign, int, frac] = m as unknown as [string, string, string, string];
  if (frac.length === 3 && !int.startsWith("0")) return undefined;
  return `${sign}${int}.${frac}`;
}
