/**
 * A small dense two-phase simplex method for the linear programs of the identification bounds.
 * Internal.
 * @internal
 * @module
 */

/** A linear program: maximize c·x subject to A x ≤ b (rows of `upper`), E x = f (rows of `equal`), x ≥ 0. @internal */
export interface LinearProgram {
  /** Objective coefficients c, one per variable. */
  readonly objective: readonly number[];
  /** Inequality rows: coefficients a (one per variable) and right-hand side b of a·x ≤ b. */
  readonly upper: ReadonlyArray<{ readonly a: readonly number[]; readonly b: number }>;
  /** Equality rows: coefficients e and right-hand side f of e·x = f. */
  readonly equal: ReadonlyArray<{ readonly a: readonly number[]; readonly b: number }>;
}

/** The outcome of {@link maximizeLinearProgram}. @internal */
export type LinearProgramResult =
  | { readonly status: "optimal"; readonly value: number; readonly x: Float64Array }
  | { readonly status: "infeasible" }
  | { readonly status: "unbounded" }
  | { readonly status: "iterationLimit" };

/**
 * Maximizes a {@link LinearProgram} by the two-phase simplex method on a dense tableau (Dantzig's
 * largest-coefficient rule, switching to Bland's smallest-index rule after a run of degenerate
 * pivots so that it cannot cycle). Phase 1 minimizes the sum of artificial variables of the rows
 * whose slack cannot start the basis; a positive minimum means no x satisfies the constraints.
 * Sizes here are a few hundred variables and rows; the cost is O(rows × columns) per pivot.
 * `tolerance` (default 1e−9) is relative to the largest coefficient of the tableau's rows.
 * @internal
 */
