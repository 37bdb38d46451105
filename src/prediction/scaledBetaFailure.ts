/**
 * log E[(1 − p)^m] for p = s·X, X ~ Beta(α, β): the failure probability of m samples under the
 * scaled beta of Schaeffer et al. 2025. Internal.
 * @internal
 * @module
 */
import { logBetaFailure } from "./logGammaRatio.js";

/** Terms below this share of the running sum (and shrinking geometrically) end the walk. */
const NEGLIGIBLE = 1e-18;

/**
 * log E[(1 − sX)^m] for X ~ Beta(α, β) and a scale 0 < s ≤ 1.
 *
 * Writing 1 − sX = (1 − s) + s(1 − X) and expanding,
 *
 *     E[(1 − sX)^m] = Σ_{j=0}^{m} C(m, j) s^j (1 − s)^{m−j} · E[(1 − X)^j] = E_{J ~ Binomial(m, s)}[g(J)],
 *
 * with g(j) = B(α, β + j)/B(α, β): a sum of positive terms, so nothing cancels. The sum is walked
 * outwards from the binomial mode with both factors updated by their ratios
 * (pmf(j+1)/pmf(j) = (m − j)s/((j + 1)(1 − s)), g(j+1)/g(j) = (β + j)/(α + β + j)) and divided by
 * the walked binomial mass, so the binomial normalisation never has to be computed. Above the mode
 * every further ratio is smaller than the current one, so once the current ratio ρ < 1 the rest is at
 * most term·ρ/(1 − ρ); below it the pmf's tail is bounded the same way and g is at most g(0) = 1,
 * i.e. 1/g(mode) in the walk's units. The walk stops when these bounds fall below 1e−18 of the sum
 * (and of the walked mass). Its length is a few tens of sqrt(m·s(1 − s)) terms, so any m is cheap.
 *
 * s = 1 is the plain beta ({@link logBetaFailure}).
 */
export function logScaledBetaFailure(alpha: number, beta: number, scale: number, m: number): number {
  if (m === 0) return 0;
  if (scale >= 1) return logBetaFailure(alpha, beta, m);
  const odds = scale / (1 - scale);
  const mode = Math.min(m, Math.max(0, Math.floor((m + 1) * scale)));
  // Relative to the mode: log pmf = 0 and log g = 0 there; logG0 restores the absolute scale.
  const logG0 = logBetaFailure(alpha, beta, mode);
  let mass = 1;
  let sum = 1;
  // Upwards: pmf falls once past the mode, g always falls.
  let logPmf = 0;
  let logG = 0;
  for (let j = mode; j < m; j++) {
    const pmfStep = Math.log(((m - j) * odds) / (j + 1));
    logPmf += pmfStep;
    logG += Math.log1p(-alpha / (alpha + beta + j));
    const pmf = Math.exp(logPmf);
    const term = pmf * Math.exp(logG);
    mass += pmf;
    sum += term;
    // Past the mode every later ratio is below this one, so the rest is a geometric tail at most.
    const rho = Math.exp(pmfStep);
    if (rho < 1 && (term * rho) / (1 - rho) < NEGLIGIBLE * sum && (pmf * rho) / (1 - rho) < NEGLIGIBLE * mass) break;
  }
  // Downwards: the pmf ratios fall ever faster, while g grows towards g(0) = 1, so the rest of this
  // side is at most (its binomial mass) × g(0)/g(mode), with the mass a geometric tail of the pmf.
  logPmf = 0;
  logG = 0;
  for (let j = mode; j > 0; j--) {
    const pmfStep = Math.log(j / ((m - j + 1) * odds));
    logPmf += pmfStep;
    logG -= Math.log1p(-alpha / (alpha + beta + j - 1));
    const pmf = Math.exp(logPmf);
    mass += pmf;
    sum += pmf * Math.exp(logG);
    if (pmfStep < 0) {
      const rho = Math.exp(pmfStep);
      const logTailMass = logPmf + Math.log(rho / (1 - rho));
      if (logTailMass - logG0 < Math.log(NEGLIGIBLE * sum) && logTailMass < Math.log(NEGLIGIBLE * mass)) break;
    }
  }
  return logG0 + Math.log(sum / mass);
}
