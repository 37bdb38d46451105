/**
 * Figure: pass@k curves with bootstrap bands.
 * @module
 */
import type { ChartSpec } from "./renderSvg.js";
import type { StudyReport } from "../studyReport.js";
import { CHART_CONFIG, modelColors } from "./chartTheme.js";

/**
 * Vega-Lite specification of the pass@k curves of every model on a log2 k axis, each with its
 * percentile bootstrap band, and a dashed rule at the crossover k of the first compared model
 * when there is one (the figure of Yue et al. 2025).
 *
 * @param report - a {@link StudyReport}
 *
 * @example
 * ```ts
 * import { analyzeStudy, passAtKChartSpec } from "passk/cli";
 * const report = analyzeStudy(new Map([["m", [{ problemId: "a", n: 4, c: 1 }, { problemId: "b", n: 4, c: 4 }]]]), { seed: 1, resamples: 10 });
 * const spec = passAtKChartSpec(report) as { layer: unknown[]; encoding: { x: { scale: { type: string; base: number } } } };
 * console.log(spec.layer.length, spec.encoding.x.scale.type, spec.encoding.x.scale.base); // => 2 log 2
 * ```
 */
export function passAtKChartSpec(report: StudyReport): ChartSpec {
  const models = report.models.map((m) => m.model);
  const values = report.models.flatMap((m) =>
    m.passAtK.map((p) => ({ model: m.model, k: p.k, estimate: p.estimate, lower: p.lower, upper: p.upper })),
  );
  const pct = Math.round(report.settings.level * 100);
  const color = { field: "model", type: "nominal", title: "model", scale: { domain: models, range: modelColors(models) }, sort: models };
  const layers: object[] = [
    {
      mark: { type: "area", opacity: 0.2 },
      encoding: { y: { field: "lower", type: "quantitative" }, y2: { field: "upper" }, color },
    },
    {
      mark: { type: "line", point: true, strokeWidth: 2 },
      encoding: {
        color,
        y: { field: "estimate", type: "quantitative", title: "pass@k", scale: { domain: [0, 1] } },
        tooltip: [{ field: "model" }, { field: "k" }, { field: "estimate", format: ".4f" }, { field: "lower", format: ".4f" }, { field: "upper", format: ".4f" }],
      },
    },
  ];
  const first = report.comparisons[0];
  const cross = first?.crossover.estimate;
  const extra: object[] = [];
  if (first !== undefined && cross !== undefined && cross.kind === "crossover") {
    extra.push({
      data: { values: [{ k: cross.k, label: `crossover k ≈ ${cross.k.toFixed(1)}` }] },
      layer: [
        { mark: { type: "rule", strokeDash: [4, 4], color: "#555" }, encoding: { x: { field: "k", type: "quantitative" } } },
        {
          mark: { type: "text", align: "left", dx: 4, dy: -6, color: "#333", fontSize: 11 },
          encoding: { x: { field: "k", type: "quantitative" }, y: { datum: 0.04 }, text: { field: "label" } },
        },
      ],
    });
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "pass@k", subtitle: `mean over ${report.models[0]?.problems ?? 0} problems, ${pct}% bootstrap bands` },
    width: 520,
    height: 340,
    config: CHART_CONFIG,
    data: { values },
    encoding: {
      x: {
        field: "k",
        type: "quantitative",
        title: "k (samples per problem)",
        scale: { type: "log", base: 2, nice: false },
        axis: { values: report.settings.ks, format: "d" },
      },
    },
    layer: [...layers, ...extra],
  } as ChartSpec;
}
