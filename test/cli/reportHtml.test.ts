// report.html opened in headless Chromium: scripts run without a console error, the tables and the
// three charts are there (vega drew them: SVG inside each figure container), the per-problem view
// lists the only-solved problems with c/n per model, sorts by a c/n column and filters to one
// model's problems, the per-benchmark grid is drawn, and nothing is fetched from the network. A screenshot is written
// as a test artifact into the OS temp folder (its path is printed), never into the repo.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportHtml, type StudyReport } from "../../src/cli/index.js";
import { benchmarkFigureStudy, figureStudy } from "./figureStudy.js";
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

  it("per-problem view: c/n of every model, sorted by a c/n column, filtered to one model's problems; the benchmark grid drawn", () => {
    const dir = mkdtempSync(join(tmpdir(), "passk-report-html-"));
    return checkProblemView(dir, benchmarkFigureStudy());
  }, 180_000);

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

/** Cells of the per-problem table as the page shows them, one string array per row. */
type Rows = string[][];

/**
 * Opens report.html with a script appended that clicks the c/n header of the second model twice
 * (ascending, descending) and types "<model> only" into the filter, recording the table after each
 * step; checks each against the report.
 */
async function checkProblemView(dir: string, report: StudyReport): Promise<void> {
  const html = await reportHtml(report);
  const model = report.comparisons[0]!.model;
  const probe = `<script>
const read = () => [...document.querySelectorAll("#table-problems tbody tr")].map((tr) => [...tr.children].map((td) => td.textContent));
const th = document.querySelector('#table-problems thead th[data-key="1"]');
const out = {};
th.click(); out.ascending = read();
th.click(); out.descending = read();
const box = document.getElementById("problem-filter");
box.value = ${JSON.stringify(`${model} only`)};
box.dispatchEvent(new Event("input"));
out.filtered = read();
const pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = JSON.stringify(out); document.body.append(pre);
</script>
</body>`;
  const page = join(dir, "report.html");
  writeFileSync(page, html.replace(/<\/body>\s*<\/html>\s*$/, `${probe}\n</html>\n`));
  const dom = chromium(["--dump-dom", `file://${page}`], mkdtempSync(join(dir, "profile-")));
  expect(dom.stderr).not.toMatch(/Uncaught|CONSOLE\(\d+\)\].*(error|Error)/);
  expect(dom.stdout).toContain('data-ready="true"');
  for (const id of ["figure-pass-at-k-by-benchmark", "figure-coverage-by-benchmark"]) {
    const at = dom.stdout.indexOf(`id="${id}"`);
    expect(at, id).toBeGreaterThan(0);
    expect(dom.stdout.slice(at, at + 2000), `${id} holds a drawn SVG`).toMatch(/<svg[^>]*class="marks"/);
  }
  const text = /<pre id="probe">([^<]*)<\/pre>/.exec(dom.stdout)?.[1] ?? "";
  const out = JSON.parse(text.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")) as Record<string, Rows>;

  // Expected rows: per comparison, the base-only then the model-only problems; c/n from problemCounts.
  const { problems, models } = report.problemCounts;
  const at = new Map(problems.map((p, i) => [p, i]));
  const cells = (p: string) => models.map((m) => `${m.c[at.get(p)!]}/${m.n[at.get(p)!]}`);
  const expected = report.comparisons.flatMap((c) => [
    ...c.coverage.baseOnlyProblems.map((p) => [p, c.base, c.model, ...cells(p)]),
    ...c.coverage.modelOnlyProblems.map((p) => [p, c.model, c.base, ...cells(p)]),
  ]);
  expect(expected.length).toBeGreaterThan(10);
  const key = (r: string[]) => r.join("|");
  const share = (r: string[]) => {
    const [c, n] = (r[4] as string).split("/").map(Number);
    return (c as number) / (n as number);
  };
  for (const [name, rows] of [["ascending", out.ascending], ["descending", out.descending]] as const) {
    expect(rows, name).toBeDefined();
    expect([...rows!].map(key).sort(), `${name}: the same rows, with c/n per model`).toEqual(expected.map(key).sort());
    const shares = rows!.map(share);
    for (let i = 1; i < shares.length; i++) {
      if (name === "ascending") expect(shares[i]!).toBeGreaterThanOrEqual(shares[i - 1]!);
      else expect(shares[i]!).toBeLessThanOrEqual(shares[i - 1]!);
    }
  }
  // "<model> only": exactly the problems only that model solves against the base.
  const only = report.comparisons[0]!.coverage.modelOnlyProblems;
  expect(out.filtered!.map((r) => r[0]).sort()).toEqual([...only].sort());
  expect(out.filtered!.every((r) => r[1] === model)).toBe(true);
}
