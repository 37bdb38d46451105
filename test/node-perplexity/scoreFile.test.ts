// The batch scorer against a real HTTP server on 127.0.0.1: bounded concurrency, exact values,
// bad records with their line numbers (collect and strict), and resuming after an abort, a server
// failure and a SIGKILL without scoring any record twice or losing one.
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { corpusPerplexity } from "../../src/index.js";
import {
  IngestError,
  parseScoredLine,
  scoreResponsesFile,
  ScoringAbortedError,
  ScoringRecordError,
  ScoringServerError,
  type ScoredLine,
} from "../../src/node/index.js";
import { startFakeServer, toyLogprob, toyTokenize, type FakeServer, type FakeServerOptions } from "./fakeServer.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function start(options: FakeServerOptions = {}): Promise<FakeServer> {
  server = await startFakeServer(options);
  return server;
}
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "passk-ppl-"));
  dirs.push(d);
  return d;
}
function writeLines(dir: string, name: string, lines: readonly unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return path;
}
function readScored(path: string): ScoredLine[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => parseScoredLine(JSON.parse(l)));
}
const fast = { baseDelayMs: 1, maxDelayMs: 5 };

/** Records p0..p{n-1}: prompt "Q<i>:" and response " the answer is <i>". */
function records(n: number): { problem_id: string; prompt: string; response: string }[] {
  return Array.from({ length: n }, (_, i) => ({ problem_id: `p${i}`, prompt: `Q${i}:`, response: ` the answer is ${i}` }));
}

/** The toy model's response NLL in units of ln 2 (Σ k), from its tokenizer: an independent reference. */
function toyK(prompt: string, response: string): { k: number; tokens: number } {
  const all = toyTokenize(prompt + response);
  const promptTokens = toyTokenize(prompt).length; // the toy tokenizer never merges across these boundaries
  const resp = all.slice(promptTokens);
  return { k: resp.reduce((s, t) => s - toyLogprob(t) / Math.LN2, 0), tokens: resp.length };
}

