/**
 * Coverage: which problems a model solves at least once, and the set algebra between models.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { collectTallies, type Tally } from "../estimators/tally.js";
import { alignModels, modelEntries, type ModelTallies } from "./modelTallies.js";

/** The problems one model solves at least once among its samples. */
export interface Coverage {
  /** Number of problems. */
  readonly problems: number;
  /** Ids of the problems with at least one correct sample (c > 0), in input order. */
  readonly solved: readonly string[];
  /** Ids of the problems with no correct sample (c = 0), in input order. */
  readonly unsolved: readonly string[];
  /** solved.length / problems: the share of problems solved at least once (pass@n when all n are equal). */
  readonly coverage: number;
}

/**
 * Coverage of one model (Yue et al. 2025, "Does Reinforcement Learning Really Incentivize Reasoning
 * Capacity in LLMs Beyond the Base Model?"): the set of problems with c > 0 and its share
 *
 *     coverage = |{p : c_p > 0}| / P
 *
 * With the same n for every problem this equals pass@n. Coverage grows with n, so compare models at
 * equal n.
 *
 * @param tallies - one {@link Tally} per problem (problem ids unique)
 * @throws {@link EmptyDatasetError}, {@link DuplicateProblemError}, {@link InvalidArgumentError} as {@link meanPassAtK}
 *
 * @example
 * ```ts
 * import { coverage } from "passk";
 * const cov = coverage([
 *   { problemId: "a", n: 8, c: 1 },
 *   { problemId: "b", n: 8, c: 0 },
 *   { problemId: "c", n: 8, c: 8 },
 *   { problemId: "d", n: 8, c: 0 },
 * ]);
 * console.log(cov.solved, cov.coverage); // => [ 'a', 'c' ] 0.5
 * ```
 */
export function coverage(tallies: Iterable<Tally>): Coverage {
  const list = collectTallies(tallies);
  const solved: string[] = [];
  const unsolved: string[] = [];
  for (const t of list) (t.c > 0 ? solved : unsolved).push(t.problemId);
  return { problems: list.length, solved, unsolved, coverage: solved.length / list.length };
}

/** One model's part in a {@link CoverageComparison}. */
export interface ModelCoverage extends Coverage {
  /** The model name. */
  readonly model: string;
  /** Problems this model solves and no other model does, in problem order. */
  readonly solvedOnly: readonly string[];
}

/** Set relations between two models' solved sets A (model `a`) and B (model `b`). */
export interface CoveragePair {
  /** Name of the first model. */
  readonly a: string;
  /** Name of the second model. */
  readonly b: string;
  /** |A ∩ B|. */
  readonly intersection: number;
  /** |A ∪ B|. */
  readonly union: number;
  /** Jaccard index |A ∩ B| / |A ∪ B|; 1 when both sets are empty (identical sets). */
  readonly jaccard: number;
  /** Problems in A \ B (solved by `a`, not by `b`). */
  readonly onlyA: readonly string[];
  /** Problems in B \ A. */
  readonly onlyB: readonly string[];
  /** Whether A ⊆ B. */
  readonly aSubsetOfB: boolean;
  /** Whether B ⊆ A. */
  readonly bSubsetOfA: boolean;
}

/** The coverage set algebra of two or more models on the same problems. */
export interface CoverageComparison {
  /** Number of problems (the same for every model). */
  readonly problems: number;
  /** Per model, in input order: its coverage and the problems only it solves. */
  readonly models: readonly ModelCoverage[];
  /** Problems every model solves. */
  readonly solvedByAll: readonly string[];
  /** Problems no model solves. */
  readonly solvedByNone: readonly string[];
  /** Every unordered pair of models (i < j in input order). */
  readonly pairs: readonly CoveragePair[];
}

