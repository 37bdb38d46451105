/**
 * Figure: per-problem accuracy histograms side by side.
 * @module
 */
import type { ChartSpec } from "./renderSvg.js";
import type { StudyReport } from "../studyReport.js";
import { CHART_CONFIG, modelColors } from "./chartTheme.js";

/**
 * Vega-Lite specification of the histograms of per-problem accuracy c/n, one panel per model side
 * by side on a shared count axis, with the count above each bar. The bins are those of the
 * report (0, (0, 0.1), [0.1, 0.2), ..., [0.9, 1), 1): RL training typically empties the middle
 * bins and piles problems at 0 and 1.
 *
 * @param report - a {@link StudyReport}
 *
 * @example
 * ```ts
 * import { analyzeStudy, accuracyChartSpec } from "passk/cli";
 * const report = analyzeStudy(new Map([["m", [{ problemId: "a", n: 4, c: 1 }, { problemId: "b", n: 4, c: 4 }]]]), { seed: 1, resamples: 10 });
 * const spec = accuracyChartSpec(report) as { facet: { column: { field: string } }; data: { values: unknown[] } };
 * console.log(spec.facet.column.field, spec.data.values.length); // => model 12
 * ```
 */
export function accuracyChartSpec(report: StudyReport): ChartSpec {
  const models = report.models.map((m) => m.model);
  const labels = report.models[0]?.accuracyHistogram.map((b) => b.label) ?? [];
  const values = report.models.flatMap((m) => m.accuracyHistogram.map((b) => ({ model: m.model, accuracy: b.label, problems: b.count })));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Per-problem accuracy c/n", subtitle: "number of problems in each accuracy bin" },
    config: CHART_CONFIG,
    data: { values },
    facet: { column: { field: "model", type: "nominal", sort: models, title: null } },
    spec: {
      width: 300,
      height: 220,
      encoding: {
        x: { field: "accuracy", type: "ordinal", sort: labels, title: "accuracy", axis: { labelAngle: -45 } },
        y: { field: "problems", type: "quantitative", title: "problems" },
      },
      layer: [
        {
          mark: { type: "bar" },
          encoding: { color: { field: "model", type: "nominal", scale: { domain: models, range: modelColors(models) }, legend: null } },
        },
        { mark: { type: "text", dy: -5, fontSize: 10, color: "#333" }, encoding: { text: { field: "problems", type: "quantitative" } } },
      ],
    },
  } as ChartSpec;
}
