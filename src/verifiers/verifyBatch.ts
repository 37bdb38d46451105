/**
 * Verifying many samples with bounded concurrency, producing sample records.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { SampleRecord } from "../tallies/sampleRecord.js";
import { describeError, linkAbort } from "./abort.js";
import { runVerifier } from "./runVerifier.js";
import { verifierError } from "./verdict.js";
import { withTimeout } from "./withTimeout.js";
import { VERIFIER_STATUSES, type Verifier, type VerifierResult, type VerifierStatus } from "./verifier.js";

/** One sample to verify: who produced it, for which problem, the response and the reference. */
export interface BatchItem<Ref> {
  /** Model identifier, copied to the record. */
  readonly model: string;
  /** Problem identifier, copied to the record. */
  readonly problemId: string;
  /** Index of the sample among the model's samples for the problem, copied to the record. */
  readonly sampleIndex?: number;
  /** The model's response. */
  readonly response: string;
  /** The reference handed to the verifier. */
  readonly reference: Ref;
}

/** Progress report after each sample. */
export interface BatchProgress<R extends VerifierResult = VerifierResult> {
  /** Samples finished so far (including this one). */
  readonly done: number;
  /** Samples in the batch. */
  readonly total: number;
  /** Input index of the sample just finished. */
  readonly index: number;
  /** Its result. */
  readonly result: R | VerifierResult;
}

/** Options of {@link verifyBatch}. */
export interface VerifyBatchOptions<R extends VerifierResult = VerifierResult> {
  /** Maximum number of verifications in flight at once (safe integer ≥ 1). Default 8. */
  readonly concurrency?: number;
  /**
   * Per-sample time budget in ms (enforced as by {@link withTimeout}): a verification still
   * running after it is a `"timeout"`. Default 600 000 (10 minutes), a safety net so that a hung
   * verifier cannot keep the batch from settling; `Infinity` turns it off explicitly.
   */
  readonly timeoutMs?: number;
  /**
   * Cancels the batch: verifications in flight see their signal abort, and the promise resolves
   * at once with the results finished so far; the other samples are marked (see
   * {@link BatchOutcome.unverified}).
   */
  readonly signal?: AbortSignal;
  /** Called after each sample, in completion order. A throw here cancels the batch and rejects with it. */
  readonly onProgress?: (progress: BatchProgress<R>) => void;
  /**
   * What becomes of samples whose verification failed (`"error"` or `"timeout"`): `"exclude"`
   * (default) keeps them out of `records` (they are listed in `failed` and counted in `counts`);
   * `"wrong"` records them as incorrect, which biases pass@k downwards and should be a conscious choice.
   */
  readonly onFailure?: "exclude" | "wrong";
  /** When set, records of results carrying a `score` also carry `score` and this `threshold`. */
  readonly threshold?: number;
  /** Copy each response into its record's `response` field. Default `false`. */
  readonly keepResponses?: boolean;
}

/** A sample whose verification failed. */
export interface FailedSample<R extends VerifierResult = VerifierResult> {
  /** Input index. */
  readonly index: number;
  /** Model of the sample. */
  readonly model: string;
  /** Problem of the sample. */
  readonly problemId: string;
  /** Sample index, if the item had one. */
  readonly sampleIndex?: number;
  /** The failed result (status `"error"` or `"timeout"`). */
  readonly result: R | VerifierResult;
}

/** Output of {@link verifyBatch}. */
export interface BatchOutcome<R extends VerifierResult = VerifierResult> {
  /** One result per input item, in input order. */
  readonly results: readonly (R | VerifierResult)[];
  /** Sample records in input order (failed samples left out unless `onFailure: "wrong"`). */
  readonly records: readonly SampleRecord[];
  /** Samples whose verification failed, in input order. */
  readonly failed: readonly FailedSample<R>[];
  /** Number of results of each status; they sum to the number of items. */
  readonly counts: Readonly<Record<VerifierStatus, number>>;
  /** Whether `signal` aborted the batch. */
  readonly aborted: boolean;
  /**
   * Input indexes of the samples an abort left unverified (in flight or not started), in input
   * order. Their result is an `"error"` saying so; they are listed in `failed` and never written
   * to `records`, whatever `onFailure` says.
   */
  readonly unverified: readonly number[];
}

