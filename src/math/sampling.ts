/**
 * Equivalence of two expressions in variables by evaluation at seeded sample points. Internal.
 * @internal
 * @module
 */
import { SeededRandom } from "../analysis/seededRandom.js";
import type { MathNode } from "./ast.js";
import { constRational, evalConst, evalFloat, NotANumber, type Num, numOf, Real, toDec } from "./evaluate.js";
import { type Budget, MathLimitError } from "./limits.js";
import * as Q from "./rational.js";

/** Outcome of a comparison at sample points. */
export type SampleVerdict = "equal" | "different" | "unknown";

/**
 * Sample ranges: positive, negative, near zero, larger and much larger magnitudes of both signs,
 * so that sign and domain differences show (`\sqrt{x^2}` vs `x` differ at negative points,
 * `\ln(x^2)` vs `2\ln x` in their domains, `\sqrt{x-50}` is defined somewhere).
 */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0.3, 2.7],
  [-2.7, -0.3],
  [-0.3, 0.3],
  [3, 12],
  [-12, -3],
  [20, 200],
  [-200, -20],
];
/** Denominators of the rational sample points: never integers, never halves. */
const DENOMINATORS = [7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n];
const POINTS = 14;
const D = Real.D;
/** Two 60-digit values agree when they differ by less than this, relative. */
const REL_TOL = new D("1e-40");
/** Cancellation error of 60-digit arithmetic, relative to the largest term summed. */
const NOISE = new D("1e-45");
/** An absolute error below this is negligible: the values are both 0. */
const ABS_ZERO = new D("1e-30");

interface Point {
  readonly exact: ReadonlyMap<string, Num>;
  readonly float: ReadonlyMap<string, number>;
  /** An extra point ({@link extraPoints}): one the caps cannot evaluate is skipped. */
  readonly extra?: true;
}

/** The seeded sample points: rationals p/q in each range, or small integers for n!, \binom. */
function samplePoints(vars: readonly string[], seed: number, integers: boolean): Point[] {
  const rng = new SeededRandom(seed >>> 0);
  const points: Point[] = [];
  for (let k = 0; k < POINTS; k++) {
    const exact = new Map<string, Num>();
    const float = new Map<string, number>();
    vars.forEach((v, j) => {
      let p: bigint;
      let q: bigint;
      if (integers) {
        p = BigInt(2 + ((k * 5 + j * 3 + rng.nextIndex(7)) % 14));
        q = 1n;
      } else {
        const [lo, hi] = RANGES[(k + 3 * j) % RANGES.length] as readonly [number, number];
        q = DENOMINATORS[rng.nextIndex(DENOMINATORS.length)] as bigint;
        p = BigInt(Math.round((lo + (hi - lo) * rng.nextDouble()) * Number(q)));
        if (p % q === 0n) p += p >= 0n ? 1n : -1n;
      }
      exact.set(v, numOf.exact(Q.rat(p, q)));
      float.set(v, Number(p) / Number(q));
    });
    points.push({ exact, float });
  }
  return points;
}

/** Functions whose value has corners or jumps: equal on an interval does not mean equal everywhere. */
const PIECEWISE = new Set(["abs", "floor", "ceil"]);
/** Far points per comparison, and the largest literal magnitude they are placed beyond. */
const FAR_POINTS = 4;
const FAR_MAX_LITERAL = 1e12;

/** The sub-expressions of a node, whatever its kind. */
function children(n: MathNode): MathNode[] {
  const out: MathNode[] = [];
  for (const v of Object.values(n) as unknown[]) {
    if (Array.isArray(v)) {
      for (const item of v as unknown[]) {
        if (Array.isArray(item)) out.push(...(item as MathNode[]));
        else if (typeof item === "object" && item !== null) out.push(item as MathNode);
      }
    } else if (typeof v === "object" && v !== null && "k" in v) out.push(v as MathNode);
  }
  return out;
}

/**
 * The largest |literal| in `n`, whether it holds a piecewise function ({@link PIECEWISE}), and
 * whether one of them jumps (floor, ceil).
 */
