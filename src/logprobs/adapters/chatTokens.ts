/**
 * The per-token object shared by OpenAI Chat Completions, the Responses API, Ollama and vLLM's
 * chat endpoint: `{ token, logprob, bytes?, top_logprobs?, id? }` (`id` from llama.cpp's server).
 * Internal.
 * @internal
 * @module
 */
import type { RawToken } from "./buildSequence.js";
import { asArray, asObject, asString, asTokenId, bytesField, idFromTokenText, readLogprob, readTopList } from "./shape.js";

/**
 * Reads a list of chat tokens; `offset` is the source position of its first entry (when several
 * lists are concatenated into one sequence). @internal
 */
export function readChatTokens(list: unknown, field: string, sequence: number | undefined, offset = 0): RawToken[] {
  const items = asArray(list, field);
  const out = new Array<RawToken>(items.length);
  for (let j = 0; j < items.length; j++) {
    const f = `${field}[${j}]`;
    const o = asObject(items[j], f);
    const position = offset + j;
    const token = asString(o["token"], `${f}.token`);
    // The sampled token's id (llama.cpp) names it among the alternatives even when byte-fallback
    // tokens share its text, so entropy does not count it twice.
    const id = o["id"] === undefined || o["id"] === null ? idFromTokenText(token) : asTokenId(o["id"], `${f}.id`);
    out[j] = {
      token,
      logprob: readLogprob(o["logprob"], `${f}.logprob`, position, sequence),
      bytes: bytesField(o["bytes"], `${f}.bytes`),
      top: readTopList(o["top_logprobs"], `${f}.top_logprobs`, position, sequence),
      id,
    };
  }
  return out;
}
