// Each fixture is written by hand from the provider's documented response shape, small enough to
// check every number. Logprobs are logs of dyadic probabilities so expected values are exact.
import { describe, expect, it } from "vitest";
import {
  fromLlamaCpp,
  fromOllama,
  fromOpenAIChat,
  fromOpenAICompletions,
  fromOpenAIResponses,
  fromSGLang,
  fromTGI,
  fromVllm,
  fromVllmChat,
  fromVllmCompletions,
  InvalidArgumentError,
  InvalidLogprobError,
  sequencePerplexity,
  type SGLangResponseLike,
  type VllmRequestOutputLike,
  tokenByteLength,
  utf8ByteLength,
} from "../../src/index.js";

const L = Math.log;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const bytesOf = (s: string) => Array.from(new TextEncoder().encode(s));

function caught(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("did not throw");
}

describe("utf8 helpers", () => {
  it("counts UTF-8 bytes and decodes token spellings", () => {
    expect(utf8ByteLength("")).toBe(0);
    expect(utf8ByteLength("aé日🙂")).toBe(1 + 2 + 3 + 4);
    expect(tokenByteLength("bytes:\\xe8\\xa9")).toBe(2);
    expect(tokenByteLength("bytes:\\xf0")).toBe(1);
    expect(tokenByteLength("bytes: plain")).toBe(12);
    expect(tokenByteLength("token_id:42")).toBeUndefined();
    expect(tokenByteLength("ab\uFFFD")).toBeUndefined();
  });
});

describe("fromOpenAIChat", () => {
  const response = {
    id: "chatcmpl-1",
    object: "chat.completion",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: "Yes, é" },
        logprobs: {
          content: [
            { token: "Yes", logprob: L(0.5), bytes: bytesOf("Yes"), top_logprobs: [{ token: "Yes", logprob: L(0.5), bytes: bytesOf("Yes") }, { token: "No", logprob: L(0.25), bytes: bytesOf("No") }] },
            { token: ",", logprob: L(0.25), bytes: [44], top_logprobs: [{ token: ",", logprob: L(0.25), bytes: [44] }] },
            { token: " \\xc3", logprob: L(0.5), bytes: [32, 0xc3], top_logprobs: [] },
            { token: "\\xa9", logprob: L(0.5), bytes: [0xa9], top_logprobs: [] },
          ],
          refusal: null,
        },
        finish_reason: "stop",
      },
      { index: 1, message: { role: "assistant", content: "No" }, logprobs: { content: [{ token: "No", logprob: -9999, bytes: [78, 111], top_logprobs: [] }] } },
    ],
  };

  it("normalizes each choice with bytes and top alternatives", () => {
    const [a, b] = fromOpenAIChat(response);
    expect(a?.source).toBe("openai-chat");
    expect(a?.distribution).toBe("unknown");
    expect(a?.tokens).toEqual(["Yes", ",", " \\xc3", "\\xa9"]);
    expect(Array.from(a?.logprobs ?? [])).toEqual([L(0.5), L(0.25), L(0.5), L(0.5)]);
    expect(a?.bytes).toEqual([3, 1, 2, 1]);
    expect(a?.mask).toBeUndefined();
    expect(a?.top?.[0]).toEqual([{ token: "Yes", logprob: L(0.5) }, { token: "No", logprob: L(0.25) }]);
    expect(a?.top?.[2]).toEqual([]);
    const r = sequencePerplexity(a!);
    // NLL = 5 ln 2 over 4 tokens and 7 bytes ("Yes, é")
    expect(rel(r.perplexity, 2 ** 1.25)).toBeLessThan(1e-15);
    expect(r.bytes).toBe(7);
    expect(rel(r.bitsPerByte as number, 5 / 7)).toBeLessThan(1e-15);
    // choice 1 carries the -9999 sentinel
    expect((caught(() => sequencePerplexity(b!)) as InvalidLogprobError).reason).toBe("sentinel");
  });

  it("rejects missing logprobs and null values with the field path", () => {
    const noLp = caught(() => fromOpenAIChat({ choices: [{ logprobs: null }] }));
    expect(noLp).toBeInstanceOf(InvalidArgumentError);
    expect(noLp.message).toMatch(/choices\[0\]\.logprobs must be an object, got null \(request logprobs: true\)/);
    const nul = caught(() => fromOpenAIChat({ choices: [{ logprobs: { content: [{ token: "a", logprob: -1 }, { token: "b", logprob: null as unknown as number }] } }] }));
    expect(nul).toBeInstanceOf(InvalidLogprobError);
    expect((nul as InvalidLogprobError).position).toBe(1);
    expect((nul as InvalidLogprobError).sequence).toBe(0);
    expect((nul as InvalidLogprobError).reason).toBe("null");
    const str = caught(() => fromOpenAIChat({ choices: [{ logprobs: { content: [{ token: "a", logprob: "-1" as unknown as number }] } }] }));
    expect((str as InvalidLogprobError).reason).toBe("not-a-number");
  });

  it("stores a null as NaN on request, for the metric policy to count", () => {
    const [s] = fromOpenAIChat({ choices: [{ logprobs: { content: [{ token: "a", logprob: L(0.5) }, { token: "b", logprob: null as unknown as number }] } }] }, { nullLogprob: "nan" });
    const r = sequencePerplexity(s!, { onInvalid: "skip" });
    expect([r.tokens, r.skipped]).toEqual([1, 1]);
    expect(rel(r.perplexity, 2)).toBeLessThan(1e-15);
  });

  it("builds a mask from responseStart / responseEnd", () => {
    const one = { choices: [response.choices[0]!] };
    const [s] = fromOpenAIChat(one, { responseStart: 1, responseEnd: 3 });
    expect(Array.from(s!.mask!)).toEqual([0, 1, 1, 0]);
    expect(rel(sequencePerplexity(s!).meanNll, 1.5 * Math.LN2)).toBeLessThan(1e-15);
    expect(() => fromOpenAIChat(one, { responseStart: 5 })).toThrow(/responseStart must be an integer in \[0, 4\], got 5/);
    expect(() => fromOpenAIChat(one, { responseStart: 3, responseEnd: 2 })).toThrow(/is after responseEnd/);
  });
});