function scanLiterals(n: MathNode, acc: { max: number; piecewise: boolean; jumps: boolean }): void {
  if (n.k === "num") {
    acc.max = Math.max(acc.max, Math.abs(Number(n.r.n) / Number(n.r.d)));
    return;
  }
  if (n.k === "fn" && PIECEWISE.has(n.name)) {
    acc.piecewise = true;
    if (n.name !== "abs") acc.jumps = true;
  }
  for (const c of children(n)) scanLiterals(c, acc);
}

/**
 * The sign of variable `j` at far point `k`: all variables positive (k = 0), all negative (k = 1),
 * then alternating both ways, so that x + y and x − y each get far past every literal at some
 * point. Shared with the CAS's far check. @internal
 */
export function farSign(k: number, j: number): 1 | -1 {
  return k < 2 ? (k === 0 ? 1 : -1) : (j + k) % 2 === 0 ? 1 : -1;
}

/** Integer values of the variables at the integer points (the j-th variable gets value + 2j). */
const INTEGER_VALUES = [3, -2, 7] as const;

/**
 * The extra points of two expressions with a piecewise function: {@link farPoints}, and with a
 * floor or a ceiling, 3 points where every variable is an integer. The regular points are never
 * integers (a floor's jump sits exactly there), so `\lfloor x \rfloor + 1` and `\lceil x \rceil`,
 * different at every integer, would agree at all of them.
 */
function extraPoints(g: MathNode, p: MathNode, vars: readonly string[], seed: number): Point[] {
  const acc = { max: 0, piecewise: false, jumps: false };
  scanLiterals(g, acc);
  scanLiterals(p, acc);
  if (!acc.piecewise) return [];
  const points = farPoints(acc.max, vars, seed);
  if (acc.jumps) {
    for (const value of INTEGER_VALUES) {
      const exact = new Map<string, Num>();
      const float = new Map<string, number>();
      vars.forEach((v, j) => {
        const x = value + 2 * j;
        exact.set(v, numOf.exact(Q.rat(BigInt(x), 1n)));
        float.set(v, x);
      });
      points.push({ exact, float, extra: true });
    }
  }
  return points;
}

/**
 * Far points for expressions with a piecewise function: each variable at ±(1.5M + 3 … 3M + 7),
 * M the largest literal of either side, seeded magnitudes. `|x − 1000|` and `1000 − x` agree on every
 * range of {@link RANGES}; a corner sits where an argument crosses a literal, and beyond 1.5M + 3
 * a linear argument is past every one of them. Without a piecewise function two expressions equal
 * on the ranges are analytic and equal wherever both are defined, so no extra point is drawn.
 */
function farPoints(max: number, vars: readonly string[], seed: number): Point[] {
  if (!(max > 0) || max > FAR_MAX_LITERAL) return [];
  const rng = new SeededRandom((seed ^ 0x5bd1e995) >>> 0);
  const lo = 1.5 * max + 3;
  const hi = 3 * max + 7;
  const points: Point[] = [];
  for (let k = 0; k < FAR_POINTS; k++) {
    const exact = new Map<string, Num>();
    const float = new Map<string, number>();
    vars.forEach((v, j) => {
      const sign = farSign(k, j);
      const q = DENOMINATORS[rng.nextIndex(DENOMINATORS.length)] as bigint;
      let num = BigInt(Math.round(sign * (lo + (hi - lo) * rng.nextDouble()) * Number(q)));
      if (num % q === 0n) num += num >= 0n ? 1n : -1n;
      exact.set(v, numOf.exact(Q.rat(num, q)));
      float.set(v, Number(num) / Number(q));
    });
    points.push({ exact, float, extra: true });
  }
  return points;
}

/** Whether a node is a rational function: numbers, variables, + − × ÷ and integer powers only. */
function isRationalFunction(n: MathNode): boolean {
  switch (n.k) {
    case "num":
    case "var":
      return true;
    case "neg":
    case "pct":
      return isRationalFunction(n.a);
    case "add":
    case "sub":
    case "mul":
    case "div":
      return isRationalFunction(n.a) && isRationalFunction(n.b);
    case "pow": {
      const e = constRational(n.b);
      return e !== undefined && e.d === 1n && isRationalFunction(n.a);
    }
    default:
      return false;
  }
}

