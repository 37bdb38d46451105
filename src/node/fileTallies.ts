/**
 * The tallies one file adds to an accumulator, a (model, problem) at most once per file.
 * @internal
 * @module
 */
import type { Tally } from "../estimators/tally.js";
import type { TallyAccumulator } from "../tallies/index.js";

/** The problems of one model a file has added, in order, with the line (row) of each. */
interface AddedProblems {
  readonly ids: string[];
  readonly lines: number[];
  /** Index by id of `ids[0 .. indexed)`, built only when needed. */
  byId: Map<string, number> | undefined;
  indexed: number;
}

/**
 * Adds the tallies of one file (a counts table, a details file: one row per (model, problem)) to an
 * accumulator, telling a repeated row of the file apart from a problem that has samples from
 * elsewhere (another file, an accumulator passed in), which adds up.
 *
 * Most rows name a problem the accumulator does not hold yet: {@link TallyAccumulator.addNewTally}
 * adds those with one hash lookup, and such a problem cannot have come earlier in the file. Only
 * for a problem already held is the file's own list consulted; its index by id is built then, so
 * a file of new problems pays for no second map.
 * @internal
 */
export class FileTallies {
  readonly #added = new Map<string, AddedProblems>();
  // Rows come grouped by model: the last model's list is kept at hand.
  #lastModel: string | undefined;
  #last: AddedProblems | undefined;

  constructor(readonly accumulator: TallyAccumulator) {}

  /**
   * Adds the tally of `line`, or returns the line where the file already added this (model,
   * problem) (adding nothing). Throws the accumulator's errors for a bad tally.
   */
  add(model: string, tally: Tally, line: number): number | undefined {
    let added = this.#last;
    if (model !== this.#lastModel || added === undefined) {
      added = this.#added.get(model);
      if (added === undefined) this.#added.set(model, (added = { ids: [], lines: [], byId: undefined, indexed: 0 }));
      this.#lastModel = model;
      this.#last = added;
    }
    if (!this.accumulator.addNewTally(model, tally)) {
      const byId = (added.byId ??= new Map());
      for (; added.indexed < added.ids.length; added.indexed++) byId.set(added.ids[added.indexed]!, added.lines[added.indexed]!);
      const first = byId.get(tally.problemId);
      if (first !== undefined) return first;
      this.accumulator.addTally(model, tally);
    }
    added.ids.push(tally.problemId);
    added.lines.push(line);
    return undefined;
  }
}
