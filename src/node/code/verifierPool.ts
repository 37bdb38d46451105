/**
 * Running CPU-bound verifiers in a worker-thread pool.
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Tinypool from "tinypool";
import { InvalidArgumentError } from "../../errors/errors.js";
import { verifierError } from "../../verifiers/verdict.js";
import type { Verifier, VerifierResult } from "../../verifiers/verifier.js";
import { withTimeout } from "../../verifiers/withTimeout.js";

/** Options of {@link createVerifierPool}. */
export interface VerifierPoolOptions {
  /**
   * The module that exports the verifier, as a `file:` URL or an absolute path. Verifiers are
   * functions, which cannot cross threads, so each worker imports this module itself.
   */
  readonly module: string | URL;
  /** Name of the export holding the verifier. Default `"default"`. */
  readonly exportName?: string;
  /** Worker threads. Default `os.availableParallelism()`. */
  readonly threads?: number;
  /**
   * Modules each worker imports first (absolute paths or URLs); a preload that exports a
   * `register` function has it called with no arguments. For a `.ts` verifier module under tsx,
   * preload tsx's `tsx/esm/api` (which registers its loader in the worker): worker threads do not
   * inherit `--import` hooks on Node 20.
   */
  readonly preload?: readonly (string | URL)[];
  /**
   * Time budget of one task in ms: past it the result is `"timeout"` and the worker running the
   * task is terminated (and replaced), so a verifier stuck in a synchronous loop cannot hold a
   * thread forever. Default 60 000; `Infinity` turns it off explicitly.
   */
  readonly timeoutMs?: number;
}

/** A running pool. */
export interface VerifierPool<Ref> {
  /**
   * A verifier that runs the pooled one in a worker. Response, reference and result must be
   * structured-cloneable. Aborting the context signal terminates the worker running the task,
   * which is how a synchronous CPU-bound verifier can really be stopped (e.g. by {@link index!withTimeout}).
   */
  readonly verifier: Verifier<Ref>;
  /** Number of worker threads. */
  readonly threads: number;
  /** Stops all workers. The pool's verifier must not be used afterwards. */
  readonly destroy: () => Promise<void>;
}

interface TaskOutput {
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: string;
}

function toUrl(spec: string | URL, field: string): string {
  if (spec instanceof URL) return spec.href;
  if (typeof spec !== "string" || spec === "") {
    throw new InvalidArgumentError(`${field} must be a file URL or an absolute path, got ${String(spec)}`, { field, value: spec });
  }
  if (/^[a-z][a-z0-9+.-]*:/iu.test(spec) && !/^[a-z]:[\\/]/iu.test(spec)) return spec;
  if (!spec.startsWith("/") && !/^[a-z]:[\\/]/iu.test(spec)) {
    throw new InvalidArgumentError(`${field} must be absolute, got ${JSON.stringify(spec)}`, { field, value: spec });
  }
  return pathToFileURL(spec).href;
}

/**
 * The worker module, generated into a temporary file so the pool needs no separate worker file
 * in the build (a `data:` URL is not resolved as such by every tinypool host, e.g. under vitest). It wraps the verifier so a throw comes back as a message, described exactly as
 * {@link index!runVerifier} describes it inline (same results in and out of the pool).
 */
function workerSource(moduleUrl: string, exportName: string, preload: readonly string[]): string {
  // Load failures are caught and reported per task: a worker whose module throws at import time
  // would otherwise leave tinypool waiting for it.
  const lines = [
    `let verifier, loadError;`,
    `const describe = (e) => e instanceof Error ? (e.message === "" ? e.name : e.name + ": " + e.message) : String(e);`,
    `try {`,
    ...preload.map((p) => `  { const m = await import(${JSON.stringify(p)}); if (typeof m.register === "function") m.register(); }`),
    `  const mod = await import(${JSON.stringify(moduleUrl)});`,
    `  verifier = mod[${JSON.stringify(exportName)}];`,
    `  if (typeof verifier !== "function") throw new Error(${JSON.stringify(`export ${exportName} of ${moduleUrl} is not a function`)});`,
    `} catch (e) {`,
    `  loadError = "pool worker could not load the verifier: " + describe(e);`,
    `}`,
    `export default async function ({ response, reference, deadline }) {`,
    `  if (loadError !== undefined) return { ok: false, error: loadError };`,
    `  try {`,
    `    const result = await verifier(response, reference, { signal: new AbortController().signal, deadline });`,
    `    return { ok: true, result };`,
    `  } catch (e) {`,
    `    return { ok: false, error: describe(e) };`,
    `  }`,
    `}`,
  ];
  return lines.join("\n");
}

