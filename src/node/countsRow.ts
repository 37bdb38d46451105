/**
 * One row of a counts table (`model, problem_id, n, c`) → a model and its tally, strictly checked.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { Tally } from "../estimators/tally.js";

/**
 * Names of the columns of a counts table. Every name is mappable: a table written by
 * `SELECT model, problem, COUNT(*) AS samples, SUM(correct) AS solved ... GROUP BY ...` reads with
 * `{ problemId: "problem", n: "samples", c: "solved" }`.
 *
 * @example
 * ```ts
 * import type { CountsColumns } from "passk/node";
 * const columns: CountsColumns = { problemId: "problem", n: "samples", c: "solved" };
 * console.log(columns.n); // => samples
 * ```
 */
export interface CountsColumns {
  /** Column of the model id (default `model`); ignored when a fixed `model` is given. */
  readonly model?: string;
  /** Column of the problem id (default `problem_id`). */
  readonly problemId?: string;
  /** Column of the number of samples (default `n`). */
  readonly n?: string;
  /** Column of the number of correct samples (default `c`). */
  readonly c?: string;
}

/** The column names with their defaults filled in. @internal */
export interface ResolvedCountsColumns {
  readonly model: string;
  readonly problemId: string;
  readonly n: string;
  readonly c: string;
}

/** Fills in the default column names, refusing empty or non-string names. @internal */
export function resolveCountsColumns(columns: CountsColumns | undefined): ResolvedCountsColumns {
  const out = { model: "model", problemId: "problem_id", n: "n", c: "c", ...columns };
  for (const key of ["model", "problemId", "n", "c"] as const) {
    if (typeof out[key] !== "string" || out[key] === "") {
      throw new InvalidArgumentError(`columns.${key} must be a non-empty string, got ${String(out[key])}`, {
        field: `columns.${key}`,
        value: out[key],
      });
    }
  }
  return out;
}

/** A row of a counts table, read: the model and its tally. */
export interface CountsRow {
  /** The model the tally belongs to. */
  readonly model: string;
  /** Problem id, n and c. */
  readonly tally: Tally;
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  return String(value);
}

/**
 * A count cell → a safe non-negative integer. CSV cells are text and must be plain decimal digits
 * (no sign, exponent, fraction or spaces: "1e3" or "3.0" in a count column means the table was not
 * written as counts, and reading it as a number would hide that); JSON and Parquet cells must be
 * integers already (Parquet INT64 arrives as a bigint).
 */
function count(value: unknown, column: string): number {
  let n: number | undefined;
  if (typeof value === "number") n = value;
  else if (typeof value === "bigint") n = value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= 0n ? Number(value) : Number.NaN;
  else if (typeof value === "string" && /^[0-9]+$/.test(value)) n = Number(value);
  if (value === undefined || value === null || value === "") {
    throw new InvalidArgumentError(`missing ${column}`, { field: column, value });
  }
  if (n === undefined || !Number.isSafeInteger(n) || n < 0) {
    throw new InvalidArgumentError(`${column} must be a non-negative integer count, got ${show(value)}`, { field: column, value });
  }
  return n;
}

/** A model or problem cell → a non-empty string; integers (a numeric problem id) become their decimal text. */
function id(value: unknown, column: string): string {
  if (typeof value === "string") {
    if (value === "") throw new InvalidArgumentError(`${column} is empty`, { field: column, value });
    return value;
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (value === undefined || value === null) throw new InvalidArgumentError(`missing ${column}`, { field: column, value });
  throw new InvalidArgumentError(`${column} must be a string or an integer, got ${show(value)}`, { field: column, value });
}

/**
 * Reads one row of a counts table (an object keyed by column name). A row with `c > n`, a count
 * that is not a non-negative integer, or a missing or empty id is refused with an
 * {@link index!InvalidArgumentError} whose `field` is the column's name in the table.
 *
 * @param row - the row, keyed by column name
 * @param columns - the column names (defaults `model`, `problem_id`, `n`, `c`)
 * @param model - the model of every row, for a table without a model column
 * @returns the model and its tally
 * @throws {@link index!InvalidArgumentError} naming the column
 *
 * @example
 * ```ts
 * import { countsRow } from "passk/node";
 * console.log(countsRow({ model: "rl", problem_id: 7, n: "16", c: "5" })); // => { model: 'rl', tally: { problemId: '7', n: 16, c: 5 } }
 * console.log(countsRow({ problem: "p", samples: 4, solved: 0 }, { problemId: "problem", n: "samples", c: "solved" }, "base").model); // => base
 * try {
 *   countsRow({ model: "rl", problem_id: "p", n: "4", c: "1e0" });
 * } catch (e) {
 *   console.log((e as Error).message); // => c must be a non-negative integer count, got "1e0"
 * }
 * ```
 */
export function countsRow(row: Readonly<Record<string, unknown>>, columns?: CountsColumns, model?: string): CountsRow {
  return readCountsRow(row, resolveCountsColumns(columns), model);
}

/** {@link countsRow} with the column names already resolved (the per-row path of ingestCounts). @internal */
export function readCountsRow(row: Readonly<Record<string, unknown>>, names: ResolvedCountsColumns, model: string | undefined): CountsRow {
  const problemId = id(row[names.problemId], names.problemId);
  const n = count(row[names.n], names.n);
  const c = count(row[names.c], names.c);
  // A problem with no samples would enter the report with n = 0, where no pass@k exists.
  if (n === 0) throw new InvalidArgumentError(`${names.n} is 0: a problem needs at least one sample`, { field: names.n, value: 0, problemId });
  if (c > n) {
    throw new InvalidArgumentError(`${names.c} = ${c} exceeds ${names.n} = ${n} (problem ${JSON.stringify(problemId)})`, {
      field: names.c,
      value: c,
      problemId,
    });
  }
  return { model: model ?? id(row[names.model], names.model), tally: { problemId, n, c } };
}
