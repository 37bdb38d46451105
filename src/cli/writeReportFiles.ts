/**
 * Writing a study report's JSON, CSV, Markdown and figures into a folder.
 * @module
 */
import { constants } from "node:fs";
import { access, lstat, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { UsageError } from "./exitCodes.js";
import { accuracyChartSpec } from "./plots/accuracyChart.js";
import { coverageChartSpec } from "./plots/coverageChart.js";
import { benchmarkCoverageChartSpec } from "./plots/benchmarkCoverageChart.js";
import { passAtKChartSpec } from "./plots/passAtKChart.js";
import { passAtKGridChartSpec } from "./plots/passAtKGridChart.js";
import { type FigureFormat, renderPdf, renderPng } from "./plots/figureFiles.js";
import { type ChartSpec, FiguresUnavailableError, renderSvg } from "./plots/renderSvg.js";
import { reportCsv } from "./reportCsv.js";
import { reportHtml } from "./reportHtml.js";
import { reportMarkdown } from "./reportMarkdown.js";
import type { StudyReport } from "./studyReport.js";

/**
 * File names written by {@link writeReportFiles} (the coverage figure only when there is a
 * comparison; the per-benchmark figures only for a report with `benchmarks`).
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
  passAtKByBenchmark: "pass-at-k-by-benchmark.svg",
  coverageByBenchmark: "coverage-by-benchmark.svg",
  html: "report.html",
});

/**
 * Checks, before any work, that `dir` can be the output folder: an existing folder, or a path
 * whose nearest existing parent is a writable folder. An existing file there is refused up front,
 * rather than after the analysis has run.
 *
 * @param dir - the output folder (absolute, or relative to the process's working directory)
 * @param shown - the folder as typed, for the message
 * @throws {@link UsageError} (field `--out`) naming the path and what is wrong
 *
 * @example
 * ```ts
 * import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { checkReportFolder, type UsageError } from "passk/cli";
 * const dir = mkdtempSync(join(tmpdir(), "passk-"));
 * await checkReportFolder(join(dir, "new", "folder"), "out"); // may be created: fine
 * writeFileSync(join(dir, "notes.txt"), "mine");
 * try {
 *   await checkReportFolder(join(dir, "notes.txt"), "notes.txt");
 * } catch (e) {
 *   const err = e as UsageError;
 *   console.log(err.code, err.message); // => USAGE_ERROR --out notes.txt is an existing file, not a folder: name a folder (it is created if needed)
 * }
 * rmSync(dir, { recursive: true, force: true });
 * ```
 */
export async function checkReportFolder(dir: string, shown: string): Promise<void> {
  const refuse = (why: string): never => {
    throw new UsageError(`--out ${shown} ${why}`, { field: "--out", value: shown });
  };
  let existing = dir;
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(existing)).isDirectory();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      // ENOTDIR: a parent is a file; walk up to it and say so.
      if ((code !== "ENOENT" && code !== "ENOTDIR") || dirname(existing) === existing) throw e;
      existing = dirname(existing);
      continue;
    }
    if (!isDirectory) {
      refuse(existing === dir ? "is an existing file, not a folder: name a folder (it is created if needed)" : `cannot be created: ${existing} is a file`);
    }
    break;
  }
  try {
    await access(existing, constants.W_OK);
  } catch {
    refuse(`cannot be written: no write permission on ${existing}`);
  }
}

