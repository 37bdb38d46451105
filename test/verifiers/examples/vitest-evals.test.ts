// passk verifiers as vitest-evals judges (a runnable vitest test).
import { expect, it } from "vitest";
import { type JudgeOptions } from "vitest-evals";
import { gsm8kMatch, toVitestEvalsJudge } from "../../../src/index.js";

// vitest-evals' judge context has no `expected`: it is a parameter of the assertion, typed here.
const Gsm8kJudge = toVitestEvalsJudge<JudgeOptions<unknown, string, { expected: string }>>(gsm8kMatch());

it("solves the clip problem", async () => {
  const output = "48 + 48 / 2 = 72\n#### 72"; // in a suite: (await run(input)).output
  // passes with score 1; a wrong answer fails with 'gsm8kMatch: wrong (extracted "70"): expected 72, got 70';
  // a verifier error throws VerificationFailedError rather than scoring 0
  await expect(output).toSatisfyJudge(Gsm8kJudge, { expected: "72" });
});
