/**
 * The reference type a combination of verifiers accepts.
 * @module
 */
import type { Verifier, VerifierResult } from "./verifier.js";

/**
 * The reference type a verifier accepts.
 *
 * @example
 * ```ts
 * import type { ReferenceOf } from "passk";
 * import { numericMatch } from "passk";
 * const ref: ReferenceOf<ReturnType<typeof numericMatch>> = 42; // number | string
 * console.log(ref); // => 42
 * ```
 */
export type ReferenceOf<V> = V extends Verifier<infer Ref, VerifierResult> ? Ref : never;

/**
 * The references that every verifier of a list accepts: the intersection of their reference types
 * (a reference is passed to each of them, so it must suit all). `anyOf`, `allOf` and
 * `firstThatExtracts` type their result with it, so combining `exactMatch()` (string or list of
 * strings) with `numericMatch()` (number or string) gives a verifier of string references without
 * an explicit type argument.
 *
 * @example
 * ```ts
 * import type { SharedReference } from "passk";
 * import { exactMatch, numericMatch } from "passk";
 * type Both = SharedReference<[ReturnType<typeof exactMatch>, ReturnType<typeof numericMatch>]>;
 * const ref: Both = "1000"; // a number or a list of strings would not compile
 * console.log(ref); // => 1000
 * ```
 */
export type SharedReference<Vs extends readonly unknown[]> = {
  [I in keyof Vs]: (reference: ReferenceOf<Vs[I]>) => void;
}[number] extends (reference: infer R) => void
  ? R
  : never;
