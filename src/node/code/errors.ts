/**
 * Errors of the code runners: a sandbox that is missing, a limit that cannot be enforced, a run
 * that the machinery (not the program) failed.
 * @module
 */
import { PasskError, type PasskErrorDetails } from "../../errors/errors.js";

/**
 * The sandbox the local runner needs is not available: bubblewrap is not installed, or cannot
 * create namespaces here (a locked-down container, macOS). Thrown at construction; the message
 * names the fixes: install bubblewrap (Debian/Ubuntu package `bubblewrap`), use
 * `sandboxFusionRunner`, or opt out explicitly with `isolation: "none"`.
 *
 * @example
 * ```ts
 * import { localRunner, SandboxUnavailableError } from "passk/node";
 * try {
 *   localRunner({ bwrap: "/nonexistent/bwrap" });
 * } catch (e) {
 *   console.log(e instanceof SandboxUnavailableError, (e as SandboxUnavailableError).code); // => true SANDBOX_UNAVAILABLE
 * }
 * ```
 */
export class SandboxUnavailableError extends PasskError {
  constructor(message: string, details: PasskErrorDetails = {}) {
    super("SANDBOX_UNAVAILABLE", message, details);
  }
}

/**
 * A requested limit cannot be enforced by this runner on this machine (e.g. a process cap for
 * root without a writable cgroup, or a disk cap without the sandbox). Thrown when the verifier is
 * constructed, never skipped silently; `field` names the limit.
 *
 * @example
 * ```ts
 * import { codeVerifier, localRunner, LimitUnavailableError } from "passk/node";
 * try {
 *   codeVerifier({ language: "python", runner: localRunner({ isolation: "none" }), limits: { diskMb: 8 } });
 * } catch (e) {
 *   console.log(e instanceof LimitUnavailableError, (e as LimitUnavailableError).field); // => true limits.diskMb
 * }
 * ```
 */
export class LimitUnavailableError extends PasskError {
  constructor(message: string, details: PasskErrorDetails = {}) {
    super("LIMIT_UNAVAILABLE", message, details);
  }
}

/**
 * The runner could not run the program: the interpreter is missing or not executable, the
 * sandbox failed to set up, the runner process was killed, the remote sandbox failed. The code
 * verifier lets it propagate, so the sample's result is `"error"` (excluded from tallies by
 * default), never a failed test. `code` is `RUNNER_FAILED`, or `SANDBOX_FAILED` for a remote
 * sandbox service.
 *
 * @example
 * ```ts
 * import { RunnerFailedError } from "passk/node";
 * const e = new RunnerFailedError("python interpreter /opt/py/bin/python3 not found");
 * console.log(e.code, e.message); // => RUNNER_FAILED python interpreter /opt/py/bin/python3 not found
 * ```
 */
export class RunnerFailedError extends PasskError {
  constructor(message: string, details: PasskErrorDetails = {}, code = "RUNNER_FAILED") {
    super(code, message, details);
  }
}

/**
 * A SandboxFusion response field is missing or of the wrong type, or holds a status this adapter
 * does not know. `field` names it, e.g. `"run_result.return_code"`. Such a response is never
 * guessed into a verdict.
 *
 * @example
 * ```ts
 * import { SandboxFusionResponseError } from "passk/node";
 * const e = new SandboxFusionResponseError("run_result.status must be Finished, Error or TimeLimitExceeded, got \"Weird\"", { field: "run_result.status" });
 * console.log(e.code, e.field); // => SANDBOX_RESPONSE_MALFORMED run_result.status
 * ```
 */
export class SandboxFusionResponseError extends RunnerFailedError {
  constructor(message: string, details: PasskErrorDetails = {}) {
    super(message, details, "SANDBOX_RESPONSE_MALFORMED");
  }
}

/**
 * The problem accepts more than one right answer (its statement says so), so comparing outputs
 * would grade right answers wrong, and no checker was given. The code verifier throws it for a
 * reference with `checkerRequired` set: the sample's result is `"error"`, never a guessed grade.
 * `problemId` names the problem when the reference's builder knew it.
 *
 * @example
 * ```ts
 * import { CheckerRequiredError } from "passk/node";
 * const e = new CheckerRequiredError("problem 1A: the statement accepts any of several answers", { problemId: "1A" });
 * console.log(e.code, e.problemId); // => CHECKER_REQUIRED 1A
 * ```
 */
export class CheckerRequiredError extends PasskError {
  constructor(message: string, details: PasskErrorDetails = {}) {
    super("CHECKER_REQUIRED", message, details);
  }
}
