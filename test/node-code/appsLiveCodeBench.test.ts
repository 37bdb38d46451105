// APPS and LiveCodeBench parity: our own problems, written in each benchmark's record layout, graded
// by passk; every expected verdict is derived by hand from the harness's semantics (APPS's
// eval/testing_util.py run_test, LiveCodeBench's lcb_runner/evaluation/testing_util.py run_test),
// as the comment of each case works out.
import { describe, expect, it } from "vitest";
import { runVerifier } from "../../src/index.js";
import { appsReference, codeVerifier, liveCodeBenchReference, localRunner, type CodeReference, type CodeVerifierResult } from "../../src/node/code/index.js";

const runner = localRunner();
// Samples of both benchmarks are raw code, not fenced responses.
const v = codeVerifier({ language: "python", runner, extractCode: false, limits: { memoryMb: 512 } });

/** [status, first test's status, first test's reason] of each program, graded concurrently. */
async function grade(reference: CodeReference, programs: readonly string[]): Promise<[string, string | undefined, string | undefined][]> {
  const results = (await Promise.all(programs.map((p) => runVerifier(v, p, reference)))) as CodeVerifierResult[];
  return results.map((r) => [r.status, r.tests?.[0]?.status, r.tests?.[0]?.reason]);
}

describe("APPS", () => {
  it("standard input: stripped text, then APPS's wrapping into code(), stdin patching and SystemExit", async () => {
    const record = {
      problem_id: 9001,
      question: "Given n and n integers, print their sum.",
      solutions: "[]",
      starter_code: "",
      input_output: JSON.stringify({ inputs: ["2\n1 2\n", "3\n4 5 6\n"], outputs: ["3\n", "15\n"] }),
      difficulty: "introductory",
      url: "own",
    };
    const ref = appsReference(record, { timeoutSeconds: 2 });
    const rows = await grade(ref, [
      // Plain solution: "3" and "15" equal the expected text stripped.
      "n = int(input())\nprint(sum(map(int, input().split())))\n",
      // Padding and blank lines: "\n".join(output lines).strip() equals "3".strip().
      "n = int(input())\nprint('  ' + str(sum(map(int, input().split()))) + '  ')\nprint()\n",
      // SystemExit after printing is swallowed by call_method; the output is still compared.
      "import sys\nn = int(input())\nprint(sum(map(int, input().split())))\nsys.exit(0)\n",
      // One too many: "4" fails every rule of the chain (not a float within 1e-5 relative, not the same token set).
      "n = int(input())\nprint(sum(map(int, input().split())) + 1)\n",
      // Raises: -1 for test 0.
      "n = int(input())\nprint(n // 0)\n",
      // Loops: APPS's alarm (2 s here) raises TimeoutException in the candidate: -1.
      "while True:\n    pass\n",
      // The driver's own marker lines inside the candidate do not confuse it (it takes the first
      // candidate line and the last checks line).
      "# __passk_checks__\n# __passk_candidate__\nn = int(input())\nprint(sum(map(int, input().split())))\n# __passk_candidate__\n# __passk_checks__\n",
      // Guarded by __name__: the module is tmp_sol, so main() never runs and the output is empty.
      "def main():\n    n = int(input())\n    print(sum(map(int, input().split())))\nif __name__ == '__main__':\n    main()\n",
    ]);
    expect(rows.slice(0, 3)).toEqual([
      ["correct", "passed", undefined],
      ["correct", "passed", undefined],
      ["correct", "passed", undefined],
    ]);
    expect(rows[3]).toEqual(["wrong", "wrong_answer", "AssertionError: test 0: expected '3\\n', got '4'"]);
    expect(rows[4]).toEqual(["wrong", "runtime_error", "ZeroDivisionError: test 0: integer division or modulo by zero"]);
    expect(rows[5]).toEqual(["wrong", "runtime_error", "TimeoutError: test 0: the harness's 2 s alarm went off"]);
    expect(rows[6]).toEqual(["correct", "passed", undefined]);
    expect(rows[7]).toEqual(["wrong", "wrong_answer", "AssertionError: test 0: expected '3\\n', got ''"]);
  }, 120_000);

  it("standard input: APPS's float and token-set rules, and reading to the end of stdin", async () => {
    const ref = appsReference({
      problem_id: "9002",
      input_output: JSON.stringify({ inputs: [["1 3"]], outputs: [["0.3333333", "1 2 3"]] }),
    });
    const rows = await grade(ref, [
      // Prints 0.3333333333333333 and 1 2 3. The float rule fails ("1 2 3" is no float) and the token
      // sets differ ({"0.3333333333333333"} vs {"0.3333333"}), but rounded to 3 decimals both sides
      // are {{0.333}, {1.0, 2.0, 3.0}}: passes.
      "a, b = map(int, input().split())\nprint(a / b)\nprint(1, 2, 3)\n",
      // Tokens of a line in another order, lines in another order: the set of token sets is equal.
      "print('3 2 1')\nprint('0.3333333')\n",
      // 0.334 rounds to 0.334, not 0.333: every rule fails.
      "print(0.334)\nprint('1 2 3')\n",
      // Reading to EOFError: call_method's patches of sys.stdin.readline/read/readlines start before
      // the one replacing sys.stdin, so they land on the real stdin and the program reads a plain
      // StringIO of the input ("1 3", no trailing newline), whose end gives EOFError: passes.
      "import sys\nrows = []\nwhile True:\n    try:\n        rows.append(input())\n    except EOFError:\n        break\nprint('0.3333333')\nprint('1 2 3')\n",
    ]);
    expect(rows[0]).toEqual(["correct", "passed", undefined]);
    expect(rows[1]).toEqual(["correct", "passed", undefined]);
    expect(rows[2]?.slice(0, 2)).toEqual(["wrong", "wrong_answer"]);
    expect(rows[3]).toEqual(["correct", "passed", undefined]);
  }, 120_000);

  it("call-based: == the expected value or its first element, tuples as lists, class Solution, int dict keys", async () => {
    const pairs = appsReference({
      problem_id: 9003,
      starter_code: "class Solution:\n    def sortPair(self, p):\n        ",
      input_output: JSON.stringify({ fn_name: "sortPair", inputs: [[[3, 1]], [[5, 2]]], outputs: [[[1, 3]], [[2, 5]]] }),
    });
    const rows = await grade(pairs, [
      // Returns [1, 3]: equals outputs[0][0].
      "class Solution:\n    def sortPair(self, p):\n        return sorted(p)\n",
      // A plain function (no `class Solution` in the text) returning a tuple, compared as a list.
      "def sortPair(p):\n    return tuple(sorted(p))\n",
      // Unsorted: [3, 1] is neither [[1, 3]] nor [1, 3].
      "def sortPair(p):\n    return p\n",
      // Raises inside the method.
      "def sortPair(p):\n    return sorted(p)[5]\n",
      // The function is missing: getattr fails (APPS's -2).
      "def sort_pair(p):\n    return sorted(p)\n",
    ]);
    expect(rows.slice(0, 2)).toEqual([
      ["correct", "passed", undefined],
      ["correct", "passed", undefined],
    ]);
    expect(rows[2]).toEqual(["wrong", "wrong_answer", "AssertionError: test 0: expected [[1, 3]], got [3, 1]"]);
    expect(rows[3]).toEqual(["wrong", "runtime_error", "IndexError: test 0: list index out of range"]);
    expect(rows[4]).toEqual(["wrong", "runtime_error", "RuntimeError: the program defines no sortPair (AttributeError)"]);
    // JSON keys are strings; APPS turns the keys of a dict argument into ints.
    const lookup = appsReference({ problem_id: 9004, input_output: JSON.stringify({ fn_name: "first", inputs: [[{ "1": "a", "2": "b" }]], outputs: [["a"]] }) });
    expect(await grade(lookup, ["def first(d):\n    return d[1]\n"])).toEqual([["correct", "passed", undefined]]);
  }, 120_000);

  it("malformed records are typed errors naming the problem", () => {
    expect(() => appsReference({ problem_id: 7, input_output: "" })).toThrow(/^APPS record 7: input_output is not JSON/u);
    expect(() => appsReference({ problem_id: 8, input_output: JSON.stringify({ inputs: ["1"], outputs: [] }) })).toThrow("APPS record 8: input_output holds 1 inputs but 0 outputs");
    expect(() => appsReference({ problem_id: 9, input_output: JSON.stringify({ fn_name: "f", inputs: ["1"], outputs: ["1"] }) })).toThrow(
      "APPS record 9: input_output of a call-based problem (fn_name f) must hold a list of arguments per input",
    );
    expect(() => appsReference({ input_output: "{}" })).toThrow("APPS record: problem_id must be a number or a string");
  });
});

