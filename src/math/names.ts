/**
 * Names on the left of an answer's "=": `x`, `AB`, `|AB|`, `f(x)`, `(p, q)`, `V_1:V_2`. Internal.
 * @internal
 * @module
 */
import type { MathNode } from "./ast.js";

/**
 * Whether a node names a quantity rather than computes one: a variable (`x`, `a_1`, `\theta`), a
 * product of names (`AB`, `m\angle A`), a name applied to arguments (`f(x)`, `P(A)`, `f(2)`),
 * `|name|`, a tuple of names `(p, q)`, a ratio of names `V_1 : V_2`. A leading number makes it a
 * computation (`2x = 6` is an equation, not the answer 6).
 */
export function isName(n: MathNode): boolean {
  switch (n.k) {
    case "var":
      return true;
    case "mul":
      return isName(n.a) && (isName(n.b) || isArgument(n.b));
    case "fn":
      return n.name === "abs" && n.args.length === 1 && isName(n.args[0] as MathNode);
    case "seq":
      return n.open === "(" && n.close === ")" && n.items.every(isName);
    case "ratio":
      return n.items.every(isName);
    default:
      return false;
  }
}

/** An argument list of a named function: numbers and names. */
function isArgument(n: MathNode): boolean {
  if (n.k === "num" || n.k === "var") return true;
  if (n.k === "neg") return isArgument(n.a);
  return n.k === "seq" && n.open === "(" && n.items.every(isArgument);
}

/**
 * The assignments an answer makes, in order: `x = 2` → [[x, 2]], `(p, q) = (3, 2)` and
 * `p = 3, q = 2` → [[p, 3], [q, 2]]. Undefined when it is not a set of assignments to distinct
 * plain variables.
 */
export function assignments(n: MathNode): Array<[string, MathNode]> | undefined {
  const out: Array<[string, MathNode]> = [];
  const one = (r: MathNode): boolean => {
    if (r.k !== "rel" || r.items.length !== 2 || r.ops[0] !== "=") return false;
    const [l, v] = r.items as [MathNode, MathNode];
    if (l.k === "var") {
      out.push([l.name, v]);
      return true;
    }
    if (l.k === "seq" && l.open === "(" && l.items.every((x) => x.k === "var") && v.k === "seq" && v.items.length === l.items.length) {
      l.items.forEach((x, i) => out.push([(x as Extract<MathNode, { k: "var" }>).name, v.items[i] as MathNode]));
      return true;
    }
    return false;
  };
  const ok = n.k === "list" ? n.items.every(one) : one(n);
  if (!ok || new Set(out.map(([k]) => k)).size !== out.length) return undefined;
  return out;
}
