// Analysis benchmarks: the problem-level bootstrap of pass@k (target: 10,000 resamples × 500 problems
// × 8 values of k in under 1 s), timed side by side with a naive bootstrap that recomputes pass@k for
// every resampled problem, plus exact maj@k for n = 256 with 50 answer clusters.
import { performance } from "node:perf_hooks";
import { SeededRandom, bootstrapPassAtK, comparePassAtK, majorityAtK, passAtK, type Tally } from "../src/index.js";

const P = 500;
const N = 256;
const KS = [1, 2, 4, 8, 16, 32, 64, 128];
const RESAMPLES = 10_000;

// Deterministic synthetic data: a U-shaped success-rate mix like real RLVR data.
const rng = new SeededRandom(2025);
const u = () => rng.nextUint32() / 4294967296;
const make = (): Tally[] =>
  Array.from({ length: P }, (_, i) => {
    const r = u();
    const p = r < 0.15 ? 0 : r < 0.3 ? 1 : u() ** 2;
    let c = 0;
    for (let s = 0; s < N; s++) if (u() < p) c++;
    return { problemId: `p${i}`, n: N, c };
  });
const base = make();
const rl = make();

function time<T>(label: string, runs: number, f: () => T): { ms: number; value: T } {
  let value = f(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    value = f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)] as number;
  console.log(`${label.padEnd(64)} median ${ms.toFixed(1).padStart(8)} ms over ${runs} runs`);
  return { ms, value };
}

console.log(`data: ${P} problems, n = ${N}, ks = ${KS.join(",")}, ${RESAMPLES} resamples`);
const fast = time(`bootstrapPassAtK (matrix once, resample indices)`, 7, () =>
  bootstrapPassAtK(base, KS, { seed: 1, resamples: RESAMPLES }),
);

// Naive reference: recompute pass@k of every drawn problem at every k in every resample (1,000
// resamples, scaled ×10 for the comparison, to keep the run short).
const NAIVE_RESAMPLES = 1000;
const naive = time(`naive: recompute pass@k per drawn problem (${NAIVE_RESAMPLES} resamples)`, 3, () => {
  const r = new SeededRandom(1);
  const out = new Float64Array(NAIVE_RESAMPLES * KS.length);
  for (let s = 0; s < NAIVE_RESAMPLES; s++) {
    for (let i = 0; i < P; i++) {
      const t = base[r.nextIndex(P)] as Tally;
      KS.forEach((k, j) => { out[s * KS.length + j] = (out[s * KS.length + j] as number) + passAtK(t.n, t.c, k) / P; });
    }
  }
  return out;
});
const naiveScaled = naive.ms * (RESAMPLES / NAIVE_RESAMPLES);
console.log(`  naive scaled to ${RESAMPLES} resamples: ~${naiveScaled.toFixed(0)} ms  →  matrix bootstrap is ${(naiveScaled / fast.ms).toFixed(1)}× faster`);
console.log(`  target < 1000 ms: ${fast.ms < 1000 ? "MET" : "NOT MET"} (${fast.ms.toFixed(1)} ms)`);
const p128 = fast.value.points[KS.length - 1]!;
console.log(`  pass@128 = ${p128.estimate.toFixed(4)}  95% CI [${p128.lower.toFixed(4)}, ${p128.upper.toFixed(4)}]  SE ${p128.standardError.toFixed(4)}`);

time(`comparePassAtK paired (same size)`, 5, () => comparePassAtK(base, rl, KS, { seed: 1, resamples: RESAMPLES }));

// maj@k: n = 256 in 50 clusters (40, 30, 20, 15, 12, 10×4, 6×6, 3×10, then singletons; the first
// cluster absorbs the remainder so the sizes add up to 256).
const sizes = [40, 30, 20, 15, 12, 10, 10, 10, 10, 6, 6, 6, 6, 6, 6, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
while (sizes.length < 50) sizes.push(1);
const rest = N - sizes.reduce((a, b) => a + b, 0);
sizes[0] = (sizes[0] as number) + rest;
const answers = { clusters: sizes.map((count, i) => ({ count, correct: i === 1 })) };
console.log(`maj@k: n = ${sizes.reduce((a, b) => a + b, 0)}, ${sizes.length} clusters, correct cluster size ${sizes[1]}`);
for (const k of [8, 64, 128, 255]) {
  const m = time(`majorityAtK k = ${k}`, 5, () => majorityAtK(answers, k));
  console.log(`  maj@${k} = ${m.value.toFixed(6)}`);
}
// Worst case for the method: the correct cluster is the largest (one DP per count v it can reach).
const largest = { clusters: sizes.map((count, i) => ({ count, correct: i === 0 })) };
for (const k of [128, 255]) {
  const m = time(`majorityAtK k = ${k}, correct = largest cluster (${sizes[0]})`, 5, () => majorityAtK(largest, k));
  console.log(`  maj@${k} = ${m.value.toFixed(6)}  (target: well under 1000 ms)`);
}
