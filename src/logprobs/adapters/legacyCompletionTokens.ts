/**
 * The parallel-array logprobs of OpenAI's legacy Completions API (also vLLM's `/v1/completions`).
 * Internal.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import { InvalidLogprobError } from "../invalidLogprobError.js";
import { invalidLogprob } from "../policy.js";
import type { TopLogprob } from "../tokenLogprobs.js";
import type { AdapterOptions, RawToken } from "./buildSequence.js";
import { asArray, asObject, asString, readLogprob } from "./shape.js";

/** @internal */
export interface LegacyTokens {
  readonly tokens: RawToken[];
  /** Number of echoed prompt tokens (0 without echo). */
  readonly promptLength: number;
}

/**
 * Reads `choices[i].logprobs` = `{ tokens, token_logprobs, top_logprobs, text_offset }`. A null
 * first logprob means `echo: true` (the prompt comes first); the prompt/response boundary is then
 * `responseStart`, or the first token whose `text_offset` ≥ `responseStartOffset`, or
 * `usage.prompt_tokens` when the response has a single choice.
 * @internal
 */
export function readLegacyTokens(
  logprobs: unknown,
  field: string,
  sequence: number,
  options: AdapterOptions & { readonly responseStartOffset?: number },
  singleChoicePromptTokens: number | undefined,
): LegacyTokens {
  const lp = asObject(logprobs, field, " (request logprobs: <n>)");
  const tokens = asArray(lp["tokens"], `${field}.tokens`);
  const values = asArray(lp["token_logprobs"], `${field}.token_logprobs`);
  const topRaw = lp["top_logprobs"] === null || lp["top_logprobs"] === undefined ? undefined : asArray(lp["top_logprobs"], `${field}.top_logprobs`);
  const offsets = lp["text_offset"] === null || lp["text_offset"] === undefined ? undefined : asArray(lp["text_offset"], `${field}.text_offset`);
  const mismatch = (name: string, len: number): InvalidLogprobError =>
    new InvalidLogprobError(`${field}.${name} has length ${len} but ${field}.tokens has length ${tokens.length} (sequence ${sequence})`, {
      reason: "length-mismatch",
      sequence,
      field: `${field}.${name}`,
      value: len,
    });
  if (values.length !== tokens.length) throw mismatch("token_logprobs", values.length);
  if (topRaw !== undefined && topRaw.length !== tokens.length) throw mismatch("top_logprobs", topRaw.length);
  if (offsets !== undefined && offsets.length !== tokens.length) throw mismatch("text_offset", offsets.length);

  // Per token: the field paths of error messages are built only when a value is wrong, and a
  // token without alternatives gets no top list (buildSequence reads that as an empty one).
  const raw = new Array<RawToken>(tokens.length);
  for (let j = 0; j < tokens.length; j++) {
    // The same order of checks as ever (alternatives, token, logprob): the same first error.
    const entry = topRaw?.[j];
    let top: TopLogprob[] | undefined;
    if (entry !== null && entry !== undefined) {
      top = [];
      for (const [alt, x] of Object.entries(asObject(entry, `${field}.top_logprobs[${j}]`))) {
        const f = `${field}.top_logprobs[${j}][${JSON.stringify(alt)}]`;
        const lp = readLogprob(x, f, j, sequence);
        // An alternative without a value cannot be dropped unnoticed: entropy would lose its mass.
        if (lp === null) throw invalidLogprob("null", x, j, sequence, f, "");
        top.push({ token: alt, logprob: lp });
      }
    }
    const t = tokens[j];
    const token = typeof t === "string" ? t : asString(t, `${field}.tokens[${j}]`);
    const v = values[j];
    const logprob = typeof v === "number" ? v : readLogprob(v, `${field}.token_logprobs[${j}]`, j, sequence);
    raw[j] = top === undefined ? { token, logprob } : { token, logprob, top };
  }

  const echoed = raw.length > 0 && raw[0]?.logprob === null;
  let promptLength = 0;
  if (options.responseStartOffset !== undefined) {
    const off = options.responseStartOffset;
    if (offsets === undefined) {
      throw new InvalidArgumentError(`responseStartOffset needs ${field}.text_offset, which is missing`, { field: `${field}.text_offset` });
    }
    if (!Number.isSafeInteger(off) || off < 0) {
      throw new InvalidArgumentError(`responseStartOffset must be a non-negative integer, got ${String(off)}`, { field: "responseStartOffset", value: off });
    }
    promptLength = offsets.findIndex((o) => typeof o === "number" && o >= off);
    if (promptLength === -1) promptLength = raw.length;
  } else if (echoed) {
    if (options.responseStart !== undefined) promptLength = options.responseStart;
    else if (singleChoicePromptTokens !== undefined) promptLength = singleChoicePromptTokens;
    else {
      throw new InvalidArgumentError(
        `${field} starts with a null logprob (echo: true) but the prompt/response boundary is unknown: ` +
          `pass responseStart (token index) or responseStartOffset (text offset)`,
        { field: "responseStart" },
      );
    }
    if (!Number.isSafeInteger(promptLength) || promptLength < 1 || promptLength > raw.length) {
      throw new InvalidArgumentError(`prompt length ${String(promptLength)} must be in [1, ${raw.length}] for ${field}`, {
        field: "responseStart",
        value: promptLength,
      });
    }
  }
  return { tokens: raw, promptLength };
}
