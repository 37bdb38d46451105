/**
 * Adapters between passk verifiers and evalite scorers.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { assertThreshold, mappingOrDefault, scoreToResult, wrappedName, type FromScorerMapping, type FromScorerOptions } from "./autoevals.js";
import { nameFunction } from "./nameFunction.js";
import { assertTimeout, judgeOrThrow, scoreOf, scorerName, verdictMetadata, type ScorerOptions, type VerdictMetadata } from "./scorerSupport.js";
import { unparsed, verifierError } from "./verdict.js";
import type { Verifier, VerifierResult } from "./verifier.js";

/**
 * Arguments evalite passes to a scorer (`Evalite.ScoreInput`): the example's input, the task's
 * output, and the expected value.
 *
 * @example
 * ```ts
 * import { toEvaliteScorer, exactMatch } from "passk";
 * const def = toEvaliteScorer(exactMatch());
 * console.log((await def.scorer({ input: "Capital of France?", output: "Paris", expected: "paris" })).score); // => 1
 * ```
 */
export interface EvaliteScorerArgs<Expected = string> {
  /** The eval input. */
  readonly input?: unknown;
  /** The task's output. */
  readonly output: string;
  /** The expected value from the data set. */
  readonly expected?: Expected;
}

/**
 * What an evalite scorer function may return: a number in [0, 1] or `{ score, metadata }`
 * (`createScorer(...)` results also carry `name` and allow a `null` score).
 *
 * @example
 * ```ts
 * import { fromEvaliteScorer, runVerifier } from "passk";
 * const scorer = () => ({ score: null, name: "skipper" });
 * console.log((await runVerifier(fromEvaliteScorer(scorer), "x", "y")).status); // => error
 * ```
 */
export type EvaliteScore =
  | number
  | {
      /** Score in [0, 1]; `null` when the scorer skipped the example. */
      readonly score: number | null;
      /** Free-form details shown next to the score. */
      readonly metadata?: unknown;
    };

/**
 * What a scorer made by {@link toEvaliteScorer} resolves to.
 *
 * @example
 * ```ts
 * import { toEvaliteScorer, gsm8kMatch } from "passk";
 * const s = await toEvaliteScorer(gsm8kMatch()).scorer({ input: "q", output: "#### 3", expected: "4" });
 * console.log(s.score, s.metadata.reason); // => 0 expected 4, got 3
 * ```
 */
export interface EvaliteScoreWithMetadata {
  /** 1 when the verifier judged the output correct, else 0 (or the verifier's graded score). */
  readonly score: number;
  /** The verdict: status, correct, and when present the extracted answer and the reason. */
  readonly metadata: VerdictMetadata;
}

/**
 * A scorer in evalite's object form (`{ name, description, scorer }`), as returned by
 * {@link toEvaliteScorer}: it goes straight into `evalite(…, { scorers: [...] })` or through
 * `createScorer(...)`.
 *
 * @example
 * ```ts
 * import { toEvaliteScorer, exactMatch } from "passk";
 * const def = toEvaliteScorer(exactMatch(), { name: "Exact", description: "normalized exact match" });
 * console.log(def.name, def.scorer.name, def.description); // => Exact Exact normalized exact match
 * ```
 */
export interface EvaliteScorerObject<Args = EvaliteScorerArgs> {
  /** Name shown in the evalite UI. */
  readonly name: string;
  /** Optional description. */
  readonly description?: string;
  /** The scoring function (named like the scorer). */
  readonly scorer: (args: Args) => Promise<EvaliteScoreWithMetadata>;
}

/**
 * An evalite scorer function over arguments `Args`, e.g. the result of `createScorer(...)`.
 *
 * @example
 * ```ts
 * import { fromEvaliteScorer, runVerifier } from "passk";
 * const short = ({ output }: { output: string }) => (output.length <= 5 ? 1 : 0);
 * console.log((await runVerifier(fromEvaliteScorer(short), "Yes.", undefined)).status); // => correct
 * ```
 */
export type EvaliteScorerFn<Args> = (args: Args) => EvaliteScore | Promise<EvaliteScore>;

/**
 * The object form accepted by evalite's `scorers` array and by `createScorer(...)`.
 *
 * @example
 * ```ts
 * import { fromEvaliteScorer, runVerifier } from "passk";
 * const def = { name: "Polite", scorer: ({ output }: { output: string }) => (output.includes("please") ? 1 : 0) };
 * const v = fromEvaliteScorer(def);
 * console.log(v.name, (await runVerifier(v, "Sit, please.", undefined)).status); // => Polite correct
 * ```
 */
export interface EvaliteScorerDefinition<Args> {
  /** Name shown in the evalite UI. */
  readonly name: string;
  /** Optional description. */
  readonly description?: string;
  /** The scoring function. */
  readonly scorer: EvaliteScorerFn<Args>;
}

