// The perplexity scoring client against a fake vLLM server on loopback (test/node-perplexity's toy
// model, run in a child process so its CPU is not counted): requests per second with
// concurrency 32, and the client's CPU per 1,000 scored (response) tokens. Goals: ≥ 200 requests/s
// in flight at concurrency 32; ≤ 1 ms of client CPU per 1,000 scored tokens.
//
// Each record: a ~100-token prompt and a ~500-token response (words, digits, and one accented
// word per sentence, whose bytes the toy tokenizer splits into U+FFFD tokens).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { SeededRandom } from "../src/index.js";
import { Agent, request } from "node:http";
import { readScoringPayload, scoreResponsesFile, scoringRequest } from "../src/node/index.js";


async function startServer(latencyMs: number): Promise<{ endpoint: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--server", String(latencyMs)], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const endpoint = await new Promise<string>((resolve) => lines.once("line", resolve));
  return { endpoint, stop: () => child.stdin.end() };
}

const WORDS = ["the", "answer", "is", "so", "we", "get", "let", "x", "be", "sum", "of", "all", "terms", "then", "café", "therefore"];

function text(rng: SeededRandom, words: number): string {
  let s = "";
  for (let i = 0; i < words; i++) {
    const r = rng.nextUint32();
    s += r % 7 === 0 ? ` ${r % 10}` : ` ${WORDS[r % WORDS.length]}`;
    if (i % 25 === 24) s += ".\n";
  }
  return s;
}

async function run(label: string, endpoint: string, input: string, dir: string, records: number): Promise<{ rate: number; cpuPer1k: number; tokens: number }> {
  const out = join(dir, `${label.replace(/\W+/gu, "-")}.jsonl`);
  rmSync(out, { force: true });
  globalThis.gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await scoreResponsesFile(input, out, { endpoint, model: "toy", concurrency: 32 });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (r.scored !== records) throw new Error(`${label}: scored ${r.scored} of ${records}`);
  const rate = records / (ms / 1000);
  const cpuPer1k = (cpuMs / r.tokens) * 1000;
  console.log(
    `${label.padEnd(46)} ${String(records).padStart(5)} requests in ${ms.toFixed(0).padStart(6)} ms = ${rate.toFixed(0).padStart(4)} requests/s; ` +
      `client CPU ${cpuMs.toFixed(0).padStart(5)} ms for ${r.tokens.toLocaleString("en-US").padStart(9)} scored tokens = ${cpuPer1k.toFixed(3)} ms per 1,000`,
  );
  return { rate, cpuPer1k, tokens: r.tokens };
}

/**
 * The floor any client pays: the same requests over node:http, bodies read and JSON.parse'd,
 * nothing else. "passk adds" is the full client's CPU minus this.
 */
async function bare(endpoint: string, records: readonly { prompt: string; response: string }[]): Promise<number> {
  const agent = new Agent({ keepAlive: true });
  const post = (url: string, body: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const req = request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  globalThis.gc?.();
  const c0 = cpuNow();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let k = next++; k < records.length; k = next++) {
        const r = records[k] as { prompt: string; response: string };
        const q = scoringRequest("vllm", endpoint, "toy", r.prompt + r.response);
        await post(q.url, JSON.stringify(q.body));
      }
    }),
  );
  const ms = cpuNow() - c0;
  agent.destroy();
  return ms;
}

interface Workload {
  readonly name: string;
  readonly records: number;
  readonly promptWords: number;
  readonly responseWords: number;
}

// Short answers, and responses of the length of the study's reasoning traces.
const WORKLOADS: readonly Workload[] = [
  { name: "~500-token responses", records: 2000, promptWords: 80, responseWords: 420 },
  { name: "~2,000-token responses", records: 600, promptWords: 120, responseWords: 1700 },
];

function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

async function main(): Promise<void> {
  console.log(`load average ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")} on ${(await import("node:os")).availableParallelism()} cores (CPU times inflate on a loaded machine)`);
  const { vllmEchoPayload } = await import("../test/node-perplexity/fakeServer.js");
  const dir = mkdtempSync(join(tmpdir(), "passk-bench-ppl-"));
  const results: { rate: number; cpuPer1k: number; tokens: number }[] = [];
  for (const w of WORKLOADS) {
    const rng = new SeededRandom(17);
    const input = join(dir, "responses.jsonl");
    const lines: string[] = [];
    for (let i = 0; i < w.records; i++) {
      lines.push(JSON.stringify({ problem_id: `p${i}`, prompt: `Question ${i}:${text(rng, w.promptWords)}\nAnswer:`, response: text(rng, w.responseWords) }));
    }
    writeFileSync(input, `${lines.join("\n")}\n`);
    console.log(`\n${w.name}`);

    // Reading alone, in process: the part of the client's CPU that grows with the tokens.
    const sample = lines.slice(0, 100).map((l) => JSON.parse(l) as { prompt: string; response: string });
    const bodies = sample.map((r) => JSON.stringify(vllmEchoPayload("toy", r.prompt + r.response, 0)));
    for (let rep = 0; rep < 3; rep++) {
      let tokens = 0;
      const c0 = cpuNow();
      sample.forEach((r, i) => {
        tokens += readScoringPayload("vllm", JSON.parse(bodies[i] as string), r.prompt, r.response).sequence.tokens.length;
      });
      if (rep === 2) console.log(`${"JSON.parse + readScoringPayload, in process".padEnd(46)} ${((cpuNow() - c0) / tokens * 1000).toFixed(3)} ms CPU per 1,000 scored tokens`);
    }
    for (const latency of [0, 50]) {
      const server = await startServer(latency);
      try {
        await run(`warm-up, server latency ${latency} ms`, server.endpoint, input, dir, w.records);
        const r = await run(`concurrency 32, server latency ${latency} ms`, server.endpoint, input, dir, w.records);
        results.push(r);
        const records = lines.map((l) => JSON.parse(l) as { prompt: string; response: string });
        const floor = await bare(server.endpoint, records);
        const tokens = r.tokens;
        console.log(
          `${"  bare node:http + JSON.parse, same requests".padEnd(46)} client CPU ${floor.toFixed(0).padStart(5)} ms = ${((floor / tokens) * 1000).toFixed(3)} ms per 1,000; ` +
            `passk adds ${(r.cpuPer1k - (floor / tokens) * 1000).toFixed(3)} ms per 1,000`,
        );
      } finally {
        server.stop();
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const worstRate = Math.min(...results.map((r) => r.rate));
  const worstCpu = Math.max(...results.map((r) => r.cpuPer1k));
  console.log(`\ngoal >= 200 requests/s at concurrency 32: ${worstRate >= 200 ? "met" : "NOT met"} (${worstRate.toFixed(0)} requests/s at worst)`);
  console.log(`goal <= 1 ms client CPU per 1,000 scored tokens: ${worstCpu <= 1 ? "met" : "NOT met"} (${worstCpu.toFixed(3)} ms at worst)`);
}

// The same file runs the server child (--server <latency ms>) and the benchmark.
if (process.argv[2] === "--server") {
  const { startFakeServer } = await import("../test/node-perplexity/fakeServer.js");
  const latencyMs = Number(process.argv[3]);
  const server = await startFakeServer({ latencyMs, maxRequests: 1_000_000, cache: true });
  console.log(server.endpoint);
  process.stdin.resume();
  process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
} else {
  await main();
}
