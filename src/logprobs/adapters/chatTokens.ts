/**
 * The per-token object shared by OpenAI Chat Completions, the Responses API, Ollama and vLLM's
 * chat endpoint: `{ token, logprob, bytes?, top_logprobs?, id? }` (`id` from llama.cpp's server).
 * Internal.
 * @internal
 * @module
 */
import type { RawToken } from "./buildSequence.js";
import {
  asArray,
  asObject,
  asString,
  asTokenId,
  bytesField,
  fastTopList,
  idFromTokenText,
  isRecord,
  isTokenIdNumber,
  readLogprob,
  readTopList,
} from "./shape.js";

/**
 * Reads a list of chat tokens; `offset` is the source position of its first entry (when several
 * lists are concatenated into one sequence). @internal
 */
export function readChatTokens(list: unknown, field: string, sequence: number | undefined, offset = 0): RawToken[] {
  const items = asArray(list, field);
  const out = new Array<RawToken>(items.length);
  for (let j = 0; j < items.length; j++) {
    const position = offset + j;
    const fast = fastChatToken(items[j]);
    if (fast !== undefined) {
      out[j] = fast;
      continue;
    }
    const f = `${field}[${j}]`;
    const o = asObject(items[j], f);
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

/** A well-formed chat token read without building field paths, else undefined (see shape.ts). */
function fastChatToken(o: unknown): RawToken | undefined {
  if (!isRecord(o)) return undefined;
  const token = o["token"];
  const logprob = o["logprob"];
  const bytes = o["bytes"];
  const id = o["id"];
  if (typeof token !== "string" || typeof logprob !== "number") return undefined;
  if (!(bytes === null || bytes === undefined || Array.isArray(bytes))) return undefined;
  if (!(id === null || id === undefined || isTokenIdNumber(id))) return undefined;
  const top = fastTopList(o["top_logprobs"]);
  if (top === undefined) return undefined;
  return {
    token,
    logprob,
    bytes: bytes === null || bytes === undefined ? undefined : (bytes as readonly unknown[]).length,
    top,
    id: id === null || id === undefined ? idFromTokenText(token) : id,
  };
}
