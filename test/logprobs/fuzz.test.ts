// Fuzz over every adapter and bare arrays (issue 15): build a valid payload in the adapter's
// layout, plant one bad value (a wrong-typed or missing logprob, an invalid number, a bad
// alternative, a bad token text), read it and score it. The outcome must be a typed PasskError
// naming the planted position, or a result whose skipped/zeroed counts say exactly what was left
// out and whose NLL equals a reference sum over the other values (same order, so bit for bit).
// Never a different number without a word. Every (reader, plant, policy) combination runs on
// seeded random payloads: 1,924 cases per run.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EmptyDatasetError,
  fromLlamaCpp,
  fromOllama,
  fromOpenAIChat,
  fromOpenAICompletions,
  fromOpenAIResponses,
  fromSGLang,
  fromTGI,
  fromVllm,
  fromVllmChat,
  InvalidLogprobError,
  PasskError,
  sequencePerplexity,
  type LogprobInput,
} from "../../src/index.js";

const MISSING = Symbol("missing");

/** One token as planted: its logprob, an alternative's logprob, and its text (any of them may be bad). */
interface Tok {
  readonly text: unknown;
  readonly lp: unknown;
  readonly alt: unknown;
  readonly id: number;
}

const put = (key: string, v: unknown): Record<string, unknown> => (v === MISSING ? {} : { [key]: v });
const arr = (v: unknown): unknown => (v === MISSING ? undefined : v);
const chat = (t: Tok) => ({ token: t.text, ...put("logprob", t.lp), bytes: null, top_logprobs: [{ token: "alt", ...put("logprob", t.alt), bytes: null }] });

/** Splits tokens into stream chunks of 1–3 tokens (deterministic). */
function chunked<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; ) {
    const size = 1 + (i % 3);
    out.push(items.slice(i, i + size));
    i += size;
  }
  return out;
}

type Reader = (toks: readonly Tok[]) => LogprobInput;

