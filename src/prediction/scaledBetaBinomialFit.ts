/**
 * Maximum-likelihood fit of the scaled beta-binomial of Schaeffer et al. 2025 (3 parameters, or 4
 * with a point mass at p = 0) to per-problem tallies.
 * @module
 */
import type { Tally } from "../estimators/tally.js";
import { fitGroups, fittableGroups, zeroInflatedOption, type CountGroups } from "./betaBinomialFit.js";
import { nelderMead } from "./nelderMead.js";

/**
 * A fitted distribution of per-problem success probability p = scale·X with X ~ Beta(alpha, beta),
 * and with probability `unsolvableShare` p = 0 (0 unless fitted zero-inflated).
 *
 * @example
 * ```ts
 * import { fitScaledBetaBinomial } from "passk";
 * const tallies = [];
 * for (let i = 0; i < 60; i++) tallies.push({ problemId: `p${i}`, n: 8, c: i % 7 });
 * const fit = fitScaledBetaBinomial(tallies);
 * console.log(fit.scale <= 1, fit.unsolvableShare); // => true 0
 * ```
 */
export interface ScaledBetaBinomialFit {
  /** First shape parameter α of the beta part. */
  readonly alpha: number;
  /** Second shape parameter β of the beta part. */
  readonly beta: number;
  /** The scale s ∈ (0, 1]: the largest success probability a problem can have (1 = the plain beta). */
  readonly scale: number;
  /** Estimated share π₀ of problems with success probability exactly 0 (0 when not zero-inflated). */
  readonly unsolvableShare: number;
  /** Maximized log-likelihood, including the binomial coefficients. */
  readonly logLikelihood: number;
  /** Number of problems fitted. */
  readonly problems: number;
  /** Whether the optimizer met its tolerance (false: treat the fit with suspicion). */
  readonly converged: boolean;
  /**
   * True when α, β (beyond e^±20), the scale (below 1e−13) or π₀ (odds beyond e^±30) ran into the
   * search box. A scale of 1 is not a boundary: it is the plain beta, which the family contains.
   */
  readonly atBoundary: boolean;
}

/** Options of {@link fitScaledBetaBinomial}. */
export interface ScaledBetaBinomialFitOptions {
  /** Fit a point mass at p = 0 next to the scaled beta (4 parameters). Default false. */
  readonly zeroInflated?: boolean;
}

const LOG_BOX = 20;
const LOGIT_BOX = 30;
/** Above this logit the scale is reported as exactly 1 (1 − s < 2e−11: the plain beta to 10 digits). */
const SCALE_ONE_LOGIT = 25;

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * log P(c | n) for c = 0..n under p = sX, X ~ Beta(α, β), without the zero mass:
 *
 *     P(c | n) = Σ_{j=0}^{n−c} n!/(c! j! (n−c−j)!) · s^{c+j} (1 − s)^{n−c−j} · B(α + c, β + j)/B(α, β)
 *
 * from p^c(1 − p)^{n−c} = s^c X^c ((1 − s) + s(1 − X))^{n−c} expanded binomially and
 * E[X^c (1 − X)^j] = B(α + c, β + j)/B(α, β); every term is positive. The beta ratio is written with
 * rising factorials, Σ_{i<c} log(α + i) + Σ_{i<j} log(β + i) − Σ_{i<c+j} log(α + β + i). Only the c
 * in `needed` are computed (−Infinity elsewhere); O(n²) per call. `logS`/`log1mS` are log s and
 * log(1 − s), the latter −Infinity for s = 1 (then only j = n − c remains).
 * @internal
 */
