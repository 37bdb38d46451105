/**
 * Exact / high-precision evaluation of constant answers and float evaluation at sample points.
 * Internal.
 * @internal
 * @module
 */
import { Decimal } from "decimal.js";
import type { MathNode } from "./ast.js";
import { type Budget, MathLimitError } from "./limits.js";
import * as Q from "./rational.js";
import type { Rat } from "./rational.js";

/** Significant digits of irrational evaluations. */
export const REAL_DIGITS = 60;
const D = Decimal.clone({ precision: REAL_DIGITS, rounding: Decimal.ROUND_HALF_EVEN, maxE: 9e15, minE: -9e15 });
export type Dec = InstanceType<typeof D>;
let PI: Dec | undefined;
let E: Dec | undefined;

/** An exact rational or a 60-digit real. */
export type Num = { readonly exact: true; readonly r: Rat } | { readonly exact: false; readonly x: Dec };

/**
 * The value is not a real number (or not a number at all: a set, a variable, ∞). A plain class,
 * not an `Error`: it is an expected outcome thrown on hot paths (every sample point outside a
 * domain), and capturing a stack trace each time would cost more than the evaluation.
 */
export class NotANumber {
  constructor(readonly message: string) {}
}

const exact = (r: Rat): Num => ({ exact: true, r });
const real = (x: Dec): Num => {
  if (!x.isFinite()) throw new NotANumber("not finite");
  return { exact: false, x };
};
export function toDec(v: Num): Dec {
  return v.exact ? new D(v.r.n.toString()).div(v.r.d.toString()) : v.x;
}

function bigToDec(n: bigint): Dec {
  return new D(n.toString());
}

/**
 * Evaluates a numeric node exactly (BigInt rationals) where it can, else to 60 significant digits;
 * variables take their values from `env` (exact sample points). Throws {@link NotANumber} for
 * anything that is not a real number (a free variable, a set, ∞, a value outside a domain).
 */
export function evalConst(node: MathNode, budget: Budget, env?: ReadonlyMap<string, Num>): Num {
  budget.tick();
  const m = budget.limits.maxExactDigits;
  switch (node.k) {
    case "num":
      return exact(node.r);
    case "var": {
      const v = env?.get(node.name);
      if (v === undefined) throw new NotANumber(`free variable ${node.name}`);
      return v;
    }
    case "const":
      if (node.name === "pi") return real((PI ??= D.acos(-1)));
      if (node.name === "e") return real((E ??= D.exp(1)));
      throw new NotANumber("infinity");
    case "neg": {
      const a = evalConst(node.a, budget, env);
      return a.exact ? exact(Q.rat(-a.r.n, a.r.d)) : real(a.x.neg());
    }
    case "add":
    case "sub":
    case "mul":
    case "div":
      return arith(node.k, evalConst(node.a, budget, env), evalConst(node.b, budget, env), budget);
    case "pow":
      return power(evalConst(node.a, budget, env), evalConst(node.b, budget, env), budget);
    case "pct": {
      const a = evalConst(node.a, budget, env);
      return a.exact ? exact(Q.div(a.r, Q.rat(100n), m)) : real(a.x.div(100));
    }
    case "fn":
      return func(node.name, node.args.map((x) => evalConst(x, budget, env)), budget);
    default:
      throw new NotANumber(node.k);
  }
}

/** a + b, a − b, a × b, a ÷ b: exact when both are, else to 60 digits. */
export function arith(op: "add" | "sub" | "mul" | "div", a: Num, b: Num, budget: Budget): Num {
  const m = budget.limits.maxExactDigits;
  if (a.exact && b.exact) {
    if (op === "div" && b.r.n === 0n) throw new NotANumber("division by zero");
    const f = op === "add" ? Q.add : op === "sub" ? Q.sub : op === "mul" ? Q.mul : Q.div;
    return exact(f(a.r, b.r, m));
  }
  const x = toDec(a);
  const y = toDec(b);
  if (op === "div" && y.isZero()) throw new NotANumber("division by zero");
  return real(op === "add" ? x.add(y) : op === "sub" ? x.sub(y) : op === "mul" ? x.mul(y) : x.div(y));
}

