/**
 * CodeContests' own output comparison (deepmind/code_contests, `execution/tester_sandboxer.cc`,
 * `OutputsMatch`), reimplemented.
 * @module
 */

// absl::SimpleAtod accepts, after stripping ASCII whitespace: one optional "+" or "-", then
// "inf", "infinity", "nan" or "nan(chars)", or a decimal mantissa (digits with an optional point,
// at least one digit) with an optional exponent. Hexadecimal is not accepted (from_chars'
// general format). The tokens are lower-cased before they get here.
const ATOD = /^[+-]?(?:(inf|infinity)|(nan(?:\([a-z0-9_]*\))?)|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?)$/u;

/** The double absl::SimpleAtod reads from a (lower-cased) token, or undefined when it reads none. */
function atod(token: string): number | undefined {
  const t = token.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/gu, "");
  const m = ATOD.exec(t);
  if (m === null) return undefined;
  if (m[2] !== undefined) return Number.NaN;
  if (m[1] !== undefined) return t.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  // Correctly rounded, as from_chars; out of range becomes ±Infinity or 0, as SimpleAtod makes it.
  return Number(t);
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

function tokens(s: string): string[] {
  return s
    .split(/[ \n\t\r\v]+/u)
    .filter((t) => t !== "")
    .map(asciiLower);
}

/**
 * Whether `actual` matches `expected` by CodeContests' rule (`OutputsMatch` in
 * deepmind/code_contests' `execution/tester_sandboxer.cc`):
 *
 * 1. both are split on spaces, newlines, tabs, carriage returns and vertical tabs (empty tokens
 *    dropped) and lower-cased (ASCII letters only);
 * 2. equal token lists match; lists of different lengths do not;
 * 3. otherwise every pair of tokens must match: when both read as numbers (absl `SimpleAtod`:
 *    decimal or exponent notation, `inf`, `nan`), when `|a − b| < 1e-5`, else when the tokens are
 *    equal strings.
 *
 * Consequences kept on purpose, as the original has them: integers are compared as doubles
 * (`1000000000000000001` matches `1000000000000000000`), the tolerance is absolute, and `nan` or
 * `inf` tokens match only in step 2 (in step 3 `nan − nan` is not below 1e-5).
 *
 * @example
 * ```ts
 * import { codeContestsOutputsMatch } from "passk/node";
 * console.log(codeContestsOutputsMatch("YES\n3 4\n", "yes 3 4")); // => true
 * console.log(codeContestsOutputsMatch("0.333333", "0.3333333333")); // => true
 * console.log(codeContestsOutputsMatch("0.3333", "0.3333333333")); // => false
 * console.log(codeContestsOutputsMatch("1000000000000000001", "1000000000000000000")); // => true
 * ```
 */
export function codeContestsOutputsMatch(actual: string, expected: string): boolean {
  const a = tokens(actual);
  const e = tokens(expected);
  if (a.length !== e.length) return false;
  if (a.every((t, i) => t === e[i])) return true;
  return a.every((t, i) => {
    const u = e[i] as string;
    const x = atod(t);
    const y = atod(u);
    if (x === undefined || y === undefined) return t === u;
    return Math.abs(x - y) < 1e-5;
  });
}
