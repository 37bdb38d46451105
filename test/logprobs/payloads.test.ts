// Recorded-payload layouts (issue 21): each payload is written by hand, field for field like the
// servers' real JSON (OpenAI chat chunks and Responses events as in the SDK types, llama.cpp's
// /completion chunks and pre-2025 `probs` entries as its server code writes them, TGI's
// Details/BestOfSequence structs, vLLM's choices with stop_reason). Logprobs are logs of dyadic
// probabilities, so every expected value is derived by hand.
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
  PasskError,
  sequenceEntropy,
  sequencePerplexity,
  type LlamaCppTokenProbability,
  type OpenAIChatTokenLogprob,
  type TokenLogprobs,
  type VllmRequestOutputLike,
} from "../../src/index.js";

const L = Math.log;
const bytesOf = (s: string) => Array.from(new TextEncoder().encode(s));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function caught(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("did not throw");
}

const tok = (token: string, p: number, extra: Record<string, unknown> = {}) => ({ token, logprob: L(p), bytes: bytesOf(token), top_logprobs: [], ...extra });

describe("OpenAI chat streams", () => {
  // n = 2, choices interleaved; OpenAI's first chunk carries empty logprobs lists, the finish
  // chunks carry logprobs: null, and with stream_options.include_usage a last chunk has choices: [].
  const base = { id: "chatcmpl-9", object: "chat.completion.chunk", created: 1718000000, model: "gpt-4o-mini", system_fingerprint: "fp_1" };
  const stream = [
    { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "", refusal: null }, logprobs: { content: [], refusal: null }, finish_reason: null }] },
    { ...base, choices: [{ index: 1, delta: { role: "assistant", content: "", refusal: null }, logprobs: { content: [], refusal: null }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: { content: "Yes" }, logprobs: { content: [tok("Yes", 0.5)], refusal: null }, finish_reason: null }] },
    { ...base, choices: [{ index: 1, delta: { content: "No" }, logprobs: { content: [tok("No", 0.25)], refusal: null }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: { content: "." }, logprobs: { content: [tok(".", 0.5)], refusal: null }, finish_reason: null }] },
    { ...base, choices: [{ index: 1, delta: {}, logprobs: null, finish_reason: "stop" }] },
    { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }] },
    { ...base, choices: [], usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } },
  ];

  it("merges the chunks by choice index", () => {
    const [a, b, ...rest] = fromOpenAIChat(stream);
    expect(rest).toEqual([]);
    expect(a?.tokens).toEqual(["Yes", "."]);
    expect(b?.tokens).toEqual(["No"]);
    // choice 0: NLL 2 ln 2 over 2 tokens → PPL 2, over 4 bytes → 0.5 bits per byte
    const r = sequencePerplexity(a as TokenLogprobs);
    expect([r.perplexity, r.bytes, r.bitsPerByte]).toEqual([2, 4, 0.5]);
    expect(sequencePerplexity(b as TokenLogprobs).perplexity).toBe(4);
  });

  it("reports source positions within the merged choice", () => {
    const bad = stream.map((c, i) =>
      i === 4 ? { ...c, choices: [{ index: 0, delta: { content: "." }, logprobs: { content: [tok(".", 0.5, { logprob: -9999 })], refusal: null }, finish_reason: null }] } : c,
    );
    const [a] = fromOpenAIChat(bad);
    const e = caught(() => sequencePerplexity(a as TokenLogprobs)) as InvalidLogprobError;
    expect([e.reason, e.position]).toEqual(["sentinel", 1]);
    const read = caught(() =>
      fromOpenAIChat(stream.map((c, i) => (i === 4 ? { ...c, choices: [{ index: 0, delta: {}, logprobs: { content: [{ token: ".", logprob: "x" }] } }] } : c)) as never),
    ) as InvalidLogprobError;
    expect([read.reason, read.position, read.sequence, read.field]).toEqual(["not-a-number", 1, 0, "response[4].choices[0].logprobs.content[0].logprob"]);
  });

  it("refuses what is not one stream", () => {
    const complete = { id: "x", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "a" }, logprobs: { content: [tok("a", 0.5)] } }] };
    expect(caught(() => fromOpenAIChat([complete, complete] as never))).toBeInstanceOf(InvalidArgumentError);
    expect(() => fromOpenAIChat([complete] as never)).toThrow(/complete chat\.completion, not a stream chunk/);
    expect(() => fromOpenAIChat([stream[2], { ...stream[4], id: "chatcmpl-other" }] as never)).toThrow(/earlier chunks belong to stream/);
    expect(() => fromOpenAIChat([stream[3]] as never)).toThrow(/choice 0 never appears/);
    expect(() => fromOpenAIChat([stream[5], stream[6]] as never)).toThrow(/no chunk of choice 0 carries logprobs \(request logprobs: true\)/);
    expect(() => fromOpenAIChat([stream[7]] as never)).toThrow(/no choices/);
  });
});

