import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractMathAnswer, MathLimitError, mathEquivalent, mathVerifier } from "../../src/math/index.js";
import type { VerifierResult } from "../../src/verifiers/verifier.js";

const ctx = { signal: new AbortController().signal, deadline: Infinity };

describe("bounded work", () => {
  const adversarial = [
    "5^{5^{5^{5}}}",
    "9^{9^{9^{9^{9}}}}",
    "1000000!",
    `${"\\frac{1}{".repeat(500)}2${"}".repeat(500)}`,
    "(".repeat(5000),
    "9".repeat(100_000),
    "x^{".repeat(300) + "2" + "}".repeat(300),
    "\\sqrt{".repeat(1000) + "2" + "}".repeat(1000),
  ];
  for (const a of adversarial) {
    it(`refuses ${JSON.stringify(a.slice(0, 30))}… quickly`, () => {
      const t = Date.now();
      const r = mathEquivalent("1", a, { timeoutMs: 2000 });
      expect(["invalid", "unparsed", "timeout"]).toContain(r.status);
      expect(Date.now() - t).toBeLessThan(500);
    });
  }
  it("a 100 KB response of nested braces is unparsed well inside the deadline", async () => {
    const v = mathVerifier({ timeoutMs: 2000 });
    const t = Date.now();
    const r = await v(`\\boxed{${"{".repeat(100_000)}}`, "1", ctx);
    expect(["unparsed", "wrong", "timeout"]).toContain(r.status);
    expect(Date.now() - t).toBeLessThan(1000);
  });
  it("an expired deadline gives a timeout verdict, not a wrong answer", async () => {
    const r = await mathVerifier()("\\boxed{(x+1)^2}", "x^2+2x+1", { signal: ctx.signal, deadline: Date.now() - 1 });
    expect(r.status).toBe("timeout");
  });
  it("a gold answer beyond the caps is a verifier error, not a wrong answer", async () => {
    const r = await mathVerifier()("\\boxed{1}", "5^{5^{5^{5}}}", ctx);
    expect(r.status).toBe("error");
  });
  it("a response over maxResponseLength is unparsed with an invalid reason", async () => {
    const r = await mathVerifier({ limits: { maxResponseLength: 100 } })("x".repeat(200), "1", ctx);
    expect(r.status).toBe("unparsed");
    expect(r.reason).toMatch(/^invalid:/);
  });
  it("MathLimitError carries a stable code", () => {
    expect(new MathLimitError("x").code).toBe("MATH_LIMIT_EXCEEDED");
  });
  it("rejects bad options", () => {
    expect(() => mathEquivalent("1", "1", { approxDigits: 0 })).toThrow(/approxDigits/);
    expect(() => mathVerifier({ timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => extractMathAnswer("x", { rules: ["nope" as "boxed"] })).toThrow(/rules/);
  });
});

describe("1 MB hostile responses (linear scans: a quadratic one would exceed the test timeout)", () => {
  const MB = 1_000_000;
  const fill = (s: string): string => s.repeat(Math.floor(MB / s.length));
  const v = mathVerifier({ timeoutMs: 30_000 });
  const cases: Array<[string, string, string, string | undefined]> = [
    ["\\boxed{ repeated", fill("\\boxed{"), "unparsed", undefined],
    ["\\( repeated", fill("\\("), "unparsed", undefined],
    ["$ repeated", fill("$"), "unparsed", undefined],
    ["{ repeated", "{".repeat(MB), "unparsed", undefined],
    ["</think> repeated", fill("</think>"), "unparsed", undefined],
    ["\\boxed{1} repeated (identical boxes collapse)", fill("\\boxed{1}"), "wrong", "1"],
  ];
  for (const [label, response, status, answer] of cases) {
    it(`${label}: ${status}`, async () => {
      expect(extractMathAnswer(response)?.answer).toBe(answer);
      expect((await v(response, "5", ctx)).status).toBe(status);
    });
  }
  it("a box holding 1 MB of nested braces is refused as too long", async () => {
    const r = await v(`\\boxed{${"{".repeat(MB / 2 - 8)}${"}".repeat(MB / 2 - 8)}}`, "5", ctx);
    expect(r.status).toBe("unparsed");
    expect(r.reason).toMatch(/^invalid: answer too long/);
  });
  for (const tower of ["5^{5^{5^{5}}}", `${"2^{".repeat(1000)}2${"}".repeat(1000)}`, `${"9^".repeat(400)}9`, "100000!"]) {
    it(`a boxed power tower or huge factorial is refused: ${tower.slice(0, 20)}…`, async () => {
      const r = await v(`The answer is $\\boxed{${tower}}$.`, "5", ctx);
      expect(r.status).toBe("unparsed");
      expect(r.reason).toMatch(/^invalid:/);
    });
  }
  it("the verdict's deadline covers extraction", async () => {
    const quick = mathVerifier({ timeoutMs: 1 });
    const r = await quick(fill("\\boxed{1}"), "1", ctx);
    expect(r.status).toBe("timeout");
  });
});

describe("garbage in, no crash and no false positive", () => {
  const TOKENS = ["\\boxed{", "}", "{", "$", "\\(", "\\)", "The answer is ", "Final Answer: ", "</think>", "1", "5", "0.5", "x", "^", "\\frac", "(", ")", "[", ",", " or ", "\\sqrt", "i", "\\pi", "=", "<", "\\in", "\\{", "\\}", "|", ":", "%", ".", "\n", "**", "(B)", "\\text{", "!", "-", "\\approx", "\\setminus", "\\mathbb{R}", "\\infty", "\\ldots", "#### ", "&", "\\\\", " million", "\\left("];
  const v = mathVerifier({ timeoutMs: 5000 });
  it("random token soups get a valid status, the same twice", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }), fc.constantFrom("5", "x+1", "\\{1,2\\}", "C", "(1,2)"), (toks, gold) => {
        const response = toks.join("");
        // mathVerifier is synchronous: its results are never promises.
        const a = v(response, gold, ctx) as VerifierResult;
        expect(["correct", "wrong", "unparsed", "timeout"]).toContain(a.status);
        expect(v(response, gold, ctx)).toEqual(a);
        expect(["equivalent", "different", "unparsed", "invalid", "timeout"]).toContain(mathEquivalent(gold, response).status);
      }),
      { numRuns: 300, seed: 14 },
    );
  });
  it("malformed input never reaches the CAS, which reads `%` as a comment (0.5%… would be 0.5)", () => {
    expect(mathEquivalent("\\frac12", "0.5%\\}1/3\\mid\\\\\\left(\\ldots\\mid").status).not.toBe("equivalent");
    expect(mathEquivalent("5", " or \\left()").status).toBe("unparsed");
  });
  it("a trailing number keeps the word that scales it", () => {
    expect(extractMathAnswer("so the city grows to 5 million")?.answer).toBe("5 million");
    expect(mathEquivalent("5", "5 million").status).toBe("different");
  });
});

