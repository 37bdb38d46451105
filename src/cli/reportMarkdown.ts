/**
 * The Markdown version of a study report.
 * @module
 */
import { crossoverBound, describeCrossover, fixed, withInterval } from "./formatNumbers.js";
import type { StudyReport } from "./studyReport.js";

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(" | ")} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`, ...rows.map(line)].join("\n");
}

/**
 * The report as a Markdown document with the same tables as the terminal output and links to the
 * figures, when `figures` names them (paths relative to the Markdown file).
 *
 * @param report - a {@link StudyReport}
 * @param figures - optional figure file names: `passAtK`, `accuracy`, `coverage`
 *
 * @example
 * ```ts
 * import { analyzeStudy, reportMarkdown } from "passk/cli";
 * const report = analyzeStudy(new Map([["m", [{ problemId: "a", n: 2, c: 1 }, { problemId: "b", n: 2, c: 2 }]]]), { seed: 1, resamples: 10 });
 * const md = reportMarkdown(report, { passAtK: "pass-at-k.svg" });
 * console.log(md.split("\n")[0], md.includes("![pass@k curves](pass-at-k.svg)")); // => # passk report true
 * ```
 */
export function reportMarkdown(
  report: StudyReport,
  figures: {
    readonly passAtK?: string;
    readonly accuracy?: string;
    readonly coverage?: string;
    readonly passAtKByBenchmark?: string;
    readonly coverageByBenchmark?: string;
  } = {},
): string {
  const { models, comparisons, settings } = report;
  const pct = Math.round(settings.level * 100);
  const out: string[] = ["# passk report", ""];
  if (report.sources.length > 0) {
    out.push("Files read:", "");
    for (const s of report.sources) {
      out.push(`- \`${s.file}\` (${s.format}${s.model === null ? "" : `, model ${s.model}`}): ${s.linesRead} lines, ${s.recordsAdded} samples`);
    }
    out.push("");
  }
  if (report.warnings.length > 0) {
    out.push("Warnings:", "", ...report.warnings.map((w) => `- ${w}`), "");
  }
  out.push(
    (models[0]?.coverage.lower === null
      ? "No intervals: with one problem the bootstrap over problems has nothing to resample. "
      : `Intervals are ${pct}% percentile bootstrap intervals over problems (${settings.resamples} resamples, seed ${settings.seed}). `) +
      `Base model: **${settings.base}**.`,
    "",
    "## pass@k",
    "",
    "Mean unbiased pass@k over problems (Chen et al. 2021), with its interval.",
    "",
    mdTable(
      ["k", ...models.map((m) => m.model)],
      settings.ks.map((k, j) => [String(k), ...models.map((m) => withInterval(m.passAtK[j] as (typeof m.passAtK)[number]))]),
    ),
    "",
  );
  if (figures.passAtK !== undefined) out.push(`![pass@k curves](${figures.passAtK})`, "");
  out.push(
    "## Coverage",
    "",
    "Problems solved at least once among all samples drawn.",
    "",
    mdTable(
      ["model", "problems", "solved", "coverage", "mean accuracy", "median accuracy"],
      models.map((m) => [m.model, String(m.problems), String(m.coverage.solved), withInterval(m.coverage), fixed(m.accuracy.mean), fixed(m.accuracy.median)]),
    ),
    "",
  );
  if (figures.coverage !== undefined && comparisons.length > 0) out.push(`![coverage comparison](${figures.coverage})`, "");
  if (report.benchmarks !== undefined) {
    out.push("## Per benchmark", "", "The same analyses on each benchmark's problems alone.", "");
    for (const b of report.benchmarks) {
      out.push(
        `### ${b.benchmark} (${b.problems} problems)`,
        "",
        mdTable(
          ["k", ...b.models.map((m) => m.model)],
          b.ks.map((k, j) => [String(k), ...b.models.map((m) => withInterval(m.passAtK[j] as (typeof m.passAtK)[number]))]),
        ),
        "",
        mdTable(
          ["model", "solved", "coverage"],
          b.models.map((m) => [m.model, `${m.coverage.solved}/${m.problems}`, withInterval(m.coverage)]),
        ),
        "",
        ...b.comparisons.map((c) => `- ${c.model} vs ${c.base}: crossover ${describeCrossover(c.crossover.estimate)}, ${pct}% interval [${crossoverBound(c.crossover.lower)}, ${crossoverBound(c.crossover.upper)}]`),
        ...(b.comparisons.length > 0 ? [""] : []),
      );
    }
    if (figures.passAtKByBenchmark !== undefined) out.push(`![pass@k per benchmark](${figures.passAtKByBenchmark})`, "");
    if (figures.coverageByBenchmark !== undefined) out.push(`![coverage per benchmark](${figures.coverageByBenchmark})`, "");
  }
  out.push("## Accuracy histogram", "", "Number of problems by per-problem accuracy c/n.", "");
  const firstModel = models[0];
  if (firstModel !== undefined) {
    out.push(
      mdTable(
        ["accuracy", ...models.map((m) => m.model)],
        firstModel.accuracyHistogram.map((bin, i) => [bin.label, ...models.map((m) => String(m.accuracyHistogram[i]?.count ?? 0))]),
      ),
      "",
    );
  }
  if (figures.accuracy !== undefined) out.push(`![accuracy histograms](${figures.accuracy})`, "");
  for (const c of comparisons) {
    const cov = c.coverage;
    const g = c.samplingEfficiencyGap;
    const x = c.crossover;
    out.push(
      `## ${c.model} vs ${c.base}`,
      "",
      mdTable(
        ["solved by", "both", `${c.base} only`, `${c.model} only`, "neither", "Jaccard"],
        [["problems", String(cov.both), String(cov.baseOnly), String(cov.modelOnly), String(cov.neither), fixed(cov.jaccard)]],
      ),
      "",
      `Paired difference of pass@k (${c.model} − ${c.base}); wins/ties/losses count problems.`,
      "",
      mdTable(
        ["k", "difference", "wins", "ties", "losses"],
        c.passAtKDifference.map((d) => [String(d.k), withInterval(d), String(d.wins), String(d.ties), String(d.losses)]),
      ),
      "",
      `- Sampling-efficiency gap ΔSE = pass@${g.k}(${c.base}) − pass@1(${c.model}) = ${fixed(g.basePassAtK)} − ${fixed(g.modelPassAt1)} = **${withInterval(g)}**`,
      `- Crossover (${c.base} catches up with ${c.model}): **${describeCrossover(x.estimate)}**, ${pct}% interval [${crossoverBound(x.lower)}, ${crossoverBound(x.upper)}]`,
      "",
    );
  }
  return out.join("\n");
}
