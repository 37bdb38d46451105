/**
 * The hot loop of every perplexity: −Σ log p over a sequence's scored tokens, each value checked
 * by the policy. Internal.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { resolveRare, type PolicyCounts, type ResolvedPolicy } from "./policy.js";
import type { UnpackedSequence } from "./sequenceInput.js";

/** Running totals of one sequence. @internal */
export interface NllState extends PolicyCounts {
  sum: number;
  tokens: number;
  /** Total bytes of scored tokens, or −1 when unknown. */
  bytes: number;
}

/** A fresh zeroed state. @internal */
export function newNllState(): NllState {
  return { sum: 0, tokens: 0, bytes: -1, skipped: 0, clamped: 0, zeroed: 0 };
}

// The fast scans below stop at the first value that fails the test and hand it to the policy,
// then resume. Each scan is its own small function over one array kind, so V8 compiles a tight,
// monomorphic loop (one compare pair per token) whether the array is a Float64Array or a plain
// array, and the rare path never pollutes it. The running sum travels in `acc[0]` so the scan
// allocates nothing and sums in exactly the order of a plain loop.

/** Sums −x over `lp[from..)` while every value is a valid logprob; returns where it stopped. */
function scanFloat64(lp: Float64Array, from: number, sentinel: number, acc: Float64Array): number {
  const len = lp.length;
  let sum = acc[0] as number;
  let i = from;
  for (; i < len; i++) {
    const x = lp[i] as number;
    if (!(x <= 0 && x > sentinel)) break;
    sum -= x;
  }
  acc[0] = sum;
  return i;
}

/** As {@link scanFloat64} for a plain array, which may hold non-numbers at run time. */
function scanArray(lp: readonly unknown[], from: number, sentinel: number, acc: Float64Array): number {
  const len = lp.length;
  let sum = acc[0] as number;
  let i = from;
  for (; i < len; i++) {
    const x = lp[i];
    // typeof first: `null <= 0` and `"-0.5" <= 0` are true in JavaScript.
    if (typeof x !== "number" || !(x <= 0 && x > sentinel)) break;
    sum -= x;
  }
  acc[0] = sum;
  return i;
}

const scratch = new Float64Array(1);

/**
 * Sets `state.sum`, `state.tokens` and `state.bytes` for one sequence (counters accumulate across
 * calls, so a corpus can share one state). @internal
 */
export function accumulateNll(u: UnpackedSequence, policy: ResolvedPolicy, sequence: number | undefined, state: NllState): void {
  const lp = u.logprobs;
  const len = lp.length;
  const offset = u.offset;
  if (u.mask === undefined && u.bytes === undefined) {
    const skippedBefore = state.skipped;
    const acc = scratch;
    acc[0] = 0;
    let i = 0;
    for (;;) {
      i = lp instanceof Float64Array ? scanFloat64(lp, i, policy.sentinel, acc) : scanArray(lp, i, policy.sentinel, acc);
      if (i >= len) break;
      const x = resolveRare(lp[i], policy, state, i + offset, sequence, i);
      if (x === x) acc[0] = (acc[0] as number) - x;
      i++;
    }
    state.sum = acc[0] as number;
    state.tokens = len - (state.skipped - skippedBefore);
    state.bytes = -1;
    return;
  }
  accumulateMasked(u, policy, sequence, state);
}

/** The general loop: mask and/or per-token bytes. */
function accumulateMasked(u: UnpackedSequence, policy: ResolvedPolicy, sequence: number | undefined, state: NllState): void {
  const lp = u.logprobs;
  const mask = u.mask;
  const bytes = u.bytes;
  const offset = u.offset;
  const sentinel = policy.sentinel;
  const len = lp.length;
  let sum = 0;
  let n = 0;
  let b = 0;
  for (let i = 0; i < len; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    let x = lp[i] as number;
    if (typeof x !== "number" || !(x <= 0 && x > sentinel)) {
      x = resolveRare(x, policy, state, i + offset, sequence, i);
      if (x !== x) continue;
    }
    sum -= x;
    n++;
    if (bytes !== undefined) {
      const bi = bytes[i] as number;
      if (!(bi >= 0) || !Number.isSafeInteger(bi)) {
        const where = sequence === undefined ? "" : ` of sequence ${sequence}`;
        throw new InvalidArgumentError(`bytes[${i}]${where} must be a non-negative integer, got ${String(bi)}`, {
          field: `bytes[${i}]`,
          value: bi,
        });
      }
      b += bi;
    }
  }
  state.sum = sum;
  state.tokens = n;
  state.bytes = bytes === undefined ? -1 : b;
}
