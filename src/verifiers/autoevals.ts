/**
 * Adapters between passk verifiers and the autoevals / Braintrust `Scorer` shape.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { nameFunction } from "./nameFunction.js";
import { assertTimeout, judgeOrThrow, scoreOf, scorerName, verdictMetadata, type ScorerOptions, type VerdictMetadata } from "./scorerSupport.js";
import { judged, unparsed, verifierError } from "./verdict.js";
import type { Verifier, VerifierResult } from "./verifier.js";

/**
 * The score object of autoevals and Braintrust: a named score in [0, 1], `null` meaning
 * "skipped", with optional metadata.
 *
 * @example
 * ```ts
 * import { toAutoevalsScorer, exactMatch } from "passk";
 * const s = await toAutoevalsScorer(exactMatch())({ output: "Paris", expected: "paris" });
 * console.log(s.name, s.score); // => exactMatch 1
 * ```
 */
export interface AutoevalsScore {
  /** Scorer name. */
  readonly name: string;
  /** Score in [0, 1], or `null` when the scorer skipped the example. */
  readonly score: number | null;
  /** Free-form details. */
  readonly metadata?: Record<string, unknown>;
}

/**
 * What a scorer made by {@link toAutoevalsScorer} resolves to: always a number score, and the
 * verdict as metadata.
 *
 * @example
 * ```ts
 * import { toAutoevalsScorer, multipleChoice } from "passk";
 * const s = await toAutoevalsScorer(multipleChoice())({ output: "The answer is (C).", expected: "B" });
 * console.log(s.score, s.metadata.status, s.metadata.extracted); // => 0 wrong C
 * ```
 */
export interface PasskAutoevalsScore extends AutoevalsScore {
  /** 1 when the verifier judged the output correct, else 0 (or the verifier's graded score). */
  readonly score: number;
  /** The verdict: status, correct, and when present the extracted answer and the reason. */
  readonly metadata: VerdictMetadata;
}

/**
 * The arguments autoevals and Braintrust pass to a scorer: the output, the expected value, and in
 * Braintrust the input and metadata of the example.
 *
 * @example
 * ```ts
 * import { toAutoevalsScorer, exactMatch } from "passk";
 * const args = { input: "Capital of France?", output: "Paris", expected: "Paris" };
 * console.log((await toAutoevalsScorer(exactMatch())(args)).score); // => 1
 * ```
 */
export interface AutoevalsScorerArgs<Expected = string> {
  /** The model's output. */
  readonly output: string;
  /** The expected (reference) value. */
  readonly expected?: Expected;
  /** The example's input, when the framework passes it. */
  readonly input?: unknown;
  /** The example's metadata, when the framework passes it. */
  readonly metadata?: unknown;
}

/**
 * An autoevals scorer over arguments `Args`, e.g. `Levenshtein` (`{ output: string; expected?:
 * string }`), `NumericDiff` (numbers) or `Factuality` (`input`, `output`, `expected`).
 *
 * @example
 * ```ts
 * import { fromAutoevalsScorer, runVerifier } from "passk";
 * import type { AutoevalsScorer } from "passk";
 * const Same: AutoevalsScorer = ({ output, expected }) => ({ name: "Same", score: output === expected ? 1 : 0 });
 * console.log((await runVerifier(fromAutoevalsScorer(Same), "a", "a")).status); // => correct
 * ```
 */
export type AutoevalsScorer<Args = AutoevalsScorerArgs> = (args: Args) => AutoevalsScore | Promise<AutoevalsScore>;

/**
 * Options of {@link toAutoevalsScorer} with an explicit mapping from the framework's arguments to
 * the verifier's reference (and, optionally, response). Use it when the reference is not
 * `expected` as it stands: a structured reference such as the code verifier's tests, or one
 * built from `input` or `metadata`.
 *
 * @example
 * ```ts
 * import { toAutoevalsScorer, exactMatch } from "passk";
 * const byInput = toAutoevalsScorer(exactMatch(), {
 *   name: "echo",
 *   reference: (args: { input: string; output: string }) => args.input,
 * });
 * console.log((await byInput({ input: "ping", output: "PING" })).score); // => 1
 * ```
 */