describe("fromOpenAICompletions", () => {
  const plain = {
    object: "text_completion",
    choices: [
      {
        text: " Paris",
        index: 0,
        logprobs: { tokens: [" Par", "is"], token_logprobs: [L(0.5), L(0.5)], top_logprobs: [{ " Par": L(0.5), " Lyon": L(0.25) }, { is: L(0.5) }] as Record<string, number>[], text_offset: [14, 18] },
        finish_reason: "length",
      },
    ],
    usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
  };
  // echo: true, max_tokens: 0 — score a given answer embedded in the prompt
  const echoed = {
    choices: [
      {
        text: "Q? A.",
        index: 0,
        logprobs: {
          tokens: ["Q", "?", " A", "."],
          token_logprobs: [null, -6, L(0.25), L(0.5)],
          top_logprobs: [null, { "?": -6 }, { " A": L(0.25) }, { ".": L(0.5) }] as (Record<string, number> | null)[],
          text_offset: [0, 1, 2, 4],
        },
      },
    ],
    usage: { prompt_tokens: 4, completion_tokens: 0 },
  };

  it("reads plain completions with top alternatives", () => {
    const [s] = fromOpenAICompletions(plain);
    expect(s?.source).toBe("openai-completions");
    expect(s?.mask).toBeUndefined();
    expect(s?.top?.[0]).toEqual([{ token: " Par", logprob: L(0.5) }, { token: " Lyon", logprob: L(0.25) }]);
    expect(s?.bytes).toEqual([4, 2]);
    expect(rel(sequencePerplexity(s!).perplexity, 2)).toBeLessThan(1e-15);
  });

  it("drops the null first token of echoed output and locates the response", () => {
    const [byOffset] = fromOpenAICompletions(echoed, { responseStartOffset: 2 });
    expect(byOffset?.unscoredPrefix).toEqual(["Q"]);
    expect(byOffset?.tokens).toEqual(["?", " A", "."]);
    expect(Array.from(byOffset!.mask!)).toEqual([0, 1, 1]);
    // (2 ln 2 + ln 2) / 2
    expect(rel(sequencePerplexity(byOffset!).meanNll, 1.5 * Math.LN2)).toBeLessThan(1e-15);
    const [byIndex] = fromOpenAICompletions(echoed, { responseStart: 2 });
    expect(Array.from(byIndex!.mask!)).toEqual([0, 1, 1]);
    // single choice: usage.prompt_tokens (4) marks everything as prompt here → nothing to score
    const [byUsage] = fromOpenAICompletions(echoed);
    expect(Array.from(byUsage!.mask!)).toEqual([0, 0, 0]);
  });

  it("needs a boundary for echoed output with several choices", () => {
    const two = { choices: [echoed.choices[0]!, echoed.choices[0]!], usage: { prompt_tokens: 4 } };
    expect(() => fromOpenAICompletions(two)).toThrow(/echo: true.*pass responseStart/);
    expect(fromOpenAICompletions(two, { responseStart: 2 })).toHaveLength(2);
  });

  it("refuses the unscored first token inside the response, and nulls elsewhere", () => {
    const e = caught(() => fromOpenAICompletions(echoed, { responseStart: 0 }));
    expect(e).toBeInstanceOf(InvalidArgumentError);
    const bad = { choices: [{ logprobs: { tokens: ["a", "b", "c"], token_logprobs: [null, null, -1] } }] };
    const e2 = caught(() => fromOpenAICompletions(bad, { responseStart: 2 })) as InvalidLogprobError;
    expect([e2.reason, e2.position, e2.sequence]).toEqual(["null", 1, 0]);
  });

  it("rejects arrays of different lengths", () => {
    const bad = { choices: [{ logprobs: { tokens: ["a", "b"], token_logprobs: [-1], text_offset: [0, 1] } }] };
    const e = caught(() => fromOpenAICompletions(bad)) as InvalidLogprobError;
    expect(e).toBeInstanceOf(InvalidLogprobError);
    expect(e.reason).toBe("length-mismatch");
    expect(e.message).toMatch(/choices\[0\]\.logprobs\.token_logprobs has length 1 but choices\[0\]\.logprobs\.tokens has length 2/);
  });

  it("counts bytes of partial-character tokens", () => {
    const s = fromOpenAICompletions({ choices: [{ logprobs: { tokens: ["bytes:\\xe8\\xa9", "bytes:\\xb1"], token_logprobs: [-1, -1] } }] })[0];
    expect(s?.bytes).toEqual([2, 1]);
  });
});

