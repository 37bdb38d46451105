/**
 * Summary quantiles of two sets of perplexities and where one set falls in the other, for the
 * study's "how likely does the base model find the RL model's answers" figure.
 * @module
 */
import { quantileSorted } from "simple-statistics";
import { EmptyDatasetError, InvalidArgumentError } from "../errors/errors.js";

/**
 * Default quantile levels of {@link summarizePerplexities}: 5%, 25%, 50%, 75%, 95%.
 *
 * @example
 * ```ts
 * import { DEFAULT_QUANTILES } from "passk";
 * console.log(DEFAULT_QUANTILES); // => [ 0.05, 0.25, 0.5, 0.75, 0.95 ]
 * ```
 */
export const DEFAULT_QUANTILES: readonly number[] = Object.freeze([0.05, 0.25, 0.5, 0.75, 0.95]);

/**
 * Summary of one set of values (typically per-sequence perplexities).
 *
 * @example
 * ```ts
 * import { summarizePerplexities } from "passk";
 * console.log(summarizePerplexities([1, 2, 3, 4, 5], [0.5])); // => { n: 5, mean: 3, min: 1, max: 5, quantiles: [ { p: 0.5, value: 3 } ] }
 * ```
 */
export interface DistributionSummary {
  /** Number of values. */
  readonly n: number;
  /** Arithmetic mean. */
  readonly mean: number;
  /** Smallest value. */
  readonly min: number;
  /** Largest value. */
  readonly max: number;
  /** Quantile at each requested level p (linear interpolation, R type 7 / numpy default). */
  readonly quantiles: readonly {
    /** Quantile level in [0, 1] (e.g. 0.5 for the median). */
    readonly p: number;
    /** Value of the quantile at level `p`. */
    readonly value: number;
  }[];
}

function sortedFinite(values: ArrayLike<number>, field: string): number[] {
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new InvalidArgumentError(`${field} must be an array of numbers, got ${String(values)}`, { field, value: values });
  }
  if (values.length === 0) throw new EmptyDatasetError(`${field} is empty: quantiles of zero values are undefined`, { field });
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InvalidArgumentError(`${field}[${i}] must be a finite number, got ${String(v)}`, { field: `${field}[${i}]`, value: v });
    }
    out[i] = v;
  }
  return out.sort((x, y) => x - y);
}

function checkLevel(p: unknown, field: string): number {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
    throw new InvalidArgumentError(`${field} must be a quantile level in [0, 1], got ${String(p)}`, { field, value: p });
  }
  return p;
}

/**
 * Mean, range and quantiles of a set of perplexities (or any finite values). Quantiles use
 * simple-statistics' `quantileSorted`: linear interpolation between order statistics at index
 * (n − 1)·p (R type 7, numpy's default).
 *
 * @param values - per-sequence perplexities, e.g. `corpusPerplexity(...).perplexities`
 * @param probabilities - quantile levels in [0, 1] (default {@link DEFAULT_QUANTILES})
 * @throws {@link EmptyDatasetError} for no values; {@link InvalidArgumentError} for a non-finite
 *   value (named by index) or a level outside [0, 1]
 *
 * @example
 * ```ts
 * import { summarizePerplexities } from "passk";
 * // index (4 − 1)·0.5 = 1.5 → halfway between 2 and 4
 * console.log(summarizePerplexities([8, 2, 4, 1], [0.5]).quantiles[0]!.value); // => 3
 * ```
 */
export function summarizePerplexities(
  values: ArrayLike<number>,
  probabilities: readonly number[] = DEFAULT_QUANTILES,
): DistributionSummary {
  return summarize(values, probabilities, "values");
}

function summarize(values: ArrayLike<number>, probabilities: readonly number[], field: string): DistributionSummary {
  const sorted = sortedFinite(values, field);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    mean: sum / sorted.length,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    quantiles: probabilities.map((p, i) => ({ p, value: quantileSorted(sorted, checkLevel(p, `probabilities[${i}]`)) })),
  };
}

/**
 * The share of set `a` strictly below the q-quantile of set `b`: |{a_i < Q_b(q)}| / |a|. With
 * a = the RL model's responses scored by the base model and b = the base model's own samples,
 * `shareBelowQuantile(a, b, 0.5)` is the fraction of RL responses the base model finds more
 * likely than its own median sample. Ties with the threshold count as not below.
 *
 * @param a - the set located
 * @param b - the reference set whose quantile is the threshold
 * @param q - quantile level in [0, 1] (type 7 interpolation)
 * @throws {@link EmptyDatasetError} for an empty set; {@link InvalidArgumentError} for a non-finite value or bad q
 *
 * @example
 * ```ts
 * import { shareBelowQuantile } from "passk";
 * // median of b = 3; values of a below 3: 1 and 2
 * console.log(shareBelowQuantile([1, 2, 3, 10], [1, 2, 3, 4, 5], 0.5)); // => 0.5
 * ```
 */
export function shareBelowQuantile(a: ArrayLike<number>, b: ArrayLike<number>, q: number): number {
  const sa = sortedFinite(a, "a");
  const threshold = quantileSorted(sortedFinite(b, "b"), checkLevel(q, "q"));
  let below = 0;
  while (below < sa.length && (sa[below] as number) < threshold) below++;
  return below / sa.length;
}

/**
 * Result of {@link comparePerplexities}.
 *
 * @example
 * ```ts
 * import { comparePerplexities } from "passk";
 * const r = comparePerplexities([1, 2], [3, 4], { probabilities: [0.5], q: 0 });
 * console.log(r.threshold, r.shareOfABelow); // => 3 1
 * ```
 */
export interface PerplexityComparison {
  /** Summary of set a. */
  readonly a: DistributionSummary;
  /** Summary of set b. */
  readonly b: DistributionSummary;
  /** The quantile level of b used as threshold. */
  readonly q: number;
  /** Q_b(q). */
  readonly threshold: number;
  /** Share of a strictly below the threshold. */
  readonly shareOfABelow: number;
}

/**
 * Side-by-side summaries of two perplexity sets and the share of `a` below the q-quantile of `b`
 * (see {@link summarizePerplexities}, {@link shareBelowQuantile}). Both sets should come from the
 * same scoring engine and settings; perplexities from different engines are not comparable.
 *
 * @param a - e.g. per-response perplexities of the RL model's answers under the base model
 * @param b - e.g. per-response perplexities of the base model's own answers
 * @param options - `probabilities` (default {@link DEFAULT_QUANTILES}) and `q` (default 0.5)
 *
 * @example
 * ```ts
 * import { comparePerplexities } from "passk";
 * const r = comparePerplexities([1.5, 2, 2.5, 9], [2, 4, 6], { probabilities: [0.5] });
 * console.log(r.a.quantiles[0]!.value, r.b.quantiles[0]!.value, r.shareOfABelow); // => 2.25 4 0.75
 * ```
 */
export function comparePerplexities(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: { readonly probabilities?: readonly number[]; readonly q?: number } = {},
): PerplexityComparison {
  const q = checkLevel(options.q ?? 0.5, "q");
  const probabilities = options.probabilities ?? DEFAULT_QUANTILES;
  const sb = summarize(b, probabilities, "b");
  const threshold = quantileSorted(sortedFinite(b, "b"), q);
  return {
    a: summarize(a, probabilities, "a"),
    b: sb,
    q,
    threshold,
    shareOfABelow: shareBelowQuantile(a, b, q),
  };
}
