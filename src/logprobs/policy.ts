/**
 * What to do with a logprob that is not a usable log-probability, and the single place that
 * classifies such values.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { InvalidLogprobError, locate, type InvalidLogprobReason } from "./invalidLogprobError.js";

/**
 * Action for an invalid logprob: `"throw"` an {@link InvalidLogprobError} naming the position
 * (default), `"skip"` the token (counted in `skipped`), or `"clamp"` it (counted in `clamped`).
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * const r = sequencePerplexity([Math.log(0.5), -9999], { onInvalid: "skip" });
 * console.log(r.perplexity, r.skipped); // => 2 1
 * ```
 */
export type InvalidLogprobAction = "throw" | "skip" | "clamp";

/**
 * How logprob values are checked. A value x is valid when `sentinelThreshold < x ≤ 0`.
 *
 * - Values in `(0, positiveTolerance]` are float rounding of log 1 (float32 log-softmax returns
 *   e.g. +1e-7 for p ≈ 1): they are replaced by exactly 0 and counted in `zeroed`.
 * - NaN, −Infinity, +Infinity, values above the tolerance, sentinels (x ≤ `sentinelThreshold`:
 *   OpenAI and vLLM write −9999 for tokens outside the top 20 or for −inf, llama.cpp about −3.4e38
 *   for probability 0) and missing values (null or undefined in a plain array) are invalid and
 *   handled by `onInvalid`.
 * - `"clamp"` replaces −Infinity and sentinels by `clampFloor` (required: there is no neutral
 *   value for "probability 0") and positive values by 0. NaN and missing values have no nearest
 *   valid value, so under `"clamp"` they are skipped (counted in `skipped`).
 * - Anything that is not a number at all (a string such as `"-0.5"`, a boolean, an array such as
 *   `[-2]`, an object) is never coerced and always throws {@link InvalidLogprobError} with reason
 *   `"not-a-number"`, whatever the policy: it is a type error in the data, not an engine's gap.
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * const r = sequencePerplexity([Math.log(0.5), -Infinity], { onInvalid: "clamp", clampFloor: Math.log(0.125) });
 * // mean NLL = (ln 2 + ln 8) / 2 = 2 ln 2
 * console.log(r.perplexity.toFixed(12), r.clamped); // => 4.000000000000 1
 * ```
 */
export interface LogprobPolicy {
  /** What to do with an invalid value (default `"throw"`). */
  readonly onInvalid?: InvalidLogprobAction;
  /** Replacement for −Infinity and sentinels under `"clamp"`: finite, ≤ 0, above `sentinelThreshold`. */
  readonly clampFloor?: number;
  /** Largest positive value accepted as rounding of 0 (default {@link DEFAULT_POSITIVE_TOLERANCE}). */
  readonly positiveTolerance?: number;
  /** Values at or below this are sentinels, not logprobs (default {@link DEFAULT_SENTINEL_THRESHOLD}). */
  readonly sentinelThreshold?: number;
}

/**
 * Default largest positive logprob accepted as rounding of log 1 = 0: 1e-6.
 *
 * @example
 * ```ts
 * import { DEFAULT_POSITIVE_TOLERANCE } from "passk";
 * console.log(DEFAULT_POSITIVE_TOLERANCE); // => 0.000001
 * ```
 */
export const DEFAULT_POSITIVE_TOLERANCE = 1e-6;

/**
 * Default sentinel threshold: −9999, the value OpenAI and vLLM write for "not in the top 20" or −inf.
 * No real model gives a token a probability of e^−9999, so values at or below it are placeholders.
 *
 * @example
 * ```ts
 * import { DEFAULT_SENTINEL_THRESHOLD } from "passk";
 * console.log(DEFAULT_SENTINEL_THRESHOLD); // => -9999
 * ```
 */
export const DEFAULT_SENTINEL_THRESHOLD = -9999;

/** Validated policy; `action` 0 = throw, 1 = skip, 2 = clamp. @internal */
export interface ResolvedPolicy {
  readonly action: 0 | 1 | 2;
  readonly floor: number;
  readonly tolerance: number;
  readonly sentinel: number;
}

/** Mutable counters of what the policy did. @internal */
export interface PolicyCounts {
  skipped: number;
  clamped: number;
  zeroed: number;
}

