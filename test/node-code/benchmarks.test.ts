// MBPP and BigCodeBench records (our own problems, in each benchmark's layout) graded as their
// harnesses grade them: MBPP passes when every assert holds after the setup; BigCodeBench when
// every test of its unittest suite passes.
import { describe, expect, it } from "vitest";
import { runVerifier } from "../../src/index.js";
import { bigCodeBenchReference, codeVerifier, localRunner, mbppReference, type CodeVerifierResult } from "../../src/node/code/index.js";

const v = codeVerifier({ language: "python", runner: localRunner(), limits: { timeoutMs: 4000, memoryMb: 256 } });

describe("benchmark adapters", () => {
  it("MBPP: raw records with test_setup_code, sanitized ones with test_imports", async () => {
    // Raw mbpp.jsonl layout: the setup defines a name the asserts use.
    const raw = {
      text: "Write a function to count the vowels of a string.",
      code: "def count_vowels(s):\n    return sum(c in 'aeiou' for c in s)",
      task_id: 901,
      test_setup_code: "WORD = 'banana'",
      test_list: ["assert count_vowels(WORD) == 3", "assert count_vowels('') == 0"],
      challenge_test_list: ["assert count_vowels('AEIOU') == 5"],
    };
    const good = (await runVerifier(v, "```python\ndef count_vowels(s):\n    return sum(c in 'aeiou' for c in s)\n```", mbppReference(raw))) as CodeVerifierResult;
    expect(good.status).toBe("correct");
    // The challenge list (upper case) fails the same solution.
    const challenged = (await runVerifier(v, "```python\ndef count_vowels(s):\n    return sum(c in 'aeiou' for c in s)\n```", mbppReference(raw, { challengeTests: true }))) as CodeVerifierResult;
    expect([challenged.status, challenged.tests[0]?.status, challenged.tests[0]?.reason]).toEqual(["wrong", "wrong_answer", "AssertionError"]);
    // Sanitized layout: the asserts need the test imports.
    const sanitized = {
      source_file: "own.py",
      task_id: 902,
      prompt: "Write a function to compute the hypotenuse.",
      code: "import math\ndef hyp(a, b):\n    return math.hypot(a, b)",
      test_imports: ["import math"],
      test_list: ["assert math.isclose(hyp(3, 4), 5.0)"],
    };
    const s = (await runVerifier(v, "```python\ndef hyp(a, b):\n    return (a * a + b * b) ** 0.5\n```", mbppReference(sanitized))) as CodeVerifierResult;
    expect(s.status).toBe("correct");
    expect(() => mbppReference({ task_id: 903, test_list: [] })).toThrow("MBPP record 903: test_list is empty: the record has no tests");
  });

  it("BigCodeBench: every unittest must pass; the failing ones are named", async () => {
    const record = {
      task_id: "Toy/7",
      complete_prompt: "def task_func(xs):\n    \"\"\"Mean of xs; ValueError when empty.\"\"\"\n",
      code_prompt: "def task_func(xs):\n",
      entry_point: "task_func",
      test:
        "import unittest\n\nclass TestCases(unittest.TestCase):\n" +
        "    def test_mean(self):\n        self.assertAlmostEqual(task_func([1, 2]), 1.5)\n" +
        "    def test_empty(self):\n        with self.assertRaises(ValueError):\n            task_func([])\n" +
        "    def test_type(self):\n        self.assertIsInstance(task_func([2]), float)\n",
    };
    const solution = "def task_func(xs):\n    if not xs:\n        raise ValueError('empty')\n    return sum(xs) / len(xs)\n";
    const sloppy = "def task_func(xs):\n    return sum(xs) / len(xs)\n";
    const ok = (await runVerifier(v, "```python\n" + solution + "```", bigCodeBenchReference(record))) as CodeVerifierResult;
    const bad = (await runVerifier(v, "```python\n" + sloppy + "```", bigCodeBenchReference(record))) as CodeVerifierResult;
    expect(ok.status).toBe("correct");
    // ZeroDivisionError is not the ValueError assertRaises waits for: an error of test_empty.
    expect([bad.status, bad.tests[0]?.status, bad.tests[0]?.reason]).toEqual(["wrong", "wrong_answer", "AssertionError: unittest: 1 of 3 tests failed: test_empty (error)"]);
  });
});
