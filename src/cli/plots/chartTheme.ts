/**
 * Shared look of the passk figures.
 * @module
 */

/**
 * The font family the figures are drawn with. DejaVu Sans ships in the npm package
 * `dejavu-fonts-ttf`, which the PNG and PDF renderers load explicitly (never a system font), so a
 * figure rasterizes to the same pixels on every machine.
 *
 * @example
 * ```ts
 * import { CHART_FONT } from "passk/cli";
 * console.log(CHART_FONT); // => DejaVu Sans
 * ```
 */
export const CHART_FONT = "DejaVu Sans";

/**
 * Vega-Lite `config` shared by the figures: white background, readable font sizes, no chart border,
 * no label truncation (model names of 40 characters are shown whole).
 *
 * @example
 * ```ts
 * import { CHART_CONFIG } from "passk/cli";
 * console.log(CHART_CONFIG.background, CHART_CONFIG.font); // => white DejaVu Sans
 * ```
 */
export const CHART_CONFIG = Object.freeze({
  background: "white",
  // Browsers without DejaVu Sans fall back to a sans-serif of similar width.
  font: `${CHART_FONT}`,
  padding: 8,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: "#e5e5e5", labelLimit: 0, titlePadding: 8 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0 },
  header: { labelFontSize: 12, titleFontSize: 12, labelLimit: 0 },
  title: { fontSize: 14, anchor: "start" as const, subtitleFontSize: 11, subtitleColor: "#555", offset: 10 },
});

/**
 * Colors given to the models in report order: the Okabe–Ito palette, distinguishable under the
 * common colour-vision deficiencies, with its yellow (unreadable on white) replaced by Paul Tol's
 * olive. The base model is always the first. Every figure colours a model with the same entry.
 *
 * @example
 * ```ts
 * import { MODEL_COLORS } from "passk/cli";
 * console.log(MODEL_COLORS.length, MODEL_COLORS[0]); // => 8 #0072b2
 * ```
 */
export const MODEL_COLORS: readonly string[] = Object.freeze(["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#000000", "#999933"]);

/**
 * Neutral colours for what belongs to no single model: problems solved by both models
 * (`both`), by neither (`neither`), and reference marks (`reference`).
 *
 * @example
 * ```ts
 * import { NEUTRAL_COLORS } from "passk/cli";
 * console.log(NEUTRAL_COLORS.both, NEUTRAL_COLORS.neither); // => #666666 #cccccc
 * ```
 */
export const NEUTRAL_COLORS = Object.freeze({ both: "#666666", neither: "#cccccc", reference: "#444444" });

/**
 * The color of each model, cycling through {@link MODEL_COLORS}.
 *
 * @example
 * ```ts
 * import { modelColors } from "passk/cli";
 * console.log(modelColors(["base", "rl"])); // => [ '#0072b2', '#e69f00' ]
 * ```
 */
export function modelColors(models: readonly string[]): string[] {
  return models.map((_, i) => MODEL_COLORS[i % MODEL_COLORS.length] as string);
}
