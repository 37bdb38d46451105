/**
 * The tagged encoding of JavaScript values: a JSON shape that carries what JSON loses (BigInt,
 * `undefined`, `-0`, `NaN`, ±`Infinity`, integers past 2^53, `Map`, `Set`), so that
 * `tagged-call` tests pass arguments into a sandboxed JavaScript program and read its result back
 * exactly. The format is described in docs/verifiers.md ("Tagged values").
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";

/** `undefined`, which JSON has no value for. */
export interface TaggedUndefined {
  /** Tag. */
  readonly $: "undefined";
}

/** A number JSON cannot carry exactly: `"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"`, or an integer past 2^53 in exact digits (`"1152921504606846976"` for 2^60). */
export interface TaggedNumber {
  /** Tag. */
  readonly $: "number";
  /** The number: `"-0"`, `"NaN"`, `"Infinity"`, `"-Infinity"`, an integer's exact decimal digits, or `String(x)`. */
  readonly v: string;
}

/** A BigInt, in decimal: `{ $: "bigint", v: "1152921504606846977" }`. */
export interface TaggedBigInt {
  /** Tag. */
  readonly $: "bigint";
  /** Decimal digits with an optional `-`, no leading zeros. */
  readonly v: string;
}

/** A `Map`: its entries in insertion order, keys and values encoded. */
export interface TaggedMap {
  /** Tag. */
  readonly $: "map";
  /** `[key, value]` pairs. */
  readonly v: readonly (readonly [TaggedValue, TaggedValue])[];
}

/** A `Set`: its members in insertion order, encoded. */
export interface TaggedSet {
  /** Tag. */
  readonly $: "set";
  /** Members. */
  readonly v: readonly TaggedValue[];
}

/** A plain object written out explicitly: needed when one of its keys is `"$"`. */
export interface TaggedObject {
  /** Tag. */
  readonly $: "object";
  /** Own properties, values encoded; the keys are taken as they are. */
  readonly v: { readonly [key: string]: TaggedValue };
}

/**
 * A value in the tagged encoding: JSON `null`, booleans, strings, arrays and objects stand for
 * themselves (an object's values encoded in turn), a JSON number for itself when it is not an
 * integer past 2^53, and an object with a `"$"` key is one of the tags.
 */
export type TaggedValue =
  | null
  | boolean
  | number
  | string
  | readonly TaggedValue[]
  | TaggedUndefined
  | TaggedNumber
  | TaggedBigInt
  | TaggedMap
  | TaggedSet
  | TaggedObject
  | { readonly [key: string]: TaggedValue };

/**
 * Deepest nesting encoded or decoded; deeper values are refused rather than overflowing the stack.
 *
 * @example
 * ```ts
 * import { TAGGED_MAX_DEPTH } from "passk/node";
 * console.log(TAGGED_MAX_DEPTH); // => 1000
 * ```
 */
export const TAGGED_MAX_DEPTH = 1000;

function refuse(path: string, message: string, value?: unknown): never {
  throw new InvalidArgumentError(`${path} ${message}`, { field: path, value });
}