/** Whether a value is exactly zero. */
export function isZeroNum(v: Num): boolean {
  return v.exact ? v.r.n === 0n : v.x.isZero();
}

/** Wraps a rational or a 60-digit decimal as a {@link Num}. */
export const numOf = { exact, real };

export function power(a: Num, b: Num, budget: Budget): Num {
  const lim = budget.limits;
  if (a.exact && b.exact) {
    if (b.r.d === 1n) {
      if (a.r.n === 0n && b.r.n < 0n) throw new NotANumber("division by zero");
      return exact(Q.powInt(a.r, b.r.n, lim.maxExactDigits, lim.maxExponent));
    }
    // Rational exponent p/q: exact when the q-th root is exact (8^{2/3} = 4). A negative base
    // has a real q-th root only for odd q: (-8)^{2/3} = ((-8)^{1/3})^2 = 4.
    if (b.r.d <= 64n && (a.r.n >= 0n || b.r.d % 2n === 1n)) {
      const q = Number(b.r.d);
      const neg = a.r.n < 0n;
      const rn = Q.exactRoot(neg ? -a.r.n : a.r.n, q);
      const rd = Q.exactRoot(a.r.d, q);
      if (rn !== undefined && rd !== undefined) return exact(Q.powInt(Q.rat(neg ? -rn : rn, rd), b.r.n, lim.maxExactDigits, lim.maxExponent));
    }
  }
  const x = toDec(a);
  const y = toDec(b);
  if (x.isZero()) {
    if (y.isPositive() && !y.isZero()) return exact(Q.ZERO);
    throw new NotANumber("0 to a non-positive power");
  }
  let sign = 1;
  if (x.isNegative() && !y.isInteger()) {
    // Only an exact exponent p/q with q odd has a real value: (-a)^{p/q} = (-1)^p a^{p/q}.
    if (!b.exact || b.r.d % 2n === 0n) throw new NotANumber("negative base, fractional exponent");
    sign = b.r.n % 2n === 0n ? 1 : -1;
  }
  // Refuse before computing when the result's exponent would be astronomically large or small.
  const mag = Math.abs(y.toNumber()) * Math.abs(Math.log10(Math.abs(x.toNumber()) || Number.MIN_VALUE));
  const magnitude = Number.isFinite(mag) ? mag : Math.abs(y.toNumber()) * Math.abs(x.abs().log(10).toNumber());
  if (!Number.isFinite(magnitude) || magnitude > lim.maxExactDigits) throw new MathLimitError("exponent too large");
  return real(sign === 1 ? x.abs().pow(y) : x.abs().pow(y).neg());
}