describe("OpenAI chat refusals", () => {
  const refusal = [tok("I", 0.5), tok(" can't", 0.5)];
  const response = {
    id: "chatcmpl-r",
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content: null, refusal: "I can't" }, logprobs: { content: null, refusal }, finish_reason: "stop" }],
  };

  it("reads logprobs.refusal on request, and says so when content is null", () => {
    const e = caught(() => fromOpenAIChat(response));
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(e.message).toMatch(/choices\[0\]\.logprobs\.content is null but choices\[0\]\.logprobs\.refusal holds 2 tokens.*channel: "refusal"/);
    const [seq] = fromOpenAIChat(response, { channel: "refusal" });
    expect(seq?.tokens).toEqual(["I", " can't"]);
    expect(sequencePerplexity(seq as TokenLogprobs).perplexity).toBe(2);
    expect(() => fromOpenAIChat(response, { channel: "refusl" as never })).toThrow(/channel must be "content" or "refusal"/);
  });

  it("reads refusal tokens from a stream", () => {
    const chunks = [
      { id: "s", object: "chat.completion.chunk", choices: [{ index: 0, delta: { role: "assistant", refusal: "" }, logprobs: { content: null, refusal: [] }, finish_reason: null }] },
      { id: "s", object: "chat.completion.chunk", choices: [{ index: 0, delta: { refusal: "I can't" }, logprobs: { content: null, refusal }, finish_reason: null }] },
      { id: "s", object: "chat.completion.chunk", choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }] },
    ];
    expect(() => fromOpenAIChat(chunks)).toThrow(/choice 0 has no content logprobs but 2 refusal tokens/);
    expect(fromOpenAIChat(chunks, { channel: "refusal" })[0]?.tokens).toEqual(["I", " can't"]);
  });
});