function isPlainObject(x: object): boolean {
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: a key "__proto__" stays an own property.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function encodeNumber(x: number): TaggedValue {
  if (Object.is(x, -0)) return { $: "number", v: "-0" };
  if (!Number.isFinite(x)) return { $: "number", v: String(x) };
  // Integers past 2^53 in exact digits (String(2 ** 60) would be "1152921504606847000").
  if (Number.isInteger(x) && !Number.isSafeInteger(x)) return { $: "number", v: BigInt(x).toString() };
  return x;
}

/**
 * A JavaScript value in the tagged encoding (see {@link TaggedValue}). Array holes encode as
 * `undefined`; only own enumerable string keys of plain objects are kept (as in JSON).
 *
 * @param value - a value made of `undefined`, `null`, booleans, numbers, BigInts, strings, arrays, plain objects, `Map`s and `Set`s
 * @param path - how messages name the value (default `"value"`)
 * @throws {@link index!InvalidArgumentError} naming the path of a function, symbol, class instance (`Date`, typed arrays included) or cycle, or nesting deeper than {@link TAGGED_MAX_DEPTH}
 * @example
 * ```ts
 * import { encodeTagged } from "passk/node";
 * console.log(JSON.stringify(encodeTagged([2n ** 60n + 1n, -0, undefined, 1.5, new Set(["a"])])));
 * // => [{"$":"bigint","v":"1152921504606846977"},{"$":"number","v":"-0"},{"$":"undefined"},1.5,{"$":"set","v":["a"]}]
 * console.log(JSON.stringify(encodeTagged(new Map([[1, { $: 2 }]]))));
 * // => {"$":"map","v":[[1,{"$":"object","v":{"$":2}}]]}
 * ```
 */
export function encodeTagged(value: unknown, path = "value"): TaggedValue {
  const stack = new Set<object>();
  const enc = (x: unknown, at: string, depth: number): TaggedValue => {
    if (x === undefined) return { $: "undefined" };
    if (x === null || typeof x === "boolean" || typeof x === "string") return x;
    if (typeof x === "number") return encodeNumber(x);
    if (typeof x === "bigint") return { $: "bigint", v: x.toString() };
    if (typeof x !== "object") return refuse(at, `is a ${typeof x}, which has no tagged encoding`);
    if (depth >= TAGGED_MAX_DEPTH) return refuse(at, `is nested deeper than ${TAGGED_MAX_DEPTH} levels`);
    if (stack.has(x)) return refuse(at, "is a cycle (the value contains itself)");
    stack.add(x);
    try {
      if (Array.isArray(x)) {
        const out: TaggedValue[] = [];
        for (let i = 0; i < x.length; i++) out.push(enc(x[i], `${at}[${i}]`, depth + 1));
        return out;
      }
      if (x instanceof Map) {
        const entries: [TaggedValue, TaggedValue][] = [];
        let i = 0;
        for (const [k, v] of x) {
          entries.push([enc(k, `${at}.key(${i})`, depth + 1), enc(v, `${at}.get(${i})`, depth + 1)]);
          i++;
        }
        return { $: "map", v: entries };
      }
      if (x instanceof Set) {
        const members: TaggedValue[] = [];
        let i = 0;
        for (const m of x) members.push(enc(m, `${at}.member(${i++})`, depth + 1));
        return { $: "set", v: members };
      }
      if (!isPlainObject(x)) {
        const name = (x as { constructor?: { name?: unknown } }).constructor?.name;
        return refuse(at, `is a ${typeof name === "string" && name !== "" ? name : "non-plain object"}, which has no tagged encoding`);
      }
      const fields: Record<string, TaggedValue> = {};
      for (const key of Object.keys(x)) setOwn(fields, key, enc((x as Record<string, unknown>)[key], `${at}.${key}`, depth + 1));
      return Object.hasOwn(fields, "$") ? { $: "object", v: fields } : fields;
    } finally {
      stack.delete(x);
    }
  };
  return enc(value, path, 0);
}

const BIGINT_DIGITS = /^-?(0|[1-9][0-9]*)$/u;
const SPECIAL_NUMBERS: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, "-Infinity": Number.NEGATIVE_INFINITY, "-0": -0 };

function decodeNumberText(v: unknown, at: string): number {
  if (typeof v !== "string") return refuse(`${at}.v`, `must be a string, got ${typeof v}`, v);
  const special = SPECIAL_NUMBERS[v];
  if (special !== undefined && Object.hasOwn(SPECIAL_NUMBERS, v)) return special;
  const x = Number(v);
  // Accepted: the exact digits of an integer that is a double, or JavaScript's own String(x). A
  // digit string that is no double (2**60 + 1) is refused instead of being rounded to its neighbour.
  const exactInteger = BIGINT_DIGITS.test(v) && Number.isFinite(x) && BigInt(v) === BigInt(x);
  if (v.trim() === "" || !Number.isFinite(x) || (!exactInteger && String(x) !== v)) {
    const near = Number.isFinite(x) && v.trim() !== "" ? ` (the nearest double is ${Number.isInteger(x) ? BigInt(x).toString() : String(x)}; use { $: "bigint" } for an exact integer)` : "";
    return refuse(`${at}.v`, `must be a double's exact integer digits or String(x), "NaN", "Infinity", "-Infinity" or "-0", got ${JSON.stringify(v)}${near}`, v);
  }
  return x;
}

