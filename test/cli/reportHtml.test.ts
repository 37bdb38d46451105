// report.html opened in headless Chromium: scripts run without a console error, the tables and the
// three charts are there (vega drew them: SVG inside each figure container), the per-problem view
// lists the only-solved problems, and nothing is fetched from the network. A screenshot is written
// as a test artifact into the OS temp folder (its path is printed), never into the repo.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportHtml } from "../../src/cli/index.js";
import { figureStudy } from "./figureStudy.js";
import { decodePng } from "./png.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);

function chromium(args: string[], profile: string): { stdout: string; stderr: string } {
  const r = spawnSync(
    CHROMIUM,
    ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000", ...args],
    { encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.error !== undefined) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr };
}

describe("report.html in headless Chromium", () => {
  if (!available) {
    if (process.env.CI) it("needs chromium", () => expect.fail(`${CHROMIUM} is missing: apt-get install -y chromium`));
    else it.skip(`skipped: ${CHROMIUM} is missing (under CI this fails)`, () => {});
    return;
  }

  it("renders tables and charts with no console error, and writes a screenshot artifact", async () => {
    const dir = mkdtempSync(join(tmpdir(), "passk-report-html-"));
    const report = figureStudy();
    const html = await reportHtml(report);
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link\b/);
    const page = join(dir, "report.html");
    writeFileSync(page, html);

    const dom = chromium(["--dump-dom", `file://${page}`], mkdtempSync(join(dir, "profile-")));
    expect(dom.stderr).not.toMatch(/Uncaught|CONSOLE\(\d+\)\].*(error|Error)/);
    expect(dom.stdout).toContain('data-ready="true"');
    for (const id of ["figure-pass-at-k", "figure-coverage", "figure-accuracy-histogram"]) {
      const at = dom.stdout.indexOf(`id="${id}"`);
      expect(at, id).toBeGreaterThan(0);
      expect(dom.stdout.slice(at, at + 2000), `${id} holds a drawn SVG`).toMatch(/<svg[^>]*class="marks"/);
    }
    for (const id of ["table-pass-at-k", "table-coverage", "table-sets", "table-problems"]) expect(dom.stdout).toContain(`id="${id}"`);
    // Every only-solved problem of the first comparison is a row of the per-problem view.
    const first = report.comparisons[0];
    expect(first).toBeDefined();
    const rows = dom.stdout.slice(dom.stdout.indexOf('id="table-problems"'));
    for (const p of [...(first?.coverage.baseOnlyProblems ?? []), ...(first?.coverage.modelOnlyProblems ?? [])]) expect(rows).toContain(`<td class="text">${p}</td>`);

    const shot = join(dir, "report-html.png");
    chromium([`--screenshot=${shot}`, "--window-size=1280,2400", `file://${page}`], mkdtempSync(join(dir, "profile-")));
    const img = decodePng(readFileSync(shot));
    expect([img.width, img.height]).toEqual([1280, 2400]);
    console.log(`report.html screenshot: ${shot}`);
  }, 120_000);
});