describe("llama-server chat stream with token ids (byte fallback)", () => {
  // llama.cpp holds back the first byte of "é" (text_to_send "" and no bytes) and sends the whole
  // character with the second byte token; its top_logprobs list each byte token with its own
  // text, which is empty after UTF-8 validation. Matching by text would add the sampled token a
  // second time (p ≈ 1 twice); its id names it.
  const chunk = (content: OpenAIChatTokenLogprob[]) => ({ id: "chatcmpl-l", object: "chat.completion.chunk", model: "qwen", choices: [{ index: 0, finish_reason: null, delta: { content: "x" }, logprobs: { content } }] });
  const stream = [
    chunk([{ id: 1, token: "Caf", bytes: bytesOf("Caf"), logprob: L(0.5), top_logprobs: [{ id: 1, token: "Caf", bytes: bytesOf("Caf"), logprob: L(0.5) }, { id: 7, token: "Ca", bytes: bytesOf("Ca"), logprob: L(0.5) }] }]),
    chunk([{ id: 195, token: "", bytes: [], logprob: L(0.75), top_logprobs: [{ id: 195, token: "", bytes: [195], logprob: L(0.75) }, { id: 196, token: "", bytes: [196], logprob: L(0.25) }] }]),
    chunk([{ id: 169, token: "é", bytes: [195, 169], logprob: L(0.5), top_logprobs: [{ id: 169, token: "", bytes: [169], logprob: L(0.5) }, { id: 168, token: "", bytes: [168], logprob: L(0.5) }] }]),
    { id: "chatcmpl-l", object: "chat.completion.chunk", model: "qwen", choices: [{ index: 0, finish_reason: "stop", delta: {} }], timings: { predicted_n: 3 } },
  ];

  it("keeps the ids and uses them to find the sampled token among the alternatives", () => {
    const [seq] = fromOpenAIChat(stream);
    expect(seq?.tokenIds).toEqual([1, 195, 169]);
    const h = sequenceEntropy(seq as TokenLogprobs);
    // each list is complete (sums to 1) once the sampled token is found in it by id
    expect(Array.from(h.missingMass)).toEqual([0, 0, 0]);
    expect(h.entropyLowerBound[1]).toBeCloseTo(-(0.75 * L(0.75) + 0.25 * L(0.25)), 15);
    // "Café" = 5 bytes: 3 + 0 (held back) + 2
    expect(sequencePerplexity(seq as TokenLogprobs).bytes).toBe(5);
  });
});

describe("OpenAI Responses event streams", () => {
  const lp = (token: string, p: number) => ({ token, logprob: L(p), top_logprobs: [] });
  const finalLp = (token: string, p: number) => ({ token, logprob: L(p), bytes: bytesOf(token), top_logprobs: [] });
  const completed = (logprobs: unknown[]) => ({
    id: "resp_1",
    object: "response",
    status: "completed",
    output: [
      { id: "rs_1", type: "reasoning", summary: [] },
      { id: "msg_1", type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: "Hi there", annotations: [], logprobs }] },
    ],
    usage: { input_tokens: 5, output_tokens: 2, total_tokens: 7 },
  });
  const head = [
    { type: "response.created", sequence_number: 0, response: { id: "resp_1", object: "response", status: "in_progress", output: [] } },
    { type: "response.in_progress", sequence_number: 1, response: { id: "resp_1", object: "response", status: "in_progress", output: [] } },
    { type: "response.output_item.added", sequence_number: 2, output_index: 1, item: { id: "msg_1", type: "message", role: "assistant", status: "in_progress", content: [] } },
    { type: "response.content_part.added", sequence_number: 3, item_id: "msg_1", output_index: 1, content_index: 0, part: { type: "output_text", text: "", annotations: [], logprobs: [] } },
  ];
  const deltas = [
    { type: "response.output_text.delta", sequence_number: 4, item_id: "msg_1", output_index: 1, content_index: 0, delta: "Hi", logprobs: [lp("Hi", 0.5)] },
    { type: "response.output_text.delta", sequence_number: 5, item_id: "msg_1", output_index: 1, content_index: 0, delta: " there", logprobs: [lp(" there", 0.125)] },
  ];
  const tail = (logprobs: unknown[]) => [
    { type: "response.output_text.done", sequence_number: 6, item_id: "msg_1", output_index: 1, content_index: 0, text: "Hi there", logprobs: [] },
    { type: "response.content_part.done", sequence_number: 7, item_id: "msg_1", output_index: 1, content_index: 0, part: { type: "output_text", text: "Hi there", annotations: [], logprobs } },
    { type: "response.output_item.done", sequence_number: 8, output_index: 1, item: completed(logprobs).output[1] },
    { type: "response.completed", sequence_number: 9, response: completed(logprobs) },
  ];
  const full = [finalLp("Hi", 0.5), finalLp(" there", 0.125)];

  it("reads the completed response once, with its bytes, checked against the deltas", () => {
    const seq = fromOpenAIResponses([...head, ...deltas, ...tail(full)]);
    expect(seq.tokens).toEqual(["Hi", " there"]);
    const r = sequencePerplexity(seq);
    // NLL = ln 2 + 3 ln 2 over 2 tokens → PPL 4; 4 bits over 8 bytes
    expect([r.tokens, r.perplexity, r.bytes, r.bitsPerByte]).toEqual([2, 4, 8, 0.5]);
  });

  it("reads the deltas when the recording stops early, or when the final lists are empty (llama.cpp)", () => {
    const truncated = fromOpenAIResponses([...head, ...deltas]);
    expect(truncated.tokens).toEqual(["Hi", " there"]);
    expect(sequencePerplexity(truncated).perplexity).toBe(4);
    expect(fromOpenAIResponses([...head, ...deltas, ...tail([])]).tokens).toEqual(["Hi", " there"]);
  });

  it("refuses disagreeing, failed, reordered or logprob-less streams", () => {
    expect(() => fromOpenAIResponses([...head, ...deltas, ...tail([finalLp("Hi", 0.5)])])).toThrow(/lists 1 tokens but the output_text\.delta events .* list 2/);
    expect(() => fromOpenAIResponses([...head, ...deltas, ...tail([finalLp("Hi", 0.5), finalLp(" there", 0.25)])])).toThrow(/first differing at token 1/);
    const failed = { type: "response.failed", sequence_number: 6, response: { id: "resp_1", status: "failed", error: { code: "server_error", message: "boom" }, output: [] } };
    expect(() => fromOpenAIResponses([...head, ...deltas, failed])).toThrow(/failure at response\[6\] \(response\.failed: boom\)/);
    expect(() => fromOpenAIResponses([...head, deltas[1], deltas[0]] as never)).toThrow(/sequence_number 4 does not follow 5/);
    const noLp = deltas.map((d) => ({ ...d, logprobs: [] }));
    expect(() => fromOpenAIResponses([...head, ...noLp])).toThrow(/logprobs is missing or empty next to non-empty text: request include/);
    expect(() => fromOpenAIResponses([completed(full)] as never)).toThrow(/response\[0\]\.type must be a stream event type/);
  });
});

