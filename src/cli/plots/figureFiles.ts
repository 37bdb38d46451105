/**
 * PNG and PDF copies of the SVG figures, drawn without a browser.
 *
 * PNG: `@resvg/resvg-js` (resvg, a Rust SVG rasterizer; its platform binary ships inside an npm
 * package, nothing is downloaded at install). PDF: `pdfkit` with `svg-to-pdfkit` (pure
 * JavaScript, vector output). Both draw text with DejaVu Sans from the npm package
 * `dejavu-fonts-ttf` and never with a system font, so a figure gives the same pixels, and a PDF
 * with the same embedded font, on every machine. All four are optional peer dependencies loaded
 * on first use, like vega: a library user who never asks for PNG or PDF installs none of them.
 * @module
 */
import { createRequire } from "node:module";
import { UsageError } from "../exitCodes.js";
import { CHART_FONT } from "./chartTheme.js";
import { FiguresUnavailableError } from "./renderSvg.js";

/** A figure file format of `--figures`. */
export type FigureFormat = "svg" | "png" | "pdf";

const FORMATS: readonly FigureFormat[] = ["svg", "png", "pdf"];

/**
 * Reads the value of `--figures`: a comma-separated list of `svg`, `png` and `pdf` (in any order,
 * case-insensitive); `none` writes no figures. SVG is always written with PNG or PDF, since they
 * are drawn from it.
 *
 * @param value - e.g. `"svg,png,pdf"`
 * @returns the formats, in the order svg, png, pdf
 * @throws {@link UsageError} (field `--figures`) for an unknown or empty format
 *
 * @example
 * ```ts
 * import { parseFigureFormats, type UsageError } from "passk/cli";
 * console.log(parseFigureFormats("pdf, PNG")); // => [ 'svg', 'png', 'pdf' ]
 * console.log(parseFigureFormats("none")); // => []
 * try {
 *   parseFigureFormats("svg,jpg");
 * } catch (e) {
 *   console.log((e as UsageError).message); // => --figures: unknown format "jpg" (use svg, png, pdf or none, comma-separated)
 * }
 * ```
 */
export function parseFigureFormats(value: string): FigureFormat[] {
  const asked = value.split(",").map((s) => s.trim().toLowerCase());
  if (asked.length === 1 && asked[0] === "none") return [];
  for (const f of asked) {
    if (!(FORMATS as readonly string[]).includes(f)) {
      throw new UsageError(`--figures: unknown format ${JSON.stringify(f)} (use svg, png, pdf or none, comma-separated)`, { field: "--figures", value });
    }
  }
  return FORMATS.filter((f) => f === "svg" || asked.includes(f));
}

const PACKAGES = { png: ["@resvg/resvg-js", "dejavu-fonts-ttf"], pdf: ["pdfkit", "svg-to-pdfkit", "dejavu-fonts-ttf"] } as const;

function isModuleNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

/** Loads an optional package, turning its absence into a {@link FiguresUnavailableError}. */
async function load<T>(name: string, format: "png" | "pdf"): Promise<T> {
  try {
    // A variable specifier: the bundler leaves the import alone and TypeScript needs no types of
    // packages that are not dependencies.
    return (await import(name)) as T;
  } catch (e) {
    if (isModuleNotFound(e)) throw new FiguresUnavailableError(name, PACKAGES[format], `${format.toUpperCase()} figures`);
    throw e;
  }
}

/** Paths of the regular and bold DejaVu Sans files of the `dejavu-fonts-ttf` package. */
function fontFiles(format: "png" | "pdf"): { regular: string; bold: string } {
  const require = createRequire(import.meta.url);
  try {
    return { regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"), bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf") };
  } catch (e) {
    if (isModuleNotFound(e)) throw new FiguresUnavailableError("dejavu-fonts-ttf", PACKAGES[format], `${format.toUpperCase()} figures`);
    throw e;
  }
}

interface ResvgModule {
  Resvg: new (
    svg: string,
    options: { fitTo: { mode: "zoom"; value: number }; font: { loadSystemFonts: boolean; fontFiles: string[]; defaultFontFamily: string }; background?: string },
  ) => { render(): { asPng(): Uint8Array } };
}

