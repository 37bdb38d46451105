/**
 * Reference validation shared by the string verifiers. Internal.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";

/** The accepted answers of a `string | string[]` reference; throws on anything else. */
export function assertReferenceStrings(reference: unknown): readonly string[] {
  const list = typeof reference === "string" ? [reference] : reference;
  if (!Array.isArray(list) || list.length === 0 || list.some((a) => typeof a !== "string")) {
    throw new InvalidArgumentError(
      `reference must be a string or a non-empty array of strings, got ${JSON.stringify(reference)}`,
      { field: "reference", value: reference },
    );
  }
  return list as readonly string[];
}
