/**
 * Argument checks shared by the estimators. Internal: not exported from the package root.
 * @internal
 * @module
 */
import { InvalidArgumentError, KExceedsSamplesError } from "../errors/errors.js";

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  return String(value);
}

function where(problemId: string | undefined): string {
  return problemId === undefined ? "" : ` (problem ${JSON.stringify(problemId)})`;
}

/** Throws unless `value` is a non-negative safe integer. */
export function assertCount(value: unknown, field: string, problemId?: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(
      `${field} must be a non-negative safe integer, got ${describe(value)}${where(problemId)}`,
      { field, value, problemId },
    );
  }
}

/** Throws unless `value` is a safe integer ≥ 1. */
export function assertPositiveCount(value: unknown, field: string, problemId?: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(
      `${field} must be a safe integer >= 1, got ${describe(value)}${where(problemId)}`,
      { field, value, problemId },
    );
  }
}

/** Checks a sample tally: n ≥ 0 samples, 0 ≤ c ≤ n correct. Field names can be prefixed. */
export function assertTallyCounts(n: unknown, c: unknown, problemId?: string, prefix = ""): void {
  assertCount(n, `${prefix}n`, problemId);
  assertCount(c, `${prefix}c`, problemId);
  if (c > n) {
    throw new InvalidArgumentError(
      `${prefix}c must not exceed ${prefix}n, got c = ${c} > n = ${n}${where(problemId)}`,
      { field: `${prefix}c`, value: c, problemId },
    );
  }
}

/** Checks k against a tally: 1 ≤ k ≤ n. */
export function assertK(k: unknown, n: number, problemId?: string, field = "k"): asserts k is number {
  assertPositiveCount(k, field, problemId);
  if (k > n) {
    throw new KExceedsSamplesError(
      `${field} = ${k} exceeds the number of samples n = ${n}${where(problemId)}; ` +
        `the unbiased estimator needs k <= n (draw more samples or lower k)`,
      { field, value: k, problemId },
    );
  }
}

/** Full check of an (n, c, k) triple used by the single-problem estimators. */
export function assertNCK(n: unknown, c: unknown, k: unknown, problemId?: string): void {
  assertTallyCounts(n, c, problemId);
  assertK(k, n as number, problemId);
}
