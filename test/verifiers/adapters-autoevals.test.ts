// passk ⇄ autoevals against the real autoevals package (pinned devDependency): its scorers run,
// and the assignments below are type tests compiled by `tsc --noEmit -p .` under --strict.
import { Factuality, Levenshtein, NumericDiff, type Score, type Scorer } from "autoevals";
import type OpenAI from "openai";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  InvalidArgumentError,
  VerificationFailedError,
  anyOf,
  exactMatch,
  extractFinalNumber,
  fromAutoevalsScorer,
  gsm8kMatch,
  numericMatch,
  runVerifier,
  toAutoevalsScorer,
  type PasskAutoevalsScore,
  type Verifier,
} from "../../src/index.js";
import { codeVerifier, type CodeReference, type CodeTest } from "../../src/node/index.js";

const broken: Verifier<string> = function broken() {
  throw new Error("grader down");
};

describe("toAutoevalsScorer", () => {
  it("names the scorer after the verifier, or options.name", async () => {
    const s = toAutoevalsScorer(gsm8kMatch());
    expect(s.name).toBe("gsm8kMatch");
    expect(await s({ output: "#### 4", expected: "4" })).toEqual({
      name: "gsm8kMatch",
      score: 1,
      metadata: { status: "correct", correct: true, extracted: "4" },
    });
    expect(toAutoevalsScorer(gsm8kMatch(), { name: "GSM8K strict" }).name).toBe("GSM8K strict");
    expect(toAutoevalsScorer(anyOf<string>(exactMatch(), numericMatch())).name).toBe("anyOf(exactMatch, numericMatch)");
    const anonymous: Verifier<string> = (() => () => ({ status: "correct", correct: true }))();
    expect(anonymous.name).toBe("");
    expect(() => toAutoevalsScorer(anonymous)).toThrow(InvalidArgumentError);
    expect(toAutoevalsScorer(anonymous, { name: "mine" }).name).toBe("mine");
    expect(() => toAutoevalsScorer(gsm8kMatch(), { name: "" })).toThrow(InvalidArgumentError);
    expect(() => toAutoevalsScorer(gsm8kMatch(), { timeoutMs: 0 })).toThrow(InvalidArgumentError);
  });

  it("throws VerificationFailedError instead of scoring 0 when the verifier cannot judge", async () => {
    const s = toAutoevalsScorer(broken);
    await expect(s({ output: "x", expected: "y" })).rejects.toBeInstanceOf(VerificationFailedError);
    await expect(s({ output: "x", expected: "y" })).rejects.toMatchObject({ code: "VERIFICATION_FAILED", status: "error" });
    // a non-string output cannot be judged either
    await expect(toAutoevalsScorer(exactMatch())({ output: 4 as unknown as string, expected: "4" })).rejects.toMatchObject({ status: "error" });
    // unparsed is the model's failure: an ordinary 0
    expect((await toAutoevalsScorer(gsm8kMatch())({ output: "no marker", expected: "4" })).metadata.status).toBe("unparsed");
  });

  it("maps structured references explicitly, from expected, input or metadata", async () => {
    const byInput = toAutoevalsScorer(numericMatch(), {
      name: "sum",
      reference: (args: { input: { a: number; b: number }; output: string }) => args.input.a + args.input.b,
    });
    expect((await byInput({ input: { a: 2, b: 40 }, output: "The sum is 42." })).score).toBe(1);
    expect((await byInput({ input: { a: 2, b: 41 }, output: "The sum is 42." })).score).toBe(0);
    const byResponse = toAutoevalsScorer(exactMatch(), {
      reference: (args: { output: { text: string }; expected: string }) => args.expected,
      response: (args) => args.output.text,
    });
    expect((await byResponse({ output: { text: "Paris" }, expected: "paris" })).score).toBe(1);
    expect(() => toAutoevalsScorer(exactMatch(), { reference: "expected" as never })).toThrow(InvalidArgumentError);
  });

  it("type-checks against autoevals' Scorer and Braintrust's scorer arguments", async () => {
    // string references: the scorer is an autoevals Scorer<string, {}>
    const gsm: Scorer<string, {}> = toAutoevalsScorer(gsm8kMatch());
    expect((await gsm({ output: "#### 3", expected: "3" })).score).toBe(1);
    // Braintrust passes { input, expected, metadata, output }
    const withInput = toAutoevalsScorer(exactMatch());
    expect((await withInput({ input: { q: "?" }, output: "yes", expected: "Yes", metadata: { id: 1 } })).score).toBe(1);
    expectTypeOf(withInput).returns.resolves.toEqualTypeOf<PasskAutoevalsScore>();
    const score: Score = await withInput({ output: "a", expected: "b" });
    expect(score.score).toBe(0);

    // the code verifier's reference is { tests }: as it stands its scorer is not a Scorer<string, …>,
    // since autoevals wants `expected` of the output's type …
    const code = codeVerifier({ language: "python" });
    // @ts-expect-error expected must be a string for autoevals' Scorer<string, {}>
    const notAScorer: Scorer<string, {}> = toAutoevalsScorer(code);
    void notAScorer;
    // … but with the tests mapped explicitly (here from an extra argument) it is one.
    const codeScorer: Scorer<string, { tests: CodeTest[] }> = toAutoevalsScorer(code, {
      name: "tests pass",
      reference: (args: { output: string; tests: CodeTest[] }): CodeReference => ({ tests: args.tests }),
    });
    expect(codeScorer.name).toBe("tests pass");
    // or with the tests as a JSON string in `expected`
    const fromJson: Scorer<string, {}> = toAutoevalsScorer(code, {
      reference: (args: { output: string; expected?: string }) => JSON.parse(args.expected ?? "null") as CodeReference,
    });
    expect(fromJson.name).toBe("codeVerifier");
  });
});

