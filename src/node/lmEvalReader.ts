/**
 * Reader for lm-evaluation-harness `samples_<task>_<date>.jsonl` files.
 * @module
 */
import { createHash } from "node:crypto";
import { InvalidArgumentError } from "../errors/errors.js";
import type { SampleRecord } from "../tallies/index.js";
import type { SampleReader } from "./sampleReader.js";
import { lmEvalMetricCorrect } from "./lmEvalMetric.js";
import { invalidField, notAnObject, showValue } from "./readerMessages.js";
import { numericIdText, UNSAFE_NUMERIC_ID } from "./numericId.js";

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
   * Its value must be a boolean or 0/1 (numbers, or strings such as `"1.0"` as lm-eval 0.3 wrote
   * them), or any finite number when `threshold` is given.
   */
  readonly metric?: string;
  /** A metric value counts as correct when `>= threshold` (`<= threshold` with `lowerIsBetter`), for continuous metrics such as `f1` or `mae`. */
  readonly threshold?: number;
  /** The metric is an error (`mae`, `ter`, ...): a value counts as correct when `<= threshold`. Needs `threshold`. */
  readonly lowerIsBetter?: boolean;
  /**
   * The filter pipeline to tally (`"strict-match"`, `"flexible-extract"`, `"none"`, ...). The harness
   * writes one line per (document, filter); lines of other filters are skipped and counted in
   * `linesSkipped`. When omitted, every line must carry the same filter, else the line is rejected
   * with a message listing the filters seen.
   *
   * Files of older harness versions have no `filter` field: a line without one counts as filter
   * `"none"`. Such files still write one block of lines per filter (in the order of the task's
   * `filter_list`) without naming it, so a document id then comes back once per filter: select
   * the k-th block with `"#k"` (`"#1"`, `"#2"`, ...).
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
  /**
   * Problem id → fingerprint of the document read under it (its `doc_hash`, else a hash of `doc`).
   * Share one map across the readers of one model's files: a line whose document differs from the
   * one an earlier file had under the same id (two tasks, or two dataset versions, whose doc ids
   * collide) is rejected instead of being tallied as another run of the same problem.
   */
  readonly documents?: Map<string, string>;
}

const hasOwn = Object.prototype.hasOwnProperty;
const BLOCK = /^#([1-9][0-9]*)$/;

/** The document's fingerprint: lm-eval's own `doc_hash` when present, else a SHA-256 of `doc` as JSON. */
function fingerprint(line: Record<string, unknown>): string | undefined {
  if (typeof line.doc_hash === "string" && line.doc_hash !== "") return `doc_hash:${line.doc_hash}`;
  if (line.doc === undefined) return undefined;
  return `doc:${createHash("sha256").update(JSON.stringify(line.doc)).digest("hex")}`;
}

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
 * Metric values: booleans, 0/1 (also written as strings, `"1.0"`), or any finite number with
 * `threshold`. Python's `NaN`/`Infinity` (the harness writes them for metrics it could not compute)
 * are rejected naming the metric, as are lists (lm-eval logs the inputs of corpus-level metrics
 * such as `f1` or `micro_f1` per document; they grade the corpus, not the document).
 *
 * With `repeats: N` in a task config the harness keeps the N responses in `resps[0]` but grades the
 * document once through its filter (e.g. a majority vote), so a line is still one sample. For
 * pass@k over the N responses, grade them with `passk verify`, which reads these files directly.
 *
 * One reader reads one file: it remembers which documents it has seen to number filter blocks.
 *
 * @param options - see {@link LmEvalReaderOptions}
 * @throws {@link index!InvalidArgumentError} for a missing model or a bad option
 *
 * @example
 * ```ts
 * import type { SampleRecord } from "passk";
 * import { lmEvalReader } from "passk/node";
 * const reader = lmEvalReader({ model: "m", task: "gsm8k", filter: "strict-match", sampleIndex: 0 });
 * const line = { doc_id: 3, filtered_resps: ["18"], filter: "strict-match", metrics: ["exact_match"], exact_match: 1.0 };
 * console.log(JSON.stringify(reader.read(line))); // => {"model":"m","problemId":"gsm8k/3","sampleIndex":0,"correct":true,"answer":"18"}
 * console.log(reader.read({ ...line, filter: "flexible-extract" })); // => null
 * const mae = lmEvalReader({ model: "m", metric: "mae", threshold: 0.5, lowerIsBetter: true });
 * console.log((mae.read({ doc_id: 1, filter: "none", mae: 0.25 }) as SampleRecord).correct); // => true
 * ```
 */
