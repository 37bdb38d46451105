/**
 * report.html: one self-contained page to explore a study (tables, interactive figures, the
 * problems behind the set analysis), with no network access: vega's scripts and the data inline.
 * @module
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fixed } from "./formatNumbers.js";
import { accuracyChartSpec } from "./plots/accuracyChart.js";
import { coverageChartSpec } from "./plots/coverageChart.js";
import { benchmarkCoverageChartSpec } from "./plots/benchmarkCoverageChart.js";
import { passAtKChartSpec } from "./plots/passAtKChart.js";
import { passAtKGridChartSpec } from "./plots/passAtKGridChart.js";
import { FiguresUnavailableError } from "./plots/renderSvg.js";
import type { StudyReport } from "./studyReport.js";

/** Escapes text for HTML content and attribute values. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script> element (no `</script>` or `<!--` can end it). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

function interval(lower: number | null, upper: number | null): string {
  return lower === null || upper === null ? "" : `[${fixed(lower, 4)}, ${fixed(upper, 4)}]`;
}

/** The scripts of vega and vega-lite's browser builds, read from the installed packages. */
async function vegaScripts(): Promise<string[]> {
  const require = createRequire(import.meta.url);
  const read = async (name: string, file: string) => {
    let entry: string;
    try {
      entry = require.resolve(name);
    } catch {
      throw new FiguresUnavailableError(name);
    }
    return readFile(join(dirname(entry), file), "utf8");
  };
  return [await read("vega", "vega.min.js"), await read("vega-lite", "vega-lite.min.js")];
}

/** A row of the per-problem view: a problem one model of a compared pair solves, with every model's c and n. */
interface ProblemRow {
  readonly problem: string;
  readonly solvedOnlyBy: string;
  readonly other: string;
  /** Per model of the report (in its order): `[c, n]`, null without samples. */
  readonly counts: ReadonlyArray<readonly [number, number] | null>;
}

/** Rows of the per-problem view: each problem only one of a compared pair solves, with c/n per model. */
function onlySolvedRows(report: StudyReport): ProblemRow[] {
  const { problems, models } = report.problemCounts;
  const index = new Map(problems.map((p, i) => [p, i]));
  const counts = (problem: string): ProblemRow["counts"] => {
    const i = index.get(problem);
    return models.map((m) => {
      const c = i === undefined ? null : m.c[i];
      const n = i === undefined ? null : m.n[i];
      return c === null || c === undefined || n === null || n === undefined ? null : ([c, n] as const);
    });
  };
  return report.comparisons.flatMap((c) => [
    ...c.coverage.baseOnlyProblems.map((problem) => ({ problem, solvedOnlyBy: c.base, other: c.model, counts: counts(problem) })),
    ...c.coverage.modelOnlyProblems.map((problem) => ({ problem, solvedOnlyBy: c.model, other: c.base, counts: counts(problem) })),
  ]);
}

/**
 * The report as one self-contained HTML page: the pass@k, coverage and comparison tables; the
 * figures drawn live by vega (inlined) with tooltips giving each value and its interval; and the
 * per-problem view of the set analysis (the problems each model solves and the other does not),
 * sortable by a click on a column header and filterable by a text box (`NAME only` keeps the
 * problems only NAME solves); a click on an "only" bar of the coverage chart types that filter.
 * Each row gives c/n (correct of drawn samples) of every model on that problem, from the report's
 * `problemCounts`; a c/n column sorts by the share c/n. With `benchmarks`, the grid of pass@k
 * panels and coverage per benchmark are drawn too. Loads nothing from the network.
 *
 * @param report - a {@link StudyReport}
 * @returns the HTML document
 * @throws {@link FiguresUnavailableError} when vega or vega-lite is not installed
 *
 * @example
 * ```ts
 * import { analyzeStudy, reportHtml } from "passk/cli";
 * const report = analyzeStudy(new Map([
 *   ["base", [{ problemId: "a", n: 2, c: 1 }, { problemId: "b", n: 2, c: 0 }]],
 *   ["rl", [{ problemId: "a", n: 2, c: 2 }, { problemId: "b", n: 2, c: 1 }]],
 * ]), { seed: 1, resamples: 10 });
 * const html = await reportHtml(report);
 * console.log(html.startsWith("<!doctype html>"), /<script[^>]*\ssrc=|<link\b/.test(html)); // => true false
 * ```
 */
