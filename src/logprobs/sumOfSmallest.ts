/**
 * The sum of the `count` smallest values of an array, by selection instead of a full sort.
 * Internal.
 * @internal
 * @module
 */

/**
 * Σ of the `count` smallest entries of `a` (1 ≤ count ≤ a.length), summed with Neumaier
 * compensation. Reorders `a` in place: afterwards `a[0..count)` holds those entries, in no
 * particular order. Expected O(n) (quickselect, median-of-three Hoare partitions); a range that
 * keeps partitioning badly is finished by a sort, so the worst case is O(n log n). The entries
 * must not be NaN. @internal
 */
export function sumOfSmallest(a: Float64Array, count: number): number {
  if (count < a.length) selectSmallest(a, count);
  return compensatedSum(a, count);
}

/** Moves the `count` smallest entries of `a` to its front. */
function selectSmallest(a: Float64Array, count: number): void {
  const k = count - 1; // the k-th smallest (0-based) must end up with only smaller-or-equal entries before it
  let lo = 0;
  let hi = a.length - 1;
  // Each good round shrinks the range by a constant factor; more rounds than this means the
  // pivots are being defeated (crafted or highly structured input).
  let rounds = 2 * Math.ceil(Math.log2(a.length + 1)) + 8;
  while (lo < hi) {
    if (rounds-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const pivot = medianOfThree(a[lo] as number, a[lo + ((hi - lo) >> 1)] as number, a[hi] as number);
    // Hoare partition around a value present in the range: the scans stop at it, so they never
    // run past the ends, and the split j satisfies lo <= j < hi.
    let i = lo - 1;
    let j = hi + 1;
    for (;;) {
      do i++;
      while ((a[i] as number) < pivot);
      do j--;
      while ((a[j] as number) > pivot);
      if (i >= j) break;
      const t = a[i] as number;
      a[i] = a[j] as number;
      a[j] = t;
    }
    // a[lo..j] <= pivot <= a[j+1..hi]
    if (k <= j) hi = j;
    else lo = j + 1;
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}

/** Neumaier's compensated sum of a[0..count). */
function compensatedSum(a: Float64Array, count: number): number {
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < count; i++) {
    const x = a[i] as number;
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + comp;
}
