// `passk perplexity score | report` in-process, against the fake server on 127.0.0.1, and the
// perplexity part of `passk demo`. Expected numbers are derived by hand from the toy model
// (test/node-perplexity/fakeServer.ts) or recomputed from the files with plain sums.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { PerplexityReport } from "../../src/node/index.js";
import { startFakeServer, type FakeServer } from "../node-perplexity/fakeServer.js";
import { cli, tempDir, writeJsonl } from "./cliHarness.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
const LN2 = Math.LN2;
function near(x: number | null | undefined, y: number): void {
  expect(Math.abs((x ?? NaN) - y)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(y)));
}

describe("passk perplexity score", () => {
  it("scores a file, prints the counts, and resumes without rescoring", async () => {
    server = await startFakeServer();
    const d = dir();
    writeJsonl(d, "responses.jsonl", [
      { problem_id: "p1", prompt: "Q:", response: " yes" },
      { problem_id: "p2", prompt: "Q:", response: " The answer is 42." },
    ]);
    const args = ["perplexity", "score", "responses.jsonl", "--endpoint", server.endpoint, "--model", "toy", "--out", "scored/base.jsonl", "-q"];
    const r = await cli(args, d);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "passk perplexity score: 2 lines of responses.jsonl: 2 scored now, 0 already in scored/base.jsonl, 0 rejected, 0 blank; 7 response tokens; 2 requests (0 retries)\n",
    );
    const again = await cli(args, d);
    expect(again.stderr).toMatch(/: 0 scored now, 2 already in scored\/base\.jsonl, .* 0 requests/);
    expect(server.requests).toHaveLength(2);
    expect(readFileSync(join(d, "scored/base.jsonl"), "utf8").trim().split("\n")).toHaveLength(2);
  });

  it("draws a progress bar on a terminal and prints JSON with --json", async () => {
    server = await startFakeServer();
    const d = dir();
    writeJsonl(d, "responses.jsonl", [{ problem_id: "p1", prompt: "Q:", response: " yes" }]);
    const r = await cli(["perplexity", "score", "responses.jsonl", "--endpoint", server.endpoint, "--model", "toy", "--out", "s.jsonl", "--json"], d, true);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("100% scoring responses.jsonl: 1 scored");
    expect(JSON.parse(r.stdout)).toMatchObject({ scored: 1, tokens: 1, requests: 1, errors: [] });
  });

  it("names the file and line of a bad record: strict exits 1, collect warns and goes on", async () => {
    server = await startFakeServer();
    const d = dir();
    writeJsonl(d, "responses.jsonl", [
      { problem_id: "p1", prompt: "Q:", response: " yes" },
      { problem_id: "p2", prompt: "Q:" },
      { problem_id: "p3", prompt: "Q:", response: " no" },
    ]);
    const base = ["perplexity", "score", "responses.jsonl", "--endpoint", server.endpoint, "--model", "toy", "--concurrency", "1", "-q"];
    const strict = await cli([...base, "--out", "strict.jsonl"], d);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^passk: error: responses\.jsonl:2: response must be a non-empty string/);
    const collect = await cli([...base, "--out", "collect.jsonl", "--mode", "collect"], d);
    expect(collect.code).toBe(0);
    expect(collect.stderr).toMatch(/2 scored now, 0 already in collect\.jsonl, 1 rejected/);
    expect(collect.stderr).toMatch(/warning: 1 record\(s\) could not be scored; first: responses\.jsonl:2: response must be/);
  });

  it("a dead server is an error (exit 1), never a number", async () => {
    const s = await startFakeServer();
    const endpoint = s.endpoint;
    await s.close();
    const d = dir();
    writeJsonl(d, "responses.jsonl", [{ problem_id: "p1", prompt: "Q:", response: " yes" }]);
    const r = await cli(["perplexity", "score", "responses.jsonl", "--endpoint", endpoint, "--model", "toy", "--out", "s.jsonl", "--retries", "1", "-q"], d);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/passk: error: .*\/v1\/completions failed 2 times; last: connection failed/);
    expect(readFileSync(join(d, "s.jsonl"), "utf8")).toBe("");
  });

  it("usage errors exit 2 before anything is read", async () => {
    const d = dir();
    const run = (extra: string[]) => cli(["perplexity", "score", "r.jsonl", "--out", "o.jsonl", ...extra], d);
    expect((await run(["--model", "m"])).code).toBe(2);
    expect((await run(["--endpoint", "http://127.0.0.1:9", "--model", "m", "--server", "llama.cpp"])).code).toBe(2);
    const c = await run(["--endpoint", "http://127.0.0.1:9", "--model", "m", "--concurrency", "0"]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("--concurrency must be an integer >= 1");
    const k = await run(["--endpoint", "http://127.0.0.1:9", "--model", "m", "--api-key-env", "PASSK_TEST_SURELY_UNSET_VARIABLE"]);
    expect(k.code).toBe(2);
    expect(k.stderr).toContain("--api-key-env names PASSK_TEST_SURELY_UNSET_VARIABLE, which is not set");
  });
});

