/**
 * Time limits for verifiers.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { describeError, linkAbort } from "./abort.js";
import { runVerifier } from "./runVerifier.js";
import { verifierError, verifierTimeout } from "./verdict.js";
import type { Verifier, VerifierResult } from "./verifier.js";
import { nameFunction } from "./nameFunction.js";

/**
 * Bounds a verifier's wall-clock time. After `ms` milliseconds the result is `"timeout"` and the
 * signal handed to the inner verifier is aborted, so a cooperative async verifier (an HTTP call,
 * a child process) stops its work. The inner context's `deadline` is the earlier of the outer
 * deadline and now + `ms`. A synchronous verifier that never yields cannot be interrupted on
 * the calling thread: run such verifiers in the worker pool (`passk/node`), which terminates the
 * worker. If the caller's signal aborts first, the result is `"error"` with the abort reason.
 *
 * @param verifier - the verifier to bound
 * @param ms - time budget in milliseconds (finite, > 0)
 * @throws {@link InvalidArgumentError} if `ms` is not a finite positive number
 *
 * @example
 * ```ts
 * import { withTimeout, runVerifier } from "passk";
 * import type { Verifier } from "passk";
 * const slow: Verifier = (response, ref, ctx) => new Promise((resolve) => {
 *   const t = setTimeout(() => resolve({ status: "correct", correct: true }), 5000);
 *   ctx.signal.addEventListener("abort", () => clearTimeout(t));
 * });
 * const r = await runVerifier(withTimeout(slow, 20), "x", "x");
 * console.log(r.status, r.correct); // => timeout false
 * ```
 */
export function withTimeout<Ref, R extends VerifierResult>(verifier: Verifier<Ref, R>, ms: number): Verifier<Ref, R | VerifierResult> {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms <= 0) {
    throw new InvalidArgumentError(`withTimeout(ms) must be a finite number > 0, got ${String(ms)}`, {
      field: "ms",
      value: ms,
    });
  }
  // Same judgement under a deadline, so it keeps the name scores are reported under.
  return nameFunction(typeof verifier === "function" ? verifier.name : "", (response, reference, context) => {
    const { controller, release } = linkAbort(context.signal);
    const deadline = Math.min(context.deadline, Date.now() + ms);
    return new Promise<R | VerifierResult>((resolve) => {
      let settled = false;
      const finish = (r: R | VerifierResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        controller.signal.removeEventListener("abort", onAbort);
        release();
        resolve(r);
      };
      const onAbort = (): void => finish(verifierError(`aborted: ${describeError(controller.signal.reason)}`));
      const timer = setTimeout(() => {
        finish(verifierTimeout(ms));
        controller.abort(new Error(`verifier exceeded ${ms} ms`));
      }, ms);
      if (controller.signal.aborted) return onAbort();
      controller.signal.addEventListener("abort", onAbort, { once: true });
      void runVerifier(verifier, response, reference, { signal: controller.signal, deadline }).then(finish);
    });
  });
}