/** Default per-sample time budget of {@link verifyBatch}, in ms. */
const DEFAULT_TIMEOUT_MS = 600_000;

function assertItems(items: unknown): asserts items is readonly BatchItem<unknown>[] {
  if (!Array.isArray(items)) {
    throw new InvalidArgumentError(`items must be an array, got ${String(items)}`, { field: "items", value: items });
  }
  items.forEach((item: unknown, i) => {
    const field = `items[${i}]`;
    if (item === null || typeof item !== "object") {
      throw new InvalidArgumentError(`${field} must be an object, got ${String(item)}`, { field, value: item });
    }
    const it = item as Record<string, unknown>;
    const problemId = typeof it.problemId === "string" ? it.problemId : undefined;
    for (const key of ["model", "problemId", "response"] as const) {
      if (typeof it[key] !== "string") {
        throw new InvalidArgumentError(`${field}.${key} must be a string, got ${String(it[key])}`, {
          field: `${field}.${key}`,
          value: it[key],
          problemId,
        });
      }
    }
    const si = it.sampleIndex;
    if (si !== undefined && (typeof si !== "number" || !Number.isSafeInteger(si) || si < 0)) {
      throw new InvalidArgumentError(`${field}.sampleIndex must be a non-negative safe integer, got ${String(si)} (problem ${JSON.stringify(problemId)})`, {
        field: `${field}.sampleIndex`,
        value: si,
        problemId,
      });
    }
  });
}

/**
 * Verifies a batch of samples and turns the results into {@link SampleRecord}s for the tallies
 * accumulator. At most `concurrency` verifications run at once; each goes through
 * {@link runVerifier}, so one throwing verifier yields an `"error"` result for its sample and
 * never stops the batch. Results and records come back in input order whatever the completion
 * order. `"unparsed"` samples are recorded as incorrect (no answer is the model's failure);
 * `"error"` and `"timeout"` ones are not judgements and are excluded by default (see
 * {@link VerifyBatchOptions.onFailure}). Every sample has a time budget (10 minutes by default)
 * so the batch always settles, and an abort resolves with the partial results instead of
 * losing them.
 *
 * @param items - the samples, see {@link BatchItem}
 * @param verifier - the verifier to apply to each
 * @param options - see {@link VerifyBatchOptions}
 * @throws {@link InvalidArgumentError} (before verifying anything) for a malformed item or option
 * @returns a promise of the {@link BatchOutcome}; rejects only if `onProgress` throws
 *
 * @example
 * ```ts
 * import { verifyBatch, numericMatch } from "passk";
 * const items = [
 *   { model: "m", problemId: "p1", sampleIndex: 0, response: "It is 12.", reference: 12 },
 *   { model: "m", problemId: "p1", sampleIndex: 1, response: "It is 13.", reference: 12 },
 *   { model: "m", problemId: "p2", sampleIndex: 0, response: "no idea", reference: 7 },
 *   { model: "m", problemId: "p2", sampleIndex: 1, response: "7", reference: "seven" },
 * ];
 * const out = await verifyBatch(items, numericMatch(), { concurrency: 2 });
 * console.log(out.records.map((r) => r.correct).join(" ")); // => true false false
 * console.log(out.counts.correct, out.counts.wrong, out.counts.unparsed, out.counts.error); // => 1 1 1 1
 * console.log(out.failed[0]!.problemId, out.failed[0]!.result.status); // => p2 error
 * ```
 */
