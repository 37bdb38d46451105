import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidSampleRecordError, TallyAccumulator, type SampleRecord } from "../../src/index.js";
import { fieldMappingReader, ingestJsonl, lmEvalReader, qwenMathReader } from "../../src/node/index.js";

const dir = mkdtempSync(join(tmpdir(), "passk-readers-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
function write(lines: readonly unknown[], gz = false): string {
  const text = lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";
  const path = join(dir, `r${fileCount++}.jsonl${gz ? ".gz" : ""}`);
  writeFileSync(path, gz ? gzipSync(text) : text);
  return path;
}

function thrown(f: () => unknown): InvalidSampleRecordError {
  try {
    f();
  } catch (e) {
    return e as InvalidSampleRecordError;
  }
  throw new Error("expected a throw");
}

/** A line shaped like Qwen2.5-Math evaluation output (math_eval.py): one problem, one score per sample. */
const qwenLine = (idx: number, score: boolean[], pred?: string[]) => ({
  idx,
  question: `question ${idx}`,
  gt_cot: "...",
  gt: "2",
  level: 3,
  code: score.map(() => "solution text \\boxed{2}"),
  pred: pred ?? score.map((s) => (s ? "2" : "3")),
  report: score.map(() => null),
  score,
});

describe("qwenMathReader", () => {
  it("turns one line per problem into one sample per score entry (hand-checked)", async () => {
    const file = write([qwenLine(0, [true, false, true, true]), qwenLine(1, [false, false, false, false]), qwenLine(7, [true, true, false, false])], true);
    const r = await ingestJsonl(file, { reader: qwenMathReader({ model: "Qwen/Qwen2.5-7B" }), keepAnswers: true });
    expect(r.accumulator.talliesFor("Qwen/Qwen2.5-7B")).toEqual([
      { problemId: "0", n: 4, c: 3 },
      { problemId: "1", n: 4, c: 0 },
      { problemId: "7", n: 4, c: 2 },
    ]);
    expect([r.linesRead, r.recordsAdded]).toEqual([3, 12]);
    expect(r.accumulator.answersFor("Qwen/Qwen2.5-7B", "0").clusters).toEqual([
      { answer: "2", count: 3, correctCount: 3, correct: true },
      { answer: "3", count: 1, correctCount: 0, correct: false },
    ]);
    expect(r.accumulator.toJSON().models[0]?.problems[0]?.sampleIndexRuns).toEqual([[0, 3]]);
  });

  it("tallies several seed files together with offsets and catches a file ingested twice", async () => {
    const seed1 = write([qwenLine(0, [true, false]), qwenLine(1, [false, false])]);
    const seed2 = write([qwenLine(0, [true, true]), qwenLine(1, [true, false])]);
    const acc = new TallyAccumulator();
    await ingestJsonl(seed1, { reader: qwenMathReader({ model: "m", sampleIndexOffset: 0 }), accumulator: acc });
    await ingestJsonl(seed2, { reader: qwenMathReader({ model: "m", sampleIndexOffset: 2 }), accumulator: acc });
    expect(acc.talliesFor("m")).toEqual([
      { problemId: "0", n: 4, c: 3 },
      { problemId: "1", n: 4, c: 1 },
    ]);
    const again = await ingestJsonl(seed2, { reader: qwenMathReader({ model: "m", sampleIndexOffset: 2 }), accumulator: acc, mode: "collect" });
    expect(again.errors.map((e) => [e.line, e.field])).toEqual([
      [1, "idx"],
      [2, "idx"],
    ]);
    expect(again.errors[0]?.message).toMatch(/sample 2 of model "m" on problem "0" was already added/);
    expect(acc.talliesFor("m")).toEqual([
      { problemId: "0", n: 4, c: 3 },
      { problemId: "1", n: 4, c: 1 },
    ]);
  });

  it("rejects malformed lines naming the field", async () => {
    const file = write([
      { idx: 0, score: [true, "yes"] },
      { score: [true] },
      { idx: 2, score: [] },
      { idx: 3, score: [true, false], pred: ["1"] },
      { idx: 4, score: true },
    ]);
    const r = await ingestJsonl(file, { reader: qwenMathReader({ model: "m" }), mode: "collect" });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [1, "score[1]"],
      [2, "idx"],
      [3, "score"],
      [4, "pred"],
    ]);
    expect(r.errors[0]?.message).toMatch(/score\[1\] must be a boolean, got "yes" \(problem "0"\)/);
    expect(r.errors[3]?.message).toMatch(/pred has 1 entries but score has 2/);
    // A scalar score is one sample (no index).
    expect(r.accumulator.talliesFor("m")).toEqual([{ problemId: "4", n: 1, c: 1 }]);
    expect(() => qwenMathReader({} as never)).toThrow(InvalidArgumentError);
  });
});

