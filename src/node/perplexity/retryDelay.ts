/**
 * How long to wait before retrying a request: exponential backoff with deterministic "full
 * jitter", so concurrent clients that failed together do not retry together.
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";

/**
 * Retry settings of the scoring client.
 *
 * @example
 * ```ts
 * import type { RetryOptions } from "passk/node";
 * const retry: RetryOptions = { retries: 3, baseDelayMs: 200, maxDelayMs: 5000, seed: 7 };
 * console.log(retry.retries); // => 3
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt, on 408/429/5xx, timeouts, connection errors and unparseable bodies (default 5). */
  readonly retries?: number;
  /** Backoff scale: the k-th retry waits up to `baseDelayMs · 2^(k−1)` (default 500). */
  readonly baseDelayMs?: number;
  /** Longest wait, also the cap of a server's `Retry-After` (default 30000). */
  readonly maxDelayMs?: number;
  /** Seed of the jitter (default 0): the same seed, record and attempt always wait the same time. */
  readonly seed?: number;
}

/** Settings after validation. @internal */
export interface ResolvedRetry {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly seed: number;
}

function count(value: unknown, field: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(`${field} must be an integer >= ${min}, got ${String(value)}`, { field, value });
  }
  return value;
}

/** Validates {@link RetryOptions}. @internal */
export function resolveRetry(options: RetryOptions): ResolvedRetry {
  const retries = count(options.retries, "retries", 5, 0);
  const baseDelayMs = count(options.baseDelayMs, "baseDelayMs", 500, 0);
  const maxDelayMs = count(options.maxDelayMs, "maxDelayMs", 30_000, 0);
  const seed = count(options.seed, "seed", 0, 0);
  return { retries, baseDelayMs, maxDelayMs, seed };
}

/** A well-mixed 32-bit hash of three integers (murmur3's finalizer over a running combination). */
function mix(seed: number, key: number, attempt: number): number {
  let h = (seed % 4294967296) ^ Math.imul(Math.floor(seed / 4294967296), 0x27d4eb2d);
  for (const v of [key % 4294967296, Math.floor(key / 4294967296), attempt]) {
    h = Math.imul(h ^ v, 0x9e3779b1);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/**
 * The wait before retry number `attempt` (1 for the first retry) of the request identified by
 * `key`: a uniform draw in [0, min(maxDelayMs, baseDelayMs · 2^(attempt−1))) ("full jitter"),
 * derived from (seed, key, attempt) by a hash so it does not depend on timing. A server's
 * `Retry-After` (in ms) is a floor, capped at `maxDelayMs`.
 *
 * @param attempt - the retry number, from 1
 * @param key - identifies the request (e.g. the record's line number), a non-negative integer
 * @param options - see {@link RetryOptions}
 * @param retryAfterMs - the server's `Retry-After`, in milliseconds, if it sent one
 * @returns the delay in whole milliseconds
 *
 * @example
 * ```ts
 * import { retryDelay } from "passk/node";
 * const a = retryDelay(3, 17, { baseDelayMs: 100, seed: 1 });
 * console.log(a >= 0 && a < 400, a === retryDelay(3, 17, { baseDelayMs: 100, seed: 1 })); // => true true
 * console.log(retryDelay(1, 17, { baseDelayMs: 100, maxDelayMs: 5000 }, 2000)); // => 2000
 * ```
 */
export function retryDelay(attempt: number, key: number, options: RetryOptions = {}, retryAfterMs?: number): number {
  const { baseDelayMs, maxDelayMs, seed } = resolveRetry(options);
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new InvalidArgumentError(`attempt must be an integer >= 1, got ${String(attempt)}`, { field: "attempt", value: attempt });
  if (!Number.isSafeInteger(key) || key < 0) throw new InvalidArgumentError(`key must be a non-negative integer, got ${String(key)}`, { field: "key", value: key });
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt - 1, 52));
  const jitter = Math.floor((mix(seed, key, attempt) / 4294967296) * cap);
  if (retryAfterMs !== undefined && retryAfterMs > jitter) return Math.min(maxDelayMs, Math.ceil(retryAfterMs));
  return jitter;
}