/**
 * Starts a pool of worker threads (tinypool) that run a verifier exported by a module, for
 * CPU-bound verifiers (symbolic math equivalence, heavy parsing) that would otherwise serialize
 * on the main thread. Each task has a time budget (`timeoutMs`, 60 s by default) after which its
 * worker is terminated and the result is `"timeout"`. Results equal those of running the verifier inline through
 * {@link index!runVerifier}: a throw in the worker becomes the same `"error"` result, and the result is
 * validated on the main thread. Code execution ({@link codeVerifier}) is I/O-bound on child
 * processes and needs no pool.
 *
 * @param options - see {@link VerifierPoolOptions}
 * @throws {@link index!InvalidArgumentError} for a relative module path, a bad thread count or a bad time budget
 *
 * @example
 * ```ts
 * import { runVerifier } from "passk";
 * import { createVerifierPool } from "passk/node";
 * const source = "export const isYes = (response) => ({ status: response === 'yes' ? 'correct' : 'wrong', correct: response === 'yes' });";
 * const pool = createVerifierPool({ module: "data:text/javascript," + encodeURIComponent(source), exportName: "isYes", threads: 1 });
 * console.log((await runVerifier(pool.verifier, "yes", undefined)).status); // => correct
 * await pool.destroy();
 * ```
 */
export function createVerifierPool<Ref>(options: VerifierPoolOptions): VerifierPool<Ref> {
  const moduleUrl = toUrl(options.module, "module");
  const exportName = options.exportName ?? "default";
  const threads = options.threads ?? availableParallelism();
  if (typeof threads !== "number" || !Number.isSafeInteger(threads) || threads < 1) {
    throw new InvalidArgumentError(`threads must be a safe integer >= 1, got ${String(threads)}`, { field: "threads", value: threads });
  }
  const preload = (options.preload ?? []).map((p, i) => toUrl(p, `preload[${i}]`));
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs) || timeoutMs <= 0) {
    throw new InvalidArgumentError(`timeoutMs must be a number > 0 (Infinity for none), got ${String(timeoutMs)}`, { field: "timeoutMs", value: timeoutMs });
  }
  const dir = mkdtempSync(join(tmpdir(), "passk-pool-"));
  const workerFile = join(dir, "worker.mjs");
  writeFileSync(workerFile, workerSource(moduleUrl, exportName, preload));
  const pool = new Tinypool({
    filename: pathToFileURL(workerFile).href,
    minThreads: threads,
    maxThreads: threads,
    // Tasks reach the workers by message events only. Tinypool's default (a worker blocks in
    // Atomics.wait for its next task) saves microseconds per task, against verifiers that take
    // milliseconds, and under Deno (2.9) a one-thread pool never answered its first task with it
    // (scripts/runtime-matrix.mjs, docs/runtimes.md).
    useAtomics: false,
  });
  const inWorker: Verifier<Ref> = async (response, reference, context): Promise<VerifierResult> => {
    const out = (await pool.run({ response, reference, deadline: context.deadline }, { signal: context.signal })) as TaskOutput;
    if (!out.ok) return verifierError(out.error ?? "worker failed");
    return out.result as VerifierResult;
  };
  const verifier: Verifier<Ref> = timeoutMs === Infinity ? inWorker : withTimeout(inWorker, timeoutMs);
  const destroy = async (): Promise<void> => {
    try {
      await pool.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { verifier, threads, destroy };
}