describe("passk perplexity report", () => {
  /** A scored record whose response has the given logprobs (one byte per token). */
  function scoredLine(line: number, logprobs: number[], source = "vllm-completions"): object {
    return {
      format: "passk-scored/1",
      line,
      problem_id: `p${line}`,
      fingerprint: "0000000000000000",
      server: "vllm",
      model: "m",
      straddle_policy: "error",
      straddle: "none",
      source,
      distribution: "raw",
      prompt_tokens: 3,
      tokens: logprobs.map(() => "x"),
      logprobs,
      bytes: logprobs.map(() => 1),
    };
  }

  it("prints and writes per-set perplexity, the comparisons and the figure", async () => {
    const d = dir();
    // A: responses with perplexity 2 (one token, ln ½), 4 (two tokens of ln ¼), 8 (one token of ln ⅛).
    writeJsonl(d, "a.jsonl", [scoredLine(1, [-LN2]), scoredLine(2, [-2 * LN2, -2 * LN2]), scoredLine(3, [-3 * LN2])]);
    // B: perplexity 2 and 2^(3/2) ... (two tokens ln ½ and ln ¼ → mean 1.5 ln 2).
    writeJsonl(d, "b.jsonl", [scoredLine(1, [-LN2, -LN2]), scoredLine(2, [-LN2, -2 * LN2])]);
    const r = await cli(["perplexity", "report", "A=a.jsonl", "B=b.jsonl", "--out", "rep", "--reference", "B"], d);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(d, "rep/report.json"), "utf8")) as PerplexityReport;
    const [a, b] = report.sets;
    // A: NLL (1 + 4 + 3) ln 2 over 4 tokens → micro 2^2 = 4, macro (2 + 4 + 8)/3, bits/byte 8/4 = 2.
    near(a?.microPerplexity, 4);
    near(a?.macroPerplexity, 14 / 3);
    near(a?.bitsPerByte, 2);
    expect(a?.perplexity.quantiles.find((q) => q.p === 0.5)?.value).toBeCloseTo(4, 12);
    // B: NLL (2 + 3) ln 2 over 4 tokens → micro 2^(5/4); per-response 2 and 2^1.5.
    near(b?.microPerplexity, 2 ** 1.25);
    near(b?.macroPerplexity, (2 + 2 ** 1.5) / 2);
    // A against B's median (2 + 2^1.5)/2 ≈ 2.414: only the response with perplexity 2 is below.
    expect(report.comparisons).toHaveLength(1);
    expect(report.comparisons[0]).toMatchObject({ a: "A", b: "B", shareOfABelow: 1 / 3 });
    near(report.comparisons[0]?.threshold, (2 + 2 ** 1.5) / 2);
    expect(r.stdout).toContain("passk perplexity report: 2 sets, 5 responses");
    expect(r.stdout).toMatch(/\nA +3 +4 +4\.0000 +4\.6667 +2\.0000 +2\.0000 /);
    expect(r.stdout).toMatch(/\nA +B +33\.3% +2\.4142 /);
    expect(r.stdout).toContain("wrote rep/report.json, rep/report.md, rep/perplexity.svg");
    const md = readFileSync(join(d, "rep/report.md"), "utf8");
    expect(md).toContain("![perplexity per response](perplexity.svg)");
    expect(md).toContain("| A | 3 | 4 | 4.0000 | 4.6667 |");
    const svg = readFileSync(join(d, "rep/perplexity.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(">A</text>");
    expect(svg).toContain(">B</text>");
    // --json prints the same report
    const j = await cli(["perplexity", "report", "A=a.jsonl", "B=b.jsonl", "--out", "rep2", "--reference", "B", "--json"], d);
    expect(JSON.parse(j.stdout)).toEqual(report);
  });

  it("refuses invalid logprobs naming file:line unless told to skip or clamp", async () => {
    const d = dir();
    writeJsonl(d, "a.jsonl", [scoredLine(1, [-LN2]), scoredLine(2, [-LN2, -9999])]);
    const r = await cli(["perplexity", "report", "A=a.jsonl", "--out", "rep"], d);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^passk: error: a\.jsonl:2: logprob -9999 at position 1 is a sentinel/);
    const skip = await cli(["perplexity", "report", "A=a.jsonl", "--out", "rep", "--on-invalid", "skip", "--json"], d);
    expect(skip.code).toBe(0);
    const report = JSON.parse(skip.stdout) as PerplexityReport;
    expect(report.sets[0]?.skipped).toBe(1);
    near(report.sets[0]?.microPerplexity, 2);
    expect(report.warnings).toContain("set A: the logprob policy skipped 1 and clamped 0 token(s)");
    const collect = await cli(["perplexity", "report", "A=a.jsonl", "--out", "rep", "--mode", "collect", "--json"], d);
    expect(collect.code).toBe(0);
    const collected = JSON.parse(collect.stdout) as PerplexityReport;
    expect(collected.sets[0]).toMatchObject({ responses: 1, rejected: 1 });
    expect(collected.warnings).toContain("set A: 1 line(s) could not be read and are not in its numbers");
    const clampNoFloor = await cli(["perplexity", "report", "A=a.jsonl", "--on-invalid", "clamp"], d);
    expect(clampNoFloor.code).toBe(2);
    const clamp = await cli(["perplexity", "report", "A=a.jsonl", "--out", "rep", "--on-invalid", "clamp", "--clamp-floor", "-20", "--json"], d);
    // (ln 2 + ln 2 + 20) / 3 nats per token
    near((JSON.parse(clamp.stdout) as PerplexityReport).sets[0]?.microMeanNll, (2 * LN2 + 20) / 3);
  });

  it("reads what perplexity score wrote, in either save format, to the same numbers", async () => {
    server = await startFakeServer();
    const d = dir();
    writeJsonl(d, "responses.jsonl", [
      { problem_id: "p1", prompt: "Q:", response: " yes" },
      { problem_id: "p2", prompt: "Q:", response: " The answer is 42." },
      { problem_id: "p3", prompt: "Say:", response: " café" },
    ]);
    const score = ["perplexity", "score", "responses.jsonl", "--endpoint", server.endpoint, "--model", "toy", "-q"];
    expect((await cli([...score, "--out", "logprobs.jsonl"], d)).code).toBe(0);
    expect((await cli([...score, "--out", "payload.jsonl", "--save", "payload"], d)).code).toBe(0);
    const r = await cli(["perplexity", "report", "L=logprobs.jsonl", "P=payload.jsonl", "--out", "rep", "--json"], d);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PerplexityReport;
    const [l, p] = report.sets;
    expect({ ...l, name: "", files: [] }).toEqual({ ...p, name: "", files: [] });
    // Hand values (toy model): " yes" Σk 2 over 1 token (PPL 4); " The answer is 42." Σk 12 over 6 (PPL 4);
    // " café" Σk 6 over 3 (PPL 4). Micro: 20 ln 2 over 10 tokens → 4; bytes 4 + 18 + 6 = 28.
    near(l?.microPerplexity, 4);
    near(l?.macroPerplexity, 4);
    near(l?.bitsPerByte, 20 / 28);
  });
});