/**
 * Set algebra of the solved sets S_m = {p : c_{m,p} > 0} of two or more models on the same problems
 * (the evidence in Yue et al. 2025 that RL's solvable set is nearly a subset of the base model's):
 * solved by all (∩ S_m), by none (complement of ∪ S_m), by each model only (S_m \ ∪_{m'≠m} S_m'),
 * and for each pair the Jaccard index |A ∩ B| / |A ∪ B| and the subset relations. Problem ids are
 * listed in the first model's order.
 *
 * @param models - model name → tallies ({@link ModelTallies}); at least two models, all on exactly
 *   the same problem ids
 * @throws {@link MismatchedProblemsError} naming the model and the problem when the problem sets differ;
 *   {@link InvalidArgumentError} for fewer than two models or malformed tallies
 *
 * @example
 * ```ts
 * import { compareCoverage } from "passk";
 * const cmp = compareCoverage({
 *   base: [{ problemId: "p1", n: 4, c: 1 }, { problemId: "p2", n: 4, c: 2 }, { problemId: "p3", n: 4, c: 0 }],
 *   rl: [{ problemId: "p1", n: 4, c: 4 }, { problemId: "p2", n: 4, c: 0 }, { problemId: "p3", n: 4, c: 0 }],
 * });
 * console.log(cmp.solvedByAll, cmp.solvedByNone); // => [ 'p1' ] [ 'p3' ]
 * console.log(cmp.models[0]!.solvedOnly, cmp.pairs[0]!.jaccard, cmp.pairs[0]!.bSubsetOfA); // => [ 'p2' ] 0.5 true
 * ```
 */
export function compareCoverage(models: ModelTallies): CoverageComparison {
  const entries = modelEntries(models);
  if (entries.length < 2) {
    throw new InvalidArgumentError(`models must name at least two models to compare, got ${entries.length}`, {
      field: "models",
      value: entries.map(([m]) => m),
    });
  }
  const aligned = alignModels(entries);
  const first = aligned[0] as (typeof aligned)[number];
  const ids = first.tallies.map((t) => t.problemId);
  const problems = ids.length;
  // solvedBy[p] = number of models solving problem p.
  const solvedBy = new Uint32Array(problems);
  for (const { tallies } of aligned) tallies.forEach((t, p) => { if (t.c > 0) solvedBy[p] = (solvedBy[p] as number) + 1; });

  const solvedByAll: string[] = [];
  const solvedByNone: string[] = [];
  ids.forEach((id, p) => {
    if (solvedBy[p] === aligned.length) solvedByAll.push(id);
    else if (solvedBy[p] === 0) solvedByNone.push(id);
  });

  const perModel: ModelCoverage[] = aligned.map(({ model, tallies }) => {
    const solved: string[] = [];
    const unsolved: string[] = [];
    const solvedOnly: string[] = [];
    tallies.forEach((t, p) => {
      if (t.c > 0) {
        solved.push(t.problemId);
        if (solvedBy[p] === 1) solvedOnly.push(t.problemId);
      } else unsolved.push(t.problemId);
    });
    return { model, problems, solved, unsolved, coverage: solved.length / problems, solvedOnly };
  });

  const pairs: CoveragePair[] = [];
  for (let i = 0; i < aligned.length; i++) {
    for (let j = i + 1; j < aligned.length; j++) {
      const ta = (aligned[i] as (typeof aligned)[number]).tallies;
      const tb = (aligned[j] as (typeof aligned)[number]).tallies;
      let intersection = 0;
      const onlyA: string[] = [];
      const onlyB: string[] = [];
      ids.forEach((id, p) => {
        const sa = (ta[p] as Tally).c > 0;
        const sb = (tb[p] as Tally).c > 0;
        if (sa && sb) intersection++;
        else if (sa) onlyA.push(id);
        else if (sb) onlyB.push(id);
      });
      const union = intersection + onlyA.length + onlyB.length;
      pairs.push({
        a: (aligned[i] as (typeof aligned)[number]).model,
        b: (aligned[j] as (typeof aligned)[number]).model,
        intersection,
        union,
        jaccard: union === 0 ? 1 : intersection / union,
        onlyA,
        onlyB,
        aSubsetOfB: onlyA.length === 0,
        bSubsetOfA: onlyB.length === 0,
      });
    }
  }
  return { problems, models: perModel, solvedByAll, solvedByNone, pairs };
}