describe("fromOpenAIResponses", () => {
  it("concatenates the logprobs of output_text parts of message items", () => {
    const response = {
      object: "response",
      output: [
        { type: "reasoning", id: "rs_1", summary: [] },
        {
          type: "message",
          role: "assistant",
          content: [
            { type: "output_text", text: "Hi", annotations: [], logprobs: [{ token: "Hi", logprob: L(0.5), bytes: [72, 105], top_logprobs: [{ token: "Hi", logprob: L(0.5), bytes: [72, 105] }] }] },
            { type: "output_text", text: "!", annotations: [], logprobs: [{ token: "!", logprob: L(0.125), bytes: [33], top_logprobs: [] }] },
          ],
        },
      ],
    };
    const s = fromOpenAIResponses(response);
    expect(s.source).toBe("openai-responses");
    expect(s.tokens).toEqual(["Hi", "!"]);
    expect(s.bytes).toEqual([2, 1]);
    expect(rel(sequencePerplexity(s).perplexity, 4)).toBeLessThan(1e-15);
  });

  it("explains a missing include", () => {
    const r = { output: [{ type: "message", content: [{ type: "output_text", text: "x" }] }] };
    expect(() => fromOpenAIResponses(r)).toThrow(/output\[0\]\.content\[0\]\.logprobs is missing or empty next to non-empty text: request include/);
    expect(() => fromOpenAIResponses({ output: [] })).toThrow(/no output_text/);
  });
});