describe("llama.cpp /completion streams", () => {
  const entry = (id: number, token: string, p: number) => ({ id, token, bytes: bytesOf(token), logprob: L(p), top_logprobs: [{ id, token, bytes: bytesOf(token), logprob: L(p) }] });
  const partial = (content: string, probs: LlamaCppTokenProbability[], n: number) => ({
    index: 0,
    content,
    tokens: [n],
    stop: false,
    id_slot: 0,
    tokens_predicted: n,
    tokens_evaluated: 4,
    completion_probabilities: probs,
  });
  const final = {
    index: 0,
    content: "",
    tokens: [],
    id_slot: 0,
    stop: true,
    model: "gpt-3.5-turbo",
    tokens_predicted: 3,
    tokens_evaluated: 4,
    generation_settings: { n_probs: 1 },
    prompt: "<s> Capital of France:",
    has_new_line: false,
    truncated: false,
    stop_type: "eos",
    stopping_word: "",
    tokens_cached: 6,
    timings: { prompt_n: 4, predicted_n: 3 },
  };
  // the end-of-sequence token renders as "" (special tokens are not printed): 0 bytes
  const stream = [partial(" Paris", [entry(3681, " Paris", 0.5)], 1), partial(".", [entry(13, ".", 0.5)], 2), partial("", [entry(2, "", 0.5)], 3), final];

  it("concatenates the chunks' entries", () => {
    const seq = fromLlamaCpp(stream);
    expect(seq.tokens).toEqual([" Paris", ".", ""]);
    expect(seq.tokenIds).toEqual([3681, 13, 2]);
    const r = sequencePerplexity(seq);
    // NLL 3 ln 2 over 3 tokens → PPL 2; over the 7 bytes of " Paris."
    expect([r.perplexity, r.bytes]).toEqual([2, 7]);
    expect(rel(r.bitsPerByte as number, 3 / 7)).toBeLessThan(1e-15);
  });

  it("recognizes an older server's final chunk that repeats every entry", () => {
    const repeating = [...stream.slice(0, 3), { ...final, completion_probabilities: [entry(3681, " Paris", 0.5), entry(13, ".", 0.5), entry(2, "", 0.5)] }];
    expect(fromLlamaCpp(repeating).tokens).toEqual([" Paris", ".", ""]);
    const other = [...stream.slice(0, 3), { ...final, completion_probabilities: [entry(9, " Lyon", 0.5)] }];
    expect(() => fromLlamaCpp(other)).toThrow(/neither repeats nor extends the 3 entries/);
  });

  it("never concatenates results of several prompts or streams", () => {
    const two = [
      { ...final, index: 0, completion_probabilities: [entry(1, "a", 0.5)] },
      { ...final, index: 1, completion_probabilities: [entry(2, "b", 0.25)] },
    ];
    expect(() => fromLlamaCpp(two)).toThrow(/results of 2 prompts \(index 0, 1\): pass \{ index \}/);
    expect(fromLlamaCpp(two, { index: 1 }).tokens).toEqual(["b"]);
    expect(() => fromLlamaCpp(two, { index: 2 })).toThrow(/no element has index 2/);
    expect(() => fromLlamaCpp([...stream, ...stream])).toThrow(/follows the final chunk response\[3\]/);
    expect(() => fromLlamaCpp([final])).toThrow(/no element of the array carries completion_probabilities \(request n_probs > 0\)/);
  });
});