/** Checks the options once per call. @internal */
export function resolvePolicy(p: LogprobPolicy = {}): ResolvedPolicy {
  const tolerance = p.positiveTolerance ?? DEFAULT_POSITIVE_TOLERANCE;
  if (typeof tolerance !== "number" || !(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new InvalidArgumentError(`positiveTolerance must be a finite number >= 0, got ${String(tolerance)}`, {
      field: "positiveTolerance",
      value: tolerance,
    });
  }
  const sentinel = p.sentinelThreshold ?? DEFAULT_SENTINEL_THRESHOLD;
  if (typeof sentinel !== "number" || !(sentinel < 0)) {
    throw new InvalidArgumentError(`sentinelThreshold must be a negative number, got ${String(sentinel)}`, {
      field: "sentinelThreshold",
      value: sentinel,
    });
  }
  const onInvalid = p.onInvalid ?? "throw";
  if (onInvalid !== "throw" && onInvalid !== "skip" && onInvalid !== "clamp") {
    throw new InvalidArgumentError(`onInvalid must be "throw", "skip" or "clamp", got ${String(onInvalid)}`, {
      field: "onInvalid",
      value: onInvalid,
    });
  }
  let floor = Number.NaN;
  if (onInvalid === "clamp") {
    const f = p.clampFloor;
    if (typeof f !== "number" || !Number.isFinite(f) || f > 0 || f <= sentinel) {
      throw new InvalidArgumentError(
        `onInvalid: "clamp" needs clampFloor, a finite logprob <= 0 above sentinelThreshold ${sentinel}, got ${String(f)}`,
        { field: "clampFloor", value: f },
      );
    }
    floor = f;
  }
  return { action: onInvalid === "throw" ? 0 : onInvalid === "skip" ? 1 : 2, floor, tolerance, sentinel };
}

/**
 * The reason a value failing the fast test `typeof x === "number" && x <= 0 && x > sentinel` is
 * rejected, or undefined when it is a positive number within the tolerance. @internal
 */
export function rejectReason(x: unknown, policy: ResolvedPolicy): InvalidLogprobReason | undefined {
  if (typeof x !== "number") return x === null || x === undefined ? "null" : "not-a-number";
  if (Number.isNaN(x)) return "nan";
  if (x === Number.NEGATIVE_INFINITY) return "-infinity";
  if (x === Number.POSITIVE_INFINITY) return "+infinity";
  if (x > 0) return x <= policy.tolerance ? undefined : "positive";
  return "sentinel";
}

const EXPLAIN: Record<InvalidLogprobReason, string> = {
  null: "is missing (null or undefined)",
  "not-a-number": "is not a number (logprobs are never coerced: parse strings to numbers first)",
  nan: "is NaN",
  "-infinity": "is -Infinity (probability 0)",
  "+infinity": "is +Infinity",
  positive: "is positive (a log-probability is <= 0)",
  sentinel:
    "is a sentinel, not a logprob (OpenAI/vLLM write -9999 for tokens outside the top 20, llama.cpp about -3.4e38 for probability 0)",
  "probability-out-of-range": "is outside [0, 1]",
  "length-mismatch": "has a length that does not match",
  overflow: "overflows",
};

/** A short, bounded rendering of a received value for messages. @internal */
export function showValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (v !== null && typeof v === "object") return "an object";
  if (typeof v === "bigint") return `${v}n`;
  return String(v);
}

/** Where a rejected value sits. @internal */
export interface ValueLocation {
  /** Index in the source's token list. */
  readonly position?: number | undefined;
  readonly sequence?: number | undefined;
  readonly field?: string | undefined;
  /** Index in the normalized arrays, when it differs from `position`. */
  readonly index?: number | undefined;
}

/**
 * Builds the typed error for one rejected value. `hint` follows the explanation; by default it
 * names the metric policies for the values they can handle. @internal
 */
export function invalidLogprob(
  reason: InvalidLogprobReason,
  value: unknown,
  position: number | undefined,
  sequence: number | undefined,
  field?: string,
  hint?: string,
  index?: number,
): InvalidLogprobError {
  const h = hint ?? (reason === "not-a-number" ? "" : ' (or pass onInvalid: "skip" or "clamp")');
  return new InvalidLogprobError(`logprob ${showValue(value)}${locate(position, sequence, index)} ${EXPLAIN[reason]}${h}`, {
    reason,
    position,
    sequence,
    field,
    value,
    ...(index === undefined || index === position ? {} : { index }),
  });
}

/**
 * Handles a value that failed the fast test `typeof x === "number" && x <= 0 && x > sentinel`:
 * returns the value to use, or NaN to skip the token, updating `counts`. Throws under the
 * "throw" action, and always for a value that is not a number at all (a string, boolean, array,
 * ...): a type error in the caller's data, which no policy should paper over. Null and undefined
 * (a missing value) follow the policy like NaN: skipped under "skip" and "clamp". @internal
 *
 * @param position - index in the source's token list (normalized index + dropped prefix)
 * @param index - index in the normalized arrays
 */
export function resolveRare(
  x: unknown,
  policy: ResolvedPolicy,
  counts: PolicyCounts,
  position: number,
  sequence: number | undefined,
  index: number = position,
): number {
  const reason = rejectReason(x, policy);
  if (reason === undefined) {
    counts.zeroed++;
    return 0;
  }
  if (policy.action === 0 || reason === "not-a-number") throw invalidLogprob(reason, x, position, sequence, undefined, undefined, index);
  if (policy.action === 1 || reason === "nan" || reason === "null") {
    counts.skipped++;
    return Number.NaN;
  }
  counts.clamped++;
  return reason === "positive" || reason === "+infinity" ? 0 : policy.floor;
}
