/**
 * Mergeable, serializable per-(model, problem) tallies built from graded sample records.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { Tally } from "../estimators/tally.js";
import { assertTallyCounts } from "../estimators/validate.js";
import type { AnswerCluster, ProblemAnswers } from "./answerCluster.js";
import { compareCodeUnits, compareProblemIds } from "./compareProblemIds.js";
import { resolveCorrect } from "./resolveCorrect.js";
import { runsAdd, runsHas, runsUnion, type IndexRuns } from "./sampleIndexRuns.js";
import type { SampleRecord } from "./sampleRecord.js";
import { DuplicateSampleError, InvalidSampleRecordError } from "./sampleRecordErrors.js";
import {
  parseTallyAccumulatorJSON,
  TALLY_JSON_FORMAT,
  TALLY_JSON_VERSION,
  type AnswerCountJSON,
  type ProblemTallyJSON,
  type TallyAccumulatorJSON,
} from "./tallyAccumulatorJson.js";
import { TallyColumns, type AnswerCount, type TallyTable } from "./tallyColumns.js";

/**
 * Options of a {@link TallyAccumulator}.
 *
 * @example
 * ```ts
 * import { TallyAccumulator } from "passk";
 * console.log(new TallyAccumulator({ keepAnswers: true }).keepAnswers); // => true
 * ```
 */
export interface TallyAccumulatorOptions {
  /**
   * Keep, per (model, problem), the distinct `answer` strings with their sample and correct counts
   * (needed for majority vote). Off by default. Memory: one map entry per distinct answer per
   * (model, problem), i.e. O(Σ distinct answers × answer length); at most one entry per sample, and
   * in practice far fewer because samples of one problem agree on a handful of answers.
   */
  readonly keepAnswers?: boolean;
}

/** A record that passed validation, ready to be committed. */
interface Checked {
  model: string;
  problemId: string;
  sampleIndex: number | undefined;
  correct: boolean;
  answer: string | undefined;
}

