/**
 * The sampling-efficiency gap ΔSE between a base model and an RL-trained model.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { passAtK } from "../estimators/passAtK.js";
import type { Tally } from "../estimators/tally.js";
import { assertK } from "../estimators/validate.js";
import { assertResamplable, estimateColumn, resampleMeans, type BootstrapEstimate } from "./bootstrapEngine.js";
import { resolveBootstrapOptions, type BootstrapOptions } from "./bootstrapOptions.js";
import { alignPair, modelEntries, smallestN, type ModelTallies } from "./modelTallies.js";

/** ΔSE of one RL model against its base model on one benchmark. */
export interface SamplingEfficiencyGap {
  /** The base model's budget k. */
  readonly k: number;
  /** Mean pass@k of the base model. */
  readonly basePassAtK: number;
  /** Mean pass@1 of the RL model. */
  readonly rlPassAt1: number;
  /** ΔSE = basePassAtK − rlPassAt1 (lower is better for the RL model). */
  readonly gap: number;
}

/** Options of {@link samplingEfficiencyGap}. */
export interface SamplingEfficiencyGapOptions {
  /** Budget k of the base model (default 256, as in Yue et al. 2025). */
  readonly k?: number;
}

function budget(options: SamplingEfficiencyGapOptions | undefined): number {
  return options?.k ?? 256;
}

/**
 * Per-problem pass@k of the base model and pass@1 of the RL model, after aligning the problems and
 * checking k against the base model's smallest n and 1 against the RL model's.
 */
function perProblem(base: Iterable<Tally>, rl: Iterable<Tally>, k: number): [Float64Array, Float64Array] {
  const [b, r] = alignPair(base, rl, "base", "rl");
  const minB = smallestN(b);
  assertK(k, minB.n, minB.problemId, "k");
  const minR = smallestN(r);
  assertK(1, minR.n, minR.problemId, "k of the rl model (pass@1)");
  return [Float64Array.from(b, (t) => passAtK(t.n, t.c, k)), Float64Array.from(r, (t) => passAtK(t.n, t.c, 1))];
}

/**
 * Sampling-efficiency gap (Yue et al. 2025, "Does Reinforcement Learning Really Incentivize
 * Reasoning Capacity in LLMs Beyond the Base Model?"):
 *
 *     ΔSE = pass@k(base) − pass@1(RL),  k = 256 by default
 *
 * the distance between what the base model reaches with k samples and what the RL model reaches with
 * one. Lower is better for the RL model. Both means run over the same problems (pass@1 = c/n).
 *
 * @param base - the base model's tallies
 * @param rl - the RL model's tallies, on exactly the same problem ids
 * @param options - `k` (default 256), 1 ≤ k ≤ every n of the base model
 * @throws {@link MismatchedProblemsError} when the problem sets differ; {@link KExceedsSamplesError}
 *   when k exceeds a base tally's n (e.g. the default 256 with 128 samples); the tally errors of {@link meanPassAtK}
 *
 * @example
 * ```ts
 * import { samplingEfficiencyGap } from "passk";
 * const base = [{ problemId: "a", n: 4, c: 1 }, { problemId: "b", n: 4, c: 0 }];
 * const rl = [{ problemId: "a", n: 4, c: 2 }, { problemId: "b", n: 4, c: 0 }];
 * // base pass@4 = (1 + 0)/2, RL pass@1 = (2/4 + 0)/2
 * console.log(samplingEfficiencyGap(base, rl, { k: 4 })); // => { k: 4, basePassAtK: 0.5, rlPassAt1: 0.25, gap: 0.25 }
 * ```
 */
export function samplingEfficiencyGap(base: Iterable<Tally>, rl: Iterable<Tally>, options?: SamplingEfficiencyGapOptions): SamplingEfficiencyGap {
  const k = budget(options);
  const [b, r] = perProblem(base, rl, k);
  let sumBase = 0;
  let sumRl = 0;
  for (let p = 0; p < b.length; p++) {
    sumBase += b[p] as number;
    sumRl += r[p] as number;
  }
  const basePassAtK = sumBase / b.length;
  const rlPassAt1 = sumRl / b.length;
  return { k, basePassAtK, rlPassAt1, gap: basePassAtK - rlPassAt1 };
}

/** One benchmark of a {@link samplingEfficiencyGapTable}: a base model and the RL models trained from it. */
export interface GapBenchmark {
  /** Benchmark name, e.g. `"MATH500"`. */
  readonly benchmark: string;
  /** The base model's tallies on this benchmark. */
  readonly base: Iterable<Tally>;
  /** RL model name → tallies on this benchmark (same problems as `base`). */
  readonly rl: ModelTallies;
}

/** One cell of the ΔSE table. */
export interface GapTableRow extends SamplingEfficiencyGap {
  /** Benchmark name. */
  readonly benchmark: string;
  /** RL model name. */
  readonly model: string;
}

/** The ΔSE table of one base model against several RL models on several benchmarks. */
export interface GapTable {
  /** The base model's budget k. */
  readonly k: number;
  /** One row per (benchmark, RL model), benchmarks in input order, models in input order. */
  readonly rows: readonly GapTableRow[];
  /** Per RL model (first-seen order): the mean of its ΔSE over the benchmarks it appears in. */
  readonly meanByModel: ReadonlyArray<{
    /** The RL model. */
    readonly model: string;
    /** Number of benchmarks it was evaluated on. */
    readonly benchmarks: number;
    /** Its mean ΔSE over those benchmarks. */
    readonly meanGap: number;
  }>;
}

