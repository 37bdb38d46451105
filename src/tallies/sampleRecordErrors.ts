/**
 * Errors raised while turning sample records into tallies.
 * @module
 */
import { InvalidArgumentError, PasskError } from "../errors/errors.js";

/**
 * A {@link SampleRecord} cannot be tallied: a missing or non-string model / problem id, a
 * correctness value that is neither a boolean nor a finite score with a finite threshold, or a
 * sample index that is not a non-negative safe integer. `field` names the record field
 * (`"correct"`, `"score"`, `"threshold"`, `"sampleIndex"`, ...), `problemId` the problem.
 *
 * @example
 * ```ts
 * import { TallyAccumulator, InvalidSampleRecordError } from "passk";
 * try {
 *   new TallyAccumulator().add({ model: "m", problemId: "p1", score: 0.7 });
 * } catch (e) {
 *   const err = e as InvalidSampleRecordError;
 *   console.log(e instanceof InvalidSampleRecordError, err.code, err.field, err.problemId); // => true INVALID_SAMPLE_RECORD threshold p1
 * }
 * ```
 */
export class InvalidSampleRecordError extends InvalidArgumentError {
  constructor(message: string, details: { field: string; value: unknown; problemId?: string | undefined }) {
    super(message, details, "INVALID_SAMPLE_RECORD");
  }
}

/**
 * The same (model, problem, sample index) was tallied twice, either within one accumulator or
 * across two accumulators being merged. Counting it twice would inflate both `n` and `c`.
 *
 * @example
 * ```ts
 * import { TallyAccumulator, DuplicateSampleError } from "passk";
 * const acc = new TallyAccumulator().add({ model: "m", problemId: "p1", sampleIndex: 3, correct: true });
 * try {
 *   acc.add({ model: "m", problemId: "p1", sampleIndex: 3, correct: false });
 * } catch (e) {
 *   const err = e as DuplicateSampleError;
 *   console.log(e instanceof DuplicateSampleError, err.code, err.model, err.problemId, err.sampleIndex); // => true DUPLICATE_SAMPLE m p1 3
 * }
 * ```
 */
export class DuplicateSampleError extends PasskError {
  /** Model whose sample was repeated. */
  readonly model: string;
  /** The repeated sample index. */
  readonly sampleIndex: number;

  constructor(message: string, details: { model: string; problemId: string; sampleIndex: number }) {
    super("DUPLICATE_SAMPLE", message, { field: "sampleIndex", value: details.sampleIndex, problemId: details.problemId });
    this.model = details.model;
    this.sampleIndex = details.sampleIndex;
  }
}
