// The official `openai` SDK's response types must be accepted by the OpenAI and vLLM adapters
// without casts. `npx tsc --noEmit -p .` compiles this file (the tsconfig includes test/); the
// runtime checks then read each SDK-typed object and compare with hand-derived values.
// The SDK is a devDependency used for its types only: nothing here imports it at run time.
import type { ChatCompletion, ChatCompletionChunk } from "openai/resources/chat/completions";
import type { Completion } from "openai/resources/completions";
import type { Response, ResponseStreamEvent } from "openai/resources/responses/responses";
import { describe, expect, it } from "vitest";
import {
  fromOpenAIChat,
  fromOpenAICompletions,
  fromOpenAIResponses,
  fromVllmChat,
  fromVllmCompletions,
  sequencePerplexity,
  type TokenLogprobs,
} from "../../src/index.js";

const L = Math.log;

// Compile-time: every adapter takes the SDK type as it is declared (no cast, no wrapper).
export function readChat(r: ChatCompletion): TokenLogprobs[] {
  return fromOpenAIChat(r);
}
export function readChatStream(chunks: ChatCompletionChunk[]): TokenLogprobs[] {
  return fromOpenAIChat(chunks);
}
export function readCompletion(r: Completion): TokenLogprobs[] {
  return fromOpenAICompletions(r);
}
export function readResponse(r: Response): TokenLogprobs {
  return fromOpenAIResponses(r);
}
export function readResponseStream(events: ResponseStreamEvent[]): TokenLogprobs {
  return fromOpenAIResponses(events);
}
export function readVllmChat(r: ChatCompletion): TokenLogprobs[] {
  return fromVllmChat(r);
}
export function readVllmCompletion(r: Completion): TokenLogprobs[] {
  return fromVllmCompletions(r);
}

const chat: ChatCompletion = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "gpt-4o-mini",
  choices: [
    {
      index: 0,
      finish_reason: "stop",
      message: { role: "assistant", content: "Hi!", refusal: null },
      logprobs: {
        content: [
          { token: "Hi", logprob: L(0.5), bytes: [72, 105], top_logprobs: [{ token: "Hi", logprob: L(0.5), bytes: [72, 105] }] },
          { token: "!", logprob: L(0.125), bytes: [33], top_logprobs: [] },
        ],
        refusal: null,
      },
    },
  ],
};

const chunks: ChatCompletionChunk[] = [
  { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null, logprobs: null }] },
  {
    id: "c",
    object: "chat.completion.chunk",
    created: 1,
    model: "m",
    choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: null, logprobs: { content: [{ token: "Hi", logprob: L(0.5), bytes: [72, 105], top_logprobs: [] }], refusal: null } }],
  },
  {
    id: "c",
    object: "chat.completion.chunk",
    created: 1,
    model: "m",
    choices: [{ index: 0, delta: { content: "!" }, finish_reason: null, logprobs: { content: [{ token: "!", logprob: L(0.125), bytes: [33], top_logprobs: [] }], refusal: null } }],
  },
  { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: {}, finish_reason: "stop", logprobs: null }] },
  { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
];

const completion: Completion = {
  id: "cmpl-1",
  object: "text_completion",
  created: 1,
  model: "gpt-3.5-turbo-instruct",
  choices: [
    {
      index: 0,
      finish_reason: "length",
      text: " Paris",
      logprobs: { tokens: [" Par", "is"], token_logprobs: [L(0.5), L(0.125)], top_logprobs: [{ " Par": L(0.5) }, { is: L(0.125) }], text_offset: [10, 14] },
    },
  ],
  usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 },
};

const response: Response = {
  id: "resp_1",
  object: "response",
  created_at: 1,
  model: "gpt-4o-mini",
  output_text: "Hi!",
  error: null,
  incomplete_details: null,
  instructions: null,
  metadata: null,
  parallel_tool_calls: true,
  temperature: 1,
  tool_choice: "auto",
  tools: [],
  top_p: 1,
  output: [
    { type: "reasoning", id: "rs_1", summary: [] },
    {
      type: "message",
      id: "msg_1",
      role: "assistant",
      status: "completed",
      content: [
        {
          type: "output_text",
          text: "Hi!",
          annotations: [],
          logprobs: [
            { token: "Hi", logprob: L(0.5), bytes: [72, 105], top_logprobs: [] },
            { token: "!", logprob: L(0.125), bytes: [33], top_logprobs: [] },
          ],
        },
      ],
    },
  ],
};

const events: ResponseStreamEvent[] = [
  { type: "response.created", sequence_number: 0, response: { ...response, output: [], output_text: "" } },
  { type: "response.output_text.delta", sequence_number: 1, item_id: "msg_1", output_index: 1, content_index: 0, delta: "Hi", logprobs: [{ token: "Hi", logprob: L(0.5), top_logprobs: [] }] },
  { type: "response.output_text.delta", sequence_number: 2, item_id: "msg_1", output_index: 1, content_index: 0, delta: "!", logprobs: [{ token: "!", logprob: L(0.125), top_logprobs: [] }] },
  { type: "response.completed", sequence_number: 3, response },
];

describe("openai SDK types", () => {
  // NLL = ln 2 + 3 ln 2 = 4 ln 2 over 2 tokens → PPL 4; over 3 bytes ("Hi!") → 4/3 bits per byte.
  const expectHiBang = (seq: TokenLogprobs | undefined) => {
    expect(seq?.tokens).toEqual(["Hi", "!"]);
    const r = sequencePerplexity(seq as TokenLogprobs);
    expect(r.perplexity).toBeCloseTo(4, 14);
    expect(r.bytes).toBe(3);
    expect(r.bitsPerByte).toBeCloseTo(4 / 3, 14);
  };

  it("reads a ChatCompletion with fromOpenAIChat and fromVllmChat", () => {
    expectHiBang(readChat(chat)[0]);
    expectHiBang(readVllmChat(chat)[0]);
    expect(readVllmChat(chat)[0]?.source).toBe("vllm-chat");
  });

  it("reads ChatCompletionChunk[] as one stream", () => {
    const seqs = readChatStream(chunks);
    expect(seqs).toHaveLength(1);
    expectHiBang(seqs[0]);
  });

  it("reads a Completion with fromOpenAICompletions and fromVllmCompletions", () => {
    for (const [seq] of [readCompletion(completion), readVllmCompletion(completion)]) {
      expect(seq?.tokens).toEqual([" Par", "is"]);
      // NLL = 4 ln 2 over 2 tokens → PPL 4
      expect(sequencePerplexity(seq as TokenLogprobs).perplexity).toBeCloseTo(4, 14);
    }
  });

  it("reads a Response and its stream events", () => {
    expectHiBang(readResponse(response));
    // the completed response agrees with the deltas, and brings the bytes
    expectHiBang(readResponseStream(events));
  });
});
