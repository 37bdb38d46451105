// Barrel of the command-line area (Node-only: files, temp folders, child processes). The `passk`
// executable's entry is ./main.ts; this barrel exposes the same machinery for programmatic use and tests.
export { runCli } from "./cli.js";
export { nodeIo, type CliIo } from "./io.js";
export { EXIT_CODES, UsageError } from "./exitCodes.js";
export { parseInteger, parseKs, parseLevel, parseFiniteNumber, parseChoice, parseValueList } from "./parseOptions.js";
export { ProgressBar } from "./progressBar.js";
export {
  FORMAT_CHOICES,
  parseFileSpec,
  modelFromFileName,
  detectFormat,
  loadSamples,
  type SampleFormat,
  type FormatChoice,
  type FileSpec,
  type LoadOptions,
  type SourceSummary,
  type LoadedSamples,
} from "./loadSamples.js";
export {
  analyzeStudy,
  REPORT_FORMAT,
  REPORT_VERSION,
  type AnalyzeOptions,
  type StudyReport,
  type ModelReport,
  type ComparisonReport,
  type PassAtKRow,
  type DifferenceRow,
  type IntervalJSON,
  type BenchmarkReport,
} from "./studyReport.js";
export {
  parseBenchmarkFileSpec,
  benchmarkOfProblemId,
  loadBenchmarkSamples,
  type BenchmarkFileSpec,
  type BenchmarkSamples,
} from "./benchmarkFiles.js";
export { problemCounts, type ProblemCountsJSON } from "./problemCounts.js";
export { fixed, withInterval, describeCrossover, crossoverBound } from "./formatNumbers.js";
export { formatReportText } from "./reportText.js";
export { predictModels, formatPredictionText, PREDICTION_RESAMPLES, type ModelPrediction, type PredictModelsOptions } from "./predictionReport.js";
export { reportMarkdown } from "./reportMarkdown.js";
export { reportCsv, CSV_COLUMNS } from "./reportCsv.js";
export { writeReportFiles, checkReportFolder, REPORT_FILES } from "./writeReportFiles.js";
export { lmEvalSamplesFileName } from "./lmEvalFileName.js";
export { findRepeatedFiles, type InputFile, type RepeatedFile } from "./repeatedFiles.js";
export {
  readVerifyInput,
  VERIFY_FORMAT_CHOICES,
  BENCHMARK_CHOICES,
  type BenchmarkChoice,
  type VerifyInputFormat,
  type VerifyInputOptions,
  type VerifyItem,
  type VerifyInput,
} from "./verifyInput.js";
export { generateDemoStudy, demoModelJsonl, type DemoStudy, type DemoModel, type DemoStudyOptions } from "./demoStudy.js";
export { renderSvg, FiguresUnavailableError, type ChartSpec } from "./plots/renderSvg.js";
export { reportHtml } from "./reportHtml.js";
export { parseFigureFormats, renderPdf, renderPng, type FigureFormat } from "./plots/figureFiles.js";
export { CHART_CONFIG, CHART_FONT, MODEL_COLORS, NEUTRAL_COLORS, modelColors } from "./plots/chartTheme.js";
export { fittedShareDomain } from "./plots/axisDomain.js";
export { passAtKChartSpec } from "./plots/passAtKChart.js";
export { passAtKLayers, type PassAtKPlotInput } from "./plots/passAtKLayers.js";
export { passAtKGridChartSpec } from "./plots/passAtKGridChart.js";
export { benchmarkCoverageChartSpec } from "./plots/benchmarkCoverageChart.js";
export { accuracyChartSpec, histogramBinExtent } from "./plots/accuracyChart.js";
export { coverageChartSpec } from "./plots/coverageChart.js";
export { runReport, printReport, type ReportCommandOptions } from "./commands/reportCommand.js";
export { runDemo, type DemoCommandOptions } from "./commands/demoCommand.js";
export {
  runVerify,
  verifierFor,
  VERIFIER_CHOICES,
  type VerifierChoice,
  type VerifyCommandOptions,
  type VerifySummary,
} from "./commands/verifyCommand.js";
export { packageVersion } from "./version.js";
export { runMerge, type MergeCommandOptions } from "./commands/mergeCommand.js";
export { readTallyFile, looksLikeTallies } from "./tallyFile.js";
export {
  runPerplexityScore,
  runPerplexityReport,
  registerPerplexityCommands,
  PERPLEXITY_REPORT_FILES,
  type PerplexityScoreOptions,
  type PerplexityReportCommandOptions,
} from "./commands/perplexityCommand.js";
export { formatPerplexityReportText, perplexityReportMarkdown } from "./perplexityReportText.js";
export { perplexityChartSpec } from "./plots/perplexityChart.js";
export { generateDemoPerplexity, type DemoPerplexitySet, type DemoPerplexityOptions } from "./demoStudy.js";
