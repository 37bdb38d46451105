// The perplexity scoring client against a fake vLLM server on loopback (test/node-perplexity's toy
// model, run in a child process so its CPU is not counted). Goals of the issue: the client keeps
// >= 200 requests/s in flight with concurrency 32, and ADDS <= 1 ms of CPU per 1,000 scored
// (response) tokens to what any client pays: HTTP and JSON.parse of the answers (the "bare"
// floor below: the same requests over node:http, bodies JSON.parse'd, nothing else).
//
// Run: `npm run bench -- perplexity-client` (or node --import tsx --expose-gc <this file>).
//
// Each record: a ~100-token prompt and a ~500- or ~2,000-token response (words, digits, and one
// accented word per ~16, whose bytes the toy tokenizer splits into U+FFFD tokens). The server
// answers from a cache after the warm-up pass (the payload is computed once per request text and
// kept encoded), so its own CPU per request is little more than node:http's.
//
// Side by side: per workload and server latency, rounds alternate the full client and the bare
// floor on the same server; CPU is process.cpuUsage of this process (user + system). The figures
// printed at the end are medians over the rounds. The machine may be shared: the load average is
// printed first and last; CPU times inflate under load, the difference less than the totals.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { SeededRandom } from "../src/index.js";
import { readScoringPayload, scoredLine, scoreResponsesFile, scoringRequest } from "../src/node/index.js";

const ROUNDS = 3;

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

function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

interface Pass {
  /** Requests per second (wall clock). */
  readonly rate: number;
  /** CPU ms of this process per 1,000 scored tokens. */
  readonly cpuPer1k: number;
}

/** The full client: scoreResponsesFile (read, request, retry wrapper, locate, normalize, write). */
async function client(endpoint: string, input: string, out: string, records: number): Promise<Pass & { tokens: number }> {
  rmSync(out, { force: true });
  globalThis.gc?.();
  const c0 = cpuNow();
  const t0 = performance.now();
  const r = await scoreResponsesFile(input, out, { endpoint, model: "toy", concurrency: 32 });
  const ms = performance.now() - t0;
  const cpu = cpuNow() - c0;
  if (r.scored !== records) throw new Error(`scored ${r.scored} of ${records}`);
  return { rate: records / (ms / 1000), cpuPer1k: (cpu / r.tokens) * 1000, tokens: r.tokens };
}

/**
 * The floor any client pays: the same requests over node:http (keep-alive, concurrency 32),
 * bodies read and JSON.parse'd, nothing else. "passk adds" is the full client's CPU minus this.
 */
