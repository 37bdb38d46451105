// Reproduces the MATH500 figures of the public Qwen2.5-7B base vs SimpleRL-Zoo reproduction
// (n = 128 samples per problem) from its per-problem correct counts, with passk's analyses.
//
//   npx tsx examples/reproduce-math500.ts [path/to/math500-qwen2.5-7b-base-vs-simplerl-counts.json]
//
// Default path: ../shared/data/… next to the repository root. Prints every expected figure next to
// the computed one and exits with status 1 on any mismatch (2 when the data file is missing).
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  Decimal,
  accuracyHistogram,
  bootstrapCrossover,
  bootstrapPassAtK,
  compareCoverage,
  comparePassAtK,
  passAtKCurve,
  passAtKExact,
  passAtKCrossover,
  samplingEfficiencyGap,
  type Tally,
} from "../src/index.js";

const FILE = "math500-qwen2.5-7b-base-vs-simplerl-counts.json";
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const path = resolve(process.argv[2] ?? resolve(repoRoot, "..", "shared", "data", FILE));
if (!existsSync(path)) {
  console.error(`data file not found: ${path}\npass the path of ${FILE} as the first argument`);
  process.exit(2);
}

interface Data {
  n_per_problem: number;
  models: Record<string, string>;
  correct: { base: number[]; simplerl: number[] };
  expected: {
    pooled_pass_at_k: Record<"base" | "simplerl", Record<string, number>>;
    correct_generations: Record<"base" | "simplerl", number>;
    solved_at_128: Record<"base" | "simplerl", number>;
    pass128_categories: { both: number; base_only: number; simplerl_only: number; neither: number };
    base_only_idx: number[];
    simplerl_only_idx: number[];
    paired_bootstrap_95ci_k128?: [number, number];
  };
}
const data = JSON.parse(readFileSync(path, "utf8")) as Data;
const n = data.n_per_problem;
const tallies = (counts: number[]): Tally[] => counts.map((c, i) => ({ problemId: String(i), n, c }));
const models = { base: tallies(data.correct.base), simplerl: tallies(data.correct.simplerl) };
const exp = data.expected;

let failures = 0;
const report = (label: string, expected: unknown, computed: unknown, ok: boolean, note = "") => {
  if (!ok) failures++;
  const show = (v: unknown) => (Array.isArray(v) ? `[${v.join(", ")}]` : String(v));
  console.log(`${ok ? "ok  " : "FAIL"} ${label.padEnd(34)} expected ${show(expected).padEnd(22)} computed ${show(computed)}${note}`);
};

// 1. Pooled pass@k. The reference summed float64 values in another order, so the two float64 results
// may differ in the last few bits; both are compared with the exact rational mean (BigInt), and a
// figure matches when expected and computed agree within 1e-15 (a few units in the last place).
console.log(`\nMATH500, ${data.correct.base.length} problems, n = ${n}: ${data.models.base} vs ${data.models.simplerl}\n`);
console.log("pooled pass@k (unbiased estimator, mean over problems)");
const ks = Object.keys(exp.pooled_pass_at_k.base).map(Number).sort((a, b) => a - b);
for (const m of ["base", "simplerl"] as const) {
  const curve = passAtKCurve(models[m], ks);
  for (const { k, value } of curve) {
    const expected = exp.pooled_pass_at_k[m][String(k)] as number;
    const exact = models[m]
      .reduce((s, t) => s.plus(passAtKExact(t.n, t.c, k, { digits: 40 })), new Decimal(0))
      .div(models[m].length);
    const ulps = (x: number) => exact.minus(x).abs().div(Number.EPSILON * Math.abs(x)).toNumber().toFixed(1);
    report(`${m} pass@${k}`, expected, value, Math.abs(value - expected) <= 1e-15,
      `   (exact ${exact.toSignificantDigits(19).toString()}; expected/computed off by ${ulps(expected)}/${ulps(value)} ulp)`);
  }
}

