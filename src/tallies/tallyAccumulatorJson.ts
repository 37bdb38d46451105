/**
 * The plain-JSON form of a TallyAccumulator, and its validating reader.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { assertTallyCounts } from "../estimators/validate.js";
import { TallyColumns, type AnswerCount, type TallyTable } from "./tallyColumns.js";

/** Value of the `format` field of {@link TallyAccumulatorJSON}. */
export const TALLY_JSON_FORMAT = "passk.tallies";

/** Current (and only) `version` of {@link TallyAccumulatorJSON}. */
export const TALLY_JSON_VERSION = 1;

/**
 * One distinct answer of one (model, problem) in {@link TallyAccumulatorJSON}.
 *
 * @example
 * ```ts
 * const cluster = { answer: "42", count: 3, correctCount: 3 };
 * console.log(cluster.count); // => 3
 * ```
 */
export interface AnswerCountJSON {
  /** The extracted answer string. */
  readonly answer: string;
  /** Samples that gave it (≥ 1). */
  readonly count: number;
  /** How many of those were graded correct (0 ≤ correctCount ≤ count). */
  readonly correctCount: number;
}

/**
 * One (model, problem) tally in {@link TallyAccumulatorJSON}.
 *
 * @example
 * ```ts
 * import type { ProblemTallyJSON } from "passk";
 * const p: ProblemTallyJSON = { problemId: "7", n: 128, c: 90, sampleIndexRuns: [[0, 127]] };
 * const [first, last] = p.sampleIndexRuns![0]!; // an inclusive run
 * console.log(last - first + 1); // => 128
 * ```
 */
export interface ProblemTallyJSON {
  /** Problem id. */
  readonly problemId: string;
  /** Samples tallied. */
  readonly n: number;
  /** Samples graded correct. */
  readonly c: number;
  /**
   * Sample indices seen, as sorted, disjoint, non-adjacent inclusive ranges `[first, last]`
   * (absent when no record carried a `sampleIndex`). Samples without an index make up the rest of `n`.
   */
  readonly sampleIndexRuns?: ReadonlyArray<readonly [number, number]>;
  /** Distinct answers in code-unit order of `answer` (present iff the accumulator keeps answers). */
  readonly answers?: readonly AnswerCountJSON[];
  /** Samples without an answer (present iff the accumulator keeps answers); Σ answers[].count + noAnswer = n. */
  readonly noAnswer?: number;
}

/**
 * All tallies of one model in {@link TallyAccumulatorJSON}.
 *
 * @example
 * ```ts
 * const m = { model: "base", problems: [{ problemId: "0", n: 4, c: 1 }] };
 * console.log(m.problems.length); // => 1
 * ```
 */
export interface ModelTalliesJSON {
  /** Model id. */
  readonly model: string;
  /** One entry per problem, in {@link compareProblemIds} order. */
  readonly problems: readonly ProblemTallyJSON[];
}

/**
 * Serialized {@link TallyAccumulator}: plain JSON (arrays, not objects keyed by id, so any id,
 * `"__proto__"` included, round-trips) in a canonical order, so two accumulators holding the same
 * samples serialize to identical JSON however the samples were split and merged.
 *
 * @example
 * ```ts
 * import { TallyAccumulator } from "passk";
 * const acc = new TallyAccumulator().add({ model: "m", problemId: "p", sampleIndex: 0, correct: true });
 * console.log(JSON.stringify(acc.toJSON())); // => {"format":"passk.tallies","version":1,"keepAnswers":false,"models":[{"model":"m","problems":[{"problemId":"p","n":1,"c":1,"sampleIndexRuns":[[0,0]]}]}]}
 * ```
 */
export interface TallyAccumulatorJSON {
  /** Always {@link TALLY_JSON_FORMAT}. */
  readonly format: typeof TALLY_JSON_FORMAT;
  /** Always {@link TALLY_JSON_VERSION}. */
  readonly version: typeof TALLY_JSON_VERSION;
  /** Whether answer clusters are kept. */
  readonly keepAnswers: boolean;
  /** One entry per model, in code-unit order of `model`. */
  readonly models: readonly ModelTalliesJSON[];
}

