/**
 * One graded sample: the record that verifiers produce and accumulators consume.
 * @module
 */

/**
 * One sampled response of one model to one problem, with its grade.
 *
 * Correctness is either `correct` (a boolean) or a numeric `score` together with the
 * `threshold` at or above which it counts as correct; a record carrying neither is invalid.
 * The optional fields feed later analyses (majority vote needs `answer`, perplexity needs
 * `logprobs`) and are ignored by plain tallying.
 *
 * @example
 * ```ts
 * const record = { model: "qwen2.5-7b", problemId: "math500/12", sampleIndex: 0, correct: true, answer: "\\frac{1}{2}" };
 * console.log(record.correct); // => true
 * ```
 */
export interface SampleRecord {
  /** Model identifier, e.g. `"Qwen/Qwen2.5-7B"`. */
  readonly model: string;
  /** Problem identifier, unique within a benchmark. */
  readonly problemId: string;
  /** Index of this sample among the model's samples for the problem (detects duplicates). */
  readonly sampleIndex?: number;
  /** Whether the sample is correct. Takes precedence over `score` when both are present. */
  readonly correct?: boolean;
  /** A graded score (e.g. fraction of tests passed); needs `threshold`. */
  readonly score?: number;
  /** The sample counts as correct when `score >= threshold`. */
  readonly threshold?: number;
  /** The extracted final answer (used by majority vote). */
  readonly answer?: string;
  /** The full response text. */
  readonly response?: string;
  /** Natural-log probabilities of the response tokens, in order. */
  readonly logprobs?: readonly number[];
}
