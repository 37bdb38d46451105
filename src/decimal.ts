/**
 * Re-export of decimal.js so callers of the exact estimators use the same class passk returns.
 * @module
 */
import DecimalJs from "decimal.js";

/**
 * The decimal.js `Decimal` class that {@link passAtKExact} and {@link passHatKExact} return,
 * re-exported so `instanceof Decimal` and the types line up without a second import.
 *
 * @example
 * ```ts
 * import { Decimal, passAtKExact } from "passk";
 * console.log(passAtKExact(4, 1, 1) instanceof Decimal); // => true
 * ```
 */
export const Decimal: typeof DecimalJs = DecimalJs;
/** An arbitrary-precision decimal value (decimal.js). */
export type Decimal = DecimalJs;
