/**
 * Maximum-likelihood fit of a (zero-inflated) beta-binomial model to per-problem tallies.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { collectTallies, type Tally } from "../estimators/tally.js";
import { nelderMead } from "./nelderMead.js";

/**
 * A fitted distribution of per-problem success probability p: with probability `unsolvableShare`
 * a problem is never solved (p = 0), otherwise p ~ Beta(alpha, beta).
 *
 * @example
 * ```ts
 * import { fitBetaBinomial } from "passk";
 * const fit = fitBetaBinomial([{ problemId: "a", n: 4, c: 2 }, { problemId: "b", n: 4, c: 1 }, { problemId: "c", n: 4, c: 3 }], { zeroInflated: false });
 * console.log(fit.unsolvableShare, fit.alpha > 0 && fit.beta > 0); // => 0 true
 * ```
 */
export interface BetaBinomialFit {
  /** First shape parameter α of the beta part. */
  readonly alpha: number;
  /** Second shape parameter β of the beta part. */
  readonly beta: number;
  /** Estimated share π₀ of problems with success probability exactly 0 (0 when not zero-inflated). */
  readonly unsolvableShare: number;
  /** Maximized log-likelihood, including the binomial coefficients. */
  readonly logLikelihood: number;
  /** Number of problems fitted. */
  readonly problems: number;
  /** Whether the optimizer met its tolerance (false: treat the fit with suspicion). */
  readonly converged: boolean;
  /**
   * True when a parameter ran into the search box (α or β beyond e^±20, π₀ below e^−30 odds): e.g.
   * data with no extra-binomial spread pushes α, β → ∞, and data without unsolved problems π₀ → 0.
   */
  readonly atBoundary: boolean;
}

/** Options of {@link fitBetaBinomial}. */
export interface BetaBinomialFitOptions {
  /**
   * Fit a point mass at p = 0 (the never-solvable problems) next to the beta part and report its
   * weight as `unsolvableShare`. Default false: on the study's MATH500 counts the plain beta predicts
   * pass@128 from 16 samples more accurately, while the zero-inflated fit overstates the unsolvable
   * share (see docs/predicting-pass-at-k.md).
   */
  readonly zeroInflated?: boolean;
}

/** Problem counts by (n, c), the sufficient statistic of the likelihood. @internal */
export interface CountGroups {
  /**
   * Distinct n values, each with `weights[c]` = number of problems with that (n, c) and the constant
   * `logBinomial[c]` = log C(n, c) of the likelihood.
   */
  readonly byN: ReadonlyArray<{ readonly n: number; readonly weights: Float64Array; readonly logBinomial: Float64Array }>;
  /** Total number of problems (sum of weights). */
  readonly problems: number;
}

/** log C(n, c) for c = 0..n, by the recurrence C(n, c) = C(n, c − 1)(n − c + 1)/c. */
function logBinomials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let c = 1; c <= n; c++) out[c] = (out[c - 1] as number) + Math.log((n - c + 1) / c);
  return out;
}

/**
 * The tallies a fit of the per-problem success rate takes, grouped by (n, c): every problem needs
 * at least one sample. @internal
 */
export function fittableGroups(tallies: Iterable<Tally>): CountGroups {
  const list = collectTallies(tallies);
  for (const t of list) {
    if (t.n === 0) {
      throw new InvalidArgumentError(`problem ${JSON.stringify(t.problemId)} has n = 0 samples: nothing to fit`, {
        field: "n",
        value: 0,
        problemId: t.problemId,
      });
    }
  }
  return groupCounts(list);
}

/** The `zeroInflated` option of a fit (default false), checked. @internal */
export function zeroInflatedOption(value: boolean | undefined): boolean {
  const zeroInflated = value ?? false;
  if (typeof zeroInflated !== "boolean") {
    throw new InvalidArgumentError(`options.zeroInflated must be a boolean, got ${String(zeroInflated)}`, {
      field: "options.zeroInflated",
      value: zeroInflated,
    });
  }
  return zeroInflated;
}

/** Groups tallies by (n, c). @internal */
export function groupCounts(tallies: readonly Tally[]): CountGroups {
  const map = new Map<number, Float64Array>();
  for (const t of tallies) {
    let w = map.get(t.n);
    if (!w) map.set(t.n, (w = new Float64Array(t.n + 1)));
    w[t.c] = (w[t.c] as number) + 1;
  }
  const byN = [...map.entries()].sort((a, b) => a[0] - b[0]).map(([n, weights]) => ({ n, weights, logBinomial: logBinomials(n) }));
  return { byN, problems: tallies.length };
}

const LOG_BOX = 20;
const LOGIT_BOX = 30;


/**
 * Negative log-likelihood of the zero-inflated beta-binomial at (α, β, π₀), using
 * log P(c | n) = log C(n,c) + Σ_{j<c} log(α + j) + Σ_{j<n−c} log(β + j) − Σ_{j<n} log(α + β + j)
 * (the ratio B(α + c, β + n − c)/B(α, β) written as rising factorials), and for c = 0 the mixture
 * log(π₀ + (1 − π₀)·P(0 | n)). Prefix sums make one evaluation O(max n + distinct (n, c)).
 * @internal
 */
