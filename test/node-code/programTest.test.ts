// Program tests: the checks run after the candidate in one process; a pass needs exit 0 and the
// end-of-checks marker. The Python cases of HumanEval (sys.exit, swallowed stdout, asserts) are in
// test/cli/humanEval.test.ts; here JavaScript, a candidate that closes stdout, and reference checks.
import { describe, expect, it } from "vitest";
import { runVerifier } from "../../src/index.js";
import { codeVerifier, humanEvalReference, localRunner, type CodeReference, type CodeVerifierResult } from "../../src/node/code/index.js";

const runner = localRunner();
const limits = { timeoutMs: 3000, memoryMb: 256 };

describe("program tests", () => {
  it("runs JavaScript checks after the candidate; process.exit(0) before them fails", async () => {
    const v = codeVerifier({ language: "javascript", runner, limits, extractCode: false, scoring: "fraction" });
    const tests = [{ kind: "program" as const, code: "const assert = require('assert');\nassert.strictEqual(inc(1), 2);" }];
    const ok = (await runVerifier(v, "function inc(x) { return x + 1; }", { tests })) as CodeVerifierResult;
    const early = (await runVerifier(v, "function inc(x) { return x + 1; }\nprocess.exit(0);", { tests })) as CodeVerifierResult;
    expect([ok.status, early.status, early.tests[0]?.status]).toEqual(["correct", "wrong", "wrong_answer"]);
  });

  it("fails a Python candidate that closes stdout, since the marker cannot be written", async () => {
    const v = codeVerifier({ language: "python", runner, limits, extractCode: false });
    const ref = humanEvalReference({ task_id: "T/0", prompt: "def one():\n", entry_point: "one", test: "def check(f):\n    assert f() == 1\n" });
    const closed = (await runVerifier(v, "    return 1\nimport os\nos.close(1)\n", ref)) as CodeVerifierResult;
    expect(closed.status).toBe("wrong");
    expect(closed.tests[0]?.status).not.toBe("passed");
  });

  it("rejects malformed program tests and preludes as errors naming the field", async () => {
    const v = codeVerifier({ language: "python", runner, limits });
    const bad = await runVerifier(v, "```python\npass\n```", { tests: [{ kind: "program", code: 3 }] } as unknown as CodeReference);
    expect(bad.status).toBe("error");
    expect(bad.reason).toContain("reference.tests[0] must be");
    const prelude = await runVerifier(v, "```python\npass\n```", { prelude: 1, tests: [{ kind: "program", code: "" }] } as unknown as CodeReference);
    expect(prelude.reason).toContain("reference.prelude must be a string");
    expect(() => humanEvalReference({ task_id: "T/1", prompt: "", test: "" })).toThrow("HumanEval problem T/1: entry_point must be a string, got nothing");
  });
});
