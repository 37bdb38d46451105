import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  exactMatch,
  extractChoice,
  extractCodeBlock,
  extractFinalNumber,
  extractGsm8kAnswer,
  extractWithRegex,
  gsm8kMatch,
  multipleChoice,
  normalizeAnswer,
  numericMatch,
  parseNumber,
  regexMatch,
  runVerifier,
  type Verifier,
} from "../../src/index.js";

const status = async <R>(v: Verifier<R>, response: string, ref: R) => (await runVerifier(v, response, ref)).status;

describe("normalizeAnswer / exactMatch", () => {
  it("applies case, whitespace, punctuation and article rules", () => {
    expect(normalizeAnswer("  New\tYork \n City. ")).toBe("new york city");
    expect(normalizeAnswer("New York", { ignoreCase: false })).toBe("New York");
    expect(normalizeAnswer(" a b  c ", { whitespace: "remove" })).toBe("abc");
    expect(normalizeAnswer(" a  b ", { whitespace: "exact", punctuation: "keep" })).toBe(" a  b ");
    expect(normalizeAnswer("U.S.A.", { punctuation: "all" })).toBe("usa");
    expect(normalizeAnswer("U.S.A.")).toBe("u.s.a");
    expect(normalizeAnswer("The Beatles", { stripArticles: true })).toBe("beatles");
    expect(normalizeAnswer("Ｐａｒｉｓ")).toBe("paris"); // full-width letters (NFKC)
    expect(() => normalizeAnswer("x", { whitespace: "squash" as "exact" })).toThrow(InvalidArgumentError);
  });
  it("judges model phrasings of short answers", async () => {
    const v = exactMatch();
    expect(await status(v, "Paris", "Paris")).toBe("correct");
    expect(await status(v, "**Paris**", "Paris")).toBe("correct");
    expect(await status(v, "\"Paris\"", "Paris")).toBe("correct");
    expect(await status(v, "paris, france", "Paris")).toBe("wrong");
    expect(await status(v, "Lyon", ["Paris", "Lutetia"])).toBe("wrong");
    expect(await status(v, "lutetia", ["Paris", "Lutetia"])).toBe("correct");
    const r = await runVerifier(v, "Lyon", "Paris");
    expect(r).toMatchObject({ status: "wrong", correct: false, extracted: "lyon" });
  });
  it("reports a bad reference as a verifier error, not a wrong answer", async () => {
    const r = await runVerifier(exactMatch(), "x", 42 as unknown as string);
    expect(r.status).toBe("error");
    expect(r.reason).toContain("reference must be a string");
  });
});

describe("parseNumber", () => {
  it("parses what models write", () => {
    const cases: Array<[string, number | undefined]> = [
      ["42", 42], ["-42", -42], ["−42", -42], ["+7", 7], ["1,234", 1234], ["1,234,567.89", 1234567.89],
      ["$1,000", 1000], ["-$5.50", -5.5], ["\\$18", 18], ["€3", 3], ["3/4", 0.75], ["-3/4", -0.75],
      ["1 1/2", 1.5], ["\\frac{3}{4}", 0.75], ["\\frac{-1}{2}", -0.5], ["\\dfrac{7}{8}", 0.875], ["0.5", 0.5], [".5", 0.5],
      ["1e3", 1000], ["2.5E-2", 0.025], ["6.02 × 10^23", 6.02e23], ["3 \\times 10^{-2}", 0.03],
      ["\\boxed{12}", 12], ["$12$", 12], ["12.", 12], ["50%", 50], ["12.5 percent", 12.5],
      ["1,23", undefined], ["12,34,567", undefined], ["12 apples", undefined], ["twelve", undefined], ["", undefined],
      ["1/0", undefined], ["--3", undefined], ["1.2.3", undefined], ["3/4/5", undefined],
    ];
    for (const [text, want] of cases) expect(parseNumber(text), text).toBe(want);
    expect(parseNumber("50%", { percent: "fraction" })).toBe(0.5);
    expect(parseNumber("-12.5%", { percent: "fraction" })).toBe(-0.125);
  });
  it("round-trips integers written with thousands separators", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => parseNumber(n.toLocaleString("en-US")) === n && parseNumber(String(n)) === n),
      { numRuns: 300, seed: 6 },
    );
  });
});

