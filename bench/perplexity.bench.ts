// Perplexity over 50,000,000 token logprobs held in Float64Arrays (50,000 sequences × 1,000 tokens).
// Side by side in the same run: passk's corpusPerplexity (validating every value, micro + macro)
// and a naive reference (Array.prototype.reduce per sequence, no validation). Goal: ≥ 20M tokens/s.
import { SeededRandom, corpusPerplexity, sequencePerplexity } from "../src/index.js";

const SEQUENCES = 50_000;
const TOKENS = 1_000;
const TOTAL = SEQUENCES * TOKENS;

const rng = new SeededRandom(20260501);
const rand = (): number => rng.nextDouble();
const data: Float64Array[] = [];
for (let s = 0; s < SEQUENCES; s++) {
  const a = new Float64Array(TOKENS);
  // log of a probability in (0, 1]: −log(u) is exponential; scale to a realistic mean NLL ≈ 1.5
  for (let i = 0; i < TOKENS; i++) a[i] = 1.5 * Math.log(1 - rand());
  data.push(a);
}

function naive(seqs: readonly Float64Array[]): { micro: number; macro: number } {
  let sum = 0;
  let count = 0;
  let macro = 0;
  for (const seq of seqs) {
    const s = seq.reduce((acc, x) => acc + x, 0);
    macro += Math.exp(-s / seq.length);
    sum -= s;
    count += seq.length;
  }
  return { micro: Math.exp(sum / count), macro: macro / seqs.length };
}

function perSequence(seqs: readonly Float64Array[]): number {
  let macro = 0;
  for (const seq of seqs) macro += sequencePerplexity(seq).perplexity;
  return macro / seqs.length;
}

function time<T>(label: string, f: () => T, runs = 3): { best: number; value: T } {
  let best = Number.POSITIVE_INFINITY;
  let value = f(); // warm-up
  for (let r = 0; r < runs; r++) {
    globalThis.gc?.();
    const t0 = performance.now();
    value = f();
    best = Math.min(best, performance.now() - t0);
  }
  const rate = TOTAL / (best / 1000);
  console.log(`${label.padEnd(44)} ${best.toFixed(1).padStart(8)} ms  ${(rate / 1e6).toFixed(1).padStart(7)} M tokens/s`);
  return { best, value };
}

console.log(`${SEQUENCES.toLocaleString("en-US")} sequences × ${TOKENS.toLocaleString("en-US")} tokens = ${TOTAL.toLocaleString("en-US")} tokens (best of 3 after warm-up)`);
const ours = time("passk corpusPerplexity (validated)", () => corpusPerplexity(data));
const seqs = time("passk sequencePerplexity per sequence", () => perSequence(data));
const ref = time("naive reference (reduce, no validation)", () => naive(data));

const rate = TOTAL / (ours.best / 1000);
console.log(`ratio corpusPerplexity / naive: ${(ref.best / ours.best).toFixed(2)}× the naive throughput`);
console.log(`goal ≥ 20 M tokens/s: ${rate >= 20e6 ? "met" : "NOT met"} (${(rate / 1e6).toFixed(1)} M tokens/s)`);
// Same numbers both ways (sanity check, not a timing).
const agree =
  Math.abs(ours.value.microPerplexity - ref.value.micro) / ref.value.micro < 1e-9 &&
  Math.abs(ours.value.macroPerplexity - ref.value.macro) / ref.value.macro < 1e-9 &&
  Math.abs(seqs.value - ref.value.macro) / ref.value.macro < 1e-9;
console.log(`micro PPL ${ours.value.microPerplexity.toFixed(6)}, macro PPL ${ours.value.macroPerplexity.toFixed(6)}; agree with reference: ${agree}`);
if (!agree) process.exit(1);
