/**
 * Checking lists of budgets k.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { Tally } from "../estimators/tally.js";
import { assertK } from "../estimators/validate.js";

/**
 * Validates `ks` (a non-empty iterable of integers 1 ≤ k ≤ smallest n) against `smallest`, the tally
 * with the fewest samples, naming a bad entry by index. With `ascending`, also requires strictly
 * increasing values.
 */
export function resolveKs(ks: Iterable<number>, smallest: Tally, ascending = false, field = "ks"): number[] {
  if (ks === null || typeof ks !== "object" || typeof (ks as Iterable<number>)[Symbol.iterator] !== "function") {
    throw new InvalidArgumentError(`${field} must be an iterable of integers, got ${String(ks)}`, { field, value: ks });
  }
  const list = [...ks];
  if (list.length === 0) throw new InvalidArgumentError(`${field} must contain at least one k`, { field, value: list });
  list.forEach((k, i) => {
    assertK(k, smallest.n, smallest.problemId, `${field}[${i}]`);
    if (ascending && i > 0 && k <= (list[i - 1] as number)) {
      throw new InvalidArgumentError(`${field} must be strictly increasing, got ${field}[${i}] = ${k} after ${list[i - 1]}`, {
        field: `${field}[${i}]`,
        value: k,
      });
    }
  });
  return list;
}