describe("extraction", () => {
  it("reports the rule and honours priorities", () => {
    expect(extractMathAnswer("$x=1$ so \\boxed{2}")).toEqual({ answer: "2", rule: "boxed" });
    expect(extractMathAnswer("The final answer is $3$.")).toEqual({ answer: "3", rule: "final-answer" });
    expect(extractMathAnswer("Answer: 4")).toEqual({ answer: "4", rule: "answer-label" });
    expect(extractMathAnswer("Thus we get \\(5\\) overall")).toEqual({ answer: "5", rule: "latex" });
    expect(extractMathAnswer("so the count is 6 apples")).toEqual({ answer: "6", rule: "trailing" });
    expect(extractMathAnswer("\\boxed{1} then $2$", { rules: ["latex", "boxed"] })).toEqual({ answer: "2", rule: "latex" });
  });
  it("matches nested braces in boxes", () => {
    expect(extractMathAnswer("\\boxed{\\frac{\\sqrt{3}}{2}}")?.answer).toBe("\\frac{\\sqrt{3}}{2}");
  });
  it("does not join boxes separated by prose", () => {
    expect(extractMathAnswer("first \\boxed{1}. Later we find the result is \\boxed{2}")?.answer).toBe("2");
  });
});

describe("laws", () => {
  it("a fraction equals itself scaled, and differs from its successor (exact, any size)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.bigInt({ min: 2n, max: 999n }), (a, b, k) => {
        const g = `\\frac{${a}}{${b}}`;
        expect(mathEquivalent(g, `\\frac{${a * k}}{${b * k}}`).status).toBe("equivalent");
        expect(mathEquivalent(g, `\\frac{${a * k + 1n}}{${b * k}}`).status).toBe("different");
      }),
      { numRuns: 60 },
    );
  });
  it("sets are order-free: any permutation of the elements matches", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 6 }), (xs) => {
        const shuffled = [...xs].reverse();
        expect(mathEquivalent(`\\{${xs.join(",")}\\}`, shuffled.join(", ")).status).toBe("equivalent");
      }),
      { numRuns: 40 },
    );
  });
  it("a polynomial equals itself reordered and differs from itself plus any non-zero constant, however small", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        ([a, b, c], digits, negative) => {
          const gold = `${a}x^2 + ${b}x + ${c}`.replace(/\+ -/g, "- ");
          expect(mathEquivalent(gold, `${c} + ${b}x + ${a}x^2`.replace(/\+ -/g, "- ")).status).toBe("equivalent");
          // c ± 10^-digits, written as an exact decimal: never within a tolerance.
          const eps = `0.${"0".repeat(digits - 1)}1`;
          expect(mathEquivalent(gold, `${gold} ${negative ? "-" : "+"} ${eps}`).status).toBe("different");
        },
      ),
      { numRuns: 40 },
    );
  });
  it("sqrt((x+a)^2) is |x+a|, never x+a: the samples reach both signs of x+a", () => {
    fc.assert(
      fc.property(fc.integer({ min: -20, max: 20 }), (a) => {
        const shifted = a === 0 ? "x" : `x${a > 0 ? "+" : ""}${a}`;
        expect(mathEquivalent(`\\sqrt{(${shifted})^2}`, `|${shifted}|`).status).toBe("equivalent");
        expect(mathEquivalent(`\\sqrt{(${shifted})^2}`, shifted).status).toBe("different");
      }),
      { numRuns: 20 },
    );
  });
  it("verdicts are deterministic (seeded sample points)", () => {
    const a = mathEquivalent("\\frac{x^3-1}{x-1}", "x^2+x+1");
    const b = mathEquivalent("\\frac{x^3-1}{x-1}", "x^2+x+1");
    expect(a).toEqual(b);
    expect(a.status).toBe("equivalent");
  });
});