/** A line shaped like lm-evaluation-harness `samples_<task>_<date>.jsonl` (one per document and filter). */
const lmLine = (docId: number, filter: string, metrics: Record<string, unknown>, resp = "18") => ({
  doc_id: docId,
  doc: { question: `q${docId}`, answer: "#### 18" },
  target: "18",
  arguments: { gen_args_0: { arg_0: `Question: q${docId}\nAnswer:`, arg_1: { until: ["Question:"] } } },
  resps: [[`The answer is ${resp}.`]],
  filtered_resps: [resp],
  filter,
  metrics: Object.keys(metrics),
  doc_hash: "d",
  prompt_hash: "p",
  target_hash: "t",
  ...metrics,
});

describe("lmEvalReader", () => {
  const lines = [
    lmLine(0, "strict-match", { exact_match: 1.0 }),
    lmLine(0, "flexible-extract", { exact_match: 1.0 }),
    lmLine(1, "strict-match", { exact_match: 0.0 }, "[invalid]"),
    lmLine(1, "flexible-extract", { exact_match: 1.0 }),
    lmLine(2, "strict-match", { exact_match: 0.0 }, "17"),
    lmLine(2, "flexible-extract", { exact_match: 0.0 }, "17"),
  ];

  it("tallies the chosen filter and counts the other filter's lines as skipped", async () => {
    const file = write(lines);
    const strict = await ingestJsonl(file, { reader: lmEvalReader({ model: "m", task: "gsm8k", filter: "strict-match" }) });
    expect(strict.accumulator.talliesFor("m")).toEqual([
      { problemId: "gsm8k/0", n: 1, c: 1 },
      { problemId: "gsm8k/1", n: 1, c: 0 },
      { problemId: "gsm8k/2", n: 1, c: 0 },
    ]);
    expect([strict.linesRead, strict.linesAccepted, strict.linesSkipped]).toEqual([6, 3, 3]);
    const flexible = await ingestJsonl(file, { reader: lmEvalReader({ model: "m", filter: "flexible-extract" }) });
    expect(flexible.accumulator.talliesFor("m").map((t) => t.c)).toEqual([1, 1, 0]);
  });

  it("without a filter option, rejects a second filter instead of counting documents twice", async () => {
    const r = await ingestJsonl(write(lines), { reader: lmEvalReader({ model: "m" }), mode: "collect" });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [2, "filter"],
      [4, "filter"],
      [6, "filter"],
    ]);
    expect(r.errors[0]?.message).toMatch(/is "flexible-extract" but earlier lines have "strict-match"/);
    expect(r.accumulator.talliesFor("m").map((t) => t.n)).toEqual([1, 1, 1]);
  });

  it("numbers runs with sampleIndex and rejects a repeated document", async () => {
    const run0 = write([lmLine(0, "none", { acc: 1 }), lmLine(1, "none", { acc: 0 })]);
    const run1 = write([lmLine(0, "none", { acc: 0 }), lmLine(1, "none", { acc: 0 }), lmLine(1, "none", { acc: 1 })]);
    const acc = new TallyAccumulator();
    await ingestJsonl(run0, { reader: lmEvalReader({ model: "m" }), accumulator: acc });
    const r1 = await ingestJsonl(run1, { reader: lmEvalReader({ model: "m", sampleIndex: 1 }), accumulator: acc, mode: "collect" });
    expect(r1.errors.map((e) => [e.line, e.field])).toEqual([[3, "doc_id"]]);
    expect(acc.talliesFor("m")).toEqual([
      { problemId: "0", n: 2, c: 1 },
      { problemId: "1", n: 2, c: 0 },
    ]);
  });

  it("picks exact_match, then acc; rejects continuous metrics without a threshold", () => {
    const reader = lmEvalReader({ model: "m" });
    expect((reader.read(lmLine(0, "none", { acc: 1, exact_match: 0 })) as SampleRecord).correct).toBe(false);
    expect((reader.read(lmLine(0, "none", { acc: true })) as SampleRecord).correct).toBe(true);
    const e = thrown(() => reader.read(lmLine(0, "none", { f1: 0.5 })));
    expect(e.field).toBe("exact_match");
    expect(e.message).toMatch(/lists metrics \["f1"\]/);
    expect(thrown(() => reader.read(lmLine(0, "none", { exact_match: 0.5 }))).message).toMatch(/give a threshold/);
    const f1 = lmEvalReader({ model: "m", metric: "f1", threshold: 0.5 });
    expect((f1.read(lmLine(0, "none", { f1: 0.5 })) as SampleRecord).correct).toBe(true);
    expect((f1.read(lmLine(0, "none", { f1: 0.49 })) as SampleRecord).correct).toBe(false);
    expect(thrown(() => f1.read(lmLine(0, "none", { acc: 1 }))).field).toBe("f1");
    expect(() => lmEvalReader({ model: "" })).toThrow(InvalidArgumentError);
  });

  it("keeps a single filtered response as the answer", async () => {
    const file = write([lmLine(0, "none", { exact_match: 1 }, "18")]);
    const r = await ingestJsonl(file, { reader: lmEvalReader({ model: "m" }), keepAnswers: true });
    expect(r.accumulator.answersFor("m", "0").clusters).toEqual([{ answer: "18", count: 1, correctCount: 1, correct: true }]);
  });
});

