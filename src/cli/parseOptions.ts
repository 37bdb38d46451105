/**
 * Parsers for option values; each throws a {@link UsageError} naming the option and the value.
 * @module
 */
import { UsageError } from "./exitCodes.js";

/**
 * Parses a non-negative safe integer option value (a seed, a count).
 *
 * @param text - the value as typed
 * @param option - the option name for the message, e.g. `"--seed"`
 * @param min - smallest accepted value (default 0)
 * @throws {@link UsageError} for anything but a decimal integer in [min, 2^53)
 *
 * @example
 * ```ts
 * import { parseInteger } from "passk/cli";
 * console.log(parseInteger("42", "--seed")); // => 42
 * try {
 *   parseInteger("4.5", "--seed");
 * } catch (e) {
 *   console.log((e as Error).message); // => --seed must be an integer >= 0, got "4.5"
 * }
 * ```
 */
export function parseInteger(text: string, option: string, min = 0): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${option} must be an integer >= ${min}, got ${JSON.stringify(text)}`, { field: option, value: text });
  }
  return value;
}

/**
 * Parses a comma-separated list of budgets, e.g. `"1,2,4,8"`, into strictly increasing integers ≥ 1.
 *
 * @param text - the value as typed
 * @param option - the option name for the message (default `"--ks"`)
 * @throws {@link UsageError} for an empty entry, a non-integer, k < 1, or a list that does not increase
 *
 * @example
 * ```ts
 * import { parseKs } from "passk/cli";
 * console.log(parseKs("1, 2,4,16")); // => [ 1, 2, 4, 16 ]
 * try {
 *   parseKs("4,2");
 * } catch (e) {
 *   console.log((e as Error).message); // => --ks must be strictly increasing, got 2 after 4
 * }
 * ```
 */
export function parseKs(text: string, option = "--ks"): number[] {
  const ks = text.split(",").map((part) => parseInteger(part, option, 1));
  ks.forEach((k, i) => {
    const prev = ks[i - 1];
    if (prev !== undefined && k <= prev) {
      throw new UsageError(`${option} must be strictly increasing, got ${k} after ${prev}`, { field: option, value: text });
    }
  });
  return ks;
}

/**
 * Parses a probability strictly between 0 and 1 (an interval level).
 *
 * @param text - the value as typed
 * @param option - the option name for the message
 * @throws {@link UsageError} for anything else
 *
 * @example
 * ```ts
 * import { parseLevel } from "passk/cli";
 * console.log(parseLevel("0.9", "--level")); // => 0.9
 * ```
 */
export function parseLevel(text: string, option: string): number {
  const value = /^\s*(0?\.\d+)\s*$/.test(text) ? Number(text) : NaN;
  if (!(value > 0 && value < 1)) {
    throw new UsageError(`${option} must be a number strictly between 0 and 1, got ${JSON.stringify(text)}`, { field: option, value: text });
  }
  return value;
}

/**
 * Parses a finite number (a score threshold).
 *
 * @param text - the value as typed
 * @param option - the option name for the message
 * @throws {@link UsageError} for anything that is not a finite decimal number
 *
 * @example
 * ```ts
 * import { parseFiniteNumber } from "passk/cli";
 * console.log(parseFiniteNumber("0.5", "--threshold")); // => 0.5
 * ```
 */
export function parseFiniteNumber(text: string, option: string): number {
  const value = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) {
    throw new UsageError(`${option} must be a finite number, got ${JSON.stringify(text)}`, { field: option, value: text });
  }
  return value;
}

/**
 * Checks that an option value is one of a fixed set of choices.
 *
 * @param text - the value as typed
 * @param option - the option name for the message
 * @param choices - the accepted values
 * @throws {@link UsageError} listing the choices
 *
 * @example
 * ```ts
 * import { parseChoice } from "passk/cli";
 * console.log(parseChoice("qwen", "--format", ["flat", "qwen"])); // => qwen
 * try {
 *   parseChoice("csv", "--format", ["flat", "qwen"]);
 * } catch (e) {
 *   console.log((e as Error).message); // => --format must be one of flat, qwen; got "csv"
 * }
 * ```
 */
export function parseChoice<T extends string>(text: string, option: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`${option} must be one of ${choices.join(", ")}; got ${JSON.stringify(text)}`, { field: option, value: text });
  }
  return text as T;
}

/**
 * Parses a comma-separated list of non-empty values (`C,P`), as given to `--inspect-correct`.
 *
 * @param text - the option's text
 * @param option - the option's name, for the message
 * @throws {@link UsageError} for an empty list or an empty value
 *
 * @example
 * ```ts
 * import { parseValueList } from "passk/cli";
 * console.log(parseValueList("C, P", "--inspect-correct")); // => [ 'C', 'P' ]
 * ```
 */
export function parseValueList(text: string, option: string): string[] {
  const values = text.split(",").map((v) => v.trim());
  if (values.some((v) => v === "")) throw new UsageError(`${option} must be a comma-separated list of non-empty values, got ${JSON.stringify(text)}`, { field: option, value: text });
  return values;
}