// Each reader builds the payload in its server's layout and normalizes it (first sequence).
const READERS: Record<string, { read: Reader; hasTop: boolean; hasText: boolean; nullTextOk: boolean }> = {
  bare: { read: (toks) => toks.map((t) => arr(t.lp)) as number[], hasTop: false, hasText: false, nullTextOk: true },
  "openai-chat": {
    read: (toks) => fromOpenAIChat({ choices: [{ index: 0, logprobs: { content: toks.map(chat), refusal: null } }] } as never)[0] as LogprobInput,
    hasTop: true,
    hasText: true,
    nullTextOk: false,
  },
  "openai-chat-stream": {
    read: (toks) =>
      fromOpenAIChat([
        { id: "s", object: "chat.completion.chunk", choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }] },
        ...chunked(toks).map((c) => ({ id: "s", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content: "x" }, logprobs: { content: c.map(chat), refusal: null }, finish_reason: null }] })),
        { id: "s", object: "chat.completion.chunk", choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }] },
        { id: "s", object: "chat.completion.chunk", choices: [] },
      ] as never)[0] as LogprobInput,
    hasTop: true,
    hasText: true,
    nullTextOk: false,
  },
  "openai-completions": {
    read: (toks) =>
      fromOpenAICompletions({
        choices: [{ text: "x", logprobs: { tokens: toks.map((t) => t.text), token_logprobs: toks.map((t) => arr(t.lp)), top_logprobs: toks.map((t) => (t.alt === MISSING ? {} : { alt: t.alt })) } }],
      } as never)[0] as LogprobInput,
    hasTop: true,
    hasText: true,
    nullTextOk: false,
  },
  responses: {
    read: (toks) => fromOpenAIResponses({ output: [{ type: "message", content: [{ type: "output_text", text: "x", logprobs: toks.map(chat) }] }] } as never),
    hasTop: true,
    hasText: true,
    nullTextOk: false,
  },
  "responses-stream": {
    read: (toks) =>
      fromOpenAIResponses(
        chunked(toks).map((c, i) => ({ type: "response.output_text.delta", sequence_number: i, item_id: "m", output_index: 0, content_index: 0, delta: "x", logprobs: c.map(chat) })) as never,
      ),
    hasTop: true,
    hasText: true,
    nullTextOk: false,
  },
  vllm: {
    read: (toks) =>
      fromVllm({
        outputs: [
          {
            token_ids: toks.map((t) => t.id),
            logprobs: toks.map((t) => ({
              [String(t.id)]: { ...put("logprob", t.lp), rank: 1, decoded_token: t.text },
              [String(t.id + 1000)]: { ...put("logprob", t.alt), rank: 2, decoded_token: "alt" },
            })),
          },
        ],
      } as never)[0] as LogprobInput,
    hasTop: true,
    hasText: true,
    nullTextOk: true,
  },
  "vllm-chat": {
    read: (toks) => fromVllmChat({ choices: [{ index: 0, logprobs: { content: toks.map(chat) } }], prompt_logprobs: null } as never)[0] as LogprobInput,
    hasTop: true,
    hasText: true,
    nullTextOk: false,
  },
  sglang: {
    read: (toks) => fromSGLang({ meta_info: { output_token_logprobs: toks.map((t) => [arr(t.lp), t.id, t.text]) } } as never),
    hasTop: false,
    hasText: true,
    nullTextOk: true,
  },
  tgi: {
    read: (toks) => fromTGI({ details: { tokens: toks.map((t) => ({ id: t.id, text: t.text, ...put("logprob", t.lp), special: false })) } } as never),
    hasTop: false,
    hasText: true,
    nullTextOk: false,
  },
  "llama.cpp": {
    read: (toks) =>
      fromLlamaCpp({ completion_probabilities: toks.map((t) => ({ id: t.id, token: t.text, bytes: [], ...put("logprob", t.lp), top_logprobs: [{ id: 1, token: "alt", bytes: [], ...put("logprob", t.alt) }] })) } as never),
    hasTop: true,
    hasText: true,
    nullTextOk: false,
  },
  "llama.cpp-stream": {
    read: (toks) =>
      fromLlamaCpp([
        ...chunked(toks).map((c) => ({ index: 0, stop: false, content: "x", completion_probabilities: c.map((t) => ({ id: t.id, token: t.text, bytes: [], ...put("logprob", t.lp), top_logprobs: [] })) })),
        { index: 0, stop: true, content: "", stop_type: "limit" },
      ] as never),
    hasTop: false,
    hasText: true,
    nullTextOk: false,
  },
  ollama: {
    read: (toks) => fromOllama({ logprobs: toks.map(chat) } as never),
    hasTop: true,
    hasText: true,
    nullTextOk: false,
  },
};

// What can be planted, and into which field: every combination is run (with both policies),
// each on a few random payloads.
const WRONG_TYPE = ["-0.5", "abc", [-2], true, false, {}] as const;
const INVALID_NUMBER = [Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 0.5, -9999, -3.4028234663852886e38] as const;
const PLANTS: readonly { readonly field: "lp" | "alt" | "text"; readonly value: unknown }[] = [
  ...[...WRONG_TYPE, ...INVALID_NUMBER, null, MISSING, 1e-7].map((value) => ({ field: "lp" as const, value })),
  ...[...WRONG_TYPE, ...INVALID_NUMBER, null, MISSING].map((value) => ({ field: "alt" as const, value })),
  ...[5, null, {}, ["a"]].map((value) => ({ field: "text" as const, value })),
];
const POLICIES = ["throw", "skip"] as const;
const RUNS_PER_COMBINATION = 2;

type Expected = { readonly throws: true } | { readonly throws: false; readonly skipped: number; readonly zeroed: number };