// base64(zlib(pickle(json.dumps(tests)))) of our own tests, made with Python's pickle:
// [{"input": "3\n1.5 2.25 -4\n", "output": "-0.25\n", "testtype": "stdin"},
//  {"input": "1\n1e3\n", "output": "1000\n", "testtype": "stdin"}]
const STDIN_PRIVATE = "eJxrYJnaywABPZ3R1UqZeQWlJUpWCkrGMXmGeqYKRnpGpgq6JjF5SjoKSvmlJVBZXQOgOESwJLW4pKSyIBUkXFySkpmnVKujgGSQIdCgVGN0AwwNDAxw6o+dogcAYBorkA==";
// [{"input": "[3, 1, 2]\n2", "output": "[1, 2]", "testtype": "functional"}]
const FUNCTIONAL_PRIVATE = "eJxrYJnqywABPZ7R1UqZeQWlJUpWCkrRxjoKhjoKRrExeUZKOgpK+aUlMBmwMEisJLW4pKSyIBUkmlaal1ySmZ+XmKNUGztFDwDirBjL";
// A pickle whose loading calls time.sleep(100); and zlib of bytes that are no pickle.
const SLEEPING_PICKLE = "eJxrYJkqwQABPSwlmbmpU3pYi3NSUwumTJ7indI6JWiKHgCi9wtG";
const NOT_A_PICKLE = "eJzLyy9RSFQoyEzOzkkFABxABGs=";