export function negativeLogLikelihood(groups: CountGroups, alpha: number, beta: number, pi0: number): number {
  let total = 0;
  for (const { n, weights, logBinomial } of groups.byN) {
    const A = new Float64Array(n + 1);
    const B = new Float64Array(n + 1);
    let AB = 0;
    for (let j = 0; j < n; j++) {
      A[j + 1] = (A[j] as number) + Math.log(alpha + j);
      B[j + 1] = (B[j] as number) + Math.log(beta + j);
      AB += Math.log(alpha + beta + j);
    }
    for (let c = 0; c <= n; c++) {
      const w = weights[c] as number;
      if (w === 0) continue;
      const logP = (logBinomial[c] as number) + (A[c] as number) + (B[n - c] as number) - AB;
      const ll = c === 0 && pi0 > 0 ? Math.log(pi0 + (1 - pi0) * Math.exp(logP)) : Math.log1p(-pi0) + logP;
      total -= w * ll;
    }
  }
  return total;
}

/** Method-of-moments start for (α, β) from the per-problem accuracies. */
function momentStart(groups: CountGroups): [number, number] {
  let sum = 0;
  let sumSq = 0;
  for (const { n, weights } of groups.byN) {
    for (let c = 0; c <= n; c++) {
      const w = weights[c] as number;
      sum += (w * c) / n;
      sumSq += (w * (c / n) ** 2);
    }
  }
  const mean = Math.min(Math.max(sum / groups.problems, 1e-3), 1 - 1e-3);
  const variance = Math.max(sumSq / groups.problems - mean * mean, 1e-4);
  const common = Math.max(mean * (1 - mean) / variance - 1, 1e-2);
  return [mean * common, (1 - mean) * common];
}

/** Fits grouped counts; used by the bootstrap to refit resamples from a known start. @internal */
export function fitGroups(
  groups: CountGroups,
  zeroInflated: boolean,
  start?: { alpha: number; beta: number; unsolvableShare: number },
): BetaBinomialFit {
  const unpack = (x: number[]) => {
    const a = x[0] as number;
    const b = x[1] as number;
    const z = zeroInflated ? (x[2] as number) : -Infinity;
    return { a, b, z };
  };
  const objective = (x: number[]) => {
    const { a, b, z } = unpack(x);
    if (Math.abs(a) > LOG_BOX || Math.abs(b) > LOG_BOX || (zeroInflated && Math.abs(z) > LOGIT_BOX)) return Infinity;
    const pi0 = zeroInflated ? 1 / (1 + Math.exp(-z)) : 0;
    const v = negativeLogLikelihood(groups, Math.exp(a), Math.exp(b), pi0);
    return Number.isFinite(v) ? v : Infinity;
  };
  let x0: number[];
  if (start) {
    x0 = [Math.log(start.alpha), Math.log(start.beta)];
    if (zeroInflated) {
      const p = Math.min(Math.max(start.unsolvableShare, 1e-9), 1 - 1e-9);
      x0.push(Math.log(p / (1 - p)));
    }
  } else {
    const [a, b] = momentStart(groups);
    x0 = [Math.log(a), Math.log(b)];
    if (zeroInflated) x0.push(Math.log(0.05 / 0.95));
  }
  // Restart from the optimum once: Nelder–Mead can stall on a collapsed simplex.
  let result = nelderMead(objective, x0);
  result = nelderMead(objective, result.x, { step: 0.1 });
  const { a, b, z } = unpack(result.x);
  const atBoundary =
    Math.abs(a) > LOG_BOX - 0.5 || Math.abs(b) > LOG_BOX - 0.5 || (zeroInflated && Math.abs(z) > LOGIT_BOX - 0.5);
  return {
    alpha: Math.exp(a),
    beta: Math.exp(b),
    unsolvableShare: zeroInflated ? 1 / (1 + Math.exp(-z)) : 0,
    logLikelihood: -result.value,
    problems: groups.problems,
    converged: result.converged,
    atBoundary,
  };
}

/**
 * Fits the distribution of per-problem success probability p to per-problem tallies by maximum
 * likelihood of the beta-binomial: c | p ~ Binomial(n, p), p ~ Beta(α, β), optionally with a point
 * mass π₀ at p = 0 for problems the model can never solve (`zeroInflated: true`). This is the
 * 2-parameter form of the model of Schaeffer et al. 2025, "How Do Large Language Monkeys Get Their
 * Power (Laws)?" (their scaled 3-parameter form is {@link fitScaledBetaBinomial}): the shape of the
 * beta near p = 0 decides how pass@k grows with k, and π₀ is where it stops.
 *
 *     P(c | n) = (1 − π₀)·C(n, c)·B(α + c, β + n − c)/B(α, β) + π₀·[c = 0]
 *
 * Maximized over (log α, log β, logit π₀) with Nelder–Mead from a method-of-moments start; the result
 * says whether it converged and whether a parameter hit the search box. Tallies may have different n.
 *
 * @param tallies - one {@link Tally} per problem (ids unique), n ≥ 1
 * @throws {@link EmptyDatasetError}, {@link DuplicateProblemError}, {@link InvalidArgumentError}
 *   (e.g. a problem with n = 0 carries no information and is refused by name)
 *
 * @example
 * ```ts
 * import { fitBetaBinomial } from "passk";
 * const tallies = [];
 * for (let i = 0; i < 40; i++) tallies.push({ problemId: `p${i}`, n: 16, c: i < 10 ? 0 : i % 17 });
 * const fit = fitBetaBinomial(tallies, { zeroInflated: true });
 * console.log(fit.converged, fit.unsolvableShare > 0.1 && fit.unsolvableShare < 0.3); // => true true
 * ```
 */
export function fitBetaBinomial(tallies: Iterable<Tally>, options: BetaBinomialFitOptions = {}): BetaBinomialFit {
  return fitGroups(fittableGroups(tallies), zeroInflatedOption(options.zeroInflated));
}
