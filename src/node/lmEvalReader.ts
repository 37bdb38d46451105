/**
 * Reader for lm-evaluation-harness `samples_<task>_<date>.jsonl` files.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { SampleRecord } from "../tallies/index.js";
import type { SampleReader } from "./sampleReader.js";
import { invalidField, showValue } from "./readerMessages.js";

/**
 * Options of {@link lmEvalReader}.
 *
 * @example
 * ```ts
 * const options = { model: "meta-llama/Llama-3.1-8B", task: "gsm8k", filter: "strict-match", sampleIndex: 0 };
 * console.log(options.filter); // => strict-match
 * ```
 */
export interface LmEvalReaderOptions {
  /** Model id for every line (sample files do not name the model). */
  readonly model: string;
  /**
   * Metric field that grades the document. Default: `exact_match` when the line has it, else `acc`.
   * Its value must be a boolean or 0/1, or any finite number when `threshold` is given.
   */
  readonly metric?: string;
  /** A metric value counts as correct when `>= threshold` (for continuous metrics such as `f1`). */
  readonly threshold?: number;
  /**
   * The filter pipeline to tally (`"strict-match"`, `"flexible-extract"`, `"none"`, ...). The harness
   * writes one line per (document, filter); lines of other filters are skipped and counted in
   * `linesSkipped`. When omitted, every line must carry the same filter, else the line is rejected
   * with a message listing the filters seen.
   */
  readonly filter?: string;
  /** Problem ids become `${task}/${doc_id}`, keeping documents of several tasks apart. */
  readonly task?: string;
  /**
   * Sample index given to every line of this file (default 0): the harness writes one graded
   * sample per document per run, so number the runs (seeds) 0, 1, 2, ... to tally several runs of
   * one model into n > 1. A document appearing twice for one filter, or a run ingested twice under
   * the same index, is then rejected as a duplicate sample.
   */
  readonly sampleIndex?: number;
}


const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Reads lm-evaluation-harness per-document sample logs (`--log_samples`), whose lines look like
 *
 *     {"doc_id": 0, "doc": {...}, "target": "18", "arguments": ..., "resps": [[...]],
 *      "filtered_resps": ["18"], "filter": "strict-match", "metrics": ["exact_match"],
 *      "doc_hash": ..., "prompt_hash": ..., "target_hash": ..., "exact_match": 1.0}
 *
 * Each line (of the chosen filter) is one graded sample of document `doc_id`; the metric field
 * decides correctness; a single string in `filtered_resps` becomes the extracted answer.
 *
 * With `repeats: N` in a task config the harness still writes one line per document, graded by a
 * metric over the filtered repeats (e.g. a majority-vote filter), so it is still one sample: for
 * pass@k with n > 1, run the harness n times with different seeds and ingest each run with its own
 * `sampleIndex`.
 *
 * @param options - see {@link LmEvalReaderOptions}
 * @throws {@link index!InvalidArgumentError} for a missing model or a bad option
 *
 * @example
 * ```ts
 * import { lmEvalReader } from "passk/node";
 * const reader = lmEvalReader({ model: "m", task: "gsm8k", filter: "strict-match", sampleIndex: 0 });
 * const line = { doc_id: 3, filtered_resps: ["18"], filter: "strict-match", metrics: ["exact_match"], exact_match: 1.0 };
 * console.log(JSON.stringify(reader.read(line))); // => {"model":"m","problemId":"gsm8k/3","sampleIndex":0,"correct":true,"answer":"18"}
 * console.log(reader.read({ ...line, filter: "flexible-extract" })); // => null
 * ```
 */
