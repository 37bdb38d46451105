/**
 * Named collections of tallies (one per model) and their alignment on a common problem set.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { collectTallies, type Tally } from "../estimators/tally.js";
import { MismatchedProblemsError } from "./errors.js";

/**
 * Tallies of several models, keyed by model name: a `Map` (iterated in insertion order) or a plain
 * object (iterated in JavaScript property order, which puts integer-like names such as `"7"` first;
 * use a `Map` when the order of the output matters and names look like integers).
 *
 * @example
 * ```ts
 * import { compareCoverage } from "passk";
 * const models = new Map([
 *   ["base", [{ problemId: "p1", n: 2, c: 1 }]],
 *   ["rl", [{ problemId: "p1", n: 2, c: 0 }]],
 * ]);
 * console.log(compareCoverage(models).solvedByAll); // => []
 * ```
 */
export type ModelTallies = ReadonlyMap<string, Iterable<Tally>> | Readonly<Record<string, Iterable<Tally>>>;

/** One model's validated tallies, in the problem order of the first model. @internal */
export interface AlignedModel {
  readonly model: string;
  readonly tallies: readonly Tally[];
}

/** Validates a {@link ModelTallies} argument into (name, iterable) entries. @internal */
export function modelEntries(models: ModelTallies, what = "models"): Array<[string, Iterable<Tally>]> {
  if (models === null || typeof models !== "object") {
    throw new InvalidArgumentError(`${what} must be a Map or an object of model name -> tallies, got ${String(models)}`, {
      field: what,
      value: models,
    });
  }
  return models instanceof Map
    ? [...(models as ReadonlyMap<string, Iterable<Tally>>).entries()]
    : Object.entries(models as Readonly<Record<string, Iterable<Tally>>>);
}

/**
 * Validates every model's tallies and reorders them to the first model's problem order.
 * Every model must cover exactly the same problem ids: the first id missing on either side is named.
 * @internal
 */
export function alignModels(entries: ReadonlyArray<readonly [string, Iterable<Tally>]>, what = "models"): AlignedModel[] {
  const lists = entries.map(([model, tallies]) => ({ model, list: collectTallies(tallies, `${what}[${JSON.stringify(model)}]`) }));
  const first = lists[0];
  if (first === undefined) {
    throw new InvalidArgumentError(`${what} must name at least one model`, { field: what });
  }
  const order = first.list.map((t) => t.problemId);
  return lists.map(({ model, list }, i) => {
    if (i === 0) return { model, tallies: list };
    const byId = new Map(list.map((t) => [t.problemId, t]));
    const aligned = order.map((id) => {
      const t = byId.get(id);
      if (t === undefined) {
        throw new MismatchedProblemsError(
          `model ${JSON.stringify(model)} has no tally for problem ${JSON.stringify(id)}, which model ` +
            `${JSON.stringify(first.model)} has; paired analyses need the same problems for every model`,
          { field: `${what}[${JSON.stringify(model)}]`, problemId: id },
        );
      }
      return t;
    });
    if (list.length > order.length) {
      const known = new Set(order);
      const extra = list.find((t) => !known.has(t.problemId)) as Tally;
      throw new MismatchedProblemsError(
        `model ${JSON.stringify(model)} has a tally for problem ${JSON.stringify(extra.problemId)}, which model ` +
          `${JSON.stringify(first.model)} lacks; paired analyses need the same problems for every model`,
        { field: `${what}[${JSON.stringify(model)}]`, problemId: extra.problemId },
      );
    }
    return { model, tallies: aligned };
  });
}

/** Aligns two tally collections given as arguments (named for the error messages). @internal */
export function alignPair(
  a: Iterable<Tally>,
  b: Iterable<Tally>,
  nameA: string,
  nameB: string,
): [readonly Tally[], readonly Tally[]] {
  const [x, y] = alignModels([
    [nameA, a],
    [nameB, b],
  ], "tallies");
  return [(x as AlignedModel).tallies, (y as AlignedModel).tallies];
}

export { smallestN } from "../estimators/tally.js";
