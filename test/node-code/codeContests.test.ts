// CodeContests: its own output comparison (OutputsMatch of deepmind/code_contests), records as
// references (tests, limits, file I/O), and problems that need a checker.
import { describe, expect, it } from "vitest";
import { runVerifier } from "../../src/index.js";
import {
  CheckerRequiredError,
  codeContestsOutputsMatch,
  codeContestsReference,
  codeContestsSolutions,
  codeVerifier,
  localRunner,
  multipleAnswersPhrase,
  type CodeVerifierResult,
} from "../../src/node/code/index.js";

describe("codeContestsOutputsMatch (CodeContests' OutputsMatch)", () => {
  it("compares whitespace-separated tokens, ASCII case-insensitively", () => {
    expect(codeContestsOutputsMatch("YES\r\n3\t4 \n", "yes\n3 4")).toBe(true);
    expect(codeContestsOutputsMatch("1 2", "1 2 3")).toBe(false);
    expect(codeContestsOutputsMatch("abc", "abd")).toBe(false);
    // Only A-Z are lower-cased (absl::AsciiStrToLower).
    expect(codeContestsOutputsMatch("ДА", "да")).toBe(false);
    // Form feed is not a separator, but SimpleAtod strips it around a number.
    expect(codeContestsOutputsMatch("1\f 2", "1 2")).toBe(true);
  });

  it("compares numeric tokens as doubles with an absolute tolerance below 1e-5", () => {
    // |0.1234567 - 0.12345| = 6.7e-6 < 1e-5
    expect(codeContestsOutputsMatch("0.1234567", "0.12345")).toBe(true);
    // |1.00002 - 1| = 2e-5
    expect(codeContestsOutputsMatch("1.00002", "1")).toBe(false);
    expect(codeContestsOutputsMatch("+5", "5.0")).toBe(true);
    expect(codeContestsOutputsMatch("1e2", "100")).toBe(true);
    expect(codeContestsOutputsMatch(".5", "0.5")).toBe(true);
    // Integers too: 10^18 + 1 and 10^18 are the same double.
    expect(codeContestsOutputsMatch("1000000000000000001", "1000000000000000000")).toBe(true);
    // Hexadecimal is not a number to SimpleAtod: the strings differ.
    expect(codeContestsOutputsMatch("0x10", "16")).toBe(false);
    expect(codeContestsOutputsMatch("1e", "1")).toBe(false);
  });

  it("keeps the original's nan/inf behaviour: equal only when every token is equal", () => {
    expect(codeContestsOutputsMatch("nan 1", "NaN 1")).toBe(true);
    // Not all tokens equal as strings, so nan is compared numerically: nan - nan is not < 1e-5.
    expect(codeContestsOutputsMatch("nan 1.0", "nan 1")).toBe(false);
    expect(codeContestsOutputsMatch("1e400 2", "inf 2.0")).toBe(false);
  });
});

const record = {
  name: "9001_A. Sum of Two",
  description: "Given a and b, print a + b.",
  public_tests: { input: ["1 2\n"], output: ["3\n"] },
  private_tests: { input: ["10 20\n"], output: ["30\n"] },
  generated_tests: { input: ["-5 5\n", "7 0\n"], output: ["0\n", "7\n"] },
  source: 2,
  difficulty: 7,
  solutions: { language: [3, 2], solution: ["a, b = map(int, input().split())\nprint(a + b)\n", "#include <cstdio>\nint main() { return 0; }\n"] },
  incorrect_solutions: { language: [3], solution: ["a, b = map(int, input().split())\nprint(a - b)\n"] },
  cf_contest_id: 9001,
  cf_index: "A",
  time_limit: { seconds: 1, nanos: 500000000 },
  memory_limit_bytes: 64 * 1048576,
  input_file: "",
  output_file: "",
};

