// Perceptual comparison of two rasterized figures, for the visual regression check. Antialiasing
// and sub-pixel text placement differ slightly between versions of a rasterizer, so pixels are
// compared after a 2×2 box average and counted as different only past a luminance step; a figure
// "matches" when few such pixels remain. A moved label, a lost legend or a resized panel changes
// thousands of them (and usually the image size, which is compared first).
import type { Image } from "./png.js";

export interface FigureDiff {
  readonly sameSize: boolean;
  /** Share of 2×2 cells whose mean luminance differs by more than `step`. */
  readonly differentShare: number;
}

function luminance(img: Image, x: number, y: number): number {
  const i = (y * img.width + x) * 4;
  const p = img.pixels;
  return 0.299 * (p[i] as number) + 0.587 * (p[i + 1] as number) + 0.114 * (p[i + 2] as number);
}

export function compareFigures(actual: Image, expected: Image, step = 32): FigureDiff {
  if (actual.width !== expected.width || actual.height !== expected.height) return { sameSize: false, differentShare: 1 };
  let cells = 0;
  let different = 0;
  for (let y = 0; y + 1 < actual.height; y += 2) {
    for (let x = 0; x + 1 < actual.width; x += 2) {
      const a = luminance(actual, x, y) + luminance(actual, x + 1, y) + luminance(actual, x, y + 1) + luminance(actual, x + 1, y + 1);
      const e = luminance(expected, x, y) + luminance(expected, x + 1, y) + luminance(expected, x, y + 1) + luminance(expected, x + 1, y + 1);
      cells++;
      if (Math.abs(a - e) / 4 > step) different++;
    }
  }
  return { sameSize: true, differentShare: different / cells };
}

/** Most cells allowed to differ for a figure to match its reference. */
export const MAX_DIFFERENT_SHARE = 0.002;
