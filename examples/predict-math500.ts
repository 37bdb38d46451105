// Prediction of pass@K beyond n on real data: subsample the study reproduction's MATH500 counts
// (n = 128 per problem) down to n = 16 without replacement, predict pass@128 and pass@1024 for both
// models with predictPassAtKBeyond, and compare pass@128 with the measured value. Shows every
// candidate shape with its own interval, the default (plausible shapes combined), and the Brown et
// al. power law. For bias and coverage over many subsamples run examples/calibrate-predictions.ts.
//
//   npx tsx examples/predict-math500.ts [path/to/math500-qwen2.5-7b-base-vs-simplerl-counts.json]
//
// Exits with status 1 if the default 95% interval of pass@128 misses the measured value.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  SeededRandom,
  fitEmpiricalPowerLaw,
  passAtKCurve,
  predictEmpiricalPowerLaw,
  predictPassAtKBeyond,
  type Tally,
} from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const file = resolve(process.argv[2] ?? join(here, "..", "..", "shared", "data", "math500-qwen2.5-7b-base-vs-simplerl-counts.json"));
if (!existsSync(file)) {
  console.error(`data file not found: ${file}\npass the path of math500-qwen2.5-7b-base-vs-simplerl-counts.json as the first argument`);
  process.exit(2);
}
const data = JSON.parse(readFileSync(file, "utf8")) as { n_per_problem: number; correct: Record<string, number[]> };
const N = data.n_per_problem;
const SUB = 16;

/** Correct count among SUB samples drawn without replacement from N of which c are correct. */
function subsample(c: number, rng: SeededRandom): number {
  let remainingCorrect = c;
  let hits = 0;
  for (let drawn = 0; drawn < SUB; drawn++) {
    if (rng.nextIndex(N - drawn) < remainingCorrect) {
      hits++;
      remainingCorrect--;
    }
  }
  return hits;
}

const pct = (x: number) => (100 * x).toFixed(2);
let missed = false;
for (const [model, counts] of Object.entries(data.correct)) {
  const full: Tally[] = counts.map((c, i) => ({ problemId: String(i), n: N, c }));
  const measured = passAtKCurve(full, [N])[0]!.value;
  const rng = new SeededRandom(1);
  const small: Tally[] = counts.map((c, i) => ({ problemId: String(i), n: SUB, c: subsample(c, rng) }));
  const r = predictPassAtKBeyond(small, [N, 1024], { seed: 1 });
  const [at128, at1024] = r.points;
  console.log(`\n${model}: measured pass@${N} = ${pct(measured)}% (never solved in ${N} samples: ${pct(1 - measured)}%)`);
  console.log(`  from n = ${SUB} (one seeded subsample), ${r.resamples} resamples per candidate:`);
  for (const c of r.candidates) {
    const p = c.points[0]!;
    const share = "unsolvableShare" in c.model ? `, p = 0 for ${pct(c.model.unsolvableShare)}%` : "";
    console.log(
      `    ${c.method.padEnd(23)} held-out ${c.heldOut!.toFixed(4)}/problem${c.plausible ? " (plausible)" : "            "}  ` +
        `pass@${N} = ${pct(p.estimate)}% [${pct(p.lower)}, ${pct(p.upper)}]${share}`,
    );
  }
  console.log(
    `  default: pass@${N} = ${pct(at128!.estimate)}%, 95% interval [${pct(at128!.lower)}, ${pct(at128!.upper)}], ` +
      `error ${pct(at128!.estimate - measured)} points, width ${pct(at128!.upper - at128!.lower)}`,
  );
  console.log(`  default: pass@1024 = ${pct(at1024!.estimate)}% [${pct(at1024!.lower)}, ${pct(at1024!.upper)}]`);
  const law = fitEmpiricalPowerLaw(passAtKCurve(small));
  console.log(`  power law (Brown et al.): a = ${law.a.toFixed(3)}, b = ${law.b.toFixed(3)}, pass@${N} = ${pct(predictEmpiricalPowerLaw(law, N))}%`);
  if (measured < at128!.lower || measured > at128!.upper) missed = true;
}
if (missed) {
  console.error(`\nthe default 95% interval missed the measured pass@${N}`);
  process.exit(1);
}
