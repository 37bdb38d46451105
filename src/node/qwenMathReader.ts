/**
 * Reader for the Qwen2.5-Math evaluation output (also used by the limit-of-RLVR study).
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { fieldMappingReader } from "./fieldMappingReader.js";
import type { SampleReader } from "./sampleReader.js";
import { invalidField } from "./readerMessages.js";

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
 * A line with `idx` and `pred` but no `score` (not graded yet) is rejected with the `passk verify`
 * command that grades it.
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
  const graded = fieldMappingReader({
    name: "qwen2.5-math",
    modelName: model,
    problem: "idx",
    correct: "score",
    answer: "pred",
    sampleIndexOffset: options?.sampleIndexOffset ?? 0,
    problemPrefix: options?.problemPrefix ?? "",
  });
  return {
    name: graded.name,
    ...(graded.sourceFields !== undefined && { sourceFields: graded.sourceFields }),
    read(value: unknown) {
      if (isUngradedQwenLine(value)) {
        throw invalidField(
          "score",
          "is missing: the line has idx and a pred list but no score, i.e. toolkit output not graded yet; grade the answers with " +
            "passk verify (--verifier math --problem-field idx --response-field pred --reference-field gt), then read its output",
          undefined,
          String((value as { idx: unknown }).idx),
        );
      }
      return graded.read(value);
    },
  };
}

/**
 * Whether a parsed line is Qwen2.5-Math toolkit output before grading: `idx` and a `pred` list but
 * no `score` (tools such as ToRA write the predictions first and the grades in a later step).
 * @internal
 */
export function isUngradedQwenLine(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  return "idx" in o && Array.isArray(o.pred) && !("score" in o);
}