/**
 * The arguments {@link fromEvaliteScorer} passes when no `args` mapping is given: `input` is
 * `undefined` (a passk verifier sees no input), so a scorer typed to need an input does not
 * compile without a mapping.
 *
 * @example
 * ```ts
 * import { fromEvaliteScorer, runVerifier } from "passk";
 * import type { EvaliteDefaultArgs } from "passk";
 * const seen: EvaliteDefaultArgs<string>[] = [];
 * await runVerifier(fromEvaliteScorer((args) => (seen.push(args), 1)), "out", "ref");
 * const first = seen[0]!;
 * console.log("input" in first, first.input, first.output, first.expected); // => true undefined out ref
 * ```
 */
export type EvaliteDefaultArgs<Ref> = {
  /** Always `undefined`. */
  readonly input: undefined;
  /** The response. */
  readonly output: string;
  /** The reference. */
  readonly expected: Ref;
};

/**
 * Options of {@link toEvaliteScorer}.
 *
 * @example
 * ```ts
 * import { toEvaliteScorer, exactMatch } from "passk";
 * console.log(toEvaliteScorer(exactMatch(), { description: "exact" }).description); // => exact
 * ```
 */
export interface ToEvaliteOptions extends ScorerOptions {
  /** Optional description shown in evalite. */
  readonly description?: string;
}

/**
 * Options of {@link toEvaliteScorer} with an explicit mapping from evalite's scorer arguments to
 * the verifier's reference (and optionally the response): a structured reference, or one that
 * depends on the input.
 *
 * @example
 * ```ts
 * import { toEvaliteScorer, exactMatch } from "passk";
 * const def = toEvaliteScorer(exactMatch(), { name: "Echo", reference: ({ input }: { input: string; output: string }) => input });
 * console.log((await def.scorer({ input: "hello", output: "Hello" })).score); // => 1
 * ```
 */
export interface ToEvaliteMapping<Args, Ref> extends ToEvaliteOptions {
  /** The verifier's reference, from the scorer's arguments. */
  readonly reference: (args: Args) => Ref;
  /** The response text; default `args.output`, which must then be a string. */
  readonly response?: (args: Args) => string;
}

/**
 * Wraps a passk verifier as an evalite scorer definition `{ name, description, scorer }`, which
 * can go straight into `evalite(…, { scorers: [...] })` or through `createScorer`. The name is
 * `options.name` or the verifier's name; `scorer` carries it as its `.name` too. The scorer
 * returns `{ score, metadata }` with the verifier's score (or 1/0 from `correct`) and the verdict
 * as metadata. A failed verification (`"error"`/`"timeout"`) throws
 * {@link VerificationFailedError} instead of scoring 0; evalite then records the example as failed.
 *
 * @param verifier - the verifier; `expected` is passed as its reference
 * @param options - see {@link ToEvaliteOptions}
 * @throws {@link InvalidArgumentError} if the verifier is not a function, `options.name` is not a
 * non-empty string, or the verifier has no name and none is given
 *
 * @example
 * ```ts
 * import { toEvaliteScorer, multipleChoice } from "passk";
 * const def = toEvaliteScorer(multipleChoice(), { name: "MC letter" });
 * const s = await def.scorer({ input: "Q", output: "The answer is (C).", expected: "B" });
 * console.log(def.name, s.score, s.metadata.extracted); // => MC letter 0 C
 * ```
 */
export function toEvaliteScorer<Ref>(verifier: Verifier<Ref>, options?: ToEvaliteOptions): EvaliteScorerObject<EvaliteScorerArgs<Ref>>;
/**
 * Wraps a passk verifier as an evalite scorer definition over arguments `Args`, taking the
 * reference (and optionally the response) from them: see {@link ToEvaliteMapping}. Otherwise as
 * the overload above.
 *
 * @param verifier - the verifier
 * @param options - the mapping, name, description and time budget
 * @throws {@link InvalidArgumentError} if the verifier or a mapping is not a function, or the name is missing
 *
 * @example
 * ```ts
 * import { toEvaliteScorer, numericMatch } from "passk";
 * const def = toEvaliteScorer(numericMatch(), { reference: ({ input }: { input: { a: number; b: number }; output: string }) => input.a + input.b });
 * console.log((await def.scorer({ input: { a: 2, b: 3 }, output: "5" })).score); // => 1
 * ```
 */
