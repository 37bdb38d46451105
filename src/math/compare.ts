/**
 * Structural equivalence of two parsed answers (gold first: the comparison is not symmetric).
 * Internal.
 * @internal
 * @module
 */
import type { MathNode, RelOp } from "./ast.js";
import { evalConst, evalFloat, freeVars, NotANumber, type Num, REAL_DIGITS, toDec } from "./evaluate.js";
import { type Budget, MathLimitError } from "./limits.js";
import { SeededRandom } from "../analysis/seededRandom.js";
import * as Q from "./rational.js";

/** Options of the comparison. */
export interface CompareConfig {
  /** Minimum significant digits for a decimal literal to count as an approximation of an exact value. */
  readonly approxDigits: number;
  /** Seed of the sample points. */
  readonly seed: number;
  /** Source strings, for the CAS fallback. */
  readonly cas: ((gold: MathNode, pred: MathNode) => boolean | undefined) | undefined;
}

const INF: MathNode = { k: "const", name: "inf" };
const NEG_INF: MathNode = { k: "neg", a: INF };
/** Relative agreement of two 60-digit reals (irrational values are compared to this precision). */
const REAL_TOL = `1e-${REAL_DIGITS - 15}`;

function infSign(n: MathNode): number {
  if (n.k === "const" && n.name === "inf") return 1;
  if (n.k === "neg") return -infSign(n.a);
  return 0;
}

