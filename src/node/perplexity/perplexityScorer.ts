/**
 * The scoring client: one record in, the logprobs of its response under a model out.
 * @module
 */
import { InvalidArgumentError, PasskError } from "../../errors/errors.js";
import type { TokenLogprobs } from "../../logprobs/index.js";
import { fetchTransport, nodeHttpTransport } from "./httpTransport.js";
import type { LocateOptions, ResponseLocation } from "./locateResponse.js";
import { postWithRetries, type RetryEvent } from "./postWithRetries.js";
import { readScoringPayload } from "./readScoringPayload.js";
import { readResponseRecord, type ResponseRecord } from "./responseRecord.js";
import { resolveRetry, type ResolvedRetry, type RetryOptions } from "./retryDelay.js";
import { ScoringRecordError, ScoringServerError } from "./scoringErrors.js";
import { SCORING_SERVERS, scoringRequest, type ScoringServer } from "./scoringRequest.js";

/**
 * Options of {@link perplexityScorer}.
 *
 * The client speaks HTTP with Node's own `node:http`/`node:https` (keep-alive connections), not
 * the `openai` package: it needs one POST per record to three different APIs (OpenAI-style
 * completions, SGLang's and TGI's native `/generate`), its own retry and timeout rules, and the
 * raw JSON; the `openai` client covers one of the three, retries on its own terms, and would add
 * a runtime dependency to every consumer of `passk/node`. Nor Node's `fetch` by default: against a
 * loopback server it spent 2 to 4 times the CPU per request of `node:http`, the largest part of
 * the client's cost per record. Pass `fetch` to use it (or a stand-in, in tests).
 *
 * @example
 * ```ts
 * import type { PerplexityScorerOptions } from "passk/node";
 * const options: PerplexityScorerOptions = { endpoint: "http://127.0.0.1:8000", model: "Qwen/Qwen2.5-7B", server: "vllm", timeoutMs: 60_000, retries: 3 };
 * console.log(options.server); // => vllm
 * ```
 */
export interface PerplexityScorerOptions extends RetryOptions, LocateOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:8000` (a trailing `/v1` is fine). */
  readonly endpoint: string;
  /** Model name as the server knows it. */
  readonly model: string;
  /** Kind of server (default `"vllm"`); see {@link ScoringServer}. */
  readonly server?: ScoringServer;
  /** Extra HTTP headers, e.g. `{ authorization: "Bearer ..." }`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Time allowed for one attempt (request and whole answer), in ms (default 300000). */
  readonly timeoutMs?: number;
  /** A `fetch` to send the requests with, instead of `node:http` (e.g. a stand-in server in tests). */
  readonly fetch?: typeof fetch;
}

/**
 * A response scored under the model.
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * import type { ScoredResponse } from "passk/node";
 * const scored: Pick<ScoredResponse, "sequence"> = { sequence: { source: "vllm-completions", tokens: [" 4"], logprobs: [Math.log(0.25)] } };
 * console.log(sequencePerplexity(scored.sequence).perplexity); // => 4
 * ```
 */
export interface ScoredResponse {
  /** The record scored. */
  readonly record: ResponseRecord;
  /** Logprobs of the response tokens only (no mask), with the bytes each token covers. */
  readonly sequence: TokenLogprobs;
  /** Tokens the server echoed for prompt + response. */
  readonly promptTokens: number;
  /** Where the response was found among them. */
  readonly location: ResponseLocation;
  /** Requests it took (1 without retries). */
  readonly attempts: number;
  /** The server's answer, as parsed. */
  readonly payload: unknown;
}

/**
 * Per-call options of {@link PerplexityScorer.score}.
 *
 * @example
 * ```ts
 * import type { ScoreCallOptions } from "passk/node";
 * const call: ScoreCallOptions = { signal: AbortSignal.timeout(60_000), key: 12 };
 * console.log(call.key); // => 12
 * ```
 */
export interface ScoreCallOptions {
  /** Stops the call (the request in flight is cancelled; {@link ScoringAbortedError}). */
  readonly signal?: AbortSignal;
  /** Called before each retry. */
  readonly onRetry?: (event: RetryEvent) => void;
  /** Identifies the record for the retry jitter (e.g. its line number; default 0). */
  readonly key?: number;
}

/**
 * A configured scoring client.
 *
 * @example
 * ```ts
 * import { perplexityScorer } from "passk/node";
 * const scorer = perplexityScorer({ endpoint: "http://127.0.0.1:8000/v1", model: "m" });
 * console.log(scorer.server, scorer.url); // => vllm http://127.0.0.1:8000/v1/completions
 * ```
 */
export interface PerplexityScorer {
  /** The kind of server. */
  readonly server: ScoringServer;
  /** The model name. */
  readonly model: string;
  /** The URL requests go to. */
  readonly url: string;
  /** HTTP requests sent so far, retries included. */
  readonly requests: number;
  /** Closes the idle keep-alive connections (the scorer still works; it reconnects). */
  close(): void;
  /**
   * Scores one record (a {@link ResponseRecord}, or a parsed line checked by
   * {@link readResponseRecord}).
   */
  score(record: ResponseRecord, options?: ScoreCallOptions): Promise<ScoredResponse>;
}

