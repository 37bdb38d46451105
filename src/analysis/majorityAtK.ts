/**
 * Exact expected accuracy of majority vote (maj@k, cons@k) over a random k-subset of the samples.
 * @module
 */
import { EmptyDatasetError, InvalidArgumentError } from "../errors/errors.js";
import { assertCount, assertK } from "../estimators/validate.js";

/** One group of samples that gave the same final answer. */
export interface VoteCluster {
  /** Samples that gave this answer (non-negative safe integer). */
  readonly count: number;
  /** Whether this answer is correct. Several clusters may be correct (equivalent spellings). */
  readonly correct: boolean;
}

/**
 * The answers of one problem's n samples, grouped by answer. Structurally the `ProblemAnswers` that
 * `TallyAccumulator.answersFor` returns, so its result can be passed directly.
 *
 * @example
 * ```ts
 * import { majorityAtK } from "passk";
 * const answers = { clusters: [{ count: 2, correct: true }, { count: 1, correct: false }], noAnswer: 1 };
 * console.log(majorityAtK(answers, 4)); // => 1
 * ```
 */
export interface VoteClusters {
  /** The answer clusters. */
  readonly clusters: readonly VoteCluster[];
  /** Samples with no extracted answer: they can be drawn but cast no vote (default 0). */
  readonly noAnswer?: number;
}

/** log k! for k = 0 … n, summed with Neumaier compensation. */
function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  let sum = 0;
  let comp = 0;
  for (let i = 2; i <= n; i++) {
    const term = Math.log(i);
    const t = sum + term;
    comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    out[i] = sum + comp;
  }
  return out;
}

function checkClusters(input: VoteClusters): { sizes: number[]; correct: boolean[]; noAnswer: number } {
  if (input === null || typeof input !== "object" || !Array.isArray(input.clusters)) {
    throw new InvalidArgumentError(`answers must be an object with a clusters array, got ${String(input)}`, {
      field: "answers",
      value: input,
    });
  }
  const sizes: number[] = [];
  const correct: boolean[] = [];
  input.clusters.forEach((cl, i) => {
    if (cl === null || typeof cl !== "object") {
      throw new InvalidArgumentError(`answers.clusters[${i}] must be a { count, correct } object, got ${String(cl)}`, {
        field: `answers.clusters[${i}]`,
        value: cl,
      });
    }
    assertCount(cl.count, `answers.clusters[${i}].count`);
    if (typeof cl.correct !== "boolean") {
      throw new InvalidArgumentError(`answers.clusters[${i}].correct must be a boolean, got ${String(cl.correct)}`, {
        field: `answers.clusters[${i}].correct`,
        value: cl.correct,
      });
    }
    sizes.push(cl.count);
    correct.push(cl.correct);
  });
  const noAnswer = input.noAnswer ?? 0;
  assertCount(noAnswer, "answers.noAnswer");
  return { sizes, correct, noAnswer };
}

/**
 * maj@k (also cons@k): the expected correctness of a plurality vote among k samples drawn uniformly
 * without replacement from the n, computed exactly from the answer-cluster sizes:
 *
 *     maj@k = Σ_{subsets S, |S| = k} [share of the plurality in S that is correct] / C(n, k)
 *
 * The vote goes to the answer with the most samples in S; a tie among t answers is split uniformly
 * at random, so a correct answer tied with t − 1 others counts 1/t. Samples without an answer
 * (`noAnswer`) take up draws but cast no vote; a subset with no votes at all counts 0. With no correct
 * cluster the result is 0. This is the expectation over all subsets, not one vote over the first k.
 *
 * Method (polynomial, no enumeration): for each correct cluster a and each count v ≥ 1 of it in the
 * subset, a dynamic program over the other clusters counts the ways to draw the remaining k − v
 * samples with every other cluster at most v, tracking how many reach exactly v (the ties), and
 * weights each way by 1/(ties + 1). Clusters smaller than v can never reach v and are merged with the
 * non-answers into one pool (Vandermonde's identity). Counts are carried as independent
 * Binomial(size, k/n) probabilities, whose product conditioned on the total k equals the multivariate
 * hypergeometric law, so every quantity stays in [0, 1] (no overflow for any n) and every sum has
 * positive terms only; relative error about 1e-12 (tested against exhaustive enumeration in exact
 * rational arithmetic). Cost O(k² · Σ sizes) in the worst case; n = 256 with 50 clusters takes
 * milliseconds.
 *
 * @param answers - the clusters ({@link VoteClusters}); n = Σ counts + noAnswer
 * @param k - number of votes drawn, 1 ≤ k ≤ n
 * @throws {@link InvalidArgumentError} for a malformed cluster (index named) or k < 1;
 *   {@link KExceedsSamplesError} when k > n
 *
 * @example
 * ```ts
 * import { majorityAtK } from "passk";
 * // n = 4: answers A (correct) ×2, B ×1, C ×1. Of the C(4,2) = 6 pairs: {A,A} wins, 4 pairs {A,x}
 * // tie 1:1 and count 1/2, {B,C} loses: (1 + 4 · 1/2)/6 = 1/2
 * const answers = { clusters: [{ count: 2, correct: true }, { count: 1, correct: false }, { count: 1, correct: false }] };
 * console.log(majorityAtK(answers, 2).toFixed(12)); // => 0.500000000000
 * console.log(majorityAtK(answers, 1).toFixed(12), majorityAtK(answers, 4)); // => 0.500000000000 1
 * ```
 */
