// `passk verify --benchmark codecontests`: samples {name, completion} joined with CodeContests
// records (our own problems, in the dataset's layout), graded with CodeContests' comparison, the
// problems' limits and file I/O; a problem that accepts several answers is an error, not a grade.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, tempDir, writeJsonl } from "./cliHarness.js";

const work = tempDir();
afterAll(() => rmSync(work, { recursive: true, force: true }));

const base = {
  private_tests: { input: [], output: [] },
  solutions: { language: [], solution: [] },
  incorrect_solutions: { language: [], solution: [] },
  time_limit: { seconds: 2, nanos: 0 },
  memory_limit_bytes: 256 * 1048576,
  input_file: "",
  output_file: "",
};
const records = [
  { ...base, name: "1_A. Double", description: "Print 2n.", public_tests: { input: ["2\n"], output: ["4\n"] }, generated_tests: { input: ["5\n", "0\n"], output: ["10\n", "0\n"] } },
  { ...base, name: "2_B. Files", description: "Read input.txt, write n + 1 to output.txt.", public_tests: { input: ["1\n"], output: ["2\n"] }, generated_tests: { input: [], output: [] }, input_file: "input.txt", output_file: "output.txt" },
  { ...base, name: "3_C. Any", description: "Print two numbers adding up to n. If there are multiple answers, print any of them.", public_tests: { input: ["3\n"], output: ["1 2\n"] }, generated_tests: { input: [], output: [] } },
  // Not named by any sample: read past, never graded.
  { ...base, name: "4_D. Unused", description: "", public_tests: { input: ["x"], output: ["y"] }, generated_tests: { input: [], output: [] } },
];

