/**
 * Sets of reals written as conditions: inequalities, `x \neq c`, set-builder notation,
 * `\mathbb{R} \setminus \{…\}`, read as intervals and unions of intervals. Internal.
 * @internal
 * @module
 */
import type { MathNode, RelOp } from "./ast.js";
import { evalConst, freeVars, NotANumber, toDec } from "./evaluate.js";
import type { Budget } from "./limits.js";
import { isName } from "./names.js";

export const INF: MathNode = { k: "const", name: "inf" };
export const NEG_INF: MathNode = { k: "neg", a: INF };

const interval = (open: "(" | "[", a: MathNode, b: MathNode, close: ")" | "]"): MathNode => ({ k: "seq", open, close, items: [a, b] });

/** +1 for ∞, −1 for −∞, 0 otherwise. */
export function infSign(n: MathNode): number {
  if (n.k === "const" && n.name === "inf") return 1;
  if (n.k === "neg") return -infSign(n.a);
  return 0;
}

function flip(o: RelOp): RelOp {
  return o === "<" ? ">" : o === ">" ? "<" : o === "<=" ? ">=" : o === ">=" ? "<=" : o;
}

const lower = (o: RelOp): boolean => o === "<" || o === "<=";
const isConst = (x: MathNode): boolean => freeVars(x).size === 0 && x.k !== "seq" && x.k !== "set" && x.k !== "union";

/** The name an inequality constrains (`x` in `0 < x ≤ 1`, `f(x)` in `0 < f(x) < 1`), or undefined. */
export function constrainedName(n: Extract<MathNode, { k: "rel" }>): MathNode | undefined {
  return n.items.find((i) => !isConst(i));
}

/**
 * An inequality in one name with constant bounds as an interval: `x < c` → (−∞, c),
 * `c ≤ x` → [c, ∞), `a < x ≤ b` → (a, b], `x \neq c` → (−∞, c) ∪ (c, ∞). Undefined for anything
 * else (an equation, a condition on an expression such as x² < 1, bounds with variables).
 */
export function inequalitySet(n: MathNode): MathNode | undefined {
  if (n.k !== "rel") return undefined;
  if (n.ops.some((o) => o === "=" || o === "in" || o === "~")) return undefined;
  if (n.ops.includes("!=")) {
    if (n.items.length !== 2) return undefined;
    const [a, b] = n.items as [MathNode, MathNode];
    const c = isName(a) && isConst(b) ? b : isName(b) && isConst(a) ? a : undefined;
    return c === undefined ? undefined : { k: "union", items: [interval("(", NEG_INF, c, ")"), interval("(", c, INF, ")")] };
  }
  if (n.items.length === 2) {
    const [a, b] = n.items as [MathNode, MathNode];
    let op = n.ops[0] as RelOp;
    let bound: MathNode;
    if (isName(a) && isConst(b)) bound = b;
    else if (isName(b) && isConst(a)) {
      bound = a;
      op = flip(op);
    } else return undefined;
    if (lower(op)) return interval("(", NEG_INF, bound, op === "<" ? ")" : "]");
    return interval(op === ">" ? "(" : "[", bound, INF, ")");
  }
  if (n.items.length === 3) {
    const [a, x, b] = n.items as [MathNode, MathNode, MathNode];
    const [o1, o2] = n.ops as [RelOp, RelOp];
    if (!isName(x) || !isConst(a) || !isConst(b) || lower(o1) !== lower(o2)) return undefined;
    if (lower(o1)) return interval(o1 === "<" ? "(" : "[", a, b, o2 === "<" ? ")" : "]");
    return interval(o2 === ">" ? "(" : "[", b, a, o1 === ">" ? ")" : "]");
  }
  return undefined;
}

/** Whether a node denotes a set of reals (an interval, a union, a set). */
export function isSetLike(n: MathNode): boolean {
  return n.k === "seq" || n.k === "union" || n.k === "set";
}

/**
 * The set a set-notation node denotes, as intervals: `\{x \mid x > 2\}` → (2, ∞),
 * `\{x \in \mathbb{R} : x \neq 0\}` → (−∞, 0) ∪ (0, ∞), `\mathbb{R} \setminus \{1, 2\}` →
 * (−∞, 1) ∪ (1, 2) ∪ (2, ∞), `[0, 5] \setminus \{5\}` → [0, 5). Other nodes are returned as they
 * are; a form that cannot be reduced (a condition on x², a domain other than ℝ) too.
 */
export function reduceSetNotation(n: MathNode, budget: Budget): MathNode {
  if (n.k === "setbuilder") {
    const cond = n.cond;
    const domainIsReals = n.domain === undefined || isReals(n.domain);
    if (!domainIsReals || cond.k !== "rel") return n;
    const name = constrainedName(cond);
    if (name === undefined || JSON.stringify(name) !== JSON.stringify(n.v)) return n;
    return inequalitySet(cond) ?? n;
  }
  if (n.k === "setminus") {
    const base = reduceSetNotation(n.a, budget);
    const removed = n.b.k === "set" ? n.b.items : [n.b];
    return removePoints(base, removed, budget) ?? n;
  }
  return n;
}

function isReals(n: MathNode): boolean {
  return n.k === "seq" && n.items.length === 2 && infSign(n.items[0] as MathNode) === -1 && infSign(n.items[1] as MathNode) === 1;
}

/** A bound's position on the real line: ±Infinity or a 60-digit value as a number pair for sorting. */
function position(n: MathNode, budget: Budget): { inf: number; value: ReturnType<typeof toDec> | undefined } | undefined {
  const s = infSign(n);
  if (s !== 0) return { inf: s, value: undefined };
  try {
    return { inf: 0, value: toDec(evalConst(n, budget)) };
  } catch (e) {
    if (e instanceof NotANumber || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** −1, 0, 1 comparing two positions. */
function cmp(a: NonNullable<ReturnType<typeof position>>, b: NonNullable<ReturnType<typeof position>>): number {
  if (a.inf !== 0 || b.inf !== 0) return Math.sign(a.inf - b.inf);
  return (a.value as NonNullable<typeof a.value>).cmp(b.value as NonNullable<typeof b.value>);
}

/** Intervals of `base` with the given points removed, or undefined when a bound is not a number. */
function removePoints(base: MathNode, points: readonly MathNode[], budget: Budget): MathNode | undefined {
  let pieces: MathNode[] = base.k === "union" ? [...base.items] : [base];
  for (const pt of points) {
    const pp = position(pt, budget);
    if (pp === undefined || pp.inf !== 0) return undefined;
    const next: MathNode[] = [];
    for (const piece of pieces) {
      if (piece.k !== "seq" || piece.items.length !== 2) return undefined;
      const [a, b] = piece.items as [MathNode, MathNode];
      const pa = position(a, budget);
      const pb = position(b, budget);
      if (pa === undefined || pb === undefined) return undefined;
      const ca = cmp(pp, pa);
      const cb = cmp(pp, pb);
      if (ca < 0 || cb > 0 || (ca === 0 && piece.open === "(") || (cb === 0 && piece.close === ")")) {
        next.push(piece);
      } else if (ca === 0) {
        next.push(interval("(", a, b, piece.close));
      } else if (cb === 0) {
        next.push(interval(piece.open, a, b, ")"));
      } else {
        next.push(interval(piece.open, a, pt, ")"), interval("(", pt, b, piece.close));
      }
    }
    pieces = next;
  }
  return pieces.length === 1 ? (pieces[0] as MathNode) : { k: "union", items: pieces };
}
