// Visual regression check: each figure of a fixed synthetic 4-model study (long model names,
// crossovers, point-mass bins), the pass@k figure of 8 models and the per-benchmark figures of a
// 6-benchmark study is rasterized with resvg and the bundled DejaVu Sans, and compared
// with its reference PNG in test/fixtures/figures/ (compareFigures: perceptual tolerance). A change
// that breaks a layout fails here; after a deliberate change, run
// `node scripts/update-figure-references.mjs`, look at the new PNGs, and commit them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  accuracyChartSpec,
  benchmarkCoverageChartSpec,
  coverageChartSpec,
  passAtKChartSpec,
  passAtKGridChartSpec,
  renderPng,
  renderSvg,
  type ChartSpec,
} from "../../src/cli/index.js";
import { compareFigures, MAX_DIFFERENT_SHARE } from "./figureCompare.js";
import { benchmarkFigureStudy, EIGHT_MODELS, figureStudy } from "./figureStudy.js";
import { decodePng } from "./png.js";

const REFERENCES = join(import.meta.dirname, "..", "fixtures", "figures");
const UPDATE = process.env.PASSK_UPDATE_FIGURE_REFERENCES === "1";
const report = figureStudy();
const FIGURES: [string, () => ChartSpec][] = [
  ["pass-at-k", () => passAtKChartSpec(report)],
  ["coverage", () => coverageChartSpec(report)],
  ["accuracy-histogram", () => accuracyChartSpec(report)],
  // Eight models of 40-character names: crossover intervals as lanes above the plot.
  ["pass-at-k-8-models", () => passAtKChartSpec(figureStudy(EIGHT_MODELS))],
  // Six benchmarks: the grid of pass@k panels and coverage per benchmark.
  ["pass-at-k-by-benchmark", () => passAtKGridChartSpec(benchmarkFigureStudy())],
  ["coverage-by-benchmark", () => benchmarkCoverageChartSpec(benchmarkFigureStudy())],
];

async function rasterize(spec: ChartSpec): Promise<Buffer> {
  // Scale 1 keeps the references small; layout breaks show at any scale.
  return renderPng(await renderSvg(spec), 1);
}

describe("figures match their reference images", () => {
  for (const [name, spec] of FIGURES) {
    it(name, async () => {
      const png = await rasterize(spec());
      const path = join(REFERENCES, `${name}.png`);
      if (UPDATE) {
        mkdirSync(REFERENCES, { recursive: true });
        writeFileSync(path, png);
      }
      expect(existsSync(path), `${path} is missing: run node scripts/update-figure-references.mjs`).toBe(true);
      const diff = compareFigures(decodePng(png), decodePng(readFileSync(path)));
      expect(diff.sameSize, `${name}: size differs from the reference`).toBe(true);
      expect(diff.differentShare, `${name}: share of differing cells`).toBeLessThanOrEqual(MAX_DIFFERENT_SHARE);
    }, 60_000);
  }

  it("the comparison catches a layout change (a narrower plot, a moved label)", async () => {
    const base = passAtKChartSpec(report);
    const reference = decodePng(await rasterize(base));
    const narrower = decodePng(await rasterize({ ...base, width: 500 }));
    expect(compareFigures(narrower, reference).sameSize).toBe(false);
    // Same size, title moved to the right: must exceed the tolerance.
    const moved = decodePng(await rasterize({ ...base, title: { text: "pass@k", anchor: "end", subtitle: (base.title as { subtitle: string }).subtitle } }));
    const diff = compareFigures(moved, reference);
    expect(diff.sameSize).toBe(true);
    expect(diff.differentShare).toBeGreaterThan(MAX_DIFFERENT_SHARE);
  }, 60_000);
});
