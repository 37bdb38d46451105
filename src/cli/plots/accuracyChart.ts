/**
 * Figure: per-problem accuracy histograms, one panel per model.
 * @module
 */
import type { ChartSpec } from "./renderSvg.js";
import type { StudyReport } from "../studyReport.js";
import { CHART_CONFIG, modelColors } from "./chartTheme.js";

/** Width given to each point-mass bar (accuracy exactly 0 or 1), in accuracy units. */
const POINT_WIDTH = 0.04;
/** Gap between a point-mass bar and the interval bins. */
const POINT_GAP = 0.03;

/**
 * Where a histogram bin is drawn on the accuracy axis, read from its interval label: `"0"` and
 * `"1"` are point masses, drawn as narrow bars set apart just outside [0, 1]; `"(a, b)"`,
 * `"[a, b)"` and `"[a, b]"` span a to b.
 *
 * @param label - a bin label of the report's `accuracyHistogram`
 * @returns the bar's extent and whether it is a point mass; undefined for a label of another form
 *
 * @example
 * ```ts
 * import { histogramBinExtent } from "passk/cli";
 * console.log(histogramBinExtent("[0.1, 0.2)")); // => { from: 0.1, to: 0.2, pointMass: false }
 * console.log(histogramBinExtent("1")); // => { from: 1.03, to: 1.07, pointMass: true }
 * ```
 */
export function histogramBinExtent(label: string): { from: number; to: number; pointMass: boolean } | undefined {
  if (label === "0") return { from: -(POINT_GAP + POINT_WIDTH), to: -POINT_GAP, pointMass: true };
  if (label === "1") return { from: 1 + POINT_GAP, to: 1 + POINT_GAP + POINT_WIDTH, pointMass: true };
  const m = /^[[(]\s*([0-9.eE+-]+)\s*,\s*([0-9.eE+-]+)\s*[\])]$/.exec(label);
  if (m === null) return undefined;
  return { from: Number(m[1]), to: Number(m[2]), pointMass: false };
}

/**
 * Vega-Lite specification of the histograms of per-problem accuracy c/n, one panel per model
 * (two per row, full model names as panel titles) on a shared count axis, with the count above
 * each bar. The interval bins of the report ((0, 0.1), [0.1, 0.2), ..., [0.9, 1)) are drawn
 * side by side on a linear accuracy axis; the point masses (accuracy exactly 0 and exactly 1)
 * as narrow, solid, outlined bars set apart just outside it, so they read as what they are. RL
 * training typically empties the middle bins and piles problems at 0 and 1.
 *
 * @param report - a {@link StudyReport}
 *
 * @example
 * ```ts
 * import { analyzeStudy, accuracyChartSpec } from "passk/cli";
 * const report = analyzeStudy(new Map([["m", [{ problemId: "a", n: 4, c: 1 }, { problemId: "b", n: 4, c: 4 }]]]), { seed: 1, resamples: 10 });
 * const spec = accuracyChartSpec(report) as { facet: { field: string }; data: { values: unknown[] } };
 * console.log(spec.facet.field, spec.data.values.length); // => model 12
 * ```
 */
export function accuracyChartSpec(report: StudyReport): ChartSpec {
  const models = report.models.map((m) => m.model);
  const values = report.models.flatMap((m) =>
    m.accuracyHistogram.flatMap((b) => {
      const extent = histogramBinExtent(b.label);
      if (extent === undefined) return [];
      // A hair of white between neighbouring interval bins.
      const inset = extent.pointMass ? 0 : 0.004;
      return [{ model: m.model, bin: b.label, from: extent.from + inset, to: extent.to - inset, pointMass: extent.pointMass, problems: b.count, share: b.share }];
    }),
  );
  const maxCount = Math.max(1, ...values.map((v) => v.problems));
  const color = { field: "model", type: "nominal", scale: { domain: models, range: modelColors(models) }, legend: null };
  const x = { field: "from", type: "quantitative", title: "accuracy c/n", scale: { domain: [-0.1, 1.1], nice: false }, axis: { values: [0, 0.2, 0.4, 0.6, 0.8, 1], format: ".1f", grid: false } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Per-problem accuracy c/n",
      subtitle: ["problems in each accuracy bin", "narrow outlined bars: accuracy exactly 0 (never solved) and exactly 1 (always solved)"],
    },
    config: CHART_CONFIG,
    data: { values },
    facet: { field: "model", type: "nominal", sort: models, title: null, header: { labelFontWeight: "bold", labelAnchor: "start" } },
    columns: Math.min(2, models.length),
    spacing: { row: 16, column: 28 },
    spec: {
      width: 320,
      height: 180,
      layer: [
        {
          transform: [{ filter: "!datum.pointMass" }],
          mark: { type: "rect", opacity: 0.6 },
          encoding: {
            x,
            x2: { field: "to" },
            y: { field: "problems", type: "quantitative", title: "problems", scale: { domain: [0, Math.ceil(maxCount * 1.15)], nice: false } },
            y2: { datum: 0 },
            color,
            tooltip: [{ field: "model" }, { field: "bin", title: "accuracy" }, { field: "problems" }, { field: "share", format: ".3f" }],
          },
        },
        {
          transform: [{ filter: "datum.pointMass" }],
          mark: { type: "rect", stroke: "#222", strokeWidth: 1 },
          encoding: {
            x,
            x2: { field: "to" },
            y: { field: "problems", type: "quantitative" },
            y2: { datum: 0 },
            color,
            tooltip: [{ field: "model" }, { field: "bin", title: "accuracy" }, { field: "problems" }, { field: "share", format: ".3f" }],
          },
        },
        {
          transform: [{ calculate: "(datum.from + datum.to) / 2", as: "middle" }],
          mark: { type: "text", dy: -6, fontSize: 9, color: "#333" },
          encoding: { x: { field: "middle", type: "quantitative" }, y: { field: "problems", type: "quantitative" }, text: { field: "problems", type: "quantitative" } },
        },
      ],
    },
  } as ChartSpec;
}