describe("codeContestsReference", () => {
  it("maps the three test groups, the time and memory limits and the comparison", () => {
    const ref = codeContestsReference(record);
    expect(ref.tests).toEqual([
      { input: "1 2\n", output: "3\n" },
      { input: "10 20\n", output: "30\n" },
      { input: "-5 5\n", output: "0\n" },
      { input: "7 0\n", output: "7\n" },
    ]);
    expect([ref.compare, ref.limits, ref.checkerRequired]).toEqual(["codecontests", { timeoutMs: 1500, memoryMb: 64 }, undefined]);
    expect(codeContestsReference(record, { tests: ["public"], timeLimitFactor: 3 }).tests).toHaveLength(1);
    // 1.5 s × 3
    expect(codeContestsReference(record, { timeLimitFactor: 3 }).limits).toEqual({ timeoutMs: 4500, memoryMb: 64 });
    // 100 bytes more than 64 MiB round up to 65 MiB; no time limit, no override.
    expect(codeContestsReference({ ...record, time_limit: null, memory_limit_bytes: 64 * 1048576 + 100 }).limits).toEqual({ memoryMb: 65 });
    expect(codeContestsReference({ ...record, input_file: "input.txt", output_file: "output.txt" }).tests[0]).toEqual({ input: "1 2\n", output: "3\n", inputFile: "input.txt", outputFile: "output.txt" });
  });

  it("names the problem and field of a malformed record", () => {
    expect(() => codeContestsReference({ ...record, private_tests: { input: ["1"], output: [] } })).toThrow('CodeContests record "9001_A. Sum of Two": private_tests has 1 inputs but 0 outputs');
    expect(() => codeContestsReference({ ...record, time_limit: { seconds: 1, nanos: -1 } })).toThrow("time_limit must be { seconds, nanos }");
    expect(() => codeContestsReference({ ...record, output_file: "../out" })).toThrow('output_file must be empty (standard I/O) or a plain file name, got "../out"');
    expect(() => codeContestsReference({ ...record, public_tests: { input: [], output: [] } }, { tests: ["public"] })).toThrow("public_tests hold no tests");
    expect(() => codeContestsReference({ description: "x" })).toThrow("CodeContests record: name must be a non-empty string");
  });

  it("detects statements that accept more than one answer", () => {
    expect(multipleAnswersPhrase("If there are multiple answers, print any of them.")).toBe("If there are multiple answers");
    expect(multipleAnswersPhrase("Output any suitable permutation.")).toBe("Output any suitable");
    expect(multipleAnswersPhrase("If there are several possible solutions, you may output any.")).toBe("If there are several possible solutions");
    expect(multipleAnswersPhrase("Any correct answer will be accepted.")).toBe("Any correct answer will be accepted");
    expect(multipleAnswersPhrase("Print YES or NO. Do not print anything else.")).toBeUndefined();
    const multi = { ...record, description: "Print two numbers whose sum is n. If there are multiple answers, print any of them." };
    expect(codeContestsReference(multi).checkerRequired).toContain('accepts more than one answer (its statement says "If there are multiple answers")');
    expect(codeContestsReference(multi, { multipleAnswers: "ignore" }).checkerRequired).toBeUndefined();
    expect(codeContestsReference(multi, { checker: () => true }).checkerRequired).toBeUndefined();
  });
});

