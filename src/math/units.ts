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
/** One-letter units accepted after a space (a lone letter is otherwise a variable). */
const ONE_LETTER_UNITS = new Set(["m", "s", "h", "g", "l", "L", "K", "N", "J", "W", "V"]);

// A trailing word, with an optional power and a "/word" ("cm^2", "km/h", "m/s^2", "sq.").
const POWER = String.raw`(?:\s*\^\s*\{?\s*-?[123]\s*\}?|[²³])`;
const UNIT_TOKEN = new RegExp(String.raw`\s+([A-Za-z]+)\.?${POWER}?(?:\s*\/\s*[A-Za-z]+${POWER}?)?\s*$`);
// Units written against the number: "12cm", "5km/h". A fixed list: "2x" is a product.
const ATTACHED = new RegExp(String.raw`(?<=\d)(?:cm|mm|km|kg|mg|ml|mL|ft|sec|min|hrs?|mph|lbs?|oz)${POWER}?(?:\/[A-Za-z]+)?\s*$`);

/**
 * Removes the unit words that follow a numeric answer, as a class rather than a fixed list: any
 * trailing run of words (≥ 2 letters, not math like `sin` or `pi`) directly after a digit or a
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
    if (NOT_UNITS.has(word.toLowerCase())) break;
    if (word.length === 1 && !ONE_LETTER_UNITS.has(word) && !m[0].includes("/")) break;
    end = m.index;
    if (/[\d})\]%]$/.test(s.slice(0, end))) cut = end;
  }
  const out = cut >= 0 ? s.slice(0, cut) : s;
  return out.replace(ATTACHED, "");
}
