/**
 * The numbers of a `passk report`: every analysis of the study, as one plain JSON object.
 * @module
 */
import {
  accuracyHistogram,
  bootstrapCoverage,
  bootstrapCrossover,
  bootstrapPassAtK,
  bootstrapSamplingEfficiencyGap,
  compareCoverage,
  comparePassAtK,
  passAtKCrossover,
  samplingEfficiencyGap,
  type BootstrapEstimate,
  type CoverageComparison,
  type Crossover,
  type CrossoverBootstrap,
} from "../analysis/index.js";
import { powersOfTwoUpTo } from "../analysis/crossover.js";
import { alignPair } from "../analysis/modelTallies.js";
import { EmptyDatasetError } from "../errors/errors.js";
import { passAtK } from "../estimators/passAtK.js";
import { meanPassAtK } from "../estimators/passAtKCurve.js";
import type { Tally } from "../estimators/tally.js";
import { UsageError } from "./exitCodes.js";
import { fixed } from "./formatNumbers.js";
import type { SourceSummary } from "./loadSamples.js";
import { problemCounts, type ProblemCountsJSON } from "./problemCounts.js";

/**
 * Format tag of the report JSON (its `format` field).
 *
 * @example
 * ```ts
 * import { REPORT_FORMAT, REPORT_VERSION } from "passk/cli";
 * console.log(REPORT_FORMAT, REPORT_VERSION); // => passk.report 1
 * ```
 */
export const REPORT_FORMAT = "passk.report";

/**
 * Version of the report JSON layout (its `version` field); bumped when a field changes meaning.
 *
 * @example
 * ```ts
 * import { REPORT_VERSION } from "passk/cli";
 * console.log(REPORT_VERSION); // => 1
 * ```
 */
export const REPORT_VERSION = 1;

/**
 * A point estimate with its analytic standard error and percentile bootstrap interval (the
 * analyses' {@link BootstrapEstimate}). With a single problem there is no spread to resample:
 * `standardError`, `lower` and `upper` are then null (the report's `warnings` say so).
 */
export interface IntervalJSON {
  /** The statistic on the full dataset. */
  readonly estimate: number;
  /** s/√P over problems; null with one problem. */
  readonly standardError: number | null;
  /** Lower end of the percentile bootstrap interval; null with one problem. */
  readonly lower: number | null;
  /** Upper end of the percentile bootstrap interval; null with one problem. */
  readonly upper: number | null;
}

/** Mean pass@k of one model at one k. */
export interface PassAtKRow extends IntervalJSON {
  /** The budget k. */
  readonly k: number;
}

/** One model's part of the report. */
export interface ModelReport {
  /** Model name. */
  readonly model: string;
  /** Number of problems. */
  readonly problems: number;
  /** Fewest samples drawn for a problem. */
  readonly minSamples: number;
  /** Most samples drawn for a problem. */
  readonly maxSamples: number;
  /** Total samples. */
  readonly totalSamples: number;
  /** Mean pass@k with bootstrap intervals, one row per k. */
  readonly passAtK: readonly PassAtKRow[];
  /** Coverage: problems solved at least once, their share and its bootstrap interval. */
  readonly coverage: IntervalJSON & { readonly solved: number };
  /** Histogram of per-problem accuracy c/n (bins 0, (0, 0.1), ..., [0.9, 1), 1). */
  readonly accuracyHistogram: ReadonlyArray<{ readonly label: string; readonly count: number; readonly share: number }>;
  /** Mean and median per-problem accuracy. */
  readonly accuracy: { readonly mean: number; readonly median: number };
}

/** Paired difference of mean pass@k between a model and the base at one k (model − base). */
export interface DifferenceRow extends IntervalJSON {
  /** The budget k. */
  readonly k: number;
  /** Problems where the model's pass@k is higher than the base's. */
  readonly wins: number;
  /** Problems where they are equal. */
  readonly ties: number;
  /** Problems where the model's pass@k is lower. */
  readonly losses: number;
}