describe("fromVllm (offline RequestOutput)", () => {
  const output: VllmRequestOutputLike = {
    request_id: "0",
    prompt: "2+2=",
    prompt_token_ids: [17, 10, 17, 28],
    prompt_logprobs: [
      null,
      { "10": { logprob: L(0.25), rank: 2, decoded_token: "+" }, "12": { logprob: L(0.5), rank: 1, decoded_token: "-" } },
      { "17": { logprob: L(0.5), rank: 1, decoded_token: "2" } },
      { "28": { logprob: L(0.5), rank: 1, decoded_token: "=" } },
    ],
    outputs: [
      { index: 0, text: "4", token_ids: [19], cumulative_logprob: L(0.5), logprobs: [{ "19": { logprob: L(0.5), rank: 1, decoded_token: "4" }, "20": { logprob: L(0.25), rank: 2, decoded_token: "5" } }], finish_reason: "length" },
      { index: 1, text: "5", token_ids: [20], cumulative_logprob: L(0.25), logprobs: [{ "20": { logprob: L(0.25), rank: 2, decoded_token: "5" }, "19": { logprob: L(0.5), rank: 1, decoded_token: "4" } }], finish_reason: "length" },
    ],
  };

  it("picks the scored token by id and keeps the alternatives", () => {
    const [a, b] = fromVllm(output);
    expect(a?.source).toBe("vllm");
    expect(a?.distribution).toBe("raw");
    expect(a?.tokens).toEqual(["4"]);
    expect(a?.tokenIds).toEqual([19]);
    expect(Array.from(b?.logprobs ?? [])).toEqual([L(0.25)]);
    // JSON objects keyed by integers iterate in ascending key order: alternatives come sorted by id
    expect(b?.top?.[0]).toEqual([{ token: "4", logprob: L(0.5), id: 19 }, { token: "5", logprob: L(0.25), id: 20 }]);
  });

  it("prepends the prompt without its unscored first token; scores a response embedded in the prompt", () => {
    const [a] = fromVllm(output, { includePrompt: true });
    expect(a?.unscoredPrefix).toEqual(["token_id:17"]);
    expect(a?.tokens).toEqual(["+", "2", "=", "4"]);
    expect(Array.from(a!.mask!)).toEqual([0, 0, 0, 1]);
    // score "2=" (prompt positions 2..3) as the response
    const [emb] = fromVllm(output, { includePrompt: true, responseStart: 2, responseEnd: 4 });
    expect(Array.from(emb!.mask!)).toEqual([0, 1, 1, 0]);
    expect(rel(sequencePerplexity(emb!).perplexity, 2)).toBeLessThan(1e-15);
  });

  it("needs token ids when a dict holds alternatives, and rejects a null inside the prompt", () => {
    const noIds = { outputs: [{ logprobs: [{ "1": { logprob: -1 }, "2": { logprob: -2 } }] }] };
    expect(() => fromVllm(noIds)).toThrow(/has 2 entries and no token id says which one is the scored token/);
    const single = fromVllm({ outputs: [{ logprobs: [{ "3": -0.5 }] }] })[0];
    expect(single?.tokens).toEqual(["token_id:3"]);
    expect(Array.from(single?.logprobs ?? [])).toEqual([-0.5]);
    const holes = { prompt_token_ids: [1, 2, 3], prompt_logprobs: [null, null, { "3": { logprob: -1 } }], outputs: [{ token_ids: [4], logprobs: [{ "4": { logprob: -1 } }] }] };
    const e = caught(() => fromVllm(holes, { includePrompt: true })) as InvalidLogprobError;
    expect([e.reason, e.position]).toEqual(["null", 1]);
    expect(() => fromVllm({ outputs: [{ token_ids: [9], logprobs: [{ "4": { logprob: -1 } }] }] })).toThrow(/has no entry for token id 9/);
  });
});