describe("CodeContests problems in the sandbox", () => {
  const runner = localRunner();
  const v = codeVerifier({ language: "python", runner, extractCode: false, scoring: "fraction", limits: { timeoutMs: 5000, memoryMb: 256 } });

  it("passes the record's correct Python 3 solution and fails its incorrect one", async () => {
    const sols = codeContestsSolutions(record);
    expect(sols.map((s) => [s.language, s.correct])).toEqual([["python3", true], ["cpp", true], ["python3", false]]);
    const ref = codeContestsReference(record);
    const verdicts = [];
    for (const s of sols.filter((x) => x.language === "python3")) verdicts.push((await runVerifier(v, s.solution, ref)).status);
    // a - b is right only for b = 0: 1-2, 10-20, -5-5 are wrong.
    expect(verdicts).toEqual(["correct", "wrong"]);
    expect(() => codeContestsSolutions({ ...record, solutions: { language: [7], solution: ["x"] } })).toThrow('CodeContests record "9001_A. Sum of Two": solutions.language[0] must be 0 to 4');
  });

  it("grades a solution on every test with CodeContests' comparison", async () => {
    const ok = (await runVerifier(v, "a, b = map(int, input().split())\nprint('%d.000001' % (a + b))", codeContestsReference(record))) as CodeVerifierResult;
    expect([ok.status, ok.score]).toEqual(["correct", 1]);
    // Wrong on the test where b == 0 only.
    const bad = (await runVerifier(v, "a, b = map(int, input().split())\nprint(a + b if b else 0)", codeContestsReference(record))) as CodeVerifierResult;
    expect(bad.tests.map((t) => t.status)).toEqual(["passed", "passed", "passed", "wrong_answer"]);
  });

  it("applies the problem's time limit", async () => {
    const slow = { ...record, time_limit: { seconds: 0, nanos: 300_000_000 } };
    const r = (await runVerifier(v, "import time\ntime.sleep(2)\nprint(3)", codeContestsReference(slow, { tests: ["public"] }))) as CodeVerifierResult;
    expect(r.tests[0]?.status).toBe("time_limit");
  });

  it("gives file-I/O problems their input file and judges their output file", async () => {
    const files = codeContestsReference({ ...record, input_file: "input.txt", output_file: "output.txt" });
    const viaFiles = "a, b = map(int, open('input.txt').read().split())\nwith open('output.txt', 'w') as f:\n    f.write(str(a + b) + '\\n')";
    const r = (await runVerifier(v, viaFiles, files)) as CodeVerifierResult;
    expect([r.status, r.score]).toEqual(["correct", 1]);
    // Printing the answer to stdout instead leaves output.txt empty.
    const stdout = (await runVerifier(v, "a, b = map(int, input().split())\nprint(a + b)", files)) as CodeVerifierResult;
    expect([stdout.status, stdout.tests[0]?.reason]).toEqual(["wrong", 'expected "3\\n", got "" in output.txt']);
    // The file cannot be replaced or removed: it is a mount point.
    const remove = (await runVerifier(v, "import os\nos.remove('output.txt')", codeContestsReference({ ...record, output_file: "output.txt" }, { tests: ["public"] }))) as CodeVerifierResult;
    expect([remove.tests[0]?.status, remove.tests[0]?.reason]).toEqual(["runtime_error", "OSError: [Errno 16] Device or resource busy: 'output.txt'"]);
  });

  it("reads output files back without the sandbox too; a removed or symlinked file reads as empty", async () => {
    const plain = codeVerifier({ language: "python", runner: localRunner({ isolation: "none" }), extractCode: false, scoring: "fraction", limits: { timeoutMs: 5000, memoryMb: 256 } });
    const ref = codeContestsReference({ ...record, input_file: "input.txt", output_file: "output.txt" }, { tests: ["public"] });
    const ok = (await runVerifier(plain, "a, b = map(int, open('input.txt').read().split())\nopen('output.txt', 'w').write(str(a + b))", ref)) as CodeVerifierResult;
    expect(ok.status).toBe("correct");
    const removed = (await runVerifier(plain, "import os\nos.remove('output.txt')", ref)) as CodeVerifierResult;
    expect(removed.tests[0]?.reason).toBe('expected "3\\n", got "" in output.txt');
    // A symlink to the input (which holds "1 2") is not followed.
    const linked = (await runVerifier(plain, "import os\nos.remove('output.txt')\nos.symlink('input.txt', 'output.txt')", ref)) as CodeVerifierResult;
    expect(linked.tests[0]?.reason).toBe('expected "3\\n", got "" in output.txt');
  });

  it("counts an output file past the output cap as output_limit", async () => {
    const small = codeVerifier({ language: "python", runner, extractCode: false, limits: { timeoutMs: 5000, memoryMb: 256, outputBytes: 1000 } });
    const ref = codeContestsReference({ ...record, output_file: "output.txt" }, { tests: ["public"] });
    const r = (await runVerifier(small, "open('output.txt', 'w').write('3' + ' ' * 1000)", ref)) as CodeVerifierResult;
    expect(r.tests[0]?.status).toBe("output_limit");
    // Exactly at the cap is fine (1000 bytes: "3" and 999 spaces).
    const atCap = (await runVerifier(small, "open('output.txt', 'w').write('3' + ' ' * 999)", ref)) as CodeVerifierResult;
    expect(atCap.tests[0]?.status).toBe("passed");
  });

  it("refuses a problem that needs a checker, and uses one when given", async () => {
    const multi = { ...record, description: "Print a + b. If there are multiple answers, print any of them." };
    const refused = await runVerifier(v, "print(3)", codeContestsReference(multi));
    expect(refused.status).toBe("error");
    expect(refused.reason).toMatch(/^CheckerRequiredError: CodeContests problem "9001_A. Sum of Two" accepts more than one answer/u);
    expect(new CheckerRequiredError("x").code).toBe("CHECKER_REQUIRED");
    // A checker that accepts any two numbers adding up to the sum of the input.
    const checker = ({ input, output }: { input: string; output: string }): boolean => {
      const [a, b] = input.trim().split(/\s+/u).map(Number);
      const got = output.trim().split(/\s+/u).map(Number);
      return got.length === 2 && got[0]! + got[1]! === a! + b!;
    };
    const splitter = "a, b = map(int, input().split())\nprint(a + b - 1, 1)";
    const checked = (await runVerifier(v, splitter, codeContestsReference(multi, { checker }))) as CodeVerifierResult;
    expect([checked.status, checked.score]).toEqual(["correct", 1]);
    const wrong = (await runVerifier(v, "a, b = map(int, input().split())\nprint(a + b, 1)", codeContestsReference(multi, { checker }))) as CodeVerifierResult;
    expect([wrong.status, wrong.tests[0]?.reason]).toEqual(["wrong", 'the checker rejected "3 1\\n"']);
    // A throwing checker is a grading failure, not a wrong answer.
    const broken = await runVerifier(v, splitter, codeContestsReference(multi, { checker: () => { throw new Error("checker bug"); } }));
    expect([broken.status, broken.reason]).toEqual(["error", "Error: checker bug"]);
  });
});
