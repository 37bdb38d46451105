// `passk verify`: graded records from raw responses, readable by `passk report`; errors and exit codes.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { StudyReport } from "../../src/cli/index.js";
import { cli, tempDir, writeJsonl } from "./cliHarness.js";

const work = tempDir();
afterAll(() => rmSync(work, { recursive: true, force: true }));

function records(path: string): Record<string, unknown>[] {
  return readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("passk verify", () => {
  it("grades numeric answers and writes flat records that passk report reads", async () => {
    writeJsonl(work, "numeric.jsonl", [
      { model: "m", problem_id: "q1", sample_index: 0, response: "so the total is $1,250.", reference: 1250 },
      { model: "m", problem_id: "q1", sample_index: 1, response: "I get 1249", reference: 1250 },
      { model: "m", problem_id: "q2", sample_index: 0, response: "no idea", reference: "3/4" },
      { model: "m", problem_id: "q2", sample_index: 1, response: "It is 0.75", reference: "3/4" },
    ]);
    const r = await cli(["verify", "numeric.jsonl", "--verifier", "numeric", "--out", "graded.jsonl", "-q"], work);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("4 samples from numeric.jsonl: 2 correct, 1 wrong, 1 unparsed, 0 timeout, 0 error; 4 records written to graded.jsonl");
    const out = records(join(work, "graded.jsonl"));
    expect(out.map((o) => [o.problem_id, o.sample_index, o.correct, o.status])).toEqual([
      ["q1", 0, true, "correct"],
      ["q1", 1, false, "wrong"],
      ["q2", 0, false, "unparsed"],
      ["q2", 1, true, "correct"],
    ]);
    expect(out[0]?.answer).toBe("1250");
    // q1: 1 of 2, q2: 1 of 2 → pass@1 = 1/2, pass@2 = 1
    const rep = await cli(["report", "graded.jsonl", "--out", "rep", "--resamples", "20", "--json", "-q"], work);
    expect(rep.code).toBe(0);
    expect((JSON.parse(rep.stdout) as StudyReport).models[0]?.passAtK.map((p) => p.estimate)).toEqual([0.5, 1]);
  });

  it("grades exact and multiple-choice answers with custom field names, to stdout", async () => {
    writeJsonl(work, "exact.jsonl", [
      { task: "t1", text: "Paris.", gold: "paris" },
      { task: "t2", text: "Lyon", gold: ["Marseille", "Nice"] },
    ]);
    const r = await cli(
      ["verify", "exact.jsonl", "--verifier", "exact", "--model", "m1", "--problem-field", "task", "--response-field", "text", "--reference-field", "gold", "-q"],
      work,
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>).map((o) => [o.model, o.problem_id, o.correct])).toEqual([
      ["m1", "t1", true],
      ["m1", "t2", false],
    ]);
    writeJsonl(work, "choice.jsonl", [{ model: "m", problem_id: 7, response: "After eliminating A and C, the answer is **B**.", reference: "B" }]);
    const c = await cli(["verify", "choice.jsonl", "--verifier", "choice", "--out", "c.jsonl", "--json", "-q"], work);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ samples: 1, written: 1, counts: { correct: 1, wrong: 0 } });
    expect(records(join(work, "c.jsonl"))).toEqual([{ model: "m", problem_id: "7", correct: true, status: "correct", answer: "B" }]);
  });

  it("runs the code verifier on JavaScript programs", async () => {
    const tests = [{ kind: "call", fn: "add", args: [1, 2], expected: 3 }];
    writeJsonl(work, "code.jsonl", [
      { model: "m", problem_id: "add", sample_index: 0, response: "```javascript\nfunction add(a, b) { return a + b; }\n```", reference: { tests } },
      { model: "m", problem_id: "add", sample_index: 1, response: "```javascript\nfunction add(a, b) { return a - b; }\n```", reference: { tests } },
    ]);
    const r = await cli(["verify", "code.jsonl", "--verifier", "code", "--language", "javascript", "--timeout-ms", "10000", "--out", "code.out.jsonl", "-q"], work);
    expect(r.stderr).toContain("1 correct, 1 wrong");
    expect(r.stderr).toContain("passk verify: programs run in a bubblewrap sandbox (");
    expect(r.code).toBe(0);
    expect(records(join(work, "code.out.jsonl")).map((o) => o.correct)).toEqual([true, false]);
  });

  it("grades LaTeX answers with the math verifier", async () => {
    writeJsonl(work, "math.jsonl", [
      { model: "m", problem_id: "half", sample_index: 0, response: "Thus the answer is $\\boxed{\\dfrac{1}{2}}$.", reference: "0.5" },
      { model: "m", problem_id: "half", sample_index: 1, response: "The answer is $\\boxed{\\frac{1}{3}}$.", reference: "0.5" },
      { model: "m", problem_id: "poly", sample_index: 0, response: "Expanding, $\\boxed{x^2+2x+1}$", reference: "(x+1)^2" },
    ]);
    const r = await cli(["verify", "math.jsonl", "--verifier", "math", "--out", "math.out.jsonl", "-q"], work);
    expect(r.code).toBe(0);
    expect(records(join(work, "math.out.jsonl")).map((o) => o.correct)).toEqual([true, false, true]);
  });

  it("names file:line of a bad line (exit 1)", async () => {
    writeJsonl(work, "bad.jsonl", [{ model: "m", problem_id: "q", response: "1", reference: 1 }, { model: "m", problem_id: "q", reference: 1 }]);
    const r = await cli(["verify", "bad.jsonl", "--verifier", "numeric", "-q"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("passk: error: bad.jsonl:2: response must be a string or a non-empty list of strings, got undefined\n");
    writeJsonl(work, "bad2.jsonl", ["", '{"model": "m", "problem_id": 1,']);
    const r2 = await cli(["verify", "bad2.jsonl", "--verifier", "numeric", "-q"], work);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain("bad2.jsonl:2: malformed JSON");
  });

  it("leaves out failed verifications by default and can count them as wrong", async () => {
    // A numeric reference that is not a number is a verifier error, not a wrong answer.
    writeJsonl(work, "fail.jsonl", [
      { model: "m", problem_id: "q", sample_index: 0, response: "4", reference: "four" },
      { model: "m", problem_id: "q", sample_index: 1, response: "4", reference: 4 },
    ]);
    const r = await cli(["verify", "fail.jsonl", "--verifier", "numeric", "--out", "f1.jsonl", "-q"], work);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: 1 verification failed (left out of the records); first: fail.jsonl:1: error");
    expect(records(join(work, "f1.jsonl")).map((o) => o.sample_index)).toEqual([1]);
    const w = await cli(["verify", "fail.jsonl", "--verifier", "numeric", "--out", "f2.jsonl", "--on-failure", "wrong", "-q"], work);
    expect(w.code).toBe(0);
    expect(records(join(work, "f2.jsonl")).map((o) => [o.correct, o.status])).toEqual([[false, "error"], [true, "correct"]]);
  });
});

describe("passk verify exit code", () => {
  it("exits 1 when every sample's verification failed, after writing the summary", async () => {
    writeJsonl(work, "allbad.jsonl", [
      { model: "m", problem_id: "p", response: "print(1)", reference: { tests: [] } },
      { model: "m", problem_id: "p", response: "print(2)", reference: { tests: "nope" } },
    ]);
    const r = await cli(["verify", "allbad.jsonl", "--verifier", "code", "--no-extract-code", "--memory-mb", "128", "--out", "allbad-out.jsonl", "-q"], work);
    expect(r.stderr).toContain("2 samples from allbad.jsonl: 0 correct, 0 wrong, 0 unparsed, 0 timeout, 2 error; 0 records written");
    expect(r.stderr).toContain("passk: error: every one of the 2 verifications failed (error or timeout); first: InvalidArgumentError: reference.tests must be a non-empty array of tests");
    expect(r.code).toBe(1);
  });
});