function isSimpleLhs(n: MathNode): boolean {
  if (n.k === "var") return true;
  // f(x) = …: a name applied to variables reads as an implicit product.
  return n.k === "mul" && n.a.k === "var" && (n.b.k === "var" || (n.b.k === "seq" && n.b.items.every((i) => i.k === "var")));
}

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
  | "choice";

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

  /** Top level: handles relations, assignments and the gold/prediction asymmetries. */
  top(g: MathNode, p: MathNode): boolean {
    this.budget.tick();
    g = this.lastOfChain(g);
    p = this.lastOfChain(p);
    // Assignments "x = 5": compare the value when the other side is a bare value.
    if (g.k === "rel" && p.k === "rel") return this.relations(g, p);
    if (p.k === "rel") {
      const eqs = p.ops.every((o) => o === "=");
      // A predicted equation's last side is its answer ("so the total is 2+3 = 5").
      if (eqs) return this.values(g, p.items[p.items.length - 1] as MathNode);
      const iv = simpleInequalityInterval(p);
      return iv !== undefined && (g.k === "seq" || g.k === "union") ? this.values(g, iv) : false;
    }
    if (g.k === "rel") {
      if (g.ops.length === 1 && g.ops[0] === "=" && isSimpleLhs(g.items[0] as MathNode)) return this.values(g.items[1] as MathNode, p);
      const iv = simpleInequalityInterval(g);
      return iv !== undefined && (p.k === "seq" || p.k === "union") ? this.values(iv, p) : false;
    }
    if (g.k === "list" && p.k === "list" && g.items.some((i) => i.k === "rel")) return this.unordered(g.items, p.items, true);
    if (g.k === "union" && p.k === "list") {
      const ivs = p.items.map((i) => (i.k === "rel" ? simpleInequalityInterval(i) : undefined));
      if (ivs.every((i) => i !== undefined)) return this.values(g, { k: "union", items: ivs as MathNode[] });
    }
    return this.values(g, p);
  }

  private lastOfChain(n: MathNode): MathNode {
    // "x = 2 + 3 = 5": only the last side is the answer.
    if (n.k === "rel" && n.items.length > 2 && n.ops.every((o) => o === "=")) {
      const first = n.items[0] as MathNode;
      const last = n.items[n.items.length - 1] as MathNode;
      return isSimpleLhs(first) ? { k: "rel", ops: ["="], items: [first, last] } : last;
    }
    return n;
  }

  private relations(g: Extract<MathNode, { k: "rel" }>, p: Extract<MathNode, { k: "rel" }>): boolean {
    const gEq = g.ops.every((o) => o === "=");
    const pEq = p.ops.every((o) => o === "=");
    if (gEq !== pEq) return false;
    if (gEq) {
      const [gl, gr] = g.items as [MathNode, MathNode];
      const [pl, pr] = p.items as [MathNode, MathNode];
      if (isSimpleLhs(gl) && isSimpleLhs(pl) && sameVar(gl, pl) && this.values(gr, pr)) return this.hit("equation");
      return this.proportional({ k: "sub", a: gl, b: gr }, { k: "sub", a: pl, b: pr }, false) ? this.hit("equation") : false;
    }
    const gi = simpleInequalityInterval(g);
    const pi = simpleInequalityInterval(p);
    if (gi && pi) return sameVar(inequalityVar(g), inequalityVar(p)) && this.values(gi, pi) ? this.hit("inequality") : false;
    if (g.items.length !== 2 || p.items.length !== 2) return false;
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
    if (g.k === "set" || g.k === "list" || p.k === "set" || p.k === "list") {
      const gi = g.k === "set" || g.k === "list" ? g.items : [g];
      const pi = p.k === "set" || p.k === "list" ? p.items : p.k === "seq" && p.open === "(" && p.close === ")" ? p.items : [p];
      if (g.k === "set" || g.k === "list" || p.k === "set") {
        return this.unordered(gi, pi, false) ? this.hit("set") : false;
      }
      return false;
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
    if (g.k === "rel" || p.k === "rel") return this.top(g, p);
    return this.scalar(g, p);
  }

  private unordered(gi: readonly MathNode[], pi: readonly MathNode[], top: boolean): boolean {
    if (gi.length > 64 || pi.length > 64) throw new MathLimitError("too many elements");
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
    return used.every(Boolean);
  }

  /** Two scalar expressions: exact numbers, 60-digit reals, or functions of variables. */
  scalar(g: MathNode, p: MathNode): boolean {
    const gs = infSign(g);
    const ps = infSign(p);
    if (gs !== 0 || ps !== 0) return gs === ps ? this.hit("interval") : false;
    const vars = freeVars(g, freeVars(p));
    if (vars.size === 0) {
      let a: Num;
      let b: Num;
      try {
        a = evalConst(g, this.budget);
        b = evalConst(p, this.budget);
      } catch (e) {
        if (e instanceof NotANumber || e instanceof RangeError) return this.casFallback(g, p);
        throw e;
      }
      return this.numbers(a, b, g, p);
    }
    const v = this.atPoints(g, p, [...vars]);
    if (v === "equal") return this.hit("symbolic");
    if (v === "different") return false;
    return this.casFallback(g, p);
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
        (!terminates(a.r) && this.approximates(p, toDec(a))) || (!terminates(b.r) && this.approximates(g, toDec(b)));
      return approx ? this.hit("approximate") : false;
    }
    const x = toDec(a);
    const y = toDec(b);
    if (this.approximates(p, x) || this.approximates(g, y)) return this.hit("approximate");
    if (a.exact || b.exact) {
      // A rational equals an irrational only if our 60 digits cannot tell them apart.
      if (!(a.exact ? isDecimalLiteral(g) : isDecimalLiteral(p))) {
        return x.sub(y).abs().lte(maxAbs(x, y).mul(REAL_TOL)) ? this.hit("real") : false;
      }
      return false;
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

  private atPoints(g: MathNode, p: MathNode, vars: string[]): "equal" | "different" | "unknown" {
    const rng = new SeededRandom(this.cfg.seed >>> 0);
    const rand = (): number => rng.nextDouble();
    const ranges: Array<[number, number]> = [
      [0.3, 2.7],
      [3, 12],
      [-2.7, -0.3],
    ];
    let valid = 0;
    for (const [lo, hi] of ranges) {
      for (let i = 0; i < 8 && valid < 6; i++) {
        const env = new Map(vars.map((v) => [v, lo + (hi - lo) * rand()] as [string, number]));
        const a = evalFloat(g, env, this.budget);
        const b = evalFloat(p, env, this.budget);
        if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
        const scale = Math.max(Math.abs(a), Math.abs(b));
        const diff = Math.abs(a - b);
        if (scale < 1e-10) {
          valid++;
          continue;
        }
        if (diff > 1e-6 * scale) return "different";
        if (diff > 1e-9 * scale) return "unknown";
        valid++;
      }
      if (valid >= 6) break;
    }
    return valid >= 3 ? "equal" : "unknown";
  }
}

/** Whether a rational has a finite decimal expansion (denominator 2^i 5^j). */
function terminates(r: Q.Rat): boolean {
  let d = r.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

function maxAbs(x: ReturnType<typeof toDec>, y: ReturnType<typeof toDec>): ReturnType<typeof toDec> {
  return x.abs().gt(y.abs()) ? x.abs() : y.abs();
}

function isDecimalLiteral(n: MathNode): boolean {
  while (n.k === "neg") n = n.a;
  return n.k === "num" && n.places !== undefined;
}

function sameVar(a: MathNode | undefined, b: MathNode | undefined): boolean {
  return a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b, (_k, v: unknown) => v);
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

/** `var op const`, `const op var` or `c1 op var op c2` as an interval (a seq node); else undefined. */
export function simpleInequalityInterval(n: MathNode): MathNode | undefined {
  if (n.k !== "rel" || n.ops.some((o) => o === "=" || o === "!=")) return undefined;
  const isConst = (x: MathNode): boolean => freeVars(x).size === 0;
  const lower = (o: RelOp): boolean => o === "<" || o === "<=";
  if (n.items.length === 2) {
    const [a, b] = n.items as [MathNode, MathNode];
    let op = n.ops[0] as RelOp;
    let bound: MathNode;
    if (a.k === "var" && isConst(b)) bound = b;
    else if (b.k === "var" && isConst(a)) {
      bound = a;
      op = flip(op);
    } else return undefined;
    // x < c  →  (-∞, c);  x ≥ c  →  [c, ∞)
    if (lower(op)) return { k: "seq", open: "(", close: op === "<" ? ")" : "]", items: [NEG_INF, bound] };
    return { k: "seq", open: op === ">" ? "(" : "[", close: ")", items: [bound, INF] };
  }
  if (n.items.length === 3) {
    const [a, x, b] = n.items as [MathNode, MathNode, MathNode];
    const [o1, o2] = n.ops as [RelOp, RelOp];
    if (x.k !== "var" || !isConst(a) || !isConst(b) || lower(o1) !== lower(o2)) return undefined;
    if (lower(o1)) return { k: "seq", open: o1 === "<" ? "(" : "[", close: o2 === "<" ? ")" : "]", items: [a, b] };
    return { k: "seq", open: o2 === ">" ? "(" : "[", close: o1 === ">" ? ")" : "]", items: [b, a] };
  }
  return undefined;
}

function inequalityVar(n: Extract<MathNode, { k: "rel" }>): MathNode | undefined {
  return n.items.find((i) => i.k === "var");
}

function flip(o: RelOp): RelOp {
  return o === "<" ? ">" : o === ">" ? "<" : o === "<=" ? ">=" : o === ">=" ? "<=" : o;
}

/** a OP b as f > 0 or f ≥ 0. */
function positivePart(n: Extract<MathNode, { k: "rel" }>): { f: MathNode; strict: boolean } | undefined {
  const [a, b] = n.items as [MathNode, MathNode];
  const op = n.ops[0] as RelOp;
  if (op === "<" || op === "<=") return { f: { k: "sub", a: b, b: a }, strict: op === "<" };
  if (op === ">" || op === ">=") return { f: { k: "sub", a, b }, strict: op === ">" };
  return undefined;
}