function fail(field: string, message: string, value: unknown, problemId?: string): never {
  throw new InvalidArgumentError(`${field} ${message}${problemId === undefined ? "" : ` (problem ${JSON.stringify(problemId)})`}`, {
    field,
    value,
    problemId,
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function nonNegativeInt(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function readRuns(v: unknown, field: string, n: number, problemId: string): number[] {
  if (!Array.isArray(v)) fail(field, `must be an array of [first, last] pairs, got ${String(v)}`, v, problemId);
  const runs: number[] = [];
  let covered = 0;
  v.forEach((pair: unknown, i) => {
    const f = `${field}[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2 || !nonNegativeInt(pair[0]) || !nonNegativeInt(pair[1])) {
      fail(f, `must be a pair [first, last] of non-negative safe integers, got ${JSON.stringify(pair)}`, pair, problemId);
    }
    const [first, last] = pair as [number, number];
    if (first > last) fail(f, `has first ${first} > last ${last}`, pair, problemId);
    if (runs.length > 0 && first <= (runs[runs.length - 1] as number)) {
      fail(f, `must start after the previous range ends + 1 (sorted, disjoint, non-adjacent), got ${JSON.stringify(pair)}`, pair, problemId);
    }
    if (last + 1 > Number.MAX_SAFE_INTEGER) fail(f, `is out of range`, pair, problemId);
    runs.push(first, last + 1);
    covered += last + 1 - first;
  });
  if (covered > n) fail(field, `covers ${covered} sample indices but n = ${n}`, v, problemId);
  return runs;
}

function readAnswers(v: unknown, field: string, problemId: string): Map<string, AnswerCount> {
  if (!Array.isArray(v)) fail(field, `must be an array of {answer, count, correctCount}, got ${String(v)}`, v, problemId);
  const answers = new Map<string, AnswerCount>();
  v.forEach((a: unknown, i) => {
    const f = `${field}[${i}]`;
    if (!isObject(a)) fail(f, `must be an object, got ${String(a)}`, a, problemId);
    if (typeof a.answer !== "string") fail(`${f}.answer`, `must be a string, got ${String(a.answer)}`, a.answer, problemId);
    if (!nonNegativeInt(a.count) || a.count < 1) fail(`${f}.count`, `must be a safe integer >= 1, got ${String(a.count)}`, a.count, problemId);
    if (!nonNegativeInt(a.correctCount) || a.correctCount > a.count) {
      fail(`${f}.correctCount`, `must be an integer in [0, count = ${a.count}], got ${String(a.correctCount)}`, a.correctCount, problemId);
    }
    if (answers.has(a.answer)) fail(`${f}.answer`, `repeats answer ${JSON.stringify(a.answer)}`, a.answer, problemId);
    answers.set(a.answer, { count: a.count, correct: a.correctCount });
  });
  return answers;
}

/**
 * Validates a value claimed to be a {@link TallyAccumulatorJSON} and builds the table from it.
 * Every count, range and answer is checked, with the offending JSON path in the error's `field`.
 * @internal
 */
export function parseTallyAccumulatorJSON(json: unknown): { keepAnswers: boolean; table: TallyTable } {
  if (!isObject(json)) fail("json", `must be a serialized TallyAccumulator object, got ${String(json)}`, json);
  if (json.format !== TALLY_JSON_FORMAT) fail("format", `must be ${JSON.stringify(TALLY_JSON_FORMAT)}, got ${JSON.stringify(json.format)}`, json.format);
  if (json.version !== TALLY_JSON_VERSION) {
    fail("version", `${JSON.stringify(json.version)} is not supported (this passk reads version ${TALLY_JSON_VERSION})`, json.version);
  }
  const keepAnswers = json.keepAnswers;
  if (typeof keepAnswers !== "boolean") fail("keepAnswers", `must be a boolean, got ${String(keepAnswers)}`, keepAnswers);
  if (!Array.isArray(json.models)) fail("models", `must be an array, got ${String(json.models)}`, json.models);
  const table: TallyTable = new Map();
  json.models.forEach((m: unknown, mi) => {
    const mf = `models[${mi}]`;
    if (!isObject(m)) fail(mf, `must be an object, got ${String(m)}`, m);
    if (typeof m.model !== "string" || m.model === "") fail(`${mf}.model`, `must be a non-empty string, got ${JSON.stringify(m.model)}`, m.model);
    if (table.has(m.model)) fail(`${mf}.model`, `repeats model ${JSON.stringify(m.model)}`, m.model);
    if (!Array.isArray(m.problems)) fail(`${mf}.problems`, `must be an array, got ${String(m.problems)}`, m.problems);
    const problems = new TallyColumns(keepAnswers);
    table.set(m.model, problems);
    m.problems.forEach((p: unknown, pi) => {
      const pf = `${mf}.problems[${pi}]`;
      if (!isObject(p)) fail(pf, `must be an object, got ${String(p)}`, p);
      const problemId = p.problemId;
      if (typeof problemId !== "string" || problemId === "") {
        fail(`${pf}.problemId`, `must be a non-empty string, got ${JSON.stringify(problemId)}`, problemId);
      }
      if (problems.slots.has(problemId)) fail(`${pf}.problemId`, `repeats problem id`, problemId, problemId);
      assertTallyCounts(p.n, p.c, problemId, `${pf}.`);
      const n = p.n as number;
      const runs = p.sampleIndexRuns === undefined ? null : readRuns(p.sampleIndexRuns, `${pf}.sampleIndexRuns`, n, problemId);
      let answers: Map<string, AnswerCount> | null = null;
      let noAnswer = 0;
      if (keepAnswers) {
        answers = readAnswers(p.answers, `${pf}.answers`, problemId);
        if (!nonNegativeInt(p.noAnswer)) fail(`${pf}.noAnswer`, `must be a non-negative safe integer, got ${String(p.noAnswer)}`, p.noAnswer, problemId);
        noAnswer = p.noAnswer;
        let total = noAnswer;
        for (const a of answers.values()) total += a.count;
        if (total !== n) fail(`${pf}.answers`, `count to ${total} samples with noAnswer, but n = ${n}`, p.answers, problemId);
      } else if (p.answers !== undefined || p.noAnswer !== undefined) {
        fail(`${pf}.answers`, `present although keepAnswers is false`, p.answers, problemId);
      }
      const slot = problems.add(problemId, n, p.c as number, noAnswer);
      if (runs !== null && runs.length > 0) problems.setRuns(slot, runs);
      if (answers !== null && answers.size > 0) {
        const into = problems.answersAt(slot);
        for (const [answer, a] of answers) into.set(answer, a);
      }
    });
  });
  return { keepAnswers, table };
}