describe("llama.cpp before 2025: { content, probs: [{ tok_str, prob }] }", () => {
  // server.cpp's probs_vector_to_json of 2023–2024: the sampled token's text and the top n_probs
  // candidates after the samplers; a lone high byte is spelled "byte: \xNN".
  const response = {
    content: " Paris €",
    id_slot: 0,
    stop: true,
    model: "llama-2-7b.Q4_K_M.gguf",
    tokens_predicted: 3,
    stopped_eos: false,
    stopped_limit: true,
    completion_probabilities: [
      { content: " Paris", probs: [{ tok_str: " Paris", prob: 0.5 }, { tok_str: " Lyon", prob: 0.25 }] },
      { content: " ", probs: [{ tok_str: ".", prob: 0.5 }, { tok_str: " ", prob: 0.25 }] },
      { content: "byte: \\xe2", probs: [{ tok_str: "byte: \\xe2", prob: 1 }] },
    ],
  };

  it("reads the sampled token's probability from its candidate entry", () => {
    const seq = fromLlamaCpp(response);
    expect(seq.distribution).toBe("post-sampling");
    expect(seq.tokens).toEqual([" Paris", " ", "byte: \\xe2"]);
    expect(Array.from(seq.logprobs)).toEqual([L(0.5), L(0.25), 0]);
    expect(seq.top?.[0]).toEqual([{ token: " Paris", logprob: L(0.5) }, { token: " Lyon", logprob: L(0.25) }]);
    // bytes: 6 + 1 + 1 (one byte of "€")
    const r = sequencePerplexity(seq);
    expect([r.bytes, r.sumNll]).toEqual([8, 3 * Math.LN2]);
  });

  it("names the token whose probability the candidates do not give", () => {
    const outside = { completion_probabilities: [{ content: " Nice", probs: [{ tok_str: " Paris", prob: 0.5 }] }] };
    const e = caught(() => fromLlamaCpp(outside)) as InvalidLogprobError;
    expect(e).toBeInstanceOf(InvalidLogprobError);
    expect([e.reason, e.position]).toEqual(["null", 0]);
    expect(e.message).toMatch(/" Nice" at position 0 is not among the 1 candidates/);
    const s = fromLlamaCpp(outside, { nullLogprob: "nan" });
    expect(() => sequencePerplexity(s)).toThrow(InvalidLogprobError);
    expect(() => fromLlamaCpp({ completion_probabilities: [{ content: "", probs: [{ tok_str: "", prob: 0.5 }, { tok_str: "", prob: 0.25 }] }] })).toThrow(/twice with different probabilities/);
    expect(() => fromLlamaCpp({ completion_probabilities: [response.completion_probabilities[0], { id: 1, token: "a", logprob: -1 }] } as never)).toThrow(/mixed formats/);
  });
});

