#!/usr/bin/env -S npx tsx
// Regenerates the images of docs/figures/ that show the report's figures (the README and
// docs/reproducing-the-study.md link them) from the same fixed synthetic studies as the visual
// regression test (test/cli/figureStudy.ts), so they always show the current figure code:
//
//   npx tsx scripts/update-docs-figures.mts
//
// pass-at-k-4-models.png, coverage-4-models.png: the 4-model study; pass-at-k-8-models.png: 8
// models with 40-character names; pass-at-k-by-benchmark.png, coverage-by-benchmark.png: the
// 6-benchmark study (`passk report --by-benchmark`); report-html.png and
// report-html-problems.png (the per-problem view, sorted by a c/n column): report.html of the
// 4-model study in headless Chromium (/usr/bin/chromium; skipped with a note without it).
// PNGs at 1.5 × the SVG size, text in the bundled DejaVu Sans: the same bytes on every machine
// (the screenshot depends on Chromium's version).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  benchmarkCoverageChartSpec,
  coverageChartSpec,
  passAtKChartSpec,
  passAtKGridChartSpec,
  renderPng,
  renderSvg,
  reportHtml,
  type ChartSpec,
} from "../src/cli/index.js";
import { benchmarkFigureStudy, EIGHT_MODELS, figureStudy } from "../test/cli/figureStudy.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "docs", "figures");
const four = figureStudy();
const benchmarks = benchmarkFigureStudy();
const figures: [string, ChartSpec][] = [
  ["pass-at-k-4-models.png", passAtKChartSpec(four)],
  ["coverage-4-models.png", coverageChartSpec(four)],
  ["pass-at-k-8-models.png", passAtKChartSpec(figureStudy(EIGHT_MODELS))],
  ["pass-at-k-by-benchmark.png", passAtKGridChartSpec(benchmarks)],
  ["coverage-by-benchmark.png", benchmarkCoverageChartSpec(benchmarks)],
];
for (const [name, spec] of figures) {
  writeFileSync(join(out, name), await renderPng(await renderSvg(spec), 1.5));
  console.log(`wrote docs/figures/${name}`);
}

const chromium = "/usr/bin/chromium";
/** Screenshots report.html of the 4-model study, after running `script` in the page (if any). */
function screenshot(html: string, name: string, script = ""): void {
  const dir = mkdtempSync(join(tmpdir(), "passk-docs-figures-"));
  try {
    const page = join(dir, "report.html");
    writeFileSync(page, script === "" ? html : html.replace(/<\/body>\s*<\/html>\s*$/, `<script>${script}</script>\n</body>\n</html>\n`));
    const r = spawnSync(
      chromium,
      ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", `--user-data-dir=${join(dir, "profile")}`, "--virtual-time-budget=15000", `--screenshot=${join(out, name)}`, "--window-size=1100,1250", `file://${page}`],
      { encoding: "utf8", timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`chromium failed (${r.status}): ${r.stderr}`);
    console.log(`wrote docs/figures/${name}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (existsSync(chromium)) {
  const html = await reportHtml(four);
  screenshot(html, "report-html.png");
  // The per-problem view alone (what comes before it removed): sorted by the first RL model's
  // c/n, highest first.
  screenshot(
    html,
    "report-html-problems.png",
    `const th = document.querySelector('#table-problems thead th[data-key="1"]'); th.click(); th.click();
     const start = document.getElementById("problems");
     while (start.previousElementSibling) start.previousElementSibling.remove();`,
  );
} else {
  console.log(`${chromium} is missing: docs/figures/report-html*.png left as they are`);
}
