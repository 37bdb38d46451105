/**
 * The byte-count rule for special tokens, shared by the adapters. Internal.
 *
 * A token counts the UTF-8 bytes it contributes to the text the server returned. Special tokens
 * that the server scores but leaves out of that text (end of sequence, a stop token id) count 0:
 * TGI marks them `special: true`; vLLM and SGLang do not mark them but spell the end-of-sequence
 * token out (`"</s>"`, `"<|im_end|>"`), so without this rule their bits per byte would count bytes
 * that are not in the text, and differ from TGI's for the same answer.
 * @internal
 * @module
 */
import type { RawToken } from "./buildSequence.js";

/**
 * Sets `bytes: 0` on the last of `tokens` when the generation ended on a stop token (the caller
 * reads that from the finish reason) and the returned `text` does not end with the token's text
 * (with `skip_special_tokens: false` the token is part of the text and keeps its bytes). Nothing
 * changes when the text is not a string: without it the rule cannot tell the stop token from an
 * ordinary last token, and a real token must never lose its bytes. @internal
 */
export function zeroStopTokenBytes(tokens: RawToken[], endedOnStopToken: boolean, text: unknown): void {
  const last = tokens.length - 1;
  const t = tokens[last];
  if (!endedOnStopToken || t === undefined || typeof text !== "string" || t.token === "") return;
  if (text.endsWith(t.token)) return;
  tokens[last] = { ...t, bytes: 0 };
}

/**
 * vLLM's finish: `finish_reason: "stop"` with `stop_reason` null (the end-of-sequence token) or a
 * number (a stop token id). A missing `stop_reason` field says nothing: a stop string also
 * finishes with "stop", and its tokens are not a single special token. @internal
 */
export function endedOnStopToken(choice: Readonly<Record<string, unknown>>): boolean {
  if (choice["finish_reason"] !== "stop" || !("stop_reason" in choice)) return false;
  const r = choice["stop_reason"];
  return r === null || typeof r === "number";
}
