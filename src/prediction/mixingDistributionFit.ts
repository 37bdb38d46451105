/**
 * Nonparametric maximum-likelihood estimate (NPMLE) of the distribution of per-problem success
 * probability on a grid (Kiefer & Wolfowitz 1956), by EM.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { Tally } from "../estimators/tally.js";
import { assertPositiveCount } from "../estimators/validate.js";
import { fittableGroups, type CountGroups } from "./betaBinomialFit.js";
import { choleskySolve } from "./choleskySolve.js";

/**
 * A discrete distribution of per-problem success probability: `weights[i]` of the problems have
 * p = `support[i]`. Any such object can be passed to {@link predictPassAtK} and
 * {@link conditionalPassAtK}.
 *
 * @example
 * ```ts
 * import { predictPassAtK } from "passk";
 * // half the problems never solvable, half solved with p = 1/2: pass@2 = 1/2 · (1 − 1/4)
 * console.log(predictPassAtK({ support: [0, 0.5], weights: [0.5, 0.5] }, 2)); // => 0.375
 * ```
 */
export interface MixingDistribution {
  /** Success probabilities, strictly increasing within [0, 1]. */
  readonly support: readonly number[];
  /** Their shares: non-negative, summing to 1 (within 1e−9). */
  readonly weights: readonly number[];
}

/** Result of {@link fitMixingDistribution}. */
export interface MixingDistributionFit extends MixingDistribution {
  /** Maximized log-likelihood, including the binomial coefficients. */
  readonly logLikelihood: number;
  /**
   * Certified bound on how far `logLikelihood` may lie below the true maximum over all
   * distributions on the grid: N·(max_j D_j − 1) with D_j the EM gradient ratio (concavity bound).
   */
  readonly gap: number;
  /** Newton steps of the barrier method run. */
  readonly iterations: number;
  /** Whether `gap` fell below the tolerance (1e−4 by default) within `maxIterations`. */
  readonly converged: boolean;
  /** Number of problems fitted. */
  readonly problems: number;
}

/** Options of {@link fitMixingDistribution}. */
export interface MixingDistributionFitOptions {
  /**
   * Grid of success probabilities (strictly increasing within [0, 1]). Default: 0, 1 and 300 points
   * evenly spaced in logit p from −12 to 12 (p from 6·10⁻⁶ to 1 − 6·10⁻⁶).
   */
  readonly support?: readonly number[];
  /** Stop when the certified log-likelihood gap is below this, in nats over all problems (default 1e−4). */
  readonly tolerance?: number;
  /** At most this many Newton steps of the barrier method (default 1000). */
  readonly maxIterations?: number;
}

/** The default grid: 0, 1 and 300 logit-spaced points in between. @internal */
export function defaultSupport(): number[] {
  const out = [0];
  const m = 300;
  for (let i = 0; i < m; i++) {
    const z = -12 + (24 * i) / (m - 1);
    out.push(1 / (1 + Math.exp(-z)));
  }
  out.push(1);
  return out;
}

/** log P(c | n, p) for every c of a group and every grid point, with the 0·log 0 = 0 convention. */
function logLikelihoodMatrix(n: number, logBinomial: Float64Array, support: readonly number[]): Float64Array[] {
  const rows: Float64Array[] = [];
  for (let c = 0; c <= n; c++) {
    const row = new Float64Array(support.length);
    support.forEach((p, j) => {
      const a = c === 0 ? 0 : c * Math.log(p);
      const b = c === n ? 0 : (n - c) * Math.log1p(-p);
      row[j] = (logBinomial[c] as number) + a + b;
    });
    rows.push(row);
  }
  return rows;
}

/** Likelihood rows of the grouped cells over the grid, each scaled by its maximum. */
interface Cells {
  readonly rows: Float64Array[];
  readonly weights: number[];
  readonly logScale: number[];
  readonly total: number;
}