/**
 * Writes report.json (the {@link StudyReport} verbatim), report.csv, report.md, the SVG
 * figures (pass@k curves, accuracy histograms, with a comparison the coverage bars, with
 * `benchmarks` the grid of pass@k panels and coverage per benchmark) and the
 * interactive report.html ({@link reportHtml}; it needs vega too) into
 * `dir`, creating it if needed. Without the optional packages vega and vega-lite the tables are
 * still written and `onFiguresUnavailable` receives the {@link FiguresUnavailableError} (without
 * that callback the error is thrown after the tables are written).
 *
 * A folder used before is cleaned of passk's own files first (the names of {@link REPORT_FILES},
 * the PNG and PDF copies of its figures, and nothing else), so a figure of an earlier run (say `coverage.svg` of a two-model report)
 * never stands next to the new report.
 *
 * @param report - a {@link StudyReport}
 * @param dir - the output folder
 * @param options - `onFiguresUnavailable`: called instead of throwing when vega (or, for PNG and
 *   PDF, their renderers) is missing; `onProgress`: called after each file written, with the count
 *   and the total; `figures`: the figure formats (default `["svg"]`; with `"png"` and `"pdf"` each
 *   figure is also written as pass-at-k.png, pass-at-k.pdf, ... next to its SVG; `[]`: no figures)
 * @returns the paths written, in the order above
 *
 * @example
 * ```ts
 * import { analyzeStudy, writeReportFiles } from "passk/cli";
 * const report = analyzeStudy(new Map([["m", [{ problemId: "a", n: 2, c: 1 }, { problemId: "b", n: 2, c: 2 }]]]), { seed: 1, resamples: 10 });
 * const dir = `${process.env.TMPDIR ?? "/tmp"}/passk-doc-example-report`;
 * const files = await writeReportFiles(report, dir);
 * console.log(files.map((f) => f.slice(dir.length + 1)).join(" ")); // => report.json report.csv report.md pass-at-k.svg accuracy-histogram.svg report.html
 * ```
 */
export async function writeReportFiles(
  report: StudyReport,
  dir: string,
  options: {
    readonly onFiguresUnavailable?: (error: FiguresUnavailableError) => void;
    readonly onProgress?: (done: number, total: number) => void;
    readonly figures?: readonly FigureFormat[];
  } = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const figureNames = [REPORT_FILES.passAtK, REPORT_FILES.accuracy, REPORT_FILES.coverage, REPORT_FILES.passAtKByBenchmark, REPORT_FILES.coverageByBenchmark];
  const ownFiles = [...Object.values(REPORT_FILES), ...figureNames.flatMap((n) => [n.replace(/\.svg$/, ".png"), n.replace(/\.svg$/, ".pdf")])];
  for (const name of ownFiles) {
    const path = join(dir, name);
    const info = await lstat(path).catch(() => undefined);
    if (info !== undefined && (info.isFile() || info.isSymbolicLink())) await rm(path);
  }
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
        ...(report.benchmarks !== undefined && { passAtKByBenchmark: REPORT_FILES.passAtKByBenchmark, coverageByBenchmark: REPORT_FILES.coverageByBenchmark }),
      }),
    ],
  ];
  const figures: [string, () => ChartSpec][] = [
    [REPORT_FILES.passAtK, () => passAtKChartSpec(report)],
    [REPORT_FILES.accuracy, () => accuracyChartSpec(report)],
  ];
  if (hasComparison) figures.push([REPORT_FILES.coverage, () => coverageChartSpec(report)]);
  if (report.benchmarks !== undefined) {
    figures.push([REPORT_FILES.passAtKByBenchmark, () => passAtKGridChartSpec(report)], [REPORT_FILES.coverageByBenchmark, () => benchmarkCoverageChartSpec(report)]);
  }
  const formats = options.figures ?? ["svg"];
  // SVG is the source of PNG and PDF, so it is written whenever any figure is.
  const perFigure = formats.length === 0 ? 0 : 1 + (formats.includes("png") ? 1 : 0) + (formats.includes("pdf") ? 1 : 0);
  const total = tables.length + figures.length * perFigure + 1;
  const written: string[] = [];
  const write = async (name: string, content: string | Buffer): Promise<void> => {
    const path = join(dir, name);
    await writeFile(path, content);
    written.push(path);
    options.onProgress?.(written.length, total);
  };
  for (const [name, content] of tables) await write(name, content);
  try {
    for (const [name, spec] of perFigure === 0 ? [] : figures) {
      const svg = await renderSvg(spec());
      await write(name, svg);
      if (formats.includes("png")) await write(name.replace(/\.svg$/, ".png"), await renderPng(svg));
      if (formats.includes("pdf")) await write(name.replace(/\.svg$/, ".pdf"), await renderPdf(svg));
    }
    await write(REPORT_FILES.html, await reportHtml(report));
  } catch (e) {
    if (!(e instanceof FiguresUnavailableError) || options.onFiguresUnavailable === undefined) throw e;
    options.onFiguresUnavailable(e);
  }
  return written;
}