describe("vLLM OpenAI-compatible server", () => {
  it("fromVllmCompletions reads the legacy arrays and the choice's prompt_logprobs", () => {
    const response = {
      object: "text_completion",
      choices: [
        {
          index: 0,
          text: " 4",
          logprobs: { tokens: [" 4"], token_logprobs: [L(0.5)], top_logprobs: [{ " 4": L(0.5) }], text_offset: [4] },
          prompt_logprobs: [null, { "10": { logprob: L(0.125), rank: 4, decoded_token: "+" } }],
        },
      ],
      usage: { prompt_tokens: 2, completion_tokens: 1 },
    };
    const [plain] = fromVllmCompletions(response);
    expect(plain?.source).toBe("vllm-completions");
    expect(plain?.tokens).toEqual([" 4"]);
    const [full] = fromVllmCompletions(response, { includePrompt: true });
    expect(full?.tokens).toEqual(["+", " 4"]);
    expect(full?.tokenIds).toBeUndefined();
    expect(Array.from(full!.mask!)).toEqual([0, 1]);
    expect(rel(sequencePerplexity(full!, { positions: "all" }).perplexity, 4)).toBeLessThan(1e-15);
    const echoed = { choices: [{ logprobs: { tokens: ["a", "b"], token_logprobs: [null, -1] }, prompt_logprobs: [null] }] };
    expect(() => fromVllmCompletions(echoed, { includePrompt: true })).toThrow(/already holds the prompt/);
  });

  it("fromVllmChat reads the top-level prompt_logprobs and uses promptTokenIds to pick entries", () => {
    const response = {
      object: "chat.completion",
      choices: [{ index: 0, message: { role: "assistant", content: "ok" }, logprobs: { content: [{ token: "ok", logprob: L(0.5), bytes: [111, 107], top_logprobs: [] }] } }],
      prompt_logprobs: [null, { "5": { logprob: L(0.25), rank: 2, decoded_token: "hi" }, "6": { logprob: L(0.5), rank: 1, decoded_token: "yo" } }],
    };
    expect(() => fromVllmChat(response, { includePrompt: true })).toThrow(/provide prompt_token_ids/);
    const [s] = fromVllmChat(response, { includePrompt: true, promptTokenIds: [1, 5] });
    expect(s?.source).toBe("vllm-chat");
    expect(s?.tokens).toEqual(["hi", "ok"]);
    expect(Array.from(s?.logprobs ?? [])).toEqual([L(0.25), L(0.5)]);
    expect(Array.from(s!.mask!)).toEqual([0, 1]);
    expect(() => fromVllmChat({ choices: [], prompt_logprobs: null }, { includePrompt: true })).toThrow(/request prompt_logprobs/);
  });
});

describe("fromSGLang", () => {
  const response: SGLangResponseLike = {
    text: " 4",
    meta_info: {
      id: "abc",
      prompt_tokens: 3,
      completion_tokens: 2,
      input_token_logprobs: [[null, 1, null], [L(0.25), 2, null], [L(0.5), 3, null]],
      output_token_logprobs: [[L(0.5), 4, null], [L(0.5), 5, null]],
      input_top_logprobs: [null, [[L(0.5), 7, null]], [[L(0.5), 3, null]]],
      output_top_logprobs: [[[L(0.5), 4, null], [L(0.25), 6, null]], [[L(0.5), 5, null]]],
    },
  };

  it("reads triples with null text as token ids", () => {
    const s = fromSGLang(response);
    expect(s.source).toBe("sglang");
    expect(s.tokens).toEqual(["token_id:4", "token_id:5"]);
    expect(s.tokenIds).toEqual([4, 5]);
    expect(s.bytes).toBeUndefined();
    expect(s.top?.[0]).toEqual([{ token: "token_id:4", logprob: L(0.5), id: 4 }, { token: "token_id:6", logprob: L(0.25), id: 6 }]);
    expect(rel(sequencePerplexity(s).perplexity, 2)).toBeLessThan(1e-15);
  });

  it("prepends input tokens with the null first entry dropped", () => {
    const s = fromSGLang(response, { includePrompt: true });
    expect(s.tokenIds).toEqual([2, 3, 4, 5]);
    expect(s.unscoredPrefix).toEqual(["token_id:1"]);
    expect(Array.from(s.mask!)).toEqual([0, 0, 1, 1]);
    expect(s.top?.[0]).toEqual([{ token: "token_id:7", logprob: L(0.5), id: 7 }]);
  });

  it("accepts [logprob, id] pairs and rejects a top list of the wrong length", () => {
    const s = fromSGLang({ meta_info: { output_token_logprobs: [[-1, 9]] } });
    expect(s.tokens).toEqual(["token_id:9"]);
    const bad: SGLangResponseLike = { meta_info: { output_token_logprobs: [[-1, 9]], output_top_logprobs: [] } };
    expect((caught(() => fromSGLang(bad)) as InvalidLogprobError).reason).toBe("length-mismatch");
  });
});

