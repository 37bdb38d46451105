// Calibration check of pass@K prediction on real data, rerunnable by anyone: from the study
// reproduction's MATH500 counts (n = 128 samples per problem and model), draw random subsamples of
// n = 8, 16, 32 samples per problem without replacement (hypergeometric, seeded), predict pass@128
// from each, and compare with the measured pass@128 of all 128 samples. Prints, per n, model and
// method: the mean signed error (bias), the worst absolute error, how many 95% intervals cover the
// measured value, and the mean interval width, all in percentage points.
//
//   npx tsx examples/calibrate-predictions.ts [counts.json] [--ns 8,16,32] [--subsamples 20] [--resamples 200]
//
// Methods: "auto" (the default of predictPassAtKBeyond: midpoint of the scaled beta with and without
// a zero mass, those plausible by held-out likelihood; interval spanning theirs and those of the
// plain and zero-inflated beta when plausible), the same estimate with the span of the scaled shapes'
// intervals only (the default before the restricted shapes widened it), each candidate with its own
// predictive interval, the shape-free identification bounds (passAtKIdentificationBounds: midpoint
// and interval), the grid NPMLE and the Brown et al. power law (estimates only). Takes a while
// on 2 cores (each prediction refits four models `--resamples` times).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  SeededRandom,
  conditionalPassAtK,
  fitEmpiricalPowerLaw,
  fitMixingDistribution,
  passAtKCurve,
  passAtKIdentificationBounds,
  predictEmpiricalPowerLaw,
  predictPassAtKBeyond,
  type Tally,
} from "../src/index.js";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] as string) : fallback;
};
const positional = args.find((a, i) => !a.startsWith("--") && (i === 0 || !(args[i - 1] as string).startsWith("--")));
const here = dirname(fileURLToPath(import.meta.url));
const file = resolve(positional ?? join(here, "..", "..", "shared", "data", "math500-qwen2.5-7b-base-vs-simplerl-counts.json"));
if (!existsSync(file)) {
  console.error(`data file not found: ${file}\npass the path of math500-qwen2.5-7b-base-vs-simplerl-counts.json as the first argument`);
  process.exit(2);
}
const data = JSON.parse(readFileSync(file, "utf8")) as { n_per_problem: number; correct: Record<string, number[]> };
const N = data.n_per_problem;
const K = N;
const ns = flag("--ns", "8,16,32").split(",").map(Number);
const SUBSAMPLES = Number(flag("--subsamples", "20"));
const RESAMPLES = Number(flag("--resamples", "200"));

/** Correct count among `sub` samples drawn without replacement from N of which c are correct. */
function subsample(c: number, sub: number, rng: SeededRandom): number {
  let remainingCorrect = c;
  let hits = 0;
  for (let drawn = 0; drawn < sub; drawn++) {
    if (rng.nextIndex(N - drawn) < remainingCorrect) {
      hits++;
      remainingCorrect--;
    }
  }
  return hits;
}

interface Outcome {
  estimate: number;
  lower?: number;
  upper?: number;
}

const pct = (x: number) => (100 * x).toFixed(2);
const sign = (x: number) => (x >= 0 ? "+" : "") + pct(x);
console.log(`pass@${K} predicted from n samples per problem, ${SUBSAMPLES} random subsamples per n, ${RESAMPLES} resamples`);
console.log("| n | model | method | bias (points) | worst abs error | 95% coverage | mean width |");
console.log("|---|---|---|---|---|---|---|");
for (const n of ns) {
  for (const [model, counts] of Object.entries(data.correct)) {
    const measured = passAtKCurve(
      counts.map((c, i) => ({ problemId: String(i), n: N, c })),
      [K],
    )[0]!.value;
    const outcomes = new Map<string, Outcome[]>();
    const plausibleCount = new Map<string, number>();
    const add = (name: string, o: Outcome) => outcomes.set(name, [...(outcomes.get(name) ?? []), o]);
    for (let s = 1; s <= SUBSAMPLES; s++) {
      // Seed per (n, subsample) so every n sees its own, reproducible subsamples.
      const rng = new SeededRandom(1000 * n + s);
      const small: Tally[] = counts.map((c, i) => ({ problemId: String(i), n, c: subsample(c, n, rng) }));
      const auto = predictPassAtKBeyond(small, [K], { seed: s, resamples: RESAMPLES });
      const point = auto.points[0]!;
      add("auto (default)", point);
      const scaled = auto.candidates.filter((c) => c.inEstimate).map((c) => c.points[0]!);
      add("auto, scaled shapes' span only", {
        estimate: point.estimate,
        lower: Math.min(point.estimate, ...scaled.map((p) => p.lower)),
        upper: Math.max(point.estimate, ...scaled.map((p) => p.upper)),
      });
      for (const c of auto.candidates) {
        add(c.method, c.points[0]!);
        if (c.plausible) plausibleCount.set(c.method, (plausibleCount.get(c.method) ?? 0) + 1);
      }
      // The NPMLE's estimate only: its bootstrap (a barrier-method refit per resample) is slow.
      add("npmle (estimate only)", { estimate: conditionalPassAtK(fitMixingDistribution(small), small, K) });
      // Shape-free: the partial-identification bounds (midpoint and interval; a linear program, fast).
      add("identification bounds (shape-free)", passAtKIdentificationBounds(small, K));
      const law = fitEmpiricalPowerLaw(passAtKCurve(small));
      add("power law (Brown et al.)", { estimate: predictEmpiricalPowerLaw(law, K) });
    }
    for (const [name, list] of outcomes) {
      const errors = list.map((o) => o.estimate - measured);
      const bias = errors.reduce((a, b) => a + b, 0) / errors.length;
      const worst = Math.max(...errors.map(Math.abs));
      const withInterval = list.filter((o) => o.lower !== undefined);
      const cover = withInterval.filter((o) => o.lower! <= measured && measured <= o.upper!).length;
      const width = withInterval.reduce((a, o) => a + (o.upper! - o.lower!), 0) / Math.max(withInterval.length, 1);
      console.log(
        `| ${n} | ${model} | ${name} | ${sign(bias)} | ${pct(worst)} | ${withInterval.length ? `${cover}/${withInterval.length}` : "–"} | ${withInterval.length ? pct(width) : "–"} |`,
      );
    }
    const shares = [...plausibleCount].map(([m, k]) => `${m} ${k}/${SUBSAMPLES}`).join(", ");
    console.log(`|   | ${model} | measured pass@${K} = ${pct(measured)}%; plausible in auto: ${shares} | | | | |`);
  }
}
