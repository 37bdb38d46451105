// The scoring client against a real HTTP server on 127.0.0.1: exact perplexities from the toy
// model (derived by hand in the comments), every server kind, retries, timeouts, resets, abort,
// and the errors a failing server or a bad record must raise.
import { afterEach, describe, expect, it } from "vitest";
import { sequencePerplexity } from "../../src/index.js";
import {
  perplexityScorer,
  retryDelay,
  ScoringAbortedError,
  ScoringRecordError,
  ScoringServerError,
  type RetryEvent,
  type ScoringServer,
} from "../../src/node/index.js";
import { startFakeServer, type FakeServer, type FakeServerOptions } from "./fakeServer.js";

const LN2 = Math.LN2;
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeServerOptions = {}): Promise<FakeServer> {
  server = await startFakeServer(options);
  return server;
}

/** |x − y| within a few ulps of y: the sums are of at most a dozen multiples of ln 2. */
function close(x: number, y: number): void {
  expect(Math.abs(x - y)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(y));
}

const fast = { baseDelayMs: 1, maxDelayMs: 5 };

describe("perplexityScorer: exact values from the toy model", () => {
  // Response " The answer is 42." after the prompt "Q: what is 6*7?\nA:": response tokens
  // " The"(4 bytes), " answer"(7), " is"(3), " 4"(2), "2"(1), "."(1), so k = 1 + bytes mod 3 =
  // 2, 2, 1, 3, 2, 2: Σk = 12 over 6 tokens, NLL = 12 ln 2, perplexity 2^(12/6) = 4, 18 bytes.
  const record = { problemId: "p1", prompt: "Q: what is 6*7?\nA:", response: " The answer is 42." };

  for (const kind of ["vllm", "vllm-prompt-logprobs", "openai", "sglang", "tgi"] as ScoringServer[]) {
    it(`${kind}: scores exactly the response tokens`, async () => {
      const s = await start();
      const scorer = perplexityScorer({ endpoint: s.endpoint, model: "toy-base", server: kind });
      const r = await scorer.score(record);
      expect(r.sequence.tokens).toEqual([" The", " answer", " is", " 4", "2", "."]);
      expect(r.sequence.bytes).toEqual([4, 7, 3, 2, 1, 1]);
      const ppl = sequencePerplexity(r.sequence);
      expect(ppl.tokens).toBe(6);
      close(ppl.sumNll, 12 * LN2);
      close(ppl.perplexity, 4);
      // bits per byte: 12 ln 2 / (18 ln 2) = 2/3
      close(ppl.bitsPerByte ?? NaN, 2 / 3);
      expect(r.attempts).toBe(1);
      expect(s.requests).toHaveLength(1);
      expect(s.requests[0]?.text).toBe(record.prompt + record.response);
    });
  }

  it("a BOS token echoed first belongs to the prompt and changes nothing", async () => {
    const s = await start({ bos: "<|begin_of_text|>" });
    const r = await perplexityScorer({ endpoint: `${s.endpoint}/v1/`, model: "m" }).score(record);
    expect(r.location.leadingTokens).toBe(1);
    close(sequencePerplexity(r.sequence).perplexity, 4);
  });

  it("characters split into byte tokens (U+FFFD texts) are located and counted in bytes", async () => {
    // " café": " caf"(4 bytes, k = 2), then é = C3 A9 as two 1-byte tokens (k = 2 each):
    // Σk = 6 over 3 tokens → perplexity 4; bits per byte 6 ln 2 / (6 ln 2) = 1.
    const s = await start();
    const r = await perplexityScorer({ endpoint: s.endpoint, model: "m" }).score({ problemId: "p", prompt: "Say:", response: " café" });
    expect(r.sequence.tokens).toEqual([" caf", "\uFFFD", "\uFFFD"]);
    expect(r.sequence.bytes).toEqual([4, 1, 1]);
    const ppl = sequencePerplexity(r.sequence);
    close(ppl.perplexity, 4);
    close(ppl.bitsPerByte ?? NaN, 1);
  });

  it("a token straddling the boundary: an error by default, else excluded or included as asked", async () => {
    // "Q: " + "yes no": tokens "Q", ":", " yes" (straddles), " no". " yes" has 4 bytes (k = 2),
    // " no" 3 (k = 1): excluded → perplexity 2^1 = 2; included → 2^((2 + 1)/2) = 2^1.5.
    const s = await start();
    const rec = { problemId: "p", prompt: "Q: ", response: "yes no" };
    const err = await perplexityScorer({ endpoint: s.endpoint, model: "m" }).score(rec).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScoringRecordError);
    expect((err as ScoringRecordError).reason).toBe("straddling-token");
    expect((err as ScoringRecordError).problemId).toBe("p");
    const ex = await perplexityScorer({ endpoint: s.endpoint, model: "m", straddle: "exclude" }).score(rec);
    expect(ex.sequence.tokens).toEqual([" no"]);
    expect(ex.location.straddle).toBe("excluded");
    close(sequencePerplexity(ex.sequence).perplexity, 2);
    const inc = await perplexityScorer({ endpoint: s.endpoint, model: "m", straddle: "include" }).score(rec);
    expect(inc.sequence.tokens).toEqual([" yes", " no"]);
    close(sequencePerplexity(inc.sequence).perplexity, 2 ** 1.5);
  });

  it("a response the echoed tokens do not end with is a record error, not a number", async () => {
    // The toy tokenizer drops "\r", so "a\r\nb" is not echoed as sent.
    const s = await start();
    const err = await perplexityScorer({ endpoint: s.endpoint, model: "m" })
      .score({ problemId: "p9", prompt: "Q:", response: " a\r\nb" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScoringRecordError);
    expect((err as ScoringRecordError).reason).toBe("response-not-at-end");
    expect((err as ScoringRecordError).message).toContain('echoed token 3 "\\n" does not continue the text at character 4 ("\\r\\nb")');
  });

  it("bad records are refused before any request", async () => {
    const s = await start();
    const scorer = perplexityScorer({ endpoint: s.endpoint, model: "m" });
    const reasons = [];
    for (const rec of [
      { problemId: "p", prompt: "", response: " a" },
      { problemId: "p", prompt: "Q:", response: "" },
      { problemId: "", prompt: "Q:", response: " a" },
    ]) {
      reasons.push(await scorer.score(rec).catch((e: unknown) => (e as ScoringRecordError).reason));
    }
    expect(reasons).toEqual(["missing-prompt", "empty-response", "missing-problem-id"]);
    expect(s.requests).toHaveLength(0);
  });
});

