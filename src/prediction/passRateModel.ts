/**
 * The fitted distributions of per-problem success probability that predictions accept, and what
 * every prediction needs from them. Internal helpers; the types are public.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { BetaBinomialFit } from "./betaBinomialFit.js";
import { logBetaFailure } from "./logGammaRatio.js";
import { assertSupport, type MixingDistribution } from "./mixingDistributionFit.js";
import { logScaledBetaFailure } from "./scaledBetaFailure.js";
import { scaledBetaLogProbabilities } from "./scaledBetaBinomialFit.js";

/**
 * The parameters a prediction reads from a beta-type fit: p = scale·X, X ~ Beta(alpha, beta), with a
 * share `unsolvableShare` of problems at p = 0. A {@link BetaBinomialFit} (scale 1) or a
 * {@link ScaledBetaBinomialFit} can be passed whole, or these numbers by hand; `scale` defaults to 1.
 *
 * @example
 * ```ts
 * import { predictPassAtK } from "passk";
 * const uniform = { alpha: 1, beta: 1, unsolvableShare: 0 };
 * console.log(predictPassAtK(uniform, 1)); // => 0.5
 * ```
 */
export type BetaFitParameters = Pick<BetaBinomialFit, "alpha" | "beta" | "unsolvableShare"> & {
  /** Scale s ∈ (0, 1] of the scaled beta (default 1, the plain beta). */
  readonly scale?: number;
};

/**
 * A distribution of per-problem success probability p that the predictions accept: beta-type
 * parameters ({@link BetaFitParameters}) or a discrete distribution on a grid
 * ({@link MixingDistribution}, e.g. from {@link fitMixingDistribution}).
 *
 * @example
 * ```ts
 * import { predictPassAtK } from "passk";
 * console.log(predictPassAtK({ alpha: 1, beta: 1, unsolvableShare: 0 }, 3), predictPassAtK({ support: [0.5], weights: [1] }, 3)); // => 0.75 0.875
 * ```
 */
export type PassRateModel = BetaFitParameters | MixingDistribution;

function isGrid(model: PassRateModel): model is MixingDistribution {
  return typeof model === "object" && model !== null && "support" in model;
}

/** Checks α, β finite and > 0, scale within (0, 1], π₀ within [0, 1], naming the field. @internal */
export function assertBetaFitParameters(fit: BetaFitParameters): void {
  if (fit === null || typeof fit !== "object") {
    throw new InvalidArgumentError(`fit must be an object of fitted parameters, got ${String(fit)}`, { field: "fit", value: fit });
  }
  for (const [field, value] of [["fit.alpha", fit.alpha], ["fit.beta", fit.beta]] as const) {
    if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
      throw new InvalidArgumentError(`${field} must be a finite number > 0, got ${String(value)}`, { field, value });
    }
  }
  const share = fit.unsolvableShare;
  if (typeof share !== "number" || !(share >= 0 && share <= 1)) {
    throw new InvalidArgumentError(`fit.unsolvableShare must be within [0, 1], got ${String(share)}`, {
      field: "fit.unsolvableShare",
      value: share,
    });
  }
  const scale = fit.scale;
  if (scale !== undefined && (typeof scale !== "number" || !(scale > 0 && scale <= 1))) {
    throw new InvalidArgumentError(`fit.scale must be within (0, 1], got ${String(scale)}`, { field: "fit.scale", value: scale });
  }
}

/** Checks either kind of model, naming the field. @internal */
export function assertPassRateModel(model: PassRateModel): void {
  if (!isGrid(model)) {
    assertBetaFitParameters(model);
    return;
  }
  assertSupport(model.support, "fit.support", 1);
  const { weights, support } = model;
  if (!Array.isArray(weights) || weights.length !== support.length) {
    throw new InvalidArgumentError(`fit.weights must be an array as long as fit.support (${support.length})`, {
      field: "fit.weights",
      value: weights,
    });
  }
  let sum = 0;
  weights.forEach((w: unknown, i) => {
    if (typeof w !== "number" || !(w >= 0) || !Number.isFinite(w)) {
      throw new InvalidArgumentError(`fit.weights[${i}] must be a finite number >= 0, got ${String(w)}`, {
        field: `fit.weights[${i}]`,
        value: w,
      });
    }
    sum += w;
  });
  if (Math.abs(sum - 1) > 1e-9) {
    throw new InvalidArgumentError(`fit.weights must sum to 1, got ${sum}`, { field: "fit.weights", value: sum });
  }
}