describe("passk verify --benchmark codecontests", () => {
  it("grades samples against their records; a problem needing a checker is an error", async () => {
    writeJsonl(work, "test.jsonl", records);
    writeJsonl(work, "runs.jsonl", [
      { name: "1_A. Double", completion: "print(2 * int(input()))" },
      // "10.000001" matches "10" within 1e-5 under CodeContests' rule.
      { name: "1_A. Double", completion: "n = int(input())\nprint('%d.000001' % (2 * n))" },
      { name: "1_A. Double", completion: "print(4)" },
      { name: "2_B. Files", solution: "open('output.txt', 'w').write(str(int(open('input.txt').read()) + 1))" },
      { name: "2_B. Files", completion: "print(int(input()) + 1)" },
      { name: "3_C. Any", completion: "n = int(input())\nprint(n - 1, 1)" },
    ]);
    const r = await cli(["verify", "runs.jsonl", "--verifier", "code", "--benchmark", "codecontests", "--problems", "test.jsonl", "--concurrency", "2", "--out", "graded.jsonl", "-q"], work);
    expect(r.stderr).toContain("6 samples from runs.jsonl: 3 correct, 2 wrong, 0 unparsed, 0 timeout, 1 error; 5 records written");
    expect(r.stderr).toContain('runs.jsonl:6: error (CheckerRequiredError: CodeContests problem "3_C. Any" accepts more than one answer');
    expect(r.code).toBe(0);
    const out = readFileSync(join(work, "graded.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => [o.model, o.problem_id, o.sample_index, o.correct])).toEqual([
      ["runs", "1_A. Double", 0, true],
      ["runs", "1_A. Double", 1, true],
      ["runs", "1_A. Double", 2, false],
      ["runs", "2_B. Files", 0, true],
      ["runs", "2_B. Files", 1, false],
    ]);
    expect((out[2]?.tests as { status: string }[]).map((t) => t.status)).toEqual(["passed", "wrong_answer", "wrong_answer"]);
  });

  it("--multiple-answers ignore compares tokens as CodeContests does; --time-limit-factor scales the limits", async () => {
    writeJsonl(work, "test.jsonl", records);
    writeJsonl(work, "any.jsonl", [{ name: "3_C. Any", completion: "n = int(input())\nprint(n - 1, 1)" }]);
    const r = await cli(["verify", "any.jsonl", "--verifier", "code", "--benchmark", "codecontests", "--problems", "test.jsonl", "--multiple-answers", "ignore", "--out", "any-graded.jsonl", "-q"], work);
    // "2 1" is a right answer for n = 3, but not the tokens of the expected "1 2": why the default refuses.
    expect(r.stderr).toContain("1 samples from any.jsonl: 0 correct, 1 wrong, 0 unparsed, 0 timeout, 0 error");
    writeJsonl(work, "slow.jsonl", [{ name: "1_A. Double", completion: "import time\ntime.sleep(1.5)\nprint(2 * int(input()))" }]);
    // 2 s × 0.5 = 1 s: the 1.5 s sleep is past it.
    const slow = await cli(["verify", "slow.jsonl", "--verifier", "code", "--benchmark", "codecontests", "--problems", "test.jsonl", "--time-limit-factor", "0.5", "--out", "slow-graded.jsonl", "-q"], work);
    expect(slow.stderr).toContain("0 correct, 1 wrong");
    const graded = JSON.parse(readFileSync(join(work, "slow-graded.jsonl"), "utf8")) as { tests: { status: string }[] };
    expect(graded.tests[0]?.status).toBe("time_limit");
    const misplaced = await cli(["verify", "any.jsonl", "--verifier", "code", "--benchmark", "humaneval", "--problems", "test.jsonl", "--time-limit-factor", "2", "-q"], work);
    expect([misplaced.code, misplaced.stderr.trim().split("\n").at(-1)]).toEqual([2, "passk: error: --time-limit-factor applies to --benchmark codecontests only"]);
  });

  it("--checker: an ES module giving each problem's checker grades a problem with several answers", async () => {
    writeJsonl(work, "test.jsonl", records);
    writeJsonl(work, "any2.jsonl", [
      // n = 3: "2 1" and "1 2" both add up to 3; "1 1" does not; "3" is one number.
      { name: "3_C. Any", completion: "n = int(input())\nprint(n - 1, 1)" },
      { name: "3_C. Any", completion: "print(1, 2)" },
      { name: "3_C. Any", completion: "print(1, 1)" },
      { name: "3_C. Any", completion: "print(3)" },
      // 1_A has no checker from the module: compared as usual.
      { name: "1_A. Double", completion: "print(2 * int(input()))" },
    ]);
    writeFileSync(
      join(work, "checker.mjs"),
      [
        "export default ({ name, description }) => {",
        "  if (!description.includes('multiple answers')) return undefined;",
        "  if (name !== '3_C. Any') throw new Error('unexpected problem ' + name);",
        "  return ({ input, output }) => {",
        "    const parts = output.trim().split(/\\s+/).map(Number);",
        "    return parts.length === 2 && parts.every(Number.isInteger) && parts[0] + parts[1] === Number(input.trim());",
        "  };",
        "};",
      ].join("\n"),
    );
    const r = await cli(["verify", "any2.jsonl", "--verifier", "code", "--benchmark", "codecontests", "--problems", "test.jsonl", "--checker", "checker.mjs", "--out", "any2-graded.jsonl", "-q"], work);
    expect(r.stderr).toContain("5 samples from any2.jsonl: 3 correct, 2 wrong, 0 unparsed, 0 timeout, 0 error");
    const out = readFileSync(join(work, "any2-graded.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.correct)).toEqual([true, true, false, false, true]);
    // A module without a default function, and a factory answering something else, are named.
    writeFileSync(join(work, "bad.mjs"), "export const checker = 1;\n");
    const bad = await cli(["verify", "any2.jsonl", "--verifier", "code", "--benchmark", "codecontests", "--problems", "test.jsonl", "--checker", "bad.mjs", "-q"], work);
    expect([bad.code, bad.stderr.trim().split("\n").at(-1)]).toEqual([2, "passk: error: --checker bad.mjs must export a default function ({ name, description }) => checker or undefined, got undefined"]);
    writeFileSync(join(work, "odd.mjs"), "export default () => 42;\n");
    const odd = await cli(["verify", "any2.jsonl", "--verifier", "code", "--benchmark", "codecontests", "--problems", "test.jsonl", "--checker", "odd.mjs", "-q"], work);
    expect(odd.code).toBe(1);
    expect(odd.stderr).toContain("test.jsonl:1: the checker module odd.mjs returned 42 for this problem, not a function or undefined");
    const misplaced = await cli(["verify", "any2.jsonl", "--verifier", "code", "--benchmark", "humaneval", "--problems", "test.jsonl", "--checker", "checker.mjs", "-q"], work);
    expect([misplaced.code, misplaced.stderr.trim().split("\n").at(-1)]).toEqual([2, "passk: error: --checker applies to --benchmark codecontests only"]);
  });

  it("names the file and line of a sample whose problem is missing, and needs --problems", async () => {
    writeJsonl(work, "test.jsonl", records);
    writeJsonl(work, "stray.jsonl", [{ name: "1_A. Double", completion: "print(1)" }, { name: "9_Z. Nowhere", completion: "print(1)" }]);
    const missing = await cli(["verify", "stray.jsonl", "--verifier", "code", "--benchmark", "codecontests", "--problems", "test.jsonl", "-q"], work);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('stray.jsonl:2');
    expect(missing.stderr).toContain('name "9_Z. Nowhere" is not in test.jsonl');
    const noProblems = await cli(["verify", "stray.jsonl", "--verifier", "code", "--benchmark", "codecontests", "-q"], work);
    expect(noProblems.code).toBe(2);
    expect(noProblems.stderr).toContain("--benchmark codecontests needs --problems");
  });
});