describe("fieldMappingReader", () => {
  it("follows dotted paths, constant models, prefixes and numeric ids", () => {
    const reader = fieldMappingReader({
      model: "meta.model",
      problem: "task.id",
      problemPrefix: "humaneval/",
      correct: "grade.passed",
      sampleIndex: "meta.sample",
      answer: ["out", "final.answer"],
    });
    const r = reader.read({ meta: { model: "m", sample: 3 }, task: { id: 12 }, grade: { passed: false }, out: { "final.answer": 7 } });
    expect(r).toEqual({ model: "m", problemId: "humaneval/12", sampleIndex: 3, correct: false, answer: "7" });
    const byIndex = fieldMappingReader({ modelName: "m", problem: "ids.1", correct: "ok" });
    expect((byIndex.read({ ids: ["a", "b"], ok: true }) as SampleRecord).problemId).toBe("b");
  });

  it("uses score >= threshold when correct is absent, and names missing fields", () => {
    const reader = fieldMappingReader({ modelName: "m", problem: "id", correct: "pass", score: "reward", threshold: 0.5 });
    expect((reader.read({ id: "a", pass: true, reward: 0 }) as SampleRecord).correct).toBe(true);
    expect((reader.read({ id: "a", reward: 0.5 }) as SampleRecord).correct).toBe(true);
    expect((reader.read({ id: "a", reward: 0.25 }) as SampleRecord).correct).toBe(false);
    const missing = thrown(() => reader.read({ id: "a" }));
    expect([missing.field, missing.message]).toEqual(["pass", 'pass is missing (and so is reward) (problem "a")']);
    expect(thrown(() => reader.read({ id: "a", reward: "high" })).field).toBe("reward");
    expect(thrown(() => reader.read({ id: {}, pass: true })).field).toBe("id");
    expect(thrown(() => reader.read({ id: "a", pass: 1 })).message).toMatch(/must be a boolean, got 1/);
    const numeric = fieldMappingReader({ modelName: "m", problem: "id", correct: "pass", numericCorrect: true });
    expect((numeric.read({ id: "a", pass: 1 }) as SampleRecord).correct).toBe(true);
    expect(thrown(() => numeric.read({ id: "a", pass: 2 })).message).toMatch(/boolean or 0\/1, got 2/);
  });

  it("rejects inconsistent mappings", () => {
    expect(() => fieldMappingReader({ problem: "id", correct: "c" })).toThrow(/exactly one of mapping.model/);
    expect(() => fieldMappingReader({ model: "m", modelName: "m", problem: "id", correct: "c" })).toThrow(/exactly one/);
    expect(() => fieldMappingReader({ modelName: "m", problem: "id" })).toThrow(/correct or a score/);
    expect(() => fieldMappingReader({ modelName: "m", problem: "id", score: "s" })).toThrow(/threshold/);
    expect(() => fieldMappingReader({ modelName: "m", problem: "a..b", correct: "c" })).toThrow(/dotted path/);
    expect(() => fieldMappingReader({ modelName: "m", problem: "id", correct: "c", sampleIndexOffset: -1 })).toThrow(/sampleIndexOffset/);
  });
});
