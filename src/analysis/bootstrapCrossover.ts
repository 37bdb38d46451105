/**
 * A bootstrap interval for the crossover budget.
 * @module
 */
import type { Tally } from "../estimators/tally.js";
import { assertResamplable, passAtKMatrix, resampleMeans } from "./bootstrapEngine.js";
import { resolveBootstrapOptions, type BootstrapOptions } from "./bootstrapOptions.js";
import { resolveKs } from "./budgets.js";
import { crossoverOfDifference, powersOfTwoUpTo, type Crossover } from "./crossover.js";
import { alignPair, smallestN } from "./modelTallies.js";

/** Result of {@link bootstrapCrossover}. */
export interface CrossoverBootstrap {
  /** The crossover of the full data (as {@link passAtKCrossover}). */
  readonly estimate: Crossover;
  /** Lower end of the percentile interval (an `"atFirstK"` result means "at or below that k"). */
  readonly lower: Crossover;
  /** Upper end of the percentile interval (a `"none"` result means "beyond the largest k evaluated"). */
  readonly upper: Crossover;
  /** How many resamples gave each kind of result. */
  readonly counts: {
    /** Resamples whose curves cross between two evaluated budgets. */
    readonly crossover: number;
    /** Resamples where base ≥ RL from the first evaluated budget on. */
    readonly atFirstK: number;
    /** Resamples with no crossover up to the largest evaluated budget. */
    readonly none: number;
  };
  /** The budgets evaluated. */
  readonly ks: readonly number[];
  /** Number of problems resampled. */
  readonly problems: number;
  /** Resamples drawn. */
  readonly resamples: number;
  /** Interval coverage. */
  readonly level: number;
  /** Seed used. */
  readonly seed: number;
}

const KIND_ORDER = { atFirstK: 0, crossover: 1, none: 2 } as const;

function crossoverK(c: Crossover): number {
  return c.kind === "none" ? c.upToK : c.k;
}

/**
 * The crossover k of a base and an RL model's mean pass@k curves (see {@link passAtKCrossover}) with
 * a paired percentile bootstrap interval over problems. Each resample draws the same problems for
 * both models and recomputes the crossover of the resampled curves. Resampled outcomes are ordered
 * "at or below the first k" < interpolated k (ascending) < "no crossover up to the last k", and the
 * interval ends are the order statistics at ⌈R·(1 − level)/2⌉ and ⌈R·(1 + level)/2⌉ (inverse empirical
 * CDF, no interpolation, since "no crossover" has no numeric value). An end of kind `"none"` says the
 * data cannot rule out that the curves never cross within the evaluated budgets.
 *
 * @param base - the base model's tallies
 * @param rl - the RL model's tallies, on exactly the same problem ids (2 to 2^21 problems)
 * @param ks - strictly increasing budgets (default: powers of two up to the smallest n)
 * @param options - {@link BootstrapOptions}; `seed` is required
 * @throws the errors of {@link passAtKCrossover} and {@link bootstrapPassAtK}
 *
 * @example
 * ```ts
 * import { bootstrapCrossover } from "passk";
 * import type { Crossover } from "passk";
 * // RL is better at k = 1 on every problem, base catches up at k = 2 on every problem
 * const base = [{ problemId: "a", n: 2, c: 1 }, { problemId: "b", n: 2, c: 1 }];
 * const rl = [{ problemId: "a", n: 2, c: 2 }, { problemId: "b", n: 2, c: 2 }];
 * const r = bootstrapCrossover(base, rl, [1, 2], { seed: 2, resamples: 100 });
 * const k = (c: Crossover) => ("k" in c ? c.k : undefined); // "none" has no k, only upToK
 * console.log(r.estimate.kind, k(r.estimate), k(r.lower), k(r.upper), r.counts.crossover); // => crossover 2 2 2 100
 * ```
 */
export function bootstrapCrossover(
  base: Iterable<Tally>,
  rl: Iterable<Tally>,
  ks: Iterable<number> | undefined,
  options: BootstrapOptions,
): CrossoverBootstrap {
  const { seed, resamples, level } = resolveBootstrapOptions(options);
  const [b, r] = alignPair(base, rl, "base", "rl");
  assertResamplable(b.length, "tallies");
  const minB = smallestN(b);
  const minR = smallestN(r);
  const smallest = minR.n < minB.n ? minR : minB;
  const kList = resolveKs(ks ?? powersOfTwoUpTo(smallest.n), smallest, true);
  const P = b.length;
  const K = kList.length;
  const mb = passAtKMatrix(b, kList);
  const mr = passAtKMatrix(r, kList);
  const diff = new Float64Array(P * K);
  const total = new Float64Array(K);
  for (let i = 0; i < P * K; i++) {
    diff[i] = (mb[i] as number) - (mr[i] as number);
    total[i % K] = (total[i % K] as number) + (diff[i] as number);
  }
  const estimate = crossoverOfDifference(kList, (j) => total[j] as number);
  const means = resampleMeans(diff, P, K, resamples, seed);
  const outcomes: Crossover[] = [];
  const counts = { crossover: 0, atFirstK: 0, none: 0 };
  for (let s = 0; s < resamples; s++) {
    const c = crossoverOfDifference(kList, (j) => means[s * K + j] as number);
    counts[c.kind]++;
    outcomes.push(c);
  }
  outcomes.sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || crossoverK(x) - crossoverK(y));
  const tail = (1 - level) / 2;
  const at = (q: number) => outcomes[Math.min(resamples - 1, Math.max(0, Math.ceil(q * resamples) - 1))] as Crossover;
  return { estimate, lower: at(tail), upper: at(1 - tail), counts, ks: kList, problems: P, resamples, level, seed };
}
