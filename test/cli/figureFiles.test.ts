// `passk report --figures svg,png,pdf`: PNG and PDF next to every SVG, identical bytes on a
// second run (fonts bundled, PDF dates fixed), DejaVu Sans embedded in the PDF; bad formats refused.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, flatRecords, tempDir, writeJsonl } from "./cliHarness.js";
import { decodePng } from "./png.js";

const work = tempDir();
afterAll(() => rmSync(work, { recursive: true, force: true }));

const problems = (shift: number): [string, number, number][] => Array.from({ length: 12 }, (_, i) => [`p${i}`, 8, Math.max(0, Math.min(8, i - 3 + shift))]);

describe("passk report --figures", () => {
  const base = writeJsonl(work, "base.jsonl", flatRecords("base", problems(0)));
  const rl = writeJsonl(work, "rl.jsonl", flatRecords("Qwen2.5-7B-SimpleRL-Zoo-DAPO-step-400", problems(2)));

  it("writes a PNG and a PDF next to every SVG, the same bytes on a second run", async () => {
    const run = async (out: string) => {
      const r = await cli(["report", base, rl, "--out", out, "--figures", "svg,png,pdf", "--resamples", "50", "-q"], work);
      expect(r.code, r.stderr).toBe(0);
      return join(work, out);
    };
    const a = await run("a");
    const b = await run("b");
    const figures = ["pass-at-k", "accuracy-histogram", "coverage"];
    const files = readdirSync(a).sort();
    for (const f of figures) for (const ext of ["svg", "png", "pdf"]) expect(files).toContain(`${f}.${ext}`);
    for (const f of figures) {
      const png = readFileSync(join(a, `${f}.png`));
      const svg = readFileSync(join(a, `${f}.svg`), "utf8");
      // PNG at twice the SVG's size.
      const width = Number(/<svg[^>]*\bwidth="([\d.]+)"/.exec(svg)?.[1]);
      expect(decodePng(png).width).toBe(Math.round(width * 2));
      expect(png.equals(readFileSync(join(b, `${f}.png`))), `${f}.png identical`).toBe(true);
      const pdf = readFileSync(join(a, `${f}.pdf`));
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(pdf.includes("DejaVuSans"), `${f}.pdf embeds DejaVu Sans`).toBe(true);
      expect(pdf.equals(readFileSync(join(b, `${f}.pdf`))), `${f}.pdf identical`).toBe(true);
    }
  }, 120_000);

  it("writes only the SVG by default, no figures with none, and removes stale PNG/PDF copies", async () => {
    const dir = join(work, "a");
    let r = await cli(["report", base, rl, "--out", "a", "--resamples", "50", "-q"], work);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).filter((f) => /\.(png|pdf)$/.test(f))).toEqual([]);
    expect(readdirSync(dir)).toContain("pass-at-k.svg");
    r = await cli(["report", base, rl, "--out", "a", "--figures", "none", "--resamples", "50", "-q"], work);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["report.csv", "report.html", "report.json", "report.md"]);
  }, 120_000);

  it("refuses an unknown format with a usage error", async () => {
    const r = await cli(["report", base, rl, "--out", "c", "--figures", "svg,jpeg", "-q"], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--figures: unknown format "jpeg" (use svg, png, pdf or none, comma-separated)');
  });
});