describe("perplexityScorer: a failing server", () => {
  const record = { problemId: "p1", prompt: "Q:", response: " yes" };
  // " yes": 4 bytes, k = 2 → perplexity 4.

  it("retries 429 (honouring Retry-After), 500, malformed bodies and connection resets, then scores", async () => {
    const faults = [{ status: 429, retryAfter: "0" }, { status: 500 }, { malformed: true as const }, { reset: true as const }];
    const s = await start({ faults: (i) => faults[i] });
    const events: RetryEvent[] = [];
    const r = await perplexityScorer({ endpoint: s.endpoint, model: "m", ...fast }).score(record, { onRetry: (e) => events.push(e) });
    expect(r.attempts).toBe(5);
    expect(s.requests).toHaveLength(5);
    expect(events.map((e) => [e.attempt, e.reason, e.status])).toEqual([
      [1, "status", 429],
      [2, "status", 500],
      [3, "malformed", undefined],
      [4, "network", undefined],
    ]);
    close(sequencePerplexity(r.sequence).perplexity, 4);
  });

  it("a slow answer times out and is retried", async () => {
    const s = await start({ faults: (i) => (i === 0 ? { delayMs: 2000 } : undefined) });
    const events: RetryEvent[] = [];
    const r = await perplexityScorer({ endpoint: s.endpoint, model: "m", timeoutMs: 150, ...fast }).score(record, { onRetry: (e) => events.push(e) });
    expect(events.map((e) => e.reason)).toEqual(["timeout"]);
    expect(r.attempts).toBe(2);
    close(sequencePerplexity(r.sequence).perplexity, 4);
  });

  it("gives up after the retries with a ScoringServerError naming the last failure", async () => {
    const s = await start({ faults: () => ({ status: 503 }) });
    const err = await perplexityScorer({ endpoint: s.endpoint, model: "m", retries: 3, ...fast }).score(record).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScoringServerError);
    expect((err as ScoringServerError).attempts).toBe(4);
    expect((err as ScoringServerError).status).toBe(503);
    expect((err as ScoringServerError).message).toMatch(/failed 4 times; last: HTTP 503/);
    expect(s.requests).toHaveLength(4);
  });

  it("a dead server (connection refused) is an error after the retries", async () => {
    const s = await start();
    const endpoint = s.endpoint;
    await s.close();
    server = undefined;
    const err = await perplexityScorer({ endpoint, model: "m", retries: 2, ...fast }).score(record).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScoringServerError);
    expect((err as ScoringServerError).message).toMatch(/failed 3 times; last: connection failed/);
  });

  it("400 is the record's fault (no retry); 404 and a payload without prompt logprobs are the server's", async () => {
    const s = await start({
      faults: (i) => (i === 0 ? { status: 400, body: '{"message":"maximum context length is 8 tokens"}' } : i === 1 ? { status: 404 } : { noEcho: true }),
    });
    const scorer = perplexityScorer({ endpoint: s.endpoint, model: "m", ...fast });
    const e400 = await scorer.score(record).catch((e: unknown) => e);
    expect((e400 as ScoringRecordError).reason).toBe("rejected-by-server");
    expect((e400 as ScoringRecordError).message).toContain("maximum context length is 8 tokens");
    const e404 = await scorer.score(record).catch((e: unknown) => e);
    expect(e404).toBeInstanceOf(ScoringServerError);
    expect((e404 as ScoringServerError).status).toBe(404);
    const noEcho = await scorer.score(record).catch((e: unknown) => e);
    expect(noEcho).toBeInstanceOf(ScoringServerError);
    expect((noEcho as ScoringServerError).message).toMatch(/generated tokens only/);
    expect(s.requests).toHaveLength(3);
  });

  it("aborting cancels the request in flight and any backoff", async () => {
    const s = await start({ faults: () => ({ delayMs: 5000 }) });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const err = await perplexityScorer({ endpoint: s.endpoint, model: "m" }).score(record, { signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScoringAbortedError);
    expect(Date.now() - started).toBeLessThan(2000);
    // A 500, then a backoff of over a second (this seed and key): the abort ends the wait.
    const slow = { baseDelayMs: 60_000, maxDelayMs: 60_000, seed: 3 };
    expect(retryDelay(1, 1, slow)).toBeGreaterThan(1000);
    const s2 = await startFakeServer({ faults: () => ({ status: 500 }) });
    try {
      const c2 = new AbortController();
      setTimeout(() => c2.abort(), 200);
      const t2 = Date.now();
      const e2 = await perplexityScorer({ endpoint: s2.endpoint, model: "m", ...slow })
        .score(record, { signal: c2.signal, key: 1 })
        .catch((e: unknown) => e);
      expect(e2).toBeInstanceOf(ScoringAbortedError);
      expect(Date.now() - t2).toBeLessThan(1000);
      expect(s2.requests).toHaveLength(1);
    } finally {
      await s2.close();
    }
  });
});

