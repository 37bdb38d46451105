/**
 * A small deterministic Nelder–Mead minimizer for the low-dimensional likelihood fits. Internal.
 * @internal
 * @module
 */

/** Result of {@link nelderMead}. */
export interface MinimizeResult {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Minimizes `f` from `start` with the standard Nelder–Mead coefficients (reflection 1, expansion 2,
 * contraction ½, shrink ½; Nelder & Mead 1965) and an initial simplex of `step` along each axis.
 * Stops when the spread of function values and of the simplex coordinates both fall below `tol`.
 * `f` may return +Infinity for points outside its domain; they are simply never accepted.
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  { step = 0.5, tol = 1e-10, maxIterations = 5000 }: { step?: number; tol?: number; maxIterations?: number } = {},
): MinimizeResult {
  const dim = start.length;
  let simplex: number[][] = [start.slice()];
  for (let i = 0; i < dim; i++) {
    const p = start.slice();
    p[i] = (p[i] as number) + step;
    simplex.push(p);
  }
  let values = simplex.map(f);
  const combine = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * ((b[i] as number) - ai));

  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
    simplex = order.map((i) => simplex[i] as number[]);
    values = order.map((i) => values[i] as number);
    const best = values[0] as number;
    const worst = values[dim] as number;
    let spread = 0;
    for (let i = 1; i <= dim; i++) {
      for (let d = 0; d < dim; d++) {
        spread = Math.max(spread, Math.abs(((simplex[i] as number[])[d] as number) - ((simplex[0] as number[])[d] as number)));
      }
    }
    if (Math.abs(worst - best) <= tol * (1 + Math.abs(best)) && spread <= Math.sqrt(tol)) {
      converged = true;
      break;
    }
    iterations++;
    const centroid = new Array<number>(dim).fill(0);
    for (let i = 0; i < dim; i++) for (let d = 0; d < dim; d++) centroid[d] = (centroid[d] as number) + ((simplex[i] as number[])[d] as number) / dim;
    const worstPoint = simplex[dim] as number[];
    const reflected = combine(centroid, worstPoint, -1);
    const fr = f(reflected);
    if (fr < best) {
      const expanded = combine(centroid, worstPoint, -2);
      const fe = f(expanded);
      [simplex[dim], values[dim]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < (values[dim - 1] as number)) {
      [simplex[dim], values[dim]] = [reflected, fr];
    } else {
      const outside = fr < worst;
      const contracted = combine(centroid, outside ? reflected : worstPoint, 0.5);
      const fc = f(contracted);
      if (fc < (outside ? fr : worst)) {
        [simplex[dim], values[dim]] = [contracted, fc];
      } else {
        const best0 = simplex[0] as number[];
        for (let i = 1; i <= dim; i++) {
          simplex[i] = combine(best0, simplex[i] as number[], 0.5);
          values[i] = f(simplex[i] as number[]);
        }
      }
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= dim; i++) if ((values[i] as number) < (values[bestIndex] as number)) bestIndex = i;
  return { x: simplex[bestIndex] as number[], value: values[bestIndex] as number, iterations, converged };
}
