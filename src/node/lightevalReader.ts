/**
 * A reader for lighteval's per-sample details Parquet files (`--save-details`).
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { Tally } from "../estimators/tally.js";
import type { SampleRecord } from "../tallies/index.js";
import type { ParquetSampleReader } from "./ingestParquetSamples.js";
import { leafTallyPlanners, type LeafTallyPlan } from "./parquetLeafTallies.js";
import { invalidField, notAnObject, showValue } from "./readerMessages.js";

/**
 * Options of {@link lightevalDetailsReader}.
 *
 * @example
 * ```ts
 * import type { LightevalDetailsOptions } from "passk/node";
 * const options: LightevalDetailsOptions = { model: "qwen-7b", task: "aime24", metric: "pass@k:k=1&n=16" };
 * console.log(options.metric); // => pass@k:k=1&n=16
 * ```
 */
export interface LightevalDetailsOptions {
  /** The model of every row (the files do not name it; lighteval writes them under `details/<model>/<date>/`). */
  readonly model: string;
  /**
   * The per-document metric that is the mean of the document's n 0/1 sample scores: pass@1 over
   * n samples (`pass@k:k=1&n=16`, older `pass@1:16_samples`) or `avg@n`. Default: the only metric
   * of the first row whose name says pass@1 or avg@n, else the only metric.
   */
  readonly metric?: string;
  /** Samples per document, when neither the metric's name (`n=16`) nor the responses tell it. */
  readonly n?: number;
  /** Prefix of problem ids, `task/id` (e.g. the task of `details_<task>_<date>.parquet`). */
  readonly task?: string;
}

/** lighteval ≥ 0.10 writes `doc`, `metric`, `model_response`; earlier versions flat columns with `metrics` and `predictions`. */
const METRIC_COLUMNS = ["metric", "metrics"] as const;

/** The number of samples a metric's name states: `n=16` (`pass@k:k=1&n=16`), `avg@16`, `pass@1:16_samples`. */
function nFromName(name: string): number | undefined {
  const m = /(?:^|[^a-z])n=(\d+)/i.exec(name) ?? /avg@(\d+)/i.exec(name) ?? /:(\d+)_samples/.exec(name);
  return m === null ? undefined : Number(m[1]);
}

/** `k` of a pass@k metric name, when the name states it (`pass@k:k=4&n=16`, `pass@4:16_samples`). */
function kFromName(name: string): number | undefined {
  const m = /(?:^|[^a-z])k=(\d+)/i.exec(name) ?? /^pass@(\d+)/i.exec(name);
  return m === null ? undefined : Number(m[1]);
}

/** A metric whose per-document value is c / n: pass@1 over n samples, or avg@n. */
function isMeanMetric(name: string): boolean {
  return (/^pass@/i.test(name) && kFromName(name) === 1) || /^avg@/i.test(name);
}

/** The default metric: the only pass@1 / avg@n one, else the only one. */
function chooseMetric(names: readonly string[], column: string, problemId: string | undefined): string {
  const means = names.filter(isMeanMetric);
  if (means.length === 1) return means[0] as string;
  if (names.length === 1) return names[0] as string;
  const what = `has ${names.length} metrics (${names.join(", ")}); choose the pass@1 or avg@n one with the metric option (CLI --metric)`;
  if (problemId === undefined) throw new InvalidArgumentError(`the ${column} column ${what}`, { field: column, value: names });
  throw invalidField(column, what, names, problemId);
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * Reads lighteval's details files, `details/<model>/<date>/details_<task>_<date>.parquet`, one row
 * per document. Layout checked against lighteval's source (`logging/info_loggers.py`,
 * `logging/evaluation_tracker.py`): since 0.10 a row is `asdict(Detail(doc, model_response,
 * metric))`, so the columns are `doc` (the `Doc`: `query`, `id`, `task_name`, ...),
 * `model_response` (`text`: the n generations, ...) and `metric` (metric name → this document's
 * value); before 0.10 the columns were flat (`example`, `predictions`, `metrics`, ...), also read.
 *
 * **What lighteval stores for pass@k.** Its sampling metrics score each of a document's n samples
 * and keep only the per-document aggregate (`PassAtK`: the unbiased pass@k estimate from the
 * count c of correct samples; `AvgAtN`: the mean score), not the per-sample 0/1 list. With k = 1
 * that aggregate is exactly c / n, so this reader recovers c = value × n (it must be an integer up
 * to 10⁻⁹, else the row is refused: a pass@k with k > 1 or a non-binary score cannot be inverted),
 * with n from the metric's name (`n=16`), else the number of responses, else the `n` option.
 * {@link ingestParquetSamples} adds the document's (n, c) with `addTally` (a document once per
 * file; two files of one model and task add up, as two runs would). Used as a JSONL reader
 * (`read`), a document yields n records, the c correct ones first, sample indices 0..n−1: the
 * tally is exact, the order of correct samples within a document is not in the file.
 *
 * Problem ids are `doc.id` (lighteval's document id), else the prompt `doc.query` (older files:
 * `example`), prefixed with `task/` when given.
 *
 * @param options - see {@link LightevalDetailsOptions}
 * @throws {@link index!InvalidArgumentError} for a bad option; per row, an InvalidSampleRecordError naming the field
 *
 * @example
 * ```ts
 * import { lightevalDetailsReader } from "passk/node";
 * import type { SampleRecord } from "passk";
 * const reader = lightevalDetailsReader({ model: "m", task: "aime24" });
 * const row = { doc: { id: "7", query: "..." }, model_response: { text: ["a", "b", "c", "d"] }, metric: { "pass@k:k=1&n=4": 0.5 } };
 * const records = reader.read(row) as readonly SampleRecord[];
 * console.log(records.length, records.filter((r) => r.correct).length, records[0]!.problemId); // => 4 2 aime24/7
 * ```
 */
