/**
 * The distribution of per-problem accuracy c/n.
 * @module
 */
import { max, mean, median, min, standardDeviation } from "simple-statistics";
import { InvalidArgumentError } from "../errors/errors.js";
import { collectTallies, type Tally } from "../estimators/tally.js";

/** Options of {@link accuracyHistogram}. */
export interface AccuracyHistogramOptions {
  /**
   * Bin edges, strictly increasing from exactly 0 to exactly 1 (default 0, 0.1, …, 0.9, 1 with each
   * edge computed as i/10). Bins are [e_i, e_{i+1}), the last one closed at 1.
   */
  readonly edges?: readonly number[];
  /**
   * Give accuracy exactly 0 (never solved) and exactly 1 (always solved) bins of their own, so the
   * first regular bin becomes (0, e_1) and the last [e_{m−1}, 1) (default true).
   */
  readonly separateExtremes?: boolean;
}

/** One bin of an {@link AccuracyHistogram}. */
export interface AccuracyBin {
  /** Interval notation, e.g. `"0"`, `"(0, 0.1)"`, `"[0.1, 0.2)"`, `"[0.9, 1]"` or `"1"`. */
  readonly label: string;
  /** Lower end of the bin. */
  readonly lower: number;
  /** Upper end of the bin. */
  readonly upper: number;
  /** Whether accuracy equal to `lower` falls in the bin. */
  readonly includesLower: boolean;
  /** Whether accuracy equal to `upper` falls in the bin. */
  readonly includesUpper: boolean;
  /** Number of problems in the bin. */
  readonly count: number;
  /** count / problems. */
  readonly share: number;
  /** Ids of the problems in the bin, in input order. */
  readonly problemIds: readonly string[];
}

/** Result of {@link accuracyHistogram}. */
export interface AccuracyHistogram {
  /** Number of problems. */
  readonly problems: number;
  /** The bins in ascending order; their counts add up to `problems`. */
  readonly bins: readonly AccuracyBin[];
  /** Summary of the per-problem accuracies (simple-statistics); `standardDeviation` is the population one. */
  readonly summary: {
    /** Mean per-problem accuracy c/n. */
    readonly mean: number;
    /** Median per-problem accuracy. */
    readonly median: number;
    /** Population standard deviation of the per-problem accuracies. */
    readonly standardDeviation: number;
    /** Smallest per-problem accuracy. */
    readonly min: number;
    /** Largest per-problem accuracy. */
    readonly max: number;
  };
}

const DEFAULT_EDGES: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 10);

function checkEdges(edges: readonly number[]): void {
  if (!Array.isArray(edges) || edges.length < 2 || edges[0] !== 0 || edges[edges.length - 1] !== 1) {
    throw new InvalidArgumentError(`options.edges must be an array from exactly 0 to exactly 1, got ${JSON.stringify(edges)}`, {
      field: "options.edges",
      value: edges,
    });
  }
  edges.forEach((e, i) => {
    if (typeof e !== "number" || !Number.isFinite(e) || (i > 0 && e <= (edges[i - 1] as number))) {
      throw new InvalidArgumentError(`options.edges must be strictly increasing finite numbers, got edges[${i}] = ${String(e)}`, {
        field: `options.edges[${i}]`,
        value: e,
      });
    }
  });
}

/**
 * Histogram of per-problem accuracy a_p = c_p / n_p over configurable bins, as counts and shares,
 * with summary statistics (mean, median, population standard deviation, min, max). The default bins
 * separate problems never solved (a = 0) and always solved (a = 1) from ten bins of width 0.1 in
 * between: the shape that shows RL training sharpening the distribution toward 0 and 1 (Yue et al. 2025).
 * Accuracy is compared with the edges as the float64 value c/n.
 *
 * @param tallies - one {@link Tally} per problem, each with n ≥ 1
 * @param options - {@link AccuracyHistogramOptions}
 * @throws {@link InvalidArgumentError} for bad edges or a tally with n = 0 (accuracy undefined; the
 *   problem id is named); the tally errors of {@link meanPassAtK}
 *
 * @example
 * ```ts
 * import { accuracyHistogram } from "passk";
 * const h = accuracyHistogram(
 *   [
 *     { problemId: "a", n: 4, c: 0 },
 *     { problemId: "b", n: 4, c: 1 },
 *     { problemId: "c", n: 4, c: 2 },
 *     { problemId: "d", n: 4, c: 4 },
 *   ],
 *   { edges: [0, 0.5, 1] },
 * );
 * console.log(h.bins.map((b) => `${b.label}:${b.count}`).join(" ")); // => 0:1 (0, 0.5):1 [0.5, 1):1 1:1
 * console.log(h.summary.mean, h.summary.median); // => 0.4375 0.375
 * ```
 */
export function accuracyHistogram(tallies: Iterable<Tally>, options?: AccuracyHistogramOptions): AccuracyHistogram {
  const edges = options?.edges ?? DEFAULT_EDGES;
  checkEdges(edges);
  const separate = options?.separateExtremes ?? true;
  const list = collectTallies(tallies);
  const accuracies = list.map((t, i) => {
    if (t.n === 0) {
      throw new InvalidArgumentError(`tallies[${i}].n must be >= 1 for an accuracy c/n, got 0 (problem ${JSON.stringify(t.problemId)})`, {
        field: `tallies[${i}].n`,
        value: 0,
        problemId: t.problemId,
      });
    }
    return t.c / t.n;
  });

  interface Draft { lower: number; upper: number; includesLower: boolean; includesUpper: boolean; ids: string[] }
  const drafts: Draft[] = [];
  const m = edges.length - 1;
  if (separate) drafts.push({ lower: 0, upper: 0, includesLower: true, includesUpper: true, ids: [] });
  for (let i = 0; i < m; i++) {
    drafts.push({
      lower: edges[i] as number,
      upper: edges[i + 1] as number,
      includesLower: !(separate && i === 0),
      includesUpper: !separate && i === m - 1,
      ids: [],
    });
  }
  if (separate) drafts.push({ lower: 1, upper: 1, includesLower: true, includesUpper: true, ids: [] });

  accuracies.forEach((a, p) => {
    const id = (list[p] as Tally).problemId;
    let bin: Draft | undefined;
    if (separate && a === 0) bin = drafts[0];
    else if (separate && a === 1) bin = drafts[drafts.length - 1];
    else {
      // The regular bin whose [lower, upper) holds a (the last regular bin also holds a = 1).
      const offset = separate ? 1 : 0;
      let i = 0;
      while (i < m - 1 && a >= (edges[i + 1] as number)) i++;
      bin = drafts[offset + i];
    }
    (bin as Draft).ids.push(id);
  });

  const P = list.length;
  const bins = drafts.map((d) => ({
    label:
      d.lower === d.upper
        ? String(d.lower)
        : `${d.includesLower ? "[" : "("}${d.lower}, ${d.upper}${d.includesUpper ? "]" : ")"}`,
    lower: d.lower,
    upper: d.upper,
    includesLower: d.includesLower,
    includesUpper: d.includesUpper,
    count: d.ids.length,
    share: d.ids.length / P,
    problemIds: d.ids,
  }));
  return {
    problems: P,
    bins,
    summary: {
      mean: mean(accuracies),
      median: median(accuracies),
      standardDeviation: standardDeviation(accuracies),
      min: min(accuracies),
      max: max(accuracies),
    },
  };
}
