/**
 * Figure: the per-response perplexity of each set as box plots on one log axis.
 * @module
 */
import type { PerplexityReport } from "../../node/perplexity/index.js";
import { CHART_CONFIG, modelColors } from "./chartTheme.js";
import type { ChartSpec } from "./renderSvg.js";

/**
 * Vega-Lite specification of the study's perplexity figure: one horizontal box plot per set of
 * the per-response perplexities, on one log-scale axis (so distances are log-perplexity, nats per
 * token up to a factor): box from the 25% to the 75% quantile, whiskers from 5% to 95% (min to max
 * when those levels were not computed), a tick at the median. The boxes are drawn from the
 * report's own quantiles, not recomputed, so the figure shows exactly the numbers of report.json.
 * Colours follow the pass@k figures (first set first).
 *
 * @param report - a {@link PerplexityReport}
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * import { perplexityReport } from "passk/node";
 * import { perplexityChartSpec } from "passk/cli";
 * const report = perplexityReport([{ name: "a", results: [2, 3, 4].map((p) => sequencePerplexity([-Math.log(p)])) }]);
 * const spec = perplexityChartSpec(report) as { data: { values: { median: number }[] }; encoding: { x: { scale: { type: string } } } };
 * console.log(spec.encoding.x.scale.type, spec.data.values[0]!.median.toFixed(12)); // => log 3.000000000000
 * ```
 */
export function perplexityChartSpec(report: PerplexityReport): ChartSpec {
  const names = report.sets.map((s) => s.name);
  const levels = report.settings.probabilities;
  const tails = levels.includes(0.05) && levels.includes(0.95);
  const values = report.sets.map((s) => {
    const q = (p: number): number => s.perplexity.quantiles.find((x) => x.p === p)?.value ?? Number.NaN;
    return {
      set: s.name,
      low: tails ? q(0.05) : s.perplexity.min,
      q1: q(0.25),
      median: q(0.5),
      q3: q(0.75),
      high: tails ? q(0.95) : s.perplexity.max,
      micro: s.microPerplexity,
      responses: s.responses,
    };
  });
  const color = { field: "set", type: "nominal", title: "set", scale: { domain: names, range: modelColors(names) }, sort: names, legend: null };
  const y = { field: "set", type: "nominal", title: null, sort: names };
  const tooltip = [
    { field: "set" },
    { field: "responses" },
    { field: "median", format: ".4f" },
    { field: "q1", title: "25%", format: ".4f" },
    { field: "q3", title: "75%", format: ".4f" },
    { field: "micro", title: "micro PPL", format: ".4f" },
  ];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Perplexity of the responses",
      subtitle: `per response, log scale: box 25–75%, whiskers ${tails ? "5–95%" : "min–max"}, tick at the median`,
    },
    width: 520,
    height: Math.max(120, 44 * names.length),
    config: CHART_CONFIG,
    data: { values },
    encoding: {
      y,
      x: { field: "low", type: "quantitative", title: "perplexity (log scale)", scale: { type: "log", nice: false, padding: 12 } },
    },
    layer: [
      { mark: { type: "rule", strokeWidth: 1.5 }, encoding: { x2: { field: "high" }, color } },
      { mark: { type: "bar", size: 18, opacity: 0.85 }, encoding: { x: { field: "q1", type: "quantitative" }, x2: { field: "q3" }, color, tooltip } },
      { mark: { type: "tick", color: "white", thickness: 2, size: 18 }, encoding: { x: { field: "median", type: "quantitative" }, tooltip } },
    ],
  } as ChartSpec;
}
