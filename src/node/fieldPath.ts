/**
 * Dotted paths into parsed JSON objects.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";

/** A compiled path: the keys to follow, and the dotted form for messages. @internal */
export interface FieldPath {
  readonly keys: readonly string[];
  readonly name: string;
}

/**
 * Compiles `"a.b.c"` (or `["a", "b.c"]` for keys that contain dots) into a path. A key made of
 * digits also indexes into an array (`"filtered_resps.0"`).
 * @internal
 */
export function compilePath(path: string | readonly string[], option: string): FieldPath {
  const keys = typeof path === "string" ? path.split(".") : Array.isArray(path) ? [...path] : [];
  if (keys.length === 0 || keys.some((k) => typeof k !== "string" || k === "")) {
    throw new InvalidArgumentError(`${option} must be a dotted path like "doc.id" or a non-empty array of keys, got ${JSON.stringify(path)}`, {
      field: option,
      value: path,
    });
  }
  return { keys, name: typeof path === "string" ? path : keys.join(".") };
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The value at `path` in `obj`, or undefined when any step is missing. @internal */
export function getPath(obj: unknown, path: FieldPath): unknown {
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
