/**
 * Which JavaScript runtime is running passk, and the error a Node-only feature throws elsewhere.
 * Bun and Deno run most of `passk/node` through their Node compatibility; what they cannot carry
 * must refuse with this error instead of half-working (docs/runtimes.md has the measured list).
 * @module
 */
import { PasskError } from "../errors/errors.js";

/** The runtime running this code. */
export interface RuntimeInfo {
  /** `"node"`, `"bun"`, `"deno"`, or `"other"` (a browser, an edge worker, ...). */
  readonly name: "node" | "bun" | "deno" | "other";
  /** Name and version for messages, e.g. `"Node.js 22.23.3"`, `"Bun 1.4.5"`, `"Deno 2.9.6"`. */
  readonly label: string;
}

interface RuntimeGlobals {
  readonly Deno?: { readonly version?: { readonly deno?: string } };
  readonly Bun?: { readonly version?: string };
  readonly process?: { readonly versions?: Readonly<Record<string, string | undefined>>; readonly release?: { readonly name?: string } };
}

/**
 * The runtime running this code. Bun and Deno also define `process.versions.node` (the Node
 * version they emulate), so they are recognized by their own globals first.
 *
 * @example
 * ```ts
 * import { currentRuntime } from "passk/node";
 * const runtime = currentRuntime();
 * console.log(["node", "bun", "deno"].includes(runtime.name), runtime.label.length > 0); // => true true
 * ```
 */
export function currentRuntime(): RuntimeInfo {
  const g = globalThis as RuntimeGlobals;
  if (g.Deno !== undefined) return { name: "deno", label: `Deno ${g.Deno.version?.deno ?? "(unknown version)"}` };
  if (g.Bun !== undefined) return { name: "bun", label: `Bun ${g.Bun.version ?? "(unknown version)"}` };
  if (g.process?.release?.name === "node" && g.process.versions?.["node"] !== undefined) {
    return { name: "node", label: `Node.js ${g.process.versions["node"]}` };
  }
  return { name: "other", label: "a runtime other than Node.js, Bun or Deno" };
}

/**
 * A Node-only feature of `passk/node` was used under a runtime that cannot carry it (code
 * `UNSUPPORTED_RUNTIME`). Thrown at import or first use, never after part of the work: the
 * message names the feature, the runtime and, where there is one, the way out.
 *
 * @example
 * ```ts
 * import { UnsupportedRuntimeError, PasskError } from "passk/node";
 * const e = new UnsupportedRuntimeError("running JavaScript programs", { name: "deno", label: "Deno 2.9.6" }, "pass localRunner({ node })");
 * console.log(e instanceof PasskError, e.code, e.runtime); // => true UNSUPPORTED_RUNTIME deno
 * console.log(e.message); // => running JavaScript programs needs Node.js, but passk is running under Deno 2.9.6: pass localRunner({ node })
 * ```
 */
export class UnsupportedRuntimeError extends PasskError {
  /** The runtime that refused (`RuntimeInfo.name`). */
  readonly runtime: RuntimeInfo["name"];
  /** What was attempted, as named in the message. */
  readonly feature: string;

  /**
   * @param feature - what needs Node.js, e.g. `"running JavaScript programs"`
   * @param runtime - the runtime that cannot carry it (default: the current one)
   * @param hint - how to get the feature anyway, appended to the message
   */
  constructor(feature: string, runtime: RuntimeInfo = currentRuntime(), hint?: string) {
    super("UNSUPPORTED_RUNTIME", `${feature} needs Node.js, but passk is running under ${runtime.label}${hint === undefined ? "" : `: ${hint}`}`);
    this.runtime = runtime.name;
    this.feature = feature;
  }
}

/**
 * Throws {@link UnsupportedRuntimeError} unless the code runs on Node.js: the guard for a feature
 * that would otherwise half-work elsewhere, called where the feature starts (e.g. the local code
 * runner before it spawns `process.execPath` as a Node.js interpreter). @internal
 *
 * @param feature - what needs Node.js, for the message
 * @param hint - how to get the feature anyway, for the message
 * @throws {@link UnsupportedRuntimeError} under Bun, Deno or any runtime other than Node.js
 */
export function assertNodeJs(feature: string, hint?: string): void {
  const runtime = currentRuntime();
  if (runtime.name !== "node") throw new UnsupportedRuntimeError(feature, runtime, hint);
}
