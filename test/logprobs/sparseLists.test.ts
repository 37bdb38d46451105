// Top lists and token ids are often absent for some or all tokens; the adapters make their arrays
// only when one shows up. Expected values are read off the payloads by hand.
import { describe, expect, it } from "vitest";
import { fromOpenAICompletions, fromSGLang } from "../../src/index.js";

describe("adapters with sparse top lists and ids", () => {
  it("gives an empty list to tokens without alternatives when some have them", () => {
    const [seq] = fromOpenAICompletions({
      choices: [{ logprobs: { tokens: ["a", " b", "c"], token_logprobs: [-1, -2, -0.5], top_logprobs: [null, { " b": -2, " d": -3 }, null] } }],
    });
    expect(seq!.top).toEqual([[], [{ token: " b", logprob: -2 }, { token: " d", logprob: -3 }], []]);
    // The empty lists are distinct arrays, not one shared one.
    expect(seq!.top![0]).not.toBe(seq!.top![2]);
  });

  it("has no top lists when no token has alternatives, and no ids when the first token has none", () => {
    const [seq] = fromOpenAICompletions({ choices: [{ logprobs: { tokens: ["a", "b"], token_logprobs: [-1, -2], top_logprobs: [null, {}] } }] });
    expect(seq!.top).toBeUndefined();
    expect(seq!.tokenIds).toBeUndefined();
    expect(seq!.bytes).toEqual([1, 1]);
  });

  it("keeps ids when every token has one (SGLang triples)", () => {
    const seq = fromSGLang({ meta_info: { input_token_logprobs: [], output_token_logprobs: [[-1, 7, "a"], [-2, 9, "\u00e9"]] } });
    expect(seq.tokenIds).toEqual([7, 9]);
    expect(seq.bytes).toEqual([1, 2]);
  });
});
