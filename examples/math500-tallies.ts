// Turns published per-problem correct counts (MATH500, Qwen2.5-7B base vs SimpleRL-Zoo, n = 128)
// into tallies and prints the pass@k curve at powers of two for both models.
//
//   node --import tsx examples/math500-tallies.ts [path/to/math500-...-counts.json]
//
// Default path: ../shared/data/math500-qwen2.5-7b-base-vs-simplerl-counts.json next to the repo.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TallyAccumulator } from "../src/tallies/index.js";
import { passAtKCurve } from "../src/estimators/passAtKCurve.js";

interface CountsFile {
  readonly benchmark?: string;
  readonly n_per_problem: number;
  readonly models: Record<string, string>;
  readonly correct: Record<string, number[]>;
  readonly expected?: { readonly pooled_pass_at_k?: Record<string, Record<string, number>> };
}

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const path = resolve(process.argv[2] ?? resolve(repo, "../shared/data/math500-qwen2.5-7b-base-vs-simplerl-counts.json"));
if (!existsSync(path)) {
  console.error(`counts file not found: ${path}\nusage: node --import tsx examples/math500-tallies.ts <counts.json>`);
  process.exit(1);
}
const data = JSON.parse(readFileSync(path, "utf8")) as CountsFile;
const n = data.n_per_problem;

// The file holds only per-problem counts, so they enter as pre-aggregated tallies (no sample indices).
const acc = new TallyAccumulator();
for (const [key, counts] of Object.entries(data.correct)) {
  const model = data.models[key] ?? key;
  counts.forEach((c, idx) => acc.addTally(model, { problemId: String(idx), n, c }));
}

const ks: number[] = [];
for (let k = 1; k <= n; k *= 2) ks.push(k);
console.log(`${data.benchmark ?? "benchmark"}, n = ${n} samples per problem\n`);
const keyOf = new Map(Object.entries(data.models).map(([key, model]) => [model, key]));
const curves = acc.models().map((model) => ({ model, curve: passAtKCurve(acc.talliesFor(model), ks) }));
console.log(["k".padStart(5), ...curves.map((c) => c.model.padStart(36))].join(""));
for (let i = 0; i < ks.length; i++) {
  console.log([String(ks[i]).padStart(5), ...curves.map((c) => (c.curve[i]?.value ?? NaN).toFixed(6).padStart(36))].join(""));
}

// The file also records the pass@k values of the study's own code: report the largest deviation.
const reference = data.expected?.pooled_pass_at_k;
if (reference !== undefined) {
  let worst = 0;
  for (const { model, curve } of curves) {
    const ref = reference[keyOf.get(model) ?? model];
    for (const p of curve) {
      const r = ref?.[String(p.k)];
      if (r !== undefined) worst = Math.max(worst, Math.abs(p.value - r));
    }
  }
  console.log(`\nlargest |difference| from the file's recorded pass@k values: ${worst.toExponential(2)}`);
}