export function toEvaliteScorer<Ref, Args extends object>(verifier: Verifier<Ref>, options: ToEvaliteMapping<Args, Ref>): EvaliteScorerObject<Args>;
export function toEvaliteScorer<Ref>(
  verifier: Verifier<Ref>,
  options: ToEvaliteOptions & Partial<ToEvaliteMapping<object, Ref>> = {},
): EvaliteScorerObject<object> {
  const name = scorerName(verifier, options?.name);
  assertTimeout(options.timeoutMs);
  const { description, timeoutMs } = options;
  if (description !== undefined && typeof description !== "string") {
    throw new InvalidArgumentError(`options.description must be a string, got ${typeof description}`, { field: "description", value: description });
  }
  const reference = mappingOrDefault(options.reference, "reference", (args) => (args as { expected?: Ref }).expected as Ref);
  const response = mappingOrDefault(options.response, "response", (args) => (args as { output?: unknown }).output);
  const scorer = nameFunction(name, async (args: object): Promise<EvaliteScoreWithMetadata> => {
    const r = await judgeOrThrow(verifier, response(args), reference(args), name, timeoutMs);
    return { score: scoreOf(r), metadata: verdictMetadata(r) };
  });
  return description === undefined ? { name, scorer } : { name, description, scorer };
}

/**
 * Wraps an evalite scorer as a passk verifier. Accepts a bare scorer function (such as the result
 * of `createScorer(...)`) or the `{ name, scorer }` definition object. The scorer receives
 * `{ input: undefined, output: response, expected: reference }`; the result is correct when
 * `score ≥ threshold` (default 1) and keeps the score. A throw, a `null` score (evalite would
 * record it as 0) or a score outside [0, 1] is a verifier `"error"`. The verifier is named after
 * the scorer.
 *
 * A scorer whose type needs an `input` (`createScorer<string, …>`) does not compile here: pass it
 * through the mapping overload, which builds the input from the reference.
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
export function fromEvaliteScorer<Ref = unknown>(
  scorer: EvaliteScorerFn<EvaliteDefaultArgs<Ref>> | EvaliteScorerDefinition<EvaliteDefaultArgs<Ref>>,
  options?: FromScorerOptions,
): Verifier<Ref>;
/**
 * Wraps an evalite scorer over arguments `Args` as a passk verifier, building them with
 * `options.args` from the response and the reference, `input` included (see
 * {@link FromScorerMapping}). Otherwise as the overload above.
 *
 * @param scorer - an evalite scorer function or definition
 * @param options - the mapping and {@link FromScorerOptions}
 * @throws {@link InvalidArgumentError} if `scorer` has neither shape, `options.args` is not a function, or `threshold` is outside [0, 1]
 *
 * @example
 * ```ts
 * import { fromEvaliteScorer, runVerifier } from "passk";
 * const answersQuestion = ({ input, output }: { input: string; output: string }) => (output.startsWith(input.slice(0, 3)) ? 1 : 0);
 * const v = fromEvaliteScorer(answersQuestion, {
 *   args: (response, reference: { question: string; answer: string }) => ({ input: reference.question, output: response, expected: reference.answer }),
 * });
 * console.log((await runVerifier(v, "Why? Because.", { question: "Why is it?", answer: "Because." })).status); // => correct
 * ```
 */
export function fromEvaliteScorer<Args, Ref>(
  scorer: EvaliteScorerFn<Args> | EvaliteScorerDefinition<Args>,
  options: FromScorerMapping<NoInfer<Args>, Ref>,
): Verifier<Ref>;
export function fromEvaliteScorer<Ref>(
  scorer: EvaliteScorerFn<never> | EvaliteScorerDefinition<never>,
  options: FromScorerOptions & Partial<FromScorerMapping<unknown, Ref>> = {},
): Verifier<Ref> {
  const fn: unknown = typeof scorer === "function" ? scorer : (scorer as EvaliteScorerDefinition<never> | null)?.scorer;
  if (typeof fn !== "function") {
    throw new InvalidArgumentError(`scorer must be an evalite scorer function or { name, scorer } object`, {
      field: "scorer",
      value: scorer,
    });
  }
  const threshold = assertThreshold(options.threshold ?? 1);
  const name = wrappedName(options.name, scorer, "evaliteScorer");
  if (options.args !== undefined && typeof options.args !== "function") {
    throw new InvalidArgumentError(`options.args must be a function, got ${typeof options.args}`, { field: "args", value: options.args });
  }
  // evalite always passes `input`; without a mapping there is none, and saying so (undefined)
  // keeps a scorer typed to read it from compiling against this overload.
  const toArgs = options.args ?? ((response: string, reference: Ref) => ({ input: undefined, output: response, expected: reference }));
  return nameFunction(name, async (response: string, reference: Ref): Promise<VerifierResult> => {
    const args = toArgs(response, reference);
    if (args === undefined) return unparsed(`the response has no answer ${name} can score`);
    const s = (await (fn as EvaliteScorerFn<unknown>)(args)) as unknown;
    if (typeof s === "number") return scoreToResult(s, threshold, undefined, `evalite scorer ${name}`);
    if (s === null || typeof s !== "object") return verifierError(`evalite scorer ${name} returned ${String(s)}`);
    const o = s as { score?: unknown; metadata?: unknown };
    return scoreToResult(o.score, threshold, o.metadata, `evalite scorer ${name}`);
  });
}
