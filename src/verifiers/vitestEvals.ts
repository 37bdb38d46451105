/**
 * Adapter from passk verifiers to vitest-evals judges.
 * @module
 */
import { mappingOrDefault } from "./autoevals.js";
import { nameFunction } from "./nameFunction.js";
import { assertTimeout, describeVerdict, judgeOrThrow, scoreOf, scorerName, verdictMetadata, type ScorerOptions, type VerdictMetadata } from "./scorerSupport.js";
import type { Verifier } from "./verifier.js";

/**
 * The metadata of a passk judge's result: the verdict plus the `rationale` that vitest-evals
 * prints next to the score. JSON only, as vitest-evals requires.
 *
 * @example
 * ```ts
 * import { toVitestEvalsJudge, gsm8kMatch } from "passk";
 * const judge = toVitestEvalsJudge(gsm8kMatch());
 * const r = await judge.assess({ input: "2 + 3?", output: "#### 6", expected: "5" });
 * console.log(r.metadata.rationale); // => gsm8kMatch: wrong (extracted "6"): expected 5, got 6
 * ```
 */
export type VitestEvalsJudgeMetadata = VerdictMetadata & {
  /** One line: the judge's name, the status, the extracted answer and the reason. */
  readonly rationale: string;
};

/**
 * What a passk judge's `assess` resolves to (a vitest-evals `JudgeResult`).
 *
 * @example
 * ```ts
 * import { toVitestEvalsJudge, exactMatch } from "passk";
 * const r = await toVitestEvalsJudge(exactMatch()).assess({ output: "Paris", expected: "paris" });
 * console.log(r.score, r.metadata.status); // => 1 correct
 * ```
 */
export interface VitestEvalsJudgeResult {
  /** 1 when the verifier judged the output correct, else 0 (or the verifier's graded score). */
  readonly score: number;
  /** The verdict and a rationale. */
  readonly metadata: VitestEvalsJudgeMetadata;
}

/**
 * A judge in vitest-evals' shape (`{ name, assess }`), usable in `describeEval(…, { judges })`
 * and in `expect(result).toSatisfyJudge(judge, params)`. `Ctx` is the judge context it reads:
 * vitest-evals' `JudgeContext` / `JudgeOptions` types fit it.
 *
 * @example
 * ```ts
 * import { toVitestEvalsJudge, exactMatch } from "passk";
 * const judge = toVitestEvalsJudge(exactMatch(), { name: "Capital" });
 * console.log(judge.name, judge.assess.name); // => Capital Capital
 * ```
 */
export interface VitestEvalsJudge<Ctx> {
  /** Stable judge name used in assertion messages and reports. */
  readonly name: string;
  /** Scores one judge context; throws {@link VerificationFailedError} when the verifier could not judge. */
  readonly assess: (ctx: Ctx) => Promise<VitestEvalsJudgeResult>;
}

/**
 * The judge context the default mapping reads: the output and an `expected` value, which
 * vitest-evals' judge context does not have; it comes from the assertion's parameters
 * (`toSatisfyJudge(judge, { expected })`). vitest-evals' `JudgeOptions<TInput, string,
 * { expected: Ref }>` is such a context. The eval `input`, which vitest-evals also passes, is
 * allowed but not read.
 *
 * @example
 * ```ts
 * import { toVitestEvalsJudge, numericMatch } from "passk";
 * const ctx = { input: "Half of 9?", output: "4.5", expected: 4.5 };
 * console.log((await toVitestEvalsJudge(numericMatch()).assess(ctx)).score); // => 1
 * ```
 */
export interface ExpectedJudgeContext<Ref> {
  /** The eval input, as vitest-evals passes it; the default mapping does not read it. */
  readonly input?: unknown;
  /** The output of the run being judged; a string unless `options.response` maps it. */
  readonly output?: unknown;
  /** The reference, passed as a judge parameter. */
  readonly expected: Ref;
}

/**
 * Options of {@link toVitestEvalsJudge} with an explicit mapping from the judge context to the
 * verifier's reference (and optionally the response): for automatic suite judges, which get no
 * parameters, the reference typically comes from the eval `input`.
 *
 * @example
 * ```ts
 * import { toVitestEvalsJudge, numericMatch } from "passk";
 * const judge = toVitestEvalsJudge(numericMatch(), { name: "Sum", reference: (ctx: { input: { a: number; b: number }; output: string }) => ctx.input.a + ctx.input.b });
 * console.log((await judge.assess({ input: { a: 1, b: 2 }, output: "3" })).score); // => 1
 * ```
 */
export interface ToVitestEvalsMapping<Ctx, Ref> extends ScorerOptions {
  /** The verifier's reference, from the judge context. */
  readonly reference: (ctx: Ctx) => Ref;
  /** The response text; default `ctx.output`, which must then be a string. */
  readonly response?: (ctx: Ctx) => string;
}

/**
 * Options of {@link toVitestEvalsJudge} without a reference mapping.
 *
 * @example
 * ```ts
 * import { toVitestEvalsJudge, exactMatch } from "passk";
 * const judge = toVitestEvalsJudge<{ output: { text: string }; expected: string }>(exactMatch(), { response: (ctx) => ctx.output.text });
 * console.log((await judge.assess({ output: { text: "Paris" }, expected: "Paris" })).score); // => 1
 * ```
 */