function cellsOf(groups: CountGroups, support: readonly number[]): Cells {
  const J = support.length;
  const rows: Float64Array[] = [];
  const weights: number[] = [];
  const logScale: number[] = [];
  for (const { n, weights: w, logBinomial } of groups.byN) {
    const matrix = logLikelihoodMatrix(n, logBinomial, support);
    for (let c = 0; c <= n; c++) {
      if ((w[c] as number) === 0) continue;
      const logRow = matrix[c] as Float64Array;
      let max = -Infinity;
      for (let j = 0; j < J; j++) if ((logRow[j] as number) > max) max = logRow[j] as number;
      const row = new Float64Array(J);
      for (let j = 0; j < J; j++) row[j] = Math.exp((logRow[j] as number) - max);
      rows.push(row);
      weights.push(w[c] as number);
      logScale.push(max);
    }
  }
  return { rows, weights, logScale, total: weights.reduce((s, v) => s + v, 0) };
}

/** EM steps that polish the barrier method's solution at most. */
const POLISH_STEPS = 5000;

/** One EM step w_j ← w_j·D_j, with the log-likelihood and certified gap of the result. */
function emPolish(
  rows: readonly Float64Array[],
  h: readonly number[],
  N: number,
  logScale: readonly number[],
  w: readonly number[],
): { weights: number[]; logLikelihood: number; gap: number } {
  const J = w.length;
  const gradientAt = (weights: readonly number[]) => {
    const D = new Float64Array(J);
    let logLikelihood = 0;
    rows.forEach((row, i) => {
      let f = 0;
      for (let j = 0; j < J; j++) f += (weights[j] as number) * (row[j] as number);
      logLikelihood += (h[i] as number) * (Math.log(f) + (logScale[i] as number));
      const r = (h[i] as number) / f / N;
      for (let j = 0; j < J; j++) D[j] = (D[j] as number) + r * (row[j] as number);
    });
    return { D, logLikelihood };
  };
  const { D } = gradientAt(w);
  const next = w.map((wj, j) => wj * (D[j] as number));
  const total = next.reduce((a, b) => a + b, 0);
  const weights = next.map((x) => x / total);
  const after = gradientAt(weights);
  let maxD = 0;
  for (const d of after.D) if (d > maxD) maxD = d;
  return { weights, logLikelihood: after.logLikelihood, gap: Math.max(N * (maxD - 1), 0) };
}

/**
 * Fits grouped counts (fractional weights allowed) through the dual problem, by a primal–dual
 * barrier method. The NPMLE max_w Σ_i h_i log (Lw)_i over the simplex has the dual (Lindsay 1983)
 *
 *     min_v −Σ_i h_i log v_i   subject to   Σ_i v_i L_ij ≤ N for every grid point j,
 *
 * with one variable per observed (n, c) cell instead of one per grid point, and at the optimum
 * v_i = h_i/(Lw)_i. The barrier problem min −t·Σ h_i log v_i − Σ_j log s_j (s_j = N − Σ_i v_i L_ij)
 * is solved by damped Newton steps for t = 1, 10, 100, …; on its central path w_j = 1/(t·s_j) is a
 * primal point with duality gap J/t, so the method stops when J/t ≤ `tolerance`·10⁻² and reports
 * the certified gap N·(max_j D_j − 1) of the normalised w (D_j = (1/N) Σ_i h_i L_ij/(Lw)_i). When
 * the maximum is not unique (counts inside the moment space) the central path ends at the analytic
 * centre of the optimal set: a deterministic choice, but a choice (see {@link fitMixingDistribution}).
 * `maxIterations` bounds the Newton steps.
 * @internal
 */
