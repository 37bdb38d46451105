/**
 * One Inspect AI `EvalSample` (a sample of one epoch, with its scores) → a sample record.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { SampleRecord } from "../tallies/index.js";
import { invalidField, notAnObject, showValue } from "./readerMessages.js";
import type { SampleReader } from "./sampleReader.js";

/**
 * How an Inspect sample's score becomes correct / incorrect. Inspect's scorers return a `Score`
 * whose `value` is a string (`"C"` correct, `"I"` incorrect, `"P"` partial, `"N"` no answer), a
 * number, a boolean, a list or a dict.
 *
 * @example
 * ```ts
 * import type { InspectScoreOptions } from "passk/node";
 * const options: InspectScoreOptions = { scorer: "match", incorrectValues: ["I", "N", "P"] };
 * console.log(options.incorrectValues?.includes("P")); // => true
 * ```
 */
export interface InspectScoreOptions {
  /** The scorer whose score grades a sample. Default: the only scorer, else the first one of the first sample (the result says which). */
  readonly scorer?: string;
  /** For a scorer whose value is a dict (several metrics), the key to read. */
  readonly valueKey?: string;
  /** String values that count as correct (default `["C"]`). */
  readonly correctValues?: readonly string[];
  /**
   * String values that count as incorrect (default `["I", "N"]`: no answer is not a solve).
   * Partial credit `"P"` is in neither list by default and is refused: put it in one of them.
   */
  readonly incorrectValues?: readonly string[];
  /** Numeric values: correct when `value >= threshold`. Without it only 0 and 1 (and booleans) are accepted. */
  readonly threshold?: number;
}

/**
 * Options of {@link inspectSampleReader}: the model and how scores grade.
 *
 * @example
 * ```ts
 * import type { InspectSampleReaderOptions } from "passk/node";
 * const o: InspectSampleReaderOptions = { model: "openai/gpt-4o", task: "gsm8k" };
 * console.log(o.task); // => gsm8k
 * ```
 */
export interface InspectSampleReaderOptions extends InspectScoreOptions {
  /** The model of every sample (an Inspect log's `eval.model`). */
  readonly model: string;
  /** Prefix of problem ids, `task/id`. */
  readonly task?: string;
  /** Called once with the scorer chosen and every scorer the first sample carried. */
  readonly onScorer?: (chosen: string, available: readonly string[]) => void;
}

function checkValues(values: unknown, option: string): readonly string[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values) || values.some((v) => typeof v !== "string")) {
    throw new InvalidArgumentError(`${option} must be an array of strings, got ${showValue(values)}`, { field: option, value: values });
  }
  return values as readonly string[];
}

/**
 * A {@link SampleReader} for Inspect AI samples (`EvalSample`, as in `samples/<id>_epoch_<n>.json`
 * of a `.eval` log or the `samples` list of a `.json` log; fields per inspect_ai's
 * `log/_log.py` and `scorer/_metric.py`). A sample becomes one record: problem `id` (prefixed with
 * `task/`), sample index `epoch − 1`, correctness from the chosen scorer's `value`:
 *
 * - `"C"` → correct; `"I"` and `"N"` (no answer) → incorrect (`correctValues` / `incorrectValues`);
 * - `"P"` (partial credit) → refused unless listed in one of them: pass@k counts solves, and
 *   whether half a solve is one is the evaluator's call, not passk's;
 * - `true` / `false`, and the numbers 1 / 0 (or `value >= threshold` with `threshold`);
 * - a dict value with `valueKey`; anything else → an InvalidSampleRecordError naming the field.
 *
 * A sample that ended in an error (`error` set, no scores) is refused, saying so; one without
 * scores (the log was written with scoring deferred) too.
 *
 * @param options - see {@link InspectSampleReaderOptions}
 * @throws {@link index!InvalidArgumentError} for bad options
 *
 * @example
 * ```ts
 * import { inspectSampleReader } from "passk/node";
 * const reader = inspectSampleReader({ model: "m" });
 * console.log(reader.read({ id: 3, epoch: 2, scores: { match: { value: "C", answer: "18" } } })); // => { model: 'm', problemId: '3', sampleIndex: 1, correct: true, answer: '18' }
 * try {
 *   reader.read({ id: 4, epoch: 1, scores: { match: { value: "P" } } });
 * } catch (e) {
 *   console.log((e as Error).message); // => scores.match.value is "P" (partial credit): list it in correctValues or incorrectValues (CLI --inspect-correct / --inspect-incorrect) (problem "4")
 * }
 * ```
 */
