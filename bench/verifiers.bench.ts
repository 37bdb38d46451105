// Verifier throughput: built-in extractors, and a CPU-bound verifier inline vs. in the
// tinypool worker pool (same results checked), measured side by side in one run.
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";
import { extractChoice, extractFinalNumber, judged, verifyBatch, type Verifier } from "../src/index.js";
import { createVerifierPool } from "../src/node/code/index.js";

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

if (isMainThread) await main();
