// A small stand-in for an inference server on 127.0.0.1 (random port) that scores prompts with a
// deterministic toy "model", answering in the shapes of vLLM's /v1/completions (echo or
// prompt_logprobs), SGLang's and TGI's /generate. It injects faults on demand (429, 500,
// malformed bodies, slow answers, connection resets, ...), counts requests and the requests in
// flight, and refuses to answer more than `maxRequests` (a test that loops is caught, not hung).
//
// The toy model, for hand derivation:
// - tokens: a GPT-2-like split of the text into " ?[A-Za-z]+", " ?[0-9]", other single ASCII
//   characters, and one token per UTF-8 byte of each non-ASCII character; a token's text is its
//   bytes decoded alone, lossily (a byte of a split character reads U+FFFD);
// - "\r" is dropped before tokenizing (a normalizing tokenizer: text with "\r" is not echoed as sent);
// - the first token has no logprob; token t after it has logprob −k·ln 2 with
//   k = 1 + (UTF-8 bytes of t mod 3).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ToyToken {
  readonly bytes: Uint8Array;
  readonly text: string;
  readonly id: number;
}

const decoder = new TextDecoder("utf-8", { fatal: false });
const encoder = new TextEncoder();

function idOf(bytes: Uint8Array): number {
  let h = 2166136261;
  for (const b of bytes) h = Math.imul(h ^ b, 16777619);
  return (h >>> 0) % 100_000;
}

function token(bytes: Uint8Array): ToyToken {
  return { bytes, text: decoder.decode(bytes), id: idOf(bytes) };
}

export function toyTokenize(text: string, bos?: string): ToyToken[] {
  const out: ToyToken[] = [];
  if (bos !== undefined) out.push({ bytes: new Uint8Array(0), text: bos, id: 1 });
  const s = text.replace(/\r/gu, "");
  const re = / ?[A-Za-z]+| ?[0-9]|[\x00-\x7f]|[^\x00-\x7f]/gsu;
  for (const m of s.matchAll(re)) {
    const piece = m[0];
    const bytes = encoder.encode(piece);
    if (bytes.length > 1 && piece.codePointAt(0)! > 0x7f) {
      for (const b of bytes) out.push(token(Uint8Array.of(b)));
    } else {
      out.push(token(bytes));
    }
  }
  return out;
}

/** The toy model's logprob of a token (not the first): −k·ln 2, k = 1 + (bytes mod 3). */
export function toyLogprob(t: ToyToken): number {
  return -(1 + (t.bytes.length % 3)) * Math.LN2;
}

export type Fault =
  | { readonly status: number; readonly retryAfter?: string; readonly body?: string }
  | { readonly malformed: true }
  | { readonly reset: true }
  | { readonly delayMs: number }
  | { readonly noEcho: true };

export interface RequestLog {
  readonly index: number;
  readonly url: string;
  readonly text: string;
  readonly fault: Fault | undefined;
}

export interface FakeServerOptions {
  /** A BOS text the toy tokenizer puts first (like "<|begin_of_text|>"). */
  readonly bos?: string;
  /** Fault of the request with this index (0-based), or none. */
  readonly faults?: (index: number, text: string) => Fault | undefined;
  /** Latency of every answer, in ms. */
  readonly latencyMs?: number;
  readonly maxRequests?: number;
  /**
   * Keep each answer body, encoded, and send it again for the same request without parsing the
   * request or computing the payload (benchmarks: the server's CPU per request is then little
   * more than node:http's). The request log keeps no text for such a repeated request.
   */
  readonly cache?: boolean;
}