export async function reportHtml(report: StudyReport): Promise<string> {
  const [vega, vegaLite] = await vegaScripts();
  const specs: Record<string, unknown> = { "pass-at-k": passAtKChartSpec(report), "accuracy-histogram": accuracyChartSpec(report) };
  if (report.comparisons.length > 0) specs.coverage = coverageChartSpec(report);
  if (report.benchmarks !== undefined) {
    specs["pass-at-k-by-benchmark"] = passAtKGridChartSpec(report);
    specs["coverage-by-benchmark"] = benchmarkCoverageChartSpec(report);
  }
  const ks = report.settings.ks;
  const pct = Math.round(report.settings.level * 100);
  const passRows = report.models
    .map((m) => `<tr><th scope="row">${esc(m.model)}</th>${m.passAtK.map((p) => `<td title="${pct}% interval ${interval(p.lower, p.upper)}">${fixed(p.estimate, 4)}<br><small>${interval(p.lower, p.upper)}</small></td>`).join("")}</tr>`)
    .join("\n");
  const coverageRows = report.models
    .map((m) => `<tr><th scope="row">${esc(m.model)}</th><td>${m.coverage.solved}/${m.problems}</td><td>${fixed(m.coverage.estimate, 4)}</td><td>${interval(m.coverage.lower, m.coverage.upper)}</td></tr>`)
    .join("\n");
  const comparisonRows = report.comparisons
    .map((c) => `<tr><th scope="row">${esc(c.model)} vs ${esc(c.base)}</th><td>${c.coverage.both}</td><td>${c.coverage.baseOnly}</td><td>${c.coverage.modelOnly}</td><td>${c.coverage.neither}</td><td>${fixed(c.coverage.jaccard, 4)}</td></tr>`)
    .join("\n");
  const problems = onlySolvedRows(report);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>passk report</title>
<style>
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 24px; color: #222; max-width: 1200px; }
table { border-collapse: collapse; margin: 8px 0 24px; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: right; }
th[scope=row], th.text, td.text { text-align: left; }
th[aria-sort=ascending]::after { content: " ▲"; }
th[aria-sort=descending]::after { content: " ▼"; }
thead th { cursor: pointer; background: #f4f4f4; }
small { color: #666; }
.figure { margin: 12px 0 28px; overflow-x: auto; }
#problem-filter { font-size: 14px; padding: 4px 8px; width: 320px; }
</style>
</head>
<body>
<h1>passk report</h1>
<p>${report.models.length} model(s), ${report.models[0]?.problems ?? 0} problems, base ${esc(report.settings.base)}, ${report.settings.resamples} bootstrap resamples (seed ${report.settings.seed}), ${pct}% intervals.</p>
${report.warnings.map((w) => `<p><strong>warning:</strong> ${esc(w)}</p>`).join("\n")}
<h2>pass@k</h2>
<div class="figure" id="figure-pass-at-k"></div>
<table id="table-pass-at-k"><thead><tr><th>model</th>${ks.map((k) => `<th>k = ${k}</th>`).join("")}</tr></thead><tbody>
${passRows}
</tbody></table>
<h2>Coverage</h2>
<div class="figure" id="figure-coverage"></div>
<table id="table-coverage"><thead><tr><th>model</th><th>solved</th><th>coverage</th><th>${pct}% interval</th></tr></thead><tbody>
${coverageRows}
</tbody></table>
${report.comparisons.length > 0 ? `<table id="table-sets"><thead><tr><th>comparison</th><th>both</th><th>base only</th><th>model only</th><th>neither</th><th>Jaccard</th></tr></thead><tbody>\n${comparisonRows}\n</tbody></table>` : ""}
${
  report.benchmarks === undefined
    ? ""
    : `<h2>Per benchmark</h2>
<div class="figure" id="figure-pass-at-k-by-benchmark"></div>
<div class="figure" id="figure-coverage-by-benchmark"></div>`
}
<h2 id="problems">Problems solved by one model only</h2>
<p>Click a column header to sort (c/n: correct of drawn samples, sorted by the share); type to filter (a click on an "only" bar of the coverage chart filters to that model).</p>
<input id="problem-filter" type="search" placeholder="filter: problem id or model" aria-label="filter problems">
<table id="table-problems"><thead><tr><th class="text" data-key="problem">problem</th><th class="text" data-key="solvedOnlyBy">solved only by</th><th class="text" data-key="other">not solved by</th>${report.problemCounts.models.map((m, i) => `<th data-key="${i}" title="c/n of ${esc(m.model)}">${esc(m.model)} c/n</th>`).join("")}</tr></thead><tbody></tbody></table>
<h2>Per-problem accuracy</h2>
<div class="figure" id="figure-accuracy-histogram"></div>
<script>${vega}</script>
<script>${vegaLite}</script>
<script>
"use strict";
const SPECS = ${scriptJson(specs)};
const PROBLEMS = ${scriptJson(problems)};
const tbody = document.querySelector("#table-problems tbody");
const filter = document.getElementById("problem-filter");
let sortKey = "problem";
let ascending = true;
function drawProblems() {
  const q = filter.value.trim().toLowerCase();
  // "NAME only" (what a click on a coverage bar types) keeps the problems only NAME solves.
  const only = q.endsWith(" only") ? q.slice(0, -" only".length) : undefined;
  const rows = PROBLEMS.filter((r) => (only !== undefined ? r.solvedOnlyBy.toLowerCase() === only : q === "" || [r.problem, r.solvedOnlyBy, r.other].some((v) => v.toLowerCase().includes(q))));
  // A c/n column (its key is the model's index) sorts by the share c/n, then by n; a model without samples of the problem counts as lowest.
  const share = (r) => { const x = r.counts[sortKey]; return x === null ? -1 : x[0] / x[1]; };
  const byCount = /^\\d+$/.test(sortKey);
  rows.sort((a, b) => (ascending ? 1 : -1) * (byCount
    ? share(a) - share(b) || (a.counts[sortKey] || [0, 0])[1] - (b.counts[sortKey] || [0, 0])[1]
    : String(a[sortKey]).localeCompare(String(b[sortKey]), undefined, { numeric: true })));
  document.querySelectorAll("#table-problems thead th").forEach((th) => {
    if (th.dataset.key === sortKey) th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
  });
  tbody.replaceChildren(...rows.map((r) => {
    const tr = document.createElement("tr");
    for (const key of ["problem", "solvedOnlyBy", "other"]) {
      const td = document.createElement("td");
      td.className = "text";
      td.textContent = r[key];
      tr.append(td);
    }
    for (const x of r.counts) {
      const td = document.createElement("td");
      td.className = "count";
      td.textContent = x === null ? "–" : x[0] + "/" + x[1];
      tr.append(td);
    }
    return tr;
  }));
}
document.querySelectorAll("#table-problems thead th").forEach((th) => th.addEventListener("click", () => {
  ascending = sortKey === th.dataset.key ? !ascending : true;
  sortKey = th.dataset.key;
  drawProblems();
}));
filter.addEventListener("input", drawProblems);
drawProblems();
const views = Object.entries(SPECS).map(([name, spec]) => {
  // Vega's default tooltip handler shows each mark's tooltip fields (values and intervals).
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "svg", container: "#figure-" + name, hover: true });
  if (name === "coverage") {
    view.addEventListener("click", (_event, item) => {
      const group = item && item.datum && item.datum.group;
      if (typeof group === "string" && group.endsWith(" only")) {
        filter.value = group;
        drawProblems();
        document.getElementById("problems").scrollIntoView();
      }
    });
  }
  return view.runAsync();
});
Promise.all(views).then(() => document.body.setAttribute("data-ready", "true"));
</script>
</body>
</html>
`;
}
