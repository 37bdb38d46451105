// passk verifiers as autoevals / Braintrust scorers, and autoevals scorers as passk verifiers.
import { Levenshtein, NumericDiff } from "autoevals";
import { extractFinalNumber, fromAutoevalsScorer, gsm8kMatch, runVerifier, toAutoevalsScorer } from "../../../src/index.js";
import { codeVerifier, type CodeTest } from "../../../src/node/index.js";

// passk → autoevals: the scorer is named after the verifier ("gsm8kMatch"); a verification that
// fails (error, timeout) throws VerificationFailedError instead of scoring 0.
const gsm8k = toAutoevalsScorer(gsm8kMatch());
const score = await gsm8k({ input: "2 + 2?", output: "2 + 2 = 4\n#### 4", expected: "4" });
console.log(score); // { name: "gsm8kMatch", score: 1, metadata: { status: "correct", correct: true, extracted: "4" } }
// In Braintrust: Eval("gsm8k", { data, task, scores: [gsm8k] })

// A structured reference is mapped explicitly: here the code verifier's tests come from an
// argument of their own, so the scorer is an autoevals Scorer<string, { tests: CodeTest[] }>.
export const tests = toAutoevalsScorer(codeVerifier({ language: "python" }), {
  name: "unit tests",
  reference: (args: { output: string; tests: CodeTest[] }) => ({ tests: args.tests }),
});

// autoevals → passk: the scorer's arguments are built explicitly when they are not
// { output: string, expected }. A response without a number is "unparsed", not an error.
const numeric = fromAutoevalsScorer(NumericDiff, {
  threshold: 0.99,
  args: (response, reference: number) => {
    const got = extractFinalNumber(response);
    return got === undefined ? undefined : { output: got.value, expected: reference };
  },
});
console.log((await runVerifier(numeric, "The total is 1,250.", 1250)).status); // correct
console.log((await runVerifier(fromAutoevalsScorer(Levenshtein, { threshold: 0.8 }), "Pariss", "Paris")).status); // correct