function hasIntegerFunction(n: MathNode): boolean {
  if (n.k === "fn") return n.name === "factorial" || n.name === "binom" || n.args.some(hasIntegerFunction);
  if ("a" in n && hasIntegerFunction(n.a)) return true;
  if ("b" in n && hasIntegerFunction(n.b)) return true;
  return false;
}

/** Exact evaluation at a point: the value, or "undefined" outside the expression's domain. */
function exactAt(n: MathNode, pt: Point, budget: Budget): Num | "undefined" {
  try {
    return evalConst(n, budget, pt.exact);
  } catch (e) {
    if (e instanceof NotANumber || e instanceof RangeError) return "undefined";
    throw e;
  }
}

/** Agreement of two exact values (rational functions): exact equality. */
function agree(a: Num, b: Num): boolean {
  if (a.exact && b.exact) return Q.eq(a.r, b.r);
  return judge(a, b, 1) === "agree";
}

/**
 * Two values at one point, exact or to 60 digits, where `terms` bounds the magnitude of the terms
 * summed on the way (see `evalFloat`'s `scale`): their cancellation leaves an absolute error up
 * to about 10^-45 · terms. Equal to 40 significant digits: "agree". Apart by more than that
 * error: "differ". Within it: "agree" when the error is negligible (both values are 0 up to
 * 10^-30, as sin²x + cos²x − 1), else "noise" — the point is ill-conditioned (cosh²x − sinh²x
 * at x = 150 cancels 130 digits) and says nothing.
 */
function judge(a: Num, b: Num, terms: number): "agree" | "differ" | "noise" {
  if (a.exact && b.exact) return Q.eq(a.r, b.r) ? "agree" : "differ";
  const x = toDec(a);
  const y = toDec(b);
  const diff = x.sub(y).abs();
  const scale = x.abs().gt(y.abs()) ? x.abs() : y.abs();
  if (diff.lte(scale.mul(REL_TOL))) return "agree";
  const noise = NOISE.mul(Number.isFinite(terms) ? Math.max(terms, 1) : Number.MAX_VALUE);
  if (diff.gt(noise)) return "differ";
  return noise.lte(ABS_ZERO) ? "agree" : "noise";
}

/**
 * Compares gold `g` and prediction `p` as functions of `vars`.
 *
 * - Rational functions (and anything with n! or \binom, at integer points) are evaluated exactly
 *   with BigInt rationals at seeded rational points: equal iff equal at every point where both
 *   are defined (≥ 5 such points); no tolerance, so `x+1` ≠ `x+1.0000001` and `x+10^{-30}` ≠ `x`.
 * - Other expressions are screened in floating point at 14 points over all ranges; every point
 *   where they seem to differ, and two where they agree, are re-evaluated exactly at the same
 *   rational point with 60-digit decimals, which decide (40 digits must agree) unless the
 *   difference is within the cancellation error of the terms summed (the point is then
 *   ill-conditioned, as cosh²x − sinh²x at x = 150, and is skipped). A point where one side is defined and the other is not (confirmed
 *   the same way) is a domain difference: two of them make the expressions different
 *   (`\ln(x^2)` ≠ `2\ln x`, `\sqrt{x}^2` ≠ `x`).
 * - With `|…|`, `\lfloor…\rfloor` or `\lceil…\rceil` on either side, 4 more points lie beyond
 *   every literal (see farPoints): `1000 − x` ≠ `|x − 1000|`, which agree on every range; with a
 *   floor or a ceiling, 3 more at integers: `\lfloor x \rfloor + 1` ≠ `\lceil x \rceil`.
 * - Fewer than 4 usable points: "unknown".
 */
