// Reading scored files back (both save formats, raw API payloads) and the per-set report.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { corpusPerplexity, sequencePerplexity, type SequencePerplexity } from "../../src/index.js";
import {
  detectScoredFormat,
  perplexityReport,
  readScoredFile,
  scoreResponsesFile,
  ScoringRecordError,
  type ScoredSequence,
} from "../../src/node/index.js";
import { startFakeServer, type FakeServer } from "./fakeServer.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "passk-ppl-report-"));
  dirs.push(d);
  return d;
}
async function readAll(path: string, options = {}): Promise<{ sequences: ScoredSequence[]; summary: Awaited<ReturnType<typeof readScoredFile>> }> {
  const sequences: ScoredSequence[] = [];
  const summary = await readScoredFile(path, (s) => void sequences.push(s), options);
  return { sequences, summary };
}
const ppl = (p: number): SequencePerplexity => sequencePerplexity([Math.log(p)]);

describe("perplexityReport", () => {
  it("sums exactly as corpusPerplexity does, and compares every ordered pair", () => {
    const a = [[Math.log(0.5)], [Math.log(0.25), Math.log(0.25), Math.log(0.5)], [Math.log(0.125)]];
    const b = [[Math.log(0.5), Math.log(0.5)], [Math.log(0.25)]];
    const report = perplexityReport([
      { name: "A", results: a.map((s) => sequencePerplexity(s)) },
      { name: "B", results: b.map((s) => sequencePerplexity(s)) },
    ]);
    const [sa, sb] = report.sets;
    const ca = corpusPerplexity(a);
    // Bit for bit: the same sums in the same order.
    expect(sa?.microPerplexity).toBe(ca.microPerplexity);
    expect(sa?.macroPerplexity).toBe(ca.macroPerplexity);
    expect(sa?.macroLogPerplexity).toBe(ca.macroLogPerplexity);
    // By hand: A has NLL (1 + 5 + 3) ln 2 over 5 tokens → micro 2^(9/5); per-response
    // perplexities 2, 2^(5/3), 8 → macro (2 + 2^(5/3) + 8)/3.
    expect(Math.abs((sa?.microPerplexity ?? NaN) - 2 ** 1.8)).toBeLessThan(1e-12);
    expect(Math.abs((sa?.macroPerplexity ?? NaN) - (2 + 2 ** (5 / 3) + 8) / 3)).toBeLessThan(1e-12);
    expect(sa?.tokens).toBe(5);
    expect(sb?.responses).toBe(2);
    expect(sa?.bitsPerByte).toBeNull();
    // Pairs: A against B's median (perplexities 2 and 4: median 3): 2 of A's 3 below? 2 < 3, 2^(5/3) ≈ 3.17 > 3, 8 > 3 → 1/3.
    // B against A's median 2^(5/3): 2 < 3.17, 4 > 3.17 → 1/2.
    expect(report.comparisons.map((c) => [c.a, c.b, c.shareOfABelow])).toEqual([
      ["A", "B", 1 / 3],
      ["B", "A", 1 / 2],
    ]);
    expect(Math.abs((report.comparisons[0]?.threshold ?? NaN) - 3)).toBeLessThan(1e-12);
    expect(report.settings.probabilities).toEqual([0.05, 0.25, 0.5, 0.75, 0.95]);
  });

  it("compares against a reference only when one is named, and warns about mixed engines", () => {
    const tgi = sequencePerplexity({ source: "tgi", distribution: "post-sampling", tokens: ["x"], logprobs: [Math.log(0.5)] });
    const vllm = sequencePerplexity({ source: "vllm-completions", distribution: "raw", tokens: ["x"], logprobs: [Math.log(0.5)] });
    const r = perplexityReport(
      [
        { name: "x", results: [tgi], distributions: ["post-sampling"] },
        { name: "y", results: [vllm], distributions: ["raw"] },
        { name: "z", results: [vllm, ppl(0.5)], distributions: ["raw"] },
      ],
      { reference: "y" },
    );
    expect(r.comparisons.map((c) => `${c.a}/${c.b}`)).toEqual(["x/y", "z/y"]);
    expect(r.warnings[0]).toMatch(/different logprob sources \(tgi, vllm-completions\)/);
    expect(r.warnings[1]).toMatch(/mix logprob distributions \(post-sampling, raw\)/);
    expect(() => perplexityReport([{ name: "m", results: [tgi, vllm] }])).toThrow(/mixes responses from "tgi" and "vllm-completions" \(response 1\)/);
    expect(() => perplexityReport([{ name: "m", results: [] }])).toThrow(/has no responses/);
    expect(() => perplexityReport([{ name: "m", results: [tgi] }], { reference: "n" })).toThrow(/names no set/);
  });
});