/**
 * Creates a client that scores responses under a model served by an OpenAI-compatible or native
 * server: for each record it POSTs `prompt + response` with the request of
 * {@link scoringRequest} (prompt logprobs, nothing generated), retries transient failures with
 * jittered backoff (see {@link RetryOptions}), and reads the response's logprobs with
 * {@link readScoringPayload}, which locates the response among the echoed tokens exactly.
 *
 * Errors: a record that cannot be scored is a {@link ScoringRecordError} (bad fields, a response
 * the echoed tokens do not end with, a request the server refuses); a server that keeps failing,
 * or answers without prompt logprobs, a {@link ScoringServerError}; an abort a
 * {@link ScoringAbortedError}. A failure is never turned into a number.
 *
 * @param options - see {@link PerplexityScorerOptions}
 * @throws {@link index!InvalidArgumentError} for bad options
 *
 * @example
 * ```ts
 * import { perplexityScorer } from "passk/node";
 * import { sequencePerplexity } from "passk";
 * // A stand-in server: vLLM's echo answer for "Q: yes" tokenized as "Q", ":", " yes".
 * const fakeFetch = async () => new Response(JSON.stringify({
 *   choices: [{ index: 0, text: "Q: yes", logprobs: { tokens: ["Q", ":", " yes"], token_logprobs: [null, -3, Math.log(0.5)], text_offset: [0, 1, 2], top_logprobs: null } }],
 *   usage: { prompt_tokens: 3, completion_tokens: 0, total_tokens: 3 },
 * }));
 * const scorer = perplexityScorer({ endpoint: "http://127.0.0.1:8000", model: "base", fetch: fakeFetch });
 * const scored = await scorer.score({ problemId: "p1", prompt: "Q:", response: " yes" });
 * console.log(scored.sequence.tokens, sequencePerplexity(scored.sequence).perplexity); // => [ ' yes' ] 2
 * ```
 */
export function perplexityScorer(options: PerplexityScorerOptions): PerplexityScorer {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError("options must be an object with endpoint and model", { field: "options", value: options });
  }
  const server = options.server ?? "vllm";
  if (!SCORING_SERVERS.includes(server)) {
    throw new InvalidArgumentError(`server must be one of ${SCORING_SERVERS.join(", ")}, got ${JSON.stringify(server)}`, { field: "server", value: server });
  }
  if (typeof options.model !== "string" || options.model === "") {
    throw new InvalidArgumentError(`model must be a non-empty string, got ${JSON.stringify(options.model)}`, { field: "model", value: options.model });
  }
  const timeoutMs = options.timeoutMs ?? 300_000;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) {
    throw new InvalidArgumentError(`timeoutMs must be an integer >= 1, got ${String(timeoutMs)}`, { field: "timeoutMs", value: timeoutMs });
  }
  const straddle = options.straddle ?? "error";
  if (straddle !== "error" && straddle !== "exclude" && straddle !== "include") {
    throw new InvalidArgumentError(`straddle must be "error", "exclude" or "include", got ${JSON.stringify(straddle)}`, { field: "straddle", value: straddle });
  }
  const retry: ResolvedRetry = resolveRetry(options);
  const { url } = scoringRequest(server, options.endpoint, options.model, "");
  const transport = options.fetch === undefined ? nodeHttpTransport() : fetchTransport(options.fetch);
  let requests = 0;
  const onAttempt = (): void => {
    requests++;
  };
  const headers = { ...(options.headers ?? {}) };
  const locate: LocateOptions = { straddle, ...(options.maxLeadingTokens !== undefined && { maxLeadingTokens: options.maxLeadingTokens }) };
  return {
    server,
    model: options.model,
    url,
    get requests(): number {
      return requests;
    },
    close(): void {
      transport.close();
    },
    async score(input: ResponseRecord, call: ScoreCallOptions = {}): Promise<ScoredResponse> {
      const record = readResponseRecord(
        { problem_id: input?.problemId, prompt: input?.prompt, response: input?.response, sample_index: input?.sampleIndex },
      );
      const request = scoringRequest(server, options.endpoint, options.model, record.prompt + record.response);
      const { payload, attempts } = await postWithRetries(request.url, JSON.stringify(request.body), {
        transport,
        onAttempt,
        headers,
        timeoutMs,
        retry,
        key: call.key ?? 0,
        signal: call.signal,
        onRetry: call.onRetry,
        problemId: record.problemId,
      });
      try {
        const read = readScoringPayload(server, payload, record.prompt, record.response, locate);
        return { record, sequence: read.sequence, promptTokens: read.promptTokens, location: read.location, attempts, payload };
      } catch (e) {
        if (e instanceof ScoringRecordError) {
          throw new ScoringRecordError(e.detail, { ...e.details, problemId: record.problemId });
        }
        // A payload without prompt logprobs, or with a broken shape, is the server's doing.
        const message = e instanceof PasskError || e instanceof Error ? e.message : String(e);
        throw new ScoringServerError(`${request.url} answered with a payload that cannot be read: ${message}`, {
          attempts,
          url: request.url,
          cause: e,
          problemId: record.problemId,
        });
      }
    },
  };
}
