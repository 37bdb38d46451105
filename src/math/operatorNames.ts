/**
 * Operator names written as `\operatorname{…}` or `\mathrm{…}`. Internal.
 *
 * Models write `\operatorname{lcm}(4,6)`, `\operatorname{arcsin}(1)` or `\mathrm{tg}\,x` where a
 * textbook writes `\lcm`, `\arcsin`, `\tan`. Stripping the wrapper and reading the name letter by
 * letter (l·c·m·(4, 6)) turns a right answer into a wrong one, and compute-engine reads an
 * `\operatorname` it does not know as a bare symbol (`\operatorname{arcsin}(1)` as `arcsin`, its
 * argument lost), which could make two different answers equal. So known names become the command
 * passk's parser or the CAS reads as that function, and unknown multi-letter names stay
 * `\operatorname{…}`, which the parser reports as unsupported and the CAS refuses: an unknown
 * function leaves the answer unparsed rather than misread.
 * @internal
 * @module
 */

/**
 * Names, as written inside the wrapper, and the LaTeX command they mean. Regional spellings (tg,
 * ctg, cosec, arctg) map to the standard command. Whether a command is evaluated depends on the
 * reader: the trigonometric and logarithmic ones by passk's own parser, `\gcd`, `\lcm`, `\sgn`,
 * `\max`, `\min`, `\lg`, `\Re`, `\Im`, `\arcsec`, `\arccsc` by the CAS; `\arccot` by neither
 * (its value at negative arguments depends on the textbook's convention): an unparsed answer,
 * never a guessed one.
 */
const OPERATOR_COMMANDS: ReadonlyMap<string, string> = new Map([
  ...["sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "arccot", "arcsec", "arccsc"].map((n) => [n, n] as const),
  ...["sinh", "cosh", "tanh", "ln", "log", "lg", "exp", "gcd", "lcm", "sgn", "max", "min", "Re", "Im"].map((n) => [n, n] as const),
  ["tg", "tan"],
  ["ctg", "cot"],
  ["cotg", "cot"],
  ["cosec", "csc"],
  ["arctg", "arctan"],
  ["arcctg", "arccot"],
  ["sign", "sgn"],
  ["signum", "sgn"],
]);

/**
 * Names `\mathrm{…}` may also carry as a unit or a word (`5\,\mathrm{min}`, `\mathrm{Re}` as a
 * Reynolds number): respelled only after `\operatorname`, never after `\mathrm`.
 */
const OPERATORNAME_ONLY = new Set(["max", "min", "Re", "Im", "lg", "sign", "signum", "sgn"]);

const WRAPPED_NAME = /\\(operatorname\*?|mathrm)\s*\{\s*([A-Za-z]{2,})\s*\}/g;

/**
 * Replaces `\operatorname{name}` (and `\operatorname*{name}`) by `\name` for the known function
 * names of {@link OPERATOR_COMMANDS}, and `\mathrm{name}` likewise unless the name is also a unit
 * or a word ({@link OPERATORNAME_ONLY}). Every other wrapper is left as written. A space follows the
 * command so that `\operatorname{sin}x` becomes `\sin x`, not the unknown command `\sinx`.
 */
export function respellOperatorNames(s: string): string {
  if (!s.includes("\\operatorname") && !s.includes("\\mathrm")) return s;
  return s.replace(WRAPPED_NAME, (whole, wrapper: string, name: string) => {
    const command = OPERATOR_COMMANDS.get(name);
    if (command === undefined || (wrapper === "mathrm" && OPERATORNAME_ONLY.has(name))) return whole;
    return `\\${command} `;
  });
}

/**
 * True if `latex` still holds an `\operatorname{…}` around a multi-letter name after
 * {@link respellOperatorNames}: a function passk knows nothing about.
 */
export function hasUnknownOperatorName(latex: string): boolean {
  return /\\operatorname\*?\s*\{\s*[A-Za-z]{2,}\s*\}/.test(latex);
}
