/**
 * Comparing program output with the expected output.
 * @module
 */
import { codeContestsOutputsMatch } from "./codeContestsOutputsMatch.js";
import type { JsonValue } from "./types.js";

/**
 * How stdout is compared: `"lines"` (default; line endings normalized, trailing whitespace of each
 * line and trailing blank lines ignored, as most judges do), `"tokens"` (whitespace-separated
 * tokens must be equal), `"exact"` (byte-for-byte after decoding) or `"codecontests"` (CodeContests'
 * own rule: case-insensitive tokens, numbers within 1e-5; see {@link codeContestsOutputsMatch}).
 */
export type OutputComparison = "lines" | "tokens" | "exact" | "codecontests";

function canonicalLines(s: string): string {
  return s
    .replace(/\r\n?/gu, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/u, ""))
    .join("\n")
    .replace(/\n+$/u, "");
}

/**
 * Whether `actual` stdout matches `expected` under `mode`.
 *
 * @example
 * ```ts
 * import { outputMatches } from "passk/node";
 * console.log(outputMatches("3 4  \r\n\n", "3 4")); // => true
 * console.log(outputMatches("3\n4\n", "3 4", "tokens")); // => true
 * console.log(outputMatches("3\n4\n", "3 4")); // => false
 * ```
 */
export function outputMatches(actual: string, expected: string, mode: OutputComparison = "lines"): boolean {
  if (mode === "exact") return actual === expected;
  if (mode === "codecontests") return codeContestsOutputsMatch(actual, expected);
  if (mode === "tokens") {
    const a = actual.split(/\s+/u).filter((t) => t !== "");
    const e = expected.split(/\s+/u).filter((t) => t !== "");
    return a.length === e.length && a.every((t, i) => t === e[i]);
  }
  return canonicalLines(actual) === canonicalLines(expected);
}

/**
 * Deep equality of JSON values; numbers equal within `tolerance` (absolute, default 0).
 * Object key order is irrelevant.
 *
 * @example
 * ```ts
 * import { jsonEqual } from "passk/node";
 * console.log(jsonEqual({ a: [1, 2], b: null }, { b: null, a: [1, 2] })); // => true
 * console.log(jsonEqual(0.30000000000000004, 0.3, 1e-9)); // => true
 * console.log(jsonEqual([1, 2], [2, 1])); // => false
 * ```
 */
export function jsonEqual(a: JsonValue, b: JsonValue, tolerance = 0): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || Math.abs(a - b) <= tolerance;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as readonly JsonValue[];
    return a.length === bb.length && a.every((x: JsonValue, i: number) => jsonEqual(x, bb[i] as JsonValue, tolerance));
  }
  const ao = a as { readonly [key: string]: JsonValue };
  const bo = b as { readonly [key: string]: JsonValue };
  const ak = Object.keys(ao);
  return ak.length === Object.keys(bo).length && ak.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k] as JsonValue, bo[k] as JsonValue, tolerance));
}
