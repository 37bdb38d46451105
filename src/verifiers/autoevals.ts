/**
 * Adapters between passk verifiers and the autoevals / Braintrust `Scorer` shape.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { VerificationFailedError } from "./errors.js";
import { runVerifier, verifierContext } from "./runVerifier.js";
import { judged, verifierError } from "./verdict.js";
import type { Verifier, VerifierResult } from "./verifier.js";

/**
 * The score object of autoevals (`@braintrust/core`): a named score in [0, 1], `null` meaning
 * "skipped", with optional metadata.
 */
export interface AutoevalsScore {
  /** Scorer name. */
  readonly name: string;
  /** Score in [0, 1], or `null` when the scorer skipped the example. */
  readonly score: number | null;
  /** Free-form details. */
  readonly metadata?: Record<string, unknown>;
}

/** Arguments of an autoevals scorer: the output, the expected value and any extra fields. */
export interface AutoevalsScorerArgs<Expected> {
  /** The model's output. */
  readonly output: string;
  /** The expected (reference) value. */
  readonly expected?: Expected;
  /** The input, when the framework passes it. */
  readonly input?: unknown;
}

/** An autoevals scorer: `(args) => Score | Promise<Score>`. */
export type AutoevalsScorer<Expected> = (args: AutoevalsScorerArgs<Expected>) => AutoevalsScore | Promise<AutoevalsScore>;

/** Options of {@link toAutoevalsScorer}. */
export interface ToAutoevalsOptions {
  /** The scorer's `name` in each score. */
  readonly name: string;
  /** Per-call time budget in ms, handed to the verifier as its context deadline. */
  readonly timeoutMs?: number;
}

function metadataOf(r: VerifierResult): Record<string, unknown> {
  const m: Record<string, unknown> = { status: r.status, correct: r.correct };
  if (r.extracted !== undefined) m.extracted = r.extracted;
  if (r.reason !== undefined) m.reason = r.reason;
  return m;
}

/**
 * Wraps a passk verifier as an autoevals scorer, usable in Braintrust `Eval(...)` `scores`.
 * The score is the verifier's `score` if it reports one, else 1 for correct and 0 otherwise
 * (so `"unparsed"` scores 0); `metadata` carries status, extracted answer and reason. A
 * verification that fails (status `"error"` or `"timeout"`) throws
 * {@link VerificationFailedError} rather than scoring 0: autoevals propagates scorer errors to
 * the caller, which records them as errors.
 *
 * @param verifier - the verifier; `expected` is passed as its reference
 * @param options - see {@link ToAutoevalsOptions}
 * @throws {@link InvalidArgumentError} if `options.name` is not a non-empty string
 *
 * @example
 * ```ts
 * import { toAutoevalsScorer, gsm8kMatch } from "passk";
 * const scorer = toAutoevalsScorer(gsm8kMatch(), { name: "gsm8k" });
 * const s = await scorer({ output: "2 + 2 = 4\n#### 4", expected: "4" });
 * console.log(s.name, s.score, s.metadata?.status); // => gsm8k 1 correct
 * ```
 */
export function toAutoevalsScorer<Ref>(verifier: Verifier<Ref>, options: ToAutoevalsOptions): (args: AutoevalsScorerArgs<Ref>) => Promise<AutoevalsScore> {
  if (typeof options?.name !== "string" || options.name === "") {
    throw new InvalidArgumentError(`options.name must be a non-empty string, got ${String(options?.name)}`, {
      field: "name",
      value: options?.name,
    });
  }
  const { name, timeoutMs } = options;
  return async (args) => {
    const ctx = verifierContext(timeoutMs === undefined ? {} : { timeoutMs });
    const r = await runVerifier(verifier, args.output, args.expected as Ref, ctx);
    if (r.status === "error" || r.status === "timeout") {
      throw new VerificationFailedError(`verifier ${name} could not judge the output (${r.status}): ${r.reason ?? ""}`, r.status, {
        field: "output",
      });
    }
    return { name, score: r.score ?? (r.correct ? 1 : 0), metadata: metadataOf(r) };
  };
}

/** Options of {@link fromAutoevalsScorer}. */
export interface FromScorerOptions {
  /** The example counts as correct when its score is ≥ `threshold`. Default 1. */
  readonly threshold?: number;
}

/** Throws unless `threshold` is a finite number in [0, 1]. */
export function assertThreshold(threshold: unknown): number {
  if (typeof threshold !== "number" || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new InvalidArgumentError(`threshold must be a finite number in [0, 1], got ${String(threshold)}`, {
      field: "threshold",
      value: threshold,
    });
  }
  return threshold;
}

/** Turns a foreign score into a verifier result; shared with the evalite adapter. */
export function scoreToResult(score: unknown, threshold: number, metadata: unknown, who: string): VerifierResult {
  if (score === null) return verifierError(`${who} skipped the example (score null)`);
  if (typeof score !== "number" || !Number.isFinite(score) || score < 0 || score > 1) {
    return verifierError(`${who} returned score ${String(score)}, not a number in [0, 1]`);
  }
  const meta = metadata !== null && typeof metadata === "object" ? (metadata as Record<string, unknown>) : {};
  const reason = typeof meta.rationale === "string" ? meta.rationale : typeof meta.reason === "string" ? meta.reason : undefined;
  return judged(score >= threshold, { score, ...(reason === undefined ? {} : { reason }) });
}

/**
 * Wraps an autoevals scorer (e.g. `Levenshtein`, `NumericDiff`, an LLM judge) as a passk verifier:
 * the response is passed as `output`, the reference as `expected`, and the result is correct
 * when `score ≥ threshold`, keeping the score. A `null` score (skipped), an out-of-range score or
 * a throw is a verifier `"error"`, never a wrong answer.
 *
 * @param scorer - an autoevals-shaped scorer
 * @param options - see {@link FromScorerOptions}
 * @throws {@link InvalidArgumentError} if `scorer` is not a function or `threshold` is outside [0, 1]
 *
 * @example
 * ```ts
 * import { fromAutoevalsScorer, runVerifier } from "passk";
 * import type { AutoevalsScorer } from "passk";
 * const Contains: AutoevalsScorer<string> = ({ output, expected }) => ({ name: "Contains", score: expected !== undefined && output.includes(expected) ? 1 : 0 });
 * const v = fromAutoevalsScorer(Contains);
 * console.log((await runVerifier(v, "It is Paris.", "Paris")).status); // => correct
 * ```
 */
export function fromAutoevalsScorer<Ref>(scorer: AutoevalsScorer<Ref>, options: FromScorerOptions = {}): Verifier<Ref> {
  if (typeof scorer !== "function") {
    throw new InvalidArgumentError(`scorer must be a function, got ${typeof scorer}`, { field: "scorer", value: scorer });
  }
  const threshold = assertThreshold(options.threshold ?? 1);
  return async (response, reference) => {
    const s = await scorer({ output: response, expected: reference });
    if (s === null || typeof s !== "object") return verifierError(`autoevals scorer returned ${String(s)}, not a Score`);
    return scoreToResult(s.score, threshold, s.metadata, `autoevals scorer ${String(s.name)}`);
  };
}
