/**
 * Compact sets of sample indices, for duplicate detection that survives merges.
 *
 * A set is stored as sorted, disjoint, non-adjacent half-open runs flattened into one array
 * `[start0, end0, start1, end1, ...]`. Harnesses number samples 0..n−1, so a problem's indices
 * usually collapse to a single run: memory is O(number of gaps), not O(samples).
 *
 * @internal
 * @module
 */

/** Flattened half-open runs `[s0, e0, s1, e1, ...]`, sorted, with `e_i < s_{i+1}`. @internal */
export type IndexRuns = number[];

/** Index of the last run whose start is ≤ i, or −1. */
function lastRunStartingAtOrBefore(runs: IndexRuns, i: number): number {
  let lo = 0;
  let hi = runs.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((runs[2 * mid] as number) <= i) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** True when `i` is in the set. @internal */
export function runsHas(runs: IndexRuns, i: number): boolean {
  const r = lastRunStartingAtOrBefore(runs, i);
  return r >= 0 && i < (runs[2 * r + 1] as number);
}

/**
 * Adds `i` to the set in place. Returns false (and leaves the set unchanged) when `i` is already
 * in it. Appending the next index after the last run, the common case, is O(1).
 * @internal
 */
export function runsAdd(runs: IndexRuns, i: number): boolean {
  const len = runs.length;
  if (len === 0) {
    runs.push(i, i + 1);
    return true;
  }
  const lastEnd = runs[len - 1] as number;
  if (i === lastEnd) {
    runs[len - 1] = i + 1;
    return true;
  }
  if (i > lastEnd) {
    runs.push(i, i + 1);
    return true;
  }
  const r = lastRunStartingAtOrBefore(runs, i);
  if (r >= 0 && i < (runs[2 * r + 1] as number)) return false;
  const next = r + 1;
  const touchesPrev = r >= 0 && runs[2 * r + 1] === i;
  const touchesNext = 2 * next < len && runs[2 * next] === i + 1;
  if (touchesPrev && touchesNext) {
    runs[2 * r + 1] = runs[2 * next + 1] as number;
    runs.splice(2 * next, 2);
  } else if (touchesPrev) {
    runs[2 * r + 1] = i + 1;
  } else if (touchesNext) {
    runs[2 * next] = i;
  } else {
    runs.splice(2 * next, 0, i, i + 1);
  }
  return true;
}

/**
 * Union of two disjoint sets. Returns the merged runs, or `{ duplicate }` with the smallest index
 * present in both when they intersect (neither input is modified).
 * @internal
 */
export function runsUnion(a: IndexRuns, b: IndexRuns): IndexRuns | { duplicate: number } {
  const out: IndexRuns = [];
  let ia = 0;
  let ib = 0;
  while (ia < a.length || ib < b.length) {
    let s: number;
    let e: number;
    if (ib >= b.length || (ia < a.length && (a[ia] as number) <= (b[ib] as number))) {
      s = a[ia] as number;
      e = a[ia + 1] as number;
      ia += 2;
    } else {
      s = b[ib] as number;
      e = b[ib + 1] as number;
      ib += 2;
    }
    const o = out.length;
    if (o === 0 || s > (out[o - 1] as number)) {
      out.push(s, e);
    } else if (s === out[o - 1]) {
      out[o - 1] = e;
    } else {
      // Runs within one set never overlap, so an overlap is an index present in both sets.
      return { duplicate: s };
    }
  }
  return out;
}

/** Number of indices in the set. @internal */
export function runsSize(runs: IndexRuns): number {
  let size = 0;
  for (let i = 0; i < runs.length; i += 2) size += (runs[i + 1] as number) - (runs[i] as number);
  return size;
}
