// passk → vitest-evals against the real vitest-evals package (pinned devDependency): importing it
// installs the `toSatisfyJudge` matcher, which runs our judges here; the typed uses are type tests
// compiled by `tsc --noEmit -p .` under --strict.
import { describe, expect, expectTypeOf, it } from "vitest";
import { describeEval, type Harness, type Judge, type JudgeContext, type JudgeOptions, type JudgeResult } from "vitest-evals";
// type-only: vitest-evals/legacy loads the optional peer `ai` at run time
import type { LegacyDescribeEvalOptions } from "vitest-evals/legacy";
import {
  InvalidArgumentError,
  VerificationFailedError,
  exactMatch,
  gsm8kMatch,
  multipleChoice,
  numericMatch,
  toAutoevalsScorer,
  toVitestEvalsJudge,
  type ExpectedJudgeContext,
  type Verifier,
} from "../../src/index.js";
import { codeVerifier, type CodeReference } from "../../src/node/index.js";

type Gsm8kParams = JudgeOptions<unknown, string, { expected: string }>;

describe("toVitestEvalsJudge", () => {
  it("passes toSatisfyJudge with the reference as the `expected` parameter", async () => {
    const judge = toVitestEvalsJudge<Gsm8kParams>(gsm8kMatch());
    expect(judge.name).toBe("gsm8kMatch");
    expect(judge.assess.name).toBe("gsm8kMatch");
    await expect("2 + 2 = 4\n#### 4").toSatisfyJudge(judge, { expected: "4" });
    await expect(expect("#### 5").toSatisfyJudge(judge, { expected: "4" })).rejects.toThrow(/Score: 0\.00 below threshold: 1\.00/);
    // the rationale is what vitest-evals prints next to the score
    await expect(expect("#### 5").toSatisfyJudge(judge, { expected: "4" })).rejects.toThrow('gsm8kMatch: wrong (extracted "5"): expected 4, got 5');
  });

  it("type-checks the parameter against vitest-evals' judge types", async () => {
    const judge: Judge<Gsm8kParams> = toVitestEvalsJudge<Gsm8kParams>(gsm8kMatch(), { name: "GSM8K" });
    const result: JudgeResult = await judge.assess({ expected: "4", output: "#### 4" } as Gsm8kParams);
    expect(result).toEqual({ score: 1, metadata: { status: "correct", correct: true, extracted: "4", rationale: 'GSM8K: correct (extracted "4")' } });
    if (Math.random() > 2) {
      // compile-time checks only: each line below must be a type error
      // @ts-expect-error the `expected` parameter is required
      await expect("#### 4").toSatisfyJudge(judge);
      // @ts-expect-error and must be a string
      await expect("#### 4").toSatisfyJudge(judge, { expected: 4 });
    }
  });

  it("without a type argument, `expected` has the verifier's reference type and `input` is allowed", async () => {
    const judge = toVitestEvalsJudge(numericMatch());
    expectTypeOf(judge.assess).parameter(0).toEqualTypeOf<ExpectedJudgeContext<string | number>>();
    expect((await judge.assess({ input: "Half of 9?", output: "4.5", expected: 4.5 })).score).toBe(1);
    // a structured reference needs no type argument either
    expectTypeOf(toVitestEvalsJudge(codeVerifier({ language: "python" })).assess).parameter(0).toEqualTypeOf<ExpectedJudgeContext<CodeReference>>();
    if (Math.random() > 2) {
      // @ts-expect-error numericMatch takes no object reference
      await judge.assess({ output: "1", expected: { n: 1 } });
    }
  });

  it("throws instead of scoring 0 when the verifier cannot judge, failing the assertion", async () => {
    const broken: Verifier<string> = function broken() {
      throw new Error("grader down");
    };
    const judge = toVitestEvalsJudge<Gsm8kParams>(broken);
    await expect(expect("x").toSatisfyJudge(judge, { expected: "y", threshold: null })).rejects.toBeInstanceOf(VerificationFailedError);
    // a non-string output without a `response` mapping cannot be judged either
    const objectOutput = toVitestEvalsJudge<JudgeOptions<unknown, { text: string }, { expected: string }>>(exactMatch());
    await expect(expect({ text: "Paris" }).toSatisfyJudge(objectOutput, { expected: "Paris" })).rejects.toMatchObject({ code: "VERIFICATION_FAILED" });
    const mapped = toVitestEvalsJudge<JudgeOptions<unknown, { text: string }, { expected: string }>>(exactMatch(), { response: (ctx) => ctx.output.text });
    await expect({ text: "Paris" }).toSatisfyJudge(mapped, { expected: "paris" });
    expect(() => toVitestEvalsJudge<Gsm8kParams>(gsm8kMatch(), { name: "" })).toThrow(InvalidArgumentError);
    expect(() => toVitestEvalsJudge<Gsm8kParams>(gsm8kMatch(), { response: "output" as never })).toThrow(InvalidArgumentError);
  });

  it("automatic suite judges read the reference from the eval input", async () => {
    type Question = { readonly question: string; readonly answer: string };
    const judge = toVitestEvalsJudge(multipleChoice(), { reference: (ctx: JudgeContext<Question, string>) => ctx.input.answer });
    const suiteJudges: DescribeJudges<Question> = [judge];
    expect(suiteJudges[0]?.name).toBe("multipleChoice");
    const ctx = { input: { question: "Which?", answer: "B" }, output: "I pick (B)." } as JudgeContext<Question, string>;
    expect((await judge.assess(ctx)).score).toBe(1);
  });

  it("legacy scorer-first API: the autoevals scorer is a named ScoreFn", () => {
    const scorer = toAutoevalsScorer(exactMatch());
    const options: LegacyDescribeEvalOptions = { data: async () => [], task: async () => "", scorers: [scorer] };
    expect(options.scorers[0]?.name).toBe("exactMatch");
  });
});

/** The `judges` option of a `describeEval` over a harness from `Input` to strings. */
type DescribeJudges<Input> = NonNullable<Parameters<typeof describeEval<Harness<Input, string>>>[1]["judges"]>;
