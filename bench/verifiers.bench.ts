// Verifier throughput: built-in extractors; a CPU-bound verifier inline vs. in the tinypool
// worker pool (same results checked); and candidate programs through the bubblewrap sandbox vs.
// the old unsandboxed spawn (same programs, same outputs checked), measured side by side in one run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";
import { extractChoice, extractFinalNumber, judged, verifyBatch, type Verifier } from "../src/index.js";
import { createVerifierPool, localRunner, resolveLimits, type CodeLanguage, type CodeRunner, type RunRequest } from "../src/node/code/index.js";

/** CPU-bound on purpose (stands in for symbolic-math equivalence checks): repeated FNV-1a hashing. */
export const heavyVerifier: Verifier<{ readonly answer: string; readonly rounds: number }> = (response, reference) => {
  const digest = (s: string): number => {
    let h = 2166136261;
    for (let r = 0; r < reference.rounds; r++) for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    return h;
  };
  return judged(digest(response) === digest(reference.answer), { extracted: response });
};

async function main(): Promise<void> {
  const texts = Array.from({ length: 20_000 }, (_, i) => `Let's think. ${i} apples plus ${i * 3} pears... so the answer is (${"ABCD"[i % 4]}), i.e. ${i * 4}.`);
  let t = performance.now();
  let sink = 0;
  for (const s of texts) sink += extractFinalNumber(s)?.value ?? 0;
  const numMs = performance.now() - t;
  t = performance.now();
  for (const s of texts) sink += extractChoice(s) === "A" ? 1 : 0;
  const mcMs = performance.now() - t;
  console.log(`extractFinalNumber: ${((texts.length / numMs) * 1000).toFixed(0)} responses/s`);
  console.log(`extractChoice:      ${((texts.length / mcMs) * 1000).toFixed(0)} responses/s   (checksum ${sink})`);

  const items = Array.from({ length: 64 }, (_, i) => ({
    model: "m",
    problemId: `p${i}`,
    response: `answer ${i % 7}`,
    reference: { answer: `answer ${i % 5}`, rounds: 1_000_000 },
  }));
  t = performance.now();
  const inline = await verifyBatch(items, heavyVerifier, { concurrency: 8 });
  const inlineMs = performance.now() - t;

  const tsx = join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs");
  const threads = availableParallelism();
  const pool = createVerifierPool<{ answer: string; rounds: number }>({ module: import.meta.url, exportName: "heavyVerifier", threads, preload: [tsx] });
  try {
    await verifyBatch(items.slice(0, threads), pool.verifier, { concurrency: threads }); // warm the workers
    t = performance.now();
    const pooled = await verifyBatch(items, pool.verifier, { concurrency: threads * 2 });
    const poolMs = performance.now() - t;
    const same = JSON.stringify(pooled.results) === JSON.stringify(inline.results);
    console.log(`CPU-bound verifier, ${items.length} samples: inline ${inlineMs.toFixed(0)} ms, pool (${threads} threads) ${poolMs.toFixed(0)} ms`);
    console.log(`speedup ${(inlineMs / poolMs).toFixed(2)}x on ${threads} cores; results identical: ${same}`);
    if (!same) process.exitCode = 1;
  } finally {
    await pool.destroy();
  }
}

/** Small honest programs, each with its stdin: the kind of test a code benchmark runs thousands of. */
const PROGRAMS: readonly { readonly language: CodeLanguage; readonly source: string; readonly stdin: string }[] = [
  { language: "python", source: "a, b = map(int, input().split())\nprint(a + b)", stdin: "2 3\n" },
  { language: "python", source: "n = int(input())\nprint(sum(i * i for i in range(n)))", stdin: "1000\n" },
  { language: "python", source: "import sys\nwords = sys.stdin.read().split()\nprint(len(set(words)))", stdin: "a b a c b d\n" },
  { language: "python", source: "def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\nprint(fib(int(input())))", stdin: "90\n" },
  { language: "javascript", source: "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(' ').map(Number);\nconsole.log(a + b);", stdin: "2 3\n" },
  { language: "javascript", source: "const n = Number(require('fs').readFileSync(0, 'utf8'));\nlet s = 0;\nfor (let i = 0; i < n; i++) s += i * i;\nconsole.log(s);", stdin: "1000\n" },
];

