// `passk demo`: the files exist, the report's numbers match the data it wrote (recomputed here from
// the raw score lists with exact BigInt pass@k), and the synthetic study has the paper's shape.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { StudyReport } from "../../src/cli/index.js";
import { exactPassAtK } from "../helpers/exact.js";
import { cli, tempDir } from "./cliHarness.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Per problem (by idx) the number of samples and of true scores, counted from the raw file. */
function counts(path: string): Map<string, { n: number; c: number }> {
  const out = new Map<string, { n: number; c: number }>();
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line === "") continue;
    const { idx, score } = JSON.parse(line) as { idx: number; score: boolean[] };
    out.set(String(idx), { n: score.length, c: score.filter((s) => s === true).length });
  }
  return out;
}

describe("passk demo", () => {
  const out = tempDir();
  dirs.push(out);
  let report: StudyReport;

  it("writes the data, the report files and the figures", async () => {
    const r = await cli(["demo", "--out", out, "--problems", "60", "--samples", "32", "--seed", "7", "--resamples", "200", "--json", "-q"], out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    report = JSON.parse(r.stdout) as StudyReport;
    for (const f of ["data/base.jsonl", "data/RL.jsonl", "report.json", "report.csv", "report.md", "pass-at-k.svg", "accuracy-histogram.svg", "coverage.svg"]) {
      expect(readFileSync(join(out, f), "utf8").length, f).toBeGreaterThan(100);
    }
    expect(JSON.parse(readFileSync(join(out, "report.json"), "utf8"))).toEqual(report);
  });

  it("reports exactly the pass@k, coverage and set comparison of the data it wrote", () => {
    const base = counts(join(out, "data/base.jsonl"));
    const rl = counts(join(out, "data/RL.jsonl"));
    expect(base.size).toBe(60);
    expect(report.settings.ks).toEqual([1, 2, 4, 8, 16, 32]);
    for (const [m, data] of [[report.models[0], base], [report.models[1], rl]] as const) {
      expect(m?.problems).toBe(60);
      for (const p of m?.passAtK ?? []) {
        let sum = 0;
        for (const { n, c } of data.values()) sum += exactPassAtK(n, c, p.k);
        expect(Math.abs(p.estimate - sum / 60)).toBeLessThan(1e-12);
      }
      const solved = [...data.values()].filter((t) => t.c > 0).length;
      expect(m?.coverage.solved).toBe(solved);
    }
    const solvedBy = (d: Map<string, { c: number }>) => new Set([...d].filter(([, t]) => t.c > 0).map(([id]) => id));
    const sb = solvedBy(base);
    const sr = solvedBy(rl);
    const both = [...sb].filter((id) => sr.has(id)).length;
    expect(report.comparisons[0]?.coverage).toMatchObject({
      both,
      baseOnly: sb.size - both,
      modelOnly: sr.size - both,
      neither: 60 - sb.size - sr.size + both,
    });
    let gap = 0;
    for (const [id, t] of base) gap += exactPassAtK(t.n, t.c, 32) - (rl.get(id)?.c ?? NaN) / 32;
    expect(Math.abs((report.comparisons[0]?.samplingEfficiencyGap.estimate ?? NaN) - gap / 60)).toBeLessThan(1e-12);
  });

  it("is deterministic for a seed", async () => {
    const again = tempDir();
    dirs.push(again);
    const r = await cli(["demo", "--out", again, "--problems", "60", "--samples", "32", "--seed", "7", "--resamples", "200", "--json", "-q"], again);
    expect(r.code).toBe(0);
    expect(readFileSync(join(again, "data/RL.jsonl"), "utf8")).toBe(readFileSync(join(out, "data/RL.jsonl"), "utf8"));
    expect(readFileSync(join(again, "pass-at-k.svg"), "utf8")).toBe(readFileSync(join(out, "pass-at-k.svg"), "utf8"));
    expect((JSON.parse(r.stdout) as StudyReport).comparisons).toEqual(report.comparisons);
  });

  it("has the paper's shape at the default size: RL ahead at k = 1, base ahead at k = 256, a crossover between", async () => {
    const d = tempDir();
    dirs.push(d);
    const r = await cli(["demo", "--out", d, "--resamples", "100", "--json", "-q"], d);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as StudyReport;
    const [base, rl] = rep.models;
    expect(rep.settings.ks.at(-1)).toBe(256);
    expect(rl?.passAtK[0]?.estimate).toBeGreaterThan((base?.passAtK[0]?.estimate ?? 1) + 0.05);
    expect(base?.passAtK.at(-1)?.estimate).toBeGreaterThan((rl?.passAtK.at(-1)?.estimate ?? 1) + 0.02);
    expect(rep.comparisons[0]?.crossover.estimate.kind).toBe("crossover");
    // RL's solved set is nearly a subset of the base's: far more base-only than RL-only problems
    const cov = rep.comparisons[0]?.coverage;
    expect(cov?.baseOnly).toBeGreaterThan(2 * (cov?.modelOnly ?? Infinity));
  });

  it("prints the table and the data paths without --json", async () => {
    const d = tempDir();
    dirs.push(d);
    const r = await cli(["demo", "--out", d, "--problems", "20", "--samples", "8", "--resamples", "20"], d);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('models "base" and "RL"');
    expect(r.stdout).toContain("pass@k (mean over problems)");
    expect(r.stdout).toContain(`same as: passk report ${join(d, "data/base.jsonl")}`);
  });
});
