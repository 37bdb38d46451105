// Validation of pass@K prediction on real data: subsample the study reproduction's MATH500 counts
// (n = 128 per problem) down to n = 16 without replacement, fit the beta-binomial, and compare the
// predicted pass@128 with the measured one for both models. Also shows the Brown et al. power law.
//
//   npx tsx examples/predict-math500.ts [path/to/math500-qwen2.5-7b-base-vs-simplerl-counts.json]
//
// Exits with status 1 if any prediction of the first subsample misses by more than 2 points.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {

  fitEmpiricalPowerLaw,
  passAtKCurve,
  predictEmpiricalPowerLaw,
  predictPassAtK,
  predictPassAtKBeyond,
  fitBetaBinomial,
  conditionalPassAtK,
  type Tally,
} from "../src/index.js";
import { SeededRandom } from "../src/analysis/seededRandom.js";

const here = dirname(fileURLToPath(import.meta.url));
const file = resolve(process.argv[2] ?? join(here, "..", "..", "shared", "data", "math500-qwen2.5-7b-base-vs-simplerl-counts.json"));
if (!existsSync(file)) {
  console.error(`data file not found: ${file}\npass the path of math500-qwen2.5-7b-base-vs-simplerl-counts.json as the first argument`);
  process.exit(2);
}
const data = JSON.parse(readFileSync(file, "utf8")) as { n_per_problem: number; correct: Record<string, number[]> };
const N = data.n_per_problem;
const SUB = 16;
const SUBSAMPLES = 20;

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
let failed = false;
for (const [model, counts] of Object.entries(data.correct)) {
  const full: Tally[] = counts.map((c, i) => ({ problemId: String(i), n: N, c }));
  const measured = passAtKCurve(full, [N])[0]!.value;
  const errors: number[] = [];
  const marginalErrors: number[] = [];
  const lawErrors: number[] = [];
  for (let s = 1; s <= SUBSAMPLES; s++) {
    const rng = new SeededRandom(s);
    const small: Tally[] = counts.map((c, i) => ({ problemId: String(i), n: SUB, c: subsample(c, rng) }));
    const fit = fitBetaBinomial(small);
    errors.push(conditionalPassAtK(fit, small, N) - measured);
    marginalErrors.push(predictPassAtK(fit, N) - measured);
    const law = fitEmpiricalPowerLaw(passAtKCurve(small));
    lawErrors.push(predictEmpiricalPowerLaw(law, N) - measured);
    if (s === 1) {
      const r = predictPassAtKBeyond(small, [N, 1024], { seed: 1 });
      const zi = fitBetaBinomial(small, { zeroInflated: true });
      const [at128, at1024] = r.points;
      console.log(`\n${model}: measured pass@${N} = ${pct(measured)}% (share unsolved at ${N}: ${pct(1 - measured)}%)`);
      console.log(
        `  from n = ${SUB} (subsample 1): predicted pass@${N} = ${pct(at128!.estimate)}% ` +
          `[95% CI ${pct(at128!.lower)}, ${pct(at128!.upper)}], error ${pct(at128!.estimate - measured)} points`,
      );
      console.log(`  population (marginal) prediction of pass@${N}: ${pct(at128!.marginal)}%`);
      console.log(`  predicted pass@1024 = ${pct(at1024!.estimate)}% [${pct(at1024!.lower)}, ${pct(at1024!.upper)}]`);
      console.log(`  beta fit: alpha = ${r.fit.alpha.toFixed(3)}, beta = ${r.fit.beta.toFixed(3)}`);
      console.log(`  zero-inflated fit: unsolvable share = ${pct(zi.unsolvableShare)}%, its pass@${N} = ${pct(predictPassAtK(zi, N))}%`);
      console.log(`  power law (Brown et al.): a = ${law.a.toFixed(3)}, b = ${law.b.toFixed(3)}, pass@${N} = ${pct(predictEmpiricalPowerLaw(law, N))}%`);
      if (Math.abs(at128!.estimate - measured) > 0.02) failed = true;
    }
  }
  const summary = (e: number[]) => {
    const abs = e.map(Math.abs);
    const over = abs.filter((x) => x > 0.02).length;
    return `mean error ${pct(e.reduce((a, b) => a + b, 0) / e.length)}, max |error| ${pct(Math.max(...abs))} points, ${over} of ${e.length} beyond 2 points`;
  };
  console.log(`  over ${SUBSAMPLES} subsamples: conditional ${summary(errors)}`);
  console.log(`                      marginal    ${summary(marginalErrors)}`);
  console.log(`                      power law   ${summary(lawErrors)}`);
}
if (failed) {
  console.error("\nprediction missed the measured pass@128 by more than 2 points");
  process.exit(1);
}
