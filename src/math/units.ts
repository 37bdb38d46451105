/**
 * Unit words after a numeric answer ("12 apples", "5 square units", "3 hours ago"). Internal.
 * @internal
 * @module
 */

/** Words that are math, never units, after a number. */
const NOT_UNITS = new Set([
  "sin", "cos", "tan", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "log", "ln", "exp", "sqrt",
  "pi", "inf", "infty", "infinity", "and", "or", "choose", "mod", "pmod", "over", "plus", "minus", "i",
]);
/**
 * Words after a number that change its value, never units: "5 million", "2 thirds", "3 squared",
 * "5 factorial" (stripping them would turn a wrong answer into a right one).
 */
const VALUE_WORDS =
  /^(?:hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|hundredths?|thousandths?|squared|cubed|factorial|percent|percentage|pct)$/i;

/** Whether a word after a number changes its value (see {@link VALUE_WORDS}). */
export function changesValue(word: string): boolean {
  return VALUE_WORDS.test(word);
}

/** Whether a word after a number is part of its value (see {@link VALUE_WORDS}) or math. */
export function isValueWord(word: string): boolean {
  return VALUE_WORDS.test(word) || NOT_UNITS.has(word.toLowerCase());
}

/** One-letter units accepted after a space (a lone letter is otherwise a variable). */
const ONE_LETTER_UNITS = new Set(["m", "s", "h", "g", "l", "L", "K", "N", "J", "W", "V"]);

// A trailing word, with an optional power and a "/word" ("cm^2", "km/h", "m/s^2", "sq.").
const POWER = String.raw`(?:\s*\^\s*\{?\s*-?[123]\s*\}?|[²³])`;
const UNIT_TOKEN = new RegExp(String.raw`\s+([A-Za-z]+)\.?${POWER}?(?:\s*\/\s*[A-Za-z]+${POWER}?)?\s*$`);
// Units written against the number: "12cm", "5km/h". A fixed list: "2x" is a product.
const ATTACHED = new RegExp(String.raw`(?<=\d)(?:cm|mm|km|kg|mg|ml|mL|ft|sec|min|hrs?|mph|lbs?|oz)${POWER}?(?:\/[A-Za-z]+)?\s*$`);

/**
 * Removes the unit words that follow a numeric answer, as a class rather than a fixed list: any
 * trailing run of words (≥ 2 letters; not math like `sin` or `pi`, not words that change the value
 * like "million", "thirds", "squared") directly after a digit or a
 * closing bracket, with powers and "/" units ("12 apples", "5 square units", "9.8 m/s^2",
 * "3 hours ago"); one-letter units only from a short list (m, s, h, g, l, …). Words after
 * non-numeric math are kept ("x + y").
 */
export function stripTrailingUnits(s: string): string {
  let end = s.length;
  let cut = -1;
  for (let k = 0; k < 6; k++) {
    const head = s.slice(0, end);
    const m = UNIT_TOKEN.exec(head);
    if (!m) break;
    const word = m[1] as string;
    if (isValueWord(word)) break;
    if (word.length === 1 && !ONE_LETTER_UNITS.has(word) && !m[0].includes("/")) break;
    end = m.index;
    if (/[\d})\]%]$/.test(s.slice(0, end))) cut = end;
  }
  const out = cut >= 0 ? s.slice(0, cut) : s;
  return out.replace(ATTACHED, "");
}

const SCALES: Readonly<Record<string, number>> = { hundred: 2, thousand: 3, million: 6, billion: 9, trillion: 12 };

/** "5 million" → `5 \cdot 10^{6}`, "2.5 thousand" → `2.5 \cdot 10^{3}`. */
export function expandScaleWords(s: string): string {
  return s.replace(/(\d(?:[\d.]*\d)?)\s*(hundred|thousand|million|billion|trillion)\b/gi, (_m, n: string, w: string) => `${n} \\cdot 10^{${SCALES[w.toLowerCase()] as number}}`);
}

const ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/**
 * A whole answer written as an English number from zero to ninety-nine ("five", "twenty-one",
 * "Forty two") as digits; anything else unchanged.
 */
export function numberWordValue(s: string): string {
  const m = /^(minus\s+|negative\s+)?([a-z]+)(?:[\s-]+([a-z]+))?$/i.exec(s.trim());
  if (!m) return s;
  const sign = m[1] ? "-" : "";
  const first = (m[2] as string).toLowerCase();
  const second = m[3]?.toLowerCase();
  if (second === undefined) {
    const ones = ONES.indexOf(first);
    if (ones >= 0) return `${sign}${ones}`;
    const tens = TENS.indexOf(first);
    return tens >= 2 ? `${sign}${tens * 10}` : s;
  }
  const tens = TENS.indexOf(first);
  const ones = ONES.indexOf(second);
  return tens >= 2 && ones >= 1 && ones <= 9 ? `${sign}${tens * 10 + ones}` : s;
}