describe("readScoredFile", () => {
  it("reads both save formats to the same numbers", async () => {
    server = await startFakeServer();
    const dir = tempDir();
    const input = join(dir, "responses.jsonl");
    writeFileSync(
      input,
      [
        { problem_id: "p1", sample_index: 0, prompt: "Q:", response: " café au lait" },
        { problem_id: "p1", sample_index: 1, prompt: "Q:", response: " The answer is 42." },
      ]
        .map((x) => JSON.stringify(x))
        .join("\n") + "\n",
    );
    const asLogprobs = join(dir, "logprobs.jsonl");
    const asPayload = join(dir, "payload.jsonl");
    await scoreResponsesFile(input, asLogprobs, { endpoint: server.endpoint, model: "toy", concurrency: 1 });
    await scoreResponsesFile(input, asPayload, { endpoint: server.endpoint, model: "toy", concurrency: 1, save: "payload" });
    const x = await readAll(asLogprobs);
    const y = await readAll(asPayload);
    expect(x.summary.format).toBe("scored");
    expect(y.summary.format).toBe("scored");
    expect(x.summary.scorers).toEqual([{ server: "vllm", model: "toy", straddle: "error" }]);
    expect(y.sequences.map((s) => s.sequence)).toEqual(x.sequences.map((s) => s.sequence));
    expect(x.sequences.map((s) => [s.line, s.problemId, s.sampleIndex])).toEqual([
      [1, "p1", 0],
      [2, "p1", 1],
    ]);
    // " café au lait": " caf"(4, k 2), C3(1, k 2), A9(1, k 2), " au"(3, k 1), " lait"(5, k 3): Σk 10 over 5 tokens, 14 bytes.
    const first = sequencePerplexity(x.sequences[0]!.sequence);
    expect(Math.abs(first.sumNll - 10 * Math.LN2)).toBeLessThan(1e-12);
    expect(first.bytes).toBe(14);
    expect(Math.abs((first.bitsPerByte ?? NaN) - 10 / 14)).toBeLessThan(1e-12);
  });

  it("sniffs API payloads (generated tokens are the response) and names bad lines", async () => {
    const dir = tempDir();
    const chat = (lp: number) => ({ choices: [{ index: 0, logprobs: { content: [{ token: "4", logprob: lp, bytes: [52], top_logprobs: [] }] } }] });
    const file = join(dir, "chat.jsonl");
    writeFileSync(file, [JSON.stringify(chat(Math.log(0.5))), "", "{not json", JSON.stringify({ nothing: 1 }), JSON.stringify(chat(Math.log(0.25)))].join("\n") + "\n");
    const { sequences, summary } = await readAll(file, { mode: "collect" });
    expect(summary).toMatchObject({ format: "openai-chat", linesRead: 5, blankLines: 1, linesAccepted: 2, rejected: 2, sequences: 2 });
    expect(summary.errors.map((e) => [e.line, e.reason])).toEqual([
      [3, "malformed-json"],
      [4, "invalid-payload"],
    ]);
    expect(sequences.map((s) => [s.problemId, sequencePerplexity(s.sequence).perplexity])).toEqual([
      ["1", 2],
      ["5", 4],
    ]);
    const strict = await readAll(file).catch((e: unknown) => e);
    expect(strict).toBeInstanceOf(ScoringRecordError);
    expect((strict as ScoringRecordError).message).toMatch(/chat\.jsonl:3: malformed JSON/);
    // An echoed completions payload has no boundary on its own.
    const echo = join(dir, "echo.jsonl");
    writeFileSync(echo, JSON.stringify({ choices: [{ logprobs: { tokens: ["Q", " A"], token_logprobs: [null, -1] } }] }) + "\n");
    const e = await readAll(echo).catch((x: unknown) => x);
    expect((e as ScoringRecordError).reason).toBe("invalid-payload");
    expect((e as ScoringRecordError).message).toMatch(/echo\.jsonl:1: cannot read the openai-completions record: .*boundary is unknown/);
  });

  it("detects every payload format from its fields", () => {
    expect(detectScoredFormat({ format: "passk-payload/1" })).toBe("scored");
    expect(detectScoredFormat({ choices: [{ logprobs: { content: [] } }], prompt_logprobs: null })).toBe("vllm-chat");
    expect(detectScoredFormat({ choices: [{ logprobs: { tokens: [] } }] })).toBe("openai-completions");
    expect(detectScoredFormat({ output: [] })).toBe("openai-responses");
    expect(detectScoredFormat({ outputs: [] })).toBe("vllm");
    expect(detectScoredFormat({ details: { tokens: [] } })).toBe("tgi");
    expect(detectScoredFormat([{ details: { tokens: [] } }])).toBe("tgi");
    expect(detectScoredFormat({ completion_probabilities: [] })).toBe("llama.cpp");
    expect(detectScoredFormat({ logprobs: [] })).toBe("ollama");
    expect(() => detectScoredFormat({ text: "x" })).toThrow(/neither a scored record nor a payload/);
  });
});