async function bare(endpoint: string, records: readonly { prompt: string; response: string }[], tokens: number): Promise<Pass> {
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
  const t0 = performance.now();
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
  const ms = performance.now() - t0;
  const cpu = cpuNow() - c0;
  agent.destroy();
  return { rate: records.length / (ms / 1000), cpuPer1k: (cpu / tokens) * 1000 };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

interface Workload {
  readonly name: string;
  readonly records: number;
  readonly promptWords: number;
  readonly responseWords: number;
}

// Short answers, and responses of the length of the study's reasoning traces.
const WORKLOADS: readonly Workload[] = [
  { name: "~500-token responses", records: 1000, promptWords: 80, responseWords: 420 },
  { name: "~2,000-token responses", records: 300, promptWords: 120, responseWords: 1700 },
];

interface Row {
  readonly label: string;
  readonly clientRate: number;
  readonly bareRate: number;
  readonly clientCpu: number;
  readonly bareCpu: number;
  readonly adds: number;
}

/** In process, no HTTP: the two per-token stages of the client, on 100 of the workload's records. */
function inProcess(lines: readonly string[]): void {
  const { vllmEchoPayload } = fake;
  const sample = lines.slice(0, 100).map((l) => JSON.parse(l) as { problem_id: string; prompt: string; response: string });
  const bodies = sample.map((r) => JSON.stringify(vllmEchoPayload("toy", r.prompt + r.response, 0)));
  const scoredTokens = sample.map((r, i) => readScoringPayload("vllm", JSON.parse(bodies[i] as string), r.prompt, r.response).sequence.tokens.length);
  // Logprobs as a server writes them (float32 values, all distinct), not the toy model's three.
  const rng = new SeededRandom(5);
  const time = (f: (i: number) => number): number => {
    let best = Infinity;
    for (let rep = 0; rep < 5; rep++) {
      let tokens = 0;
      const c0 = cpuNow();
      for (let i = 0; i < sample.length; i++) tokens += f(i);
      best = Math.min(best, ((cpuNow() - c0) / tokens) * 1000);
    }
    return best;
  };
  const payloads = bodies.map((body) => JSON.parse(body) as unknown);
  const jsonParse = time((i) => {
    JSON.parse(bodies[i] as string);
    return scoredTokens[i] as number;
  });
  const read = time((i) => readScoringPayload("vllm", payloads[i], sample[i]!.prompt, sample[i]!.response).sequence.tokens.length);
  const scored = sample.map((r, i) => {
    const got = readScoringPayload("vllm", payloads[i], r.prompt, r.response);
    const logprobs = Float64Array.from(Float32Array.from(got.sequence.logprobs, () => Math.log(rng.nextDouble() * 0.999 + 0.001)));
    return { record: { problemId: r.problem_id, prompt: r.prompt, response: r.response }, ...got, sequence: { ...got.sequence, logprobs }, attempts: 1, payload: null };
  });
  const line = time((i) => {
    scoredLine(scored[i]!, i + 1, { server: "vllm", model: "toy", straddle: "error" });
    return scored[i]!.sequence.tokens.length;
  });
  console.log(
    `in process, ms CPU per 1,000 scored tokens (best of 5): JSON.parse of the answers ${jsonParse.toFixed(3)} (part of the floor); ` +
      `readScoringPayload ${read.toFixed(3)}; scoredLine with distinct float32 logprobs ${line.toFixed(3)}`,
  );
}

let fake: typeof import("../test/node-perplexity/fakeServer.js");

async function main(): Promise<void> {
  console.log(`load average ${load()} (1, 5, 15 min) on ${availableParallelism()} cores at the start; CPU times inflate on a loaded machine`);
  fake = await import("../test/node-perplexity/fakeServer.js");
  const dir = mkdtempSync(join(tmpdir(), "passk-bench-ppl-"));
  const rows: Row[] = [];
  for (const w of WORKLOADS) {
    const rng = new SeededRandom(17);
    const input = join(dir, "responses.jsonl");
    const out = join(dir, "scored.jsonl");
    const lines: string[] = [];
    for (let i = 0; i < w.records; i++) {
      lines.push(JSON.stringify({ problem_id: `p${i}`, prompt: `Question ${i}:${text(rng, w.promptWords)}\nAnswer:`, response: text(rng, w.responseWords) }));
    }
    writeFileSync(input, `${lines.join("\n")}\n`);
    const records = lines.map((l) => JSON.parse(l) as { prompt: string; response: string });
    console.log(`\n${w.name}: ${w.records} records`);
    inProcess(lines);
    for (const latency of [0, 50]) {
      const server = await startServer(latency);
      try {
        // Warm-up: fills the server's cache, compiles the client's and the floor's code.
        const { tokens } = await client(server.endpoint, input, out, w.records);
        await bare(server.endpoint, records, tokens);
        const c: Pass[] = [];
        const b: Pass[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const x = await client(server.endpoint, input, out, w.records);
          const y = await bare(server.endpoint, records, tokens);
          c.push(x);
          b.push(y);
          console.log(
            `  latency ${String(latency).padStart(2)} ms, round ${round + 1}: client ${x.rate.toFixed(0).padStart(4)} requests/s, ${x.cpuPer1k.toFixed(3)} ms CPU per 1,000 tokens | ` +
              `bare ${y.rate.toFixed(0).padStart(4)} requests/s, ${y.cpuPer1k.toFixed(3)} | passk adds ${(x.cpuPer1k - y.cpuPer1k).toFixed(3)}   (load ${load()})`,
          );
        }
        rows.push({
          label: `${w.name}, server latency ${latency} ms`,
          clientRate: median(c.map((x) => x.rate)),
          bareRate: median(b.map((x) => x.rate)),
          clientCpu: median(c.map((x) => x.cpuPer1k)),
          bareCpu: median(b.map((x) => x.cpuPer1k)),
          adds: median(c.map((x, i) => x.cpuPer1k - (b[i] as Pass).cpuPer1k)),
        });
      } finally {
        server.stop();
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });

  console.log(`\nmedians of ${ROUNDS} rounds, concurrency 32 (load average ${load()} at the end):`);
  console.log(`${"".padEnd(46)} requests/s       ms CPU per 1,000 scored tokens`);
  console.log(`${"".padEnd(46)} client   bare    client   bare   passk adds (goal <= 1)`);
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(46)} ${r.clientRate.toFixed(0).padStart(6)} ${r.bareRate.toFixed(0).padStart(6)}   ${r.clientCpu.toFixed(3).padStart(6)} ${r.bareCpu.toFixed(3).padStart(6)}   ${r.adds.toFixed(3).padStart(6)}`,
    );
  }
  const worstAdds = Math.max(...rows.map((r) => r.adds));
  const worstRate = rows.reduce((a, r) => (r.clientRate < a.clientRate ? r : a));
  console.log(`\ngoal: passk adds <= 1 ms CPU per 1,000 scored tokens beyond the bare floor: ${worstAdds <= 1 ? "met" : "NOT met"} (${worstAdds.toFixed(3)} ms at worst)`);
  console.log(
    `goal: >= 200 requests/s at concurrency 32: ${worstRate.clientRate >= 200 ? "met" : "NOT met"} (${worstRate.clientRate.toFixed(0)} requests/s at worst, ${worstRate.label}; ` +
      `the bare floor made ${worstRate.bareRate.toFixed(0)} requests/s there${worstRate.bareRate < 200 ? ", so on this machine at this load no client reaches 200" : ""})`,
  );
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
