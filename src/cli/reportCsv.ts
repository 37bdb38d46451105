/**
 * The CSV version of a study report: one tidy table, one number per row.
 * @module
 */
import type { Crossover } from "../analysis/index.js";
import type { ComparisonReport, IntervalJSON, ModelReport, StudyReport } from "./studyReport.js";

/**
 * Columns of {@link reportCsv}.
 *
 * @example
 * ```ts
 * import { CSV_COLUMNS } from "passk/cli";
 * console.log(CSV_COLUMNS.join(",")); // => metric,model,base,k,estimate,lower,upper,standard_error,benchmark
 * ```
 */
export const CSV_COLUMNS: readonly string[] = Object.freeze(["metric", "model", "base", "k", "estimate", "lower", "upper", "standard_error", "benchmark"]);

function cell(v: string | number | null | undefined): string {
  if (v === undefined || v === null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function crossoverK(c: Crossover | null): number | undefined {
  if (c === null) return undefined;
  return c.kind === "none" ? c.upToK : c.k;
}

/**
 * The report as one tidy CSV (RFC 4180, `\n` line ends), full float precision, one statistic per row:
 * `pass_at_k` (per model and k), `coverage`, `solved`, `problems`, and per compared model
 * `both`/`base_only`/`model_only`/`neither`/`jaccard`, `pass_at_k_difference` (per k),
 * `delta_se` (k = ΔSE's budget) and `crossover_k` (estimate and interval as the k of each bound;
 * `crossover_kind` rows say whether each is an interpolated crossover, `atFirstK` or `none`).
 * Intervals a report does not have (a single problem) are empty cells. The last column,
 * `benchmark`, is empty for the pooled rows; a report grouped by benchmark (`--by-benchmark`) has
 * the same rows again for each benchmark, named there.
 *
 * @param report - a {@link StudyReport}
 *
 * @example
 * ```ts
 * import { analyzeStudy, reportCsv } from "passk/cli";
 * // Two problems with 1 of 2 samples correct: every resample has pass@1 = 1/2, standard error 0
 * const report = analyzeStudy(new Map([["m", [{ problemId: "a", n: 2, c: 1 }, { problemId: "b", n: 2, c: 1 }]]]), { seed: 1, resamples: 10 });
 * console.log(reportCsv(report).split("\n")[1]); // => pass_at_k,m,,1,0.5,0.5,0.5,0,
 * ```
 */
export function reportCsv(report: StudyReport): string {
  const rows = statisticRows(report.models, report.comparisons, undefined);
  for (const b of report.benchmarks ?? []) rows.push(...statisticRows(b.models, b.comparisons, b.benchmark));
  return [CSV_COLUMNS.join(","), ...rows.map((r) => r.map(cell).join(","))].join("\n") + "\n";
}

type Row = (string | number | null | undefined)[];

/** The rows of one set of models and comparisons: the pooled report's, or one benchmark's (`benchmark` in the last column). */
function statisticRows(models: readonly ModelReport[], comparisons: readonly ComparisonReport[], benchmark: string | undefined): Row[] {
  const rows: Row[] = [];
  const est = (e: IntervalJSON) => [e.estimate, e.lower, e.upper, e.standardError];
  const push = (metric: string, model: string, base: string | undefined, k: number | undefined, values: Row): void => {
    rows.push([metric, model, base, k, ...values, ...Array<undefined>(4 - values.length).fill(undefined), benchmark]);
  };
  for (const m of models) {
    for (const p of m.passAtK) push("pass_at_k", m.model, undefined, p.k, est(p));
    push("coverage", m.model, undefined, undefined, est(m.coverage));
    push("solved", m.model, undefined, undefined, [m.coverage.solved]);
    push("problems", m.model, undefined, undefined, [m.problems]);
  }
  for (const c of comparisons) {
    const cov = c.coverage;
    for (const [metric, v] of [["both", cov.both], ["base_only", cov.baseOnly], ["model_only", cov.modelOnly], ["neither", cov.neither], ["jaccard", cov.jaccard]] as const) {
      push(metric, c.model, c.base, undefined, [v]);
    }
    for (const d of c.passAtKDifference) push("pass_at_k_difference", c.model, c.base, d.k, est(d));
    push("delta_se", c.model, c.base, c.samplingEfficiencyGap.k, est(c.samplingEfficiencyGap));
    const x = c.crossover;
    push("crossover_k", c.model, c.base, undefined, [crossoverK(x.estimate), crossoverK(x.lower), crossoverK(x.upper)]);
    push("crossover_kind", c.model, c.base, undefined, [x.estimate.kind, x.lower?.kind, x.upper?.kind]);
  }
  return rows;
}
