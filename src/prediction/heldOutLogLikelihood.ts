/**
 * Held-out log-likelihood of a candidate model on a split of each problem's samples, averaged over
 * all splits exactly. Internal.
 * @internal
 * @module
 */
import type { CountGroups } from "./betaBinomialFit.js";
import { logCountProbabilities, type PassRateModel } from "./passRateModel.js";
import { fitMethod, type PredictionMethod } from "./predictionMethods.js";

/** log k! for k = 0..n. */
function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) out[k] = (out[k - 1] as number) + Math.log(k);
  return out;
}

/**
 * The counts a random first half of each problem's samples would show, in expectation over all
 * halves: a problem with c of n correct shows c₁ of m = ⌊n/2⌋ with the hypergeometric probability
 * C(c, c₁)C(n − c, m − c₁)/C(n, m). Groups with n = 1 cannot be split and are left out (as in
 * `full`, which holds the kept groups unchanged).
 * @internal
 */
export function expectedSplit(groups: CountGroups): { first: CountGroups; full: CountGroups } | undefined {
  const first: Array<CountGroups["byN"][number]> = [];
  const full: Array<CountGroups["byN"][number]> = [];
  let problems = 0;
  for (const g of groups.byN) {
    const { n, weights } = g;
    if (n < 2) continue;
    const m = Math.floor(n / 2);
    const F = logFactorials(n);
    const logChoose = (a: number, b: number) => (F[a] as number) - (F[b] as number) - (F[a - b] as number);
    const split = new Float64Array(m + 1);
    for (let c = 0; c <= n; c++) {
      const w = weights[c] as number;
      if (w === 0) continue;
      for (let c1 = Math.max(0, m - (n - c)); c1 <= Math.min(c, m); c1++) {
        split[c1] = (split[c1] as number) + w * Math.exp(logChoose(c, c1) + logChoose(n - c, m - c1) - logChoose(n, m));
      }
    }
    const logBinomial = new Float64Array(m + 1);
    for (let c = 1; c <= m; c++) logBinomial[c] = (logBinomial[c - 1] as number) + Math.log((m - c + 1) / c);
    first.push({ n: m, weights: split, logBinomial });
    full.push(g);
    problems += weights.reduce((s, w) => s + w, 0);
  }
  if (problems === 0) return undefined;
  // Groups of the split may share an m (n = 2m and 2m + 1); the likelihood treats them separately, which is the same.
  return { first: { byN: first, problems }, full: { byN: full, problems } };
}

/**
 * Σ_full h(c)·log P_θ(c | n) − Σ_first h₁(c₁)·log P_θ(c₁ | m) per problem, for a fixed model θ: the
 * expected log predictive probability of the second half's count given the first half's, up to a
 * constant that does not depend on θ (see {@link heldOutLogLikelihood}).
 * @internal
 */
export function splitScore(model: PassRateModel, split: { first: CountGroups; full: CountGroups }): number {
  let total = 0;
  for (const { n, weights } of split.full.byN) {
    const logP = logCountProbabilities(model, n);
    for (let c = 0; c <= n; c++) if ((weights[c] as number) > 0) total += (weights[c] as number) * (logP[c] as number);
  }
  for (const { n, weights } of split.first.byN) {
    const logP = logCountProbabilities(model, n);
    for (let c = 0; c <= n; c++) if ((weights[c] as number) > 0) total -= (weights[c] as number) * (logP[c] as number);
  }
  return total / split.full.problems;
}

/**
 * Held-out log-likelihood per problem of `method`: fitted to the expected first halves, then scored
 * on what the second halves add,
 *
 *     (1/N) Σ_problems [log P_θ(c | n) − E log P_θ(c₁ | m)] = (1/N) Σ E log P_θ(c₂ | c₁) + constant,
 *
 * since P(c₁, c₂) = C(m, c₁)C(n − m, c₂)/C(n, c)·P(c | n) for any mixture of binomials: the log
 * predictive probability of the held-out samples' count given the first half's, up to a term that
 * does not depend on the model (the binomial coefficients of the split). Higher is better. Returns
 * undefined when no problem has n ≥ 2.
 * @internal
 */
export function heldOutLogLikelihood(method: PredictionMethod, groups: CountGroups): number | undefined {
  const split = expectedSplit(groups);
  if (!split) return undefined;
  return splitScore(fitMethod(method, split.first).model, split);
}