describe("scoredLine", () => {
  it("writes logprobs that read back to the same float64 values", async () => {
    const { scoredLine, parseScoredLine } = await import("../../src/node/index.js");
    const values = [-1e-300, -0.6931471805599453, -9999, -1e-7, -(0.1 + 0.2), -5e-324, -123456789.123456789];
    const line = scoredLine(
      {
        record: { problemId: "p", prompt: "Q:", response: " a" },
        sequence: { source: "vllm-completions", distribution: "raw", tokens: values.map(() => "t"), logprobs: Float64Array.from(values), bytes: values.map(() => 1) },
        promptTokens: 3,
        location: { start: 2, end: 2 + values.length, straddle: "none", leadingTokens: 0, tokenBytes: [] },
        attempts: 1,
        payload: null,
      },
      9,
      { server: "vllm", model: "m", straddle: "error" },
    );
    expect(line.endsWith("}\n")).toBe(true);
    // Each logprob written as its ECMAScript Number::toString text (shortest round-trip digits).
    expect(line).toContain('"logprobs":[-1e-300,-0.6931471805599453,-9999,-1e-7,-0.30000000000000004,-5e-324,-123456789.12345679],');
    const back = parseScoredLine(JSON.parse(line));
    expect(Array.from(back.sequence.logprobs)).toEqual(values);
    expect(back).toMatchObject({ line: 9, straddle: "none", promptTokens: 3, record: { problemId: "p" } });
    expect(() =>
      scoredLine(
        {
          record: { problemId: "p", prompt: "Q:", response: " a" },
          sequence: { source: "s", tokens: ["t"], logprobs: [Number.NaN], bytes: [1] },
          promptTokens: 3,
          location: { start: 2, end: 3, straddle: "none", leadingTokens: 0, tokenBytes: [] },
          attempts: 1,
          payload: null,
        },
        1,
        { server: "vllm", model: "m", straddle: "error" },
      ),
    ).toThrow(/logprobs\[0\] is NaN, which JSON cannot hold/);
  });
});
