// A fixed synthetic study for the figure tests: four models with realistic long names (up to 40
// characters), the RL models sharper at small k and the base catching up at large k, so every
// element of every figure (bands, crossovers, point-mass bins, only-solved bars) is present.
import { analyzeStudy, type StudyReport } from "../../src/cli/index.js";

export const FIGURE_MODELS = [
  "Qwen2.5-7B-base",
  "Qwen2.5-7B-SimpleRL-Zoo-DAPO-step-400",
  "Qwen2.5-7B-Oat-Zero-GRPO-long-context-40", // 40 characters
  "Qwen2.5-7B-PPO",
] as const;

/** Deterministic uniform numbers in [0, 1) (a 32-bit LCG: enough for a fixture). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export function figureStudy(models: readonly string[] = FIGURE_MODELS, problems = 120, n = 64): StudyReport {
  const u = lcg(18);
  const baseRates = Array.from({ length: problems }, () => {
    const x = u();
    return x < 0.25 ? 0 : x < 0.4 ? 0.005 + 0.02 * u() : u() ** 1.5;
  });
  const tallies = new Map(
    models.map((model, m) => {
      const rates = baseRates.map((r) => {
        if (m === 0) return r;
        // RL sharpens what the base can do and forgets a little of the rest.
        if (r === 0) return u() < 0.02 * m ? 0.05 : 0;
        if (r < 0.03) return u() < 0.5 ? 0 : r;
        return Math.min(1, r ** (1 / (1.5 + 0.5 * m)));
      });
      return [model, rates.map((r, i) => ({ problemId: `p${String(i).padStart(3, "0")}`, n, c: Array.from({ length: n }, () => u() < r).filter(Boolean).length }))];
    }),
  );
  return analyzeStudy(tallies, { seed: 18, resamples: 200, base: models[0] });
}

/** Eight models with names of 40 characters (the base's shorter): the crowded pass@k figure. */
export const EIGHT_MODELS = [
  "Qwen2.5-7B-base",
  "Qwen2.5-7B-SimpleRL-Zoo-DAPO-step-400-ab",
  "Qwen2.5-7B-Oat-Zero-GRPO-long-context-40",
  "Qwen2.5-7B-PPO-with-a-long-name-of-forty",
  "DeepSeek-R1-Distill-Qwen-7B-GRPO-run-005",
  "Llama-3.1-8B-Instruct-SimpleRL-Zoo-step6",
  "Mistral-7B-v0.3-Oat-Zero-GRPO-step-1200a",
  "Qwen2.5-7B-Instruct-DAPO-dynamic-sampl40",
] as const;

/**
 * A fixed synthetic study over six benchmarks of different sizes, samples per problem and
 * difficulty (ids `BENCH/i`), analyzed per benchmark: the grid of pass@k panels and coverage per
 * benchmark.
 */
export function benchmarkFigureStudy(models: readonly string[] = FIGURE_MODELS): StudyReport {
  const benches: [string, number, number, number][] = [
    ["AIME24", 30, 128, 2.5],
    ["MATH500", 500, 64, 1],
    ["Minerva", 272, 64, 1],
    ["OlympiadBench", 675, 64, 1],
    ["GSM8K", 400, 32, 0.3],
    ["AMC23", 40, 128, 1],
  ];
  const tallies = new Map<string, { problemId: string; n: number; c: number }[]>(models.map((m) => [m, []]));
  benches.forEach(([bench, problems, n, difficulty], b) => {
    const u = lcg(100 + b);
    for (let p = 0; p < problems; p++) {
      const r0 = u() < 0.2 * difficulty ? 0 : u() ** (1 + difficulty);
      models.forEach((model, m) => {
        const r = m === 0 ? r0 : r0 === 0 ? (u() < 0.02 ? 0.05 : 0) : r0 < 0.03 ? (u() < 0.5 ? 0 : r0) : Math.min(1, r0 ** (1 / (1.5 + 0.5 * m)));
        let c = 0;
        for (let j = 0; j < n; j++) if (u() < r) c++;
        tallies.get(model)?.push({ problemId: `${bench}/${p}`, n, c });
      });
    }
  });
  return analyzeStudy(tallies, { seed: 18, resamples: 200, base: models[0], benchmarkOf: (id) => id.slice(0, id.indexOf("/")) });
}
