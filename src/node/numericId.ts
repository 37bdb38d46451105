/**
 * Problem ids written as JSON numbers. Internal.
 * @internal
 * @module
 */

/**
 * Why a number cannot be a problem id: past 2^53 − 1, JSON.parse rounds to the nearest double, so
 * 9007199254740993 and 9007199254740992 both arrive as 9007199254740992 and two problems would be
 * tallied as one.
 * @internal
 */
export const UNSAFE_NUMERIC_ID =
  "is a number beyond ±(2^53 − 1) = 9007199254740991, which loses digits when JSON is read (two ids could become one): write such ids as strings";

/**
 * The text of a problem id written as a number (`12` → `"12"`), or `undefined` when the number is
 * not finite or beyond ±(2^53 − 1) ({@link UNSAFE_NUMERIC_ID}).
 * @internal
 */
export function numericIdText(x: number): string | undefined {
  return Number.isFinite(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER ? String(x) : undefined;
}
