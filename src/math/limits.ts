/**
 * Hard caps and the deadline that bound the work of one math verdict.
 * @module
 */
import { PasskError } from "../errors/errors.js";

/**
 * Hard limits applied to every answer before any parsing, arithmetic or CAS call, so that an
 * adversarial answer (a power tower, a huge factorial, a 100 KB blob) is refused in microseconds
 * instead of exhausting time or memory.
 *
 * @example
 * ```ts
 * import { DEFAULT_MATH_LIMITS } from "passk/math";
 * console.log(DEFAULT_MATH_LIMITS.maxAnswerLength, DEFAULT_MATH_LIMITS.maxDepth); // => 2000 40
 * ```
 */
export interface MathLimits {
  /** Longest response scanned for an answer, in characters (longer responses are unparsed). */
  readonly maxResponseLength: number;
  /** Longest extracted answer, in characters. */
  readonly maxAnswerLength: number;
  /** Deepest nesting of brackets, braces, fractions and powers. */
  readonly maxDepth: number;
  /** Most digits in one number literal. */
  readonly maxLiteralDigits: number;
  /** Most decimal digits of any exact intermediate (numerator or denominator). */
  readonly maxExactDigits: number;
  /** Largest integer exponent applied exactly (larger ones to bases other than 0, ±1 are refused). */
  readonly maxExponent: number;
  /** Largest n accepted in n!. */
  readonly maxFactorial: number;
  /** Longest answer (in characters of LaTeX) handed to the CAS. */
  readonly maxCasLength: number;
}

/**
 * The default {@link MathLimits}: generous for competition answers (2006! and 2^{-99} are exact),
 * far below anything that could stall the event loop.
 *
 * @example
 * ```ts
 * import { DEFAULT_MATH_LIMITS } from "passk/math";
 * console.log(DEFAULT_MATH_LIMITS.maxFactorial); // => 5000
 * ```
 */
export const DEFAULT_MATH_LIMITS: MathLimits = Object.freeze({
  maxResponseLength: 1_000_000,
  maxAnswerLength: 2000,
  maxDepth: 40,
  maxLiteralDigits: 400,
  maxExactDigits: 20_000,
  maxExponent: 100_000,
  maxFactorial: 5000,
  maxCasLength: 300,
});

/**
 * An answer exceeded one of the {@link MathLimits}. Caught inside the verifier, which reports the
 * answer as unparsed with reason `"invalid: …"` (for the response) or as an error (for the gold).
 *
 * @example
 * ```ts
 * import { mathEquivalent } from "passk/math";
 * const r = mathEquivalent("1", "5^{5^{5^{5}}}");
 * console.log(r.status, r.reason); // => invalid exponent too large
 * ```
 */
export class MathLimitError extends PasskError {
  constructor(message: string) {
    super("MATH_LIMIT_EXCEEDED", message);
  }
}

/** The verdict's deadline passed. Internal: turned into a `"timeout"` verdict. @internal */
export class MathDeadlineError extends PasskError {
  constructor() {
    super("MATH_DEADLINE", "math verdict exceeded its deadline");
  }
}

/** Checks the deadline every few calls (Date.now() is cheap but not free). @internal */
export class Budget {
  private ticks = 0;
  constructor(
    readonly limits: MathLimits,
    private deadline: number,
  ) {}
  /**
   * Moves the deadline later by `ms`: for one-time work that is not the verdict's own (building
   * the CAS on its first use), so that the first verdict of a process is judged like later ones.
   */
  extend(ms: number): void {
    this.deadline += ms;
  }
  /** Throws {@link MathDeadlineError} once the deadline has passed. */
  tick(): void {
    if ((++this.ticks & 31) === 0 && Date.now() > this.deadline) throw new MathDeadlineError();
  }
  /** Unconditional deadline check, for before expensive steps. */
  check(): void {
    if (Date.now() > this.deadline) throw new MathDeadlineError();
  }
}
