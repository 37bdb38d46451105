/**
 * Giving a returned closure a name.
 * @module
 */

/**
 * Sets `fn.name` (which a closure returned from a factory does not have) and returns `fn`. Eval
 * frameworks label scores by the scorer function's name (Braintrust falls back to `scorer_0`,
 * vitest-evals' legacy reporter to `Unknown`), and the adapters default to the verifier's name.
 * Internal: not exported from the entry points.
 */
export function nameFunction<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  Object.defineProperty(fn, "name", { value: name, configurable: true });
  return fn;
}

/** The name a combinator reports for its parts: each part's own name, `"anonymous"` when it has none. */
export function partNames(parts: readonly { readonly name: string }[]): string {
  return parts.map((p) => p.name || "anonymous").join(", ");
}
