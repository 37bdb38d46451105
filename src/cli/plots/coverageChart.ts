/**
 * Figure: solved-set comparison between the base and each other model.
 * @module
 */
import type { ChartSpec } from "./renderSvg.js";
import type { StudyReport } from "../studyReport.js";
import { CHART_CONFIG } from "./chartTheme.js";

const GROUP_COLORS = ["#59a14f", "#4c78a8", "#f58518", "#bab0ac"];

/**
 * Vega-Lite specification of the coverage comparison: for each compared model, bars counting the
 * problems solved (at least once) by both, by the base only, by the model only and by neither,
 * with the count above each bar. Yue et al. 2025 find the RL-only bar nearly empty.
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
 * const data = coverageChartSpec(report).data as { values: { group: string; problems: number }[] };
 * console.log(data.values.map((v) => `${v.group}=${v.problems}`).join(" ")); // => both=1 base only=0 rl only=0 neither=1
 * ```
 */
export function coverageChartSpec(report: StudyReport): ChartSpec {
  const values = report.comparisons.flatMap((c) => {
    const pair = `${c.model} vs ${c.base}`;
    const groups: [string, number][] = [
      ["both", c.coverage.both],
      [`${c.base} only`, c.coverage.baseOnly],
      [`${c.model} only`, c.coverage.modelOnly],
      ["neither", c.coverage.neither],
    ];
    return groups.map(([group, problems], order) => ({ pair, group, order, problems }));
  });
  const problems = report.models[0]?.problems ?? 0;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Problems solved at least once", subtitle: `out of ${problems} problems, among all samples drawn` },
    config: CHART_CONFIG,
    data: { values },
    facet: { column: { field: "pair", type: "nominal", title: null, sort: report.comparisons.map((c) => `${c.model} vs ${c.base}`) } },
    resolve: { scale: { x: "independent" } },
    spec: {
      width: 280,
      height: 240,
      encoding: {
        x: { field: "group", type: "nominal", sort: { field: "order" }, title: "solved by", axis: { labelAngle: 0 } },
        y: { field: "problems", type: "quantitative", title: "problems" },
      },
      layer: [
        {
          mark: { type: "bar" },
          encoding: { color: { field: "order", type: "ordinal", scale: { domain: [0, 1, 2, 3], range: GROUP_COLORS }, legend: null } },
        },
        { mark: { type: "text", dy: -5, fontSize: 11, color: "#333" }, encoding: { text: { field: "problems", type: "quantitative" } } },
      ],
    },
  } as ChartSpec;
}