describe("fromTGI", () => {
  const response = {
    generated_text: " Paris",
    details: {
      finish_reason: "eos_token",
      generated_tokens: 2,
      seed: null,
      prefill: [{ id: 1, text: "<s>", logprob: null }, { id: 415, text: "The", logprob: L(0.125) }],
      tokens: [
        { id: 5465, text: " Paris", logprob: L(0.5), special: false },
        { id: 2, text: "</s>", logprob: L(0.5), special: true },
      ],
      top_tokens: [
        [{ id: 5465, text: " Paris", logprob: L(0.5), special: false }, { id: 7, text: " Rome", logprob: L(0.25), special: false }],
        [{ id: 2, text: "</s>", logprob: L(0.5), special: true }],
      ],
    },
  };

  it("reads generated tokens, top tokens and zero bytes for special tokens", () => {
    const s = fromTGI(response);
    expect(s.source).toBe("tgi");
    expect(s.distribution).toBe("post-sampling");
    expect(s.bytes).toEqual([6, 0]);
    expect(s.top?.[0]?.[1]).toEqual({ token: " Rome", logprob: L(0.25), id: 7 });
    const r = sequencePerplexity(s);
    expect(rel(r.perplexity, 2)).toBeLessThan(1e-15);
    expect(rel(r.bitsPerByte as number, 2 / 6)).toBeLessThan(1e-15);
  });

  it("prepends prefill, accepting a missing or NaN first logprob; reads a wrapped array", () => {
    const s = fromTGI([response], { includePrompt: true });
    expect(s.tokens).toEqual(["The", " Paris", "</s>"]);
    expect(s.unscoredPrefix).toEqual(["<s>"]);
    expect(Array.from(s.mask!)).toEqual([0, 1, 1]);
    const missing = { details: { prefill: [{ id: 1, text: "<s>" }, { id: 2, text: "a", logprob: -1 }], tokens: [] } };
    expect(fromTGI(missing, { includePrompt: true }).tokens).toEqual(["a"]);
    const nan = { details: { prefill: [{ id: 1, text: "<s>", logprob: Number.NaN }], tokens: [] } };
    expect(fromTGI(nan, { includePrompt: true }).unscoredPrefix).toEqual(["<s>"]);
    expect(() => fromTGI({ generated_text: "x" } as never)).toThrow(/details must be an object, got undefined \(request details: true\)/);
  });
});