describe("extractFinalNumber / numericMatch", () => {
  it("finds the final answer in reasoning traces", () => {
    const cases: Array<[string, number | undefined]> = [
      ["Janet has 16 eggs, eats 3 and bakes with 4, so 16 - 3 - 4 = 9 eggs. She sells them for $2 each: 9 * 2 = $18.", 18],
      ["The answer is 1,080 square feet, since 36 * 30 = 1080.", 1080],
      ["Therefore, the final answer is $\\boxed{\\frac{5}{12}}$. I hope it is correct.", 5 / 12],
      ["**Answer:** -7", -7],
      ["We need step-3 of the plan", 3],
      ["Total: 2.5e3 joules", 2500],
      ["I cannot determine this.", undefined],
    ];
    for (const [text, want] of cases) expect(extractFinalNumber(text)?.value, text).toBe(want);
  });
  it("applies absolute and relative tolerances", async () => {
    expect(await status(numericMatch(), "0.30000000000000004", 0.3)).toBe("correct");
    expect(await status(numericMatch(), "3.14", Math.PI)).toBe("wrong");
    expect(await status(numericMatch({ absTol: 0.01 }), "3.14", Math.PI)).toBe("correct");
    expect(await status(numericMatch({ relTol: 0.01 }), "1005", 1000)).toBe("correct");
    expect(await status(numericMatch({ relTol: 0.01 }), "1011", 1000)).toBe("wrong");
    expect(await status(numericMatch(), "-0.75", "-3/4")).toBe("correct");
    expect(() => numericMatch({ absTol: -1 })).toThrow(InvalidArgumentError);
    expect(() => numericMatch({ relTol: Number.NaN })).toThrow(InvalidArgumentError);
  });
  it("documents the percent convention: 50% is 50 unless told otherwise", async () => {
    expect(await status(numericMatch(), "The discount is 50%.", 50)).toBe("correct");
    expect(await status(numericMatch(), "The discount is 50%.", 0.5)).toBe("wrong");
    expect(await status(numericMatch({ percent: "fraction" }), "The discount is 50%.", 0.5)).toBe("correct");
    expect(await status(numericMatch({ percent: "either" }), "50%", 0.5)).toBe("correct");
    expect(await status(numericMatch({ percent: "either" }), "50%", 50)).toBe("correct");
    expect(await status(numericMatch({ percent: "either" }), "40%", 0.5)).toBe("wrong");
  });
  it("separates no answer and bad references from wrong answers", async () => {
    expect(await status(numericMatch(), "I don't know", 5)).toBe("unparsed");
    expect(await status(numericMatch({ extract: "whole" }), "It is 5", 5)).toBe("unparsed");
    expect(await status(numericMatch(), "5", "five")).toBe("error");
    const r = await runVerifier(numericMatch(), "So $1,250.00 in total.", 1250);
    expect(r).toMatchObject({ status: "correct", extracted: "1250" });
  });
});

