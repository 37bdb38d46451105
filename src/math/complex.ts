/**
 * Complex values of constant answers written with the imaginary unit `i`. Internal.
 * @internal
 * @module
 */
import type { MathNode } from "./ast.js";
import { arith, type Dec, evalConst, func, isZeroNum, NotANumber, type Num, numOf, power, Real, REAL_DIGITS, toDec } from "./evaluate.js";
import { type Budget, MathLimitError } from "./limits.js";
import * as Q from "./rational.js";

/** re + im·i, each part exact (Gaussian rationals: `(1+2i)(3-i)`) or a 60-digit real. */
export interface Complex {
  readonly re: Num;
  readonly im: Num;
}

const ZERO: Num = numOf.exact(Q.ZERO);
const ONE: Num = numOf.exact(Q.ONE);
const D = Real.D;
/** Largest integer power computed by repeated squaring. */
const MAX_INT_POWER = 4096n;

const isReal = (z: Complex): boolean => isZeroNum(z.im);

/**
 * Evaluates a constant expression in which the variable `i` is the imaginary unit: `e^{i\pi}`,
 * `(1+i)^2`, `\frac{1}{i}`, `\sqrt{-4}` (principal root). Sums, products, quotients and integer
 * powers stay exact on Gaussian rationals; `exp`, `ln`, non-integer powers, `sin`, `cos` of a
 * complex argument use 60-digit decimals (e^{a+bi} = e^a(cos b + i sin b), ln z = ln|z| + i·arg z).
 * Throws {@link NotANumber} for anything else (another variable, a set).
 */
export function evalComplex(node: MathNode, budget: Budget): Complex {
  budget.tick();
  const ev = (n: MathNode): Complex => evalComplex(n, budget);
  switch (node.k) {
    case "var":
      if (node.name === "i") return { re: ZERO, im: ONE };
      throw new NotANumber(`free variable ${node.name}`);
    case "num":
    case "const":
      return { re: evalConst(node, budget), im: ZERO };
    case "neg": {
      const a = ev(node.a);
      return { re: arith("sub", ZERO, a.re, budget), im: arith("sub", ZERO, a.im, budget) };
    }
    case "add":
    case "sub": {
      const a = ev(node.a);
      const b = ev(node.b);
      return { re: arith(node.k, a.re, b.re, budget), im: arith(node.k, a.im, b.im, budget) };
    }
    case "mul":
      return mul(ev(node.a), ev(node.b), budget);
    case "div":
      return div(ev(node.a), ev(node.b), budget);
    case "pct": {
      const a = ev(node.a);
      const h = numOf.exact(Q.rat(100n));
      return { re: arith("div", a.re, h, budget), im: arith("div", a.im, h, budget) };
    }
    case "pow":
      return pow(ev(node.a), ev(node.b), budget);
    case "fn":
      return fn(node.name, node.args.map(ev), budget);
    default:
      throw new NotANumber(node.k);
  }
}

function mul(a: Complex, b: Complex, budget: Budget): Complex {
  // (a + bi)(c + di) = (ac − bd) + (ad + bc)i
  const re = arith("sub", arith("mul", a.re, b.re, budget), arith("mul", a.im, b.im, budget), budget);
  const im = arith("add", arith("mul", a.re, b.im, budget), arith("mul", a.im, b.re, budget), budget);
  return { re, im };
}

function div(a: Complex, b: Complex, budget: Budget): Complex {
  // (a + bi)/(c + di) = ((ac + bd) + (bc − ad)i) / (c² + d²)
  const den = arith("add", arith("mul", b.re, b.re, budget), arith("mul", b.im, b.im, budget), budget);
  if (isZeroNum(den)) throw new NotANumber("division by zero");
  const re = arith("add", arith("mul", a.re, b.re, budget), arith("mul", a.im, b.im, budget), budget);
  const im = arith("sub", arith("mul", a.im, b.re, budget), arith("mul", a.re, b.im, budget), budget);
  return { re: arith("div", re, den, budget), im: arith("div", im, den, budget) };
}

function fromDec(re: Dec, im: Dec): Complex {
  if (!re.isFinite() || !im.isFinite()) throw new NotANumber("not finite");
  return { re: numOf.real(re), im: numOf.real(im) };
}

function exp(z: Complex, budget: Budget): Complex {
  if (isReal(z)) return { re: func("exp", [z.re], budget), im: ZERO };
  const b = toDec(z.im);
  if (b.abs().gt(1e6)) throw new MathLimitError("function argument too large");
  const r = toDec(z.re).exp();
  return fromDec(r.mul(b.cos()), r.mul(b.sin()));
}

function ln(z: Complex): Complex {
  const a = toDec(z.re);
  const b = toDec(z.im);
  if (a.isZero() && b.isZero()) throw new NotANumber("log of 0");
  const mod = a.mul(a).add(b.mul(b)).sqrt();
  return fromDec(mod.ln(), D.atan2(b, a));
}