export function fitMixingGroups(
  groups: CountGroups,
  support: readonly number[],
  tolerance = 1e-4,
  maxIterations = 1000,
): MixingDistributionFit {
  const J = support.length;
  const cells = cellsOf(groups, support);
  const I = cells.rows.length;
  const N = cells.total;
  const h = cells.weights;
  const rows = cells.rows;
  // Strictly feasible start: rows are scaled to max 1, so Σ_i v_i L_ij ≤ Σ_i v_i = N/2 < N.
  let v = new Float64Array(I).fill(N / (2 * I));
  const slack = (x: Float64Array): Float64Array | undefined => {
    const s = new Float64Array(J).fill(N);
    for (let i = 0; i < I; i++) {
      const row = rows[i] as Float64Array;
      const vi = x[i] as number;
      if (!(vi > 0)) return undefined;
      for (let j = 0; j < J; j++) s[j] = (s[j] as number) - vi * (row[j] as number);
    }
    for (let j = 0; j < J; j++) if (!((s[j] as number) > 0)) return undefined;
    return s;
  };
  const barrier = (x: Float64Array, s: Float64Array, t: number) => {
    let f = 0;
    for (let i = 0; i < I; i++) f -= t * (h[i] as number) * Math.log(x[i] as number);
    for (let j = 0; j < J; j++) f -= Math.log(s[j] as number);
    return f;
  };
  // Primal point of the central path, normalised: its log-likelihood and certified gap.
  const primal = (tt: number, ss: Float64Array) => {
    const weights = Array.from(ss, (sj) => 1 / (tt * sj));
    const total = weights.reduce((x, w) => x + w, 0);
    for (let j = 0; j < J; j++) weights[j] = (weights[j] as number) / total;
    let logLikelihood = 0;
    const D = new Float64Array(J);
    for (let i = 0; i < I; i++) {
      const row = rows[i] as Float64Array;
      let f = 0;
      for (let j = 0; j < J; j++) f += (weights[j] as number) * (row[j] as number);
      logLikelihood += (h[i] as number) * (Math.log(f) + (cells.logScale[i] as number));
      const r = (h[i] as number) / f / N;
      for (let j = 0; j < J; j++) D[j] = (D[j] as number) + r * (row[j] as number);
    }
    let maxD = 0;
    for (const d of D) if (d > maxD) maxD = d;
    // Concavity: ℓ(w*) ≤ ℓ(w) + ∇ℓ(w)·(w* − w) = ℓ(w) + N·Σ w*_j D_j − N ≤ ℓ(w) + N(max D − 1).
    return { weights, logLikelihood, gap: Math.max(N * (maxD - 1), 0) };
  };
  let s = slack(v) as Float64Array;
  let t = 1;
  // Rounding limits how close to the boundary the path can be followed, so keep the best primal point seen.
  let best = primal(t, s);
  let iterations = 0;
  const H = new Float64Array(I * I);
  const g = new Float64Array(I);
  outer: for (;;) {
    // Centre for this t: damped Newton until the decrement is at rounding level (the gradient sums
    // terms of size t·h/v that cancel, so about 1e−7 is as far as float64 goes at large t).
    for (let centring = 0; centring < 50; centring++) {
      if (iterations >= maxIterations) break outer;
      iterations++;
      H.fill(0);
      for (let i = 0; i < I; i++) {
        const vi = v[i] as number;
        g[i] = (-t * (h[i] as number)) / vi;
        H[i * I + i] = (t * (h[i] as number)) / (vi * vi);
      }
      for (let j = 0; j < J; j++) {
        const inv = 1 / (s[j] as number);
        const inv2 = inv * inv;
        for (let i = 0; i < I; i++) {
          const a = (rows[i] as Float64Array)[j] as number;
          if (a === 0) continue;
          g[i] = (g[i] as number) + a * inv;
          const ai = a * inv2;
          for (let k = 0; k <= i; k++) H[i * I + k] = (H[i * I + k] as number) + ai * ((rows[k] as Float64Array)[j] as number);
        }
      }
      for (let i = 0; i < I; i++) for (let k = 0; k < i; k++) H[k * I + i] = H[i * I + k] as number;
      const step = choleskySolve(H, g, I);
      if (!step) break;
      let decrement = 0;
      for (let i = 0; i < I; i++) decrement += (g[i] as number) * (step[i] as number);
      if (!(decrement / 2 > 1e-7)) break;
      // Backtracking (Armijo) along −step, staying strictly feasible.
      const f0 = barrier(v, s, t);
      let a = 1;
      let moved = false;
      while (a >= 1e-12) {
        const trial = v.map((vi, i) => vi - a * (step[i] as number));
        const ts = slack(trial);
        if (ts && barrier(trial, ts, t) <= f0 - 0.25 * a * decrement) {
          v = trial;
          s = ts;
          moved = true;
          break;
        }
        a /= 2;
      }
      if (!moved) break;
    }
    const current = primal(t, s);
    if (current.logLikelihood > best.logLikelihood) best = current;
    if (best.gap <= tolerance || J / t <= tolerance * 1e-2 || t >= 1e12) break;
    t *= 10;
  }
  // Polish by EM (w_j ← w_j·D_j, monotone in the likelihood): the barrier's primal point is near the
  // optimum but its weights on the support are not balanced to the last digits, which the
  // certificate N·(max D − 1) is sensitive to.
  let polished = best;
  for (let k = 0; k < POLISH_STEPS && polished.gap > tolerance; k++) {
    const next = emPolish(rows, h, N, cells.logScale, polished.weights);
    // EM never lowers the likelihood; a drop at rounding level is not a reason to stop.
    if (next.logLikelihood < polished.logLikelihood - 1e-12 * Math.abs(polished.logLikelihood)) break;
    polished = next;
    iterations++;
  }
  best = polished;
  return {
    support: [...support],
    weights: best.weights,
    logLikelihood: best.logLikelihood,
    gap: best.gap,
    iterations,
    converged: best.gap <= tolerance,
    problems: groups.problems,
  };
}

