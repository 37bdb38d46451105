/**
 * The standard normal quantile, for the confidence bands of the identification bounds. Internal.
 * @internal
 * @module
 */

/** Standard normal density. */
function density(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** P(0 ≤ Z ≤ z) for z ≥ 0 by composite Simpson's rule on 4096 intervals (error below 1e−12 for z ≤ 4). */
function centralMass(z: number): number {
  const steps = 4096;
  const h = z / steps;
  let s = density(0) + density(z);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * density(i * h);
  return (s * h) / 3;
}

/**
 * z with P(Z ≤ z) = p for Z ~ Normal(0, 1) and p ∈ [0.5, 1 − 1e−12]: Newton's method on
 * P(Z ≤ z) − p from Winitzki's approximation of the inverse error function (accurate to about 1e−3,
 * refined to below 1e−12 in a few steps). @internal
 */
export function upperNormalQuantile(p: number): number {
  const x = 2 * p - 1;
  const a = (8 * (Math.PI - 3)) / (3 * Math.PI * (4 - Math.PI));
  const l = Math.log(1 - x * x);
  const t = 2 / (Math.PI * a) + l / 2;
  let z = Math.SQRT2 * Math.sqrt(Math.sqrt(t * t - l / a) - t);
  for (let i = 0; i < 8; i++) {
    const step = (0.5 + centralMass(z) - p) / density(z);
    z -= step;
    if (Math.abs(step) < 1e-14) break;
  }
  return z;
}