export interface ToAutoevalsMapping<Args, Ref> extends ScorerOptions {
  /** The verifier's reference, from the scorer's arguments. */
  readonly reference: (args: Args) => Ref;
  /** The response text; default `args.output`, which must then be a string. */
  readonly response?: (args: Args) => string;
}

/**
 * Wraps a passk verifier as an autoevals / Braintrust scorer: a function whose `.name` is
 * `options.name` or the verifier's name. The score is the verifier's `score` if it reports one,
 * else 1 for correct and 0 otherwise (so `"unparsed"` scores 0); `metadata` is the verdict. A
 * verification that fails (status `"error"` or `"timeout"`) throws
 * {@link VerificationFailedError} rather than scoring 0: Braintrust records a throwing scorer as
 * a scorer error, and autoevals callers see the exception.
 *
 * Without a mapping the reference is `expected`, so the scorer's type is
 * `(args: { output: string; expected?: Ref; input?; metadata? }) => …`, which fits Braintrust's
 * `EvalScorer` with `Expected = Ref`. autoevals' own `Scorer<Output, Extra>` type requires
 * `expected` to have the output's type; for a verifier whose reference is not a string (the code
 * verifier's `{ tests }`), map it explicitly with {@link ToAutoevalsMapping}.
 *
 * @param verifier - the verifier; `expected` is passed as its reference
 * @param options - name and time budget, see {@link ScorerOptions}
 * @throws {@link InvalidArgumentError} if the verifier is not a function, `options.name` is not a
 * non-empty string, or the verifier has no name and none is given
 *
 * @example
 * ```ts
 * import { toAutoevalsScorer, gsm8kMatch } from "passk";
 * const scorer = toAutoevalsScorer(gsm8kMatch());
 * const s = await scorer({ input: "2 + 2?", output: "2 + 2 = 4\n#### 4", expected: "4" });
 * console.log(scorer.name, s.name, s.score, s.metadata.status); // => gsm8kMatch gsm8kMatch 1 correct
 * ```
 */
export function toAutoevalsScorer<Ref>(
  verifier: Verifier<Ref>,
  options?: ScorerOptions,
): (args: AutoevalsScorerArgs<Ref>) => Promise<PasskAutoevalsScore>;
/**
 * Wraps a passk verifier as an autoevals / Braintrust scorer over arguments `Args`, taking the
 * reference (and optionally the response) from them through `options`: see
 * {@link ToAutoevalsMapping}. Otherwise as the overload above.
 *
 * @param verifier - the verifier
 * @param options - the mapping, name and time budget
 * @throws {@link InvalidArgumentError} if the verifier or a mapping is not a function, or the name is missing
 *
 * @example
 * ```ts
 * import { toAutoevalsScorer, numericMatch } from "passk";
 * const scorer = toAutoevalsScorer(numericMatch(), {
 *   name: "total",
 *   reference: (args: { output: string; metadata: { total: number } }) => args.metadata.total,
 * });
 * console.log((await scorer({ output: "It costs 1,250.", metadata: { total: 1250 } })).score); // => 1
 * ```
 */
