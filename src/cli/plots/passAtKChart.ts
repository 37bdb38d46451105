/**
 * Figure: pass@k curves with bootstrap bands.
 * @module
 */
import type { Crossover } from "../../analysis/index.js";
import type { ChartSpec } from "./renderSvg.js";
import type { StudyReport } from "../studyReport.js";
import { fittedShareDomain } from "./axisDomain.js";
import { CHART_CONFIG, modelColors } from "./chartTheme.js";

/** The k where a bootstrap bound of the crossover lies ("none" up to the last k: that k). */
function boundK(c: Crossover): number {
  return c.kind === "none" ? c.upToK : c.k;
}

/**
 * Vega-Lite specification of the pass@k curves of every model on a log2 k axis, each with its
 * percentile bootstrap band, and for every compared model whose curve the base catches up with, a
 * dashed rule at the crossover k over a band spanning its bootstrap interval (the figure of Yue et
 * al. 2025), both in that model's colour. The y axis is fitted to the curves and bands
 * ({@link fittedShareDomain}); the legend lists the full model names below the plot.
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
  const colors = modelColors(models);
  const values = report.models.flatMap((m) =>
    m.passAtK.map((p) => ({ model: m.model, k: p.k, estimate: p.estimate, lower: p.lower ?? p.estimate, upper: p.upper ?? p.estimate })),
  );
  const domain = fittedShareDomain(values.flatMap((v) => [v.estimate, v.lower, v.upper]));
  const pct = Math.round(report.settings.level * 100);
  const scale = { domain: models, range: colors };
  // One legend for bands and lines (two would conflict); drawn as full-opacity strokes so each
  // swatch is the line's colour, never the 18% tint of the band.
  const legend = { orient: "bottom", direction: "vertical", columns: models.length > 4 ? 2 : 1, symbolType: "stroke", symbolStrokeWidth: 3, symbolSize: 300, symbolOpacity: 1 };
  const layers: object[] = [
    {
      // The bands carry no legend: a legend swatch must show the line's full colour, not the 20% tint.
      mark: { type: "area", opacity: 0.18 },
      encoding: { y: { field: "lower", type: "quantitative" }, y2: { field: "upper" }, color: { field: "model", type: "nominal", title: null, scale, sort: models, legend } },
    },
    {
      mark: { type: "line", point: { filled: true, size: 30 }, strokeWidth: 2 },
      encoding: {
        color: {
          field: "model",
          type: "nominal",
          title: null,
          scale,
          sort: models,
          legend,
        },
        y: { field: "estimate", type: "quantitative", title: "pass@k", scale: { domain, nice: false, zero: false } },
        tooltip: [{ field: "model" }, { field: "k" }, { field: "estimate", format: ".4f" }, { field: "lower", format: ".4f" }, { field: "upper", format: ".4f" }],
      },
    },
  ];
  const crossings = report.comparisons.flatMap((c) => {
    const e = c.crossover.estimate;
    if (e.kind !== "crossover") return [];
    const color = colors[models.indexOf(c.model)] ?? "#444444";
    const low = c.crossover.lower === null ? e.k : boundK(c.crossover.lower);
    const high = c.crossover.upper === null ? e.k : boundK(c.crossover.upper);
    return [{ model: c.model, color, k: e.k, low: Math.min(low, e.k), high: Math.max(high, e.k) }];
  });
  // Each crossover is drawn in fixed colours (not through the colour scale), so these layers add
  // nothing to, and cannot switch off, the model legend.
  const extra: object[] = crossings.map((c, i) => ({
    data: { values: [{ ...c, label: `crossover k ≈ ${c.k.toFixed(1)} [${c.low.toFixed(1)}, ${c.high.toFixed(1)}]` }] },
    layer: [
      { mark: { type: "rect", opacity: 0.1, color: c.color }, encoding: { x: { field: "low", type: "quantitative" }, x2: { field: "high" } } },
      { mark: { type: "rule", strokeDash: [5, 4], strokeWidth: 1.5, color: c.color }, encoding: { x: { field: "k", type: "quantitative" } } },
      {
        // Staggered down from the top of the plot so several crossover labels never overlap.
        mark: { type: "text", align: "right", dx: -4, fontSize: 10, color: c.color, y: 10 + 14 * i },
        encoding: { x: { field: "k", type: "quantitative" }, text: { field: "label" } },
      },
    ],
  }));
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