/**
 * The ΔSE table (see {@link samplingEfficiencyGap}) for one base model and many RL models across
 * several benchmarks, with each RL model's mean ΔSE over the benchmarks it was evaluated on.
 *
 * @param benchmarks - one {@link GapBenchmark} per benchmark (names unique)
 * @param options - `k` (default 256)
 * @throws {@link InvalidArgumentError} for no benchmarks or a repeated benchmark name; the errors of {@link samplingEfficiencyGap}
 *
 * @example
 * ```ts
 * import { samplingEfficiencyGapTable } from "passk";
 * const table = samplingEfficiencyGapTable(
 *   [
 *     { benchmark: "A", base: [{ problemId: "a1", n: 2, c: 1 }], rl: { ppo: [{ problemId: "a1", n: 2, c: 2 }] } },
 *     { benchmark: "B", base: [{ problemId: "b1", n: 2, c: 1 }], rl: { ppo: [{ problemId: "b1", n: 2, c: 0 }] } },
 *   ],
 *   { k: 2 },
 * );
 * console.log(table.rows.map((r) => r.gap), table.meanByModel); // => [ 0, 1 ] [ { model: 'ppo', benchmarks: 2, meanGap: 0.5 } ]
 * ```
 */
export function samplingEfficiencyGapTable(benchmarks: Iterable<GapBenchmark>, options?: SamplingEfficiencyGapOptions): GapTable {
  const k = budget(options);
  const list = [...benchmarks];
  if (list.length === 0) throw new InvalidArgumentError("benchmarks must contain at least one benchmark", { field: "benchmarks" });
  const seen = new Set<string>();
  const rows: GapTableRow[] = [];
  const byModel = new Map<string, { sum: number; count: number }>();
  list.forEach((b, i) => {
    if (seen.has(b.benchmark)) {
      throw new InvalidArgumentError(`benchmarks[${i}].benchmark ${JSON.stringify(b.benchmark)} appears more than once`, {
        field: `benchmarks[${i}].benchmark`,
        value: b.benchmark,
      });
    }
    seen.add(b.benchmark);
    const base = [...b.base];
    for (const [model, tallies] of modelEntries(b.rl, `benchmarks[${i}].rl`)) {
      const g = samplingEfficiencyGap(base, tallies, { k });
      rows.push({ benchmark: b.benchmark, model, ...g });
      const m = byModel.get(model) ?? { sum: 0, count: 0 };
      m.sum += g.gap;
      m.count++;
      byModel.set(model, m);
    }
  });
  const meanByModel = [...byModel].map(([model, { sum, count }]) => ({ model, benchmarks: count, meanGap: sum / count }));
  return { k, rows, meanByModel };
}

/** Result of {@link bootstrapSamplingEfficiencyGap}. */
export interface SamplingEfficiencyGapBootstrap extends BootstrapEstimate {
  /** The base model's budget k. */
  readonly k: number;
  /** Number of problems resampled. */
  readonly problems: number;
  /** Resamples drawn. */
  readonly resamples: number;
  /** Interval coverage. */
  readonly level: number;
  /** Seed used. */
  readonly seed: number;
}

/**
 * ΔSE (see {@link samplingEfficiencyGap}) with a paired percentile bootstrap interval over problems:
 * each resample draws the same problems for both models, so the interval reflects the per-problem
 * terms d_p = pass@k(base_p) − pass@1(RL_p), whose mean is ΔSE; the analytic standard error is
 * s_d/√P.
 *
 * @param base - the base model's tallies
 * @param rl - the RL model's tallies, on the same problems (2 to 2^21 problems)
 * @param options - {@link BootstrapOptions} plus `k` (default 256)
 * @throws the errors of {@link samplingEfficiencyGap} and {@link bootstrapPassAtK}
 *
 * @example
 * ```ts
 * import { bootstrapSamplingEfficiencyGap } from "passk";
 * const base = [{ problemId: "a", n: 2, c: 1 }, { problemId: "b", n: 2, c: 1 }];
 * const rl = [{ problemId: "a", n: 2, c: 1 }, { problemId: "b", n: 2, c: 1 }];
 * // every d_p = 1 − 1/2, so every resample gives ΔSE = 1/2
 * const r = bootstrapSamplingEfficiencyGap(base, rl, { k: 2, seed: 5, resamples: 100 });
 * console.log(r.estimate, r.standardError, r.lower, r.upper); // => 0.5 0 0.5 0.5
 * ```
 */
export function bootstrapSamplingEfficiencyGap(
  base: Iterable<Tally>,
  rl: Iterable<Tally>,
  options: BootstrapOptions & SamplingEfficiencyGapOptions,
): SamplingEfficiencyGapBootstrap {
  const { seed, resamples, level } = resolveBootstrapOptions(options);
  const k = budget(options);
  const [b, r] = perProblem(base, rl, k);
  const terms = b.map((v, p) => v - (r[p] as number));
  const P = terms.length;
  assertResamplable(P, "tallies");
  const means = resampleMeans(terms, P, 1, resamples, seed);
  return { k, problems: P, resamples, level, seed, ...estimateColumn(terms, means, P, 1, resamples, level, 0) };
}