describe("TGI", () => {
  const details = {
    finish_reason: "eos_token",
    generated_tokens: 2,
    seed: null,
    prefill: [
      { id: 1, text: "<s>", logprob: null },
      { id: 4272, text: "Capital", logprob: L(0.125) },
    ],
    tokens: [
      { id: 5465, text: " Paris", logprob: L(0.5), special: false },
      { id: 2, text: "</s>", logprob: L(0.5), special: true },
    ],
  };

  it("names decoder_input_details when includePrompt finds no prefill", () => {
    const empty = { generated_text: " Paris", details: { ...details, prefill: [] } };
    const e = caught(() => fromTGI(empty, { includePrompt: true }));
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(e.message).toMatch(/details\.prefill is empty.*decoder_input_details: true/);
    expect(fromTGI(empty).tokens).toEqual([" Paris", "</s>"]);
    const { prefill: _, ...noPrefill } = details;
    expect(() => fromTGI({ details: noPrefill }, { includePrompt: true })).toThrow(/details\.prefill is missing: includePrompt needs the request parameter decoder_input_details: true/);
    expect(() => fromTGI({ details: { ...details, prompt_tokens: 5 } }, { includePrompt: true })).toThrow(/has 2 tokens but details\.prompt_tokens is 5/);
  });

  it("sends a null logprob on a special token to the onInvalid policy", () => {
    // TGI serializes NaN as null; starcoder GPTQ models give <|endoftext|> NaN
    const res = { generated_text: "x = 1", details: { ...details, tokens: [{ id: 87, text: "x = 1", logprob: L(0.25), special: false }, { id: 0, text: "<|endoftext|>", logprob: null, special: true }] } };
    const seq = fromTGI(res);
    const e = caught(() => sequencePerplexity(seq)) as InvalidLogprobError;
    expect([e.reason, e.position]).toEqual(["nan", 1]);
    const r = sequencePerplexity(seq, { onInvalid: "skip" });
    expect([r.tokens, r.skipped, r.perplexity, r.bytes]).toEqual([1, 1, 4, 5]);
    // an ordinary token's null is still an error when read
    const ordinary = { details: { ...details, tokens: [{ id: 87, text: "x", logprob: null, special: false }] } };
    expect((caught(() => fromTGI(ordinary)) as InvalidLogprobError).reason).toBe("null");
  });

  it("never reads an array of several responses from its first element", () => {
    const one = { generated_text: " Paris", details };
    expect(fromTGI([one]).tokens).toEqual([" Paris", "</s>"]);
    expect(() => fromTGI([one, one])).toThrow(/array of 2 TGI responses: pass each one/);
    const events = [
      { index: 1, token: { id: 5465, text: " Paris", logprob: -0.7, special: false }, generated_text: null, details: null },
      { index: 2, token: { id: 2, text: "</s>", logprob: -0.7, special: true }, generated_text: " Paris", details: { finish_reason: "eos_token", generated_tokens: 2, seed: null } },
    ];
    expect(() => fromTGI(events as never)).toThrow(/array of 2 TGI stream events/);
  });

  it("reads best_of_sequences only on request", () => {
    const res = {
      generated_text: " Paris",
      details: {
        ...details,
        best_of_sequences: [
          { generated_text: " Lyon", finish_reason: "length", generated_tokens: 1, seed: 42, prefill: details.prefill, tokens: [{ id: 9, text: " Lyon", logprob: L(0.25), special: false }], top_tokens: [] },
        ],
      },
    };
    expect(() => fromTGI(res)).toThrow(/best_of_sequences holds 1 more candidates \(best_of = 2\): pass candidate: 0/);
    expect(fromTGI(res, { candidate: 0 }).tokens).toEqual([" Paris", "</s>"]);
    const other = fromTGI(res, { candidate: 1, includePrompt: true });
    expect(other.tokens).toEqual(["Capital", " Lyon"]);
    expect(Array.from(other.mask as Uint8Array)).toEqual([0, 1]);
    expect(sequencePerplexity(other).perplexity).toBe(4);
    expect(() => fromTGI(res, { candidate: 2 })).toThrow(/candidate must be in \[0, 1\], got 2/);
    expect(() => fromTGI({ details }, { candidate: 1 })).toThrow(/has no best_of_sequences/);
  });
});

