/**
 * How an lm-evaluation-harness metric value grades one document.
 * @internal
 * @module
 */
import { invalidField, showValue } from "./readerMessages.js";

/** A decimal number as lm-eval 0.3 wrote metric values (`"1.0"`, `"0"`, `"0.75"`). */
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** How to read the metric: its name, the threshold and direction, and context for messages. @internal */
export interface MetricRule {
  readonly metric: string;
  readonly threshold: number | undefined;
  readonly lowerIsBetter: boolean;
  readonly problemId: string;
  /** `" (the line lists metrics [...])"` or empty, appended to hints. */
  readonly listed: string;
}

/**
 * Whether the metric value `v` makes the document correct: a boolean as is; a number (or a
 * decimal string) compared with the threshold when there is one, else it must be exactly 0 or 1.
 * NaN and ±Infinity are rejected naming the metric (the harness writes them when it could not
 * score a document; reading them as "wrong" would change the tally silently), and so are lists
 * (the per-document inputs of a corpus-level metric).
 * @internal
 */
export function lmEvalMetricCorrect(v: unknown, rule: MetricRule): boolean {
  const { metric, threshold, lowerIsBetter, problemId, listed } = rule;
  if (v === true || v === false) return v;
  let x: number;
  if (typeof v === "number") x = v;
  else if (typeof v === "string" && DECIMAL.test(v.trim())) x = Number(v);
  else if (v === undefined) throw invalidField(metric, `is missing${listed}`, v, problemId);
  else if (Array.isArray(v)) {
    throw invalidField(
      metric,
      `is a list (${showValue(v)}): lm-eval logs the inputs of a corpus-level metric here (such as f1 or micro_f1, aggregated ` +
        `over all documents), which cannot grade one document; choose a per-document metric with the metric option${listed}`,
      v,
      problemId,
    );
  } else {
    throw invalidField(metric, `must be a boolean or a number, got ${showValue(v)}`, v, problemId);
  }
  if (Number.isNaN(x)) {
    throw invalidField(metric, "is NaN: the harness could not score this document, so it is rejected rather than counted as wrong", v, problemId);
  }
  if (!Number.isFinite(x)) {
    throw invalidField(metric, `is ${x}: not a finite number, so the document cannot be graded`, v, problemId);
  }
  if (threshold !== undefined) return lowerIsBetter ? x <= threshold : x >= threshold;
  if (x === 0 || x === 1) return x === 1;
  throw invalidField(
    metric,
    `must be a boolean or 0/1, got ${showValue(v)}: give a threshold for a continuous metric (with lower-is-better for errors such as mae)`,
    v,
    problemId,
  );
}
