/**
 * Re-export of decimal.js's `Decimal` so callers of the exact estimators use the same class passk
 * returns. A named re-export (not a default import) keeps it a class, usable as a type and a value,
 * under every module resolution (nodenext, node16, bundler) and in ESM and CJS alike.
 *
 * @example
 * ```ts
 * import { Decimal, passAtKExact } from "passk";
 * console.log(passAtKExact(4, 1, 1) instanceof Decimal); // => true
 * ```
 * @module
 */
export { Decimal } from "decimal.js";
