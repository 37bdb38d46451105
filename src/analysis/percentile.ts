/**
 * Percentiles of a sorted sample.
 * @internal
 * @module
 */
/**
 * The q-quantile of an ascending sample by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of numpy.percentile and R's quantile): h = (R − 1)·q,
 * x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). Written out here so the result does not depend on a
 * library's choice of method.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo + 1 >= sorted.length) return a;
  const b = sorted[lo + 1] as number;
  return a === b ? a : a + (h - lo) * (b - a);
}