export function scaledBetaLogProbabilities(
  alpha: number,
  beta: number,
  logS: number,
  log1mS: number,
  n: number,
  needed: ArrayLike<number>,
): Float64Array {
  const A = new Float64Array(n + 1);
  const B = new Float64Array(n + 1);
  const AB = new Float64Array(n + 1);
  const F = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    A[i + 1] = (A[i] as number) + Math.log(alpha + i);
    B[i + 1] = (B[i] as number) + Math.log(beta + i);
    AB[i + 1] = (AB[i] as number) + Math.log(alpha + beta + i);
    F[i + 1] = (F[i] as number) + Math.log(i + 1);
  }
  const out = new Float64Array(n + 1).fill(-Infinity);
  const terms = new Float64Array(n + 1);
  for (let c = 0; c <= n; c++) {
    if ((needed[c] as number) === 0) continue;
    const rest = n - c;
    let max = -Infinity;
    const head = (F[n] as number) - (F[c] as number) + (A[c] as number) + c * logS;
    for (let j = 0; j <= rest; j++) {
      const k = rest - j;
      const t =
        head - (F[j] as number) - (F[k] as number) + j * logS + (k === 0 ? 0 : k * log1mS) + (B[j] as number) - (AB[c + j] as number);
      terms[j] = t;
      if (t > max) max = t;
    }
    if (max === -Infinity) continue;
    let s = 0;
    for (let j = 0; j <= rest; j++) s += Math.exp((terms[j] as number) - max);
    out[c] = max + Math.log(s);
  }
  return out;
}

/** Negative log-likelihood of the (zero-inflated) scaled beta-binomial. @internal */
export function scaledNegativeLogLikelihood(
  groups: CountGroups,
  alpha: number,
  beta: number,
  logS: number,
  log1mS: number,
  pi0: number,
): number {
  let total = 0;
  for (const { n, weights } of groups.byN) {
    const logP = scaledBetaLogProbabilities(alpha, beta, logS, log1mS, n, weights);
    for (let c = 0; c <= n; c++) {
      const w = weights[c] as number;
      if (w === 0) continue;
      const lp = logP[c] as number;
      const ll = c === 0 && pi0 > 0 ? Math.log(pi0 + (1 - pi0) * Math.exp(lp)) : Math.log1p(-pi0) + lp;
      total -= w * ll;
    }
  }
  return total;
}

/** Start of a refit: a previous fit's parameters. @internal */
export interface ScaledStart {
  readonly alpha: number;
  readonly beta: number;
  readonly scale: number;
  readonly unsolvableShare: number;
}

function toVector(start: ScaledStart, zeroInflated: boolean): number[] {
  const s = Math.min(start.scale, 1 - 1e-12);
  const x = [Math.log(start.alpha), Math.log(start.beta), Math.min(Math.log(s / (1 - s)), SCALE_ONE_LOGIT)];
  if (zeroInflated) {
    const p = Math.min(Math.max(start.unsolvableShare, 1e-6), 1 - 1e-6);
    x.push(Math.log(p / (1 - p)));
  }
  return x;
}

/**
 * Fits grouped counts. Without `start`, Nelder–Mead runs from the plain beta's optimum (scale just
 * below 1, so the scaled fit is never worse than the beta) and from scale 0.9, each restarted once
 * at its optimum, and the better result is kept; with `start` (bootstrap refits) only from there.
 * @internal
 */
