/**
 * Dotted paths into parsed JSON objects.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";

/** A compiled path: the keys to follow, and the path as written, for messages. @internal */
export interface FieldPath {
  readonly keys: readonly string[];
  readonly name: string;
}

/** One dotted segment: a key followed by any number of `[index]` suffixes (`pred`, `pred[0]`, `m[1][2]`). */
const SEGMENT = /^([^[\]]+)((?:\[(?:0|[1-9][0-9]*)\])*)$/;

function splitDotted(path: string): string[] | undefined {
  const keys: string[] = [];
  for (const segment of path.split(".")) {
    const m = SEGMENT.exec(segment);
    if (m === null) return undefined;
    keys.push(m[1] as string);
    for (const index of (m[2] as string).matchAll(/\[(\d+)\]/g)) keys.push(index[1] as string);
  }
  return keys;
}

/**
 * Compiles `"a.b.c"` (or `["a", "b.c"]` for keys that contain dots or brackets) into a path. A key
 * made of digits also indexes into an array, written either way: `"pred.0"` or `"pred[0]"`.
 * @internal
 */
export function compilePath(path: string | readonly string[], option: string): FieldPath {
  const keys = typeof path === "string" ? splitDotted(path) : Array.isArray(path) ? [...path] : undefined;
  if (keys === undefined || keys.length === 0 || keys.some((k) => typeof k !== "string" || k === "")) {
    throw new InvalidArgumentError(
      `${option} must be a dotted path like "doc.id" or "pred[0]", or a non-empty array of keys, got ${JSON.stringify(path)}`,
      { field: option, value: path },
    );
  }
  return { keys, name: typeof path === "string" ? path : keys.join(".") };
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The value at `path` in `obj`, or undefined when any step is missing. @internal */
export function getPath(obj: unknown, path: FieldPath): unknown {
  // One key into a plain object (a column of a Parquet row, a top-level JSONL field): the common case.
  if (path.keys.length === 1 && obj !== null && typeof obj === "object" && !Array.isArray(obj)) {
    const k = path.keys[0] as string;
    return hasOwn.call(obj, k) ? (obj as Record<string, unknown>)[k] : undefined;
  }
  let v = obj;
  for (const k of path.keys) {
    if (v === null || typeof v !== "object") return undefined;
    if (Array.isArray(v)) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(k)) return undefined;
      v = v[Number(k)];
    } else {
      if (!hasOwn.call(v, k)) return undefined;
      v = (v as Record<string, unknown>)[k];
    }
  }
  return v;
}
