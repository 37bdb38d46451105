/**
 * From a server's prompt-scoring answer to the logprobs of the response tokens: the echoed token
 * texts are aligned with prompt + response ({@link locateResponse}) and the payload is read by the
 * library's adapter for that API, with the boundary found.
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import {
  fromOpenAICompletions,
  fromSGLang,
  fromTGI,
  fromVllmCompletions,
  type OpenAICompletionsResponseLike,
  type SGLangResponseLike,
  type TGIResponseLike,
  type TokenLogprobs,
  type VllmCompletionsResponseLike,
} from "../../logprobs/index.js";
import { locateResponse, type LocateOptions, type ResponseLocation } from "./locateResponse.js";
import type { ScoringServer } from "./scoringRequest.js";

/**
 * The response's logprobs read from one scoring payload.
 *
 * @example
 * ```ts
 * import { readScoringPayload } from "passk/node";
 * const payload = { choices: [{ text: "Q: A", logprobs: { tokens: ["Q", ":", " A"], token_logprobs: [null, -1, -0.5], text_offset: [0, 1, 2] } }], usage: { prompt_tokens: 3 } };
 * const r = readScoringPayload("vllm", payload, "Q:", " A");
 * console.log(r.sequence.tokens, Array.from(r.sequence.logprobs), r.promptTokens); // => [ ' A' ] [ -0.5 ] 3
 * ```
 */
export interface PayloadScore {
  /**
   * The response tokens only (no mask: every token is scored), with their logprobs and the UTF-8
   * bytes each covers (from the alignment, so partial characters count right).
   */
  readonly sequence: TokenLogprobs;
  /** Tokens the server echoed for prompt + response (the unscored first one and any BOS included). */
  readonly promptTokens: number;
  /** Where the response was found. */
  readonly location: ResponseLocation;
}

type Json = Readonly<Record<string, unknown>>;

function object(v: unknown, field: string): Json {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    throw new InvalidArgumentError(`the scoring payload's ${field} must be an object, got ${v === null ? "null" : Array.isArray(v) ? "an array" : typeof v}`, { field });
  }
  return v as Json;
}

function array(v: unknown, field: string, hint = ""): readonly unknown[] {
  if (!Array.isArray(v)) {
    throw new InvalidArgumentError(`the scoring payload's ${field} must be an array, got ${v === null ? "null" : typeof v}${hint}`, { field });
  }
  return v;
}

const TOKEN_ID_TEXT = /^token_id:\d+$/u;

function text(v: unknown, field: () => string): string {
  // The usual token: a string that cannot be a token id (the field path is built only on error).
  if (typeof v === "string" && (v.charCodeAt(0) !== 0x74 || !TOKEN_ID_TEXT.test(v))) return v;
  if (typeof v !== "string") {
    throw new InvalidArgumentError(`the scoring payload's ${field()} must be the token's text, got ${v === null ? "null" : typeof v}`, { field: field() });
  }
  throw new InvalidArgumentError(
    `the scoring payload's ${field()} is a token id (${v}), not its text: the server runs with --return-tokens-as-token-ids, so the response cannot be located`,
    { field: field() },
  );
}

/** The only choice of a completions payload. */
function onlyChoice(payload: unknown): Json {
  const choices = array(object(payload, "root")["choices"], "choices");
  if (choices.length !== 1) {
    throw new InvalidArgumentError(`the scoring payload has ${choices.length} choices; one was requested`, { field: "choices" });
  }
  return object(choices[0], "choices[0]");
}

/** Echoed prompt token texts of a legacy-completions `echo` payload (generated tokens cut off). */
function echoedTexts(payload: unknown): readonly string[] {
  const choice = onlyChoice(payload);
  const lp = object(choice["logprobs"], "choices[0].logprobs");
  const tokens = array(lp["tokens"], "choices[0].logprobs.tokens");
  const values = array(lp["token_logprobs"], "choices[0].logprobs.token_logprobs");
  if (values[0] !== null) {
    // Without echo the first token is a generated one and has a logprob.
    throw new InvalidArgumentError(
      "the server returned logprobs of generated tokens only, not of the prompt: it does not implement echo " +
        "(llama.cpp's /v1/completions does not; use vLLM, SGLang or TGI)",
      { field: "choices[0].logprobs.token_logprobs" },
    );
  }
  const usage = object(payload, "root")["usage"];
  let count = tokens.length;
  if (usage !== null && typeof usage === "object" && typeof (usage as Json)["prompt_tokens"] === "number") {
    // With max_tokens > 0 the generated tokens follow the prompt's; usage says where they start.
    const promptTokens = (usage as Json)["prompt_tokens"] as number;
    if (!Number.isSafeInteger(promptTokens) || promptTokens < 1 || promptTokens > tokens.length) {
      throw new InvalidArgumentError(`usage.prompt_tokens ${promptTokens} does not fit the ${tokens.length} echoed tokens`, { field: "usage.prompt_tokens" });
    }
    count = promptTokens;
  }
  for (let i = 0; i < count; i++) {
    const v = tokens[i];
    if (typeof v !== "string" || v.charCodeAt(0) === 0x74) text(v, () => `choices[0].logprobs.tokens[${i}]`);
  }
  // Every entry checked to be a token's text: the payload's own array serves (not copied).
  return (count === tokens.length ? tokens : tokens.slice(0, count)) as readonly string[];
}