export function maximizeLinearProgram(lp: LinearProgram, tolerance = 1e-9, maxPivots = 50_000, relax = 1e-9): LinearProgramResult {
  const nx = lp.objective.length;
  const rows = [...lp.upper.map((r) => ({ ...r, slack: true })), ...lp.equal.map((r) => ({ ...r, slack: false }))];
  const m = rows.length;
  const nSlack = lp.upper.length;
  // Columns: x (nx), slacks (nSlack), artificials (one per row that needs one), then the right-hand side.
  const needsArtificial = rows.map((r) => !r.slack || r.b < 0);
  const nArt = needsArtificial.filter(Boolean).length;
  const width = nx + nSlack + nArt + 1;
  const rhs = width - 1;
  const T: Float64Array[] = [];
  const basis = new Int32Array(m);
  let art = 0;
  const size = Math.max(1, ...rows.map((r) => Math.abs(r.b)), ...rows.map((r) => r.a.reduce((s, v) => Math.max(s, Math.abs(v)), 0)));
  rows.forEach((r, i) => {
    const row = new Float64Array(width);
    const sign = r.b < 0 ? -1 : 1;
    // Relax each inequality by a distinct tiny amount so that no vertex is degenerate (the classic
    // perturbation against stalling): the optimum moves by at most about relax·|dual|.
    const b = r.slack ? r.b + relax * size * ((i + 1) / (m + 1)) : r.b;
    for (let j = 0; j < nx; j++) row[j] = sign * (r.a[j] as number);
    if (r.slack) row[nx + i] = sign;
    row[rhs] = sign * b;
    if (needsArtificial[i]) {
      row[nx + nSlack + art] = 1;
      basis[i] = nx + nSlack + art;
      art++;
    } else {
      basis[i] = nx + i;
    }
    T.push(row);
  });
  const scale = Math.max(1, ...T.map((row) => row.reduce((s, v) => Math.max(s, Math.abs(v)), 0)));
  const eps = tolerance * scale;

  /** Runs simplex pivots maximizing the objective row `z` (reduced costs: z[j] > 0 improves). */
  const run = (z: Float64Array, allowed: number): "optimal" | "unbounded" | "iterationLimit" => {
    let degenerate = 0;
    for (let pivots = 0; pivots < maxPivots; pivots++) {
      let enter = -1;
      let best = eps;
      for (let j = 0; j < allowed; j++) {
        const v = z[j] as number;
        if (degenerate > 50 ? v > eps : v > best) {
          enter = j;
          best = v;
          if (degenerate > 50) break;
        }
      }
      if (enter < 0) return "optimal";
      let leave = -1;
      let ratio = Infinity;
      for (let i = 0; i < m; i++) {
        const a = (T[i] as Float64Array)[enter] as number;
        if (a > eps) {
          const r = ((T[i] as Float64Array)[rhs] as number) / a;
          if (r < ratio - eps || (r <= ratio + eps && leave >= 0 && (basis[i] as number) < (basis[leave] as number))) {
            ratio = r;
            leave = i;
          }
        }
      }
      if (leave < 0) return "unbounded";
      degenerate = ratio <= eps ? degenerate + 1 : 0;
      pivot(leave, enter, z);
    }
    return "iterationLimit";
  };
  const pivot = (leave: number, enter: number, z: Float64Array): void => {
    const p = T[leave] as Float64Array;
    const a = p[enter] as number;
    for (let j = 0; j < width; j++) p[j] = (p[j] as number) / a;
    const eliminate = (row: Float64Array) => {
      const f = row[enter] as number;
      if (f === 0) return;
      for (let j = 0; j < width; j++) row[j] = (row[j] as number) - f * (p[j] as number);
      row[enter] = 0;
    };
    for (let i = 0; i < m; i++) if (i !== leave) eliminate(T[i] as Float64Array);
    eliminate(z);
    if (z !== phase2 && phase2) eliminate(phase2);
    basis[leave] = enter;
  };
  let phase2: Float64Array | undefined;

  // Phase 1: maximize −(sum of artificials); reduced costs are the column sums of the rows with one.
  if (nArt > 0) {
    const z1 = new Float64Array(width);
    rows.forEach((_, i) => {
      if (!needsArtificial[i]) return;
      const row = T[i] as Float64Array;
      for (let j = 0; j < nx + nSlack; j++) z1[j] = (z1[j] as number) + (row[j] as number);
      z1[rhs] = (z1[rhs] as number) + (row[rhs] as number);
    });
    phase2 = new Float64Array(width);
    for (let j = 0; j < nx; j++) phase2[j] = lp.objective[j] as number;
    const status = run(z1, nx + nSlack);
    if (status === "iterationLimit") return { status };
    if ((z1[rhs] as number) > eps * Math.max(1, m)) return { status: "infeasible" };
    // Drive artificials still basic (at 0) out of the basis, or leave them if their row is redundant.
    for (let i = 0; i < m; i++) {
      if ((basis[i] as number) < nx + nSlack) continue;
      const row = T[i] as Float64Array;
      let enter = -1;
      for (let j = 0; j < nx + nSlack; j++) if (Math.abs(row[j] as number) > eps) { enter = j; break; }
      if (enter >= 0) pivot(i, enter, z1);
    }
    const z2 = phase2;
    phase2 = undefined;
    // Express the objective in the current basis.
    for (let i = 0; i < m; i++) {
      const b = basis[i] as number;
      const f = z2[b] as number;
      if (f === 0 || b >= nx + nSlack) continue;
      const row = T[i] as Float64Array;
      for (let j = 0; j < width; j++) z2[j] = (z2[j] as number) - f * (row[j] as number);
    }
    const s2 = run(z2, nx + nSlack);
    if (s2 !== "optimal") return { status: s2 };
    return finish();
  }
  const z = new Float64Array(width);
  for (let j = 0; j < nx; j++) z[j] = lp.objective[j] as number;
  const s = run(z, nx + nSlack);
  if (s !== "optimal") return { status: s };
  return finish();

  function finish(): LinearProgramResult {
    const x = new Float64Array(nx);
    for (let i = 0; i < m; i++) {
      const b = basis[i] as number;
      if (b < nx) x[b] = Math.max(0, (T[i] as Float64Array)[rhs] as number);
    }
    let value = 0;
    for (let j = 0; j < nx; j++) value += (lp.objective[j] as number) * (x[j] as number);
    return { status: "optimal", value, x };
  }
}
