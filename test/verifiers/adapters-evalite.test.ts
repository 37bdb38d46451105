// passk ⇄ evalite against the real evalite package (pinned devDependency): `createScorer` runs,
// and the assignments are type tests compiled by `tsc --noEmit -p .` under --strict.
import { createScorer, type Evalite } from "evalite";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  InvalidArgumentError,
  VerificationFailedError,
  exactMatch,
  fromEvaliteScorer,
  gsm8kMatch,
  multipleChoice,
  numericMatch,
  runVerifier,
  toEvaliteScorer,
  type Verifier,
} from "../../src/index.js";

const broken: Verifier<string> = function broken() {
  throw new Error("grader down");
};

describe("toEvaliteScorer", () => {
  it("fits evalite's scorers array and createScorer, named after the verifier", async () => {
    const def = toEvaliteScorer(gsm8kMatch());
    expect(def.name).toBe("gsm8kMatch");
    expect(def.scorer.name).toBe("gsm8kMatch");
    const inArray: Evalite.RunnerOpts<string, string, string>["scorers"] = [def, toEvaliteScorer(exactMatch(), { description: "exact" })];
    expect(inArray).toHaveLength(2);
    // through evalite's own createScorer: its result carries our name and description
    const made = createScorer<string, string, string>(toEvaliteScorer(multipleChoice(), { name: "MC", description: "letter" }));
    expect(await made({ input: "Q?", output: "The answer is (B).", expected: "B" })).toEqual({
      name: "MC",
      description: "letter",
      score: 1,
      metadata: { status: "correct", correct: true, extracted: "B" },
    });
  });

  it("reads the reference from the input when mapped", async () => {
    const def = toEvaliteScorer(numericMatch(), {
      name: "sum",
      reference: ({ input }: Evalite.ScoreInput<{ a: number; b: number }, string, never>) => input.a + input.b,
    });
    const made = createScorer<{ a: number; b: number }, string, never>(def);
    expect((await made({ input: { a: 1, b: 2 }, output: "3" })).score).toBe(1);
    expect((await made({ input: { a: 1, b: 3 }, output: "3" })).score).toBe(0);
  });

  it("throws when the verifier cannot judge, so evalite fails the example instead of scoring 0", async () => {
    const made = createScorer<string, string, string>(toEvaliteScorer(broken));
    await expect(made({ input: "q", output: "x", expected: "y" })).rejects.toBeInstanceOf(VerificationFailedError);
    expect(() => toEvaliteScorer(exactMatch(), { description: 5 as never })).toThrow(InvalidArgumentError);
    expect(() => toEvaliteScorer(exactMatch(), { name: 5 as never })).toThrow(InvalidArgumentError);
  });
});

describe("fromEvaliteScorer", () => {
  it("takes createScorer results; a scorer that needs the input needs the mapping", async () => {
    const seen: unknown[] = [];
    const startsLikeQuestion = createScorer<string, string, string>({
      name: "Echoes question",
      scorer: ({ input, output }) => {
        seen.push(input);
        return output.startsWith(input.slice(0, 3)) ? 1 : 0;
      },
    });
    // @ts-expect-error the scorer needs a string input, which the default arguments do not have
    fromEvaliteScorer(startsLikeQuestion);
    const v = fromEvaliteScorer(startsLikeQuestion, {
      name: "Echoes question",
      args: (response, reference: { question: string; answer: string }) => ({ input: reference.question, output: response, expected: reference.answer }),
    });
    expect(v.name).toBe("Echoes question");
    expect((await runVerifier(v, "Why? Because.", { question: "Why is it?", answer: "Because." })).status).toBe("correct");
    expect(seen).toEqual(["Why is it?"]);
  });

  it("a scorer over an unknown input compiles without a mapping and gets input undefined", async () => {
    const seen: unknown[] = [];
    const lengthy = createScorer<unknown, string, string>({
      name: "Lengthy",
      scorer: ({ input, output, expected }) => {
        seen.push(input);
        return { score: output.length >= (expected ?? "").length ? 1 : 0.5, metadata: { rationale: "by length" } };
      },
    });
    const v = fromEvaliteScorer(lengthy, { threshold: 0.5 });
    expect(await runVerifier(v, "ab", "abc")).toEqual({ status: "correct", correct: true, score: 0.5, reason: "by length" });
    expect(seen).toEqual([undefined]);
    // createScorer returns an unnamed function (its name is only in the scores): the fallback name
    expect(v.name).toBe("evaliteScorer");
    expect(fromEvaliteScorer(lengthy, { name: "Lengthy" }).name).toBe("Lengthy");
  });

  it("a scorer that does not read `expected` gives a verifier of any reference", async () => {
    const short = ({ output }: { output: string }) => (output.length <= 5 ? 1 : 0);
    const v = fromEvaliteScorer(short);
    expectTypeOf(v).toEqualTypeOf<Verifier<unknown>>();
    expect((await runVerifier(v, "Yes.", undefined)).status).toBe("correct");
  });

  it("null, out-of-range and throwing scores are errors, never wrong answers", async () => {
    const skip = createScorer<unknown, string, string>({ name: "skip", scorer: () => ({ score: Number.NaN }) });
    expect((await runVerifier(fromEvaliteScorer(skip), "a", "b")).status).toBe("error");
    const nullScore = async (): Promise<Evalite.Score> => ({ name: "n", score: null });
    expect((await runVerifier(fromEvaliteScorer(nullScore), "a", "b")).status).toBe("error");
    const Down = { name: "Down", scorer: () => Promise.reject(new Error("llm down")) };
    expect(await runVerifier(fromEvaliteScorer(Down), "a", "b")).toEqual({ status: "error", correct: false, reason: "Error: llm down" });
    expect(() => fromEvaliteScorer(Down, { args: "x" as never })).toThrow(InvalidArgumentError);
  });
});
