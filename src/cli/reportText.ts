/**
 * The terminal table of a study report.
 * @module
 */
import { crossoverBound, describeCrossover, fixed, withInterval } from "./formatNumbers.js";
import type { StudyReport } from "./studyReport.js";
import { textTable } from "./textTable.js";


/**
 * The report as plain-text tables for the terminal: pass@k with intervals at each k, coverage,
 * the solved-set comparison, ΔSE and the crossover k; with `benchmarks`, per benchmark its pass@k,
 * coverage and crossovers. Same numbers as the JSON, rounded to 4 decimals.
 *
 * @param report - a {@link StudyReport}
 *
 * @example
 * ```ts
 * import { analyzeStudy, formatReportText } from "passk/cli";
 * const report = analyzeStudy(new Map([["m", [{ problemId: "a", n: 2, c: 1 }, { problemId: "b", n: 2, c: 2 }]]]), { seed: 1, resamples: 10 });
 * console.log(formatReportText(report).split("\n")[0]); // => passk report: 1 model, 2 problems, 2 to 2 samples per problem
 * ```
 */
export function formatReportText(report: StudyReport): string {
  const { models, comparisons, settings } = report;
  const first = models[0];
  const minN = Math.min(...models.map((m) => m.minSamples));
  const maxN = Math.max(...models.map((m) => m.maxSamples));
  const pct = Math.round(settings.level * 100);
  const out: string[] = [];
  out.push(
    `passk report: ${models.length} model${models.length === 1 ? "" : "s"}, ${first?.problems ?? 0} problems, ${minN} to ${maxN} samples per problem`,
  );
  out.push(
    first?.coverage.lower === null
      ? "intervals: none (one problem: the bootstrap over problems has nothing to resample)"
      : `intervals: ${pct}% percentile bootstrap over problems, ${settings.resamples} resamples, seed ${settings.seed}`,
  );
  out.push("");
  out.push("pass@k (mean over problems)");
  out.push(
    textTable([
      ["k", ...models.map((m) => m.model)],
      ...settings.ks.map((k, j) => [String(k), ...models.map((m) => withInterval(m.passAtK[j] as (typeof m.passAtK)[number]))]),
    ]),
  );
  out.push("");
  out.push("coverage (problems solved at least once)");
  out.push(
    textTable([
      ["model", "solved", "coverage"],
      ...models.map((m) => [m.model, `${m.coverage.solved}/${m.problems}`, withInterval(m.coverage)]),
    ]),
  );
  for (const c of comparisons) {
    out.push("");
    out.push(`${c.model} vs ${c.base}`);
    const cov = c.coverage;
    out.push(
      textTable([
        ["solved by", "both", `${c.base} only`, `${c.model} only`, "neither", "Jaccard"],
        ["problems", String(cov.both), String(cov.baseOnly), String(cov.modelOnly), String(cov.neither), fixed(cov.jaccard)],
      ]),
    );
    out.push(
      textTable([
        ["k", `${c.model} − ${c.base}`, "wins", "ties", "losses"],
        ...c.passAtKDifference.map((d) => [String(d.k), withInterval(d), String(d.wins), String(d.ties), String(d.losses)]),
      ]),
    );
    const g = c.samplingEfficiencyGap;
    out.push(
      `ΔSE = pass@${g.k}(${c.base}) − pass@1(${c.model}) = ${fixed(g.basePassAtK)} − ${fixed(g.modelPassAt1)} = ${withInterval(g)}`,
    );
    const x = c.crossover;
    out.push(`crossover (${c.base} catches up with ${c.model}): ${describeCrossover(x.estimate)}; ${pct}% interval [${crossoverBound(x.lower)}, ${crossoverBound(x.upper)}]`);
  }
  for (const b of report.benchmarks ?? []) {
    out.push("");
    out.push(`benchmark ${b.benchmark} (${b.problems} problems): pass@k, coverage`);
    out.push(
      textTable([
        ["k", ...b.models.map((m) => m.model)],
        ...b.ks.map((k, j) => [String(k), ...b.models.map((m) => withInterval(m.passAtK[j] as (typeof m.passAtK)[number]))]),
        ["coverage", ...b.models.map((m) => `${m.coverage.solved}/${m.problems} ${withInterval(m.coverage)}`)],
      ]),
    );
    for (const c of b.comparisons) {
      const x = c.crossover;
      out.push(`crossover (${c.base} catches up with ${c.model}): ${describeCrossover(x.estimate)}; ${pct}% interval [${crossoverBound(x.lower)}, ${crossoverBound(x.upper)}]`);
    }
  }
  return `${out.join("\n")}\n`;
}
