/**
 * Runtime checks of parsed API JSON, naming the field path. Internal.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import { invalidLogprob } from "../policy.js";
import type { TopLogprob } from "../tokenLogprobs.js";

/** A JSON object. @internal */
export type JsonObject = Readonly<Record<string, unknown>>;

/** @internal */
export function describe(v: unknown): string {
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  return typeof v === "object" ? "an object" : JSON.stringify(v) ?? String(v);
}

/** @internal */
export function asObject(v: unknown, field: string, hint = ""): JsonObject {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    throw new InvalidArgumentError(`${field} must be an object, got ${describe(v)}${hint}`, { field, value: v });
  }
  return v as JsonObject;
}

/** @internal */
export function asArray(v: unknown, field: string, hint = ""): readonly unknown[] {
  if (!Array.isArray(v)) throw new InvalidArgumentError(`${field} must be an array, got ${describe(v)}${hint}`, { field, value: v });
  return v;
}

/** @internal */
export function asString(v: unknown, field: string): string {
  if (typeof v !== "string") throw new InvalidArgumentError(`${field} must be a string, got ${describe(v)}`, { field, value: v });
  return v;
}

/** A token id: a non-negative safe integer, or a string of digits (JSON object keys). @internal */
export function asTokenId(v: unknown, field: string): number {
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw new InvalidArgumentError(`${field} must be a token id (non-negative integer), got ${describe(v)}`, { field, value: v });
  }
  return n;
}

/** A logprob as reported: a number (any, validated later by the policy) or null/undefined (missing). @internal */
export function readLogprob(v: unknown, field: string, position: number, sequence: number | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "number") throw invalidLogprob("not-a-number", v, position, sequence, field);
  return v;
}

/** Byte count from an API `bytes` field (an int array), or undefined when absent/null. @internal */
export function bytesField(v: unknown, field: string): number | undefined {
  if (v === null || v === undefined) return undefined;
  return asArray(v, field).length;
}

/** Reads a list of `{ token, logprob, id? }` alternatives (OpenAI, Ollama, llama.cpp shapes). @internal */
export function readTopList(
  v: unknown,
  field: string,
  position: number,
  sequence: number | undefined,
  tokenKey = "token",
  valueKey = "logprob",
  convert?: (x: number, field: string) => number,
): TopLogprob[] {
  if (v === null || v === undefined) return [];
  if (convert === undefined) {
    const fast = fastTopList(v, tokenKey, valueKey);
    if (fast !== undefined) return fast;
  }
  const list = asArray(v, field);
  return list.map((item, j) => {
    const f = `${field}[${j}]`;
    const o = asObject(item, f);
    const raw = readLogprob(o[valueKey], `${f}.${valueKey}`, position, sequence);
    if (raw === null) throw invalidLogprob("null", o[valueKey], position, sequence, `${f}.${valueKey}`, "");
    const logprob = convert ? convert(raw, `${f}.${valueKey}`) : raw;
    const token = asString(o[tokenKey], `${f}.${tokenKey}`);
    const id = o["id"] === undefined || o["id"] === null ? idFromTokenText(token) : asTokenId(o["id"], `${f}.id`);
    return id === undefined ? { token, logprob } : { token, logprob, id };
  });
}

// Fast paths: a well-formed entry is read without building its field path (several strings per
// token, most of the cost of a long payload). Anything unusual returns undefined, and the caller
// takes the checked path, which builds the path and throws the precise error: same results, same
// errors.

/** A non-null, non-array object. @internal */
export function isRecord(v: unknown): v is JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A token id given as a number (digit strings take the checked path). @internal */
export function isTokenIdNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/** The alternatives of {@link readTopList} when every entry is well formed, else undefined. @internal */
export function fastTopList(v: unknown, tokenKey = "token", valueKey = "logprob"): TopLogprob[] | undefined {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) return undefined;
  const out = new Array<TopLogprob>(v.length);
  for (let j = 0; j < v.length; j++) {
    const o: unknown = v[j];
    if (!isRecord(o)) return undefined;
    const token = o[tokenKey];
    const logprob = o[valueKey];
    const id = o["id"];
    if (typeof token !== "string" || typeof logprob !== "number") return undefined;
    if (id === undefined || id === null) {
      const fromText = idFromTokenText(token);
      out[j] = fromText === undefined ? { token, logprob } : { token, logprob, id: fromText };
    } else if (isTokenIdNumber(id)) out[j] = { token, logprob, id };
    else return undefined;
  }
  return out;
}

/** An array index such as a choice `index`: a non-negative safe integer. @internal */
export function asIndex(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    throw new InvalidArgumentError(`${field} must be a non-negative integer, got ${describe(v)}`, { field, value: v });
  }
  return v;
}

/**
 * Appends `source` to `target` one element at a time: `target.push(...source)` passes every
 * element as a call argument and overflows the stack above ~120k tokens. @internal
 */
export function appendAll<T>(target: T[], source: readonly T[]): T[] {
  for (let i = 0; i < source.length; i++) target.push(source[i] as T);
  return target;
}

/** `a` followed by `b`, as a new array (no spread of large arrays). @internal */
export function concat<T>(a: readonly T[], b: readonly T[]): T[] {
  return appendAll(appendAll(new Array<T>(), a), b);
}

const TOKEN_ID_TEXT = /^token_id:(\d+)$/;

/** The id in a `token_id:<id>` token text (vLLM `return_tokens_as_token_ids`), else undefined. @internal */
export function idFromTokenText(token: string): number | undefined {
  if (!token.startsWith("token_id:")) return undefined;
  const m = TOKEN_ID_TEXT.exec(token);
  if (m === null) return undefined;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) ? id : undefined;
}