export function fitScaledGroups(groups: CountGroups, zeroInflated: boolean, start?: ScaledStart): ScaledBetaBinomialFit {
  const objective = (x: number[]) => {
    const a = x[0] as number;
    const b = x[1] as number;
    const z = x[2] as number;
    const zi = zeroInflated ? (x[3] as number) : -Infinity;
    if (Math.abs(a) > LOG_BOX || Math.abs(b) > LOG_BOX || Math.abs(z) > LOGIT_BOX || (zeroInflated && Math.abs(zi) > LOGIT_BOX)) {
      return Infinity;
    }
    const pi0 = zeroInflated ? 1 / (1 + Math.exp(-zi)) : 0;
    const v = scaledNegativeLogLikelihood(groups, Math.exp(a), Math.exp(b), -softplus(-z), -softplus(z), pi0);
    return Number.isFinite(v) ? v : Infinity;
  };
  const starts: number[][] = [];
  if (start) {
    starts.push(toVector(start, zeroInflated));
  } else {
    const plain = fitGroups(groups, zeroInflated);
    starts.push(toVector({ ...plain, scale: 1 - 1e-5 }, zeroInflated));
    starts.push(toVector({ ...plain, scale: 0.9, unsolvableShare: Math.max(plain.unsolvableShare, 0.02) }, zeroInflated));
  }
  let best: { x: number[]; value: number; converged: boolean } | undefined;
  for (const x0 of starts) {
    let r = nelderMead(objective, x0);
    r = nelderMead(objective, r.x, { step: 0.1 });
    if (!best || r.value < best.value) best = r;
  }
  const x = (best as { x: number[] }).x;
  const a = x[0] as number;
  const b = x[1] as number;
  const z = x[2] as number;
  const zi = zeroInflated ? (x[3] as number) : -Infinity;
  const scaleIsOne = z > SCALE_ONE_LOGIT;
  const alpha = Math.exp(a);
  const beta = Math.exp(b);
  const pi0 = zeroInflated ? 1 / (1 + Math.exp(-zi)) : 0;
  // Report the likelihood of the reported parameters (the scale may have been rounded to 1).
  const logLikelihood = -scaledNegativeLogLikelihood(
    groups,
    alpha,
    beta,
    scaleIsOne ? 0 : -softplus(-z),
    scaleIsOne ? -Infinity : -softplus(z),
    pi0,
  );
  return {
    alpha,
    beta,
    scale: scaleIsOne ? 1 : 1 / (1 + Math.exp(-z)),
    unsolvableShare: pi0,
    logLikelihood,
    problems: groups.problems,
    converged: (best as { converged: boolean }).converged,
    atBoundary:
      Math.abs(a) > LOG_BOX - 0.5 || Math.abs(b) > LOG_BOX - 0.5 || z < -LOGIT_BOX + 0.5 || (zeroInflated && Math.abs(zi) > LOGIT_BOX - 0.5),
  };
}

/**
 * Fits the scaled beta-binomial of Schaeffer et al. 2025 ("How Do Large Language Monkeys Get Their
 * Power (Laws)?"): per-problem success probability p = s·X with X ~ Beta(α, β) and a scale
 * 0 < s ≤ 1, so no problem is solved more often than s; with `zeroInflated`, a share π₀ of problems
 * has p = 0. Maximum likelihood of
 *
 *     P(c | n) = (1 − π₀)·Σ_{j=0}^{n−c} n!/(c! j! (n−c−j)!) · s^{c+j}(1 − s)^{n−c−j} · B(α + c, β + j)/B(α, β) + π₀·[c = 0]
 *
 * over (log α, log β, logit s, logit π₀) by Nelder–Mead, started from the plain beta's optimum (so
 * the fit is never worse than {@link fitBetaBinomial}) and from s = 0.9. The scale lets the beta's
 * left tail (what pass@K for large K depends on) be shaped apart from the problems solved almost
 * always. Each likelihood evaluation costs O(n²) per distinct n.
 *
 * @param tallies - one {@link Tally} per problem (ids unique), n ≥ 1
 * @param options - `zeroInflated` (default false)
 * @throws {@link EmptyDatasetError}, {@link DuplicateProblemError}, {@link InvalidArgumentError}
 *   (a problem with n = 0 is refused by name)
 *
 * @example
 * ```ts
 * import { fitScaledBetaBinomial } from "passk";
 * // Problems either (almost) never solved or solved about half the time, none more often: a beta
 * // would need mass near p = 1 to be U-shaped; the scaled beta stops at s ≈ 0.5 instead.
 * const tallies = [];
 * for (let i = 0; i < 200; i++) tallies.push({ problemId: `p${i}`, n: 16, c: [0, 1, 7, 8, 9][i % 5]! });
 * const fit = fitScaledBetaBinomial(tallies);
 * console.log(fit.converged, fit.scale > 0.45 && fit.scale < 0.6); // => true true
 * ```
 */
export function fitScaledBetaBinomial(tallies: Iterable<Tally>, options: ScaledBetaBinomialFitOptions = {}): ScaledBetaBinomialFit {
  return fitScaledGroups(fittableGroups(tallies), zeroInflatedOption(options.zeroInflated));
}
