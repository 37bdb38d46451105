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