export function inspectSampleReader(options: InspectSampleReaderOptions): SampleReader {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError(`options must be an object, got ${String(options)}`, { field: "options", value: options });
  }
  const { model, task, threshold, valueKey, onScorer } = options;
  if (typeof model !== "string" || model === "") {
    throw new InvalidArgumentError(`options.model must be a non-empty string, got ${showValue(model)}`, { field: "model", value: model });
  }
  if (task !== undefined && (typeof task !== "string" || task === "")) {
    throw new InvalidArgumentError(`options.task must be a non-empty string, got ${showValue(task)}`, { field: "task", value: task });
  }
  if (threshold !== undefined && (typeof threshold !== "number" || !Number.isFinite(threshold))) {
    throw new InvalidArgumentError(`options.threshold must be a finite number, got ${showValue(threshold)}`, { field: "threshold", value: threshold });
  }
  if (valueKey !== undefined && (typeof valueKey !== "string" || valueKey === "")) {
    throw new InvalidArgumentError(`options.valueKey must be a non-empty string, got ${showValue(valueKey)}`, { field: "valueKey", value: valueKey });
  }
  if (options.scorer !== undefined && (typeof options.scorer !== "string" || options.scorer === "")) {
    throw new InvalidArgumentError(`options.scorer must be a non-empty string, got ${showValue(options.scorer)}`, { field: "scorer", value: options.scorer });
  }
  const correct = new Set(checkValues(options.correctValues, "correctValues") ?? ["C"]);
  const incorrect = new Set(checkValues(options.incorrectValues, "incorrectValues") ?? ["I", "N"]);
  const both = [...correct].filter((v) => incorrect.has(v));
  if (both.length > 0) {
    throw new InvalidArgumentError(`${JSON.stringify(both[0])} is in both correctValues and incorrectValues`, { field: "correctValues", value: both[0] });
  }
  const prefix = task === undefined ? "" : `${task}/`;
  let scorer = options.scorer;
  let reported = false;

  const grade = (value: unknown, field: string, problemId: string): boolean => {
    if (value === true || value === false) return value;
    if (typeof value === "string") {
      if (correct.has(value)) return true;
      if (incorrect.has(value)) return false;
      if (value === "P") {
        throw invalidField(field, 'is "P" (partial credit): list it in correctValues or incorrectValues (CLI --inspect-correct / --inspect-incorrect)', value, problemId);
      }
      throw invalidField(field, `is ${showValue(value)}, neither a correct value (${[...correct].join(", ")}) nor an incorrect one (${[...incorrect].join(", ")})`, value, problemId);
    }
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw invalidField(field, `is ${showValue(value)}`, value, problemId);
      if (threshold !== undefined) return value >= threshold;
      if (value === 1 || value === 0) return value === 1;
      throw invalidField(field, `is the number ${value}: only 0 and 1 grade without a threshold (CLI --threshold)`, value, problemId);
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      throw invalidField(field, `is a dict (keys ${Object.keys(value).join(", ")}): choose one with valueKey (CLI --inspect-value-key)`, value, problemId);
    }
    throw invalidField(field, `must be a string, number or boolean, got ${showValue(value)}`, value, problemId);
  };

  return {
    name: "inspect",
    sourceFields: { problemId: "id", sampleIndex: "epoch", correct: "scores" },
    read(value: unknown): SampleRecord {
      if (value === null || typeof value !== "object" || Array.isArray(value)) throw notAnObject(value);
      const s = value as Record<string, unknown>;
      let problemId: string;
      if (typeof s.id === "string" && s.id !== "") problemId = prefix + s.id;
      else if (typeof s.id === "number" && Number.isSafeInteger(s.id)) problemId = prefix + String(s.id);
      else throw invalidField("id", `must be a non-empty string or an integer, got ${showValue(s.id)}`, s.id);
      const epoch = s.epoch;
      if (typeof epoch !== "number" || !Number.isSafeInteger(epoch) || epoch < 1) {
        throw invalidField("epoch", `must be a positive integer, got ${showValue(epoch)}`, epoch, problemId);
      }
      // `scores` (a dict scorer → Score) since inspect_ai 0.3.x; the first releases had one `score`.
      let scores: Record<string, unknown> | undefined;
      let scoresField = "scores";
      if (s.scores !== null && typeof s.scores === "object" && !Array.isArray(s.scores)) scores = s.scores as Record<string, unknown>;
      else if (s.score !== null && typeof s.score === "object" && !Array.isArray(s.score)) {
        scores = { score: s.score };
        scoresField = "";
      }
      if (scores === undefined || Object.keys(scores).length === 0) {
        const err = s.error as { message?: unknown } | null | undefined;
        if (err !== undefined && err !== null) {
          throw invalidField("error", `is set: the sample failed and has no score (${showValue(typeof err.message === "string" ? err.message : err)})`, err, problemId);
        }
        throw invalidField("scores", "is missing: the sample was not scored (run inspect score on the log first)", s.scores, problemId);
      }
      const names = Object.keys(scores);
      if (!reported) {
        scorer ??= names[0] as string;
        reported = true;
        onScorer?.(scorer, names);
      }
      scorer ??= names[0] as string;
      const base = scoresField === "" ? "score" : `scores.${scorer}`;
      const score = scores[scoresField === "" ? "score" : scorer];
      if (score === undefined || score === null || typeof score !== "object") {
        throw invalidField(base, `is missing (scorers: ${names.join(", ")})`, score, problemId);
      }
      let v = (score as { value?: unknown }).value;
      let field = `${base}.value`;
      if (valueKey !== undefined) {
        if (v === null || typeof v !== "object" || Array.isArray(v)) throw invalidField(field, `must be a dict with key ${JSON.stringify(valueKey)}, got ${showValue(v)}`, v, problemId);
        v = (v as Record<string, unknown>)[valueKey];
        field = `${field}.${valueKey}`;
      }
      const answer = (score as { answer?: unknown }).answer;
      return {
        model,
        problemId,
        sampleIndex: epoch - 1,
        correct: grade(v, field, problemId),
        ...(typeof answer === "string" && { answer }),
      };
    },
  };
}