describe("one byte rule for end-of-sequence tokens", () => {
  // The same answer " Paris" + end-of-sequence token, scored alike: NLL 2 ln 2.
  // TGI marks </s> special (0 bytes); vLLM spells it out but leaves it out of the text.
  const eosLp = L(0.5);
  const tgi = fromTGI({ generated_text: " Paris", details: { finish_reason: "eos_token", tokens: [{ id: 5465, text: " Paris", logprob: L(0.5), special: false }, { id: 2, text: "</s>", logprob: eosLp, special: true }] } });
  const vllmChat = {
    id: "chatcmpl-v",
    object: "chat.completion",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: " Paris", reasoning_content: null, tool_calls: [] },
        logprobs: { content: [tok(" Paris", 0.5), { token: "</s>", logprob: eosLp, bytes: bytesOf("</s>"), top_logprobs: [] }] },
        finish_reason: "stop",
        stop_reason: null,
      },
    ],
    prompt_logprobs: null,
  };
  const vllmCompletions = {
    id: "cmpl-v",
    object: "text_completion",
    choices: [{ index: 0, text: " Paris", logprobs: { text_offset: [0, 6], token_logprobs: [L(0.5), eosLp], tokens: [" Paris", "</s>"], top_logprobs: null }, finish_reason: "stop", stop_reason: null, prompt_logprobs: null }],
  };
  const vllmOffline: VllmRequestOutputLike = {
    request_id: "0",
    prompt: "Capital of France:",
    prompt_token_ids: [1, 4272],
    prompt_logprobs: null,
    outputs: [
      {
        index: 0,
        text: " Paris",
        token_ids: [5465, 2],
        cumulative_logprob: 2 * L(0.5),
        logprobs: [{ "5465": { logprob: L(0.5), rank: 1, decoded_token: " Paris" } }, { "2": { logprob: eosLp, rank: 1, decoded_token: "</s>" } }],
        finish_reason: "stop",
        stop_reason: null,
      },
    ],
    finished: true,
  };

  it("gives vLLM and TGI the same bits per byte", () => {
    // 2 ln 2 nats = 2 bits over 6 bytes
    const want = sequencePerplexity(tgi);
    expect(want.bytes).toBe(6);
    expect(rel(want.bitsPerByte as number, 1 / 3)).toBeLessThan(1e-15);
    for (const seq of [fromVllmChat(vllmChat)[0], fromVllmCompletions(vllmCompletions)[0], fromVllm(vllmOffline)[0]]) {
      const r = sequencePerplexity(seq as TokenLogprobs);
      expect([r.bytes, r.bitsPerByte]).toEqual([want.bytes, want.bitsPerByte]);
    }
  });

  it("keeps the bytes of a token that is in the text, or when the finish does not say stop token", () => {
    // skip_special_tokens: false — the text holds "</s>": its 4 bytes count
    const kept = { ...vllmChat, choices: [{ ...vllmChat.choices[0], message: { role: "assistant", content: " Paris</s>" } }] };
    expect(sequencePerplexity(fromVllmChat(kept)[0] as TokenLogprobs).bytes).toBe(10);
    // a stop string ("stop_reason": "\n") or max tokens: the last token is ordinary
    for (const patch of [{ stop_reason: "\n" }, { finish_reason: "length", stop_reason: null }]) {
      const c = { ...vllmCompletions, choices: [{ ...vllmCompletions.choices[0], ...patch }] };
      expect(sequencePerplexity(fromVllmCompletions(c)[0] as TokenLogprobs).bytes).toBe(10);
    }
    // OpenAI writes no stop_reason: nothing changes there
    const openai = { choices: [{ text: " Paris", logprobs: { tokens: [" Paris", "</s>"], token_logprobs: [L(0.5), eosLp] }, finish_reason: "stop" }] };
    expect(sequencePerplexity(fromOpenAICompletions(openai)[0] as TokenLogprobs).bytes).toBe(10);
  });

  it("applies to SGLang's matched stop token", () => {
    const res = {
      text: " Paris",
      meta_info: {
        id: "r1",
        finish_reason: { type: "stop", matched: 2 },
        prompt_tokens: 4,
        completion_tokens: 2,
        output_token_logprobs: [
          [L(0.5), 5465, " Paris"],
          [eosLp, 2, "</s>"],
        ],
      },
    } as const;
    expect(sequencePerplexity(fromSGLang(res)).bytes).toBe(6);
    const byString = { ...res, meta_info: { ...res.meta_info, finish_reason: { type: "stop", matched: "\n" } } };
    expect(sequencePerplexity(fromSGLang(byString)).bytes).toBe(10);
  });
});