/** log E[(1 − X)^m] of the beta-type part (without the zero mass). */
function logBetaPartFailure(fit: BetaFitParameters, m: number): number {
  const scale = fit.scale ?? 1;
  return scale === 1 ? logBetaFailure(fit.alpha, fit.beta, m) : logScaledBetaFailure(fit.alpha, fit.beta, scale, m);
}

/**
 * pass@K of a fresh problem, 1 − E[(1 − p)^K], computed without subtracting from 1 what is close to 1:
 * (1 − π₀)·(−expm1(log E_beta)) for a beta-type model, Σ_j w_j·(−expm1(K·log1p(−p_j))) on a grid.
 * @internal
 */
export function modelPassAtK(model: PassRateModel, K: number): number {
  if (isGrid(model)) {
    let s = 0;
    model.support.forEach((p, j) => {
      s += (model.weights[j] as number) * (p === 1 ? 1 : -Math.expm1(K * Math.log1p(-p)));
    });
    return s;
  }
  return (1 - model.unsolvableShare) * -Math.expm1(logBetaPartFailure(model, K));
}

/**
 * P(solved within K samples | none of the first n solved) = 1 − E[(1 − p)^K]/E[(1 − p)^n], K > n,
 * written so that nothing close to 1 is subtracted: on a grid as
 * Σ_j w_j(1 − p_j)^n·(−expm1((K − n)·log1p(−p_j))) / Σ_j w_j(1 − p_j)^n; for a beta-type model as
 * the posterior weight of the beta part times 1 − E_K/E_n.
 * Returns NaN when the model gives the event "none of n solved" probability 0 (callers only ask
 * about problems where it happened, so that is a model the data contradict).
 * @internal
 */
export function solvedLaterProbability(model: PassRateModel, n: number, K: number): number {
  if (isGrid(model)) {
    let num = 0;
    let den = 0;
    model.support.forEach((p, j) => {
      if (p === 1) return;
      const w = (model.weights[j] as number) * Math.exp(n * Math.log1p(-p));
      den += w;
      num += w * -Math.expm1((K - n) * Math.log1p(-p));
    });
    return num / den;
  }
  const logEn = logBetaPartFailure(model, n);
  const later = -Math.expm1(logBetaPartFailure(model, K) - logEn);
  const pi0 = model.unsolvableShare;
  if (pi0 === 0) return later;
  const betaPart = (1 - pi0) * Math.exp(logEn);
  return (betaPart / (pi0 + betaPart)) * later;
}

/**
 * log P(c | n) for c = 0..n under the model (binomial coefficients included): the beta-binomial,
 * the scaled beta-binomial, or the grid mixture, each with its zero mass.
 * @internal
 */
export function logCountProbabilities(model: PassRateModel, n: number): Float64Array {
  const out = new Float64Array(n + 1);
  const logBinomial = new Float64Array(n + 1);
  for (let c = 1; c <= n; c++) logBinomial[c] = (logBinomial[c - 1] as number) + Math.log((n - c + 1) / c);
  if (isGrid(model)) {
    for (let c = 0; c <= n; c++) {
      let max = -Infinity;
      const terms = model.support.map((p, j) => {
        const w = model.weights[j] as number;
        if (w === 0) return -Infinity;
        const a = c === 0 ? 0 : c * Math.log(p);
        const b = c === n ? 0 : (n - c) * Math.log1p(-p);
        const t = Math.log(w) + (logBinomial[c] as number) + a + b;
        if (t > max) max = t;
        return t;
      });
      out[c] = max === -Infinity ? -Infinity : max + Math.log(terms.reduce((s, t) => s + Math.exp(t - max), 0));
    }
    return out;
  }
  const { alpha, beta, unsolvableShare: pi0 } = model;
  const scale = model.scale ?? 1;
  const logP = scaledBetaLogProbabilities(
    alpha,
    beta,
    Math.log(scale),
    scale === 1 ? -Infinity : Math.log1p(-scale),
    n,
    new Float64Array(n + 1).fill(1),
  );
  for (let c = 0; c <= n; c++) {
    const lp = logP[c] as number;
    out[c] = c === 0 && pi0 > 0 ? Math.log(pi0 + (1 - pi0) * Math.exp(lp)) : Math.log1p(-pi0) + lp;
  }
  return out;
}