export async function verifyBatch<Ref, R extends VerifierResult = VerifierResult>(
  items: readonly BatchItem<Ref>[],
  verifier: Verifier<Ref, R>,
  options: VerifyBatchOptions<R> = {},
): Promise<BatchOutcome<R>> {
  assertItems(items);
  if (typeof verifier !== "function") {
    throw new InvalidArgumentError(`verifier must be a function, got ${typeof verifier}`, { field: "verifier", value: verifier });
  }
  const { concurrency = 8, timeoutMs = DEFAULT_TIMEOUT_MS, signal, onProgress, onFailure = "exclude", threshold, keepResponses = false } = options;
  if (typeof concurrency !== "number" || !Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new InvalidArgumentError(`concurrency must be a safe integer >= 1, got ${String(concurrency)}`, {
      field: "concurrency",
      value: concurrency,
    });
  }
  if (onFailure !== "exclude" && onFailure !== "wrong") {
    throw new InvalidArgumentError(`onFailure must be "exclude" or "wrong", got ${String(onFailure)}`, {
      field: "onFailure",
      value: onFailure,
    });
  }
  if (threshold !== undefined && (typeof threshold !== "number" || !Number.isFinite(threshold))) {
    throw new InvalidArgumentError(`threshold must be a finite number, got ${String(threshold)}`, { field: "threshold", value: threshold });
  }
  if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs) || timeoutMs <= 0) {
    throw new InvalidArgumentError(`timeoutMs must be a number > 0 (Infinity for none), got ${String(timeoutMs)}`, { field: "timeoutMs", value: timeoutMs });
  }
  const run: Verifier<Ref, R | VerifierResult> = timeoutMs === Infinity ? verifier : withTimeout(verifier, timeoutMs);

  const { controller, release } = linkAbort(signal);
  const results: (R | VerifierResult | undefined)[] = new Array<R | VerifierResult | undefined>(items.length);
  let next = 0;
  let done = 0;
  let aborted = false;
  let abortReason: unknown;
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      let stopped = false;
      const onAbort = (): void => {
        if (stopped) return;
        stopped = true;
        aborted = true;
        abortReason = controller.signal.reason;
        resolve();
      };
      if (controller.signal.aborted) return onAbort();
      controller.signal.addEventListener("abort", onAbort, { once: true });
      const launch = (): void => {
        while (!stopped && active < concurrency && next < items.length) {
          const index = next++;
          const item = items[index] as BatchItem<Ref>;
          active++;
          const context = { signal: controller.signal, deadline: Date.now() + timeoutMs };
          void runVerifier(run, item.response, item.reference, context).then((result) => {
            active--;
            if (stopped) return;
            results[index] = result;
            done++;
            try {
              onProgress?.({ done, total: items.length, index, result });
            } catch (e) {
              stopped = true;
              controller.abort(e);
              return reject(e);
            }
            if (done === items.length) resolve();
            else launch();
          });
        }
      };
      if (items.length === 0) resolve();
      else launch();
    });
  } finally {
    release();
  }

  const counts = Object.fromEntries(VERIFIER_STATUSES.map((s) => [s, 0])) as Record<VerifierStatus, number>;
  const records: SampleRecord[] = [];
  const failed: FailedSample<R>[] = [];
  const unverified: number[] = [];
  // Array.from visits the holes `results` has where no verification finished (map would skip them).
  const complete: (R | VerifierResult)[] = Array.from(results, (r, index) => {
    if (r !== undefined) return r;
    unverified.push(index);
    return verifierError(`not verified: the batch was aborted (${describeError(abortReason)})`);
  });
  complete.forEach((result, index) => {
    const item = items[index] as BatchItem<Ref>;
    counts[result.status]++;
    const base = item.sampleIndex === undefined ? {} : { sampleIndex: item.sampleIndex };
    const failure = result.status === "error" || result.status === "timeout";
    if (failure) failed.push({ index, model: item.model, problemId: item.problemId, ...base, result });
    if (failure && (onFailure === "exclude" || results[index] === undefined)) return;
    records.push({
      model: item.model,
      problemId: item.problemId,
      ...base,
      correct: result.correct,
      ...(threshold !== undefined && result.score !== undefined ? { score: result.score, threshold } : {}),
      ...(result.extracted === undefined ? {} : { answer: result.extracted }),
      ...(keepResponses ? { response: item.response } : {}),
    });
  });
  return { results: complete, records, failed, counts, aborted, unverified };
}
