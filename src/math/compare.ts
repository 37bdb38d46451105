/**
 * Structural equivalence of two parsed answers (gold first: the comparison is not symmetric).
 * Internal.
 * @internal
 * @module
 */
import { SeededRandom } from "../analysis/seededRandom.js";
import { answerForms } from "./answerForms.js";
import type { MathNode, RelOp } from "./ast.js";
import { complexEqual, evalComplex } from "./complex.js";
import { arith, evalConst, evalFloat, freeVars, isZeroNum, NotANumber, type Num, REAL_DIGITS, toDec } from "./evaluate.js";
import { type Budget, MathLimitError } from "./limits.js";
import { assignments, isName } from "./names.js";
import * as Q from "./rational.js";
import { compareBySampling } from "./sampling.js";
import { constrainedName, inequalitySet, infSign, isSetLike } from "./setForms.js";

/** Options of the comparison. */
export interface CompareConfig {
  /** Minimum significant digits for a decimal literal to count as an approximation of an exact value. */
  readonly approxDigits: number;
  /** Seed of the sample points. */
  readonly seed: number;
  /** Source strings, for the CAS fallback. */
  readonly cas: ((gold: MathNode, pred: MathNode) => boolean | undefined) | undefined;
}

/** Relative agreement of two 60-digit reals (irrational values are compared to this precision). */
const REAL_TOL = `1e-${REAL_DIGITS - 15}`;
/** A computed (irrational) value this close to an exact 0 is 0: sin π, e^{iπ} + 1. */
const ZERO_TOL = "1e-50";

/** Rule names reported by the comparison. */
export type EquivalenceRule =
  | "string"
  | "exact"
  | "approximate"
  | "real"
  | "symbolic"
  | "cas"
  | "set"
  | "tuple"
  | "interval"
  | "inequality"
  | "equation"
  | "matrix"
  | "percent"
  | "text"
  | "choice"
  | "ratio"
  | "complex";

export class Comparer {
  /** The rule that decided the last positive comparison (the outermost wins). */
  rule: EquivalenceRule | undefined;

  constructor(
    private readonly budget: Budget,
    private readonly cfg: CompareConfig,
  ) {}

  private hit(rule: EquivalenceRule): true {
    this.rule = rule;
    return true;
  }

  /**
   * Top level: reduces both answers to the forms they stand for ({@link answerForms}), then
   * handles relations, assignments and the gold/prediction asymmetries.
   */
  top(g: MathNode, p: MathNode): boolean {
    this.budget.tick();
    const gForms = answerForms(g, this.budget);
    const pForms = answerForms(p, this.budget);
    for (const gf of gForms) for (const pf of pForms) if (this.topForm(gf, pf)) return true;
    return false;
  }

  private topForm(g: MathNode, p: MathNode): boolean {
    g = lastOfChain(g);
    p = lastOfChain(p);
    // Several assignments: "p = 3, q = 2", "(p, q) = (3, 2)".
    const ga = assignments(g);
    const pa = assignments(p);
    if (ga !== undefined && pa !== undefined && (ga.length > 1 || pa.length > 1)) return this.assignmentsEqual(ga, pa);
    if (ga !== undefined && ga.length > 1) return this.ordered(ga.map(([, v]) => v), itemsOf(p)) ? this.hit("tuple") : false;
    if (pa !== undefined && pa.length > 1) return this.ordered(itemsOf(g), pa.map(([, v]) => v)) ? this.hit("tuple") : false;
    if (g.k === "rel" && p.k === "rel") return this.relations(g, p);
    if (p.k === "rel") {
      // A predicted equation's last side is its answer ("so the total is 2+3 = 5").
      if (p.ops.every((o) => o === "=")) return this.values(g, p.items[p.items.length - 1] as MathNode);
      const set = inequalitySet(p);
      return set !== undefined && isSetLike(g) ? this.values(g, set) : false;
    }
    if (g.k === "rel") {
      // "name = value": the value is the answer (|AB| = 1, f(x) = x^2, V_1:V_2 = 11:21).
      if (g.ops.length === 1 && g.ops[0] === "=" && isName(g.items[0] as MathNode)) return this.values(g.items[1] as MathNode, p);
      const set = inequalitySet(g);
      return set !== undefined && isSetLike(p) ? this.values(set, p) : false;
    }
    if (g.k === "list" && p.k === "list" && g.items.some((i) => i.k === "rel")) return this.unordered(g.items, p.items, true);
    if (g.k === "union" && p.k === "list") {
      const sets = p.items.map((i) => inequalitySet(i));
      if (sets.every((i) => i !== undefined)) return this.values(g, { k: "union", items: sets as MathNode[] });
    }
    return this.values(g, p);
  }