/**
 * The JavaScript value a {@link TaggedValue} stands for, checked strictly: an unknown tag, a tag
 * with missing or extra fields, a number string that is not the shortest form of a double (such as
 * `"1152921504606846977"`, which is no double), or a plain JSON number that is an integer past
 * 2^53 (JSON has already rounded it) is an error, never a guess.
 *
 * @param tagged - the encoded value (e.g. parsed from a JSONL reference)
 * @param path - how messages name the value (default `"value"`)
 * @throws {@link index!InvalidArgumentError} naming the path of the first malformed part
 * @example
 * ```ts
 * import { decodeTagged } from "passk/node";
 * const m = decodeTagged({ $: "map", v: [[{ $: "bigint", v: "7" }, { $: "number", v: "NaN" }]] }) as Map<bigint, number>;
 * console.log(m.get(7n), m.has(7 as unknown as bigint)); // => NaN false
 * try {
 *   decodeTagged({ $: "number", v: "1152921504606846977" }, "expected");
 * } catch (e) {
 *   console.log((e as Error).message.split(" (")[1]); // => the nearest double is 1152921504606846976; use { $: "bigint" } for an exact integer)
 * }
 * ```
 */
export function decodeTagged(tagged: unknown, path = "value"): unknown {
  const dec = (t: unknown, at: string, depth: number): unknown => {
    if (t === null || typeof t === "boolean" || typeof t === "string") return t;
    if (typeof t === "number") {
      if (!Number.isFinite(t)) return refuse(at, `must be a finite JSON number, got ${String(t)}`, t);
      if (Number.isInteger(t) && !Number.isSafeInteger(t)) {
        return refuse(at, `is an integer past 2^53 written as a plain JSON number (${BigInt(t).toString()}), which JSON may already have rounded: write { "$": "bigint", "v": "..." } or { "$": "number", "v": "..." }`, t);
      }
      return t;
    }
    if (typeof t !== "object") return refuse(at, `must be a tagged value (JSON), got ${typeof t}`, t);
    if (depth >= TAGGED_MAX_DEPTH) return refuse(at, `is nested deeper than ${TAGGED_MAX_DEPTH} levels`);
    if (Array.isArray(t)) return t.map((x, i) => dec(x, `${at}[${i}]`, depth + 1));
    const o = t as Record<string, unknown>;
    if (!Object.hasOwn(o, "$")) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(o)) setOwn(out, key, dec(o[key], `${at}.${key}`, depth + 1));
      return out;
    }
    const tag = o.$;
    const keys = Object.keys(o).sort().join(",");
    const want = tag === "undefined" ? "$" : "$,v";
    if (typeof tag !== "string" || !["undefined", "number", "bigint", "map", "set", "object"].includes(tag)) {
      return refuse(`${at}.$`, `must be one of "undefined", "number", "bigint", "map", "set", "object", got ${JSON.stringify(tag)}`, tag);
    }
    if (keys !== want) return refuse(at, `(tag "${tag}") must have exactly the keys ${want.split(",").join(" and ")}, got ${keys}`, t);
    const v = o.v;
    switch (tag) {
      case "undefined":
        return undefined;
      case "number":
        return decodeNumberText(v, at);
      case "bigint":
        if (typeof v !== "string" || !BIGINT_DIGITS.test(v)) return refuse(`${at}.v`, `must be decimal digits with an optional "-" and no leading zeros, got ${JSON.stringify(v)}`, v);
        return BigInt(v);
      case "set":
        if (!Array.isArray(v)) return refuse(`${at}.v`, "must be a list of members", v);
        const s = new Set<unknown>();
        v.forEach((x: unknown, i) => {
          const member = dec(x, `${at}.v[${i}]`, depth + 1);
          // A repeated primitive would silently shrink the set.
          if (s.has(member)) return refuse(`${at}.v[${i}]`, "repeats a member of the set", x);
          s.add(member);
        });
        return s;
      case "map": {
        if (!Array.isArray(v)) return refuse(`${at}.v`, "must be a list of [key, value] pairs", v);
        const m = new Map<unknown, unknown>();
        v.forEach((pair: unknown, i) => {
          if (!Array.isArray(pair) || pair.length !== 2) return refuse(`${at}.v[${i}]`, "must be a [key, value] pair", pair);
          const key = dec(pair[0], `${at}.v[${i}][0]`, depth + 1);
          if (m.has(key)) return refuse(`${at}.v[${i}][0]`, "repeats a key of the map", pair[0]);
          m.set(key, dec(pair[1], `${at}.v[${i}][1]`, depth + 1));
        });
        return m;
      }
      default: {
        if (v === null || typeof v !== "object" || Array.isArray(v)) return refuse(`${at}.v`, "must be an object", v);
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(v)) setOwn(out, key, dec((v as Record<string, unknown>)[key], `${at}.v.${key}`, depth + 1));
        return out;
      }
    }
  };
  return dec(tagged, path, 0);
}
