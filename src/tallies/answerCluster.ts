/**
 * Per-problem answer clusters, the input of majority vote (maj@k).
 * @module
 */

/**
 * All samples of one (model, problem) that gave the same extracted answer string.
 * Answers are compared as exact strings: normalize them (e.g. strip `\boxed{}`, canonicalize
 * numbers) before adding records if equivalent spellings should vote together.
 *
 * @example
 * ```ts
 * import { TallyAccumulator } from "passk";
 * const acc = new TallyAccumulator({ keepAnswers: true })
 *   .add({ model: "m", problemId: "p", correct: true, answer: "4" })
 *   .add({ model: "m", problemId: "p", correct: true, answer: "4" })
 *   .add({ model: "m", problemId: "p", correct: false, answer: "5" });
 * console.log(acc.answersFor("m", "p").clusters[0]); // => { answer: '4', count: 2, correctCount: 2, correct: true }
 * ```
 */
export interface AnswerCluster {
  /** The extracted answer string. */
  readonly answer: string;
  /** Number of samples that gave this answer. */
  readonly count: number;
  /** How many of those samples were graded correct (0 ≤ correctCount ≤ count). */
  readonly correctCount: number;
  /**
   * Whether the answer is correct: true iff every sample giving it was graded correct. When the
   * grader disagreed with itself (0 < correctCount < count, e.g. it looked at the full response)
   * this is false and `correctCount` shows the split.
   */
  readonly correct: boolean;
}

/**
 * The answer clusters of one (model, problem).
 *
 * @example
 * ```ts
 * import { TallyAccumulator } from "passk";
 * const acc = new TallyAccumulator({ keepAnswers: true })
 *   .add({ model: "m", problemId: "p", correct: false, answer: "5" })
 *   .add({ model: "m", problemId: "p", correct: false });
 * const a = acc.answersFor("m", "p");
 * console.log(a.n, a.noAnswer, a.clusters.length); // => 2 1 1
 * ```
 */
export interface ProblemAnswers {
  /** The problem id. */
  readonly problemId: string;
  /** Samples tallied for the problem: `Σ clusters[i].count + noAnswer`. */
  readonly n: number;
  /** Samples whose record carried no `answer` (or that were added as pre-aggregated tallies). */
  readonly noAnswer: number;
  /** One cluster per distinct answer, largest `count` first, ties in code-unit order of the answer. */
  readonly clusters: readonly AnswerCluster[];
}
