/**
 * Figure: a grid of pass@k panels, one per benchmark.
 * @module
 */
import type { ChartSpec } from "./renderSvg.js";
import type { StudyReport } from "../studyReport.js";
import { CHART_CONFIG, modelColors } from "./chartTheme.js";
import { passAtKLayers } from "./passAtKLayers.js";

/** Panels per row: the study's layout puts 3 benchmarks side by side. */
const COLUMNS = 3;

/**
 * Vega-Lite specification of the per-benchmark pass@k grid (the layout of Yue et al. 2025, one
 * panel per benchmark): each panel is the pass@k plot of that benchmark's problems
 * ({@link passAtKLayers}: curves, bootstrap bands, crossovers) with its own k and pass@k axes,
 * titled with the benchmark and its problem count; crossover intervals as lanes above each panel
 * (labels do not fit a small panel). Colours follow the report's model order, as in
 * every other figure, and one legend below the grid names them. Up to 3 panels per row.
 *
 * @param report - a {@link StudyReport} with `benchmarks` (`analyzeStudy` with `benchmarkOf`)
 * @throws TypeError when the report has no `benchmarks`
 *
 * @example
 * ```ts
 * import { analyzeStudy, passAtKGridChartSpec } from "passk/cli";
 * const tallies = [
 *   { problemId: "aime/1", n: 4, c: 1 }, { problemId: "aime/2", n: 4, c: 0 },
 *   { problemId: "math/1", n: 4, c: 4 }, { problemId: "math/2", n: 4, c: 2 },
 * ];
 * const report = analyzeStudy(new Map([["m", tallies]]), { seed: 1, resamples: 10, benchmarkOf: (id) => id.split("/")[0]! });
 * const spec = passAtKGridChartSpec(report) as { concat: { title: { text: string } }[] };
 * console.log(spec.concat.map((p) => p.title.text)); // => [ 'aime', 'math' ]
 * ```
 */
export function passAtKGridChartSpec(report: StudyReport): ChartSpec {
  const benchmarks = report.benchmarks;
  if (benchmarks === undefined) throw new TypeError("passAtKGridChartSpec: the report has no benchmarks (analyzeStudy with benchmarkOf)");
  const models = report.models.map((m) => m.model);
  const scale = { domain: models, range: modelColors(models) };
  const pct = Math.round(report.settings.level * 100);
  const laneRows = Math.max(...benchmarks.map((b) => b.comparisons.filter((c) => c.crossover.estimate.kind === "crossover").length));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "pass@k per benchmark", subtitle: `mean over each benchmark's problems, ${pct}% bootstrap bands` },
    config: CHART_CONFIG,
    columns: Math.min(COLUMNS, benchmarks.length),
    spacing: 28,
    concat: benchmarks.map((b) => ({
      title: { text: b.benchmark, subtitle: `${b.problems} problems`, fontSize: 13, anchor: "start" },
      width: 260,
      height: 200,
      ...passAtKLayers({ models: b.models, comparisons: b.comparisons, ks: b.ks, scale, legend: true, maxLabelledCrossovers: 0, laneRows }),
    })),
    // Each benchmark its own axes; one colour scale and one legend for all.
    resolve: { scale: { x: "independent", y: "independent", color: "shared" }, legend: { color: "shared" } },
  } as ChartSpec;
}
