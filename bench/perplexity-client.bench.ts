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
import { readScoringPayload, scoreResponsesFile } from "../src/node/index.js";


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

async function run(label: string, endpoint: string, input: string, dir: string, records: number): Promise<{ rate: number; cpuPer1k: number }> {
  const out = join(dir, `${label}.jsonl`);
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
    `${label.padEnd(34)} ${records} requests in ${ms.toFixed(0).padStart(5)} ms = ${rate.toFixed(0).padStart(5)} requests/s; ` +
      `client CPU ${cpuMs.toFixed(0)} ms for ${r.tokens.toLocaleString("en-US")} scored tokens = ${cpuPer1k.toFixed(3)} ms per 1,000`,
  );
  return { rate, cpuPer1k };
}

async function main(): Promise<void> {
  const RECORDS = 2000;
  const rng = new SeededRandom(17);
  const dir = mkdtempSync(join(tmpdir(), "passk-bench-ppl-"));
  const input = join(dir, "responses.jsonl");
  const lines: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    lines.push(JSON.stringify({ problem_id: `p${i}`, prompt: `Question ${i}:${text(rng, 80)}\nAnswer:`, response: text(rng, 420) }));
  }
  writeFileSync(input, `${lines.join("\n")}\n`);

  // Parsing alone, in process: the part of the client's CPU that grows with the tokens.
  const { vllmEchoPayload } = await import("../test/node-perplexity/fakeServer.js");
  const sample = lines.slice(0, 200).map((l) => JSON.parse(l) as { prompt: string; response: string });
  const bodies = sample.map((r) => JSON.stringify(vllmEchoPayload("toy", r.prompt + r.response, 0)));
  let tokens = 0;
  for (let rep = 0; rep < 2; rep++) {
    const t0 = performance.now();
    tokens = 0;
    sample.forEach((r, i) => {
      tokens += readScoringPayload("vllm", JSON.parse(bodies[i] as string), r.prompt, r.response).sequence.tokens.length;
    });
    const ms = performance.now() - t0;
    if (rep === 1) {
      console.log(`parse + locate + adapter (in process)     ${sample.length} payloads, ${tokens.toLocaleString("en-US")} scored tokens: ${((ms / tokens) * 1000).toFixed(3)} ms per 1,000`);
    }
  }

  const results: { rate: number; cpuPer1k: number }[] = [];
  for (const latency of [0, 50]) {
    const server = await startServer(latency);
    try {
      await run(`warm-up (latency ${latency} ms)`, server.endpoint, input, dir, RECORDS);
      results.push(await run(`concurrency 32, server latency ${latency} ms`, server.endpoint, input, dir, RECORDS));
    } finally {
      server.stop();
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const worstRate = Math.min(...results.map((r) => r.rate));
  const worstCpu = Math.max(...results.map((r) => r.cpuPer1k));
  console.log(`goal >= 200 requests/s at concurrency 32: ${worstRate >= 200 ? "met" : "NOT met"} (${worstRate.toFixed(0)} requests/s at worst)`);
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