/** A real function of real arguments (factorial, binom, floor, abs, roots, trig, logs, exp). */
export function func(name: string, args: Num[], budget: Budget): Num {
  const lim = budget.limits;
  const [a, b] = args;
  if (!a) throw new NotANumber("missing argument");
  if (name === "factorial") {
    if (!a.exact || a.r.d !== 1n || a.r.n < 0n) throw new NotANumber("factorial of a non-natural number");
    if (a.r.n > BigInt(lim.maxFactorial)) throw new MathLimitError("factorial too large");
    return exact(Q.rat(Q.factorial(Number(a.r.n))));
  }
  if (name === "binom") {
    if (!b || !a.exact || !b.exact || a.r.d !== 1n || b.r.d !== 1n) throw new NotANumber("binomial of non-integers");
    const n = a.r.n;
    const k = b.r.n;
    if (k < 0n || k > n) return exact(Q.ZERO);
    const kk = k < n - k ? k : n - k;
    if (kk > BigInt(lim.maxFactorial)) throw new MathLimitError("binomial too large");
    let r = 1n;
    for (let i = 0n; i < kk; i++) r = (r * (n - i)) / (i + 1n);
    return exact(Q.rat(r, 1n, lim.maxExactDigits));
  }
  if (name === "floor" || name === "ceil") {
    if (a.exact) {
      const q = a.r.n / a.r.d;
      const exactDiv = q * a.r.d === a.r.n;
      const fl = a.r.n < 0n && !exactDiv ? q - 1n : q;
      return exact(Q.rat(name === "floor" || exactDiv ? fl : fl + 1n));
    }
    return real(name === "floor" ? a.x.floor() : a.x.ceil());
  }
  if (name === "abs") return a.exact ? exact(Q.rat(a.r.n < 0n ? -a.r.n : a.r.n, a.r.d)) : real(a.x.abs());
  if (name === "sqrt" || name === "root") {
    let k = 2;
    if (name === "root") {
      if (!b || !b.exact || b.r.d !== 1n || b.r.n < 2n || b.r.n > 64n) throw new NotANumber("unsupported root index");
      k = Number(b.r.n);
    }
    if (a.exact) {
      const neg = a.r.n < 0n;
      if (neg && k % 2 === 0) throw new NotANumber("even root of a negative number");
      const rn = Q.exactRoot(neg ? -a.r.n : a.r.n, k);
      const rd = Q.exactRoot(a.r.d, k);
      if (rn !== undefined && rd !== undefined) return exact(Q.rat(neg ? -rn : rn, rd));
    }
    const x = toDec(a);
    if (x.isNegative() && k % 2 === 0) throw new NotANumber("even root of a negative number");
    const r = k === 2 ? x.sqrt() : x.abs().pow(new D(1).div(k)).mul(x.isNegative() ? -1 : 1);
    return real(r);
  }
  const x = toDec(a);
  // Trig of a huge argument needs a huge argument reduction: refuse it.
  if (x.abs().gt(1e6)) throw new MathLimitError("function argument too large");
  switch (name) {
    case "sin":
      return real(x.sin());
    case "cos":
      return real(x.cos());
    case "tan":
      return real(x.tan());
    case "sec":
      return real(new D(1).div(x.cos()));
    case "csc":
      return real(new D(1).div(x.sin()));
    case "cot":
      return real(new D(1).div(x.tan()));
    case "arcsin":
      return real(x.asin());
    case "arccos":
      return real(x.acos());
    case "arctan":
      return real(x.atan());
    case "sinh":
      return real(x.sinh());
    case "cosh":
      return real(x.cosh());
    case "tanh":
      return real(x.tanh());
    case "exp":
      return real(x.exp());
    case "ln":
    case "log": {
      if (!x.isPositive() || x.isZero()) throw new NotANumber("log of a non-positive number");
      // \log means the natural log in most math answers (SymPy's convention too).
      if (a.exact && a.r.n === 1n && a.r.d === 1n) return exact(Q.ZERO);
      return real(x.ln());
    }
    default:
      throw new NotANumber(`unknown function ${name}`);
  }
}

/**
 * Float evaluation with variables bound; NaN where undefined (outside the domain). `scale.max`,
 * when given, receives the largest magnitude of the terms of every sum or difference: the
 * absolute error of the result (in floats or in 60-digit decimals alike) is proportional to it.
 */
