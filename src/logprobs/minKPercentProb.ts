/**
 * Min-K% Prob: the mean of a sequence's lowest token logprobs.
 * @module
 */
import { EmptyDatasetError, InvalidArgumentError } from "../errors/errors.js";
import { resolvePolicy, type PolicyCounts } from "./policy.js";
import { collectScored } from "./scoredLogprobs.js";
import { unpack } from "./sequenceInput.js";
import type { PerplexityOptions } from "./sequencePerplexity.js";
import { smallestScoredSum } from "./sumOfSmallest.js";
import type { LogprobInput } from "./tokenLogprobs.js";

/**
 * Result of {@link minKPercentProb}.
 *
 * @example
 * ```ts
 * import { minKPercentProb } from "passk";
 * console.log(minKPercentProb([-1, -2, -3, -4], 50)); // => { value: -3.5, count: 2, tokens: 4, skipped: 0, clamped: 0, zeroed: 0 }
 * ```
 */
export interface MinKPercentProb {
  /** Mean natural-log probability of the `count` lowest tokens (≤ 0; the paper reports its negation). */
  readonly value: number;
  /** Number of tokens averaged: max(1, floor(k · T / 100)). */
  readonly count: number;
  /** Number of scored tokens T. */
  readonly tokens: number;
  /** Tokens dropped by the policy. */
  readonly skipped: number;
  /** Tokens replaced by the `"clamp"` policy. */
  readonly clamped: number;
  /** Positive values within the tolerance read as 0. */
  readonly zeroed: number;
}

/**
 * Min-K% Prob (Shi et al. 2024, "Detecting Pretraining Data from Large Language Models"): the
 * mean of the lowest k% of a sequence's token logprobs, over its response tokens.
 *
 * The count of tokens averaged is `max(1, floor(k · T / 100))` for T scored tokens: floor as in
 * the paper's reference code (`int(len * ratio)`), at least one token so short sequences still get
 * a value. `k · T` is computed before dividing by 100 so that e.g. k = 29, T = 100 gives 29, not
 * the 28 that `floor(0.29 · 100)` gives in float64. The lowest values are found by selection,
 * never a full sort (a histogram of the values' high bits, then a quickselect inside the bucket
 * that holds the boundary; O(T), and no copy of a long input), and summed with compensation.
 *
 * @param input - a {@link TokenLogprobs} or a bare array of logprobs
 * @param k - the percentage, 0 < k ≤ 100
 * @param options - policy and positions, as for perplexity
 * @throws {@link InvalidArgumentError} for k outside (0, 100]
 * @throws {@link EmptyDatasetError} when no token is scored
 * @throws {@link InvalidLogprobError} for an invalid value under `"throw"`
 *
 * @example
 * ```ts
 * import { minKPercentProb } from "passk";
 * // lowest 20% of 10 tokens = the 2 lowest: (-5 + -4) / 2
 * const lp = [-0.1, -5, -0.2, -0.3, -4, -0.1, -0.2, -0.3, -0.1, -0.2];
 * console.log(minKPercentProb(lp, 20).value); // => -4.5
 * ```
 */
export function minKPercentProb(input: LogprobInput, k: number, options: PerplexityOptions = {}): MinKPercentProb {
  if (typeof k !== "number" || !(k > 0 && k <= 100)) {
    throw new InvalidArgumentError(`k must be a percentage in (0, 100], got ${String(k)}`, { field: "k", value: k });
  }
  const policy = resolvePolicy(options);
  const counts: PolicyCounts = { skipped: 0, clamped: 0, zeroed: 0 };
  const u = unpack(input, undefined, options.positions === "all");
  const { tokens, count, sum } = smallestScoredSum(u, policy, counts, (t) => Math.max(1, Math.floor((k * t) / 100)), collectScored);
  if (tokens === 0) {
    throw new EmptyDatasetError("no tokens to score (the mask selects none, or the policy skipped every token)", {
      field: "logprobs",
    });
  }
  return { value: sum / count, count, tokens, ...counts };
}