export function lightevalDetailsReader(options: LightevalDetailsOptions): ParquetSampleReader {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError(`options must be an object, got ${String(options)}`, { field: "options", value: options });
  }
  const { model, task, n: fixedN } = options;
  if (typeof model !== "string" || model === "") {
    throw new InvalidArgumentError(`options.model must be a non-empty string, got ${showValue(model)}`, { field: "model", value: model });
  }
  if (task !== undefined && (typeof task !== "string" || task === "")) {
    throw new InvalidArgumentError(`options.task must be a non-empty string, got ${showValue(task)}`, { field: "task", value: task });
  }
  if (fixedN !== undefined && !(Number.isSafeInteger(fixedN) && fixedN >= 1)) {
    throw new InvalidArgumentError(`options.n must be a positive integer, got ${showValue(fixedN)}`, { field: "n", value: fixedN });
  }
  if (options.metric !== undefined && (typeof options.metric !== "string" || options.metric === "")) {
    throw new InvalidArgumentError(`options.metric must be a non-empty string, got ${showValue(options.metric)}`, { field: "metric", value: options.metric });
  }
  if (options.metric !== undefined && /^pass@/i.test(options.metric) && (kFromName(options.metric) ?? 1) !== 1) {
    throw new InvalidArgumentError(
      `options.metric ${JSON.stringify(options.metric)} is a pass@k with k > 1, which does not determine the number of correct samples; choose the pass@1 (k=1) or avg@n metric`,
      { field: "metric", value: options.metric },
    );
  }
  const prefix = task === undefined ? "" : `${task}/`;
  let metric = options.metric;
  let metricColumn: string = "metric";

  let parsedFor: string | undefined;
  let parsedColumn: string | undefined;
  let field = "";
  let isHigherK = false;
  let namedN: number | undefined;
  const toTally = (value: unknown): { model: string; tally: Tally } => {
    const row = asObject(value);
    if (row === undefined) throw notAnObject(value);
    const doc = asObject(row.doc);
    const rawId = doc !== undefined ? (doc.id !== "" && doc.id != null ? doc.id : doc.query) : row.example;
    let id: string;
    if (typeof rawId === "string" && rawId !== "") id = rawId;
    else if (typeof rawId === "number" && Number.isSafeInteger(rawId)) id = String(rawId);
    else throw invalidField(doc !== undefined ? "doc.id" : "example", `must be a non-empty string (neither doc.id nor doc.query is set), got ${showValue(rawId)}`, rawId);
    const problemId = prefix + id;

    const metrics = asObject(row[metricColumn]);
    if (metrics === undefined) throw invalidField(metricColumn, `must be an object of metric values, got ${showValue(row[metricColumn])}`, row[metricColumn], problemId);
    if (metric === undefined) metric = chooseMetric(Object.keys(metrics).filter((k) => metrics[k] !== null && metrics[k] !== undefined), metricColumn, problemId);
    const name = metric as string;
    // What the metric's name says is parsed once, not per row.
    if (parsedFor !== name || parsedColumn !== metricColumn) {
      parsedFor = name;
      parsedColumn = metricColumn;
      isHigherK = /^pass@/i.test(name) && (kFromName(name) ?? 1) !== 1;
      namedN = nFromName(name);
      field = `${metricColumn}.${name}`;
    }
    if (isHigherK) {
      throw invalidField(field, "is a pass@k with k > 1, which does not determine the number of correct samples; choose the pass@1 (k=1) or avg@n metric", name, problemId);
    }
    const v = metrics[name];
    if (v === undefined || v === null) throw invalidField(field, "is missing", v, problemId);
    if (typeof v !== "number" || !Number.isFinite(v)) throw invalidField(field, `must be a finite number, got ${showValue(v)}`, v, problemId);
    if (v < 0 || v > 1) throw invalidField(field, `must be in [0, 1] (a mean of 0/1 scores), got ${v}`, v, problemId);

    let n = namedN ?? fixedN;
    if (n === undefined) {
      const responses = asObject(row.model_response)?.text ?? row.predictions;
      if (Array.isArray(responses) && responses.length > 0) n = responses.length;
    }
    if (n === undefined || n < 1) {
      throw invalidField(field, "does not say its number of samples (no n= in its name, no responses): give the n option", name, problemId);
    }
    const exact = v * n;
    const c = Math.round(exact);
    if (Math.abs(exact - c) > 1e-9 * n) {
      throw invalidField(field, `= ${v} is not a multiple of 1/${n}: not the mean of ${n} 0/1 scores (a pass@k with k > 1, or a non-binary score?)`, v, problemId);
    }
    return { model, tally: { problemId, n, c } };
  };

  const columns = (available: readonly string[], fieldsOf: (column: string) => readonly string[]): readonly string[] => {
    const col = METRIC_COLUMNS.find((c) => available.includes(c));
    if (col === undefined) {
      throw new InvalidArgumentError(
        `not a lighteval details file: no "metric" column (lighteval >= 0.10) or "metrics" column (earlier) among ${available.join(", ")}`,
        { field: "metric" },
      );
    }
    metricColumn = col;
    if (metric === undefined) metric = chooseMetric(fieldsOf(col), col, undefined);
    const wanted: string[] = [col];
    if (available.includes("doc")) wanted.push("doc");
    else if (available.includes("example")) wanted.push("example");
    // The responses are needed only to count them, when the metric's name does not state n.
    const named = metric === undefined ? undefined : nFromName(metric);
    if (named === undefined && fixedN === undefined) {
      if (available.includes("model_response")) wanted.push("model_response");
      else if (available.includes("predictions")) wanted.push("predictions");
    }
    return wanted;
  };

  const reader: ParquetSampleReader = {
    name: "lighteval details",
    sourceFields: { problemId: "doc.id", correct: "metric" },
    columns,
    tally: toTally,
    read(value: unknown): SampleRecord[] {
      const { tally } = toTally(value);
      const records: SampleRecord[] = new Array(tally.n);
      for (let j = 0; j < tally.n; j++) records[j] = { model, problemId: tally.problemId, sampleIndex: j, correct: j < tally.c };
      return records;
    },
  };

  // The same rows without an object per row: when the file's id and metric are leaves of the
  // decoded columns and n is known without the responses, a row whose id is a non-empty string and
  // whose value is an exact c / n in [0, 1] gets exactly the tally toTally gives it; any other row
  // goes through toTally (and its error).
  leafTallyPlanners.set(reader, (decoded, fieldsOf): LeafTallyPlan | undefined => {
    if (reader.tally !== toTally || reader.columns !== columns) return undefined;
    const name = metric;
    if (name === undefined || !decoded.includes(metricColumn) || !fieldsOf(metricColumn).includes(name)) return undefined;
    if (/^pass@/i.test(name) && (kFromName(name) ?? 1) !== 1) return undefined;
    const n = nFromName(name) ?? fixedN;
    if (n === undefined || !Number.isSafeInteger(n) || n < 1) return undefined;
    // toTally's id: doc.id when `doc` was decoded, else `example`.
    let id: readonly string[];
    if (decoded.includes("doc")) {
      if (!fieldsOf("doc").includes("id")) return undefined;
      id = ["doc", "id"];
    } else if (decoded.includes("example")) id = ["example"];
    else return undefined;
    return {
      model,
      id,
      value: [metricColumn, name],
      tally(cell, v, out) {
        if (typeof cell !== "string" || cell === "" || typeof v !== "number" || !(v >= 0 && v <= 1)) return false;
        const exact = v * n;
        const c = Math.round(exact);
        if (Math.abs(exact - c) > 1e-9 * n) return false;
        out.problemId = prefix + cell;
        out.n = n;
        out.c = c;
        return true;
      },
    };
  });
  return reader;
}