describe("passk demo: the perplexity part", () => {
  it("writes synthetic scored responses and reports exactly their numbers", async () => {
    const d = dir();
    const r = await cli(["demo", "--out", d, "--problems", "30", "--samples", "8", "--resamples", "50", "-q"], d);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("passk perplexity report: 3 sets, 360 responses");
    const report = JSON.parse(readFileSync(join(d, "perplexity/report.json"), "utf8")) as PerplexityReport;
    expect(report.sets.map((s) => s.name)).toEqual(["Base(Y_base)", "Base(Y_RL)", "RL(Y_RL)"]);
    expect(readFileSync(join(d, "perplexity/perplexity.svg"), "utf8").startsWith("<svg")).toBe(true);
    const files = ["base-scores-base.jsonl", "base-scores-RL.jsonl", "RL-scores-RL.jsonl"];
    files.forEach((f, i) => {
      // Recompute from the file with plain sums.
      let nll = 0;
      let tokens = 0;
      let bytes = 0;
      let macro = 0;
      const lines = readFileSync(join(d, "data/perplexity", f), "utf8").trim().split("\n");
      for (const text of lines) {
        const rec = JSON.parse(text) as { logprobs: number[]; bytes: number[] };
        const s = -rec.logprobs.reduce((x, y) => x + y, 0);
        nll += s;
        tokens += rec.logprobs.length;
        bytes += rec.bytes.reduce((x, y) => x + y, 0);
        macro += Math.exp(s / rec.logprobs.length);
      }
      const set = report.sets[i];
      expect(set?.responses).toBe(lines.length);
      expect(set?.tokens).toBe(tokens);
      expect(Math.abs((set?.microPerplexity ?? NaN) - Math.exp(nll / tokens))).toBeLessThan(1e-9);
      expect(Math.abs((set?.macroPerplexity ?? NaN) - macro / lines.length)).toBeLessThan(1e-9);
      expect(Math.abs((set?.bitsPerByte ?? NaN) - nll / (bytes * LN2))).toBeLessThan(1e-9);
    });
    // The study's shape: the base model finds the RL answers likelier than its own.
    const share = report.comparisons.find((c) => c.a === "Base(Y_RL)" && c.b === "Base(Y_base)")?.shareOfABelow ?? 0;
    expect(share).toBeGreaterThan(0.6);
  });
});
