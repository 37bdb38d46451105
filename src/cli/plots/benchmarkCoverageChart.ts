/**
 * Figure: coverage of every model on every benchmark.
 * @module
 */
import type { ChartSpec } from "./renderSvg.js";
import type { StudyReport } from "../studyReport.js";
import { fittedShareDomain } from "./axisDomain.js";
import { CHART_CONFIG, modelColors } from "./chartTheme.js";

/**
 * Vega-Lite specification of coverage per benchmark: one row per benchmark, in it one dot per
 * model (its share of the benchmark's problems solved at least once) with its bootstrap interval,
 * models side by side in the report's order and colours; the legend below names them.
 *
 * @param report - a {@link StudyReport} with `benchmarks` (`analyzeStudy` with `benchmarkOf`)
 * @throws TypeError when the report has no `benchmarks`
 *
 * @example
 * ```ts
 * import { analyzeStudy, benchmarkCoverageChartSpec } from "passk/cli";
 * const tallies = [
 *   { problemId: "aime/1", n: 4, c: 1 }, { problemId: "aime/2", n: 4, c: 0 },
 *   { problemId: "math/1", n: 4, c: 4 }, { problemId: "math/2", n: 4, c: 2 },
 * ];
 * const report = analyzeStudy(new Map([["m", tallies]]), { seed: 1, resamples: 10, benchmarkOf: (id) => id.split("/")[0]! });
 * const spec = benchmarkCoverageChartSpec(report) as { data: { values: { benchmark: string; share: number }[] } };
 * console.log(spec.data.values.map((v) => `${v.benchmark} ${v.share}`)); // => [ 'aime 0.5', 'math 1' ]
 * ```
 */
export function benchmarkCoverageChartSpec(report: StudyReport): ChartSpec {
  const benchmarks = report.benchmarks;
  if (benchmarks === undefined) throw new TypeError("benchmarkCoverageChartSpec: the report has no benchmarks (analyzeStudy with benchmarkOf)");
  const models = report.models.map((m) => m.model);
  const values = benchmarks.flatMap((b) =>
    b.models.map((m) => ({
      benchmark: b.benchmark,
      model: m.model,
      share: m.coverage.estimate,
      lower: m.coverage.lower ?? m.coverage.estimate,
      upper: m.coverage.upper ?? m.coverage.estimate,
      solved: `${m.coverage.solved}/${m.problems}`,
    })),
  );
  const [low, high] = fittedShareDomain(values.flatMap((v) => [v.share, v.lower, v.upper]));
  const color = {
    field: "model",
    type: "nominal",
    title: null,
    scale: { domain: models, range: modelColors(models) },
    sort: models,
    legend: { orient: "bottom", direction: "vertical", columns: models.length > 4 ? 2 : 1 },
  };
  const pct = Math.round(report.settings.level * 100);
  const x = { field: "share", type: "quantitative", title: "coverage (share of problems solved)", scale: { domain: [low, high], nice: false, zero: false } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Coverage per benchmark", subtitle: `problems solved at least once, among all samples drawn; ${pct}% bootstrap intervals` },
    config: CHART_CONFIG,
    width: 420,
    // The step of one model's row inside a benchmark's band.
    height: { step: 11 },
    data: { values },
    encoding: {
      y: { field: "benchmark", type: "nominal", title: null, sort: benchmarks.map((b) => b.benchmark) },
      yOffset: { field: "model", type: "nominal", sort: models, scale: { paddingOuter: 0.5 } },
      color,
    },
    layer: [
      { mark: { type: "rule", strokeWidth: 2 }, encoding: { x: { ...x, field: "lower" }, x2: { field: "upper" } } },
      {
        mark: { type: "point", filled: true, size: 50, opacity: 1 },
        encoding: {
          x,
          tooltip: [{ field: "benchmark" }, { field: "model" }, { field: "solved" }, { field: "share", format: ".4f" }, { field: "lower", format: ".4f" }, { field: "upper", format: ".4f" }],
        },
      },
    ],
  } as ChartSpec;
}
