/**
 * Reader for the flat one-line-per-sample format.
 * @module
 */
import { fieldMappingReader } from "./fieldMappingReader.js";
import type { SampleReader } from "./sampleReader.js";

/**
 * Options of {@link flatReader}.
 *
 * @example
 * ```ts
 * const options = { threshold: 1 };
 * console.log(options.threshold); // => 1
 * ```
 */
export interface FlatReaderOptions {
  /** Enables a numeric `score` field on lines without `correct`: correct when `score >= threshold`. */
  readonly threshold?: number;
  /** With `threshold`: the score is an error or a loss, correct when `score <= threshold`. */
  readonly lowerIsBetter?: boolean;
  /** Accept the numbers 0 and 1 in `correct` as false / true. */
  readonly numericCorrect?: boolean;
}

/**
 * Reads the flat format, one graded sample per line:
 *
 *     {"model": "m", "problem_id": "gsm8k/17", "correct": true, "sample_index": 0, "answer": "42"}
 *
 * `model`, `problem_id` (string or number) and `correct` (boolean) are required; `sample_index`
 * (enables duplicate detection) and `answer` are optional. With `threshold`, a line may carry a
 * numeric `score` instead of `correct`.
 *
 * @param options - see {@link FlatReaderOptions}
 *
 * @example
 * ```ts
 * import { flatReader } from "passk/node";
 * import type { SampleRecord } from "passk";
 * const r = flatReader().read({ model: "m", problem_id: 7, correct: false, sample_index: 2 }) as SampleRecord;
 * console.log(r.problemId, r.sampleIndex, r.correct); // => 7 2 false
 * ```
 */
export function flatReader(options: FlatReaderOptions = {}): SampleReader {
  return fieldMappingReader({
    name: "flat",
    model: "model",
    problem: "problem_id",
    correct: "correct",
    sampleIndex: "sample_index",
    answer: "answer",
    ...(options.threshold !== undefined && { score: "score", threshold: options.threshold }),
    ...(options.lowerIsBetter !== undefined && { lowerIsBetter: options.lowerIsBetter }),
    ...(options.numericCorrect === true && { numericCorrect: true }),
  });
}
