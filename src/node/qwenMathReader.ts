/**
 * Reader for the Qwen2.5-Math evaluation output (also used by the limit-of-RLVR study).
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { fieldMappingReader } from "./fieldMappingReader.js";
import type { SampleReader } from "./sampleReader.js";

/**
 * Options of {@link qwenMathReader}.
 *
 * @example
 * ```ts
 * const options = { model: "Qwen/Qwen2.5-7B", sampleIndexOffset: 32 };
 * console.log(options.sampleIndexOffset); // => 32
 * ```
 */
export interface QwenMathReaderOptions {
  /** Model id for every line (the output files do not name the model). */
  readonly model: string;
  /**
   * Added to each sample's position in the `score` list. When one model's samples are split over
   * several runs (e.g. seeds 1–4 × 32 samples), give each file its own offset (0, 32, 64, 96) so
   * they tally together and a file ingested twice is caught as duplicate samples.
   */
  readonly sampleIndexOffset?: number;
  /** Prepended to the problem id (`idx`), e.g. `"math500/"`. */
  readonly problemPrefix?: string;
}

/**
 * Reads the JSONL written by the Qwen2.5-Math evaluation toolkit (`evaluation/math_eval.py`, used
 * as is by the limit-of-RLVR study, Yue et al. 2025): one line per problem,
 *
 *     {"idx": 12, "question": ..., "gt": "3", "code": [...], "pred": ["3", "4", ...], "score": [true, false, ...]}
 *
 * with one entry of `score` (graded correctness) and `pred` (extracted answer) per sample. Problem
 * id: `String(idx)`; sample index: position in `score` plus `sampleIndexOffset`; answer: `pred[j]`.
 *
 * @param options - see {@link QwenMathReaderOptions}
 * @throws {@link index!InvalidArgumentError} for a missing model or bad offset
 *
 * @example
 * ```ts
 * import { qwenMathReader } from "passk/node";
 * import type { SampleRecord } from "passk";
 * const reader = qwenMathReader({ model: "base" });
 * const records = reader.read({ idx: 4, gt: "2", pred: ["2", "3"], score: [true, false] }) as readonly SampleRecord[];
 * console.log(JSON.stringify(records[1])); // => {"model":"base","problemId":"4","sampleIndex":1,"correct":false,"answer":"3"}
 * ```
 */
export function qwenMathReader(options: QwenMathReaderOptions): SampleReader {
  const model = options?.model;
  if (typeof model !== "string" || model === "") {
    throw new InvalidArgumentError(`model must be a non-empty string (the output files do not name the model), got ${String(model)}`, {
      field: "model",
      value: model,
    });
  }
  return fieldMappingReader({
    name: "qwen2.5-math",
    modelName: model,
    problem: "idx",
    correct: "score",
    answer: "pred",
    sampleIndexOffset: options?.sampleIndexOffset ?? 0,
    problemPrefix: options?.problemPrefix ?? "",
  });
}
