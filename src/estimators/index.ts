// Barrel of the estimators area (part of the root entry `passk`): pass@k, pass^k, their exact
// decimal forms and the curve over many problems.
export { Decimal } from "./decimal.js";
export type { Tally } from "./tally.js";
export { passAtK } from "./passAtK.js";
export { passHatK } from "./passHatK.js";
export { passAtKExact, passHatKExact, type ExactOptions } from "./passAtKExact.js";
export { meanPassAtK, passAtKCurve, type CurvePoint } from "./passAtKCurve.js";
