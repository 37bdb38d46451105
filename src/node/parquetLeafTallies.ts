/**
 * The allocation-free path of Parquet rows that are one document each (lighteval details): a
 * reader that can tell a row's tally from two leaf cells (problem id, per-document value) gets
 * them straight from hyparquet's decoded pages, with no row, struct or result object per row.
 * @internal
 * @module
 */
import type { ParquetLeafGroup } from "./parquetFile.js";
import type { RecordSink } from "./recordSink.js";

/** A tally written in place, one per file (never one per row). @internal */
export interface TallyScratch {
  problemId: string;
  n: number;
  c: number;
}

/**
 * How a reader's `tally` reads one file from two leaves: `id` and `value` are leaf paths (the
 * top-level column, then struct fields), e.g. `["doc", "id"]` and `["metric", "pass@k:k=1&n=16"]`.
 * @internal
 */
export interface LeafTallyPlan {
  readonly model: string;
  readonly id: readonly string[];
  readonly value: readonly string[];
  /**
   * Writes the row's tally into `out` and returns true when the reader's `tally` would return
   * exactly that (model, tally) for a row with these cells, without an error; false when the row
   * must go through `tally` (a bad row, or one this does not decide).
   */
  tally(id: unknown, value: unknown, out: TallyScratch): boolean;
}

/** Given the columns to decode and the fields of struct columns, the plan for a file, or undefined. @internal */
export type LeafTallyPlanner = (columns: readonly string[], fieldsOf: (column: string) => readonly string[]) => LeafTallyPlan | undefined;

/**
 * The planners of readers that have one, by reader object (a copy or a wrapper of the reader has
 * none, so it is always read row by row through its own methods).
 * @internal
 */
export const leafTallyPlanners = new WeakMap<object, LeafTallyPlanner>();

/**
 * Adds a group's rows 0, 1, … from its two leaf columns while the plan vouches for them and the
 * file has not added their problem yet; returns the first row not taken (the group's row count
 * when all were). A row not taken is left to the reader's `tally`, which then
 * gives the same result or error as it would have anyway.
 * @internal
 */
export function tallyLeafRows(plan: LeafTallyPlan, group: ParquetLeafGroup, sink: RecordSink, scratch: TallyScratch): number {
  const ids = group.leaves[0] as ReadonlyArray<unknown>;
  const values = group.leaves[1] as ReadonlyArray<unknown>;
  const { model } = plan;
  let i = 0;
  for (; i < group.rows; i++) {
    if (!plan.tally(ids[i], values[i], scratch) || !sink.addNewRowTally(model, scratch, group.firstRow + i)) break;
  }
  return i;
}