describe("multiple choice", () => {
  it("extracts the letter from common phrasings", () => {
    const cases: Array<[string, string | undefined]> = [
      ["The answer is (B).", "B"],
      ["Answer: B", "B"],
      ["ANSWER: C", "C"],
      ["The correct answer is: D) Mitochondria", "D"],
      ["**B**", "B"],
      ["B", "B"],
      ["B) Because the force doubles.", "B"],
      ["(C) is right because...", "C"],
      ["C. The rate increases", "C"],
      ["Let's analyze each option. A is wrong because of X. Option C is correct.", "C"],
      ["I'd go with D.", "D"],
      ["After ruling out (A) and (B), the final answer is **C**.", "C"],
      ["The answer is A.", "A"],
      ["Therefore the answer is $\\boxed{E}$", "E"],
      ["\\boxed{\\text{(B)}}", "B"],
      ["Answer: (d)", "D"],
      ["Initially I thought the answer is A, but on reflection the answer is B.", "B"],
      ["The answer is A because the other options contradict the data.", "A"],
      ["So the answer is I since only I holds.", "I"],
      ["The answer is A which matches the graph.", "A"],
      ["A car travels faster than a bike.", undefined],
      ["Answer: I think it is hard to say.", undefined],
      ["The answer is a bit unclear.", undefined],
      ["I am not sure.", undefined],
    ];
    for (const [text, want] of cases) expect(extractChoice(text), text).toBe(want);
    expect(extractChoice("The answer is E", { choices: "ABCD" })).toBeUndefined();
    expect(() => extractChoice("x", { choices: "abc" })).toThrow(InvalidArgumentError);
  });
  it("verifies against the reference letter", async () => {
    const v = multipleChoice({ choices: "ABCD" });
    expect(await status(v, "The answer is (B).", "B")).toBe("correct");
    expect(await status(v, "The answer is (B).", "(b)")).toBe("correct");
    expect(await status(v, "The answer is (C).", "B")).toBe("wrong");
    expect(await status(v, "Hmm.", "B")).toBe("unparsed");
    expect(await status(v, "Answer: B", "F")).toBe("error");
  });
});

describe("regex and GSM8K", () => {
  it("extracts with regexes", async () => {
    expect(extractWithRegex("x=1; x=2", /x=(\d)/)).toBe("2");
    expect(extractWithRegex("x=1; x=2", "x=(\\d)", { occurrence: "first" })).toBe("1");
    expect(extractWithRegex("abc", /z(.)/)).toBeUndefined();
    expect(extractWithRegex("total 12", /\d+/)).toBe("12");
    const v = regexMatch(/<answer>([\s\S]*?)<\/answer>/);
    expect(await status(v, "<think>hmm</think><answer> Blue whale </answer>", "blue whale")).toBe("correct");
    expect(await status(v, "<answer>Orca</answer>", "blue whale")).toBe("wrong");
    expect(await status(v, "Blue whale", "blue whale")).toBe("unparsed");
  });
  it("reads GSM8K answers", async () => {
    expect(extractGsm8kAnswer("a\n#### 1,000\n")).toBe("1000".replace("1000", "1,000"));
    expect(extractGsm8kAnswer("#### 5\nthen\n#### 6")).toBe("6");
    expect(extractGsm8kAnswer("#### ")).toBeUndefined();
    const gold = "Weng earns 12/60 = $<<12/60=0.2>>0.2 per minute.\nWorking 50 minutes, she earned 0.2 x 50 = $<<0.2*50=10>>10.\n#### 10";
    const v = gsm8kMatch();
    expect(await status(v, "She earns $0.2/min * 50 = $10.\n#### 10", gold)).toBe("correct");
    expect(await status(v, "#### $10.00", gold)).toBe("correct");
    expect(await status(v, "#### 10 dollars", gold)).toBe("correct");
    expect(await status(v, "#### 1,000", 1000)).toBe("correct");
    expect(await status(v, "#### 12", gold)).toBe("wrong");
    expect(await status(v, "The answer is 10.", gold)).toBe("unparsed");
    expect(await status(v, "#### ten", gold)).toBe("unparsed");
    expect(await status(gsm8kMatch({ mode: "flexible" }), "The answer is 10.", gold)).toBe("correct");
    expect(await status(v, "#### 10", "no answer here")).toBe("error");
  });
});

describe("extractCodeBlock", () => {
  it("takes the last block of the wanted language", () => {
    const r = "```python\nx = 1\n```\ntext\n```bash\nls\n```\n```py\nprint(2)\n```\n";
    expect(extractCodeBlock(r, ["python", "py"])).toBe("print(2)");
    expect(extractCodeBlock("```js\nlet a\n```", ["python"])).toBe("let a");
    expect(extractCodeBlock("```python\nunclosed")).toBeUndefined();
    expect(extractCodeBlock("```\nplain\n```", ["python"])).toBe("plain");
  });
});