export function majorityAtK(answers: VoteClusters, k: number): number {
  const { sizes, correct, noAnswer } = checkClusters(answers);
  let n = noAnswer;
  for (const s of sizes) n += s;
  if (!Number.isSafeInteger(n)) {
    throw new InvalidArgumentError(`answers hold ${n} samples, more than a safe integer`, { field: "answers", value: n });
  }
  assertK(k, n, undefined, "k");
  if (!correct.some((c, i) => c && (sizes[i] as number) > 0)) return 0;

  if (k === n) {
    // Every sample is drawn: the plurality of the full set decides.
    let top = 0;
    for (const s of sizes) if (s > top) top = s;
    if (top === 0) return 0;
    let tied = 0;
    let tiedCorrect = 0;
    sizes.forEach((s, i) => {
      if (s === top) {
        tied++;
        if (correct[i]) tiedCorrect++;
      }
    });
    return tiedCorrect / tied;
  }

  const logFact = logFactorials(n);
  const logP = Math.log(k / n);
  const logQ = Math.log1p(-k / n);
  /** Binomial(size, k/n) pmf at x. */
  const binomialPmf = (size: number, x: number): number =>
    Math.exp(
      (logFact[size] as number) - (logFact[x] as number) - (logFact[size - x] as number) + x * logP + (size - x) * logQ,
    );
  const pmfCache = new Map<number, Float64Array>();
  const pmfRow = (size: number): Float64Array => {
    let row = pmfCache.get(size);
    if (row === undefined) {
      row = Float64Array.from({ length: Math.min(size, k) + 1 }, (_, x) => binomialPmf(size, x));
      pmfCache.set(size, row);
    }
    return row;
  };

  let total = 0;
  sizes.forEach((sa, a) => {
    if (!correct[a] || sa === 0) return;
    const others = sizes.filter((s, i) => i !== a && s > 0);
    const ua = pmfRow(sa);
    for (let v = 1; v <= Math.min(sa, k); v++) {
      const rest = k - v;
      let pool = noAnswer;
      const big: number[] = [];
      for (const s of others) {
        if (s < v) pool += s;
        else big.push(s);
      }
      const tMax = Math.min(big.length, Math.floor(rest / v));
      const width = tMax + 1;
      let f = new Float64Array((rest + 1) * width);
      let g = new Float64Array((rest + 1) * width);
      for (let T = 0; T <= Math.min(rest, pool); T++) f[T * width] = binomialPmf(pool, T);
      for (const s of big) {
        const w = pmfRow(s);
        g.fill(0);
        for (let T = 0; T <= rest; T++) {
          for (let t = 0; t <= tMax; t++) {
            const val = f[T * width + t] as number;
            if (val === 0) continue;
            const xMax = Math.min(v - 1, rest - T);
            for (let x = 0; x <= xMax; x++) g[(T + x) * width + t] = (g[(T + x) * width + t] as number) + val * (w[x] as number);
            if (T + v <= rest && t < tMax) g[(T + v) * width + t + 1] = (g[(T + v) * width + t + 1] as number) + val * (w[v] as number);
          }
        }
        [f, g] = [g, f];
      }
      let ways = 0;
      for (let t = 0; t <= tMax; t++) ways += (f[rest * width + t] as number) / (t + 1);
      total += (ua[v] as number) * ways;
    }
  });
  // Condition the independent binomials on drawing exactly k in all.
  return Math.min(1, total / binomialPmf(n, k));
}

/** One problem's answers for {@link meanMajorityAtK}. */
export interface ProblemVotes extends VoteClusters {
  /** The problem id. */
  readonly problemId: string;
}

/**
 * Mean maj@k over problems (see {@link majorityAtK}): (1/P) Σ_p maj@k_p.
 *
 * @param problems - one {@link ProblemVotes} per problem (e.g. `TallyAccumulator.answersFor` results)
 * @param k - number of votes drawn, 1 ≤ k ≤ every problem's n
 * @throws {@link EmptyDatasetError} for no problems; the errors of {@link majorityAtK}, naming the problem
 *
 * @example
 * ```ts
 * import { meanMajorityAtK } from "passk";
 * const problems = [
 *   { problemId: "p1", clusters: [{ count: 3, correct: true }] },
 *   { problemId: "p2", clusters: [{ count: 2, correct: false }, { count: 1, correct: true }] },
 * ];
 * // p1: 1; p2 at k = 3: B ×2 beats A ×1: 0
 * console.log(meanMajorityAtK(problems, 3)); // => 0.5
 * ```
 */
export function meanMajorityAtK(problems: Iterable<ProblemVotes>, k: number): number {
  let sum = 0;
  let count = 0;
  for (const p of problems) {
    try {
      sum += majorityAtK(p, k);
    } catch (e) {
      if (e instanceof InvalidArgumentError) {
        const id = typeof p?.problemId === "string" ? p.problemId : String(count);
        const Ctor = e.constructor as new (m: string, d: object) => InvalidArgumentError;
        throw new Ctor(`${e.message} (problem ${JSON.stringify(id)}, index ${count})`, { field: e.field, value: e.value, problemId: id });
      }
      throw e;
    }
    count++;
  }
  if (count === 0) throw new EmptyDatasetError("problems is empty: a mean over zero problems is undefined", { field: "problems" });
  return sum / count;
}
