/**
 * Shared look of the passk figures.
 * @module
 */

/**
 * Vega-Lite `config` shared by the figures: white background, readable font sizes, no chart border.
 *
 * @example
 * ```ts
 * import { CHART_CONFIG } from "passk/cli";
 * console.log(CHART_CONFIG.background); // => white
 * ```
 */
export const CHART_CONFIG = Object.freeze({
  background: "white",
  font: "Helvetica, Arial, sans-serif",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: "#e5e5e5" },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 14, anchor: "start" as const },
});

/**
 * Colors given to the models in report order (Tableau 10, colour-blind safer than the defaults
 * for the first two): the base model is always the first.
 *
 * @example
 * ```ts
 * import { MODEL_COLORS } from "passk/cli";
 * console.log(MODEL_COLORS[0]); // => #4c78a8
 * ```
 */
export const MODEL_COLORS: readonly string[] = Object.freeze(["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d"]);

/**
 * The color of each model, cycling through {@link MODEL_COLORS}.
 *
 * @example
 * ```ts
 * import { modelColors } from "passk/cli";
 * console.log(modelColors(["base", "rl"])); // => [ '#4c78a8', '#f58518' ]
 * ```
 */
export function modelColors(models: readonly string[]): string[] {
  return models.map((_, i) => MODEL_COLORS[i % MODEL_COLORS.length] as string);
}
