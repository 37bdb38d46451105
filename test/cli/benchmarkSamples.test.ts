// `passk verify --benchmark apps|livecodebench|mbpp|bigcodebench`: each benchmark's usual samples
// file (APPS: a JSON object of problem id -> programs; LiveCodeBench: a JSON list of
// {question_id, code_list}; MBPP and BigCodeBench: JSONL) joined with a problems file of our own
// problems in the benchmark's record layout. Verdicts by hand from each harness's rules.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { topLevelEntries } from "../../src/cli/benchmarkSamples.js";
import { cli, tempDir, writeJsonl } from "./cliHarness.js";

const work = tempDir();
afterAll(() => rmSync(work, { recursive: true, force: true }));

function graded(name: string): [unknown, unknown, unknown, unknown][] {
  return readFileSync(join(work, name), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .map((o) => [o.model, o.problem_id, o.sample_index, o.status]);
}

describe("passk verify --benchmark for APPS, LiveCodeBench, MBPP, BigCodeBench", () => {
  it("APPS: generations JSON joined with the problems' test.jsonl", async () => {
    writeJsonl(work, "apps.jsonl", [
      { problem_id: 0, question: "Print twice n.", solutions: "[]", starter_code: "", input_output: JSON.stringify({ inputs: ["4\n"], outputs: ["8\n"] }), difficulty: "interview", url: "own" },
      { problem_id: 1, question: "Return a+b.", solutions: "[]", starter_code: "def add(a, b):\n", input_output: JSON.stringify({ fn_name: "add", inputs: [[1, 2]], outputs: [[3]] }), difficulty: "interview", url: "own" },
    ]);
    // Problem 0: right, then wrong (9 is no float within tolerance of 8); problem 1: right.
    writeFileSync(join(work, "all_codes.json"), JSON.stringify({ "0": ["print(2 * int(input()))", "print(2 * int(input()) + 1)"], "1": ["def add(a, b):\n    return a + b\n"] }, null, 2));
    const r = await cli(["verify", "all_codes.json", "--verifier", "code", "--benchmark", "apps", "--problems", "apps.jsonl", "--timeout-ms", "2000", "--out", "apps-graded.jsonl", "-q"], work);
    expect(r.stderr).toContain("3 samples from all_codes.json: 2 correct, 1 wrong");
    expect(r.code).toBe(0);
    expect(graded("apps-graded.jsonl")).toEqual([
      ["all_codes", "0", 0, "correct"],
      ["all_codes", "0", 1, "wrong"],
      ["all_codes", "1", 0, "correct"],
    ]);
    // A generation for a problem the problems file lacks: its line in the JSON is named.
    // JSON puts integer-like keys first ("7" before "10"): the line is found by key, not position.
    writeFileSync(join(work, "stray.json"), '{\n  "10": ["print(1)"],\n  "0": ["print(8)"]\n}\n');
    const s = await cli(["verify", "stray.json", "--verifier", "code", "--benchmark", "apps", "--problems", "apps.jsonl", "-q"], work);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('passk: error: stray.json:2: problem_id "10" is not in apps.jsonl\n');
    const t = await cli(["verify", "stray.json", "--verifier", "code", "--benchmark", "apps", "--problems", "apps.jsonl", "--timeout-ms", "1500", "-q"], work);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain("--timeout-ms with --benchmark apps sets the harness's per-test alarm: give whole seconds");
  }, 120_000);

  it("LiveCodeBench: the outputs list joined with the problems; a malformed record names its line", async () => {
    const problem = (id: string, tests: unknown[], metadata: object) => ({
      question_title: id, question_content: "own", platform: "leetcode", question_id: id, contest_id: "own", contest_date: "2025-01-01T00:00:00",
      starter_code: "", difficulty: "easy", public_test_cases: JSON.stringify(tests), private_test_cases: "[]", metadata: JSON.stringify(metadata),
    });
    writeJsonl(work, "lcb.jsonl", [
      problem("own-a", [{ input: "3\n", output: "9\n", testtype: "stdin" }], {}),
      problem("own-b", [{ input: "[1, 2]", output: "3", testtype: "functional" }], { func_name: "total" }),
    ]);
    writeFileSync(
      join(work, "lcb_out.json"),
      JSON.stringify([
        { question_id: "own-a", code_list: ["print(int(input()) ** 2)", "print(int(input()) * 2)"] },
        { question_id: "own-b", code_list: ["class Solution:\n    def total(self, xs):\n        return sum(xs)\n"] },
      ]),
    );
    const r = await cli(["verify", "lcb_out.json", "--verifier", "code", "--benchmark", "livecodebench", "--problems", "lcb.jsonl", "--out", "lcb-graded.jsonl", "-q"], work);
    expect(r.stderr).toContain("3 samples from lcb_out.json: 2 correct, 1 wrong");
    expect(graded("lcb-graded.jsonl")).toEqual([
      ["lcb_out", "own-a", 0, "correct"],
      ["lcb_out", "own-a", 1, "wrong"],
      ["lcb_out", "own-b", 0, "correct"],
    ]);
    // The outputs as JSONL: a question missing from the problems names its line.
    writeJsonl(work, "lcb_out.jsonl", [{ question_id: "own-a", code_list: [] }, { question_id: "own-z", code_list: ["print(1)"] }]);
    const j = await cli(["verify", "lcb_out.jsonl", "--verifier", "code", "--benchmark", "livecodebench", "--problems", "lcb.jsonl", "-q"], work);
    expect(j.code).toBe(1);
    expect(j.stderr).toContain('passk: error: lcb_out.jsonl:2: question_id "own-z" is not in lcb.jsonl\n');
    writeJsonl(work, "lcb-bad.jsonl", [problem("own-a", [{ input: "3\n", output: "9\n", testtype: "stdin" }], {}), { ...problem("own-b", [], {}), private_test_cases: "%%%" }]);
    const b = await cli(["verify", "lcb_out.json", "--verifier", "code", "--benchmark", "livecodebench", "--problems", "lcb-bad.jsonl", "-q"], work);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/lcb-bad\.jsonl:2: LiveCodeBench record own-b: private_test_cases does not decode \(base64 → zlib → pickle → JSON\): zlib: error/u);
  }, 120_000);

  it("MBPP (completion) and BigCodeBench (solution) JSONL samples", async () => {
    writeJsonl(work, "mbpp.jsonl", [{ task_id: 11, text: "Triple a number.", code: "def triple(x): return 3 * x", test_setup_code: "", test_list: ["assert triple(2) == 6"], challenge_test_list: [] }]);
    writeJsonl(work, "mbpp-samples.jsonl", [
      { task_id: 11, completion: "def triple(x):\n    return 3 * x\n" },
      { task_id: 11, completion: "def triple(x):\n    return x + 3\n" },
    ]);
    const m = await cli(["verify", "mbpp-samples.jsonl", "--verifier", "code", "--benchmark", "mbpp", "--problems", "mbpp.jsonl", "--out", "mbpp-graded.jsonl", "-q"], work);
    expect(m.code).toBe(0);
    expect(graded("mbpp-graded.jsonl")).toEqual([
      ["mbpp-samples", "11", 0, "correct"],
      ["mbpp-samples", "11", 1, "wrong"],
    ]);
    writeJsonl(work, "bcb.jsonl", [{ task_id: "Own/0", test: "import unittest\nclass TestCases(unittest.TestCase):\n    def test_one(self):\n        self.assertEqual(task_func(), 1)\n" }]);
    writeJsonl(work, "bcb-samples.jsonl", [{ task_id: "Own/0", solution: "def task_func():\n    return 1\n" }, { task_id: "Own/0", solution: 5 }]);
    const b = await cli(["verify", "bcb-samples.jsonl", "--verifier", "code", "--benchmark", "bigcodebench", "--problems", "bcb.jsonl", "-q"], work);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain("passk: error: bcb-samples.jsonl:2: solution must be a string, got 5\n");
  }, 120_000);

  it("finds the line (and key) of each top-level entry of a JSON text", () => {
    expect(topLevelEntries('[\n  {"a": [1,\n 2]},\n  "x,]"\n, 3]')).toEqual([{ line: 2 }, { line: 4 }, { line: 5 }]);
    expect(topLevelEntries('{"k": {"n": 1},\n"j\\"": 2}')).toEqual([{ line: 1, key: "k" }, { line: 2, key: 'j"' }]);
    expect(topLevelEntries("[]")).toEqual([]);
  });
});