export function lmEvalReader(options: LmEvalReaderOptions): SampleReader {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError(`options must be an object, got ${String(options)}`, { field: "options", value: options });
  }
  const { model, metric, threshold, lowerIsBetter = false, filter, task, sampleIndex = 0, documents } = options;
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
  if (typeof lowerIsBetter !== "boolean") {
    throw new InvalidArgumentError(`lowerIsBetter must be a boolean, got ${showValue(lowerIsBetter)}`, { field: "lowerIsBetter", value: lowerIsBetter });
  }
  if (lowerIsBetter && threshold === undefined) {
    throw new InvalidArgumentError("lowerIsBetter needs a threshold (a value counts as correct when <= threshold)", { field: "threshold" });
  }
  if (!Number.isSafeInteger(sampleIndex) || sampleIndex < 0) {
    throw new InvalidArgumentError(`sampleIndex must be a non-negative safe integer, got ${showValue(sampleIndex)}`, { field: "sampleIndex", value: sampleIndex });
  }
  if (documents !== undefined && !(documents instanceof Map)) {
    throw new InvalidArgumentError("documents must be a Map from problem id to document fingerprint", { field: "documents", value: documents });
  }
  const prefix = task === undefined ? "" : `${task}/`;
  const block = filter === undefined ? undefined : BLOCK.exec(filter);
  const wantedBlock = block == null ? undefined : Number(block[1]);
  // Without an explicit filter, the first line's filter is the only one accepted.
  let seenFilter: { value: unknown } | undefined;
  // Lines without a filter field: how often each document has come back (its filter block).
  const occurrences = new Map<string, number>();

  return {
    name: "lm-evaluation-harness",
    sourceFields: { problemId: "doc_id", sampleIndex: "doc_id", ...(metric !== undefined && { correct: metric }) },
    read(value: unknown): SampleRecord | null {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw notAnObject(value);
      }
      const line = value as Record<string, unknown>;
      const docId = line.doc_id;
      let problemId: string;
      if (typeof docId === "number" && Number.isFinite(docId)) {
        const text = numericIdText(docId);
        if (text === undefined) throw invalidField("doc_id", `${showValue(docId)} ${UNSAFE_NUMERIC_ID}`, docId);
        problemId = prefix + text;
      } else if (typeof docId === "string" && docId !== "") {
        problemId = prefix + docId;
      } else if (docId === undefined) {
        throw invalidField("doc_id", "is missing", docId);
      } else {
        throw invalidField("doc_id", `must be a number or a non-empty string, got ${showValue(docId)}`, docId);
      }

      if (!hasOwn.call(line, "filter")) {
        const occurrence = (occurrences.get(problemId) ?? 0) + 1;
        occurrences.set(problemId, occurrence);
        if (wantedBlock !== undefined) {
          if (occurrence !== wantedBlock) return null;
        } else if (filter !== undefined && filter !== "none") {
          throw invalidField(
            "filter",
            `is missing (older lm-eval files do not name filters), so the line cannot be matched to filter ${JSON.stringify(filter)}: ` +
              `use filter "none" when each document appears once, or "#k" for the k-th filter of the task's filter_list`,
            undefined,
            problemId,
          );
        } else if (occurrence > 1) {
          throw invalidField(
            "doc_id",
            `${showValue(docId)} appears again (occurrence ${occurrence}) and the lines have no filter field: older lm-eval files ` +
              `write one block of lines per filter, in the order of the task's filter_list, without naming it; choose a block with ` +
              `filter "#1", "#2", ...`,
            docId,
            problemId,
          );
        } else if (seenFilter === undefined) {
          seenFilter = { value: "none" };
        } else if (seenFilter.value !== "none") {
          throw invalidField("filter", `is missing but earlier lines have ${showValue(seenFilter.value)}; choose one with the filter option`, undefined, problemId);
        }
      } else {
        const lineFilter = line.filter;
        if (wantedBlock !== undefined) {
          throw invalidField(
            "filter",
            `is ${showValue(lineFilter)}: filter ${JSON.stringify(filter)} selects a block in files without filter names; name the filter instead`,
            lineFilter,
            problemId,
          );
        }
        if (filter !== undefined) {
          if (lineFilter !== filter) return null;
        } else if (seenFilter === undefined) {
          seenFilter = { value: lineFilter };
        } else if (seenFilter.value !== lineFilter) {
          throw invalidField(
            "filter",
            `is ${showValue(lineFilter)} but earlier lines have ${showValue(seenFilter.value)}: the harness writes one line per filter; ` +
              `choose one with the filter option`,
            lineFilter,
            problemId,
          );
        }
      }

      const metricName = metric ?? (hasOwn.call(line, "exact_match") ? "exact_match" : hasOwn.call(line, "acc") ? "acc" : undefined);
      const listed = Array.isArray(line.metrics) ? ` (the line lists metrics ${showValue(line.metrics)})` : "";
      if (metricName === undefined) {
        throw invalidField("exact_match", `is missing and so is acc${listed}; name the metric with the metric option`, undefined, problemId);
      }
      const correct = lmEvalMetricCorrect(hasOwn.call(line, metricName) ? line[metricName] : undefined, {
        metric: metricName,
        threshold,
        lowerIsBetter,
        problemId,
        listed,
      });

      if (documents !== undefined) {
        const print = fingerprint(line);
        const earlier = documents.get(problemId);
        if (print !== undefined) {
          if (earlier === undefined) documents.set(problemId, print);
          else if (earlier !== print && earlier.slice(0, earlier.indexOf(":")) === print.slice(0, print.indexOf(":"))) {
            const field = print.startsWith("doc_hash:") ? "doc_hash" : "doc";
            throw invalidField(
              field,
              `differs from the document an earlier file had under the same id: the files hold different tasks (or dataset versions), ` +
                `which would be tallied as runs of one problem; give each task its own ids (the task option; lm-eval names its files ` +
                `samples_<task>_<date>.jsonl)`,
              line[field],
              problemId,
            );
          }
        }
      }
      const fr = line.filtered_resps;
      const answer = Array.isArray(fr) && fr.length === 1 && typeof fr[0] === "string" ? fr[0] : undefined;
      return { model, problemId, sampleIndex, correct, answer };
    },
  };
}
