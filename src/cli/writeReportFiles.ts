/**
 * Writing a study report's JSON, CSV, Markdown and figures into a folder.
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { accuracyChartSpec } from "./plots/accuracyChart.js";
import { coverageChartSpec } from "./plots/coverageChart.js";
import { passAtKChartSpec } from "./plots/passAtKChart.js";
import { renderSvg } from "./plots/renderSvg.js";
import { reportCsv } from "./reportCsv.js";
import { reportMarkdown } from "./reportMarkdown.js";
import type { StudyReport } from "./studyReport.js";

/**
 * File names written by {@link writeReportFiles} (the coverage figure only when there is a comparison).
 *
 * @example
 * ```ts
 * import { REPORT_FILES } from "passk/cli";
 * console.log(REPORT_FILES.json, REPORT_FILES.passAtK); // => report.json pass-at-k.svg
 * ```
 */
export const REPORT_FILES = Object.freeze({
  json: "report.json",
  csv: "report.csv",
  markdown: "report.md",
  passAtK: "pass-at-k.svg",
  accuracy: "accuracy-histogram.svg",
  coverage: "coverage.svg",
});

/**
 * Writes report.json (the {@link StudyReport} verbatim), report.csv, report.md and the SVG
 * figures (pass@k curves, accuracy histograms and, with a comparison, the coverage bars) into
 * `dir`, creating it if needed.
 *
 * @param report - a {@link StudyReport}
 * @param dir - the output folder
 * @returns the paths written, in the order above
 *
 * @example
 * ```ts
 * import { analyzeStudy, writeReportFiles } from "passk/cli";
 * const report = analyzeStudy(new Map([["m", [{ problemId: "a", n: 2, c: 1 }, { problemId: "b", n: 2, c: 2 }]]]), { seed: 1, resamples: 10 });
 * const dir = `${process.env.TMPDIR ?? "/tmp"}/passk-doc-example-report`;
 * const files = await writeReportFiles(report, dir);
 * console.log(files.map((f) => f.slice(dir.length + 1)).join(" ")); // => report.json report.csv report.md pass-at-k.svg accuracy-histogram.svg
 * ```
 */
export async function writeReportFiles(report: StudyReport, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const hasComparison = report.comparisons.length > 0;
  const files: [string, string | Promise<string>][] = [
    [REPORT_FILES.json, `${JSON.stringify(report, null, 2)}\n`],
    [REPORT_FILES.csv, reportCsv(report)],
    [
      REPORT_FILES.markdown,
      reportMarkdown(report, {
        passAtK: REPORT_FILES.passAtK,
        accuracy: REPORT_FILES.accuracy,
        ...(hasComparison && { coverage: REPORT_FILES.coverage }),
      }),
    ],
    [REPORT_FILES.passAtK, renderSvg(passAtKChartSpec(report))],
    [REPORT_FILES.accuracy, renderSvg(accuracyChartSpec(report))],
  ];
  if (hasComparison) files.push([REPORT_FILES.coverage, renderSvg(coverageChartSpec(report))]);
  const written: string[] = [];
  for (const [name, content] of files) {
    const path = join(dir, name);
    await writeFile(path, await content, "utf8");
    written.push(path);
  }
  return written;
}