  private assignmentsEqual(ga: Array<[string, MathNode]>, pa: Array<[string, MathNode]>): boolean {
    if (ga.length !== pa.length) return false;
    const pm = new Map(pa);
    for (const [name, v] of ga) {
      const w = pm.get(name);
      if (w === undefined || !this.values(v, w)) return false;
    }
    return this.hit("equation");
  }

  private ordered(gi: readonly MathNode[], pi: readonly MathNode[]): boolean {
    return gi.length === pi.length && gi.every((x, i) => this.values(x, pi[i] as MathNode));
  }

  private relations(g: Extract<MathNode, { k: "rel" }>, p: Extract<MathNode, { k: "rel" }>): boolean {
    const gEq = g.ops.every((o) => o === "=");
    const pEq = p.ops.every((o) => o === "=");
    if (gEq !== pEq) return false;
    if (gEq) {
      const [gl, gr] = g.items as [MathNode, MathNode];
      const [pl, pr] = p.items as [MathNode, MathNode];
      if (isName(gl) && isName(pl) && sameNode(gl, pl) && this.values(gr, pr)) return this.hit("equation");
      return this.proportional({ k: "sub", a: gl, b: gr }, { k: "sub", a: pl, b: pr }, false) ? this.hit("equation") : false;
    }
    const gs = inequalitySet(g);
    const ps = inequalitySet(p);
    if (gs && ps) return sameNode(constrainedName(g), constrainedName(p)) && this.values(gs, ps) ? this.hit("inequality") : false;
    if (g.items.length !== 2 || p.items.length !== 2 || g.ops.includes("!=") || p.ops.includes("!=")) return false;
    const gn = positivePart(g);
    const pn = positivePart(p);
    if (!gn || !pn || gn.strict !== pn.strict) return false;
    return this.proportional(gn.f, pn.f, true) ? this.hit("inequality") : false;
  }

  /** f and h differ by a constant non-zero factor (positive when `positive`), at sample points. */
  private proportional(f: MathNode, h: MathNode, positive: boolean): boolean {
    const vars = [...freeVars(f, freeVars(h))];
    if (vars.length === 0) return false;
    const rng = new SeededRandom((this.cfg.seed ^ 0x9e3779b9) >>> 0);
    const rand = (): number => rng.nextDouble();
    let ratio: number | undefined;
    let valid = 0;
    for (let i = 0; i < 24 && valid < 6; i++) {
      const env = new Map(vars.map((v) => [v, -3 + 6 * rand()] as [string, number]));
      const a = evalFloat(f, env, this.budget);
      const b = evalFloat(h, env, this.budget);
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      if (Math.abs(a) < 1e-9 || Math.abs(b) < 1e-9) {
        if ((Math.abs(a) < 1e-9) !== (Math.abs(b) < 1e-9)) return false;
        continue;
      }
      const r = a / b;
      if (ratio === undefined) ratio = r;
      else if (Math.abs(r - ratio) > 1e-8 * Math.abs(ratio)) return false;
      valid++;
    }
    return valid >= 3 && ratio !== undefined && (!positive || ratio > 0);
  }