// 2. Correct generations and solved sets.
console.log("\nsolved sets (a problem is solved at 128 when at least one of its 128 samples is correct)");
for (const m of ["base", "simplerl"] as const) {
  const total = data.correct[m].reduce((a, b) => a + b, 0);
  report(`${m} correct generations`, exp.correct_generations[m], total, total === exp.correct_generations[m]);
}
const cmp = compareCoverage(models);
const [baseCov, rlCov] = cmp.models as [(typeof cmp.models)[number], (typeof cmp.models)[number]];
report("base solved at 128", exp.solved_at_128.base, baseCov.solved.length, baseCov.solved.length === exp.solved_at_128.base);
report("simplerl solved at 128", exp.solved_at_128.simplerl, rlCov.solved.length, rlCov.solved.length === exp.solved_at_128.simplerl);
const cats = exp.pass128_categories;
report("solved by both", cats.both, cmp.solvedByAll.length, cmp.solvedByAll.length === cats.both);
report("base only", cats.base_only, baseCov.solvedOnly.length, baseCov.solvedOnly.length === cats.base_only);
report("simplerl only", cats.simplerl_only, rlCov.solvedOnly.length, rlCov.solvedOnly.length === cats.simplerl_only);
report("neither", cats.neither, cmp.solvedByNone.length, cmp.solvedByNone.length === cats.neither);
const same = (a: readonly string[], b: number[]) => a.length === b.length && a.every((id, i) => id === String(b[i]));
report("base-only problem ids", exp.base_only_idx, baseCov.solvedOnly, same(baseCov.solvedOnly, exp.base_only_idx));
report("simplerl-only problem ids", exp.simplerl_only_idx, rlCov.solvedOnly, same(rlCov.solvedOnly, exp.simplerl_only_idx));
const pair = cmp.pairs[0]!;
console.log(`     Jaccard(base, simplerl) = ${pair.jaccard.toFixed(4)}; simplerl ⊆ base: ${pair.bSubsetOfA} (${pair.onlyB.length} exceptions)`);

// 3. Paired bootstrap at k = 128 (simplerl − base). The reference used its own random generator, so
// only agreement to about ±0.004 can be expected; reported, not counted as a failure.
const paired = comparePassAtK(models.simplerl, models.base, [128], { seed: 0, resamples: 10_000 }).points[0]!;
if (exp.paired_bootstrap_95ci_k128) {
  const [lo, hi] = exp.paired_bootstrap_95ci_k128;
  const close = Math.abs(paired.lower - lo) <= 0.004 && Math.abs(paired.upper - hi) <= 0.004;
  console.log(
    `${close ? "ok  " : "note"} ${"paired 95% CI, pass@128 diff".padEnd(34)} expected [${lo}, ${hi}]`.padEnd(84) +
      ` computed [${paired.lower.toFixed(3)}, ${paired.upper.toFixed(3)}]  (different RNG: informational)`,
  );
}
console.log(`     difference ${paired.estimate.toFixed(3)} ± ${paired.standardError.toFixed(4)} (SE); wins/ties/losses ${paired.wins}/${paired.ties}/${paired.losses}`);

// 4. Beyond the expected figures: ΔSE at k = 128, the crossover, the accuracy histograms.
console.log("\nfurther analyses (no reference values; shown for the docs)");
const gap = samplingEfficiencyGap(models.base, models.simplerl, { k: 128 });
console.log(`     ΔSE (k = 128) = base pass@128 ${gap.basePassAtK.toFixed(4)} − simplerl pass@1 ${gap.rlPassAt1.toFixed(4)} = ${gap.gap.toFixed(4)}`);
const cross = passAtKCrossover(models.base, models.simplerl);
const ci = bootstrapCrossover(models.base, models.simplerl, undefined, { seed: 0, resamples: 2000 });
const fmt = (c: typeof cross) => (c.kind === "none" ? `none up to k = ${c.upToK}` : c.kind === "atFirstK" ? `≤ ${c.k}` : c.k.toFixed(1));
console.log(`     crossover k = ${fmt(cross)}  (95% bootstrap interval ${fmt(ci.lower)} … ${fmt(ci.upper)})`);
const boot = bootstrapPassAtK(models.base, ks, { seed: 0 });
console.log(`     base pass@k 95% CIs: ${boot.points.map((p) => `@${p.k} [${p.lower.toFixed(3)}, ${p.upper.toFixed(3)}]`).join(" ")}`);
for (const m of ["base", "simplerl"] as const) {
  const h = accuracyHistogram(models[m], { edges: [0, 0.25, 0.5, 0.75, 1] });
  console.log(`     ${m.padEnd(8)} accuracy histogram: ${h.bins.map((b) => `${b.label} ${b.count}`).join(" | ")}`);
}

console.log(failures === 0 ? "\nall expected figures reproduced" : `\n${failures} expected figure(s) NOT reproduced`);
process.exit(failures === 0 ? 0 : 1);
