/**
 * The y range of a figure of shares (pass@k, coverage), fitted to the values drawn.
 * @module
 */

/**
 * A y domain within [0, 1] that holds every value, rounded out to tenths. The floor is 0 unless
 * every value is at least 0.3: a curve that lives between 0.6 and 0.9 is then not squashed
 * into the top third of the plot, while low curves keep the honest zero baseline.
 *
 * @param values - the values drawn (estimates and interval ends); non-finite ones are ignored
 * @returns `[low, high]`, with high − low at least 0.1
 *
 * @example
 * ```ts
 * import { fittedShareDomain } from "passk/cli";
 * console.log(fittedShareDomain([0.62, 0.87])); // => [ 0.6, 0.9 ]
 * console.log(fittedShareDomain([0.12, 0.55])); // => [ 0, 0.6 ]
 * console.log(fittedShareDomain([])); // => [ 0, 1 ]
 * ```
 */
export function fittedShareDomain(values: readonly number[]): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [0, 1];
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  // Rounded to tenths through integers so 0.1 * 7 does not leave 0.7000000000000001 on the axis.
  let low = min >= 0.3 ? Math.floor(min * 10 + 1e-9) / 10 : 0;
  let high = Math.min(1, Math.ceil(max * 10 - 1e-9) / 10);
  if (high - low < 0.1) {
    if (high >= 1) low = Math.round((high - 0.1) * 10) / 10;
    else high = Math.round((low + 0.1) * 10) / 10;
  }
  return [Math.max(0, low), high];
}