/**
 * Rasterizes an SVG figure to PNG with resvg, with the bundled DejaVu Sans only (no system fonts):
 * the same SVG gives the same bytes on every machine.
 *
 * @param svg - an SVG document (as written by {@link renderSvg})
 * @param scale - pixels per SVG unit (default 2: sharp on slides and in print)
 * @returns the PNG file's bytes
 * @throws {@link FiguresUnavailableError} when `@resvg/resvg-js` or `dejavu-fonts-ttf` is not installed
 *
 * @example
 * ```ts
 * import { renderPng } from "passk/cli";
 * const png = await renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><rect width="10" height="5" fill="#0072b2"/></svg>', 3);
 * console.log(png.subarray(1, 4).toString(), png.readUInt32BE(16), png.readUInt32BE(20)); // => PNG 30 15
 * ```
 */
export async function renderPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await load<ResvgModule>("@resvg/resvg-js", "png");
  const fonts = fontFiles("png");
  const resvg = new Resvg(svg, { fitTo: { mode: "zoom", value: scale }, font: { loadSystemFonts: false, fontFiles: [fonts.regular, fonts.bold], defaultFontFamily: CHART_FONT } });
  return Buffer.from(resvg.render().asPng());
}

interface PdfDocument {
  registerFont(name: string, path: string): void;
  on(event: "data", listener: (chunk: Buffer) => void): void;
  on(event: "end" | "error", listener: (arg?: unknown) => void): void;
  end(): void;
}

interface PdfModules {
  PDFDocument: new (options: object) => PdfDocument;
  svgToPdf: (doc: PdfDocument, svg: string, x: number, y: number, options: object) => void;
}

/** The SVG's width and height attributes (vega always writes them, in px). */
function svgSize(svg: string): { width: number; height: number } {
  const tag = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const width = Number(/\bwidth="([\d.]+)"/.exec(tag)?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(tag)?.[1]);
  if (!(width > 0 && height > 0)) throw new TypeError("renderPdf: the SVG has no positive width and height attributes");
  return { width, height };
}

/**
 * Draws an SVG figure into a one-page vector PDF of the figure's size (1 SVG px = 1 PDF pt), with
 * DejaVu Sans embedded (regular and bold). The document's dates are fixed, so the same SVG gives
 * the same bytes.
 *
 * @param svg - an SVG document with width and height attributes (as written by {@link renderSvg})
 * @returns the PDF file's bytes
 * @throws {@link FiguresUnavailableError} when `pdfkit`, `svg-to-pdfkit` or `dejavu-fonts-ttf` is not installed
 *
 * @example
 * ```ts
 * import { renderPdf } from "passk/cli";
 * const pdf = await renderPdf('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><text x="5" y="30" font-family="DejaVu Sans">pass@k</text></svg>');
 * console.log(pdf.subarray(0, 5).toString(), pdf.includes("DejaVuSans")); // => %PDF- true
 * ```
 */
export async function renderPdf(svg: string): Promise<Buffer> {
  const pdfkit = await load<{ default: PdfModules["PDFDocument"] }>("pdfkit", "pdf");
  const svgToPdf = await load<{ default: PdfModules["svgToPdf"] }>("svg-to-pdfkit", "pdf");
  const fonts = fontFiles("pdf");
  const { width, height } = svgSize(svg);
  const fixed = new Date(Date.UTC(2025, 0, 1));
  const doc = new pdfkit.default({ size: [width, height], margin: 0, info: { Creator: "passk", Producer: "passk", CreationDate: fixed, ModDate: fixed } });
  doc.registerFont(CHART_FONT, fonts.regular);
  doc.registerFont(`${CHART_FONT} Bold`, fonts.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  svgToPdf.default(doc, svg, 0, 0, {
    width,
    height,
    assumePt: true,
    // Every text in the bundled font, whatever family the SVG names.
    fontCallback: (_family: string, bold: boolean) => (bold ? `${CHART_FONT} Bold` : CHART_FONT),
  });
  doc.end();
  return done;
}
