/**
 * Options of the seeded bootstraps.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";

/**
 * Options shared by every bootstrap in passk: resample the problems with replacement `resamples`
 * times using a {@link SeededRandom} started from `seed`, and report the two-sided percentile
 * interval at `level` (the (1 − level)/2 and (1 + level)/2 quantiles of the resampled statistic).
 *
 * @example
 * ```ts
 * import { bootstrapPassAtK } from "passk";
 * const tallies = [{ problemId: "a", n: 2, c: 2 }, { problemId: "b", n: 2, c: 2 }];
 * const r = bootstrapPassAtK(tallies, [1], { seed: 1, resamples: 200, level: 0.9 });
 * console.log(r.points[0]!.lower, r.points[0]!.upper); // => 1 1
 * ```
 */
export interface BootstrapOptions {
  /** Seed of the {@link SeededRandom} generator (non-negative safe integer). Required: same seed, same numbers. */
  readonly seed: number;
  /** Number of bootstrap resamples (integer ≥ 1; default 10,000). */
  readonly resamples?: number;
  /** Coverage of the two-sided percentile interval, strictly between 0 and 1 (default 0.95). */
  readonly level?: number;
}

/** Validated bootstrap options. @internal */
export interface ResolvedBootstrapOptions {
  readonly seed: number;
  readonly resamples: number;
  readonly level: number;
}

/** Checks {@link BootstrapOptions} and fills in defaults. @internal */
export function resolveBootstrapOptions(options: BootstrapOptions): ResolvedBootstrapOptions {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError(`options must be an object with a seed, got ${String(options)}`, {
      field: "options",
      value: options,
    });
  }
  const { seed, resamples = 10_000, level = 0.95 } = options;
  if (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0) {
    throw new InvalidArgumentError(`options.seed must be a non-negative safe integer, got ${String(seed)}`, {
      field: "options.seed",
      value: seed,
    });
  }
  if (typeof resamples !== "number" || !Number.isSafeInteger(resamples) || resamples < 1) {
    throw new InvalidArgumentError(`options.resamples must be a safe integer >= 1, got ${String(resamples)}`, {
      field: "options.resamples",
      value: resamples,
    });
  }
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new InvalidArgumentError(`options.level must be a number strictly between 0 and 1, got ${String(level)}`, {
      field: "options.level",
      value: level,
    });
  }
  return { seed, resamples, level };
}