describe("fromAutoevalsScorer with the real autoevals scorers", () => {
  it("Levenshtein: names the verifier after the scorer and thresholds its score", async () => {
    const v = fromAutoevalsScorer(Levenshtein, { threshold: 0.6 });
    expect(v.name).toBe("Levenshtein");
    // distance 1 over max length 3
    expect(await runVerifier(v, "abc", "abd")).toEqual({ status: "correct", correct: true, score: 1 - 1 / 3 });
    expect((await runVerifier(fromAutoevalsScorer(Levenshtein), "abc", "abd")).status).toBe("wrong");
    // Levenshtein throws without an expected value: an error, never a wrong answer
    expect((await runVerifier(fromAutoevalsScorer(Levenshtein), "abc", undefined as unknown as string)).status).toBe("error");
  });

  it("NumericDiff: numbers are mapped explicitly, a response without a number is unparsed", async () => {
    // @ts-expect-error NumericDiff scores numbers: the response string needs a mapping
    fromAutoevalsScorer(NumericDiff);
    const v = fromAutoevalsScorer(NumericDiff, {
      threshold: 0.8,
      args: (response, reference: number) => {
        const got = extractFinalNumber(response);
        return got === undefined ? undefined : { output: got.value, expected: reference };
      },
    });
    expect(v.name).toBe("NumericDiff");
    // NumericDiff = 1 - |4 - 3| / (|4| + |3|), computed in that order
    expect(await runVerifier(v, "so it is 3", 4)).toEqual({ status: "correct", correct: true, score: 1 - 1 / 7 });
    expect((await runVerifier(v, "so it is 2", 4)).status).toBe("wrong"); // 1 - 2/6 = 2/3
    expect((await runVerifier(v, "no number here", 4)).status).toBe("unparsed");
  });

  it("Factuality: the question reaches the LLM judge as input", async () => {
    const prompts: string[] = [];
    // A stand-in OpenAI client: records the prompt, answers with choice C ("consistent").
    const client = {
      chat: {
        completions: {
          create: async (params: { messages: { content: string }[] }) => {
            prompts.push(params.messages.map((m) => m.content).join("\n"));
            const args = JSON.stringify({ reasons: "same fact", choice: "C" });
            return { choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id: "1", type: "function", function: { name: "select_choice", arguments: args } }] } }] };
          },
        },
      },
    } as unknown as OpenAI;
    // @ts-expect-error Factuality needs an input: the default { output, expected } does not fit
    fromAutoevalsScorer(Factuality);
    const v = fromAutoevalsScorer(Factuality, {
      args: (response, reference: { question: string; answer: string }) => ({
        input: reference.question,
        output: response,
        expected: reference.answer,
        client,
        model: "stand-in",
      }),
    });
    const r = await runVerifier(v, "Paris is the capital.", { question: "What is the capital of France?", answer: "Paris" });
    expect(r).toEqual({ status: "correct", correct: true, score: 1, reason: "same fact" });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain("What is the capital of France?");
    expect(prompts[0]).toContain("Paris is the capital.");
  });

  it("skipped, out-of-range and throwing scorers are errors; a bad threshold or mapping throws", async () => {
    const Skip = () => ({ name: "Skip", score: null });
    expect((await runVerifier(fromAutoevalsScorer(Skip), "a", "b")).reason).toBe("autoevals scorer Skip skipped the example (score null)");
    expect((await runVerifier(fromAutoevalsScorer(() => ({ name: "nan", score: Number.NaN })), "a", "b")).status).toBe("error");
    expect(() => fromAutoevalsScorer(Levenshtein, { threshold: -0.1 })).toThrow(InvalidArgumentError);
    expect(() => fromAutoevalsScorer(Levenshtein, { name: "" })).toThrow(InvalidArgumentError);
    expect(() => fromAutoevalsScorer(NumericDiff, { args: 5 as never })).toThrow(InvalidArgumentError);
    expect(fromAutoevalsScorer(() => ({ name: "", score: 1 })).name).toBe("autoevalsScorer");
  });

  it("a scorer that does not read `expected` gives a verifier of any reference", async () => {
    const Short = ({ output }: { output: string }) => ({ name: "Short", score: output.length <= 5 ? 1 : 0 });
    const v = fromAutoevalsScorer(Short);
    expectTypeOf(v).toEqualTypeOf<Verifier<unknown>>();
    expect((await runVerifier(v, "Yes.", undefined)).status).toBe("correct");
  });

  it("round-trips passk → autoevals → passk with the name kept", async () => {
    const back = fromAutoevalsScorer(toAutoevalsScorer(gsm8kMatch()));
    expect(back.name).toBe("gsm8kMatch");
    expect((await runVerifier(back, "#### 7", "7")).status).toBe("correct");
    expect((await runVerifier(back, "#### 8", "7")).status).toBe("wrong");
    expect((await runVerifier(back, "#### 8", "x")).status).toBe("error");
  });
});
