/**
 * The tallies one file adds to an accumulator, a (model, problem) at most once per file.
 * @internal
 * @module
 */
import type { Tally } from "../estimators/tally.js";
import type { TallyAccumulator } from "../tallies/index.js";
import { addNewTallySlot } from "../tallies/tallyAccumulator.js";

/** Per slot of one model's table in the accumulator: the line (row) of this file that added it, or -1. */
interface AddedLines {
  lines: Float64Array;
}

/**
 * Adds the tallies of one file (a counts table, a details file: one row per (model, problem)) to an
 * accumulator, telling a repeated row of the file apart from a problem that has samples from
 * elsewhere (another file, an accumulator passed in), which adds up.
 *
 * Most rows name a problem the accumulator does not hold yet: {@link addNewTallySlot} adds those
 * with one hash lookup and says at which slot of the model's table, and this file notes its line
 * in a flat array indexed by slot (no second map, no list of ids). Only a problem already held is
 * looked up in that array: a line there is the row that first added it from this file.
 * @internal
 */
export class FileTallies {
  readonly #added = new Map<string, AddedLines>();
  // Rows come grouped by model: the last model's lines are kept at hand.
  #lastModel: string | undefined;
  #last: AddedLines | undefined;

  constructor(readonly accumulator: TallyAccumulator) {}

  /**
   * Adds the tally of `line`, or returns the line where the file already added this (model,
   * problem) (adding nothing). Throws the accumulator's errors for a bad tally.
   */
  add(model: string, tally: Tally, line: number): number | undefined {
    const code = addNewTallySlot(this.accumulator, model, tally);
    let added = this.#last;
    if (model !== this.#lastModel || added === undefined) {
      added = this.#added.get(model);
      if (added === undefined) this.#added.set(model, (added = { lines: new Float64Array(0) }));
      this.#lastModel = model;
      this.#last = added;
    }
    const slot = code >= 0 ? code : -1 - code;
    if (slot >= added.lines.length) {
      const lines = new Float64Array(Math.max(64, slot * 2)).fill(-1);
      lines.set(added.lines);
      added.lines = lines;
    }
    if (code < 0) {
      const first = added.lines[slot] as number;
      if (first >= 0) return first;
      this.accumulator.addTally(model, tally);
    }
    added.lines[slot] = line;
    return undefined;
  }
}
