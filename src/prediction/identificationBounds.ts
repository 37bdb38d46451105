/**
 * Partial-identification bounds on pass@K beyond the samples drawn: the smallest and largest pass@K
 * over every distribution of per-problem success probability whose expected counts agree with the
 * observed ones, a linear program over a grid (no shape assumed).
 * @module
 */
import { InvalidArgumentError, PasskError } from "../errors/errors.js";
import { passAtK } from "../estimators/passAtK.js";
import { type Tally } from "../estimators/tally.js";
import { assertPositiveCount } from "../estimators/validate.js";
import { fittableGroups } from "./betaBinomialFit.js";
import { maximizeLinearProgram, type LinearProgram } from "./linearProgram.js";
import { assertSupport } from "./mixingDistributionFit.js";
import { upperNormalQuantile } from "./normalQuantile.js";

/** Options of {@link passAtKIdentificationBounds}. */
export interface IdentificationBoundsOptions {
  /** Confidence level of the reported interval, strictly between 0 and 1 (default 0.95). */
  readonly level?: number;
  /**
   * Grid of success probabilities the distributions may put mass on (strictly increasing within
   * [0, 1]). Default: 0, 1 and 160 points evenly spaced in logit p from −12 to 12.
   */
  readonly support?: readonly number[];
}

/** The result of {@link passAtKIdentificationBounds}; pass@K values are fractions in [0, 1]. */
export interface PassAtKIdentificationBounds {
  /** The budget K predicted. */
  readonly K: number;
  /** Samples per problem (one n shared by every problem). */
  readonly n: number;
  /** Number of problems. */
  readonly problems: number;
  /** Problems with none of their n samples correct, whose fate beyond n the bounds are about. */
  readonly unsolved: number;
  /** The interval's confidence level. */
  readonly level: number;
  /**
   * Smallest expected pass@K of these problems (their measured samples kept, the unsolved ones
   * solved by the K − n further samples with the probability a distribution gives) over the
   * distributions whose expected counts lie in the counts' confidence band.
   */
  readonly identifiedLower: number;
  /** Largest expected pass@K over the same distributions. */
  readonly identifiedUpper: number;
  /** Midpoint of the identified range: the value whose worst error over it is smallest. */
  readonly estimate: number;
  /**
   * Lower end of the interval for the pass@K measured after drawing the remaining samples: the
   * identified range widened by the binomial spread of how many unsolved problems get solved,
   * within the logical bounds (none or all of them).
   */
  readonly lower: number;
  /** Upper end of that interval. */
  readonly upper: number;
}

/** The default grid: 0, 1 and 160 logit-spaced points in between. @internal */
function defaultGrid(): number[] {
  const out = [0];
  const m = 160;
  for (let i = 0; i < m; i++) out.push(1 / (1 + Math.exp(-(-12 + (24 * i) / (m - 1)))));
  out.push(1);
  return out;
}

/** Binomial(n, p) probabilities of c = 0..n (exact at p = 0 and p = 1). */
function binomialProbabilities(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  if (p === 0) out[0] = 1;
  else if (p === 1) out[n] = 1;
  else {
    let logC = 0;
    for (let c = 0; c <= n; c++) {
      if (c > 0) logC += Math.log((n - c + 1) / c);
      out[c] = Math.exp(logC + c * Math.log(p) + (n - c) * Math.log1p(-p));
    }
  }
  return out;
}

/**
 * The band of the expected count of a cell observed `count` times: count ± z·√(count + 1) (the
 * count's Poisson-type spread, with 1 added so that an empty cell still allows z expected problems).
 */
function countBand(count: number, z: number): [number, number] {
  const half = z * Math.sqrt(count + 1);
  return [count - half, count + half];
}

function levelOption(value: number | undefined): number {
  const level = value ?? 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new InvalidArgumentError(`options.level must be a number strictly between 0 and 1, got ${String(level)}`, {
      field: "options.level",
      value: level,
    });
  }
  return level;
}

