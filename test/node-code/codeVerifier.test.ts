import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, runVerifier, verifyBatch } from "../../src/index.js";
import { codeVerifier, jsonEqual, localRunner, outputMatches } from "../../src/node/code/index.js";
import { newTag, processesTagged, processesUnder } from "./helpers.js";

// The default runner: the bubblewrap sandbox (CI installs bubblewrap).
const tag = newTag();
const runner = localRunner({ env: { PASSK_TEST_TAG: tag } });
const base = mkdtempSync(join(tmpdir(), "passk-test-cv-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const unsandboxed = localRunner({ isolation: "none", tmpDir: base });
const limits = { timeoutMs: 3000, memoryMb: 256, outputBytes: 1 << 16 };

describe("codeVerifier", () => {
  it("runs Python stdin/stdout tests with per-test verdicts and both scorings", async () => {
    const response = "Here is my solution:\n```python\nn = int(input())\nprint(n * 2 if n < 5 else n)\n```";
    const tests = [
      { input: "1\n", output: "2\n" },
      { input: "3", output: "6" },
      { input: "7\n", output: "14\n" },
    ];
    const frac = await runVerifier(codeVerifier({ language: "python", scoring: "fraction", limits, runner }), response, { tests });
    expect(frac.status).toBe("wrong");
    expect(frac.score).toBe(2 / 3);
    expect((frac as { readonly tests: readonly { status: string }[] }).tests.map((t) => t.status)).toEqual(["passed", "passed", "wrong_answer"]);
    const aon = await runVerifier(codeVerifier({ language: "python", limits, runner }), response, { tests });
    expect(aon.score).toBe(0);
    const ok = await runVerifier(codeVerifier({ language: "python", limits, runner }), response, { tests: tests.slice(0, 2) });
    expect(ok).toMatchObject({ status: "correct", correct: true, score: 1 });
  });
  it("runs JavaScript and Python function-call tests", async () => {
    const js = "```javascript\nfunction twoSum(nums, target) {\n  console.log('debug output is ignored');\n  for (let i = 0; i < nums.length; i++) for (let j = i + 1; j < nums.length; j++) if (nums[i] + nums[j] === target) return [i, j];\n  return null;\n}\n```";
    const tests = [
      { kind: "call" as const, fn: "twoSum", args: [[2, 7, 11, 15], 9], expected: [0, 1] },
      { kind: "call" as const, fn: "twoSum", args: [[3, 3], 7], expected: null },
      { kind: "call" as const, fn: "twoSum", args: [[1, 2], 3], expected: [1, 0] },
    ];
    const r = await runVerifier(codeVerifier({ language: "javascript", scoring: "fraction", limits, runner }), js, { tests });
    expect((r as { readonly tests: readonly { status: string }[] }).tests.map((t) => t.status)).toEqual(["passed", "passed", "wrong_answer"]);
    const py = "```python\ndef stats(xs):\n    print('noise')\n    return (min(xs), max(xs), sum(xs) / len(xs))\n```";
    const pr = await runVerifier(codeVerifier({ language: "python", limits, runner, floatTolerance: 1e-9 }), py, {
      tests: [{ kind: "call", fn: "stats", args: [[1, 2, 4]], expected: [1, 4, 7 / 3] }],
    });
    expect(pr.status).toBe("correct");
  });
  it("classifies runtime errors and reports them with the traceback's last line", async () => {
    const r = await runVerifier(codeVerifier({ language: "python", limits, runner }), "```python\nprint(1 // int(input()))\n```", {
      tests: [{ input: "0", output: "0" }],
    });
    const t = (r as { readonly tests: readonly { status: string; reason?: string }[] }).tests[0];
    expect(t?.status).toBe("runtime_error");
    expect(t?.reason).toBe("ZeroDivisionError: integer division or modulo by zero");
    const js = await runVerifier(codeVerifier({ language: "javascript", limits, runner }), "```js\nthrow new RangeError('bad')\n```", {
      tests: [{ input: "", output: "" }],
    });
    expect((js as { readonly tests: readonly { status: string }[] }).tests[0]?.status).toBe("runtime_error");
  });
  it("gives an empty environment, closed stdin and a fresh working directory", async () => {
    process.env.PASSK_SECRET_FOR_TEST = "leak";
    const program = [
      "import os, sys",
      "data = sys.stdin.read()",
      "again = sys.stdin.read()",
      // Python adds LC_CTYPE itself (PEP 538 locale coercion) and bwrap sets PWD; nothing else may appear.
      "print(sorted(k for k in os.environ if k not in ('LC_CTYPE', 'PWD')))",
      "print(repr(data), repr(again))",
      "print(os.listdir('.'))",
      "open('scratch.txt', 'w').write('x')",
    ].join("\n");
    const plain = codeVerifier({ language: "python", limits, runner: localRunner(), extractCode: false });
    const r = await runVerifier(plain, program, { tests: [{ input: "a\nb", output: "['PATH']\n'a\\nb' ''\n['main.py']\n" }] });
    // Unsandboxed, the same program sees the same environment, and its directory is removed after.
    const u = await runVerifier(codeVerifier({ language: "python", limits, runner: unsandboxed, extractCode: false }), program, {
      tests: [{ input: "a\nb", output: "['PATH']\n'a\\nb' ''\n['main.py']\n" }],
    });
    delete process.env.PASSK_SECRET_FOR_TEST;
    expect(r.status).toBe("correct");
    expect(u.status).toBe("correct");
    expect(readdirSync(base)).toEqual([]);
  });
  it("reports a response without code as unparsed and bad references as errors", async () => {
    const v = codeVerifier({ language: "python", limits, runner });
    expect((await runVerifier(v, "```python\nprint(1)", { tests: [{ input: "", output: "1" }] })).status).toBe("unparsed");
    expect((await runVerifier(v, "print(1)", { tests: [] })).status).toBe("error");
    expect((await runVerifier(v, "print(1)", { tests: [{ kind: "call", fn: "os.system", args: [], expected: 0 }] } as never)).status).toBe("error");
    expect(() => codeVerifier({ language: "ruby" as "python" })).toThrow(InvalidArgumentError);
    expect(() => codeVerifier({ language: "python", limits: { timeoutMs: 0 } })).toThrow(InvalidArgumentError);
  });
  it("runs in the batch runner, producing records", async () => {
    const v = codeVerifier({ language: "python", limits, runner });
    const tests = [{ input: "2 3", output: "5" }];
    const items = [
      { model: "m", problemId: "add", sampleIndex: 0, response: "a, b = map(int, input().split())\nprint(a + b)", reference: { tests } },
      { model: "m", problemId: "add", sampleIndex: 1, response: "a, b = map(int, input().split())\nprint(a * b)", reference: { tests } },
    ];
    const out = await verifyBatch(items, v, { concurrency: 2 });
    expect(out.records.map((r) => r.correct)).toEqual([true, false]);
    expect(processesTagged(tag)).toEqual([]);
    const u = await verifyBatch(items, codeVerifier({ language: "python", limits, runner: unsandboxed }), { concurrency: 2 });
    expect(u.records.map((r) => r.correct)).toEqual([true, false]);
    expect(processesUnder(base)).toEqual([]);
  });
});

describe("output comparison", () => {
  it("compares lines, tokens and JSON values", () => {
    expect(outputMatches("1\r\n2 \n\n", "1\n2")).toBe(true);
    expect(outputMatches("1\n 2", "1\n2")).toBe(false);
    expect(outputMatches("1 2\n", "1 2", "exact")).toBe(false);
    expect(outputMatches(" 1\t2 \n3", "1 2 3", "tokens")).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1, [2, { x: "y" }]], [1, [2, { x: "y" }]])).toBe(true);
    expect(jsonEqual(1, "1")).toBe(false);
  });
});