/** A model compared with the base model. */
export interface ComparisonReport {
  /** The base model. */
  readonly base: string;
  /** The compared (e.g. RL-trained) model. */
  readonly model: string;
  /** Set comparison of the solved problems (c > 0). */
  readonly coverage: {
    readonly both: number;
    readonly baseOnly: number;
    readonly modelOnly: number;
    readonly neither: number;
    readonly jaccard: number;
    /** Ids of the problems only the base solves. */
    readonly baseOnlyProblems: readonly string[];
    /** Ids of the problems only the model solves. */
    readonly modelOnlyProblems: readonly string[];
  };
  /** Paired pass@k difference (model − base) with bootstrap intervals, one row per k. */
  readonly passAtKDifference: readonly DifferenceRow[];
  /** ΔSE = pass@k(base) − pass@1(model) at the largest k of the report, with its bootstrap interval. */
  readonly samplingEfficiencyGap: IntervalJSON & { readonly k: number; readonly basePassAtK: number; readonly modelPassAt1: number };
  /** Where the base curve catches up with the model's, with the bootstrap interval of that k (null bounds and counts with one problem). */
  readonly crossover: {
    readonly estimate: Crossover;
    readonly lower: Crossover | null;
    readonly upper: Crossover | null;
    readonly counts: CrossoverBootstrap["counts"] | null;
  };
}

/**
 * The analyses of one benchmark of a study (`passk report --by-benchmark`): the same models,
 * comparisons and warnings as the whole report, computed on that benchmark's problems only.
 */
export interface BenchmarkReport {
  /** The benchmark's name. */
  readonly benchmark: string;
  /** Its number of problems. */
  readonly problems: number;
  /** Its budgets: the report's `--ks`, else the powers of two up to this benchmark's smallest n (and that n). */
  readonly ks: readonly number[];
  /** Per model, in the order of the report's `models`. */
  readonly models: readonly ModelReport[];
  /** Each non-base model against the base, in the order of `models`. */
  readonly comparisons: readonly ComparisonReport[];
  /** What this benchmark's numbers need to be read with (as the report's `warnings`). */
  readonly warnings: readonly string[];
}

/** Everything `passk report` computes; written verbatim as report.json. */
export interface StudyReport {
  /** Always {@link REPORT_FORMAT}. */
  readonly format: typeof REPORT_FORMAT;
  /** Always {@link REPORT_VERSION}. */
  readonly version: typeof REPORT_VERSION;
  /** The files read (empty when the report was built from tallies directly). */
  readonly sources: readonly SourceSummary[];
  /** The settings used. */
  readonly settings: {
    readonly ks: readonly number[];
    readonly base: string;
    readonly seed: number;
    readonly resamples: number;
    readonly level: number;
  };
  /** Per model, base first, then the others in name order. */
  readonly models: readonly ModelReport[];
  /** Each non-base model against the base, in the order of `models`. */
  readonly comparisons: readonly ComparisonReport[];
  /** c and n of every model on every problem (the per-problem view of report.html). */
  readonly problemCounts: ProblemCountsJSON;
  /** Per benchmark, in name order; present only when the analysis was asked to group problems ({@link AnalyzeOptions.benchmarkOf}). */
  readonly benchmarks?: readonly BenchmarkReport[];
  /**
   * What the numbers need to be read with (the CLI prints each as a warning): unequal samples per
   * problem, with coverage and ΔSE at the largest common budget; intervals omitted for one problem.
   */
  readonly warnings: readonly string[];
}

