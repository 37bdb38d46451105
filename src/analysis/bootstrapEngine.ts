/**
 * The shared engine of the problem-level bootstraps: a per-problem statistic matrix computed once,
 * then resampled by index.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { passAtK } from "../estimators/passAtK.js";
import type { Tally } from "../estimators/tally.js";
import { quantileSorted } from "./percentile.js";
import { SeededRandom } from "./seededRandom.js";

const TWO_32 = 4294967296;

/** A point estimate with its analytic standard error and bootstrap percentile interval. */
export interface BootstrapEstimate {
  /** The statistic on the full dataset (the mean of the per-problem values). */
  readonly estimate: number;
  /**
   * Analytic standard error of that mean across problems: s / √P, with s the sample standard
   * deviation (denominator P − 1) of the per-problem values.
   */
  readonly standardError: number;
  /** Lower end of the percentile interval. */
  readonly lower: number;
  /** Upper end of the percentile interval. */
  readonly upper: number;
}

/** Refuses datasets the bootstrap cannot handle: fewer than 2 problems (no spread) or more than 2^21. */
export function assertResamplable(problems: number, what: string): void {
  if (problems < 2 || problems > 2097152) {
    throw new InvalidArgumentError(
      `${what} must hold from 2 to 2^21 problems for a bootstrap over problems, got ${problems}`,
      { field: what, value: problems },
    );
  }
}

/**
 * Row-major P × K matrix of per-problem pass@k at each k, computed once per distinct (n, c).
 * Callers have validated every k against every n.
 */
export function passAtKMatrix(tallies: readonly Tally[], ks: readonly number[]): Float64Array {
  const K = ks.length;
  const out = new Float64Array(tallies.length * K);
  const cache = new Map<string, Float64Array>();
  tallies.forEach((t, p) => {
    const key = `${t.n},${t.c}`;
    let row = cache.get(key);
    if (row === undefined) {
      row = Float64Array.from(ks, (k) => passAtK(t.n, t.c, k));
      cache.set(key, row);
    }
    out.set(row, p * K);
  });
  return out;
}

/**
 * Means of every column over `resamples` bootstrap resamples of the rows, as a row-major
 * resamples × K matrix. One resample draws P row indices uniformly with replacement from the seeded
 * generator and adds up whole rows, so the cost is resamples × P × K additions and the draws are the
 * same for every column (a paired resample when columns belong to different models).
 */
export function resampleMeans(matrix: Float64Array, problems: number, columns: number, resamples: number, seed: number): Float64Array {
  const rng = new SeededRandom(seed);
  const threshold = (TWO_32 - problems) % problems;
  const out = new Float64Array(resamples * columns);
  const acc = new Float64Array(columns);
  for (let r = 0; r < resamples; r++) {
    acc.fill(0);
    for (let i = 0; i < problems; i++) {
      const row = rng.index(problems, threshold) * columns;
      for (let j = 0; j < columns; j++) acc[j] = (acc[j] as number) + (matrix[row + j] as number);
    }
    const base = r * columns;
    for (let j = 0; j < columns; j++) out[base + j] = (acc[j] as number) / problems;
  }
  return out;
}

/** Mean and analytic standard error s/√P of column j. */
export function columnMeanAndStandardError(matrix: Float64Array, problems: number, columns: number, j: number): [number, number] {
  let sum = 0;
  for (let p = 0; p < problems; p++) sum += matrix[p * columns + j] as number;
  const mean = sum / problems;
  let ss = 0;
  for (let p = 0; p < problems; p++) {
    const d = (matrix[p * columns + j] as number) - mean;
    ss += d * d;
  }
  return [mean, Math.sqrt(ss / (problems - 1) / problems)];
}

/** Percentile interval of column j of the resampled means. */
export function percentileInterval(means: Float64Array, resamples: number, columns: number, j: number, level: number): [number, number] {
  const col = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) col[r] = means[r * columns + j] as number;
  col.sort();
  const tail = (1 - level) / 2;
  return [quantileSorted(col, tail), quantileSorted(col, 1 - tail)];
}

/** {@link BootstrapEstimate} of column j. */
export function estimateColumn(
  matrix: Float64Array,
  means: Float64Array,
  problems: number,
  columns: number,
  resamples: number,
  level: number,
  j: number,
): BootstrapEstimate {
  const [estimate, standardError] = columnMeanAndStandardError(matrix, problems, columns, j);
  const [lower, upper] = percentileInterval(means, resamples, columns, j, level);
  return { estimate, standardError, lower, upper };
}
