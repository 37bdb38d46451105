/**
 * `passk report --predict K`: the model-based extrapolation of pass@K beyond the samples drawn, per
 * model, and its text block.
 * @module
 */
import type { Tally } from "../estimators/tally.js";
import { predictPassAtKBeyond, type PredictionMethod } from "../prediction/index.js";
import { fixed } from "./formatNumbers.js";

/** Resamples of the prediction's bootstrap at most (each refits four models, unlike the report's bootstraps). */
export const PREDICTION_RESAMPLES = 200;

/** One model's extrapolated pass@K, as `passk report --predict K` prints it. */
export interface ModelPrediction {
  /** The model. */
  readonly model: string;
  /** The budget predicted. */
  readonly K: number;
  /** Predicted pass@K of these problems (observed samples extended by the fitted models). */
  readonly estimate: number;
  /** Lower end of the predictive interval (across the plausible shapes). */
  readonly lower: number;
  /** Upper end of the predictive interval. */
  readonly upper: number;
  /**
   * The candidate models whose held-out fit made them plausible: the interval spans theirs, the
   * estimate is the midpoint of the scaled shapes' among them (`inEstimate` of the candidates).
   */
  readonly plausible: readonly PredictionMethod[];
  /** False when every problem already has K samples or more: then it is the unbiased estimate, not a prediction. */
  readonly extrapolated: boolean;
  /** Fewest samples per problem of this model. */
  readonly minSamples: number;
}

/** Settings of {@link predictModels}. */
export interface PredictModelsOptions {
  /** Bootstrap seed. */
  readonly seed: number;
  /** Interval level. */
  readonly level: number;
  /** Requested resamples; at most {@link PREDICTION_RESAMPLES} are used. */
  readonly resamples: number;
}

/**
 * Runs {@link predictPassAtKBeyond} at budget K for every model (default method and interval), with
 * the report's seed and level and min(resamples, {@link PREDICTION_RESAMPLES}) refits.
 *
 * @param models - tallies per model
 * @param K - the budget, a safe integer ≥ 1
 * @param options - seed, level, resamples
 * @throws the errors of {@link predictPassAtKBeyond}
 *
 * @example
 * ```ts
 * import { predictModels } from "passk/cli";
 * const tallies = Array.from({ length: 40 }, (_, i) => ({ problemId: `p${i}`, n: 4, c: i % 5 }));
 * const p = predictModels(new Map([["m", tallies]]), 64, { seed: 1, level: 0.95, resamples: 40 })[0]!;
 * console.log(p.model, p.K, p.extrapolated, p.lower <= p.estimate && p.estimate <= p.upper); // => m 64 true true
 * ```
 */
export function predictModels(models: ReadonlyMap<string, readonly Tally[]>, K: number, options: PredictModelsOptions): ModelPrediction[] {
  return [...models].map(([model, tallies]) => {
    const r = predictPassAtKBeyond(tallies, [K], {
      seed: options.seed,
      level: options.level,
      resamples: Math.min(options.resamples, PREDICTION_RESAMPLES),
    });
    const point = r.points[0] as (typeof r.points)[number];
    return {
      model,
      K,
      estimate: point.estimate,
      lower: point.lower,
      upper: point.upper,
      plausible: r.candidates.filter((c) => c.plausible).map((c) => c.method),
      extrapolated: point.extrapolated,
      minSamples: Math.min(...tallies.map((t) => t.n)),
    };
  });
}

/**
 * The text block of `--predict`: one line per model, marked as a model-based prediction, with the
 * interval, the fewest samples it extrapolates from and the plausible shapes it combines.
 *
 * @param predictions - from {@link predictModels}
 * @param level - the interval level
 *
 * @example
 * ```ts
 * import { formatPredictionText } from "passk/cli";
 * const text = formatPredictionText([{ model: "m", K: 64, estimate: 0.9, lower: 0.85, upper: 0.93, plausible: ["scaledBeta", "zeroInflatedScaledBeta"], extrapolated: true, minSamples: 8 }], 0.95);
 * console.log(text.split("\n")[0]); // => predicted pass@64 (MODEL-BASED EXTRAPOLATION beyond the samples drawn, not a measurement)
 * console.log(text.split("\n")[1]); // => m: 0.9000, 95% prediction interval [0.8500, 0.9300] (from n = 8; shapes: scaledBeta, zeroInflatedScaledBeta)
 * ```
 */
export function formatPredictionText(predictions: readonly ModelPrediction[], level: number): string {
  const pct = Math.round(level * 100);
  const lines: string[] = [];
  const K = predictions[0]?.K ?? 0;
  lines.push(`predicted pass@${K} (MODEL-BASED EXTRAPOLATION beyond the samples drawn, not a measurement)`);
  for (const p of predictions) {
    if (!p.extrapolated) {
      lines.push(`${p.model}: ${fixed(p.estimate)} (every problem has n >= ${K}: this is the unbiased estimate, no model)`);
      continue;
    }
    lines.push(
      `${p.model}: ${fixed(p.estimate)}, ${pct}% prediction interval [${fixed(p.lower)}, ${fixed(p.upper)}] (from n = ${p.minSamples}; shapes: ${p.plausible.join(", ")})`,
    );
  }
  lines.push(
    "  the interval spans the plausible shapes of the success-rate distribution near 0; see docs/predicting-pass-at-k.md before trusting it",
  );
  return `${lines.join("\n")}\n`;
}