/** Options of {@link analyzeStudy}. */
export interface AnalyzeOptions {
  /** Budgets (strictly increasing); default the powers of two up to the smallest n of any model. */
  readonly ks?: readonly number[];
  /** The base model; default the model named `base`, else the first in name order. */
  readonly base?: string;
  /** Bootstrap seed. */
  readonly seed: number;
  /** Bootstrap resamples (default 10,000). */
  readonly resamples?: number;
  /** Interval level (default 0.95). */
  readonly level?: number;
  /** Summaries of the files read, copied into the report. */
  readonly sources?: readonly SourceSummary[];
  /**
   * The benchmark of a problem id: with it, the report also holds every analysis per benchmark
   * (`benchmarks`), for the grid of pass@k panels. It may throw (a typed error) for an id that
   * names no benchmark.
   */
  readonly benchmarkOf?: (problemId: string) => string;
  /** Called after each analysis step (the bootstraps take most of the time), for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Keeps only the interval fields of a richer bootstrap result, so report.json stays lean. */
function interval(e: BootstrapEstimate): IntervalJSON {
  return { estimate: e.estimate, lower: e.lower, upper: e.upper, standardError: e.standardError };
}

/** A point estimate without an interval (one problem: nothing to resample). */
function pointOnly(estimate: number): IntervalJSON {
  return { estimate, lower: null, upper: null, standardError: null };
}

/**
 * The default budgets: the powers of two up to the smallest n, and that n itself when it is not a
 * power of two, so the curve (and ΔSE, at the last k) reaches the largest budget every problem of
 * every model has, instead of stopping at the power of two below it.
 */
function defaultKs(minN: number): number[] {
  const ks = powersOfTwoUpTo(minN);
  if (ks[ks.length - 1] !== minN) ks.push(minN);
  return ks;
}

function nRange(list: readonly Tally[]): { min: number; max: number } {
  let min = Infinity;
  let max = 0;
  for (const t of list) {
    min = Math.min(min, t.n);
    max = Math.max(max, t.n);
  }
  return { min, max };
}

/**
 * The warning for unequal samples per problem (across models, or within one: a truncated file).
 * Coverage, "solved among all samples drawn", then compares different budgets; pass@k at the
 * largest common budget K is the expected coverage had every problem K samples, and ΔSE is
 * reported at K too.
 */
function unequalSamplesWarning(order: readonly string[], tallies: (m: string) => readonly Tally[], minN: number): string | undefined {
  const ranges = order.map((m) => ({ model: m, ...nRange(tallies(m)) }));
  if (ranges.every((r) => r.min === minN && r.max === minN)) return undefined;
  const describe = (r: { model: string; min: number; max: number }): string => {
    if (r.min === r.max) return `${r.model} n = ${r.min}`;
    const short = tallies(r.model).filter((t) => t.n < r.max);
    const shown = short.slice(0, 3).map((t) => `${JSON.stringify(t.problemId)} n = ${t.n}`).join(", ");
    const more = short.length > 3 ? `, ${short.length - 3} more` : "";
    return `${r.model} n = ${r.min} to ${r.max} (${short.length} problem${short.length === 1 ? "" : "s"} below ${r.max}: ${shown}${more}; a truncated file?)`;
  };
  const base = order[0] as string;
  const coverageAtK = order.map((m) => `${m} ${fixed(meanPassAtK(tallies(m), minN))}`).join(", ");
  const gaps = order
    .slice(1)
    .map((m) => `${m} ${fixed(samplingEfficiencyGap(tallies(base), tallies(m), { k: minN }).gap)}`)
    .join(", ");
  return (
    `unequal samples per problem: ${ranges.map(describe).join("; ")}. Coverage counts problems solved among all samples drawn, ` +
    `so it is not comparable at unequal n. At the largest common budget k = ${minN}: expected coverage (pass@${minN}) ${coverageAtK}` +
    (gaps === "" ? "." : `; ΔSE = pass@${minN}(${base}) − pass@1(model): ${gaps}.`)
  );
}

/** The solved-set comparison of a base and one model (the only pair of `sets`), as reported. */
function coverageSummary(sets: CoverageComparison): ComparisonReport["coverage"] {
  const pair = sets.pairs[0] as (typeof sets.pairs)[number];
  return {
    both: pair.intersection,
    baseOnly: pair.onlyA.length,
    modelOnly: pair.onlyB.length,
    neither: sets.solvedByNone.length,
    jaccard: pair.jaccard,
    baseOnlyProblems: pair.onlyA,
    modelOnlyProblems: pair.onlyB,
  };
}

/** The comparison of one model with the base when there is a single problem: point estimates only. */
function pointComparison(base: string, model: string, b: readonly Tally[], r: readonly Tally[], ks: readonly number[], gapK: number): ComparisonReport {
  const [tb, tr] = alignPair(b, r, base, model);
  const sets = compareCoverage(new Map([[base, tb], [model, tr]]));
  const point = samplingEfficiencyGap(tb, tr, { k: gapK });
  return {
    base,
    model,
    coverage: coverageSummary(sets),
    passAtKDifference: ks.map((k) => {
      let sum = 0;
      let wins = 0;
      let ties = 0;
      let losses = 0;
      tb.forEach((t, i) => {
        const x = passAtK((tr[i] as Tally).n, (tr[i] as Tally).c, k);
        const y = passAtK(t.n, t.c, k);
        sum += x - y;
        if (x > y) wins++;
        else if (x < y) losses++;
        else ties++;
      });
      return { k, wins, ties, losses, ...pointOnly(sum / tb.length) };
    }),
    samplingEfficiencyGap: { k: gapK, basePassAtK: point.basePassAtK, modelPassAt1: point.rlPassAt1, ...pointOnly(point.gap) },
    crossover: { estimate: passAtKCrossover(tb, tr, ks), lower: null, upper: null, counts: null },
  };
}

/**
 * Runs every analysis of the study on per-model tallies: per model the pass@k curve with
 * percentile bootstrap intervals (`bootstrapPassAtK`), coverage (`bootstrapCoverage`) and the
 * accuracy histogram (`accuracyHistogram`); for each other model against the base the solved-set
 * comparison (`compareCoverage`), the paired pass@k difference (`comparePassAtK`), ΔSE at the
 * largest k (`bootstrapSamplingEfficiencyGap`) and the crossover k (`bootstrapCrossover`). All
 * bootstraps use the same seed, so the same input gives the same report.
 *
 * The default ks are the powers of two up to the smallest n of any problem of any model, plus
 * that n itself. Unequal samples per problem (across models, or a truncated file) add a warning
 * with the expected coverage and ΔSE at that largest common budget. With a single problem the
 * bootstrap has nothing to resample: the report gives point estimates with null intervals and a
 * warning saying why.
 *
 * @param models - model name → tallies (at least one model; compared models must cover the same problems)
 * @param options - see {@link AnalyzeOptions}
 * @throws {@link UsageError} when `base` names no model; the errors of the analyses
 *   (`KExceedsSamplesError` for a k above some n, `MismatchedProblemsError` for different problem sets)
 *
 * @example
 * ```ts
 * import { analyzeStudy } from "passk/cli";
 * const report = analyzeStudy(new Map([
 *   ["base", [{ problemId: "a", n: 4, c: 1 }, { problemId: "b", n: 4, c: 0 }]],
 *   ["rl", [{ problemId: "a", n: 4, c: 4 }, { problemId: "b", n: 4, c: 0 }]],
 * ]), { seed: 1, resamples: 200 });
 * console.log(report.settings.ks, report.models[0]!.passAtK.map((r) => r.estimate)); // => [ 1, 2, 4 ] [ 0.125, 0.25, 0.5 ]
 * console.log(report.comparisons[0]!.coverage.both, report.comparisons[0]!.samplingEfficiencyGap.estimate); // => 1 0
 * const one = analyzeStudy(new Map([["m", [{ problemId: "a", n: 3, c: 1 }]]]), { seed: 1 });
 * console.log(one.settings.ks, one.models[0]!.passAtK[2], one.warnings.length); // => [ 1, 2, 3 ] { k: 3, estimate: 1, lower: null, upper: null, standardError: null } 1
 * ```
 */
export function analyzeStudy(models: ReadonlyMap<string, readonly Tally[]>, options: AnalyzeOptions): StudyReport {
  const names = [...models.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) throw new EmptyDatasetError("no sample records were read: there is no model to report on", { field: "files" });
  const base = options.base ?? (models.has("base") ? "base" : (names[0] as string));
  if (!models.has(base)) {
    throw new UsageError(`--base ${JSON.stringify(base)} names no model in the data; models: ${names.map((m) => JSON.stringify(m)).join(", ")}`, {
      field: "--base",
      value: base,
    });
  }
  const order = [base, ...names.filter((m) => m !== base)];
  const tallies = (m: string) => models.get(m) as readonly Tally[];
  let minN = Infinity;
  for (const m of order) for (const t of tallies(m)) minN = Math.min(minN, t.n);
  const ks = options.ks ?? defaultKs(minN);
  const boot = { seed: options.seed, resamples: options.resamples ?? 10_000, level: options.level ?? 0.95 };
  const warnings: string[] = [];
  const groups = options.benchmarkOf === undefined ? undefined : benchmarkGroups(order, tallies, options.benchmarkOf);
  const unequal = (groups && benchmarkSamplesWarning(groups, minN)) ?? unequalSamplesWarning(order, tallies, minN);
  if (unequal !== undefined) warnings.push(unequal);
  const problems = Math.max(...order.map((m) => tallies(m).length));
  const resampled = problems >= 2;
  if (!resampled) {
    warnings.push(
      "intervals omitted: the bootstrap resamples problems, and there is only 1; the report gives point estimates " +
        "(standard errors and interval bounds are null)",
    );
  }
  const perAnalysis = order.length * 2 + (order.length - 1) * 3;
  const steps = perAnalysis * (1 + (groups?.size ?? 0));
  let done = 0;
  options.onProgress?.(0, steps);
  /** Reports `weight` steps done (a comparison without bootstrap stands for its three bootstraps). */
  const step = <T>(value: T, weight = 1): T => {
    done += weight;
    options.onProgress?.(done, steps);
    return value;
  };

  const modelReports: ModelReport[] = order.map((model) => {
    const list = tallies(model);
    const passAtKRows = resampled
      ? step(bootstrapPassAtK(list, ks, boot)).points.map((p) => ({ k: p.k, ...interval(p) }))
      : step(ks.map((k) => ({ k, ...pointOnly(meanPassAtK(list, k)) })));
    const hist = accuracyHistogram(list);
    let solved = 0;
    let total = 0;
    for (const t of list) {
      total += t.n;
      if (t.c > 0) solved++;
    }
    const cov = resampled ? interval(step(bootstrapCoverage(list, boot))) : step(pointOnly(solved / list.length));
    const { min, max } = nRange(list);
    return {
      model,
      problems: list.length,
      minSamples: min,
      maxSamples: max,
      totalSamples: total,
      passAtK: passAtKRows,
      coverage: { solved, ...cov },
      accuracyHistogram: hist.bins.map((b) => ({ label: b.label, count: b.count, share: b.share })),
      accuracy: { mean: hist.summary.mean, median: hist.summary.median },
    };
  });

  const gapK = ks[ks.length - 1] as number;
  const comparisons: ComparisonReport[] = order.slice(1).map((model) => {
    const b = tallies(base);
    const r = tallies(model);
    if (!resampled) return step(pointComparison(base, model, b, r, ks, gapK), 3);
    const sets = compareCoverage(new Map([[base, b], [model, r]]));
    const diff = step(comparePassAtK(r, b, ks, boot));
    const gap = step(bootstrapSamplingEfficiencyGap(b, r, { ...boot, k: gapK }));
    const point = samplingEfficiencyGap(b, r, { k: gapK });
    const cross = step(bootstrapCrossover(b, r, ks, boot));
    return {
      base,
      model,
      coverage: coverageSummary(sets),
      passAtKDifference: diff.points.map((p) => ({ k: p.k, wins: p.wins, ties: p.ties, losses: p.losses, ...interval(p) })),
      samplingEfficiencyGap: { k: gapK, basePassAtK: point.basePassAtK, modelPassAt1: point.rlPassAt1, ...interval(gap) },
      crossover: { estimate: cross.estimate, lower: cross.lower, upper: cross.upper, counts: cross.counts },
    };
  });

  const benchmarks = groups && [...groups].map(([benchmark, subset]): BenchmarkReport => {
    const offset = done;
    const sub = analyzeStudy(subset, {
      seed: boot.seed,
      resamples: boot.resamples,
      level: boot.level,
      base,
      ...(options.ks !== undefined && { ks: options.ks }),
      onProgress: (d) => options.onProgress?.(offset + d, steps),
    });
    done = offset + perAnalysis;
    return { benchmark, problems: sub.models[0]?.problems ?? 0, ks: sub.settings.ks, models: sub.models, comparisons: sub.comparisons, warnings: sub.warnings };
  });

  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    sources: options.sources ?? [],
    settings: { ks, base, ...boot },
    models: modelReports,
    comparisons,
    problemCounts: problemCounts(order, tallies),
    ...(benchmarks !== undefined && { benchmarks }),
    warnings,
  };
}