describe("retryDelay", () => {
  it("draws full jitter below the exponential cap, the same for the same seed, record and attempt", () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const cap = Math.min(10_000, 100 * 2 ** (attempt - 1));
      for (let key = 0; key < 50; key++) {
        const d = retryDelay(attempt, key, { baseDelayMs: 100, maxDelayMs: 10_000, seed: 9 });
        expect(Number.isInteger(d) && d >= 0 && d < cap).toBe(true);
        expect(retryDelay(attempt, key, { baseDelayMs: 100, maxDelayMs: 10_000, seed: 9 })).toBe(d);
      }
    }
    // Different records or seeds do not retry in lockstep.
    const delays = new Set(Array.from({ length: 50 }, (_, key) => retryDelay(5, key, { baseDelayMs: 100, seed: 1 })));
    expect(delays.size).toBeGreaterThan(40);
    // Retry-After is a floor, capped at maxDelayMs; zero delays stay zero.
    expect(retryDelay(1, 3, { baseDelayMs: 10, maxDelayMs: 5000 }, 1500)).toBe(1500);
    expect(retryDelay(1, 3, { baseDelayMs: 10, maxDelayMs: 5000 }, 60_000)).toBe(5000);
    expect(retryDelay(4, 3, { baseDelayMs: 0 })).toBe(0);
    expect(() => retryDelay(0, 1)).toThrow(/attempt must be an integer >= 1/);
    expect(() => retryDelay(1, 1, { retries: -1 })).toThrow(/retries must be an integer >= 0/);
  });
});