export function toAutoevalsScorer<Ref, Args extends object>(
  verifier: Verifier<Ref>,
  options: ToAutoevalsMapping<Args, Ref>,
): (args: Args) => Promise<PasskAutoevalsScore>;
export function toAutoevalsScorer<Ref>(
  verifier: Verifier<Ref>,
  options: ScorerOptions & Partial<ToAutoevalsMapping<object, Ref>> = {},
): (args: object) => Promise<PasskAutoevalsScore> {
  const name = scorerName(verifier, options?.name);
  assertTimeout(options.timeoutMs);
  const { timeoutMs } = options;
  const reference = mappingOrDefault(options.reference, "reference", (args) => (args as { expected?: Ref }).expected as Ref);
  const response = mappingOrDefault(options.response, "response", (args) => (args as { output?: unknown }).output);
  return nameFunction(name, async (args: object): Promise<PasskAutoevalsScore> => {
    const r = await judgeOrThrow(verifier, response(args), reference(args), name, timeoutMs);
    return { name, score: scoreOf(r), metadata: verdictMetadata(r) };
  });
}

/** `mapping` after checking it is a function, or the default when it is absent. */
export function mappingOrDefault<A, T>(mapping: unknown, field: string, fallback: (args: A) => T): (args: A) => T {
  if (mapping === undefined) return fallback;
  if (typeof mapping !== "function") {
    throw new InvalidArgumentError(`options.${field} must be a function, got ${typeof mapping}`, { field, value: mapping });
  }
  return mapping as (args: A) => T;
}

/**
 * Options of the passk ← framework adapters ({@link fromAutoevalsScorer}, {@link fromEvaliteScorer}).
 *
 * @example
 * ```ts
 * import { fromAutoevalsScorer, runVerifier } from "passk";
 * const Half = () => ({ name: "Half", score: 0.5 });
 * console.log((await runVerifier(fromAutoevalsScorer(Half, { threshold: 0.5 }), "x", "y")).status); // => correct
 * ```
 */
export interface FromScorerOptions {
  /** The example counts as correct when its score is ≥ `threshold`. Default 1. */
  readonly threshold?: number;
  /** Name of the returned verifier. Default: the scorer's name. */
  readonly name?: string;
}

/**
 * Options of {@link fromAutoevalsScorer} and {@link fromEvaliteScorer} for a scorer whose
 * arguments are not `{ output: string, expected: Ref }`: `args` builds them from the response and
 * the reference (which carries whatever else the scorer needs, such as the question as `input`).
 * Return `undefined` when the response holds no answer the scorer can take (e.g. no number for
 * `NumericDiff`): the result is then `"unparsed"` (the model's failure), not an error.
 *
 * @example
 * ```ts
 * import { fromAutoevalsScorer, extractFinalNumber, runVerifier } from "passk";
 * const Diff = ({ output, expected }: { output: number; expected: number }) => ({ name: "Diff", score: output === expected ? 1 : 0 });
 * const v = fromAutoevalsScorer(Diff, {
 *   args: (response, reference: number) => {
 *     const got = extractFinalNumber(response);
 *     return got === undefined ? undefined : { output: got.value, expected: reference };
 *   },
 * });
 * console.log((await runVerifier(v, "so 12", 12)).status, (await runVerifier(v, "no idea", 12)).status); // => correct unparsed
 * ```
 */
