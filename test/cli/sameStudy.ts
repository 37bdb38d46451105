// The small two-model study that test/cli/countsAndMerge.test.ts and sampleFormats.test.ts feed
// to `passk report` in every input format: its per-sample JSONL report is the reference each other
// format must reproduce digit for digit.
import { expect } from "vitest";
import type { StudyReport } from "../../src/cli/index.js";
import { cli, flatRecords, writeJsonl } from "./cliHarness.js";

/** Per model: (problem id, n, c). */
export const PROBLEMS: Record<string, ReadonlyArray<readonly [string, number, number]>> = {
  base: [
    ["p1", 4, 1],
    ["p2", 4, 0],
    ["p3", 4, 3],
  ],
  rl: [
    ["p1", 4, 2],
    ["p2", 4, 0],
    ["p3", 4, 4],
  ],
};

/** The report options of every run: a seeded, small bootstrap, JSON on standard output. */
export const REPORT = ["--seed", "5", "--resamples", "50", "--json", "-q"];

/** The report without its sources, which name the input files. */
export function withoutSources(r: StudyReport): Omit<StudyReport, "sources"> {
  const { sources: _s, ...rest } = r;
  return rest;
}

/** Runs `passk report ARGS` in `work` into folder `out`, expecting success and no warnings. */
export async function report(work: string, args: string[], out: string): Promise<StudyReport> {
  const r = await cli(["report", ...args, "--out", out, ...REPORT], work);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as StudyReport;
}

/** Writes the study as per-sample JSONL (samples.jsonl) in `work` and returns its report. */
export async function referenceReport(work: string): Promise<StudyReport> {
  writeJsonl(work, "samples.jsonl", [...flatRecords("base", PROBLEMS.base!), ...flatRecords("rl", PROBLEMS.rl!)]);
  return report(work, ["samples.jsonl"], "ref");
}
