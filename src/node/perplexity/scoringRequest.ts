/**
 * The HTTP request that makes each kind of server score a given text (return the logprob of every
 * prompt token) without generating.
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";

/**
 * The kinds of server the scoring client talks to, each asked for prompt logprobs its own way:
 *
 * - `"vllm"`: vLLM's OpenAI-compatible `POST /v1/completions` with `echo: true, logprobs: 0,
 *   max_tokens: 0` (the prompt comes back as the first tokens of `choices[0].logprobs`);
 * - `"vllm-prompt-logprobs"`: the same endpoint with vLLM's `prompt_logprobs: 0` and
 *   `max_tokens: 1` (read from `choices[0].prompt_logprobs`);
 * - `"openai"`: any server implementing the legacy completions `echo` (OpenAI's own
 *   `davinci-002`/`babbage-002`, and others): same request as `"vllm"`;
 * - `"sglang"`: SGLang's native `POST /generate` with `return_logprob: true,
 *   logprob_start_len: 0, max_new_tokens: 0, return_text_in_logprobs: true`;
 * - `"tgi"`: Hugging Face TGI's native `POST /generate` with `decoder_input_details: true` (TGI's
 *   OpenAI route returns no prompt logprobs).
 *
 * llama.cpp's server returns logprobs of generated tokens only (no prompt logprobs), so it cannot
 * score a given response; the client says so instead of returning a number.
 *
 * @example
 * ```ts
 * import { SCORING_SERVERS } from "passk/node";
 * import type { ScoringServer } from "passk/node";
 * const kind: ScoringServer = "sglang";
 * console.log(SCORING_SERVERS.includes(kind)); // => true
 * ```
 */
export type ScoringServer = "vllm" | "vllm-prompt-logprobs" | "openai" | "sglang" | "tgi";

/**
 * Every {@link ScoringServer}, in help order.
 *
 * @example
 * ```ts
 * import { SCORING_SERVERS } from "passk/node";
 * console.log(SCORING_SERVERS.join("|")); // => vllm|vllm-prompt-logprobs|openai|sglang|tgi
 * ```
 */
export const SCORING_SERVERS: readonly ScoringServer[] = Object.freeze(["vllm", "vllm-prompt-logprobs", "openai", "sglang", "tgi"] as const);

/**
 * One scoring request: where to POST and the JSON body.
 *
 * @example
 * ```ts
 * import { scoringRequest } from "passk/node";
 * const r = scoringRequest("vllm", "http://127.0.0.1:8000/v1", "Qwen/Qwen2.5-7B", "2+2= 4");
 * console.log(r.url, r.body["echo"], r.body["max_tokens"]); // => http://127.0.0.1:8000/v1/completions true 0
 * ```
 */
export interface ScoringRequest {
  /** The full URL. */
  readonly url: string;
  /** The JSON body. */
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * The URL of `path` on a server: `endpoint` with or without a trailing `/v1` (the OpenAI client
 * convention) gives the same URL for the `/v1/...` routes.
 */
function joinUrl(endpoint: string, path: string): string {
  const base = endpoint.replace(/\/+$/u, "");
  if (path.startsWith("/v1/") && base.endsWith("/v1")) return base + path.slice(3);
  return base + path;
}

/**
 * Builds the request that has a server of kind `server` return the logprob of every token of
 * `text` (prompt + response) under `model`, generating nothing (or one token where the API
 * requires it: TGI and the `prompt_logprobs` route; the client ignores it). Sampling settings are
 * neutral (temperature 1, top-p 1) so that a server reporting processed logprobs reports the
 * model's own distribution.
 *
 * @param server - see {@link ScoringServer}
 * @param endpoint - the server's base URL, e.g. `http://127.0.0.1:8000` (a trailing `/v1` is fine)
 * @param model - the model name the server knows (sent where the API takes one)
 * @param text - the prompt followed by the response, exactly
 * @throws {@link index!InvalidArgumentError} for an unknown server kind or an endpoint that is not an http(s) URL
 *
 * @example
 * ```ts
 * import { scoringRequest } from "passk/node";
 * const r = scoringRequest("sglang", "http://127.0.0.1:30000", "m", "Q: A");
 * console.log(r.url, JSON.stringify(r.body["sampling_params"]), r.body["logprob_start_len"]); // => http://127.0.0.1:30000/generate {"max_new_tokens":0,"temperature":1,"top_p":1} 0
 * ```
 */
export function scoringRequest(server: ScoringServer, endpoint: string, model: string, text: string): ScoringRequest {
  if (typeof endpoint !== "string" || !/^https?:\/\/[^/]/u.test(endpoint)) {
    throw new InvalidArgumentError(`endpoint must be an http:// or https:// URL, got ${JSON.stringify(endpoint)}`, { field: "endpoint", value: endpoint });
  }
  switch (server) {
    case "vllm":
    case "openai":
      return {
        url: joinUrl(endpoint, "/v1/completions"),
        body: { model, prompt: text, echo: true, logprobs: 0, max_tokens: 0, temperature: 1, top_p: 1 },
      };
    case "vllm-prompt-logprobs":
      return {
        url: joinUrl(endpoint, "/v1/completions"),
        body: { model, prompt: text, prompt_logprobs: 0, logprobs: 0, max_tokens: 1, temperature: 1, top_p: 1 },
      };
    case "sglang":
      return {
        url: joinUrl(endpoint, "/generate"),
        body: {
          text,
          sampling_params: { max_new_tokens: 0, temperature: 1, top_p: 1 },
          return_logprob: true,
          logprob_start_len: 0,
          top_logprobs_num: 0,
          return_text_in_logprobs: true,
        },
      };
    case "tgi":
      return {
        url: joinUrl(endpoint, "/generate"),
        body: { inputs: text, parameters: { max_new_tokens: 1, details: true, decoder_input_details: true, do_sample: false } },
      };
    default:
      throw new InvalidArgumentError(`server must be one of ${SCORING_SERVERS.join(", ")}, got ${JSON.stringify(server)}`, {
        field: "server",
        value: server,
      });
  }
}