/**
 * CPU time (user + system, ms) of this process's reaped children so far, from /proc/self/stat
 * (cutime + cstime, in 10 ms ticks): the whole of an unsandboxed run (prlimit execs the
 * interpreter, this process reaps it). A sandboxed run's processes are not all reaped through
 * this process (the sandbox's init may be reaped by the system's), so for the sandbox the run's
 * cgroup (cpuacct: sh, bwrap, its init and the program) is read instead. Unlike wall-clock time,
 * CPU time does not grow with the machine's load, so it shows the sandbox's own cost on a busy machine.
 */
function childrenCpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 16 and 17 of stat (1-based) are cutime and cstime; `fields` starts at field 3.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** One run of `request` through `runner`: wall-clock ms, CPU ms of its processes, and what it printed. */
async function timeOne(runner: CodeRunner, request: RunRequest): Promise<{ wallMs: number; cpuMs: number; output: string }> {
  const cpu0 = childrenCpuMs();
  const t = performance.now();
  const out = await runner(request, new AbortController().signal);
  const wallMs = performance.now() - t;
  const cpuMs = runner.isolation?.treeLimits === "cgroup-v1" ? (out.cpuTimeMs ?? Number.NaN) : childrenCpuMs() - cpu0;
  return { wallMs, cpuMs, output: `${out.termination} ${String(out.exitCode)} ${out.stdout}` };
}

async function sandboxOverhead(): Promise<void> {
  const plain = localRunner({ isolation: "none" });
  const sandbox = localRunner();
  console.log(`\nsandbox: ${sandbox.isolation.summary}`);
  const limits = resolveLimits({ timeoutMs: 30_000, memoryMb: 256 });
  const requests = PROGRAMS.map((p): RunRequest => ({ language: p.language, source: p.source, stdin: p.stdin, limits }));
  // Warm both (interpreter resolution, the sandbox's one-time trial run, page cache).
  for (const r of requests) await Promise.all([timeOne(plain, r), timeOne(sandbox, r)]);
  // Each program runs once each way in turn, the order alternating, so that a change in the
  // machine's load hits both sides alike; the medians of the paired figures resist load spikes.
  const rounds = 8;
  const wall = { python: { a: [] as number[], b: [] as number[], d: [] as number[] }, javascript: { a: [] as number[], b: [] as number[], d: [] as number[] } };
  const cpuA: number[] = [];
  const cpuB: number[] = [];
  let same = true;
  for (let round = 0; round < rounds; round++) {
    for (const request of requests) {
      const first = round % 2 === 0 ? plain : sandbox;
      const second = first === plain ? sandbox : plain;
      const one = await timeOne(first, request);
      const two = await timeOne(second, request);
      const [x, y] = first === plain ? [one, two] : [two, one];
      const w = wall[request.language];
      w.a.push(x.wallMs);
      w.b.push(y.wallMs);
      w.d.push(y.wallMs - x.wallMs);
      cpuA.push(x.cpuMs);
      cpuB.push(y.cpuMs);
      same &&= x.output === y.output;
    }
  }
  const load = readFileSync("/proc/loadavg", "utf8").split(" ")[0];
  console.log(`programs through the sandbox vs. the unsandboxed spawn (${PROGRAMS.length} programs x ${rounds} rounds, one at a time, paired; medians):`);
  for (const l of ["python", "javascript"] as const) {
    const a = median(wall[l].a);
    const b = median(wall[l].b);
    const overhead = median(wall[l].d);
    console.log(
      `  ${l.padEnd(10)} unsandboxed ${a.toFixed(1)} ms/test (${(1000 / a).toFixed(1)}/s), sandbox ${b.toFixed(1)} ms/test (${(1000 / b).toFixed(1)}/s): ` +
        `ratio ${(b / a).toFixed(2)}, overhead ${overhead.toFixed(1)} ms/test (goal <= 30 ms: ${overhead <= 30 ? "met" : "NOT met"})`,
    );
  }
  const ca = cpuA.reduce((x, y) => x + y, 0) / cpuA.length;
  const cb = cpuB.reduce((x, y) => x + y, 0) / cpuB.length;
  console.log(
    `  CPU time of the run's processes (mean): unsandboxed ${ca.toFixed(1)} ms/test, sandbox ${cb.toFixed(1)} ms/test: ` +
      `ratio ${(cb / ca).toFixed(2)}, overhead ${(cb - ca).toFixed(1)} ms/test (load average ${load} on ${availableParallelism()} cores; wall-clock figures grow with it)`,
  );
  console.log(`  same outputs: ${same}`);
  if (!same) process.exitCode = 1;
}

if (isMainThread) {
  await main();
  await sandboxOverhead();
}
