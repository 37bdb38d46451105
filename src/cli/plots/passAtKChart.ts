/**
 * Figure: pass@k curves with bootstrap bands.
 * @module
 */
import type { ChartSpec } from "./renderSvg.js";
import type { StudyReport } from "../studyReport.js";
import { CHART_CONFIG, modelColors } from "./chartTheme.js";
import { passAtKLayers } from "./passAtKLayers.js";

/**
 * Vega-Lite specification of the pass@k curves of every model on a log2 k axis, each with its
 * percentile bootstrap band, and for every compared model whose curve the base catches up with, a
 * dashed rule at the crossover k over a band spanning its bootstrap interval (the figure of Yue et
 * al. 2025), both in that model's colour ({@link passAtKLayers}; with more than three crossovers
 * the intervals become lanes along the top). The y axis is fitted to the curves and bands
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
  const pct = Math.round(report.settings.level * 100);
  const view = passAtKLayers({
    models: report.models,
    comparisons: report.comparisons,
    ks: report.settings.ks,
    scale: { domain: models, range: modelColors(models) },
    legend: true,
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "pass@k", subtitle: `mean over ${report.models[0]?.problems ?? 0} problems, ${pct}% bootstrap bands` },
    width: 520,
    height: 340,
    config: CHART_CONFIG,
    ...view,
  } as ChartSpec;
}
