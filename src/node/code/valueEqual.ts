/**
 * Deep structural equality of JavaScript values, as `tagged-call` tests compare a program's
 * result with the expected value.
 * @module
 */

// One string per equivalence class of exact equality (tolerance 0), used to match Map keys and
// Set members regardless of order. Strings are JSON-quoted and composites bracketed, so the form
// is unambiguous.
function canonical(x: unknown): string {
  switch (typeof x) {
    case "undefined":
      return "u";
    case "boolean":
      return x ? "t" : "f";
    case "string":
      return `s${JSON.stringify(x)}`;
    case "bigint":
      return `i${x.toString()}`;
    case "number":
      // SameValueZero: NaN is one value, -0 and 0 are one value.
      return Number.isNaN(x) ? "dNaN" : `d${String(x === 0 ? 0 : x)}`;
    case "object": {
      if (x === null) return "n";
      if (Array.isArray(x)) return `[${x.map(canonical).join(",")}]`;
      if (x instanceof Map) return `m{${[...x].map(([k, v]) => `${canonical(k)}=>${canonical(v)}`).sort().join(",")}}`;
      if (x instanceof Set) return `S{${[...x].map(canonical).sort().join(",")}}`;
      const o = x as Record<string, unknown>;
      return `o{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
    }
    default:
      // Functions and symbols never come out of decoding; compare them by identity.
      return `?${String(x)}`;
  }
}

/** Whether a perfect matching pairs every `left[i]` with a distinct `right[j]` under `eq` (Kuhn's algorithm). */
function perfectMatching(left: readonly unknown[], right: readonly unknown[], eq: (a: unknown, b: unknown) => boolean): boolean {
  if (left.length !== right.length) return false;
  const owner: number[] = right.map(() => -1);
  const tryAssign = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < right.length; j++) {
      if (seen[j] === true || !eq(left[i], right[j])) continue;
      seen[j] = true;
      const o = owner[j] as number;
      if (o < 0 || tryAssign(o, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  return left.every((_, i) => tryAssign(i, []));
}

function kind(x: unknown): string {
  if (x === null) return "null";
  if (typeof x !== "object") return typeof x;
  if (Array.isArray(x)) return "array";
  if (x instanceof Map) return "map";
  if (x instanceof Set) return "set";
  return "object";
}

/**
 * Deep structural equality of JavaScript values, as `tagged-call` tests compare results:
 *
 * - types must agree: `1n` is not `1`, `undefined` is not `null`, a `Map` is not an object, a `Set` is not an array;
 * - numbers compare by SameValueZero (`NaN` equals `NaN`, `-0` equals `0`) or within the absolute
 *   `tolerance`; BigInts, strings and booleans exactly;
 * - arrays element by element; plain objects by their own enumerable keys, in any order;
 * - `Map`s entry by entry in any order, keys matched structurally and exactly (the tolerance applies
 *   to values only); `Set`s by membership, members matched structurally and exactly.
 *
 * @param actual - the program's result
 * @param expected - the expected value
 * @param tolerance - absolute tolerance for numbers outside Map keys and Set members (default 0)
 * @example
 * ```ts
 * import { valueEqual } from "passk/node";
 * console.log(valueEqual(2n ** 60n, 2n ** 60n + 1n), valueEqual(1n, 1), valueEqual(null, undefined)); // => false false false
 * console.log(valueEqual(new Map<unknown, string>([[[1], "a"], [2, "b"]]), new Map<unknown, string>([[2, "b"], [[1], "a"]]))); // => true
 * console.log(valueEqual(new Set([1, 2]), new Set([2, 1])), valueEqual(NaN, NaN), valueEqual(-0, 0)); // => true true true
 * console.log(valueEqual([0.1 + 0.2], [0.3]), valueEqual([0.1 + 0.2], [0.3], 1e-9)); // => false true
 * ```
 */
export function valueEqual(actual: unknown, expected: unknown, tolerance = 0): boolean {
  if (tolerance === 0) return canonical(actual) === canonical(expected);
  const eq = (a: unknown, b: unknown): boolean => {
    const k = kind(a);
    if (k !== kind(b)) return false;
    switch (k) {
      case "number": {
        const x = a as number;
        const y = b as number;
        return x === y || (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) <= tolerance;
      }
      case "array": {
        const x = a as unknown[];
        const y = b as unknown[];
        return x.length === y.length && x.every((v, i) => eq(v, y[i]));
      }
      case "set":
        return canonical(a) === canonical(b);
      case "map": {
        const x = a as Map<unknown, unknown>;
        const y = b as Map<unknown, unknown>;
        if (x.size !== y.size) return false;
        // Entries whose keys are structurally equal form a group; within a group the values must
        // pair up under the tolerance (a group has one entry unless distinct objects look alike).
        const groups = new Map<string, { xs: unknown[]; ys: unknown[] }>();
        for (const [key, v] of x) {
          const c = canonical(key);
          const g = groups.get(c) ?? { xs: [], ys: [] };
          g.xs.push(v);
          groups.set(c, g);
        }
        for (const [key, v] of y) {
          const g = groups.get(canonical(key));
          if (g === undefined) return false;
          g.ys.push(v);
        }
        return [...groups.values()].every((g) => perfectMatching(g.xs, g.ys, eq));
      }
      case "object": {
        const x = a as Record<string, unknown>;
        const y = b as Record<string, unknown>;
        const keys = Object.keys(x);
        return keys.length === Object.keys(y).length && keys.every((key) => Object.hasOwn(y, key) && eq(x[key], y[key]));
      }
      default:
        return Object.is(a, b) || a === b;
    }
  };
  return eq(actual, expected);
}