/**
 * The warning for a study whose benchmarks were sampled differently (AIME 1,024 times, MATH
 * 256) but each benchmark evenly: the pooled coverage then mixes budgets, while each benchmark's
 * numbers are at its own n. Undefined when some benchmark itself has unequal n (the general
 * warning, naming the short problems, applies) or when every problem has the same n.
 */
function benchmarkSamplesWarning(groups: ReadonlyMap<string, ReadonlyMap<string, readonly Tally[]>>, minN: number): string | undefined {
  const ns: [string, number][] = [];
  for (const [name, group] of groups) {
    const range = nRange([...group.values()].flat());
    if (range.min !== range.max) return undefined;
    ns.push([name, range.min]);
  }
  if (ns.every(([, n]) => n === minN)) return undefined;
  return (
    `samples per problem differ between benchmarks (${ns.map(([b, n]) => `${b} n = ${n}`).join(", ")}): the pooled coverage counts problems solved ` +
    `among different budgets and the pooled ks end at the smallest n, ${minN}; each benchmark's numbers (benchmarks) are at its own n`
  );
}

/**
 * Splits every model's tallies by benchmark: benchmark name (sorted) → model → its tallies of
 * that benchmark, models in report order.
 */
function benchmarkGroups(
  order: readonly string[],
  tallies: (m: string) => readonly Tally[],
  benchmarkOf: (problemId: string) => string,
): Map<string, Map<string, Tally[]>> {
  const byName = new Map<string, Map<string, Tally[]>>();
  for (const model of order) {
    for (const t of tallies(model)) {
      const name = benchmarkOf(t.problemId);
      let group = byName.get(name);
      if (group === undefined) byName.set(name, (group = new Map(order.map((m) => [m, []]))));
      (group.get(model) as Tally[]).push(t);
    }
  }
  const names = [...byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(
    names.map((name) => {
      const group = byName.get(name) as Map<string, Tally[]>;
      // A model without a problem of this benchmark is left out of it (its comparison could not run).
      return [name, new Map([...group].filter(([, list]) => list.length > 0))];
    }),
  );
}
