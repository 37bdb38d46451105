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
  const list = asArray(v, field);
  return list.map((item, j) => {
    const f = `${field}[${j}]`;
    const o = asObject(item, f);
    const raw = readLogprob(o[valueKey], `${f}.${valueKey}`, position, sequence);
    if (raw === null) throw invalidLogprob("null", raw, position, sequence, `${f}.${valueKey}`);
    const logprob = convert ? convert(raw, `${f}.${valueKey}`) : raw;
    const token = asString(o[tokenKey], `${f}.${tokenKey}`);
    return o["id"] === undefined ? { token, logprob } : { token, logprob, id: asTokenId(o["id"], `${f}.id`) };
  });
}