export function compareBySampling(g: MathNode, p: MathNode, vars: readonly string[], budget: Budget, seed: number): SampleVerdict {
  const integers = hasIntegerFunction(g) || hasIntegerFunction(p);
  const points = integers ? samplePoints(vars, seed, integers) : [...samplePoints(vars, seed, integers), ...extraPoints(g, p, vars, seed)];
  try {
    if (integers || (isRationalFunction(g) && isRationalFunction(p))) return exactly(g, p, points, budget);
    return screened(g, p, points, budget);
  } catch (e) {
    // A sample value beyond the exact caps (x^{5000} at 200): not decidable this way.
    if (e instanceof MathLimitError) return "unknown";
    throw e;
  }
}

/**
 * `f()` at one point; `undefined` for an extra point whose values exceed the caps (x^{50} at 3·10^6),
 * which is skipped rather than making the whole comparison undecidable as a regular point does.
 */
function atPoint<T>(pt: Point, f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (pt.extra === true && e instanceof MathLimitError) return undefined;
    throw e;
  }
}

function exactly(g: MathNode, p: MathNode, points: readonly Point[], budget: Budget): SampleVerdict {
  let valid = 0;
  let mismatch = 0;
  for (const pt of points) {
    const pair = atPoint(pt, () => [exactAt(g, pt, budget), exactAt(p, pt, budget)] as const);
    if (pair === undefined) continue;
    const [a, b] = pair;
    if (a === "undefined" && b === "undefined") continue;
    if (a === "undefined" || b === "undefined") {
      mismatch++;
      continue;
    }
    if (!agree(a, b)) return "different";
    valid++;
  }
  // A removable singularity ((x²−1)/(x−1) vs x+1) is never sampled; a domain difference is.
  if (mismatch >= 2) return "different";
  return valid >= 5 ? "equal" : "unknown";
}

function screened(g: MathNode, p: MathNode, points: readonly Point[], budget: Budget): SampleVerdict {
  let mismatch = 0;
  const agreeing: Array<{ pt: Point; terms: number }> = [];
  for (const pt of points) {
    const sg = { max: 0 };
    const sp = { max: 0 };
    const floats = atPoint(pt, () => [evalFloat(g, pt.float, budget, sg), evalFloat(p, pt.float, budget, sp)] as const);
    if (floats === undefined) continue;
    const [a, b] = floats;
    const terms = Math.max(sg.max, sp.max, Math.abs(a), Math.abs(b));
    const fa = Number.isFinite(a);
    const fb = Number.isFinite(b);
    if (fa && fb) {
      const scale = Math.max(Math.abs(a), Math.abs(b));
      if (scale < 1e-300 || Math.abs(a - b) <= 1e-12 * scale) {
        agreeing.push({ pt, terms });
        continue;
      }
    } else if (!(Number.isNaN(a) !== Number.isNaN(b))) {
      // Both undefined here, or an infinity (a pole): no information.
      continue;
    }
    // They seem to differ (in value or in domain): decide with 60 digits at this point.
    budget.check();
    const exact = atPoint(pt, () => [exactAt(g, pt, budget), exactAt(p, pt, budget)] as const);
    if (exact === undefined) continue;
    const [x, y] = exact;
    if (x === "undefined" && y === "undefined") continue;
    if (x === "undefined" || y === "undefined") {
      if (++mismatch >= 2) return "different";
      continue;
    }
    const verdict = judge(x, y, terms);
    if (verdict === "differ") return "different";
    if (verdict === "agree") agreeing.push({ pt, terms });
  }
  if (agreeing.length < 4) return "unknown";
  // Float agreement to 12 digits is a screen, not a proof: confirm at two points with 60 digits.
  let confirmed = 0;
  for (const { pt, terms } of agreeing) {
    if (confirmed === 2) break;
    budget.check();
    const exact = atPoint(pt, () => [exactAt(g, pt, budget), exactAt(p, pt, budget)] as const);
    if (exact === undefined) continue;
    const [x, y] = exact;
    if (x === "undefined" || y === "undefined") continue;
    const verdict = judge(x, y, terms);
    if (verdict === "differ") return "different";
    if (verdict === "agree") confirmed++;
  }
  return mismatch > 0 || confirmed < 2 ? "unknown" : "equal";
}
