/**
 * Dense Cholesky solve for the small symmetric positive-definite systems of the NPMLE's Newton
 * steps. Internal.
 * @internal
 * @module
 */

/**
 * Solves H·x = b for a symmetric positive-definite H (row-major, size d×d) by Cholesky
 * factorisation H = R·Rᵀ, in place of nothing (H and b are left unchanged). Returns undefined when
 * a pivot is not positive (H not numerically positive definite).
 * @internal
 */
export function choleskySolve(H: Float64Array, b: Float64Array, d: number): Float64Array | undefined {
  const R = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = H[i * d + j] as number;
      for (let k = 0; k < j; k++) s -= (R[i * d + k] as number) * (R[j * d + k] as number);
      if (i === j) {
        if (!(s > 0)) return undefined;
        R[i * d + i] = Math.sqrt(s);
      } else {
        R[i * d + j] = s / (R[j * d + j] as number);
      }
    }
  }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (R[i * d + k] as number) * (y[k] as number);
    y[i] = s / (R[i * d + i] as number);
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < d; k++) s -= (R[k * d + i] as number) * (x[k] as number);
    x[i] = s / (R[i * d + i] as number);
  }
  return x;
}