export interface FromScorerMapping<Args, Ref> extends FromScorerOptions {
  /** The scorer's arguments for one response, or `undefined` when the response has no usable answer. */
  readonly args: (response: string, reference: Ref) => Args | undefined;
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

/** The name for a verifier wrapping a foreign scorer: `options.name`, the scorer's, or `fallback`. */
export function wrappedName(optionName: unknown, scorer: unknown, fallback: string): string {
  if (optionName !== undefined) {
    if (typeof optionName !== "string" || optionName === "") {
      throw new InvalidArgumentError(`options.name must be a non-empty string, got ${String(optionName)}`, { field: "name", value: optionName });
    }
    return optionName;
  }
  const own: unknown = (scorer as { name?: unknown } | null)?.name;
  return typeof own === "string" && own !== "" ? own : fallback;
}

/**
 * Wraps an autoevals scorer (e.g. `Levenshtein`, an LLM judge) as a passk verifier: the response
 * is passed as `output`, the reference as `expected`, and the result is correct when
 * `score ≥ threshold`, keeping the score. A `null` score (skipped), an out-of-range score or a
 * throw is a verifier `"error"`, never a wrong answer. The verifier is named after the scorer.
 *
 * This overload compiles only for scorers that take `{ output: string, expected: Ref }`. Scorers
 * over numbers (`NumericDiff`) or that need `input` (`Factuality`) take the mapping overload.
 *
 * @param scorer - an autoevals-shaped scorer
 * @param options - see {@link FromScorerOptions}
 * @throws {@link InvalidArgumentError} if `scorer` is not a function or `threshold` is outside [0, 1]
 *
 * @example
 * ```ts
 * import { fromAutoevalsScorer, runVerifier } from "passk";
 * import type { AutoevalsScorer } from "passk";
 * const Contains: AutoevalsScorer = ({ output, expected }) => ({ name: "Contains", score: expected !== undefined && output.includes(expected) ? 1 : 0 });
 * const v = fromAutoevalsScorer(Contains);
 * console.log(v.name, (await runVerifier(v, "It is Paris.", "Paris")).status); // => Contains correct
 * ```
 */
export function fromAutoevalsScorer<Ref = unknown>(
  scorer: AutoevalsScorer<{ output: string; expected: Ref }>,
  options?: FromScorerOptions,
): Verifier<Ref>;
/**
 * Wraps an autoevals scorer over arguments `Args` as a passk verifier, building them with
 * `options.args` from the response and the reference (see {@link FromScorerMapping}): numeric
 * scorers get numbers, LLM judges get their `input`. Otherwise as the overload above.
 *
 * @param scorer - an autoevals-shaped scorer
 * @param options - the mapping and {@link FromScorerOptions}
 * @throws {@link InvalidArgumentError} if `scorer` or `options.args` is not a function or `threshold` is outside [0, 1]
 *
 * @example
 * ```ts
 * import { fromAutoevalsScorer, runVerifier } from "passk";
 * const Judge = ({ input, output }: { input: string; output: string }) => ({ name: "Judge", score: output.length < input.length ? 1 : 0 });
 * const v = fromAutoevalsScorer(Judge, {
 *   args: (response, reference: { question: string }) => ({ input: reference.question, output: response }),
 * });
 * console.log((await runVerifier(v, "Yes.", { question: "Is it short?" })).status); // => correct
 * ```
 */
export function fromAutoevalsScorer<Args, Ref>(
  scorer: AutoevalsScorer<Args>,
  options: FromScorerMapping<NoInfer<Args>, Ref>,
): Verifier<Ref>;
export function fromAutoevalsScorer<Ref>(
  scorer: AutoevalsScorer<never>,
  options: FromScorerOptions & Partial<FromScorerMapping<unknown, Ref>> = {},
): Verifier<Ref> {
  if (typeof scorer !== "function") {
    throw new InvalidArgumentError(`scorer must be a function, got ${typeof scorer}`, { field: "scorer", value: scorer });
  }
  const threshold = assertThreshold(options.threshold ?? 1);
  const name = wrappedName(options.name, scorer, "autoevalsScorer");
  if (options.args !== undefined && typeof options.args !== "function") {
    throw new InvalidArgumentError(`options.args must be a function, got ${typeof options.args}`, { field: "args", value: options.args });
  }
  const toArgs = options.args ?? ((response: string, reference: Ref) => ({ output: response, expected: reference }));
  return nameFunction(name, async (response: string, reference: Ref): Promise<VerifierResult> => {
    const args = toArgs(response, reference);
    if (args === undefined) return unparsed(`the response has no answer ${name} can score`);
    const s = await (scorer as AutoevalsScorer<unknown>)(args);
    if (s === null || typeof s !== "object") return verifierError(`autoevals scorer ${name} returned ${String(s)}, not a Score`);
    return scoreToResult(s.score, threshold, s.metadata, `autoevals scorer ${name}`);
  });
}