export interface FakeServer {
  readonly endpoint: string;
  readonly requests: RequestLog[];
  /** Highest number of requests in flight at once. */
  maxInFlight(): number;
  /** Requests beyond maxRequests (refused with 503). */
  overflow(): number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function cps(s: string): number {
  return [...s].length;
}

export function vllmEchoPayload(model: string, text: string, maxTokens: number, bos?: string): unknown {
  const toks = toyTokenize(text, bos);
  const generated = maxTokens > 0 ? [token(encoder.encode(" the"))] : [];
  const all = [...toks, ...generated];
  const offsets: number[] = [];
  let at = 0;
  for (const t of all) {
    offsets.push(at);
    at += cps(t.text);
  }
  return {
    id: "cmpl-toy",
    object: "text_completion",
    created: 0,
    model,
    choices: [
      {
        index: 0,
        text: text + (maxTokens > 0 ? " the" : ""),
        logprobs: {
          text_offset: offsets,
          token_logprobs: all.map((t, i) => (i === 0 ? null : i >= toks.length ? -0.5 : toyLogprob(t))),
          tokens: all.map((t) => t.text),
          top_logprobs: all.map((t, i) => (i === 0 ? null : { [t.text]: i >= toks.length ? -0.5 : toyLogprob(t) })),
        },
        finish_reason: "length",
        stop_reason: null,
        prompt_logprobs: null,
      },
    ],
    usage: { prompt_tokens: toks.length, total_tokens: toks.length + generated.length, completion_tokens: generated.length },
  };
}

function vllmPromptLogprobsPayload(model: string, text: string, bos?: string): unknown {
  const toks = toyTokenize(text, bos);
  const gen = token(encoder.encode(" the"));
  return {
    id: "cmpl-toy",
    object: "text_completion",
    created: 0,
    model,
    choices: [
      {
        index: 0,
        text: " the",
        logprobs: { text_offset: [0], token_logprobs: [-0.5], tokens: [" the"], top_logprobs: [{ " the": -0.5 }] },
        finish_reason: "length",
        stop_reason: null,
        prompt_logprobs: toks.map((t, i) => (i === 0 ? null : { [String(t.id)]: { logprob: toyLogprob(t), rank: 1, decoded_token: t.text } })),
      },
    ],
    usage: { prompt_tokens: toks.length, total_tokens: toks.length + 1, completion_tokens: 1 },
    _generated: gen.text,
  };
}

function sglangPayload(text: string, bos?: string): unknown {
  const toks = toyTokenize(text, bos);
  return {
    text: "",
    meta_info: {
      id: "toy",
      prompt_tokens: toks.length,
      completion_tokens: 0,
      input_token_logprobs: toks.map((t, i) => [i === 0 ? null : toyLogprob(t), t.id, t.text]),
      output_token_logprobs: [],
    },
  };
}

function tgiPayload(text: string, bos?: string): unknown {
  const toks = toyTokenize(text, bos);
  return {
    generated_text: " the",
    details: {
      finish_reason: "length",
      generated_tokens: 1,
      seed: null,
      prefill: toks.map((t, i) => ({ id: t.id, text: t.text, logprob: i === 0 ? null : toyLogprob(t) })),
      tokens: [{ id: 7, text: " the", logprob: -0.5, special: false }],
    },
  };
}

/** llama.cpp's answer to an echo request: logprobs of the generated token only. */
function noEchoPayload(text: string): unknown {
  return {
    choices: [{ index: 0, text: " the", logprobs: { tokens: [" the"], token_logprobs: [-0.5], top_logprobs: [{ " the": -0.5 }], text_offset: [cps(text)] } }],
    usage: { prompt_tokens: 3, completion_tokens: 1 },
  };
}

export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const requests: RequestLog[] = [];
  const cache = new Map<string, Buffer>();
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  let overflow = 0;
  const maxRequests = options.maxRequests ?? 5000;
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    const reply = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
      if (res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(typeof value === "string" || value instanceof Buffer ? value : JSON.stringify(value));
    };
    const raw = await readBody(req);
    const index = requests.length;
    if (index >= maxRequests) {
      overflow++;
      reply(503, { error: "fake server: request budget exhausted" });
      return;
    }
    const key = options.cache === true && options.faults === undefined ? `${req.url}|${raw}` : undefined;
    const cached = key === undefined ? undefined : cache.get(key);
    if (cached !== undefined) {
      requests.push({ index, url: req.url ?? "", text: "", fault: undefined });
      if (options.latencyMs !== undefined && options.latencyMs > 0) await new Promise((r) => setTimeout(r, options.latencyMs));
      reply(200, cached);
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      reply(400, { error: "bad json" });
      return;
    }
    const text = typeof body["prompt"] === "string" ? body["prompt"] : typeof body["text"] === "string" ? body["text"] : typeof body["inputs"] === "string" ? body["inputs"] : "";
    const fault = options.faults?.(index, text);
    requests.push({ index, url: req.url ?? "", text, fault });
    if (options.latencyMs !== undefined && options.latencyMs > 0) await new Promise((r) => setTimeout(r, options.latencyMs));
    if (fault !== undefined) {
      if ("reset" in fault) {
        req.socket.destroy();
        return;
      }
      if ("status" in fault) {
        reply(fault.status, fault.body ?? { error: { message: `fake ${fault.status}` } }, fault.retryAfter === undefined ? {} : { "retry-after": fault.retryAfter });
        return;
      }
      if ("malformed" in fault) {
        reply(200, '{"choices": [{"index": 0, "logprobs": {"tokens": ["tru');
        return;
      }
      if ("delayMs" in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
      if ("noEcho" in fault) {
        reply(200, noEchoPayload(text));
        return;
      }
    }
    const model = typeof body["model"] === "string" ? body["model"] : "toy";
    const reply200 = (value: unknown): void => {
      const text = JSON.stringify(value);
      if (key !== undefined) cache.set(key, Buffer.from(text, "utf8"));
      reply(200, text);
    };
    if (req.url === "/v1/completions") {
      if (body["prompt_logprobs"] !== undefined) reply200(vllmPromptLogprobsPayload(model, text, options.bos));
      else reply200(vllmEchoPayload(model, text, typeof body["max_tokens"] === "number" ? body["max_tokens"] : 16, options.bos));
    } else if (req.url === "/generate") {
      if (body["inputs"] !== undefined) reply200(tgiPayload(text, options.bos));
      else reply200(sglangPayload(text, options.bos));
    } else {
      reply(404, { error: `no route ${req.url}` });
    }
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    maxInFlight: () => maxInFlight,
    overflow: () => overflow,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
