/**
 * Rendering Vega-Lite specifications to SVG with the headless Vega view.
 *
 * vega and vega-lite (about 30 MB and 75 packages) are optional peer dependencies: a library user
 * who never draws a figure should not install them. They are loaded here, on the first figure, and
 * their absence is a {@link FiguresUnavailableError} that the CLI turns into a one-line hint while
 * still writing every table.
 * @module
 */
import { PasskError } from "../../errors/errors.js";

/**
 * A Vega-Lite top-level specification with inline data. Kept structural so that passk's types do
 * not require vega-lite's to be installed; {@link renderSvg} hands it to vega-lite's compiler.
 */
export interface ChartSpec {
  readonly [key: string]: unknown;
}

/**
 * Thrown by {@link renderSvg} when the optional peer dependencies `vega` and `vega-lite` are not
 * installed. The message names the install command.
 *
 * @example
 * ```ts
 * import { FiguresUnavailableError } from "passk/cli";
 * const e = new FiguresUnavailableError("vega");
 * console.log(e.code, e.message.includes("npm install vega vega-lite")); // => FIGURES_UNAVAILABLE true
 * ```
 */
export class FiguresUnavailableError extends PasskError {
  /**
   * @param missing - the package that could not be loaded
   * @param packages - the optional packages the figures need (default vega and vega-lite)
   * @param what - the figures that need them (default "figures")
   */
  constructor(missing: string, packages: readonly string[] = ["vega", "vega-lite"], what = "figures") {
    super(
      "FIGURES_UNAVAILABLE",
      `${what} need the optional packages ${packages.join(" and ")} (${missing} is not installed): npm install ${packages.join(" ")}`,
      { field: "figures", value: missing },
    );
  }
}

interface VegaModules {
  readonly vega: typeof import("vega");
  readonly vegaLite: typeof import("vega-lite");
}

let loading: Promise<VegaModules> | undefined;

function isModuleNotFound(e: unknown, name: string): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  return (
    err !== null &&
    typeof err === "object" &&
    (err.code === "ERR_MODULE_NOT_FOUND" || err.code === "MODULE_NOT_FOUND") &&
    typeof err.message === "string" &&
    err.message.includes(`'${name}'`)
  );
}

async function importOptional<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (isModuleNotFound(e, name)) throw new FiguresUnavailableError(name);
    throw e;
  }
}

/** Loads vega and vega-lite once per process. */
function loadVega(): Promise<VegaModules> {
  loading ??= (async () => ({
    vega: await importOptional("vega", () => import("vega")),
    vegaLite: await importOptional("vega-lite", () => import("vega-lite")),
  }))();
  // A failed load is not cached: installing the packages and retrying in the same process works.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/**
 * Compiles a Vega-Lite specification and renders it to an SVG document with Vega's headless view
 * (`renderer: "none"`; text widths are estimated, no canvas needed). Deterministic: the same
 * specification gives the same SVG.
 *
 * @param spec - a Vega-Lite top-level specification with inline data
 * @returns the SVG document as a string
 * @throws {@link FiguresUnavailableError} when vega or vega-lite is not installed
 *
 * @example
 * ```ts
 * import { renderSvg } from "passk/cli";
 * const svg = await renderSvg({ data: { values: [{ x: 1, y: 2 }] }, mark: "point", encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } });
 * console.log(svg.startsWith("<svg"), svg.includes("</svg>")); // => true true
 * ```
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const { vega, vegaLite } = await loadVega();
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]);
  const view = new vega.View(vega.parse(compiled.spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
