/**
 * Writing a study report's JSON, CSV, Markdown and figures into a folder.
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { accuracyChartSpec } from "./plots/accuracyChart.js";
import { coverageChartSpec } from "./plots/coverageChart.js";
import { passAtKChartSpec } from "./plots/passAtKChart.js";
import { type ChartSpec, FiguresUnavailableError, renderSvg } from "./plots/renderSvg.js";
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
 * `dir`, creating it if needed. Without the optional packages vega and vega-lite the tables are
 * still written and `onFiguresUnavailable` receives the {@link FiguresUnavailableError} (without
 * that callback the error is thrown after the tables are written).
 *
 * @param report - a {@link StudyReport}
 * @param dir - the output folder
 * @param options - `onFiguresUnavailable`: called instead of throwing when vega is missing
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
export async function writeReportFiles(
  report: StudyReport,
  dir: string,
  options: { readonly onFiguresUnavailable?: (error: FiguresUnavailableError) => void } = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const hasComparison = report.comparisons.length > 0;
  const tables: [string, string][] = [
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
  ];
  const written: string[] = [];
  const write = async (name: string, content: string): Promise<void> => {
    const path = join(dir, name);
    await writeFile(path, content, "utf8");
    written.push(path);
  };
  for (const [name, content] of tables) await write(name, content);
  const figures: [string, () => ChartSpec][] = [
    [REPORT_FILES.passAtK, () => passAtKChartSpec(report)],
    [REPORT_FILES.accuracy, () => accuracyChartSpec(report)],
  ];
  if (hasComparison) figures.push([REPORT_FILES.coverage, () => coverageChartSpec(report)]);
  try {
    for (const [name, spec] of figures) await write(name, await renderSvg(spec()));
  } catch (e) {
    if (!(e instanceof FiguresUnavailableError) || options.onFiguresUnavailable === undefined) throw e;
    options.onFiguresUnavailable(e);
  }
  return written;
}
