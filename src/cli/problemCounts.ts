/**
 * The per-problem counts of a report: c correct of n samples, per model and problem.
 * @module
 */
import type { Tally } from "../estimators/tally.js";

/**
 * Per-problem counts in columns: `problems` lists every problem id once (sorted), and each model's
 * `c` and `n` give, at the same index, its correct and drawn samples (null where the model has no
 * sample of that problem). Two numbers per model and problem: about 12 bytes of JSON each, so
 * 10,000 problems × 8 models add about 1 MB to report.json.
 */
export interface ProblemCountsJSON {
  /** Problem ids, sorted (numeric-aware: `p2` before `p10`). */
  readonly problems: readonly string[];
  /** Per model (in the report's order), the counts aligned with `problems`. */
  readonly models: ReadonlyArray<{
    readonly model: string;
    readonly c: ReadonlyArray<number | null>;
    readonly n: ReadonlyArray<number | null>;
  }>;
}

/**
 * Lays out per-model tallies as {@link ProblemCountsJSON}: one sorted list of problem ids and,
 * per model, its c and n at each id's index (the report.html per-problem view reads them).
 *
 * @param order - the models, in the order to list them
 * @param tallies - each model's tallies
 *
 * @example
 * ```ts
 * import { problemCounts } from "passk/cli";
 * const counts = problemCounts(["base", "rl"], (m) => m === "base"
 *   ? [{ problemId: "p10", n: 4, c: 0 }, { problemId: "p2", n: 4, c: 1 }]
 *   : [{ problemId: "p2", n: 4, c: 3 }]);
 * console.log(counts.problems, counts.models[1]); // => [ 'p2', 'p10' ] { model: 'rl', c: [ 3, null ], n: [ 4, null ] }
 * ```
 */
export function problemCounts(order: readonly string[], tallies: (model: string) => readonly Tally[]): ProblemCountsJSON {
  const ids = new Set<string>();
  for (const m of order) for (const t of tallies(m)) ids.add(t.problemId);
  const collator = new Intl.Collator("en", { numeric: true });
  const problems = [...ids].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(problems.map((p, i) => [p, i]));
  return {
    problems,
    models: order.map((model) => {
      const c: (number | null)[] = problems.map(() => null);
      const n: (number | null)[] = problems.map(() => null);
      for (const t of tallies(model)) {
        const i = index.get(t.problemId) as number;
        c[i] = t.c;
        n[i] = t.n;
      }
      return { model, c, n };
    }),
  };
}
