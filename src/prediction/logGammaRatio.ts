/**
 * log E[(1 − p)^K] for p ~ Beta(α, β), for any K. Internal.
 * @internal
 * @module
 */

/** Terms summed directly before switching to the Stirling difference (error there is below 1e-20). */
const DIRECT_TERMS = 1000;

/**
 * ln Γ(x + a) − ln Γ(x + b) for large x (x + min(a, b) ≥ 1000) from Stirling's series
 * ln Γ(z) = (z − ½) ln z − z + ½ ln 2π + 1/(12z) − 1/(360z³) + 1/(1260z⁵) − …,
 * with the leading difference rearranged as (z₁ − ½)·log1p((a − b)/z₂) + (a − b) ln z₂ so nothing
 * large cancels.
 */
function logGammaDifference(x: number, a: number, b: number): number {
  const z1 = x + a;
  const z2 = x + b;
  const lead = (z1 - 0.5) * Math.log1p((a - b) / z2) + (a - b) * Math.log(z2) - (a - b);
  const series = (z: number) => {
    const r = 1 / z;
    const r2 = r * r;
    return r * (1 / 12 - r2 * (1 / 360 - r2 / 1260));
  };
  return lead + series(z1) - series(z2);
}

/**
 * log E[(1 − p)^K] = log B(α, β + K)/B(α, β) = Σ_{j<K} log((β + j)/(α + β + j)) for p ~ Beta(α, β):
 * the first 1000 factors summed with log1p and compensation, the rest as
 * [ln Γ(β + K) − ln Γ(α + β + K)] − [ln Γ(β + J) − ln Γ(α + β + J)].
 */
export function logBetaFailure(alpha: number, beta: number, K: number): number {
  const J = Math.min(K, DIRECT_TERMS);
  let sum = 0;
  let comp = 0;
  for (let j = 0; j < J; j++) {
    const term = Math.log1p(-alpha / (alpha + beta + j));
    const t = sum + term;
    comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  sum += comp;
  if (K > J) sum += logGammaDifference(K, beta, alpha + beta) - logGammaDifference(J, beta, alpha + beta);
  return sum;
}
