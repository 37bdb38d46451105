/**
 * The plot of pass@k curves, bands and crossovers of one set of problems, shared by the single
 * pass@k figure and each panel of the per-benchmark grid.
 * @module
 */
import type { Crossover } from "../../analysis/index.js";
import type { ComparisonReport, ModelReport } from "../studyReport.js";
import { fittedShareDomain } from "./axisDomain.js";

/** What one pass@k plot draws: the curves of some models and their comparisons with the base. */
export interface PassAtKPlotInput {
  /** The models drawn, with their pass@k rows. */
  readonly models: readonly ModelReport[];
  /** Their comparisons with the base (the crossovers). */
  readonly comparisons: readonly ComparisonReport[];
  /** The budgets on the x axis. */
  readonly ks: readonly number[];
  /** The colour scale: every model of the report and its colour (the same in every plot). */
  readonly scale: { readonly domain: readonly string[]; readonly range: readonly string[] };
  /** Draw the legend (a grid draws one, shared). */
  readonly legend: boolean;
  /**
   * Up to how many crossovers get a full-height band and a text label; beyond, every crossover
   * interval is a lane above the plot (default 3; a small panel of a grid: 0, lanes always).
   */
  readonly maxLabelledCrossovers?: number;
  /** Room above the plot for this many lanes even when it has fewer (the panels of a grid line up). */
  readonly laneRows?: number;
}

/** The k where a bootstrap bound of the crossover lies ("none" up to the last k: that k). */
function boundK(c: Crossover): number {
  return c.kind === "none" ? c.upToK : c.k;
}


/**
 * The Vega-Lite view of one pass@k plot: data, x encoding and layers (bands, curves, crossovers),
 * without size or title. Each model's band is its percentile bootstrap interval; each crossover
 * of a compared model with the base is a dashed rule at the crossover k in the model's colour.
 * With up to 3 crossovers (`maxLabelledCrossovers`) each also gets a band spanning its bootstrap
 * interval and a label hung from the top; with more (8 models), the bands would pile up and the
 * labels run into each other, so each interval becomes a thin horizontal bar in a lane of its own
 * above the plot, with the estimate as a dot on it (its numbers in the tooltip).
 *
 * @param input - see {@link PassAtKPlotInput}
 * @returns the view (`data`, `encoding`, `layer`)
 *
 * @example
 * ```ts
 * import { analyzeStudy, passAtKLayers } from "passk/cli";
 * const report = analyzeStudy(new Map([["m", [{ problemId: "a", n: 4, c: 1 }, { problemId: "b", n: 4, c: 4 }]]]), { seed: 1, resamples: 10 });
 * const view = passAtKLayers({ ...report, ks: report.settings.ks, scale: { domain: ["m"], range: ["#0072b2"] }, legend: true });
 * console.log(view.layer.length, view.data.values.length); // => 2 3
 * ```
 */
export function passAtKLayers(input: PassAtKPlotInput): { data: { values: object[] }; encoding: object; layer: object[] } {
  const { domain: models, range: colors } = input.scale;
  const values = input.models.flatMap((m) =>
    m.passAtK.map((p) => ({ model: m.model, k: p.k, estimate: p.estimate, lower: p.lower ?? p.estimate, upper: p.upper ?? p.estimate })),
  );
  const domain = fittedShareDomain(values.flatMap((v) => [v.estimate, v.lower, v.upper]));
  const scale = { domain: [...models], range: [...colors] };
  // One legend for bands and lines (two would conflict); drawn as full-opacity strokes so each
  // swatch is the line's colour, never the 18% tint of the band.
  const legend = input.legend
    ? { orient: "bottom", direction: "vertical", columns: models.length > 4 ? 2 : 1, symbolType: "stroke", symbolStrokeWidth: 3, symbolSize: 300, symbolOpacity: 1 }
    : null;
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
  const crossings = input.comparisons.flatMap((c) => {
    const e = c.crossover.estimate;
    if (e.kind !== "crossover") return [];
    const color = colors[models.indexOf(c.model)] ?? "#444444";
    const low = c.crossover.lower === null ? e.k : boundK(c.crossover.lower);
    const high = c.crossover.upper === null ? e.k : boundK(c.crossover.upper);
    return [{ model: c.model, color, k: e.k, low: Math.min(low, e.k), high: Math.max(high, e.k) }];
  });
  const label = (c: (typeof crossings)[number]) => `crossover k ≈ ${c.k.toFixed(1)} [${c.low.toFixed(1)}, ${c.high.toFixed(1)}]`;
  const x = { field: "k", type: "quantitative" };
  // Each crossover is drawn in fixed colours (not through the colour scale), so these layers add
  // nothing to, and cannot switch off, the model legend.
  const lanes = crossings.length > (input.maxLabelledCrossovers ?? 3);
  const extra: object[] =
    !lanes
      ? crossings.map((c, i) => ({
          data: { values: [{ ...c, label: label(c) }] },
          layer: [
            { mark: { type: "rect", opacity: 0.1, color: c.color }, encoding: { x: { field: "low", type: "quantitative" }, x2: { field: "high" } } },
            { mark: { type: "rule", strokeDash: [5, 4], strokeWidth: 1.5, color: c.color }, encoding: { x } },
            {
              // Staggered down from the top of the plot so several crossover labels never overlap.
              mark: { type: "text", align: "right", dx: -4, fontSize: 10, color: c.color, y: 10 + 14 * i },
              encoding: { x, text: { field: "label" } },
            },
          ],
        }))
      : crossings.map((c, i) => ({
          // Many crossovers: no full-height bands (they would pile into one grey block) and no
          // text (labels would run into each other); each interval is a bar in its own lane
          // above the plot (negative y: the title moves up to make room), the estimate a dot on
          // it, and a dashed rule through the plot; the tooltip gives the numbers.
          data: { values: [{ ...c, label: label(c) }] },
          layer: [
            { mark: { type: "rule", strokeDash: [5, 4], strokeWidth: 1, opacity: 0.7, color: c.color }, encoding: { x } },
            {
              mark: { type: "rule", strokeWidth: 3, color: c.color, y: -8 - 7 * i },
              encoding: { x: { field: "low", type: "quantitative" }, x2: { field: "high" }, tooltip: [{ field: "model" }, { field: "label", title: "crossover" }] },
            },
            {
              mark: { type: "point", filled: true, size: 36, opacity: 1, color: c.color, stroke: "white", strokeWidth: 1, y: -8 - 7 * i },
              encoding: { x, tooltip: [{ field: "model" }, { field: "label", title: "crossover" }] },
            },
          ],
        }));
  const rows = Math.max(lanes ? crossings.length : 0, input.laneRows ?? 0);
  if (rows > 0) {
    // What the lanes are, above them (transparent when this plot has none: it then only keeps
    // the room, so the panels of a grid line up).
    extra.push({
      data: { values: [{}] },
      mark: { type: "text", text: "crossover k, interval:", align: "left", baseline: "bottom", fontSize: 10, color: "#555", opacity: lanes ? 1 : 0 },
      encoding: { x: { value: 0 }, y: { value: -8 - 7 * (rows - 1) - 4 } },
    });
  }
  return {
    data: { values },
    encoding: {
      x: {
        field: "k",
        type: "quantitative",
        title: "k (samples per problem)",
        scale: { type: "log", base: 2, nice: false },
        axis: { values: [...input.ks], format: "d" },
      },
    },
    layer: [...layers, ...extra],
  };
}
