// Option parsers, the progress bar, format detection and CSV quoting.
import { describe, expect, it } from "vitest";
import { detectFormat, parseFileSpec, parseKs, ProgressBar, reportCsv, type CliIo, type StudyReport } from "../../src/cli/index.js";

describe("option parsers", () => {
  it("parses and rejects --ks lists", () => {
    expect(parseKs("1,2,4,1024")).toEqual([1, 2, 4, 1024]);
    expect(() => parseKs("1,,2")).toThrow('--ks must be an integer >= 1, got ""');
    expect(() => parseKs("2,2")).toThrow("--ks must be strictly increasing, got 2 after 2");
    expect(() => parseKs("1e3")).toThrow('got "1e3"');
  });
  it("splits MODEL=PATH unless the whole argument is an existing file", () => {
    expect(parseFileSpec("a=b.jsonl", () => false)).toEqual({ path: "b.jsonl", model: "a" });
    expect(parseFileSpec("a=b.jsonl", () => true)).toEqual({ path: "a=b.jsonl" });
    expect(() => parseFileSpec("=b.jsonl", () => false)).toThrow("MODEL=PATH");
  });
  it("detects formats from the first line", () => {
    expect(detectFormat({ idx: 1, score: [] })).toBe("qwen");
    expect(detectFormat({ idx: 1, score: 0.5, model: "m" })).toBe("flat");
    expect(detectFormat({ doc_id: 0 })).toBe("lmeval");
    expect(detectFormat([1])).toBe("flat");
  });
});

describe("ProgressBar", () => {
  const capture = (tty: boolean) => {
    const err: string[] = [];
    const io: CliIo = { stdout: () => {}, stderr: (s) => void err.push(s), stderrIsTTY: tty, stderrColumns: 80, cwd: "/" };
    return { io, err };
  };
  it("draws on a TTY and erases itself", () => {
    const { io, err } = capture(true);
    const bar = new ProgressBar(io, { quiet: false, intervalMs: 0 });
    bar.update("x.jsonl", 50, 100);
    bar.update("x.jsonl", 100, 100);
    bar.done();
    expect(err[0]).toMatch(/^\r\[#+-+\]  50% x\.jsonl\x1b\[K$/);
    expect(err[1]).toContain("100% x.jsonl");
    expect(err[2]).toBe("\r\x1b[K");
  });
  it("is silent when not a TTY or quiet", () => {
    for (const [tty, quiet] of [[false, false], [true, true]] as const) {
      const { io, err } = capture(tty);
      const bar = new ProgressBar(io, { quiet, intervalMs: 0 });
      bar.update("x", 1, 2);
      bar.done();
      expect(err).toEqual([]);
    }
  });
});

describe("reportCsv", () => {
  it("quotes model names with commas and quotes (RFC 4180)", () => {
    const report = {
      format: "passk.report",
      version: 1,
      sources: [],
      settings: { ks: [1], base: 'a,"b"', seed: 0, resamples: 1, level: 0.95 },
      models: [
        {
          model: 'a,"b"',
          problems: 2,
          minSamples: 1,
          maxSamples: 1,
          totalSamples: 2,
          passAtK: [{ k: 1, estimate: 0.5, lower: 0, upper: 1, standardError: 0.5 }],
          coverage: { solved: 1, estimate: 0.5, lower: 0, upper: 1, standardError: 0.5 },
          accuracyHistogram: [],
          accuracy: { mean: 0.5, median: 0.5 },
        },
      ],
      comparisons: [],
      problemCounts: { problems: ["p", "q"], models: [{ model: 'a,"b"', c: [1, 0], n: [1, 1] }] },
      warnings: [],
    } satisfies StudyReport;
    expect(reportCsv(report).split("\n")[1]).toBe('pass_at_k,"a,""b""",,1,0.5,0,1,0.5,');
  });
});