function pow(a: Complex, b: Complex, budget: Budget): Complex {
  if (isReal(b) && b.re.exact && b.re.r.d === 1n) {
    let k = b.re.r.n;
    if (isReal(a)) return { re: power(a.re, b.re, budget), im: ZERO };
    const neg = k < 0n;
    if (neg) k = -k;
    if (k > MAX_INT_POWER) throw new MathLimitError("exponent too large");
    let result: Complex = { re: ONE, im: ZERO };
    let base = a;
    while (k > 0n) {
      if (k & 1n) result = mul(result, base, budget);
      k >>= 1n;
      if (k > 0n) base = mul(base, base, budget);
    }
    return neg ? div({ re: ONE, im: ZERO }, result, budget) : result;
  }
  if (isReal(a) && isReal(b)) {
    try {
      return { re: power(a.re, b.re, budget), im: ZERO };
    } catch (e) {
      // (-4)^{1/2}: not real, but complex.
      if (!(e instanceof NotANumber)) throw e;
    }
  }
  if (isZeroNum(a.re) && isZeroNum(a.im)) throw new NotANumber("0 to a complex power");
  // a^b = e^{b ln a}, principal branch.
  return exp(mul(b, ln(a), budget), budget);
}

function fn(name: string, args: Complex[], budget: Budget): Complex {
  const [a] = args;
  if (a === undefined) throw new NotANumber("missing argument");
  if (args.every(isReal)) {
    try {
      return { re: func(name, args.map((x) => x.re), budget), im: ZERO };
    } catch (e) {
      if (!(e instanceof NotANumber) || (name !== "sqrt" && name !== "ln" && name !== "log")) throw e;
    }
  }
  switch (name) {
    case "exp":
      return exp(a, budget);
    case "ln":
    case "log":
      return ln(a);
    case "sqrt": {
      if (isReal(a)) {
        // √(−x) = i√x, exact when √x is.
        const r = func("sqrt", [arith("sub", ZERO, a.re, budget)], budget);
        return { re: ZERO, im: r };
      }
      return exp(mul({ re: numOf.exact(Q.rat(1n, 2n)), im: ZERO }, ln(a), budget), budget);
    }
    case "abs": {
      const m2 = arith("add", arith("mul", a.re, a.re, budget), arith("mul", a.im, a.im, budget), budget);
      return { re: func("sqrt", [m2], budget), im: ZERO };
    }
    case "sin":
    case "cos": {
      const x = toDec(a.re);
      const y = toDec(a.im);
      if (x.abs().gt(1e6) || y.abs().gt(1e6)) throw new MathLimitError("function argument too large");
      // sin(x+iy) = sin x cosh y + i cos x sinh y;  cos(x+iy) = cos x cosh y − i sin x sinh y
      return name === "sin" ? fromDec(x.sin().mul(y.cosh()), x.cos().mul(y.sinh())) : fromDec(x.cos().mul(y.cosh()), x.sin().mul(y.sinh()).neg());
    }
    default:
      throw new NotANumber(`${name} of a complex number`);
  }
}

/** Relative agreement of two complex values computed to 60 digits. */
const TOL = new D(`1e-${REAL_DIGITS - 15}`);
const ZERO_TOL = new D("1e-50");

/**
 * Whether two complex values are equal: exactly when all four parts are exact, else when
 * |a − b| ≤ 10^-45 · max(|a|, |b|) (the 60-digit evaluation cannot tell them apart; e^{iπ}
 * carries an imaginary part of about 10^-60), or when one is an exact 0 and the other is within
 * 10^-50 of it.
 */
export function complexEqual(a: Complex, b: Complex): boolean {
  if (a.re.exact && a.im.exact && b.re.exact && b.im.exact) return Q.eq(a.re.r, b.re.r) && Q.eq(a.im.r, b.im.r);
  const dr = toDec(a.re).sub(toDec(b.re));
  const di = toDec(a.im).sub(toDec(b.im));
  const diff = dr.mul(dr).add(di.mul(di)).sqrt();
  const ma = toDec(a.re).pow(2).add(toDec(a.im).pow(2)).sqrt();
  const mb = toDec(b.re).pow(2).add(toDec(b.im).pow(2)).sqrt();
  const scale = ma.gt(mb) ? ma : mb;
  // An exact 0 against a computed value within 10^-50 of it (e^{iπ} + 1): zero.
  const exactZero = (z: Complex): boolean => z.re.exact && z.im.exact && z.re.r.n === 0n && z.im.r.n === 0n;
  if ((exactZero(a) || exactZero(b)) && diff.lt(ZERO_TOL)) return true;
  if (scale.isZero()) return diff.isZero();
  return diff.lte(scale.mul(TOL));
}