export function lmEvalReader(options: LmEvalReaderOptions): SampleReader {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError(`options must be an object, got ${String(options)}`, { field: "options", value: options });
  }
  const { model, metric, threshold, filter, task, sampleIndex = 0 } = options;
  if (typeof model !== "string" || model === "") {
    throw new InvalidArgumentError(`model must be a non-empty string (sample files do not name the model), got ${showValue(model)}`, {
      field: "model",
      value: model,
    });
  }
  for (const [name, v] of [["metric", metric], ["filter", filter], ["task", task]] as const) {
    if (v !== undefined && (typeof v !== "string" || v === "")) {
      throw new InvalidArgumentError(`${name} must be a non-empty string, got ${showValue(v)}`, { field: name, value: v });
    }
  }
  if (threshold !== undefined && (typeof threshold !== "number" || !Number.isFinite(threshold))) {
    throw new InvalidArgumentError(`threshold must be a finite number, got ${showValue(threshold)}`, { field: "threshold", value: threshold });
  }
  if (!Number.isSafeInteger(sampleIndex) || sampleIndex < 0) {
    throw new InvalidArgumentError(`sampleIndex must be a non-negative safe integer, got ${showValue(sampleIndex)}`, { field: "sampleIndex", value: sampleIndex });
  }
  const prefix = task === undefined ? "" : `${task}/`;
  // Without an explicit filter, the first line's filter is the only one accepted.
  let seenFilter: { value: unknown } | undefined;

  return {
    name: "lm-evaluation-harness",
    sourceFields: { problemId: "doc_id", sampleIndex: "doc_id", ...(metric !== undefined && { correct: metric }) },
    read(value: unknown): SampleRecord | null {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw invalidField("$", `(the line) must be a JSON object, got ${showValue(value)}`, value);
      }
      const line = value as Record<string, unknown>;
      const lineFilter = line.filter;
      if (filter !== undefined) {
        if (lineFilter === undefined) throw invalidField("filter", `is missing but the filter option is ${JSON.stringify(filter)}`, lineFilter);
        if (lineFilter !== filter) return null;
      } else if (seenFilter === undefined) {
        seenFilter = { value: lineFilter };
      } else if (seenFilter.value !== lineFilter) {
        throw invalidField(
          "filter",
          `is ${showValue(lineFilter)} but earlier lines have ${showValue(seenFilter.value)}: the harness writes one line per filter; ` +
            `choose one with the filter option`,
          lineFilter,
        );
      }
      const docId = line.doc_id;
      let problemId: string;
      if ((typeof docId === "number" && Number.isFinite(docId)) || (typeof docId === "string" && docId !== "")) {
        problemId = prefix + String(docId);
      } else if (docId === undefined) {
        throw invalidField("doc_id", "is missing", docId);
      } else {
        throw invalidField("doc_id", `must be a number or a non-empty string, got ${showValue(docId)}`, docId);
      }
      const metricName = metric ?? (hasOwn.call(line, "exact_match") ? "exact_match" : hasOwn.call(line, "acc") ? "acc" : undefined);
      if (metricName === undefined) {
        const listed = Array.isArray(line.metrics) ? ` (the line lists metrics ${showValue(line.metrics)})` : "";
        throw invalidField("exact_match", `is missing and so is acc${listed}; name the metric with the metric option`, undefined, problemId);
      }
      const v = hasOwn.call(line, metricName) ? line[metricName] : undefined;
      let correct: boolean;
      if (v === true || v === false) correct = v;
      else if (typeof v === "number" && threshold !== undefined && Number.isFinite(v)) correct = v >= threshold;
      else if (v === 0 || v === 1) correct = v === 1;
      else if (v === undefined) throw invalidField(metricName, "is missing", v, problemId);
      else {
        throw invalidField(
          metricName,
          `must be a boolean or 0/1${threshold === undefined ? " (give a threshold for continuous metrics)" : " or a finite number"}, got ${showValue(v)}`,
          v,
          problemId,
        );
      }
      const fr = line.filtered_resps;
      const answer = Array.isArray(fr) && fr.length === 1 && typeof fr[0] === "string" ? fr[0] : undefined;
      return { model, problemId, sampleIndex, correct, answer };
    },
  };
}