/**
 * Bounds on pass@K for K beyond the n samples drawn per problem that assume no shape for the
 * distribution G of per-problem success probability p: the partial-identification approach issue 16
 * of passk suggested, in the spirit of Valiant & Valiant's linear program for unseen elements
 * ("Estimating the unseen", 2011/2017).
 *
 * Among the n + 1 counts Φ_c (problems with c of n correct), each is Binomial(problems, π_c) with
 * π_c = E_G[C(n, c)p^c(1 − p)^(n−c)], with variance at most its mean. A band on all of them at once is
 * Φ_c ± z·√(Φ_c + 1) with z the normal quantile at 1 − (1 − level)/(4(n + 1)) (Bonferroni over the
 * n + 1 counts: half the error budget on them; the Wilson score interval, tried instead, is wider
 * above for small counts and let the largest pass@K reach 100% on the MATH500 data). Over
 * every G on the grid whose expected counts lie in the band, the linear program (Charnes–Cooper
 * transform of the ratio) finds the smallest and largest probability
 *
 *     r = E_G[(1 − p)^n (1 − (1 − p)^(K−n))] / E_G[(1 − p)^n]
 *
 * that a problem with none of n samples correct is solved by K − n more; the identified range of
 * the expected pass@K of these problems is (problems − Φ_0 + Φ_0·r)/problems at both ends. The
 * interval widens each end by the normal quantile at the other half of the error budget times the
 * binomial spread √(Φ_0·r(1 − r)) of how many unsolved problems the further samples solve (an upper
 * bound of the spread when problems differ), within the logical bounds.
 *
 * With n samples only E[p], …, E[pⁿ] are identified and pass@K for K ≫ n depends on G near p ≈ 1/K,
 * so the range is wide: on the MATH500 counts of docs/predicting-pass-at-k.md about 10 points from
 * n = 16 to pass@128, where the shape-based {@link predictPassAtKBeyond} gives 4–6 points. It covers
 * where the shapes do not (mass between 1/K and 1/n, see that page). For K ≤ n no extrapolation is
 * needed: every value is the unbiased estimator's mean.
 *
 * @param tallies - one {@link Tally} per problem, all with the same n ≥ 1 (ids unique)
 * @param K - budget, a safe integer ≥ 1
 * @param options - `level` (default 0.95), `support` (the grid)
 * @throws {@link InvalidArgumentError} for invalid K, options, tallies of different n or n = 0, or
 *   counts no distribution on the grid reproduces within the band (the samples of a problem are then
 *   not independent draws of one p); a {@link PasskError} with code "LINEAR_PROGRAM" if the simplex
 *   method does not finish; the tally errors of {@link meanPassAtK}
 *
 * @example
 * ```ts
 * import { passAtKIdentificationBounds } from "passk";
 * // 40 problems, 4 samples each: 10 never solved, the rest 1 to 4 times.
 * const tallies = [0, 1, 2, 3, 4].flatMap((c) =>
 *   Array.from({ length: c === 0 ? 10 : 7 + (c % 2) }, (_, i) => ({ problemId: `${c}-${i}`, n: 4, c })),
 * );
 * const b = passAtKIdentificationBounds(tallies, 16);
 * console.log(b.unsolved, b.lower <= b.identifiedLower && b.identifiedUpper <= b.upper); // => 10 true
 * console.log(b.identifiedLower >= 30 / 40 && b.identifiedUpper <= 1); // => true
 * ```
 */
export function passAtKIdentificationBounds(
  tallies: Iterable<Tally>,
  K: number,
  options: IdentificationBoundsOptions = {},
): PassAtKIdentificationBounds {
  assertPositiveCount(K, "K");
  const level = levelOption(options.level);
  const support = options.support ?? defaultGrid();
  assertSupport(support, "options.support");
  const groups = fittableGroups(tallies);
  if (groups.byN.length !== 1) {
    throw new InvalidArgumentError(
      `the identification bounds need one n for every problem, got n = ${groups.byN.map((g) => g.n).join(", ")}`,
      { field: "n", value: groups.byN.map((g) => g.n) },
    );
  }
  const { n, weights } = groups.byN[0]!;
  const problems = groups.problems;
  const unsolved = weights[0] as number;
  const common = { K, n, problems, unsolved, level };
  if (K <= n || unsolved === 0) {
    let total = 0;
    for (let c = 0; c <= n; c++) total += (weights[c] as number) * (K <= n ? passAtK(n, c, K) : c > 0 ? 1 : 0);
    const value = total / problems;
    return { ...common, identifiedLower: value, identifiedUpper: value, estimate: value, lower: value, upper: value };
  }
  const alpha = 1 - level;
  const zCounts = upperNormalQuantile(1 - alpha / (4 * (n + 1)));
  const zOutcome = upperNormalQuantile(1 - alpha / 4);
  const m = K - n;
  const G = support.length;
  const columns = support.map((p) => binomialProbabilities(n, p));
  const stay = support.map((p) => (1 - p) ** n);
  const solvedLater = support.map((p, j) => (stay[j] as number) * -Math.expm1(m * Math.log1p(-p)));
  // Variables: y_j = w_j·s (j < G) and s, with w the shares of G on the grid and s = 1/E_w[(1 − p)^n].
  const upper: Array<{ a: number[]; b: number }> = [];
  for (let c = 0; c <= n; c++) {
    const [lo, hi] = countBand(weights[c] as number, zCounts);
    const row = columns.map((col) => col[c] as number);
    upper.push({ a: [...row, -hi / problems], b: 0 });
    upper.push({ a: [...row.map((v) => -v), lo / problems], b: 0 });
  }
  const equal = [
    { a: [...Array<number>(G).fill(1), -1], b: 0 },
    { a: [...stay, 0], b: 1 },
  ];
  const solve = (sign: 1 | -1): number => {
    const lp: LinearProgram = { objective: [...solvedLater.map((v) => sign * v), 0], upper, equal };
    const result = maximizeLinearProgram(lp);
    if (result.status === "infeasible" || result.status === "unbounded") {
      throw new InvalidArgumentError(
        `no distribution of p on the grid gives expected counts within the ${level} band of the observed ones ` +
          `(n = ${n}, ${problems} problems): the samples of a problem do not look like independent draws of one p`,
        { field: "tallies" },
      );
    }
    if (result.status !== "optimal") {
      throw new PasskError("LINEAR_PROGRAM", "the simplex method did not finish within its pivot limit", { field: "tallies" });
    }
    // r is a probability; the simplex's rounding (and its 1e−9 relaxation) can leave it a hair outside.
    return Math.min(1, Math.max(0, sign * result.value));
  };
  const rMax = solve(1);
  const rMin = Math.min(solve(-1), rMax);
  const solved = problems - unsolved;
  const spread = (r: number) => zOutcome * Math.sqrt(unsolved * r * (1 - r));
  const identifiedLower = (solved + unsolved * rMin) / problems;
  const identifiedUpper = (solved + unsolved * rMax) / problems;
  return {
    ...common,
    identifiedLower,
    identifiedUpper,
    estimate: (identifiedLower + identifiedUpper) / 2,
    lower: (solved + Math.max(0, unsolved * rMin - spread(rMin))) / problems,
    upper: (solved + Math.min(unsolved, unsolved * rMax + spread(rMax))) / problems,
  };
}
