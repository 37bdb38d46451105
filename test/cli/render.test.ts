// Opens each demo figure in headless Chromium (Debian's `chromium` package), screenshots it and
// checks the picture is really drawn: enough non-white pixels, and the model colors present.
// Without /usr/bin/chromium the test fails under CI (process.env.CI set) and is skipped otherwise.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./cliHarness.js";
import { decodePng, type Image } from "./png.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
const work = mkdtempSync(join(tmpdir(), "passk-render-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function screenshot(svg: string, png: string): void {
  const profile = mkdtempSync(join(work, "profile-"));
  const r = spawnSync(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--user-data-dir=${profile}`,
      `--screenshot=${png}`,
      "--window-size=800,600",
      `file://${svg}`,
    ],
    { encoding: "utf8", timeout: 30_000 },
  );
  if (r.error !== undefined || !existsSync(png)) throw new Error(`chromium did not write ${png}: ${r.error?.message ?? r.stderr}`);
}

function hex(color: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
}

/** Pixels within a small distance of a color (antialiasing and band opacity aside, bars and lines are drawn in it). */
function countNear(img: Image, color: string, tolerance = 12): number {
  const [r, g, b] = hex(color);
  let n = 0;
  for (let i = 0; i < img.pixels.length; i += 4) {
    if (Math.abs((img.pixels[i] as number) - r) <= tolerance && Math.abs((img.pixels[i + 1] as number) - g) <= tolerance && Math.abs((img.pixels[i + 2] as number) - b) <= tolerance) n++;
  }
  return n;
}

function nonWhite(img: Image): number {
  let n = 0;
  for (let i = 0; i < img.pixels.length; i += 4) if ((img.pixels[i] as number) < 240 || (img.pixels[i + 1] as number) < 240 || (img.pixels[i + 2] as number) < 240) n++;
  return n;
}

describe("demo figures render in headless Chromium", () => {
  if (!available) {
    if (process.env.CI) {
      it("needs chromium", () => {
        throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium) so the figures can be checked`);
      });
    } else {
      it.skip(`skipped: ${CHROMIUM} is missing (install Debian's chromium package to run it; under CI this fails)`, () => {});
    }
    return;
  }

  it("renders the pass@k curves, the accuracy histograms and the coverage bars", async () => {
    const out = join(work, "demo");
    const r = await cli(["demo", "--out", out, "--problems", "80", "--samples", "64", "--resamples", "100", "-q"], work);
    expect(r.code).toBe(0);
    // base is drawn in #0072b2 and RL in #e69f00 (the first two MODEL_COLORS) in every figure; the
    // coverage bars use the neutral #666666 (both) and #cccccc (neither) as well.
    const figures: [string, string[]][] = [
      ["pass-at-k", ["#0072b2", "#e69f00"]],
      ["accuracy-histogram", ["#0072b2", "#e69f00"]],
      ["coverage", ["#666666", "#0072b2", "#e69f00", "#cccccc"]],
    ];
    for (const [name, colors] of figures) {
      screenshot(join(out, `${name}.svg`), join(work, `${name}.png`));
      const img = decodePng(readFileSync(join(work, `${name}.png`)));
      expect([img.width, img.height], name).toEqual([800, 600]);
      const total = img.width * img.height;
      expect(nonWhite(img) / total, `${name}: share of drawn pixels`).toBeGreaterThan(0.01);
      for (const c of colors) expect(countNear(img, c), `${name}: pixels in ${c}`).toBeGreaterThan(50);
    }
  });
});