/** Checks a grid: at least `minLength` strictly increasing numbers within [0, 1]. @internal */
export function assertSupport(support: unknown, field: string, minLength = 2): asserts support is readonly number[] {
  if (!Array.isArray(support) || support.length < minLength) {
    throw new InvalidArgumentError(`${field} must be an array of at least ${minLength} probabilit${minLength === 1 ? "y" : "ies"}, got ${String(support)}`, {
      field,
      value: support,
    });
  }
  support.forEach((p: unknown, i) => {
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new InvalidArgumentError(`${field}[${i}] must be a probability within [0, 1], got ${String(p)}`, {
        field: `${field}[${i}]`,
        value: p,
      });
    }
    if (i > 0 && !(p > (support[i - 1] as number))) {
      throw new InvalidArgumentError(`${field} must be strictly increasing, got ${String(p)} after ${String(support[i - 1])} at index ${i}`, {
        field: `${field}[${i}]`,
        value: p,
      });
    }
  });
}

/**
 * The nonparametric maximum-likelihood estimate of the distribution G of per-problem success
 * probability (Kiefer & Wolfowitz 1956; for binomial counts, Lindsay 1983): the G on a grid of p
 * values that maximizes Σ_i log Σ_j w_j C(n_i, c_i) p_j^{c_i}(1 − p_j)^{n_i − c_i}, with no shape
 * assumed. Computed by EM (w_j ← w_j·D_j, D_j = (1/N) Σ_i L_ij/f_i), which increases the likelihood at
 * every step, until the certified gap N·(max_j D_j − 1) is below `tolerance`.
 *
 * Read it with care when extrapolating: n samples per problem identify only the first n moments of
 * G, so how the NPMLE splits the never-solved problems between p = 0 and small p > 0 (which decides
 * pass@K for K ≫ n) is not determined by the data; see docs/predicting-pass-at-k.md.
 *
 * @param tallies - one {@link Tally} per problem (ids unique), n ≥ 1
 * @param options - `support`, `tolerance`, `maxIterations`
 * @throws {@link EmptyDatasetError}, {@link DuplicateProblemError}, {@link InvalidArgumentError}
 *
 * @example
 * ```ts
 * import { fitMixingDistribution } from "passk";
 * // Half the problems 0 of 4, half 4 of 4: the NPMLE puts half the mass at p = 0 and half at p = 1.
 * const tallies = [];
 * for (let i = 0; i < 10; i++) tallies.push({ problemId: `p${i}`, n: 4, c: i < 5 ? 0 : 4 });
 * const fit = fitMixingDistribution(tallies, { support: [0, 0.5, 1] });
 * console.log(fit.weights.map((w) => w.toFixed(4)).join(" "), fit.converged); // => 0.5000 0.0000 0.5000 true
 * ```
 */
export function fitMixingDistribution(tallies: Iterable<Tally>, options: MixingDistributionFitOptions = {}): MixingDistributionFit {
  const groups = fittableGroups(tallies);
  const support = options.support ?? defaultSupport();
  assertSupport(support, "options.support");
  const tolerance = options.tolerance ?? 1e-4;
  if (typeof tolerance !== "number" || !(tolerance > 0) || !Number.isFinite(tolerance)) {
    throw new InvalidArgumentError(`options.tolerance must be a finite number > 0, got ${String(tolerance)}`, {
      field: "options.tolerance",
      value: tolerance,
    });
  }
  const maxIterations = options.maxIterations ?? 1000;
  assertPositiveCount(maxIterations, "options.maxIterations");
  return fitMixingGroups(groups, support, tolerance, maxIterations);
}