describe("fromLlamaCpp", () => {
  it("reads logprob entries as the raw distribution; −3.4e38 is a sentinel", () => {
    const response = {
      content: "Hi!",
      completion_probabilities: [
        { id: 10, token: "Hi", bytes: [72, 105], logprob: L(0.5), top_logprobs: [{ id: 10, token: "Hi", bytes: [72, 105], logprob: L(0.5) }, { id: 11, token: "Yo", bytes: [89, 111], logprob: -3.4028234663852886e38 }] },
        { id: 12, token: "!", bytes: [33], logprob: L(0.5), top_logprobs: [] },
      ],
    };
    const s = fromLlamaCpp(response);
    expect(s.source).toBe("llama.cpp");
    expect(s.distribution).toBe("raw");
    expect(s.tokenIds).toEqual([10, 12]);
    expect(s.bytes).toEqual([2, 1]);
    expect(rel(sequencePerplexity(s).perplexity, 2)).toBeLessThan(1e-15);
    const zero = fromLlamaCpp({ completion_probabilities: [{ id: 1, token: "x", logprob: -3.4028234663852886e38 }] });
    expect((caught(() => sequencePerplexity(zero)) as InvalidLogprobError).reason).toBe("sentinel");
  });

  it("converts post-sampling probabilities with log; probability 0 goes to the policy", () => {
    const response = {
      content: "ab",
      completion_probabilities: [
        { id: 1, token: "a", bytes: [97], prob: 0.25, top_probs: [{ id: 1, token: "a", bytes: [97], prob: 0.25 }, { id: 3, token: "c", bytes: [99], prob: 0.75 }] },
        { id: 2, token: "b", bytes: [98], prob: 0, top_probs: [] },
      ],
    };
    const s = fromLlamaCpp(response);
    expect(s.distribution).toBe("post-sampling");
    expect(Array.from(s.logprobs)).toEqual([L(0.25), Number.NEGATIVE_INFINITY]);
    expect(s.top?.[0]?.[1]).toEqual({ token: "c", logprob: L(0.75), id: 3 });
    expect((caught(() => sequencePerplexity(s)) as InvalidLogprobError).reason).toBe("-infinity");
    const r = sequencePerplexity(s, { onInvalid: "skip" });
    expect([r.tokens, r.skipped]).toEqual([1, 1]);
    expect(rel(r.perplexity, 4)).toBeLessThan(1e-15);
  });

  it("rejects probabilities outside [0, 1] and mixed entries", () => {
    const e = caught(() => fromLlamaCpp({ completion_probabilities: [{ token: "a", prob: 1.5 }] })) as InvalidLogprobError;
    expect([e.reason, e.position]).toEqual(["probability-out-of-range", 0]);
    expect(() => fromLlamaCpp({ completion_probabilities: [{ token: "a", prob: 0.5 }, { token: "b", logprob: -1 }] })).toThrow(/mixed formats/);
    expect(() => fromLlamaCpp({ completion_probabilities: [{ text: "a", p: 0.5 } as never] })).toThrow(/none of logprob, prob, or content \+ probs/);
  });
});

describe("fromOllama", () => {
  it("reads /api/generate and /api/chat responses and streamed chunks", () => {
    const generate = {
      model: "gemma3",
      response: "Hi",
      done: true,
      logprobs: [{ token: "Hi", logprob: L(0.25), bytes: [72, 105], top_logprobs: [{ token: "Hi", logprob: L(0.25), bytes: [72, 105] }, { token: "Hey", logprob: L(0.5), bytes: [72, 101, 121] }] }],
    };
    const g = fromOllama(generate);
    expect(g.source).toBe("ollama");
    expect(g.top?.[0]?.length).toBe(2);
    expect(rel(sequencePerplexity(g).perplexity, 4)).toBeLessThan(1e-15);
    const chat = [
      { model: "gemma3", message: { role: "assistant", content: "A" }, done: false, logprobs: [{ token: "A", logprob: L(0.5) }] },
      { model: "gemma3", message: { role: "assistant", content: "B" }, done: false, logprobs: [{ token: "B", logprob: L(0.125) }] },
      { model: "gemma3", message: { role: "assistant", content: "" }, done: true, done_reason: "stop" },
    ];
    const c = fromOllama(chat);
    expect(c.tokens).toEqual(["A", "B"]);
    expect(c.bytes).toEqual([1, 1]);
    expect(rel(sequencePerplexity(c).perplexity, 4)).toBeLessThan(1e-15);
    // positions continue across chunks
    const e = caught(() => sequencePerplexity(fromOllama([{ logprobs: [{ token: "A", logprob: -1 }] }, { logprobs: [{ token: "B", logprob: Number.NaN }] }])));
    expect((e as InvalidLogprobError).position).toBe(1);
    const e2 = caught(() => fromOllama([{ logprobs: [{ token: "A", logprob: -1 }] }, { logprobs: [{ token: "B", logprob: null as unknown as number }] }]));
    expect([(e2 as InvalidLogprobError).reason, (e2 as InvalidLogprobError).position]).toEqual(["null", 1]);
    expect(() => fromOllama({ model: "x", response: "hi" } as never)).toThrow(/request logprobs: true/);
  });
});
