/**
 * Syntax tree of a parsed math answer. Internal.
 * @internal
 * @module
 */
import type { Rat } from "./rational.js";

/** A parsed answer. `num.places` is the number of decimals written (a decimal literal), else absent. */
export type MathNode =
  | { readonly k: "num"; readonly r: Rat; readonly places?: number; readonly sig?: number }
  | { readonly k: "const"; readonly name: "pi" | "e" | "inf" }
  | { readonly k: "var"; readonly name: string }
  | { readonly k: "add"; readonly a: MathNode; readonly b: MathNode }
  | { readonly k: "sub"; readonly a: MathNode; readonly b: MathNode }
  | { readonly k: "mul"; readonly a: MathNode; readonly b: MathNode }
  | { readonly k: "div"; readonly a: MathNode; readonly b: MathNode }
  | { readonly k: "pow"; readonly a: MathNode; readonly b: MathNode }
  | { readonly k: "neg"; readonly a: MathNode }
  | { readonly k: "pm"; readonly a: MathNode; readonly b: MathNode }
  | { readonly k: "fn"; readonly name: string; readonly args: readonly MathNode[] }
  | { readonly k: "pct"; readonly a: MathNode }
  | { readonly k: "list"; readonly items: readonly MathNode[] }
  | { readonly k: "set"; readonly items: readonly MathNode[] }
  | { readonly k: "seq"; readonly open: "(" | "["; readonly close: ")" | "]"; readonly items: readonly MathNode[] }
  | { readonly k: "union"; readonly items: readonly MathNode[] }
  | { readonly k: "rel"; readonly ops: readonly RelOp[]; readonly items: readonly MathNode[] }
  | { readonly k: "ratio"; readonly items: readonly MathNode[] }
  | { readonly k: "setbuilder"; readonly v: MathNode; readonly domain: MathNode | undefined; readonly cond: MathNode }
  | { readonly k: "setminus"; readonly a: MathNode; readonly b: MathNode }
  | { readonly k: "matrix"; readonly rows: readonly (readonly MathNode[])[] }
  | { readonly k: "text"; readonly s: string };

/** Relation operators, normalized: `in` is set membership, `~` is `\approx`. */
export type RelOp = "=" | "<" | ">" | "<=" | ">=" | "!=" | "in" | "~";
