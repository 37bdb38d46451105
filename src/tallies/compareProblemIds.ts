/**
 * The canonical order of problem ids in tallies and serialized accumulators.
 * @module
 */

const CANONICAL_INTEGER = /^(?:0|[1-9][0-9]*)$/;

/**
 * Total order on problem ids: ids that are canonical non-negative integers ("0", "17", "499") come
 * first in numeric order, every other id follows in UTF-16 code-unit order. Numeric ids are compared
 * by length, then digit by digit, so ids beyond 2^53 still order exactly.
 *
 * Used so that tallies, answer lists and JSON come out in the same order however the samples
 * arrived or the shards were merged.
 *
 * @param a - a problem id
 * @param b - another problem id
 * @returns negative, zero or positive, like `Array.prototype.sort` expects
 *
 * @example
 * ```ts
 * import { compareProblemIds } from "passk";
 * console.log(["10", "b", "9", "a", "100"].sort(compareProblemIds)); // => [ '9', '10', '100', 'a', 'b' ]
 * ```
 */
export function compareProblemIds(a: string, b: string): number {
  const an = CANONICAL_INTEGER.test(a);
  const bn = CANONICAL_INTEGER.test(b);
  if (an && bn) {
    if (a.length !== b.length) return a.length - b.length;
  } else if (an !== bn) {
    return an ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * UTF-16 code-unit order (the default `sort()` order), as a comparator.
 * @internal
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