describe("positions with the prompt included", () => {
  it("names the source index, not the index after the dropped first prompt token", () => {
    // echo: true — source tokens Q ? A . ; the first has no logprob and is dropped
    const echoed = { choices: [{ text: "Q? A.", logprobs: { tokens: ["Q", "?", " A", "."], token_logprobs: [null, -1, L(0.5), -9999] } }], usage: { prompt_tokens: 2 } };
    const [seq] = fromOpenAICompletions(echoed);
    const e = caught(() => sequencePerplexity(seq as TokenLogprobs)) as InvalidLogprobError;
    expect([e.reason, e.position, e.index]).toEqual(["sentinel", 3, 2]);
    expect(e.message).toMatch(/at position 3 \(index 2 of the normalized arrays\)/);
    const tgi = fromTGI(
      { details: { prefill: [{ id: 1, text: "<s>", logprob: null }, { id: 2, text: "Q", logprob: Number.POSITIVE_INFINITY }], tokens: [{ id: 3, text: "A", logprob: -1, special: false }] } },
      { includePrompt: true, responseStart: 1 },
    );
    const t = caught(() => sequencePerplexity(tgi)) as InvalidLogprobError;
    expect([t.reason, t.position, t.index]).toEqual(["+infinity", 1, 0]);
  });
});

describe("long token lists", () => {
  it("reads 130,000 tokens (past the ~123k where push(...list) overflowed the stack)", () => {
    const many = Array.from({ length: 130_000 }, () => ({ token: "a", logprob: L(0.5) }));
    expect(fromOllama({ logprobs: many }).tokens.length).toBe(130_000);
    const seq = fromOpenAIResponses({ output: [{ type: "message", content: [{ type: "output_text", text: "a".repeat(130_000), logprobs: many }] }] });
    expect(rel(sequencePerplexity(seq).perplexity, 2)).toBeLessThan(1e-10);
  });

  it("refuses two Ollama responses in one array", () => {
    const one = { model: "m", response: "a", done: true, done_reason: "stop", logprobs: [{ token: "a", logprob: -1 }] };
    const e = caught(() => fromOllama([one, one]));
    expect(e).toBeInstanceOf(PasskError);
    expect(e.message).toMatch(/follows response\[0\], the final chunk \(done: true\)/);
  });
});
