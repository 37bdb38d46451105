/**
 * Bounded calls into the CAS (@cortex-js/compute-engine), the fallback for expressions the
 * built-in evaluator cannot decide. Internal.
 * @internal
 * @module
 */
import { ComputeEngine } from "@cortex-js/compute-engine";
import type { Budget } from "./limits.js";
import { SeededRandom } from "../analysis/seededRandom.js";

let engine: ComputeEngine | undefined;

/**
 * Whether a LaTeX string is safe to hand to the CAS: short, no long literals, no large exponents,
 * no factorials, no big operators. The CAS cannot be interrupted once called, so everything that
 * could make it expand or iterate at length is refused up front.
 */
function casSafe(latex: string, budget: Budget): boolean {
  if (latex.length > budget.limits.maxCasLength) return false;
  if (/\d{16,}/.test(latex)) return false;
  if (/!|\\(?:sum|prod|int|lim|iint|oint)/.test(latex)) return false;
  for (const m of latex.matchAll(/\^\s*\{?\s*-?(\d+)/g)) if (Number(m[1]) > 64) return false;
  if (/\^\s*\{[^{}]*\^/.test(latex)) return false;
  let depth = 0;
  for (const c of latex) {
    if (c === "{" || c === "(") depth++;
    else if (c === "}" || c === ")") depth--;
    if (depth > 12) return false;
  }
  return true;
}

/**
 * CAS verdict: `true` when the CAS proves the two equal and its own numeric evaluation at seeded
 * points agrees, `false` when it finds them different, `undefined` when it cannot tell or one side
 * is not valid for it.
 */
export function casEquivalent(a: string, b: string, budget: Budget, seed: number): boolean | undefined {
  if (!casSafe(a, budget) || !casSafe(b, budget)) return undefined;
  budget.check();
  engine ??= new ComputeEngine();
  const x = engine.parse(a);
  const y = engine.parse(b);
  if (!x.isValid || !y.isValid) return undefined;
  budget.check();
  const proved = x.isEqual(y);
  budget.check();
  const unknowns = [...new Set([...x.unknowns, ...y.unknowns])];
  const rng = new SeededRandom(seed >>> 0);
  const rand = (): number => rng.nextDouble();
  let agree = 0;
  let disagree = 0;
  for (let i = 0; i < 6; i++) {
    const env: Record<string, number> = {};
    for (const u of unknowns) env[u] = 0.3 + 2.4 * rand();
    const fx = x.subs(env).N().re;
    const fy = y.subs(env).N().re;
    if (!Number.isFinite(fx) || !Number.isFinite(fy)) continue;
    if (Math.abs(fx - fy) <= 1e-9 * Math.max(Math.abs(fx), Math.abs(fy)) || (Math.abs(fx) < 1e-12 && Math.abs(fy) < 1e-12)) agree++;
    else disagree++;
    budget.check();
  }
  if (disagree > 0) return false;
  if (proved === true) return true;
  // Unproved but numerically identical at every valid point.
  if (agree >= 3) return true;
  return proved === false ? false : undefined;
}