export function evalFloat(node: MathNode, env: ReadonlyMap<string, number>, budget: Budget, scale?: { max: number }): number {
  budget.tick();
  const f = (n: MathNode): number => evalFloat(n, env, budget, scale);
  switch (node.k) {
    case "num":
      return Number(node.r.n) / Number(node.r.d);
    case "const":
      return node.name === "pi" ? Math.PI : node.name === "e" ? Math.E : NaN;
    case "var": {
      const v = env.get(node.name);
      return v === undefined ? NaN : v;
    }
    case "neg":
      return -f(node.a);
    case "add":
    case "sub": {
      // The largest term added or subtracted bounds the cancellation error of the result.
      const a = f(node.a);
      const b = f(node.b);
      if (scale !== undefined) scale.max = Math.max(scale.max, Math.abs(a), Math.abs(b));
      return node.k === "add" ? a + b : a - b;
    }
    case "mul":
      return f(node.a) * f(node.b);
    case "div":
      return f(node.a) / f(node.b);
    case "pow": {
      const a = f(node.a);
      const b = f(node.b);
      if (a < 0 && !Number.isInteger(b)) {
        // Only a written exponent p/q with q odd has a real value: (-8)^{2/3} = 4, (-8)^{1/3} = -2.
        const q = constRational(node.b);
        if (q === undefined || q.d % 2n === 0n) return NaN;
        const mag = Math.pow(-a, b);
        return q.n % 2n === 0n ? mag : -mag;
      }
      return Math.pow(a, b);
    }
    case "pct":
      return f(node.a) / 100;
    case "fn": {
      const [a0, a1] = node.args;
      const x = a0 ? f(a0) : NaN;
      switch (node.name) {
        case "sqrt":
          return Math.sqrt(x);
        case "root": {
          const k = a1 ? f(a1) : NaN;
          return x < 0 && k % 2 === 1 ? -Math.pow(-x, 1 / k) : Math.pow(x, 1 / k);
        }
        case "abs":
          return Math.abs(x);
        case "floor":
          return Math.floor(x);
        case "ceil":
          return Math.ceil(x);
        case "sin":
          return Math.sin(x);
        case "cos":
          return Math.cos(x);
        case "tan":
          return Math.tan(x);
        case "sec":
          return 1 / Math.cos(x);
        case "csc":
          return 1 / Math.sin(x);
        case "cot":
          return 1 / Math.tan(x);
        case "arcsin":
          return Math.asin(x);
        case "arccos":
          return Math.acos(x);
        case "arctan":
          return Math.atan(x);
        case "sinh":
          return Math.sinh(x);
        case "cosh":
          return Math.cosh(x);
        case "tanh":
          return Math.tanh(x);
        case "exp":
          return Math.exp(x);
        case "ln":
        case "log":
          return Math.log(x);
        case "factorial": {
          if (!Number.isInteger(x) || x < 0 || x > 170) return NaN;
          let p = 1;
          for (let i = 2; i <= x; i++) p *= i;
          return p;
        }
        case "binom": {
          const k = a1 ? f(a1) : NaN;
          if (!Number.isInteger(x) || !Number.isInteger(k) || k < 0 || k > x || x > 1000) return NaN;
          let r = 1;
          for (let i = 0; i < k; i++) r = (r * (x - i)) / (i + 1);
          return r;
        }
        default:
          return NaN;
      }
    }
    default:
      return NaN;
  }
}

/** The value of a literal rational exponent (`2`, `-3`, `\frac{2}{3}`, `2/3`), else undefined. */
export function constRational(n: MathNode): Rat | undefined {
  if (n.k === "num") return n.r;
  if (n.k === "neg") {
    const a = constRational(n.a);
    return a === undefined ? undefined : Q.rat(-a.n, a.d);
  }
  if (n.k === "div") {
    const a = constRational(n.a);
    const b = constRational(n.b);
    return a === undefined || b === undefined || b.n === 0n ? undefined : Q.div(a, b, 400);
  }
  return undefined;
}

/** Free variables of a node. */
export function freeVars(node: MathNode, out: Set<string> = new Set()): Set<string> {
  switch (node.k) {
    case "var":
      out.add(node.name);
      break;
    case "num":
    case "const":
    case "text":
      break;
    case "neg":
    case "pct":
      freeVars(node.a, out);
      break;
    case "add":
    case "sub":
    case "mul":
    case "div":
    case "pow":
    case "pm":
      freeVars(node.a, out);
      freeVars(node.b, out);
      break;
    case "fn":
      for (const a of node.args) freeVars(a, out);
      break;
    case "matrix":
      for (const r of node.rows) for (const a of r) freeVars(a, out);
      break;
    case "setbuilder":
      // The bound variable is not free.
      freeVars(node.cond, out);
      if (node.domain) freeVars(node.domain, out);
      if (node.v.k === "var") out.delete(node.v.name);
      break;
    case "setminus":
      freeVars(node.a, out);
      freeVars(node.b, out);
      break;
    default:
      for (const a of node.items) freeVars(a, out);
  }
  return out;
}

/** Decimal helpers for the comparison module. */
export const Real = { D, bigToDec };
