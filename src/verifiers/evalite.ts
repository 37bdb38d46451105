/**
 * Adapters between passk verifiers and evalite scorers.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { assertThreshold, scoreToResult, type FromScorerOptions } from "./autoevals.js";
import { VerificationFailedError } from "./errors.js";
import { runVerifier, verifierContext } from "./runVerifier.js";
import { verifierError } from "./verdict.js";
import type { Verifier } from "./verifier.js";

/** Arguments evalite passes to a scorer function. */
export interface EvaliteScorerArgs<Expected> {
  /** The eval input. */
  readonly input?: unknown;
  /** The task's output. */
  readonly output: string;
  /** The expected value from the data set. */
  readonly expected?: Expected;
}

/** What an evalite scorer function may return: a number in [0, 1] or `{ score, metadata }`. */
export type EvaliteScore =
  | number
  | {
      /** Score in [0, 1]. */
      readonly score: number;
      /** Free-form details shown next to the score. */
      readonly metadata?: unknown;
    };

/** What a scorer made by {@link toEvaliteScorer} resolves to. */
export interface EvaliteScoreWithMetadata {
  /** 1 when the verifier judged the output correct, else 0 (or the verifier's graded score). */
  score: number;
  /** `status`, `correct` and, when present, `extracted` and `reason` of the verification. */
  metadata: Record<string, unknown>;
}

/** A scorer in evalite's object form, as returned by {@link toEvaliteScorer}. */
export interface EvaliteScorerObject<Expected> {
  /** Name shown in the evalite UI. */
  readonly name: string;
  /** Optional description. */
  readonly description?: string;
  /** The scoring function. */
  readonly scorer: (args: EvaliteScorerArgs<Expected>) => Promise<EvaliteScoreWithMetadata>;
}

/** An evalite scorer function. */
export type EvaliteScorerFn<Expected> = (args: EvaliteScorerArgs<Expected>) => EvaliteScore | Promise<EvaliteScore>;

/** The object form accepted by evalite's `scorers` array and by `createScorer(...)`. */
export interface EvaliteScorerDefinition<Expected> {
  /** Name shown in the evalite UI. */
  readonly name: string;
  /** Optional description. */
  readonly description?: string;
  /** The scoring function. */
  readonly scorer: EvaliteScorerFn<Expected>;
}

/** Options of {@link toEvaliteScorer}. */
export interface ToEvaliteOptions {
  /** Name shown in evalite. */
  readonly name: string;
  /** Optional description. */
  readonly description?: string;
  /** Per-call time budget in ms, handed to the verifier as its context deadline. */
  readonly timeoutMs?: number;
}

/**
 * Wraps a passk verifier as an evalite scorer definition `{ name, description, scorer }`, which
 * can go straight into `evalite(…, { scorers: [...] })` or through `createScorer`. The scorer
 * returns `{ score, metadata }` with the verifier's score (or 1/0 from `correct`) and its status,
 * extracted answer and reason as metadata. A failed verification (`"error"`/`"timeout"`) throws
 * {@link VerificationFailedError} instead of scoring 0.
 *
 * @param verifier - the verifier; `expected` is passed as its reference
 * @param options - see {@link ToEvaliteOptions}
 * @throws {@link InvalidArgumentError} if `options.name` is not a non-empty string
 *
 * @example
 * ```ts
 * import { toEvaliteScorer, multipleChoice } from "passk";
 * const def = toEvaliteScorer(multipleChoice(), { name: "MC letter" });
 * const s = await def.scorer({ input: "Q", output: "The answer is (C).", expected: "B" });
 * console.log(def.name, s.score, s.metadata.extracted); // => MC letter 0 C
 * ```
 */
export function toEvaliteScorer<Ref>(
  verifier: Verifier<Ref>,
  options: ToEvaliteOptions,
): EvaliteScorerObject<Ref> {
  if (typeof options?.name !== "string" || options.name === "") {
    throw new InvalidArgumentError(`options.name must be a non-empty string, got ${String(options?.name)}`, {
      field: "name",
      value: options?.name,
    });
  }
  const { name, description, timeoutMs } = options;
  const scorer = async (args: EvaliteScorerArgs<Ref>): Promise<EvaliteScoreWithMetadata> => {
    const ctx = verifierContext(timeoutMs === undefined ? {} : { timeoutMs });
    const r = await runVerifier(verifier, args.output, args.expected as Ref, ctx);
    if (r.status === "error" || r.status === "timeout") {
      throw new VerificationFailedError(`verifier ${name} could not judge the output (${r.status}): ${r.reason ?? ""}`, r.status, {
        field: "output",
      });
    }
    const metadata: Record<string, unknown> = { status: r.status, correct: r.correct };
    if (r.extracted !== undefined) metadata.extracted = r.extracted;
    if (r.reason !== undefined) metadata.reason = r.reason;
    return { score: r.score ?? (r.correct ? 1 : 0), metadata };
  };
  return description === undefined ? { name, scorer } : { name, description, scorer };
}

/**
 * Wraps an evalite scorer as a passk verifier. Accepts either a bare scorer function or the
 * `{ name, scorer }` definition object. The response is passed as `output`, the reference as
 * `expected`; the result is correct when `score ≥ threshold` (default 1) and keeps the score. A
 * throw or a score outside [0, 1] is a verifier `"error"`.
 *
 * @param scorer - an evalite scorer function or definition
 * @param options - see {@link FromScorerOptions}
 * @throws {@link InvalidArgumentError} if `scorer` has neither shape or `threshold` is outside [0, 1]
 *
 * @example
 * ```ts
 * import { fromEvaliteScorer, runVerifier } from "passk";
 * const lengthOk = { name: "Short", scorer: ({ output }: { output: string }) => ({ score: output.length <= 10 ? 1 : 0.5, metadata: { len: output.length } }) };
 * const v = fromEvaliteScorer(lengthOk, { threshold: 0.5 });
 * const r = await runVerifier(v, "a rather long answer", undefined);
 * console.log(r.status, r.score); // => correct 0.5
 * ```
 */
export function fromEvaliteScorer<Ref>(
  scorer: EvaliteScorerFn<Ref> | EvaliteScorerDefinition<Ref>,
  options: FromScorerOptions = {},
): Verifier<Ref> {
  const fn: unknown = typeof scorer === "function" ? scorer : (scorer as EvaliteScorerDefinition<Ref> | null)?.scorer;
  if (typeof fn !== "function") {
    throw new InvalidArgumentError(`scorer must be an evalite scorer function or { name, scorer } object`, {
      field: "scorer",
      value: scorer,
    });
  }
  const threshold = assertThreshold(options.threshold ?? 1);
  const name = typeof scorer === "function" ? scorer.name || "anonymous" : scorer.name;
  return async (response, reference) => {
    const s = (await (fn as EvaliteScorerFn<Ref>)({ output: response, expected: reference })) as unknown;
    if (typeof s === "number") return scoreToResult(s, threshold, undefined, `evalite scorer ${name}`);
    if (s === null || typeof s !== "object") return verifierError(`evalite scorer ${name} returned ${String(s)}`);
    const o = s as { score?: unknown; metadata?: unknown };
    return scoreToResult(o.score, threshold, o.metadata, `evalite scorer ${name}`);
  };
}
