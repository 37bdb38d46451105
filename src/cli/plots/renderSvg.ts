/**
 * Rendering Vega-Lite specifications to SVG with the headless Vega view.
 * @module
 */
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * Compiles a Vega-Lite specification and renders it to an SVG document with Vega's headless view
 * (`renderer: "none"`; text widths are estimated, no canvas needed). Deterministic: the same
 * specification gives the same SVG.
 *
 * @param spec - a Vega-Lite top-level specification with inline data
 * @returns the SVG document as a string
 *
 * @example
 * ```ts
 * import { renderSvg } from "passk/cli";
 * const svg = await renderSvg({ data: { values: [{ x: 1, y: 2 }] }, mark: "point", encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } });
 * console.log(svg.startsWith("<svg"), svg.includes("</svg>")); // => true true
 * ```
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