/** What must happen, from the reader and the plant alone. */
function expected(name: string, plant: (typeof PLANTS)[number], onInvalid: "throw" | "skip", n: number): Expected {
  const reader = READERS[name] as (typeof READERS)[string];
  const clean = { throws: false, skipped: 0, zeroed: 0 } as const;
  let e: Expected;
  if (plant.field === "alt") {
    // Alternatives are checked when read (type, presence) and not used by perplexity. The legacy
    // completions layout is a token → logprob map: a missing alternative is just not listed.
    const absent = plant.value === MISSING && name === "openai-completions";
    e = reader.hasTop && typeof plant.value !== "number" && !absent ? { throws: true } : clean;
  } else if (plant.field === "text") {
    e = !reader.hasText || (plant.value === null && reader.nullTextOk) ? clean : { throws: true };
  } else if (plant.value === 1e-7) {
    e = { throws: false, skipped: 0, zeroed: 1 };
  } else if (typeof plant.value === "number") {
    e = onInvalid === "skip" ? { throws: false, skipped: 1, zeroed: 0 } : { throws: true };
  } else if (plant.value === null || plant.value === MISSING) {
    // adapters refuse a missing logprob when reading; bare arrays leave it to onInvalid
    e = name === "bare" && onInvalid === "skip" ? { throws: false, skipped: 1, zeroed: 0 } : { throws: true };
  } else {
    e = { throws: true };
  }
  // skipping the only token leaves nothing to score: EmptyDatasetError
  return !e.throws && n - e.skipped === 0 ? { throws: true } : e;
}

const label = (v: unknown) => (v === MISSING ? "(missing)" : typeof v === "number" ? String(v) : JSON.stringify(v));

describe("fuzz: one bad value planted in a valid payload", () => {
  it("ends in a typed error at the planted position or an exactly counted result", () => {
    let cases = 0;
    let seed = 2115;
    for (const name of Object.keys(READERS)) {
      const reader = READERS[name] as (typeof READERS)[string];
      for (const plant of PLANTS) {
        for (const onInvalid of POLICIES) {
          const what = `${name}: ${plant.field} = ${label(plant.value)}, onInvalid ${onInvalid}`;
          fc.assert(
            fc.property(fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 12 }), fc.nat(), (eighths, at) => {
              cases++;
              const n = eighths.length;
              const p = at % n;
              // valid logprobs are −k/8: exact binary fractions
              const toks: Tok[] = eighths.map((k, i) => ({ text: `w${i}`, lp: -k / 8, alt: -(k + 1) / 8, id: 100 + i }));
              toks[p] = { ...(toks[p] as Tok), [plant.field]: plant.value };
              const want = expected(name, plant, onInvalid, n);

              let result: ReturnType<typeof sequencePerplexity> | undefined;
              let error: unknown;
              try {
                result = sequencePerplexity(reader.read(toks), { onInvalid });
              } catch (e) {
                error = e;
              }
              if (want.throws) {
                expect(error, `${what} must end in a typed error`).toBeInstanceOf(PasskError);
                if (error instanceof InvalidLogprobError && error.position !== undefined) expect(error.position, what).toBe(p);
                if (error instanceof EmptyDatasetError) expect(n, what).toBe(1);
                return;
              }
              expect(error, `${what} must not throw`).toBeUndefined();
              // the reference: −Σ over the values the plant leaves in, in order
              let sum = 0;
              let tokens = 0;
              eighths.forEach((k, i) => {
                if (i === p && plant.field === "lp" && want.skipped === 1) return;
                sum -= i === p && plant.field === "lp" && want.zeroed === 1 ? 0 : -k / 8;
                tokens++;
              });
              const r = result as NonNullable<typeof result>;
              expect([r.skipped, r.zeroed, r.clamped, r.tokens], what).toEqual([want.skipped, want.zeroed, 0, tokens]);
              expect(r.sumNll, what).toBe(sum);
            }),
            { numRuns: RUNS_PER_COMBINATION, seed: seed++ },
          );
        }
      }
    }
    expect(cases).toBeGreaterThanOrEqual(1000);
  });
});
