/**
 * Calling a verifier safely: throws and malformed results become `"error"` results.
 * @module
 */
import { describeError } from "./abort.js";
import { verifierError } from "./verdict.js";
import { VERIFIER_STATUSES, type Verifier, type VerifierContext, type VerifierResult } from "./verifier.js";

/** Options of {@link verifierContext}. */
export interface VerifierContextOptions {
  /** Signal to hand to the verifier; a never-aborting one if absent. */
  readonly signal?: AbortSignal;
  /** Time budget in ms from `now`; no deadline (`Infinity`) if absent. */
  readonly timeoutMs?: number;
  /** Current time in epoch ms; `Date.now()` if absent (pass it for deterministic deadlines). */
  readonly now?: number;
}

/**
 * Builds a {@link VerifierContext}. It only records the deadline; enforcing it is the job of
 * {@link withTimeout} or {@link verifyBatch}'s `timeoutMs`.
 *
 * @example
 * ```ts
 * import { verifierContext } from "passk";
 * console.log(verifierContext({ now: 5, timeoutMs: 10 }).deadline); // => 15
 * console.log(verifierContext().deadline); // => Infinity
 * ```
 */
export function verifierContext(options: VerifierContextOptions = {}): VerifierContext {
  const signal = options.signal ?? new AbortController().signal;
  const deadline =
    options.timeoutMs === undefined ? Infinity : (options.now ?? Date.now()) + options.timeoutMs;
  return { signal, deadline };
}

/**
 * Checks that a value returned by a verifier is a well-formed {@link VerifierResult}; returns a
 * description of the first problem, or `undefined` when it is well formed.
 *
 * @example
 * ```ts
 * import { checkVerifierResult } from "passk";
 * console.log(checkVerifierResult({ status: "correct", correct: true, score: 1.5 })); // => score must be a finite number in [0, 1], got 1.5
 * console.log(checkVerifierResult({ status: "wrong", correct: false })); // => undefined
 * ```
 */
export function checkVerifierResult(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return `result must be an object, got ${String(value)}`;
  const r = value as Record<string, unknown>;
  if (typeof r.status !== "string" || !(VERIFIER_STATUSES as readonly string[]).includes(r.status)) {
    return `status must be one of ${VERIFIER_STATUSES.join(", ")}, got ${JSON.stringify(r.status)}`;
  }
  if (typeof r.correct !== "boolean") return `correct must be a boolean, got ${String(r.correct)}`;
  if (r.correct !== (r.status === "correct")) {
    return `correct (${r.correct}) contradicts status ${JSON.stringify(r.status)}`;
  }
  if (r.score !== undefined && (typeof r.score !== "number" || !Number.isFinite(r.score) || r.score < 0 || r.score > 1)) {
    return `score must be a finite number in [0, 1], got ${String(r.score)}`;
  }
  if (r.extracted !== undefined && typeof r.extracted !== "string") {
    return `extracted must be a string, got ${typeof r.extracted}`;
  }
  if (r.reason !== undefined && typeof r.reason !== "string") return `reason must be a string, got ${typeof r.reason}`;
  return undefined;
}

/**
 * A plain-data copy of a verifier's result: every own enumerable field copied once, and the
 * contract's fields read once each (also from a prototype getter). Reading happens here, inside
 * the caller's try, so a throwing getter or proxy trap becomes an `"error"` result; and the copy
 * is what gets validated and returned, so a getter cannot answer one thing to the check and
 * another to the tallies.
 */
function snapshot(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const r = value as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...r };
  for (const key of ["status", "correct", "score", "extracted", "reason"] as const) {
    if (Object.hasOwn(copy, key)) {
      if (copy[key] === undefined) delete copy[key];
      continue;
    }
    // Inherited or non-enumerable (a class getter): read it once too.
    const v = r[key];
    if (v !== undefined) copy[key] = v;
  }
  return copy;
}

/**
 * Runs a verifier on one response and never throws: a throw, a rejected promise or a malformed
 * result (see {@link checkVerifierResult}) becomes a result with status `"error"` and the cause
 * in `reason`, so one broken verification can never pass as an ordinary "wrong". The result is
 * returned as a plain-data copy taken once (getters are not consulted again), so a result object
 * whose getters throw or change their answer is an `"error"` or a fixed value, never a crash.
 *
 * @param verifier - the verifier to call
 * @param response - the model's response text
 * @param reference - the reference handed to the verifier
 * @param context - call context; {@link verifierContext}() if absent
 *
 * @example
 * ```ts
 * import { runVerifier, type VerifierResult } from "passk";
 * const r = await runVerifier(() => { throw new Error("bad reference"); }, "42", "x");
 * console.log(r.status, r.correct, r.reason); // => error false Error: bad reference
 * // A hostile result object: reading its status throws.
 * const tricky: VerifierResult = { get status(): VerifierResult["status"] { throw new Error("gotcha"); }, correct: true };
 * console.log((await runVerifier(() => tricky, "42", "x")).reason); // => malformed verifier result: Error: gotcha
 * ```
 */
export async function runVerifier<Ref, R extends VerifierResult>(
  verifier: Verifier<Ref, R>,
  response: string,
  reference: Ref,
  context: VerifierContext = verifierContext(),
): Promise<R | VerifierResult> {
  if (typeof response !== "string") return verifierError(`response must be a string, got ${typeof response}`);
  let result: unknown;
  try {
    result = await verifier(response, reference, context);
  } catch (e) {
    return verifierError(describeError(e));
  }
  let copy: unknown;
  let problem: string | undefined;
  try {
    copy = snapshot(result);
    problem = checkVerifierResult(copy);
  } catch (e) {
    problem = describeError(e);
  }
  return problem === undefined ? (copy as R) : verifierError(`malformed verifier result: ${problem}`);
}
