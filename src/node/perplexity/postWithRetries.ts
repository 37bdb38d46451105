/**
 * One JSON POST with a per-attempt timeout, retries with jittered backoff on transient failures,
 * and an AbortSignal that stops it at once.
 * @module
 */
import type { Transport } from "./httpTransport.js";
import { retryDelay, type ResolvedRetry } from "./retryDelay.js";
import { ScoringAbortedError, ScoringRecordError, ScoringServerError } from "./scoringErrors.js";

/**
 * A failed attempt that will be retried, reported to `onRetry`.
 *
 * @example
 * ```ts
 * import type { RetryEvent } from "passk/node";
 * const e: RetryEvent = { attempt: 1, reason: "status", status: 429, delayMs: 250, message: "HTTP 429" };
 * console.log(e.reason, e.status); // => status 429
 * ```
 */
export interface RetryEvent {
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  /**
   * `"status"`: HTTP 408, 429 or 5xx; `"timeout"`: no full answer within the timeout;
   * `"network"`: the connection failed or was reset; `"malformed"`: a 2xx body that is not JSON.
   */
  readonly reason: "status" | "timeout" | "network" | "malformed";
  /** The HTTP status, for `"status"`. */
  readonly status?: number;
  /** The wait before the next attempt, in ms. */
  readonly delayMs: number;
  /** What went wrong. */
  readonly message: string;
}

/** Options of {@link postWithRetries}. @internal */
export interface PostOptions {
  readonly transport: Transport;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly retry: ResolvedRetry;
  /** Identifies the request for the jitter (the record's line). */
  readonly key: number;
  readonly signal: AbortSignal | undefined;
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
  readonly problemId: string | undefined;
  /** Called as each attempt is sent. */
  readonly onAttempt: () => void;
}

/** The parsed answer and the attempts it took. @internal */
export interface PostResult {
  readonly payload: unknown;
  readonly attempts: number;
}

class TimeoutSignal extends Error {}

// A function, not an inline test, so TypeScript does not narrow `aborted` across awaits.
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  const code = cause !== null && typeof cause === "object" ? (cause as { code?: unknown }).code : undefined;
  const detail = cause instanceof Error ? cause.message : "";
  return [e.message, typeof code === "string" ? code : "", detail].filter((s) => s !== "").join(": ");
}

function snippet(body: string): string {
  const s = body.replace(/\s+/gu, " ").trim();
  return s.length > 300 ? `${s.slice(0, 297)}...` : s;
}

/**
 * POSTs `body` to `url` and returns the parsed JSON answer. Transient failures (HTTP 408, 429,
 * 5xx; a timeout; a refused or reset connection; a 2xx body that is not JSON) are retried after
 * {@link retryDelay}; a 400, 413 or 422 (the server refuses this request, e.g. too long for the
 * model) is the record's fault and a {@link ScoringRecordError}; any other status (401, 403, 404:
 * a wrong key, route or model name), or retries running out, is a {@link ScoringServerError}.
 * When `signal` aborts, the request in flight is cancelled and a {@link ScoringAbortedError} thrown.
 * @internal
 */
export async function postWithRetries(url: string, body: string, options: PostOptions): Promise<PostResult> {
  const { retry, signal } = options;
  const attempts = retry.retries + 1;
  let last = "";
  let lastStatus: number | undefined;
  let lastCause: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (isAborted(signal)) throw new ScoringAbortedError("the request was aborted", { scored: 0, cause: signal?.reason });
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new TimeoutSignal()), options.timeoutMs);
    let reason: RetryEvent["reason"];
    let status: number | undefined;
    let after: number | undefined;
    try {
      options.onAttempt();
      const res = await options.transport.post(url, body, options.headers, controller.signal);
      const text = res.text;
      status = res.status;
      if (res.status >= 200 && res.status < 300) {
        try {
          return { payload: JSON.parse(text) as unknown, attempts: attempt };
        } catch (e) {
          reason = "malformed";
          last = `HTTP ${res.status} with a body that is not JSON (${snippet(text.slice(0, 80))})`;
          lastCause = e;
        }
      } else if (res.status === 408 || res.status === 429 || res.status >= 500) {
        reason = "status";
        after = retryAfterMs(res.retryAfter);
        last = `HTTP ${res.status}${text === "" ? "" : `: ${snippet(text)}`}`;
      } else if (res.status === 400 || res.status === 413 || res.status === 422) {
        throw new ScoringRecordError(`the server refused the request (HTTP ${res.status}): ${snippet(text)}`, {
          reason: "rejected-by-server",
          field: "prompt",
          value: res.status,
          problemId: options.problemId,
        });
      } else {
        throw new ScoringServerError(`${url} answered HTTP ${res.status}: ${snippet(text)} (check the endpoint, the model name and the API key)`, {
          status: res.status,
          attempts: attempt,
          url,
          problemId: options.problemId,
        });
      }
    } catch (e) {
      if (e instanceof ScoringRecordError || e instanceof ScoringServerError) throw e;
      if (isAborted(signal)) throw new ScoringAbortedError("the request was aborted", { scored: 0, cause: signal?.reason });
      lastCause = e;
      if (controller.signal.aborted && controller.signal.reason instanceof TimeoutSignal) {
        reason = "timeout";
        last = `no answer within ${options.timeoutMs} ms`;
      } else {
        reason = "network";
        last = `connection failed: ${describe(e)}`;
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    lastStatus = status;
    if (attempt === attempts) break;
    const delayMs = retryDelay(attempt, options.key, retry, after);
    options.onRetry?.({ attempt, reason, ...(status !== undefined && reason === "status" && { status }), delayMs, message: last });
    try {
      await sleep(delayMs, signal);
    } catch (e) {
      throw new ScoringAbortedError("the request was aborted", { scored: 0, cause: e });
    }
  }
  throw new ScoringServerError(`${url} failed ${attempts} time${attempts === 1 ? "" : "s"}; last: ${last}`, {
    status: lastStatus,
    attempts,
    url,
    cause: lastCause,
    problemId: options.problemId,
  });
}