/** Prompt token texts of vLLM's `prompt_logprobs` (the first entry is null: its text is unknown). */
function promptLogprobTexts(payload: unknown): (string | null)[] {
  const choice = onlyChoice(payload);
  const list = array(choice["prompt_logprobs"], "choices[0].prompt_logprobs", " (request prompt_logprobs: 0)");
  const ids = Array.isArray(choice["prompt_token_ids"]) ? (choice["prompt_token_ids"] as readonly unknown[]) : undefined;
  return list.map((entry, j) => {
    if (entry === null) {
      if (j === 0) return null;
      throw new InvalidArgumentError(`choices[0].prompt_logprobs[${j}] is null; only the first prompt token has no logprob`, { field: `choices[0].prompt_logprobs[${j}]` });
    }
    const dict = object(entry, `choices[0].prompt_logprobs[${j}]`);
    const keys = Object.keys(dict);
    const key = ids !== undefined ? String(ids[j]) : keys.length === 1 ? (keys[0] as string) : undefined;
    if (key === undefined || !(key in dict)) {
      throw new InvalidArgumentError(`choices[0].prompt_logprobs[${j}] does not say which entry is the prompt token`, { field: `choices[0].prompt_logprobs[${j}]` });
    }
    return text(object(dict[key], `choices[0].prompt_logprobs[${j}][${key}]`)["decoded_token"], () => `choices[0].prompt_logprobs[${j}][${key}].decoded_token`);
  });
}

function sglangTexts(payload: unknown): string[] {
  const meta = object(object(payload, "root")["meta_info"], "meta_info");
  const list = array(meta["input_token_logprobs"], "meta_info.input_token_logprobs", " (request return_logprob: true, logprob_start_len: 0)");
  return list.map((t, j) => text(array(t, `meta_info.input_token_logprobs[${j}]`)[2], () => `meta_info.input_token_logprobs[${j}][2] (request return_text_in_logprobs: true)`));
}

function tgiTexts(payload: unknown): string[] {
  const details = object(object(payload, "root")["details"], "details");
  const prefill = array(details["prefill"], "details.prefill", " (request decoder_input_details: true)");
  return prefill.map((t, j) => text(object(t, `details.prefill[${j}]`)["text"], () => `details.prefill[${j}].text`));
}

/**
 * The legacy-completions payload cut down to the first (unscored) token and the response tokens:
 * the adapter then validates and normalizes only what is scored, not the whole echoed prompt
 * with its top alternatives (the bulk of the client's CPU per record otherwise).
 */
function echoedResponseOnly(payload: unknown, start: number, end: number): OpenAICompletionsResponseLike {
  const lp = object(onlyChoice(payload)["logprobs"], "choices[0].logprobs");
  const tokens = lp["tokens"] as readonly unknown[];
  const values = lp["token_logprobs"] as readonly unknown[];
  const cutTokens = new Array<unknown>(1 + end - start);
  const cutValues = new Array<unknown>(1 + end - start);
  cutTokens[0] = tokens[0];
  cutValues[0] = values[0];
  for (let i = start; i < end; i++) {
    cutTokens[1 + i - start] = tokens[i];
    cutValues[1 + i - start] = values[i];
  }
  return { choices: [{ logprobs: { tokens: cutTokens as string[], token_logprobs: cutValues as (number | null)[] } }] };
}

