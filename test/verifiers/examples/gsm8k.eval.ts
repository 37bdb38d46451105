// passk verifiers as evalite scorers: `evalite watch` picks up *.eval.ts files.
import { createScorer, evalite } from "evalite";
import { fromEvaliteScorer, gsm8kMatch, numericMatch, toEvaliteScorer } from "../../../src/index.js";

evalite<string, string, string>("GSM8K", {
  data: [{ input: "Natalia sold 48 clips in April and half as many in May. How many in total?", expected: "72" }],
  task: async (input) => `48 + 48 / 2 = 72\n#### 72 (for: ${input})`,
  scorers: [
    // named "gsm8kMatch" in the UI; an error or timeout fails the example instead of scoring 0
    toEvaliteScorer(gsm8kMatch()),
    // or mapped explicitly, here the final number of the output against expected
    toEvaliteScorer(numericMatch(), { name: "final number", reference: ({ expected }: { output: string; expected?: string }) => Number(expected) }),
  ],
});

// evalite → passk: a scorer that reads the input gets it through an explicit mapping.
const answersTheQuestion = createScorer<string, string, string>({
  name: "Answers the question",
  scorer: ({ input, output }) => (output.includes(input.split(" ")[0] ?? "") ? 1 : 0),
});
export const verifier = fromEvaliteScorer(answersTheQuestion, {
  name: "Answers the question",
  args: (response, reference: { question: string; answer: string }) => ({ input: reference.question, output: response, expected: reference.answer }),
});