describe("scoreResponsesFile", () => {
  it("keeps at most `concurrency` requests in flight and writes one exact line per record", async () => {
    const s = await start({ latencyMs: 20 });
    const dir = tempDir();
    const input = writeLines(dir, "responses.jsonl", records(24));
    const out = join(dir, "scored.jsonl");
    const r = await scoreResponsesFile(input, out, { endpoint: s.endpoint, model: "toy", concurrency: 4 });
    expect(s.maxInFlight()).toBe(4);
    expect(r).toMatchObject({ linesRead: 24, scored: 24, alreadyScored: 0, rejected: 0, requests: 24, retries: 0, blankLines: 0 });
    const lines = readScored(out);
    expect(lines.map((l) => l.line).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    // " the answer is 7": " the"(4 bytes, k 2), " answer"(7, k 2), " is"(3, k 1), " 7"(2, k 3):
    // Σk = 8 over 4 tokens; with two digits (" 1", "2") Σk = 2 + 2 + 1 + 3 + 2 = 10 over 5.
    const p7 = lines.find((l) => l.record.problemId === "p7")!;
    expect(p7.sequence.tokens).toEqual([" the", " answer", " is", " 7"]);
    expect(Array.from(p7.sequence.logprobs)).toEqual([-2 * Math.LN2, -2 * Math.LN2, -Math.LN2, -3 * Math.LN2]);
    const p12 = lines.find((l) => l.record.problemId === "p12")!;
    expect(Array.from(p12.sequence.logprobs).reduce((a, b) => a + b, 0) / -Math.LN2).toBeCloseTo(10, 12);
    // Corpus: 10 one-digit answers (Σk 8, 4 tokens), 14 two-digit (Σk 10, 5 tokens).
    const corpus = corpusPerplexity(lines.map((l) => l.sequence));
    expect(corpus.tokens).toBe(10 * 4 + 14 * 5);
    expect(Math.abs(corpus.sumNll - (10 * 8 + 14 * 10) * Math.LN2)).toBeLessThan(1e-12);
    for (const l of lines) {
      const ref = toyK(`Q${l.record.problemId.slice(1)}:`, ` the answer is ${l.record.problemId.slice(1)}`);
      expect(l.sequence.tokens.length).toBe(ref.tokens);
    }
  });

  it("collects bad records with their line numbers; strict stops at the first and keeps what was scored", async () => {
    const s = await start();
    const dir = tempDir();
    const input = writeLines(dir, "responses.jsonl", [
      { problem_id: "a", prompt: "Q:", response: " one" }, // 1
      { problem_id: "b", prompt: "Q:", response: " two" }, // 2
      { problem_id: "c", response: " three" }, // 3 missing prompt
      { problem_id: "d", prompt: "Q:", response: " four" }, // 4
      { problem_id: "e", prompt: "Q:", response: "" }, // 5 empty response
      '{"problem_id": "f", "prompt": "Q:"', // 6 malformed JSON
      { problem_id: "g", prompt: "Q:", response: " six" }, // 7
      { problem_id: "h", prompt: "Q:", response: " a\r\nb" }, // 8 not echoed as sent
      "", // 9 blank
      { problem_id: "i", prompt: "Q:", response: " ten" }, // 10
    ]);
    const out = join(dir, "collect.jsonl");
    const r = await scoreResponsesFile(input, out, { endpoint: s.endpoint, model: "toy", mode: "collect", concurrency: 3 });
    expect(r).toMatchObject({ linesRead: 10, blankLines: 1, scored: 5, rejected: 4, alreadyScored: 0 });
    expect(r.errors.map((e) => [e.line, e.reason])).toEqual([
      [3, "missing-prompt"],
      [5, "empty-response"],
      [6, "malformed-json"],
      [8, "response-not-at-end"],
    ]);
    expect(r.errors[0]?.message).toMatch(/responses\.jsonl:3: prompt must be a non-empty string/);
    expect(r.errors[3]?.problemId).toBe("h");
    expect(readScored(out).map((l) => l.record.problemId).sort()).toEqual(["a", "b", "d", "g", "i"]);
    // Requests: the 5 good records and line 8 (its text is only found wrong in the answer).
    expect(r.requests).toBe(6);

    const strictOut = join(dir, "strict.jsonl");
    const err = await scoreResponsesFile(input, strictOut, { endpoint: s.endpoint, model: "toy", concurrency: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScoringRecordError);
    expect((err as ScoringRecordError).line).toBe(3);
    expect(readScored(strictOut).map((l) => l.record.problemId)).toEqual(["a", "b"]);
  });

  it("resumes after an abort: nothing scored twice, nothing lost", async () => {
    const s = await start({ latencyMs: 5 });
    const dir = tempDir();
    const input = writeLines(dir, "responses.jsonl", records(30));
    const out = join(dir, "scored.jsonl");
    const controller = new AbortController();
    const err = await scoreResponsesFile(input, out, {
      endpoint: s.endpoint,
      model: "toy",
      concurrency: 3,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.scored === 10) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScoringAbortedError);
    const saved = readScored(out);
    expect((err as ScoringAbortedError).scored).toBe(saved.length);
    expect(saved.length).toBeGreaterThanOrEqual(10);
    expect(saved.length).toBeLessThan(30);
    const savedTexts = new Set(saved.map((l) => `Q${l.record.problemId.slice(1)}: the answer is ${l.record.problemId.slice(1)}`));
    const before = s.requests.length;
    const r = await scoreResponsesFile(input, out, { endpoint: s.endpoint, model: "toy", concurrency: 3 });
    expect(r.alreadyScored).toBe(saved.length);
    expect(r.scored).toBe(30 - saved.length);
    const resumedTexts = s.requests.slice(before).map((q) => q.text);
    expect(resumedTexts).toHaveLength(30 - saved.length);
    for (const t of resumedTexts) expect(savedTexts.has(t), t).toBe(false);
    const all = readScored(out);
    expect(all.map((l) => l.line).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("a server that keeps failing stops the run with a ScoringServerError; the rerun finishes", async () => {
    let broken = true;
    const s = await start({ faults: (_, text) => (broken && text.startsWith("Q5:") ? { status: 500 } : undefined) });
    const dir = tempDir();
    const input = writeLines(dir, "responses.jsonl", records(12));
    const out = join(dir, "scored.jsonl");
    const err = await scoreResponsesFile(input, out, { endpoint: s.endpoint, model: "toy", concurrency: 1, retries: 2, ...fast }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScoringServerError);
    expect((err as ScoringServerError).problemId).toBe("p5");
    expect(readScored(out).map((l) => l.record.problemId)).toEqual(["p0", "p1", "p2", "p3", "p4"]);
    broken = false;
    const r = await scoreResponsesFile(input, out, { endpoint: s.endpoint, model: "toy", concurrency: 1, ...fast });
    expect(r).toMatchObject({ alreadyScored: 5, scored: 7 });
    expect(readScored(out)).toHaveLength(12);
  });

  it("refuses to resume into an output made by another scorer or from another input", async () => {
    const s = await start();
    const dir = tempDir();
    const input = writeLines(dir, "responses.jsonl", records(3));
    const out = join(dir, "scored.jsonl");
    await scoreResponsesFile(input, out, { endpoint: s.endpoint, model: "toy" });
    const other = await scoreResponsesFile(input, out, { endpoint: s.endpoint, model: "other-model" }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(IngestError);
    expect((other as IngestError).message).toMatch(/scored\.jsonl:1: was scored by vllm model "toy".*this run scores with vllm model "other-model"/);
    const payload = await scoreResponsesFile(input, out, { endpoint: s.endpoint, model: "toy", save: "payload" }).catch((e: unknown) => e);
    expect((payload as IngestError).message).toMatch(/holds passk-scored\/1 lines but this run saves passk-payload\/1/);
    const changed = writeLines(dir, "changed.jsonl", [records(3)[0], { ...records(3)[1], response: " changed" }, records(3)[2]]);
    const e = await scoreResponsesFile(changed, out, { endpoint: s.endpoint, model: "toy" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).line).toBe(2);
    const shorter = writeLines(dir, "shorter.jsonl", records(2));
    const e2 = await scoreResponsesFile(shorter, out, { endpoint: s.endpoint, model: "toy" }).catch((x: unknown) => x);
    expect((e2 as IngestError).message).toMatch(/holds 1 scored record\(s\) for lines this file does not have \(first: line 3\)/);
  });

  it("resumes after SIGKILL: a torn last line is dropped and its record scored again, none twice", async () => {
    const s = await start({ latencyMs: 15 });
    const dir = tempDir();
    const input = writeLines(dir, "responses.jsonl", records(40));
    const out = join(dir, "scored.jsonl");
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "scoreChild.ts"), input, out, s.endpoint], { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (existsSync(out) && readFileSync(out, "utf8").split("\n").length > 8) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill("SIGKILL");
    await exited;
    const savedBefore = readScored(out);
    expect(savedBefore.length).toBeGreaterThanOrEqual(8);
    expect(savedBefore.length).toBeLessThan(40);
    // What a kill in the middle of a write leaves: half a line.
    appendFileSync(out, '{"format":"passk-scored/1","line":39,"problem_id":"p38","fingerp');
    const before = s.requests.length;
    const r = await scoreResponsesFile(input, out, { endpoint: s.endpoint, model: "toy", concurrency: 4 });
    expect(r.droppedPartialLine).toBe(true);
    expect(r.alreadyScored).toBe(savedBefore.length);
    expect(r.scored).toBe(40 - savedBefore.length);
    const savedLines = new Set(savedBefore.map((l) => l.line));
    const resumed = s.requests.slice(before).map((q) => q.text);
    expect(resumed).toHaveLength(40 - savedBefore.length);
    for (const t of resumed) expect(savedLines.has(Number(/^Q(\d+):/u.exec(t)?.[1]) + 1), t).toBe(false);
    const all = readScored(out);
    expect(all.map((l) => l.line).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
