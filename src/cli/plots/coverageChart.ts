/**
 * Figure: coverage of every model with its interval, and the solved-set comparison with the base.
 * @module
 */
import type { ChartSpec } from "./renderSvg.js";
import type { StudyReport } from "../studyReport.js";
import { fittedShareDomain } from "./axisDomain.js";
import { CHART_CONFIG, NEUTRAL_COLORS, modelColors } from "./chartTheme.js";

/** Width of the plotting area of both panels, so their x axes line up. */
const WIDTH = 420;

/**
 * Vega-Lite specification of the coverage figure, two panels stacked:
 *
 * 1. coverage (share of problems solved at least once) of every model, a bar in the model's colour
 *    with its bootstrap interval as an error bar and `solved/problems` at its end;
 * 2. for each compared model, horizontal bars counting the problems solved by both, by the base
 *    only, by the model only and by neither. The "only" bars take the model's colour, "both" and
 *    "neither" neutral greys, and the category names sit on the y axis, one per line, so long
 *    model names never collide. Yue et al. 2025 find the RL-only bar nearly empty.
 *
 * @param report - a {@link StudyReport} with at least one comparison
 *
 * @example
 * ```ts
 * import { analyzeStudy, coverageChartSpec } from "passk/cli";
 * const report = analyzeStudy(new Map([
 *   ["base", [{ problemId: "a", n: 2, c: 1 }, { problemId: "b", n: 2, c: 0 }]],
 *   ["rl", [{ problemId: "a", n: 2, c: 2 }, { problemId: "b", n: 2, c: 0 }]],
 * ]), { seed: 1, resamples: 10 });
 * const spec = coverageChartSpec(report) as { vconcat: { data: { values: { group?: string; problems?: number }[] } }[] };
 * const sets = spec.vconcat[1]?.data.values ?? [];
 * console.log(sets.map((v) => `${v.group}=${v.problems}`).join(" ")); // => both=1 base only=0 rl only=0 neither=1
 * ```
 */
export function coverageChartSpec(report: StudyReport): ChartSpec {
  const models = report.models.map((m) => m.model);
  const colors = modelColors(models);
  const colorOf = (model: string) => colors[models.indexOf(model)] ?? NEUTRAL_COLORS.reference;
  const problems = report.models[0]?.problems ?? 0;
  const coverage = report.models.map((m) => ({
    model: m.model,
    share: m.coverage.estimate,
    lower: m.coverage.lower ?? m.coverage.estimate,
    upper: m.coverage.upper ?? m.coverage.estimate,
    label: `${m.coverage.solved}/${m.problems}`,
  }));
  const [low, high] = fittedShareDomain(coverage.flatMap((c) => [c.share, c.lower, c.upper]));
  const sets = report.comparisons.flatMap((c) => {
    const pair = `${c.model} vs ${c.base}`;
    const groups: [string, number, string][] = [
      ["both", c.coverage.both, NEUTRAL_COLORS.both],
      [`${c.base} only`, c.coverage.baseOnly, colorOf(c.base)],
      [`${c.model} only`, c.coverage.modelOnly, colorOf(c.model)],
      ["neither", c.coverage.neither, NEUTRAL_COLORS.neither],
    ];
    return groups.map(([group, count, color], order) => ({ pair, group, order, problems: count, color }));
  });
  const maxCount = Math.max(1, ...sets.map((s) => s.problems));
  const modelColor = { field: "model", type: "nominal", scale: { domain: models, range: colors }, legend: null };
  const pct = Math.round(report.settings.level * 100);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Problems solved at least once", subtitle: `out of ${problems} problems, among all samples drawn; ${pct}% bootstrap intervals` },
    config: CHART_CONFIG,
    spacing: 24,
    vconcat: [
      {
        data: { values: coverage },
        width: WIDTH,
        height: { step: 22 },
        encoding: {
          y: { field: "model", type: "nominal", sort: models, title: null },
        },
        layer: [
          // Interval first, then the point on top: a dot plot, since a bar from a fitted (non-zero)
          // floor would exaggerate differences.
          { mark: { type: "rule", strokeWidth: 2 }, encoding: { x: { field: "lower", type: "quantitative" }, x2: { field: "upper" }, color: modelColor } },
          { mark: { type: "tick", thickness: 2, size: 10 }, encoding: { x: { field: "lower", type: "quantitative" }, color: modelColor } },
          { mark: { type: "tick", thickness: 2, size: 10 }, encoding: { x: { field: "upper", type: "quantitative" }, color: modelColor } },
          {
            mark: { type: "point", filled: true, size: 70, opacity: 1 },
            encoding: {
              x: { field: "share", type: "quantitative", title: "coverage (share of problems solved)", scale: { domain: [low, high], nice: false, zero: false } },
              color: modelColor,
              tooltip: [{ field: "model" }, { field: "label", title: "solved" }, { field: "share", format: ".4f" }, { field: "lower", format: ".4f" }, { field: "upper", format: ".4f" }],
            },
          },
          {
            mark: { type: "text", align: "left", dx: 6, fontSize: 10, color: "#333" },
            encoding: { x: { field: "upper", type: "quantitative" }, text: { field: "label" } },
          },
        ],
      },
      // One panel per comparison (not a facet: each has its own category names on the y axis).
      ...report.comparisons.map((c, i) => ({
        data: { values: sets.filter((s) => s.pair === `${c.model} vs ${c.base}`) },
        title: { text: `${c.model} vs ${c.base}`, fontSize: 12, anchor: "start", frame: "group", offset: 6 },
        width: WIDTH,
        height: { step: 20 },
        encoding: { y: { field: "group", type: "nominal", sort: { field: "order", op: "min" }, title: null } },
        layer: [
          {
            mark: { type: "bar", height: { band: 0.75 } },
            encoding: {
              // Same x scale in every panel, with room right of the longest bar for its count; the
              // axis title only under the last panel.
              x: {
                field: "problems",
                type: "quantitative",
                title: i === report.comparisons.length - 1 ? "problems" : null,
                scale: { domain: [0, Math.ceil(maxCount * 1.12)], nice: false },
              },
              color: { field: "color", type: "nominal", scale: null, legend: null },
              tooltip: [{ field: "pair", title: "comparison" }, { field: "group", title: "solved by" }, { field: "problems" }],
            },
          },
          {
            mark: { type: "text", align: "left", dx: 4, fontSize: 10, color: "#333" },
            encoding: { x: { field: "problems", type: "quantitative" }, text: { field: "problems", type: "quantitative" } },
          },
        ],
      })),
    ],
  } as ChartSpec;
}