export interface ToVitestEvalsOptions<Ctx> extends ScorerOptions {
  /** The response text; default `ctx.output`, which must then be a string. */
  readonly response?: (ctx: Ctx) => string;
}

/**
 * Wraps a passk verifier as a vitest-evals judge `{ name, assess }` that reads the reference from
 * an `expected` parameter: `await expect(result).toSatisfyJudge(judge, { expected: "4" })`. The
 * judge is named `options.name` or after the verifier. `assess` resolves to `{ score, metadata }`
 * with JSON metadata (the verdict and a `rationale`); a verification that fails
 * (`"error"`/`"timeout"`) throws {@link VerificationFailedError}, which fails the assertion or
 * the test, instead of a score of 0.
 *
 * Give the judge context type as the type argument so that vitest-evals checks the parameter,
 * e.g. `toVitestEvalsJudge<JudgeOptions<string, string, { expected: string }>>(gsm8kMatch())`.
 * Without one, the context is {@link ExpectedJudgeContext} of the verifier's reference type (the
 * overload below).
 *
 * @param verifier - the verifier; the context's `expected` is passed as its reference
 * @param options - name, time budget and response mapping
 * @throws {@link InvalidArgumentError} if the verifier is not a function, `options.name` is not a
 * non-empty string, or the verifier has no name and none is given
 *
 * @example
 * ```ts
 * import { toVitestEvalsJudge, exactMatch } from "passk";
 * const judge = toVitestEvalsJudge<{ input: string; output: string; expected: string }>(exactMatch(), { name: "Capital" });
 * const r = await judge.assess({ input: "Capital of France?", output: "Paris", expected: "paris" });
 * console.log(judge.name, r.score, r.metadata.rationale); // => Capital 1 Capital: correct (extracted "paris")
 * ```
 */
export function toVitestEvalsJudge<Ctx extends ExpectedJudgeContext<unknown>>(
  verifier: Verifier<Ctx["expected"]>,
  options?: ToVitestEvalsOptions<Ctx>,
): VitestEvalsJudge<Ctx>;
/**
 * Wraps a passk verifier as a vitest-evals judge over {@link ExpectedJudgeContext}`<Ref>`, `Ref`
 * being the verifier's reference type: what the overload above gives without a type argument, so
 * that `expected` takes whatever the verifier takes (numbers for {@link numericMatch}, `{ tests }`
 * for the code verifier). Otherwise as the overload above.
 *
 * @param verifier - the verifier; the context's `expected` is passed as its reference
 * @param options - name, time budget and response mapping
 * @throws {@link InvalidArgumentError} if the verifier is not a function, `options.name` is not a
 * non-empty string, or the verifier has no name and none is given
 *
 * @example
 * ```ts
 * import { toVitestEvalsJudge, gsm8kMatch } from "passk";
 * const judge = toVitestEvalsJudge(gsm8kMatch());
 * const r = await judge.assess({ input: "2 + 2?", output: "2 + 2 = 4\n#### 4", expected: "4" });
 * console.log(judge.name, r.score, r.metadata.status); // => gsm8kMatch 1 correct
 * ```
 */
export function toVitestEvalsJudge<Ref>(
  verifier: Verifier<Ref>,
  options?: ToVitestEvalsOptions<ExpectedJudgeContext<Ref>>,
): VitestEvalsJudge<ExpectedJudgeContext<Ref>>;
/**
 * Wraps a passk verifier as a vitest-evals judge whose reference comes from the judge context
 * through `options.reference` (see {@link ToVitestEvalsMapping}), e.g. from the eval input of an
 * automatic suite judge. Annotate the mapping's parameter with vitest-evals' `JudgeContext` type.
 * Otherwise as the overload above.
 *
 * @param verifier - the verifier
 * @param options - the mapping, name and time budget
 * @throws {@link InvalidArgumentError} if the verifier or a mapping is not a function, or the name is missing
 *
 * @example
 * ```ts
 * import { toVitestEvalsJudge, multipleChoice } from "passk";
 * const judge = toVitestEvalsJudge(multipleChoice(), { reference: (ctx: { input: { question: string; answer: string }; output: string }) => ctx.input.answer });
 * const r = await judge.assess({ input: { question: "…", answer: "B" }, output: "I pick (B)." });
 * console.log(r.score, r.metadata.extracted); // => 1 B
 * ```
 */
export function toVitestEvalsJudge<Ref, Ctx extends object>(verifier: Verifier<Ref>, options: ToVitestEvalsMapping<Ctx, Ref>): VitestEvalsJudge<Ctx>;
export function toVitestEvalsJudge<Ref>(
  verifier: Verifier<Ref>,
  options: ScorerOptions & Partial<ToVitestEvalsMapping<never, Ref>> = {},
): VitestEvalsJudge<object> {
  const name = scorerName(verifier, options?.name);
  assertTimeout(options.timeoutMs);
  const { timeoutMs } = options;
  const reference = mappingOrDefault(options.reference, "reference", (ctx) => (ctx as { expected?: Ref }).expected as Ref);
  const response = mappingOrDefault(options.response, "response", (ctx) => (ctx as { output?: unknown }).output);
  const assess = nameFunction(name, async (ctx: object): Promise<VitestEvalsJudgeResult> => {
    const r = await judgeOrThrow(verifier, response(ctx), reference(ctx), name, timeoutMs);
    return { score: scoreOf(r), metadata: { ...verdictMetadata(r), rationale: describeVerdict(name, r) } };
  });
  return { name, assess };
}
