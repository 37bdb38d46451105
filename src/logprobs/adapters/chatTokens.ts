/**
 * The per-token object shared by OpenAI Chat Completions, the Responses API, Ollama and vLLM's
 * chat endpoint: `{ token, logprob, bytes?, top_logprobs? }`. Internal.
 * @internal
 * @module
 */
import type { RawToken } from "./buildSequence.js";
import { asArray, asObject, asString, bytesField, readLogprob, readTopList } from "./shape.js";

/** @internal */
export function readChatTokens(list: unknown, field: string, sequence: number | undefined, offset = 0): RawToken[] {
  return asArray(list, field).map((item, j) => {
    const f = `${field}[${j}]`;
    const o = asObject(item, f);
    const position = offset + j;
    return {
      token: asString(o["token"], `${f}.token`),
      logprob: readLogprob(o["logprob"], `${f}.logprob`, position, sequence),
      bytes: bytesField(o["bytes"], `${f}.bytes`),
      top: readTopList(o["top_logprobs"], `${f}.top_logprobs`, position, sequence),
    };
  });
}