/** The adapter's reading with the boundary, and the index of the first response token in it. */
function readWithBoundary(server: ScoringServer, payload: unknown, start: number, end: number): { full: TokenLogprobs; offset: number } {
  const prompt = { includePrompt: true, responseStart: start, responseEnd: end };
  // Indices of the adapters' arrays are the API's minus one: they drop the unscored first token.
  switch (server) {
    case "vllm": {
      const cut = echoedResponseOnly(payload, start, end);
      return { full: fromVllmCompletions(cut, { responseStart: 1, responseEnd: 1 + end - start })[0] as TokenLogprobs, offset: 0 };
    }
    case "openai": {
      const cut = echoedResponseOnly(payload, start, end);
      return { full: fromOpenAICompletions(cut, { responseStart: 1, responseEnd: 1 + end - start })[0] as TokenLogprobs, offset: 0 };
    }
    case "vllm-prompt-logprobs":
      return { full: fromVllmCompletions(payload as VllmCompletionsResponseLike, prompt)[0] as TokenLogprobs, offset: start - 1 };
    case "sglang":
      return { full: fromSGLang(payload as SGLangResponseLike, prompt), offset: start - 1 };
    case "tgi":
      return { full: fromTGI(payload as TGIResponseLike, prompt), offset: start - 1 };
  }
}

/**
 * Reads the logprobs of `response` from a server's answer to the request of
 * {@link scoringRequest} for `prompt + response`: finds the response among the echoed tokens by
 * aligning their texts with the text sent ({@link locateResponse}; never by token counts), reads
 * the payload with the library's adapter for that API (`fromVllmCompletions`,
 * `fromOpenAICompletions`, `fromSGLang`, `fromTGI`) with that boundary, and keeps the response
 * tokens. Logprobs are kept as the server wrote them (sentinels such as −9999 included): the
 * perplexity functions' policy decides about them.
 *
 * @param server - the kind of server that answered
 * @param payload - the parsed JSON answer
 * @param prompt - the prompt sent
 * @param response - the response sent after it
 * @param options - straddle policy and leading-token allowance ({@link LocateOptions})
 * @throws {@link ScoringRecordError} when the response cannot be located (see {@link locateResponse})
 * @throws {@link index!InvalidArgumentError} or {@link index!InvalidLogprobError} when the payload
 *   lacks the prompt logprobs or is malformed (a server fault, not a property of the record)
 *
 * @example
 * ```ts
 * import { readScoringPayload } from "passk/node";
 * // SGLang's /generate: [logprob, token id, text] per input token
 * const payload = { text: "", meta_info: { input_token_logprobs: [[null, 1, "Q"], [-2, 2, ":"], [Math.log(0.5), 3, " y"], [Math.log(0.125), 4, "es"]], output_token_logprobs: [] } };
 * const r = readScoringPayload("sglang", payload, "Q:", " yes");
 * console.log(r.sequence.tokens, r.sequence.bytes, r.sequence.source); // => [ ' y', 'es' ] [ 2, 2 ] sglang
 * ```
 */
export function readScoringPayload(
  server: ScoringServer,
  payload: unknown,
  prompt: string,
  response: string,
  options: LocateOptions = {},
): PayloadScore {
  let texts: readonly (string | null)[];
  switch (server) {
    case "vllm":
    case "openai":
      texts = echoedTexts(payload);
      break;
    case "vllm-prompt-logprobs":
      texts = promptLogprobTexts(payload);
      break;
    case "sglang":
      texts = sglangTexts(payload);
      break;
    case "tgi":
      texts = tgiTexts(payload);
      break;
    default:
      throw new InvalidArgumentError(`unknown server kind ${JSON.stringify(server)}`, { field: "server", value: server });
  }
  const location = locateResponse(texts, prompt, response, options);
  const { full, offset } = readWithBoundary(server, payload, location.start, location.end);
  const dropped = full.unscoredPrefix?.length ?? 0;
  if (dropped !== 1 || full.mask === undefined) {
    throw new InvalidArgumentError("the scoring payload's first prompt token has a logprob: the payload does not start at the prompt's first token", {
      field: "logprobs",
    });
  }
  const from = offset;
  const to = offset + location.end - location.start;
  for (let i = from; i < to; i++) {
    if (full.mask[i] !== 1) throw new InvalidArgumentError(`the adapter's mask disagrees with the located response at token ${i + 1}`, { field: "mask" });
  }
  // The adapter's arrays are its own: when they hold the response only (the echo cut), they are
  // kept as they are rather than copied.
  const whole = from === 0 && to === full.tokens.length;
  const sequence: TokenLogprobs = {
    source: full.source,
    ...(full.distribution !== undefined && { distribution: full.distribution }),
    tokens: whole ? full.tokens : full.tokens.slice(from, to),
    logprobs:
      full.logprobs instanceof Float64Array
        ? whole
          ? full.logprobs
          : full.logprobs.slice(from, to)
        : Float64Array.from(full.logprobs.slice(from, to)),
    bytes: location.tokenBytes.slice(location.start, location.end),
    ...(full.tokenIds !== undefined && { tokenIds: full.tokenIds.slice(from, to) }),
  };
  return { sequence, promptTokens: location.end, location };
}