  /** Equivalence of two answers as values (numbers, expressions, collections). */
  values(g: MathNode, p: MathNode): boolean {
    this.budget.tick();
    if (g.k === "pct" || p.k === "pct") {
      // 28% may be answered as 28 or as 0.28 (and the reverse).
      if (g.k === "pct" && p.k === "pct") return this.values(g.a, p.a);
      if (g.k === "pct" && this.values(g.a, p)) return this.hit("percent");
      if (p.k === "pct" && this.values(g, p.a)) return this.hit("percent");
      return this.scalar(g, p);
    }
    if (g.k === "pm") g = expandPm(g);
    if (p.k === "pm") p = expandPm(p);
    if (g.k === "ratio" || p.k === "ratio") return this.ratios(g, p);
    if (g.k === "set") {
      // A set: every element of each side is in the other (a repeated element is harmless).
      return this.asSet(g.items, collectionItems(p)) ? this.hit("set") : false;
    }
    if (g.k === "list") {
      // A bare list of answers ("1, 2", "(1,2), (3,4)"): the same multiset, in any order.
      return this.unordered(g.items, collectionItems(p), false) ? this.hit("set") : false;
    }
    if (p.k === "set") return this.asSet([g], p.items) ? this.hit("set") : false;
    if (p.k === "list") {
      // A tuple written without its parentheses ("1, 3" for (1, 3)); never a hedge for one value.
      return g.k === "seq" && g.open === "(" && g.close === ")" && this.ordered(g.items, p.items) ? this.hit("tuple") : false;
    }
    if (g.k === "seq" || p.k === "seq") {
      if (g.k === "seq" && p.k === "seq") {
        if (g.open !== p.open || g.close !== p.close || g.items.length !== p.items.length) return false;
        return g.items.every((x, i) => this.values(x, p.items[i] as MathNode))
          ? this.hit(g.items.length === 2 && (g.open === "[" || g.close === "]" || infSign(g.items[0] as MathNode) !== 0) ? "interval" : "tuple")
          : false;
      }
      if (g.k === "seq" && p.k === "union" && p.items.length === 1) return this.values(g, p.items[0] as MathNode);
      return false;
    }
    if (g.k === "union" || p.k === "union") {
      const gi = g.k === "union" ? g.items : [g];
      const pi = p.k === "union" ? p.items : [p];
      return this.unordered(gi, pi, false) ? this.hit("interval") : false;
    }
    if (g.k === "matrix" || p.k === "matrix") {
      if (g.k !== "matrix" || p.k !== "matrix") return false;
      if (g.rows.length !== p.rows.length) return false;
      for (let i = 0; i < g.rows.length; i++) {
        const gr = g.rows[i] as readonly MathNode[];
        const pr = p.rows[i] as readonly MathNode[];
        if (gr.length !== pr.length || !gr.every((x, j) => this.values(x, pr[j] as MathNode))) return false;
      }
      return this.hit("matrix");
    }
    if (g.k === "text" || p.k === "text") {
      return g.k === "text" && p.k === "text" && normText(g.s) === normText(p.s) ? this.hit("text") : false;
    }
    if (g.k === "setbuilder" || p.k === "setbuilder" || g.k === "setminus" || p.k === "setminus") {
      // Set notation that did not reduce to intervals: only the same notation matches.
      return sameNode(g, p) ? this.hit("set") : false;
    }
    if (g.k === "rel" || p.k === "rel") return this.top(g, p);
    return this.scalar(g, p);
  }

  /**
   * Ratios: `a:b` equals `c:d` when a·d = b·c (all parts non-zero; 2:4 = 1:2), part by part when a
   * part is 0 (a clock time such as 12:00 ≠ 1:00); a two-part ratio equals the number a/b.
   */
  private ratios(g: MathNode, p: MathNode): boolean {
    if (g.k === "ratio" && p.k === "ratio") {
      if (g.items.length !== p.items.length) return false;
      const gv = this.constants(g.items);
      const pv = this.constants(p.items);
      if (gv === undefined || pv === undefined || gv.some(isZeroNum) || pv.some(isZeroNum)) return this.ordered(g.items, p.items) ? this.hit("ratio") : false;
      const [g0, p0] = [gv[0] as Num, pv[0] as Num];
      for (let i = 1; i < gv.length; i++) {
        const left = arith("mul", gv[i] as Num, p0, this.budget);
        const right = arith("mul", pv[i] as Num, g0, this.budget);
        if (!this.sameNumber(left, right)) return false;
      }
      return this.hit("ratio");
    }
    const r = g.k === "ratio" ? g : (p as Extract<MathNode, { k: "ratio" }>);
    if (r.items.length !== 2) return false;
    const asQuotient: MathNode = { k: "div", a: r.items[0] as MathNode, b: r.items[1] as MathNode };
    return (g.k === "ratio" ? this.scalar(asQuotient, p) : this.scalar(g, asQuotient)) ? this.hit("ratio") : false;
  }

  private constants(items: readonly MathNode[]): Num[] | undefined {
    try {
      return items.map((x) => evalConst(x, this.budget));
    } catch (e) {
      if (e instanceof NotANumber || e instanceof RangeError) return undefined;
      throw e;
    }
  }

