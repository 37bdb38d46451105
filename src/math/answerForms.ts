/**
 * The forms an answer stands for, so that gold and prediction meet in one form. Internal.
 * @internal
 * @module
 */
import type { MathNode } from "./ast.js";
import type { Budget } from "./limits.js";
import { isName } from "./names.js";
import { reduceSetNotation } from "./setForms.js";

/**
 * The values an answer stands for, applied to gold and prediction alike:
 *
 * - `x \in S` → S (`k \in [-36, 104]`, `x \in \{1, 2\}`); set-builder and `\setminus` forms → intervals;
 * - an `\approx` chain → its exact part and its approximation, either of which may match
 *   (`x = \frac{70}{9} \approx 7.78` is both 70/9 and 7.78; `x \approx 11` is 11);
 * - a list whose first item names it (`n = 1, 2, 3`) → the list of values.
 *
 * `name = value` itself (`|AB| = 1`, `(p,q) = (3,2)`) is resolved by the comparison, which knows
 * whether the other side is a value or an equation.
 */
export function answerForms(n: MathNode, budget: Budget): MathNode[] {
  n = reduceSetNotation(n, budget);
  if (n.k === "rel") {
    const approx = n.ops.indexOf("~");
    if (approx >= 0) {
      const exactItems = n.items.slice(0, approx + 1);
      const estimate = n.items[n.items.length - 1] as MathNode;
      if (exactItems.length === 1) return isName(exactItems[0] as MathNode) ? [estimate] : [exactItems[0] as MathNode, estimate];
      const exactPart: MathNode = { k: "rel", ops: n.ops.slice(0, approx), items: exactItems };
      return [...answerForms(exactPart, budget), estimate];
    }
    if (n.ops.length === 1 && n.ops[0] === "in" && isName(n.items[0] as MathNode)) return [reduceSetNotation(n.items[1] as MathNode, budget)];
  }
  if (n.k === "list" && n.items.length >= 2) {
    const [first, ...rest] = n.items as [MathNode, ...MathNode[]];
    if (first.k === "rel" && first.ops.length === 1 && first.ops[0] === "=" && isName(first.items[0] as MathNode) && rest.every((x) => x.k !== "rel")) {
      return [{ k: "list", items: [first.items[1] as MathNode, ...rest] }];
    }
  }
  return [n];
}
