/**
 * `passk report`: sample files in, tables, JSON, CSV, Markdown and figures out.
 * @module
 */
import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { Tally } from "../../estimators/tally.js";
import type { CliIo } from "../io.js";
import { benchmarkOfProblemId, loadBenchmarkSamples, parseBenchmarkFileSpec } from "../benchmarkFiles.js";
import { loadSamples, parseFileSpec, type LoadOptions, type SourceSummary } from "../loadSamples.js";
import { predictModels, formatPredictionText, type ModelPrediction } from "../predictionReport.js";
import { ProgressBar } from "../progressBar.js";
import { formatReportText } from "../reportText.js";
import { analyzeStudy, type StudyReport } from "../studyReport.js";
import type { FigureFormat } from "../plots/figureFiles.js";
import { checkReportFolder, writeReportFiles } from "../writeReportFiles.js";

/** Options of {@link runReport} (the parsed command line of `passk report`). */
export interface ReportCommandOptions extends LoadOptions {
  /** Budgets; default the powers of two up to the smallest n. */
  readonly ks?: readonly number[];
  /** The base model. */
  readonly base?: string;
  /** Output folder (default `passk-report`). */
  readonly out: string;
  /** Bootstrap seed. */
  readonly seed: number;
  /** Bootstrap resamples. */
  readonly resamples: number;
  /** Interval level. */
  readonly level: number;
  /** Print the report JSON on stdout instead of the tables. */
  readonly json: boolean;
  /** No progress bar. */
  readonly quiet: boolean;
  /** Figure file formats (default svg only; `[]` writes no figures). */
  readonly figures?: readonly FigureFormat[];
  /**
   * Analyze each benchmark apart too (the grid of pass@k panels): a problem's benchmark is the
   * `BENCH:` of its file argument (`BENCH:MODEL=PATH`), else the part of its id before the first `/`.
   */
  readonly byBenchmark?: boolean;
  /** Also print pass@K extrapolated beyond the samples drawn, for this K (model-based; see {@link predictModels}). */
  readonly predict?: number;
}

/** Path for display: relative to cwd when inside it. */
function shown(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/**
 * Prints a report (tables, or JSON with `json`) and the list of files written.
 *
 * @param io - the streams
 * @param report - the report
 * @param written - absolute paths written
 * @param json - print the report JSON instead of the tables
 * @param predictions - from `--predict`: printed after the tables, or as `predictions` in the JSON
 *
 * @example
 * ```ts
 * import { analyzeStudy, printReport } from "passk/cli";
 * const out: string[] = [];
 * const io = { stdout: (s: string) => out.push(s), stderr: () => {}, stderrIsTTY: false, stderrColumns: 80, cwd: "/tmp" };
 * const report = analyzeStudy(new Map([["m", [{ problemId: "a", n: 2, c: 1 }, { problemId: "b", n: 2, c: 2 }]]]), { seed: 1, resamples: 10 });
 * printReport(io, report, ["/tmp/r/report.json"], true);
 * console.log(JSON.parse(out.join("")).models[0].model); // => m
 * ```
 */
export function printReport(
  io: CliIo,
  report: StudyReport,
  written: readonly string[],
  json: boolean,
  predictions?: readonly ModelPrediction[],
): void {
  if (json) {
    io.stdout(`${JSON.stringify(predictions ? { ...report, predictions } : report, null, 2)}\n`);
    return;
  }
  io.stdout(formatReportText(report));
  if (predictions) io.stdout(`\n${formatPredictionText(predictions, report.settings.level)}`);
  io.stdout(`\nwrote ${written.map((p) => shown(io, p)).join(", ")}\n`);
}

/**
 * Runs `passk report`: checks the output folder, reads the files, analyzes every model, writes the
 * outputs into `out` and prints the tables (or JSON). Warnings (a repeats task read as one sample
 * per document, unequal samples per problem, intervals omitted for one problem) go to standard
 * error as `passk: warning: ...`; the progress bar covers reading, the bootstraps and the figures.
 *
 * @param io - the streams
 * @param fileArgs - the file arguments (`PATH` or `MODEL=PATH`; with `byBenchmark` also `BENCH:MODEL=PATH`)
 * @param options - see {@link ReportCommandOptions}
 * @returns the report
 * @throws the errors of {@link loadSamples} and {@link analyzeStudy}
 *
 * @example
 * ```ts
 * import { runReport } from "passk/cli";
 * import type { PasskError } from "passk";
 * const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, stderrColumns: 80, cwd: "/" };
 * try {
 *   await runReport(io, ["/nonexistent.jsonl"], { format: "auto", out: "/tmp/x", seed: 0, resamples: 10, level: 0.95, json: false, quiet: true });
 * } catch (e) {
 *   console.log((e as PasskError).code); // => INGEST_ERROR
 * }
 * ```
 */
export async function runReport(io: CliIo, fileArgs: readonly string[], options: ReportCommandOptions): Promise<StudyReport> {
  const exists = (p: string) => existsSync(resolve(io.cwd, p));
  const byBenchmark = options.byBenchmark === true;
  const specs = byBenchmark ? fileArgs.map((arg) => parseBenchmarkFileSpec(arg, exists)) : fileArgs.map((arg) => parseFileSpec(arg, exists));
  const outDir = resolve(io.cwd, options.out);
  await checkReportFolder(outDir, options.out);
  const progress = new ProgressBar(io, { quiet: options.quiet });
  const warn = (text: string) => io.stderr(`passk: warning: ${text}\n`);
  let models: Map<string, Tally[]>;
  let sources: readonly SourceSummary[];
  if (byBenchmark) {
    const loaded = await loadBenchmarkSamples(specs as ReturnType<typeof parseBenchmarkFileSpec>[], options, io.cwd, progress);
    loaded.warnings.forEach(warn);
    ({ models, sources } = loaded);
  } else {
    const loaded = await loadSamples(specs as ReturnType<typeof parseFileSpec>[], options, io.cwd, progress);
    loaded.warnings.forEach(warn);
    const acc = loaded.accumulator;
    models = new Map<string, Tally[]>(acc.models().map((m) => [m, acc.talliesFor(m)]));
    sources = loaded.sources;
  }
  let report: StudyReport;
  try {
    report = analyzeStudy(models, {
      seed: options.seed,
      resamples: options.resamples,
      level: options.level,
      sources,
      onProgress: (done, total) => progress.update("bootstrap", done, total),
      ...(options.ks !== undefined && { ks: options.ks }),
      ...(options.base !== undefined && { base: options.base }),
      ...(byBenchmark && { benchmarkOf: benchmarkOfProblemId }),
    });
  } finally {
    progress.done();
  }
  report.warnings.forEach(warn);
  let written: string[];
  try {
    written = await writeReportFiles(report, outDir, {
      onFiguresUnavailable: (e) => {
        progress.done();
        warn(`no figures written: ${e.message}`);
      },
      onProgress: (done, total) => progress.update(`writing ${options.out}`, done, total),
      ...(options.figures !== undefined && { figures: options.figures }),
    });
  } finally {
    progress.done();
  }
  const predictions =
    options.predict === undefined ? undefined : predictModels(models, options.predict, { seed: options.seed, level: options.level, resamples: options.resamples });
  printReport(io, report, written, options.json, predictions);
  return report;
}