  private sameNumber(a: Num, b: Num): boolean {
    if (a.exact && b.exact) return Q.eq(a.r, b.r);
    const x = toDec(a);
    const y = toDec(b);
    return x.sub(y).abs().lte(maxAbs(x, y).mul(REAL_TOL));
  }

  /** Multiset equality: a one-to-one matching of the elements (`top` compares them as answers). */
  private unordered(gi: readonly MathNode[], pi: readonly MathNode[], top: boolean): boolean {
    if (gi.length > 64 || pi.length > 64) throw new MathLimitError("too many elements");
    if (gi.length !== pi.length) return false;
    const used = new Array<boolean>(pi.length).fill(false);
    for (const x of gi) {
      let found = false;
      for (let j = 0; j < pi.length; j++) {
        if (!used[j] && (top ? this.top(x, pi[j] as MathNode) : this.values(x, pi[j] as MathNode))) {
          used[j] = true;
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }

  /** Set equality: each element of either side equals some element of the other. */
  private asSet(gi: readonly MathNode[], pi: readonly MathNode[]): boolean {
    if (gi.length > 64 || pi.length > 64) throw new MathLimitError("too many elements");
    const covered = new Array<boolean>(pi.length).fill(false);
    for (const x of gi) {
      let found = false;
      for (let j = 0; j < pi.length; j++) {
        if (this.values(x, pi[j] as MathNode)) {
          covered[j] = true;
          found = true;
        }
      }
      if (!found) return false;
    }
    return covered.every(Boolean);
  }

  /** Two scalar expressions: exact numbers, 60-digit reals, complex constants, or functions of variables. */
  scalar(g: MathNode, p: MathNode): boolean {
    const gs = infSign(g);
    const ps = infSign(p);
    if (gs !== 0 || ps !== 0) return gs === ps ? this.hit("interval") : false;
    const vars = freeVars(g, freeVars(p));
    // `i` is the imaginary unit, unless j (or k) appears too: then i, j, k are vector names.
    if (vars.has("i") && !vars.has("j") && !vars.has("k") && vars.size === 1) return this.complex(g, p);
    if (vars.size === 0) {
      let a: Num;
      let b: Num;
      try {
        a = evalConst(g, this.budget);
        b = evalConst(p, this.budget);
      } catch (e) {
        if (e instanceof NotANumber || e instanceof RangeError) return this.complex(g, p);
        throw e;
      }
      return this.numbers(a, b, g, p);
    }
    const v = compareBySampling(g, p, [...vars].sort(), this.budget, this.cfg.seed);
    if (v === "equal") return this.hit("symbolic");
    if (v === "different") return false;
    return this.casFallback(g, p);
  }

  /**
   * Constant expressions with `i` (or a real expression with no real value, such as √−4). Neither
   * side a number at all (a set, ∞, 0/0): different, and not a question for the CAS.
   */
  private complex(g: MathNode, p: MathNode): boolean {
    try {
      return complexEqual(evalComplex(g, this.budget), evalComplex(p, this.budget)) ? this.hit("complex") : false;
    } catch (e) {
      if (e instanceof NotANumber || e instanceof RangeError) return false;
      throw e;
    }
  }

  private casFallback(g: MathNode, p: MathNode): boolean {
    const r = this.cfg.cas?.(g, p);
    return r === true ? this.hit("cas") : false;
  }

  numbers(a: Num, b: Num, g: MathNode, p: MathNode): boolean {
    if (a.exact && b.exact) {
      if (Q.eq(a.r, b.r)) return this.hit("exact");
      // A decimal may approximate a rational with no finite decimal expansion (0.333333 for 1/3),
      // never another finite decimal (0.500001 is not 0.5).
      const approx =
        (isDecimalLiteral(p) && !terminates(a.r) && this.approximates(p, toDec(a))) ||
        (isDecimalLiteral(g) && !terminates(b.r) && this.approximates(g, toDec(b)));
      return approx ? this.hit("approximate") : false;
    }
    const x = toDec(a);
    const y = toDec(b);
    if (this.approximates(p, x) || this.approximates(g, y)) return this.hit("approximate");
    if (a.exact || b.exact) {
      // A rational equals a computed value (cos 60° = 0.5, sin π = 0) only if our 60 digits
      // cannot tell them apart.
      if ((a.exact && a.r.n === 0n && y.abs().lt(ZERO_TOL)) || (b.exact && b.r.n === 0n && x.abs().lt(ZERO_TOL))) return this.hit("real");
      return x.sub(y).abs().lte(maxAbs(x, y).mul(REAL_TOL)) ? this.hit("real") : false;
    }
    if (x.isZero() && y.isZero()) return this.hit("real");
    return x.sub(y).abs().lte(maxAbs(x, y).mul(REAL_TOL)) ? this.hit("real") : false;
  }

  /** `lit` is a decimal literal with enough digits that is `value` rounded or truncated to its places. */
  private approximates(lit: MathNode, value: ReturnType<typeof toDec>): boolean {
    let sign = 1n;
    while (lit.k === "neg") {
      sign = -sign;
      lit = lit.a;
    }
    if (lit.k !== "num" || lit.places === undefined || (lit.sig ?? 0) < this.cfg.approxDigits) return false;
    const d = toDec({ exact: true, r: Q.rat(sign * lit.r.n, lit.r.d) });
    return d.sub(value).abs().lte(`1e-${lit.places}`);
  }
}

/** "x = 2 + 3 = 5": only the last side is the answer (the name is kept). */
function lastOfChain(n: MathNode): MathNode {
  if (n.k === "rel" && n.items.length > 2 && n.ops.every((o) => o === "=")) {
    const first = n.items[0] as MathNode;
    const last = n.items[n.items.length - 1] as MathNode;
    return isName(first) ? { k: "rel", ops: ["="], items: [first, last] } : last;
  }
  return n;
}

/** The elements of a collection answer: a set's or list's items, a tuple's items, else the answer itself. */
function collectionItems(p: MathNode): readonly MathNode[] {
  if (p.k === "set" || p.k === "list") return p.items;
  if (p.k === "seq" && p.open === "(" && p.close === ")") return p.items;
  return [p];
}

/** Items of a tuple or list, else the node itself. */
function itemsOf(n: MathNode): readonly MathNode[] {
  if (n.k === "list" || (n.k === "seq" && n.open === "(" && n.close === ")")) return n.items;
  return [n];
}

/**
 * Whether a rational has a finite decimal expansion (denominator 2^i 5^j): after removing the
 * factors of 2 with one shift, what is left must divide 5^k for k ≥ its bit length / log2(5).
 * One power and one remainder instead of a division per factor (2004! has 1,995 factors of 2).
 */
function terminates(r: Q.Rat): boolean {
  let d = r.d;
  if (d === 1n) return true;
  const low = d & -d;
  d /= low;
  if (d === 1n) return true;
  if (d % 5n !== 0n) return false;
  const k = BigInt(Math.ceil(d.toString(16).length * 4 / 2.32) + 1);
  return 5n ** k % d === 0n;
}

function maxAbs(x: ReturnType<typeof toDec>, y: ReturnType<typeof toDec>): ReturnType<typeof toDec> {
  return x.abs().gt(y.abs()) ? x.abs() : y.abs();
}

function isDecimalLiteral(n: MathNode): boolean {
  while (n.k === "neg") n = n.a;
  return n.k === "num" && n.places !== undefined;
}

function sameNode(a: MathNode | undefined, b: MathNode | undefined): boolean {
  return a !== undefined && b !== undefined && JSON.stringify(a, bigintSafe) === JSON.stringify(b, bigintSafe);
}

function bigintSafe(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? v.toString() : v;
}

function expandPm(n: Extract<MathNode, { k: "pm" }>): MathNode {
  return { k: "list", items: [{ k: "add", a: n.a, b: n.b }, { k: "sub", a: n.a, b: n.b }] };
}

/** Normalizes free text for comparison: case, spacing, punctuation, leading articles. */
export function normText(s: string): string {
  return s
    .toLowerCase()
    .replace(/\\text\{([^{}]*)\}/g, "$1")
    .replace(/[{}()\\$.,;:!?"'`]/g, " ")
    .replace(/^\s*(?:the|a|an)\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** a OP b as f > 0 or f ≥ 0. */
function positivePart(n: Extract<MathNode, { k: "rel" }>): { f: MathNode; strict: boolean } | undefined {
  const [a, b] = n.items as [MathNode, MathNode];
  const op = n.ops[0] as RelOp;
  if (op === "<" || op === "<=") return { f: { k: "sub", a: b, b: a }, strict: op === "<" };
  if (op === ">" || op === ">=") return { f: { k: "sub", a, b }, strict: op === ">" };
  return undefined;
}