function describe(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

function duplicate(model: string, problemId: string, sampleIndex: number, how: string): DuplicateSampleError {
  return new DuplicateSampleError(
    `sample ${sampleIndex} of model ${JSON.stringify(model)} on problem ${JSON.stringify(problemId)} ${how}`,
    { model, problemId, sampleIndex },
  );
}

/** Set in TallyAccumulator's static block: the private add-a-tally step, returning the slot. */
let addTallyAtSlot: (acc: TallyAccumulator, model: string, tally: Tally, onlyNew: boolean) => number;

/**
 * {@link TallyAccumulator.addNewTally} that also tells where the tally went, for readers of files
 * that hold a (model, problem) at most once (FileTallies): the problem's slot `s` (≥ 0) in its
 * model's table when it was new and the tally was added, or `-1 - s` when the model already had
 * that problem (then nothing was added). Slots never change. Same checks and errors as addTally.
 * @internal
 */
export function addNewTallySlot(acc: TallyAccumulator, model: string, tally: Tally): number {
  return addTallyAtSlot(acc, model, tally, true);
}

/**
 * Accumulates graded {@link SampleRecord}s into per-(model, problem) {@link Tally}s: `n` samples,
 * `c` correct. Accumulators serialize to plain JSON ({@link TallyAccumulator.toJSON}) and merge
 * exactly ({@link TallyAccumulator.merge}): merge is associative and commutative, so shards tallied
 * in separate processes or machines (a reduce step in Spark/Ray/Dask writing JSON) combine to the
 * same result as one pass over all samples.
 *
 * **Duplicates.** Records carrying a `sampleIndex` are checked: the same (model, problem, sample
 * index) twice throws {@link DuplicateSampleError}, also when the two copies sit in different
 * shards being merged. Records without a `sampleIndex` are counted but cannot be checked.
 *
 * **Memory.** One entry per (model, problem): O(models × problems), independent of the number of
 * samples (per model, a hash table of problem ids and two flat arrays of counts, 40 to 64 bytes a
 * problem besides its id string), plus
 * - the seen sample indices, stored as runs of consecutive indices: O(1) per problem when a
 *   harness numbers samples 0..n−1 (in any order once complete), at worst one run per sample
 *   when indices are scattered with gaps (e.g. only every other index present);
 * - with `keepAnswers`, one entry per distinct answer per (model, problem).
 *
 * Every method that changes the accumulator is atomic: when it throws, nothing was added.
 *
 * @example
 * ```ts
 * import { TallyAccumulator, passAtK } from "passk";
 * const acc = new TallyAccumulator();
 * acc.add({ model: "base", problemId: "p1", sampleIndex: 0, correct: true });
 * acc.add({ model: "base", problemId: "p1", sampleIndex: 1, correct: false });
 * acc.add({ model: "base", problemId: "p2", sampleIndex: 0, score: 0.2, threshold: 0.5 });
 * console.log(acc.models()); // => [ 'base' ]
 * console.log(acc.talliesFor("base")); // => [ { problemId: 'p1', n: 2, c: 1 }, { problemId: 'p2', n: 1, c: 0 } ]
 *
 * // Shards merge exactly, e.g. after a JSON round trip:
 * const shard = new TallyAccumulator().add({ model: "base", problemId: "p2", sampleIndex: 1, correct: true });
 * acc.merge(TallyAccumulator.fromJSON(JSON.parse(JSON.stringify(shard))));
 * console.log(acc.talliesFor("base")[1]); // => { problemId: 'p2', n: 2, c: 1 }
 * ```
 */
export class TallyAccumulator {
  /** Whether answer clusters are kept (see {@link TallyAccumulatorOptions.keepAnswers}). */
  readonly keepAnswers: boolean;
  #table: TallyTable = new Map();
  #lastModel: string | undefined;
  #last: TallyColumns | undefined;

  static {
    addTallyAtSlot = (acc, model, tally, onlyNew) => acc.#addTally(model, tally, onlyNew);
  }

  /**
   * @param options - see {@link TallyAccumulatorOptions}
   * @throws {@link InvalidArgumentError} when `keepAnswers` is given and not a boolean
   */
  constructor(options: TallyAccumulatorOptions = {}) {
    const keep = options.keepAnswers ?? false;
    if (typeof keep !== "boolean") {
      throw new InvalidArgumentError(`keepAnswers must be a boolean, got ${describe(keep)}`, { field: "keepAnswers", value: keep });
    }
    this.keepAnswers = keep;
  }

  /** Validates one record without touching the accumulator. */
  #check(record: SampleRecord): Checked {
    if (record === null || typeof record !== "object") {
      throw new InvalidSampleRecordError(`record must be an object, got ${describe(record)}`, { field: "record", value: record });
    }
    const { model, problemId, sampleIndex } = record;
    if (typeof problemId !== "string" || problemId === "") {
      throw new InvalidSampleRecordError(`problemId must be a non-empty string, got ${describe(problemId)}`, {
        field: "problemId",
        value: problemId,
      });
    }
    if (typeof model !== "string" || model === "") {
      throw new InvalidSampleRecordError(
        `model must be a non-empty string, got ${describe(model)} (problem ${JSON.stringify(problemId)})`,
        { field: "model", value: model, problemId },
      );
    }
    if (sampleIndex !== undefined && !(Number.isSafeInteger(sampleIndex) && sampleIndex >= 0 && sampleIndex < Number.MAX_SAFE_INTEGER)) {
      throw new InvalidSampleRecordError(
        `sampleIndex must be a non-negative safe integer, got ${describe(sampleIndex)} (problem ${JSON.stringify(problemId)})`,
        { field: "sampleIndex", value: sampleIndex, problemId },
      );
    }
    const correct = resolveCorrect(record);
    let answer: string | undefined;
    if (this.keepAnswers && record.answer !== undefined) {
      if (typeof record.answer !== "string") {
        throw new InvalidSampleRecordError(
          `answer must be a string, got ${describe(record.answer)} (problem ${JSON.stringify(problemId)})`,
          { field: "answer", value: record.answer, problemId },
        );
      }
      answer = record.answer;
    }
    return { model, problemId, sampleIndex, correct, answer };
  }

  /** The tallies of a model, created empty when it has none. */
  #columns(model: string): TallyColumns {
    // Rows come grouped by model: the last one is kept at hand.
    if (model === this.#lastModel && this.#last !== undefined) return this.#last;
    let t = this.#table.get(model);
    if (t === undefined) this.#table.set(model, (t = new TallyColumns(this.keepAnswers)));
    this.#lastModel = model;
    this.#last = t;
    return t;
  }

  /** Adds a checked record whose sample index is known to be new. */
  #commit(r: Checked): void {
    const t = this.#columns(r.model);
    const slot = t.slotOf(r.problemId);
    this.#commitAt(t, slot < 0 ? -1 - slot : slot, r);
  }

  /** {@link TallyAccumulator.#commit} into a known slot. */
  #commitAt(t: TallyColumns, slot: number, r: Checked): void {
    t.n[slot] = (t.n[slot] as number) + 1;
    if (r.correct) t.c[slot] = (t.c[slot] as number) + 1;
    if (r.sampleIndex !== undefined) {
      let runs = t.runsAt(slot);
      if (runs === null) t.setRuns(slot, (runs = []));
      runsAdd(runs, r.sampleIndex);
    }
    if (t.noAnswer !== null) {
      if (r.answer === undefined) {
        t.noAnswer[slot] = (t.noAnswer[slot] as number) + 1;
      } else {
        const answers = t.answersAt(slot);
        const a = answers.get(r.answer);
        if (a === undefined) answers.set(r.answer, { count: 1, correct: r.correct ? 1 : 0 });
        else {
          a.count++;
          if (r.correct) a.correct++;
        }
      }
    }
  }

  #seen(model: string, problemId: string, sampleIndex: number): boolean {
    const t = model === this.#lastModel ? this.#last : this.#table.get(model);
    if (t === undefined || t.runs === null) return false;
    const slot = t.slots.get(problemId);
    const runs = slot === undefined ? null : t.runsAt(slot);
    return runs !== null && runsHas(runs, sampleIndex);
  }

  /**
   * Adds one graded sample. Correctness is resolved by {@link resolveCorrect}; `answer` is kept
   * only with `keepAnswers`; `response` and `logprobs` are ignored.
   *
   * @param record - the sample; `model` and `problemId` non-empty strings, `sampleIndex` (optional)
   *   a non-negative safe integer
   * @returns this accumulator, for chaining
   * @throws {@link InvalidSampleRecordError} naming the field and problem for an invalid record
   * @throws {@link DuplicateSampleError} when the (model, problem, sampleIndex) was already added
   *
   * @example
   * ```ts
   * import { TallyAccumulator } from "passk";
   * const acc = new TallyAccumulator().add({ model: "m", problemId: "p", correct: true });
   * console.log(acc.talliesFor("m")); // => [ { problemId: 'p', n: 1, c: 1 } ]
   * ```
   */
  add(record: SampleRecord): this {
    const r = this.#check(record);
    // One lookup serves the duplicate check and the commit. A duplicate needs a problem that
    // existed already, so when this throws nothing was created.
    const t = this.#columns(r.model);
    let slot = t.slotOf(r.problemId);
    if (slot < 0) {
      slot = -1 - slot;
      const runs = r.sampleIndex === undefined ? null : t.runsAt(slot);
      if (runs !== null && runsHas(runs, r.sampleIndex as number)) throw duplicate(r.model, r.problemId, r.sampleIndex as number, "was already added");
    }
    this.#commitAt(t, slot, r);
    return this;
  }

  /**
   * Adds several records all-or-nothing: if any is invalid or a duplicate (of an earlier sample
   * or of another record in the same batch), none is added.
   *
   * @param records - the samples
   * @returns this accumulator
   * @throws the errors of {@link TallyAccumulator.add}
   *
   * @example
   * ```ts
   * import { TallyAccumulator, DuplicateSampleError } from "passk";
   * const acc = new TallyAccumulator();
   * try {
   *   acc.addAll([
   *     { model: "m", problemId: "p", sampleIndex: 0, correct: true },
   *     { model: "m", problemId: "p", sampleIndex: 0, correct: true },
   *   ]);
   * } catch (e) {
   *   console.log((e as DuplicateSampleError).code, acc.models().length); // => DUPLICATE_SAMPLE 0
   * }
   * ```
   */
  addAll(records: Iterable<SampleRecord>): this {
    const checked: Checked[] = [];
    let batchSeen: Map<string, Map<string, Set<number>>> | undefined;
    for (const record of records) {
      const r = this.#check(record);
      const i = r.sampleIndex;
      if (i !== undefined) {
        if (this.#seen(r.model, r.problemId, i)) throw duplicate(r.model, r.problemId, i, "was already added");
        batchSeen ??= new Map();
        let byProblem = batchSeen.get(r.model);
        if (byProblem === undefined) batchSeen.set(r.model, (byProblem = new Map()));
        let set = byProblem.get(r.problemId);
        if (set === undefined) byProblem.set(r.problemId, (set = new Set()));
        if (set.has(i)) throw duplicate(r.model, r.problemId, i, "appears twice in the batch");
        set.add(i);
      }
      checked.push(r);
    }
    for (const r of checked) this.#commit(r);
    return this;
  }

  /**
   * Adds a pre-aggregated tally (n samples, c correct) for a model, e.g. counts published without
   * per-sample records. Such samples carry no index and no answer (with `keepAnswers` they count
   * as `noAnswer`).
   *
   * @param model - model id (non-empty string)
   * @param tally - `{ problemId, n, c }` with 0 ≤ c ≤ n
   * @returns this accumulator
   * @throws {@link InvalidArgumentError} naming the field for a bad model, problem id or count
   *
   * @example
   * ```ts
   * import { TallyAccumulator } from "passk";
   * const acc = new TallyAccumulator().addTally("m", { problemId: "p", n: 128, c: 90 });
   * acc.addTally("m", { problemId: "p", n: 128, c: 10 });
   * console.log(acc.talliesFor("m")); // => [ { problemId: 'p', n: 256, c: 100 } ]
   * ```
   */
  addTally(model: string, tally: Tally): this {
    this.#addTally(model, tally, false);
    return this;
  }

  /**
   * {@link TallyAccumulator.addTally} for a (model, problem) that must have no samples yet: adds
   * the tally and returns true, or returns false and adds nothing when the problem already has
   * samples for this model. One hash lookup serves both the check and the insert, so a reader of a
   * counts table (one row per (model, problem)) can refuse a repeated row without a second map.
   *
   * @param model - model id (non-empty string)
   * @param tally - `{ problemId, n, c }` with 0 ≤ c ≤ n
   * @returns whether the tally was added
   * @throws {@link InvalidArgumentError} naming the field for a bad model, problem id or count
   *
   * @example
   * ```ts
   * import { TallyAccumulator } from "passk";
   * const acc = new TallyAccumulator();
   * console.log(acc.addNewTally("m", { problemId: "p", n: 8, c: 3 })); // => true
   * console.log(acc.addNewTally("m", { problemId: "p", n: 8, c: 5 })); // => false
   * console.log(acc.talliesFor("m")); // => [ { problemId: 'p', n: 8, c: 3 } ]
   * ```
   */
  addNewTally(model: string, tally: Tally): boolean {
    return this.#addTally(model, tally, true) >= 0;
  }

  /**
   * Adds a tally (unless `onlyNew` and the problem has samples already). Returns the problem's
   * slot `s` when it was new, `-1 - s` when it existed (see {@link addNewTallySlot}).
   */
  #addTally(model: string, tally: Tally, onlyNew: boolean): number {
    if (typeof model !== "string" || model === "") {
      throw new InvalidArgumentError(`model must be a non-empty string, got ${describe(model)}`, { field: "model", value: model });
    }
    if (tally === null || typeof tally !== "object") {
      throw new InvalidArgumentError(`tally must be an object, got ${describe(tally)}`, { field: "tally", value: tally });
    }
    const { problemId, n, c } = tally;
    if (typeof problemId !== "string" || problemId === "") {
      throw new InvalidArgumentError(`tally.problemId must be a non-empty string, got ${describe(problemId)}`, {
        field: "tally.problemId",
        value: problemId,
      });
    }
    // The common valid case without building the field names; any other goes to the full check.
    if (!(typeof n === "number" && typeof c === "number" && Number.isSafeInteger(n) && Number.isSafeInteger(c) && c >= 0 && c <= n)) {
      assertTallyCounts(n, c, problemId, "tally.");
    }
    const t = this.#columns(model);
    const code = t.slotOf(problemId);
    if (code >= 0) {
      // A new problem holds exactly this tally (n is within the safe range by the check above).
      // `0 + x` turns a -0 count into 0, as adding it to a fresh problem's 0 did.
      t.n[code] = 0 + n;
      t.c[code] = 0 + c;
      if (t.noAnswer !== null) t.noAnswer[code] = 0 + n;
      return code;
    }
    if (onlyNew) return code;
    const slot = -1 - code;
    const total = (t.n[slot] as number) + n;
    if (!Number.isSafeInteger(total)) {
      throw new InvalidArgumentError(`tally.n would overflow the safe-integer range (problem ${JSON.stringify(problemId)})`, {
        field: "tally.n",
        value: n,
        problemId,
      });
    }
    t.n[slot] = total;
    t.c[slot] = (t.c[slot] as number) + c;
    if (t.noAnswer !== null) t.noAnswer[slot] = (t.noAnswer[slot] as number) + n;
    return code;
  }

  /**
   * Adds every sample of `other` into this accumulator (exact: n and c add, sample-index sets
   * unite, answer clusters add). Associative and commutative up to {@link TallyAccumulator.toJSON}
   * equality. `other` is not modified and shares no state with this one afterwards.
   *
   * @param other - another accumulator with the same `keepAnswers`
   * @returns this accumulator
   * @throws {@link DuplicateSampleError} when both hold the same (model, problem, sampleIndex);
   *   nothing is merged then
   * @throws {@link InvalidArgumentError} when `keepAnswers` differs (answer lists could not be
   *   exact) or `other` is this accumulator (its unindexed samples would silently count twice)
   *
   * @example
   * ```ts
   * import { TallyAccumulator } from "passk";
   * const a = new TallyAccumulator().add({ model: "m", problemId: "p", sampleIndex: 0, correct: true });
   * const b = new TallyAccumulator().add({ model: "m", problemId: "p", sampleIndex: 1, correct: false });
   * console.log(a.merge(b).talliesFor("m")); // => [ { problemId: 'p', n: 2, c: 1 } ]
   * ```
   */
  merge(other: TallyAccumulator): this {
    if (!(other instanceof TallyAccumulator)) {
      throw new InvalidArgumentError(`other must be a TallyAccumulator, got ${describe(other)}`, { field: "other", value: other });
    }
    if (other === this) {
      throw new InvalidArgumentError("cannot merge an accumulator into itself; merge a clone() instead", { field: "other" });
    }
    if (other.keepAnswers !== this.keepAnswers) {
      throw new InvalidArgumentError(
        `cannot merge accumulators with keepAnswers ${this.keepAnswers} and ${other.keepAnswers}: answer lists would be incomplete`,
        { field: "keepAnswers", value: other.keepAnswers },
      );
    }
    // First pass: unite index sets and detect duplicates before anything changes.
    const unions = new Map<TallyColumns, Map<number, IndexRuns>>();
    for (const [model, theirs] of other.#table) {
      const mine = this.#table.get(model);
      if (mine === undefined || mine.runs === null || theirs.runs === null) continue;
      let united: Map<number, IndexRuns> | undefined;
      const ids = theirs.slots.ids;
      for (let slot = 0; slot < ids.length; slot++) {
        const problemId = ids[slot] as string;
        const at = mine.slots.get(problemId);
        const runs = at === undefined ? null : mine.runsAt(at);
        const theirRuns = theirs.runsAt(slot);
        if (runs === null || theirRuns === null) continue;
        const u = runsUnion(runs, theirRuns);
        if (!Array.isArray(u)) throw duplicate(model, problemId, u.duplicate, "is in both accumulators being merged");
        if (united === undefined) unions.set(mine, (united = new Map()));
        united.set(at as number, u);
      }
    }
    for (const [model, theirs] of other.#table) {
      let mine = this.#table.get(model);
      const ids = theirs.slots.ids;
      for (let slot = 0; slot < ids.length; slot++) {
        const problemId = ids[slot] as string;
        if (mine === undefined) this.#table.set(model, (mine = new TallyColumns(this.keepAnswers)));
        const at = mine.slots.get(problemId);
        if (at === undefined) {
          mine.copySlot(problemId, theirs, slot);
          continue;
        }
        mine.n[at] = (mine.n[at] as number) + (theirs.n[slot] as number);
        mine.c[at] = (mine.c[at] as number) + (theirs.c[slot] as number);
        const theirRuns = theirs.runsAt(slot);
        mine.setRuns(at, unions.get(mine)?.get(at) ?? mine.runsAt(at) ?? (theirRuns === null ? null : theirRuns.slice()));
        if (mine.noAnswer !== null && theirs.noAnswer !== null) {
          mine.noAnswer[at] = (mine.noAnswer[at] as number) + (theirs.noAnswer[slot] as number);
          const theirAnswers = (theirs.answers as Array<Map<string, AnswerCount> | null>)[slot] ?? null;
          if (theirAnswers === null) continue;
          const answers = mine.answersAt(at);
          for (const [answer, a] of theirAnswers) {
            const x = answers.get(answer);
            if (x === undefined) answers.set(answer, { count: a.count, correct: a.correct });
            else {
              x.count += a.count;
              x.correct += a.correct;
            }
          }
        }
      }
    }
    return this;
  }

  /**
   * An independent deep copy.
   *
   * @example
   * ```ts
   * import { TallyAccumulator } from "passk";
   * const a = new TallyAccumulator().add({ model: "m", problemId: "p", correct: true });
   * const b = a.clone().add({ model: "m", problemId: "p", correct: true });
   * console.log(a.talliesFor("m")[0]!.n, b.talliesFor("m")[0]!.n); // => 1 2
   * ```
   */
  clone(): TallyAccumulator {
    return new TallyAccumulator({ keepAnswers: this.keepAnswers }).merge(this);
  }

  /**
   * A new accumulator holding the samples of all `accumulators` (none is modified): the reduce
   * step for sharded tallying.
   *
   * @param accumulators - accumulators with the same `keepAnswers` (at least one)
   * @throws {@link InvalidArgumentError} for an empty list or mixed `keepAnswers`;
   *   {@link DuplicateSampleError} when two shards hold the same sample
   *
   * @example
   * ```ts
   * import { TallyAccumulator } from "passk";
   * const shards = [0, 1, 2].map((i) => new TallyAccumulator().add({ model: "m", problemId: "p", sampleIndex: i, correct: i > 0 }));
   * console.log(TallyAccumulator.mergeAll(shards).talliesFor("m")); // => [ { problemId: 'p', n: 3, c: 2 } ]
   * ```
   */
  static mergeAll(accumulators: Iterable<TallyAccumulator>): TallyAccumulator {
    let out: TallyAccumulator | undefined;
    for (const a of accumulators) {
      if (out === undefined) {
        if (!(a instanceof TallyAccumulator)) {
          throw new InvalidArgumentError(`accumulators[0] must be a TallyAccumulator, got ${describe(a)}`, { field: "accumulators[0]", value: a });
        }
        out = new TallyAccumulator({ keepAnswers: a.keepAnswers });
      }
      out.merge(a);
    }
    if (out === undefined) {
      throw new InvalidArgumentError("mergeAll needs at least one accumulator", { field: "accumulators" });
    }
    return out;
  }

  /**
   * Model ids seen, in code-unit order.
   *
   * @example
   * ```ts
   * import { TallyAccumulator } from "passk";
   * const acc = new TallyAccumulator().addTally("rl", { problemId: "p", n: 1, c: 1 }).addTally("base", { problemId: "p", n: 1, c: 0 });
   * console.log(acc.models()); // => [ 'base', 'rl' ]
   * ```
   */
  models(): string[] {
    return [...this.#table.keys()].sort(compareCodeUnits);
  }

  #problems(model: string): TallyColumns {
    const problems = this.#table.get(model);
    if (problems === undefined) {
      const known = this.models();
      throw new InvalidArgumentError(
        `no samples for model ${describe(model)}; known models: ${known.length === 0 ? "(none)" : known.map((m) => JSON.stringify(m)).join(", ")}`,
        { field: "model", value: model },
      );
    }
    return problems;
  }

  /**
   * The tallies of one model, one per problem, in {@link compareProblemIds} order; feed them to
   * `meanPassAtK` / `passAtKCurve`.
   *
   * @param model - a model id from {@link TallyAccumulator.models}
   * @throws {@link InvalidArgumentError} (field `model`) for a model with no samples, listing the known ones
   *
   * @example
   * ```ts
   * import { TallyAccumulator, meanPassAtK } from "passk";
   * const acc = new TallyAccumulator()
   *   .addTally("m", { problemId: "10", n: 4, c: 2 })
   *   .addTally("m", { problemId: "9", n: 4, c: 0 });
   * console.log(acc.talliesFor("m").map((t) => t.problemId)); // => [ '9', '10' ]
   * console.log(meanPassAtK(acc.talliesFor("m"), 1)); // => 0.25
   * ```
   */
  talliesFor(model: string): Tally[] {
    const t = this.#problems(model);
    const ids = [...t.slots.ids].sort(compareProblemIds);
    return ids.map((problemId) => {
      const slot = t.slots.get(problemId) as number;
      return { problemId, n: t.n[slot] as number, c: t.c[slot] as number };
    });
  }

  /**
   * The answer clusters of one (model, problem), largest first (needs `keepAnswers`).
   *
   * @param model - model id
   * @param problemId - problem id
   * @throws {@link InvalidArgumentError} when answers are not kept, or the model or problem is unknown
   *
   * @example
   * ```ts
   * import { TallyAccumulator } from "passk";
   * const acc = new TallyAccumulator({ keepAnswers: true });
   * for (const [answer, correct] of [["7", true], ["8", false], ["8", false]] as const) acc.add({ model: "m", problemId: "p", correct, answer });
   * console.log(acc.answersFor("m", "p").clusters.map((c) => `${c.answer}:${c.count}:${c.correct}`).join(" ")); // => 8:2:false 7:1:true
   * ```
   */
  answersFor(model: string, problemId: string): ProblemAnswers {
    if (!this.keepAnswers) {
      throw new InvalidArgumentError("answers are not kept; create the accumulator with { keepAnswers: true }", {
        field: "keepAnswers",
        value: false,
      });
    }
    const t = this.#problems(model);
    const slot = t.slots.get(problemId);
    if (slot === undefined) {
      throw new InvalidArgumentError(`no samples of model ${JSON.stringify(model)} for problem ${describe(problemId)}`, {
        field: "problemId",
        value: problemId,
        problemId: typeof problemId === "string" ? problemId : undefined,
      });
    }
    const clusters: AnswerCluster[] = [];
    for (const [answer, a] of (t.answers as Array<Map<string, AnswerCount> | null>)[slot] ?? []) {
      clusters.push({ answer, count: a.count, correctCount: a.correct, correct: a.correct === a.count });
    }
    clusters.sort((x, y) => y.count - x.count || compareCodeUnits(x.answer, y.answer));
    return { problemId, n: t.n[slot] as number, noAnswer: (t.noAnswer as Float64Array)[slot] as number, clusters };
  }

  /**
   * The answer clusters of every problem of one model, in {@link compareProblemIds} order.
   *
   * @param model - model id
   * @throws as {@link TallyAccumulator.answersFor}
   *
   * @example
   * ```ts
   * import { TallyAccumulator } from "passk";
   * const acc = new TallyAccumulator({ keepAnswers: true })
   *   .add({ model: "m", problemId: "b", correct: true, answer: "1" })
   *   .add({ model: "m", problemId: "a", correct: false, answer: "2" });
   * console.log(acc.answersForModel("m").map((p) => p.problemId)); // => [ 'a', 'b' ]
   * ```
   */
  answersForModel(model: string): ProblemAnswers[] {
    const ids = [...this.#problems(model).slots.ids].sort(compareProblemIds);
    return ids.map((id) => this.answersFor(model, id));
  }

  /**
   * Plain-JSON form in canonical order (see {@link TallyAccumulatorJSON}): two accumulators with
   * the same samples give deep-equal JSON, however they were built.
   *
   * @example
   * ```ts
   * import { TallyAccumulator } from "passk";
   * const acc = new TallyAccumulator().add({ model: "m", problemId: "p", correct: false });
   * console.log(JSON.stringify(acc.toJSON().models)); // => [{"model":"m","problems":[{"problemId":"p","n":1,"c":0}]}]
   * ```
   */
  toJSON(): TallyAccumulatorJSON {
    return {
      format: TALLY_JSON_FORMAT,
      version: TALLY_JSON_VERSION,
      keepAnswers: this.keepAnswers,
      models: this.models().map((model) => {
        const t = this.#table.get(model) as TallyColumns;
        return {
          model,
          problems: [...t.slots.ids].sort(compareProblemIds).map((problemId): ProblemTallyJSON => {
            const slot = t.slots.get(problemId) as number;
            const out: { -readonly [K in keyof ProblemTallyJSON]: ProblemTallyJSON[K] } = { problemId, n: t.n[slot] as number, c: t.c[slot] as number };
            const runs = t.runsAt(slot);
            if (runs !== null && runs.length > 0) {
              const pairs: Array<readonly [number, number]> = [];
              for (let i = 0; i < runs.length; i += 2) pairs.push([runs[i] as number, (runs[i + 1] as number) - 1]);
              out.sampleIndexRuns = pairs;
            }
            if (t.answers !== null) {
              const answers: AnswerCountJSON[] = [];
              for (const [answer, a] of t.answers[slot] ?? []) answers.push({ answer, count: a.count, correctCount: a.correct });
              answers.sort((x, y) => compareCodeUnits(x.answer, y.answer));
              out.answers = answers;
              out.noAnswer = (t.noAnswer as Float64Array)[slot] as number;
            }
            return out;
          }),
        };
      }),
    };
  }

  /**
   * Rebuilds an accumulator from {@link TallyAccumulator.toJSON} output (e.g. after
   * `JSON.parse`), validating everything it reads.
   *
   * @param json - a parsed {@link TallyAccumulatorJSON}
   * @throws {@link InvalidArgumentError} whose `field` is the JSON path of the first problem found:
   *   wrong `format` or unsupported `version`, a bad count, `c > n`, a repeated model or problem,
   *   malformed or overlapping sample-index ranges, answer counts that do not add up to `n`
   *
   * @example
   * ```ts
   * import { TallyAccumulator, InvalidArgumentError } from "passk";
   * const json = { format: "passk.tallies", version: 1, keepAnswers: false,
   *   models: [{ model: "m", problems: [{ problemId: "p", n: 3, c: 4 }] }] };
   * try {
   *   TallyAccumulator.fromJSON(json);
   * } catch (e) {
   *   console.log((e as InvalidArgumentError).field); // => models[0].problems[0].c
   * }
   * ```
   */
  static fromJSON(json: unknown): TallyAccumulator {
    const { keepAnswers, table } = parseTallyAccumulatorJSON(json);
    const acc = new TallyAccumulator({ keepAnswers });
    acc.#table = table;
    return acc;
  }
}
