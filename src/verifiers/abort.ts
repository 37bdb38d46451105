/**
 * AbortSignal plumbing shared by the runner and combinators. Internal.
 * @internal
 * @module
 */

/** A controller that also aborts when `parent` aborts; `release` detaches it from the parent. */
export interface LinkedAbort {
  readonly controller: AbortController;
  readonly release: () => void;
}

/**
 * Links a fresh controller to a parent signal. Written by hand rather than with `AbortSignal.any`
 * so that it works on every runtime the core targets, and so the listener can be detached
 * (a long batch must not pile listeners onto one parent signal).
 */
export function linkAbort(parent: AbortSignal | undefined): LinkedAbort {
  const controller = new AbortController();
  if (parent === undefined) return { controller, release: () => {} };
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, release: () => {} };
  }
  const onAbort = (): void => controller.abort(parent.reason);
  parent.addEventListener("abort", onAbort, { once: true });
  return { controller, release: () => parent.removeEventListener("abort", onAbort) };
}

/** Message of an abort reason or thrown value, for a result's `reason`. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message === "" ? e.name : `${e.name}: ${e.message}`;
  return String(e);
}
