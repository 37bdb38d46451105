// Value-exact call tests: Python literals in, compared in Python; and a reference's own limits,
// comparison and float tolerance.
import { describe, expect, it } from "vitest";
import { runVerifier } from "../../src/index.js";
import { codeVerifier, localRunner, type CodeReference, type CodeVerifierResult } from "../../src/node/code/index.js";

const runner = localRunner();
const program = `
def near_big():
    return 2**60
def big():
    return 2**60 + 1
def pair():
    return [1, 2]
def mixed():
    return {1: "a", (2, 3): {4, 5}}
def approx():
    return (0.1 + 0.2, None, True)
class Solution:
    def twoSum(self, nums, target):
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
`;

describe("literal-call tests", () => {
  it("keeps big ints, tuples, sets, non-string dict keys and methods exact", async () => {
    const v = codeVerifier({ language: "python", runner, extractCode: false, scoring: "fraction", limits: { timeoutMs: 3000, memoryMb: 256 } });
    const reference: CodeReference = {
      floatTolerance: 1e-9,
      tests: [
        // JSON numbers would make these equal: 2**60 + 1 is not a double.
        { kind: "literal-call", fn: "near_big", args: "[]", expected: "1152921504606846977" },
        { kind: "literal-call", fn: "big", args: "()", expected: "1152921504606846977" },
        { kind: "literal-call", fn: "pair", args: "[]", expected: "(1, 2)" },
        { kind: "literal-call", fn: "mixed", args: "[]", expected: "{(2, 3): {5, 4}, 1: 'a'}" },
        { kind: "literal-call", fn: "approx", args: "[]", expected: "(0.3, None, True)" },
        { kind: "literal-call", fn: "Solution.twoSum", args: "[[2, 7, 11, 15], 9]", expected: "[0, 1]" },
      ],
    };
    const r = (await runVerifier(v, program, reference)) as CodeVerifierResult;
    expect(r.tests.map((t) => t.status)).toEqual(["wrong_answer", "passed", "wrong_answer", "passed", "passed", "passed"]);
    expect(r.tests[0]?.reason).toBe("expected 1152921504606846977, got 1152921504606846976");
    expect(r.score).toBe(4 / 6);
    // Without the problem's tolerance, 0.1 + 0.2 != 0.3.
    const strict = (await runVerifier(v, program, { tests: [reference.tests[4] as CodeReference["tests"][number]] })) as CodeVerifierResult;
    expect(strict.tests[0]?.status).toBe("wrong_answer");
  });

  it("applies a reference's own time limit and comparison, and refuses literal calls in JavaScript", async () => {
    const v = codeVerifier({ language: "python", runner, extractCode: false, limits: { timeoutMs: 5000, memoryMb: 256 } });
    const slow = (await runVerifier(v, "import time\ntime.sleep(3)\nprint(1)", { limits: { timeoutMs: 400 }, tests: [{ input: "", output: "1" }] })) as CodeVerifierResult;
    expect(slow.tests[0]?.status).toBe("time_limit");
    const tokens = (await runVerifier(v, "print('1  2')\nprint(3)", { compare: "tokens", tests: [{ input: "", output: "1 2 3" }] })) as CodeVerifierResult;
    expect(tokens.status).toBe("correct");
    const bad = await runVerifier(v, "pass", { limits: { timeoutMs: 0 }, tests: [{ input: "", output: "" }] });
    expect(bad.reason).toContain("reference.limits.timeoutMs must be a safe integer >= 1, got 0");
    const js = codeVerifier({ language: "javascript", runner, extractCode: false });
    const r = await runVerifier(js, "function f() {}", { tests: [{ kind: "literal-call", fn: "f", args: "[]", expected: "None" }] });
    expect([r.status, r.reason]).toEqual(["error", "InvalidArgumentError: literal-call tests run Python programs only; the verifier's language is javascript"]);
  });
});