function lcbRecord(id: string, publicTests: unknown[], privateTests: string, metadata: Record<string, unknown> = {}) {
  return {
    question_title: "own",
    question_content: "own problem",
    platform: "atcoder",
    question_id: id,
    contest_id: "own",
    contest_date: "2025-01-01T00:00:00",
    starter_code: "",
    difficulty: "easy",
    public_test_cases: JSON.stringify(publicTests),
    private_test_cases: privateTests,
    metadata: JSON.stringify(metadata),
  };
}

describe("LiveCodeBench", () => {
  it("stdin: compressed private tests decoded in the sandbox; stripped lines, then Decimal tokens", async () => {
    const ref = await liveCodeBenchReference(
      lcbRecord("own-sum", [{ input: "2\n0.5 0.25\n", output: "0.75\n", testtype: "stdin" }], STDIN_PRIVATE),
      { runner, timeoutSeconds: 2 },
    );
    // Three tests: the public one, then the two private ones.
    expect(ref.limits?.timeoutMs).toBe(((2 + 1) * 3 + 5) * 1000);
    const rows = await grade(ref, [
      // Prints 0.75, -0.25 and 1000.0: Decimal("1000.0") == Decimal("1000").
      "n = int(input())\nprint(sum(map(float, input().split())))\n",
      // Guarded by __name__: LiveCodeBench unwraps the last `if __name__ == '__main__':` block. Padding is stripped.
      "def main():\n    n = int(input())\n    print('  ', sum(map(float, input().split())), '  ')\nif __name__ == '__main__':\n    main()\n",
      // 0.7500001 != 0.75 as Decimals: no tolerance.
      "n = int(input())\nprint(sum(map(float, input().split())) + 1e-7)\n",
      // An extra line in the middle: 2 stripped lines, expected 1.
      "n = int(input())\nprint(sum(map(float, input().split())))\nprint()\nprint('x')\n",
      // quit is None after reliability_guard: TypeError.
      "n = int(input())\nprint(sum(map(float, input().split())))\nquit()\n",
      // Loops: the 2 s alarm.
      "while True:\n    pass\n",
      // Right on the public test only: the first private test (test 1, decoded in the grading run) fails.
      "print(0.75)\n",
    ]);
    expect(rows[0]).toEqual(["correct", "passed", undefined]);
    expect(rows[1]).toEqual(["correct", "passed", undefined]);
    expect(rows[2]).toEqual(["wrong", "wrong_answer", "AssertionError: test 0: line 0: '0.7500001' != '0.75'"]);
    expect(rows[3]).toEqual(["wrong", "wrong_answer", "AssertionError: test 0: mismatched output length: 3 lines, expected 1"]);
    expect(rows[4]).toEqual(["wrong", "runtime_error", "TypeError: test 0: 'NoneType' object is not callable"]);
    expect(rows[5]).toEqual(["wrong", "runtime_error", "TimeoutError: test 0: the harness's 2 s alarm went off"]);
    expect(rows[6]).toEqual(["wrong", "wrong_answer", "AssertionError: test 1: line 0: '0.75' != '-0.25'"]);
  }, 120_000);

  it("functional: JSON arguments per line, == the JSON result, tuples as lists, class Solution", async () => {
    const ref = await liveCodeBenchReference(
      lcbRecord("own-small", [{ input: "[5, 4]\n1", output: "[4]", testtype: "functional" }], FUNCTIONAL_PRIVATE, { func_name: "smallest" }),
      { runner, timeoutSeconds: 2 },
    );
    const rows = await grade(ref, [
      "class Solution:\n    def smallest(self, nums: List[int], k: int) -> List[int]:\n        return sorted(nums)[:k]\n",
      // A tuple compares as a list.
      "class Solution:\n    def smallest(self, nums, k):\n        return tuple(sorted(nums)[:k])\n",
      // Largest instead of smallest: [5] != [4].
      "class Solution:\n    def smallest(self, nums, k):\n        return sorted(nums)[-k:]\n",
      "class Solution:\n    def smallest(self, nums, k):\n        return nums[10]\n",
      "class Solution:\n    def smallest(self, nums, k):\n        while True:\n            pass\n",
    ]);
    expect(rows[0]).toEqual(["correct", "passed", undefined]);
    expect(rows[1]).toEqual(["correct", "passed", undefined]);
    expect(rows[2]).toEqual(["wrong", "wrong_answer", "AssertionError: test 0: expected [4], got [5]"]);
    expect(rows[3]).toEqual(["wrong", "runtime_error", "IndexError: test 0: list index out of range"]);
    expect(rows[4]).toEqual(["wrong", "runtime_error", "TimeoutError: test 0: the harness's 2 s alarm went off"]);
    // 10**4999 has 5000 digits, past Python's default 4300-digit int/str limit; LiveCodeBench's
    // evaluator raises the limit to 50000, so json.loads of the expected value works.
    const big = await liveCodeBenchReference(lcbRecord("own-big", [{ input: "4999", output: "1" + "0".repeat(4999), testtype: "functional" }], "[]", { func_name: "power" }), { runner });
    expect(await grade(big, ["class Solution:\n    def power(self, e):\n        return 10 ** e\n"])).toEqual([["correct", "passed", undefined]]);
  }, 120_000);

  it("private tests that do not decode are typed errors naming the question, also when unpickling stalls", async () => {
    await expect(liveCodeBenchReference(lcbRecord("own-bad", [], NOT_A_PICKLE), { runner })).rejects.toThrow(
      /^LiveCodeBench record own-bad: private_test_cases does not decode \(base64 → zlib → pickle → JSON\): pickle: UnpicklingError/u,
    );
    await expect(liveCodeBenchReference(lcbRecord("own-slow", [], SLEEPING_PICKLE), { runner, decodeLimits: { timeoutMs: 1500 } })).rejects.toThrow(
      "LiveCodeBench record own-slow: private_test_cases does not decode (base64 → zlib → pickle → JSON): the decoding run ended by time limit",
    );
    // publicOnly: the private tests are not read at all.
    const pub = await liveCodeBenchReference(lcbRecord("own-pub", [{ input: "1\n", output: "1\n", testtype: "stdin" }], NOT_A_PICKLE), { runner, publicOnly: true });
    expect(pub.limits?.timeoutMs).toBe(((6 + 1) * 1 + 5) * 1000);
    await expect(liveCodeBenchReference(lcbRecord("own-none", [], "[]"), { runner })).rejects.toThrow("LiveCodeBench record own-none: public_test_cases and private_test_cases hold no tests");
    await expect(liveCodeBenchReference({ ...lcbRecord("own-meta", [], "[]"), metadata: "{" }, { runner })).rejects.toThrow(/^LiveCodeBench record own-meta: metadata is not JSON/u);
  }, 60_000);
});
