// lmEvalReader on lines written field for field as lm-evaluation-harness versions write them:
// the current layout (filter, metrics and hashes), 0.4.3 (hashes, no filter / metrics keys, one
// block of lines per filter), the 2023 branch (no hashes either), 0.3's --write_out records after
// `jq -c '.[]'` (metric values as strings), and the values the harness writes through Python's json.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, TallyAccumulator, type SampleRecord } from "../../src/index.js";
import { ingestJsonl, lmEvalReader, qwenMathReader, type IngestError } from "../../src/node/index.js";

const dir = mkdtempSync(join(tmpdir(), "passk-lmeval-layouts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
function write(lines: readonly (string | object)[]): string {
  const path = join(dir, `s${count++}.jsonl`);
  writeFileSync(path, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return path;
}

/**
 * gsm8k documents 0..2 with targets 18, 17, 16. Under strict-match the model's answers are 18, 17,
 * [invalid] (exact_match 1, 1, 0); under flexible-extract 18, 16, 5 (1, 0, 0).
 */
const doc = (i: number) => ({ question: `Question ${i}?`, answer: `Reasoning.\n#### ${18 - i}` });
const strict = ["18", "17", "[invalid]"];
const flexible = ["18", "16", "5"];

/** A line as EvaluationTracker.save_results_samples writes it today (arguments as gen_args_i / arg_j). */
function currentLine(i: number, filter: string, answer: string, exactMatch: number) {
  return {
    doc_id: i,
    doc: doc(i),
    target: String(18 - i),
    arguments: { gen_args_0: { arg_0: `Question: Question ${i}?\nAnswer:`, arg_1: { until: ["Question:", "</s>"], do_sample: false } } },
    resps: [[`Reasoning. The answer is ${answer}.`]],
    filtered_resps: [answer],
    filter,
    metrics: ["exact_match"],
    doc_hash: `hash-of-doc-${i}`,
    prompt_hash: `hash-of-prompt-${i}`,
    target_hash: `hash-of-target-${i}`,
    exact_match: exactMatch,
  };
}

/** lm-eval 0.4.3: the same, without the filter and metrics keys. */
function v043Line(i: number, answer: string, exactMatch: number) {
  const { filter: _f, metrics: _m, ...rest } = currentLine(i, "", answer, exactMatch);
  return rest;
}

/** The 2023 branch (evaluator.py of the big refactor): doc_id, doc, target, arguments, resps, filtered_resps, metrics. */
function v2023Line(i: number, answer: string, exactMatch: number) {
  return {
    doc_id: i,
    doc: doc(i),
    target: String(18 - i),
    arguments: [[`Question: Question ${i}?\nAnswer:`, { until: ["Question:"] }]],
    resps: [[`The answer is ${answer}.`]],
    filtered_resps: [answer],
    exact_match: exactMatch,
  };
}

async function collect(lines: readonly (string | object)[], options: Parameters<typeof lmEvalReader>[0]) {
  return ingestJsonl(write(lines), { reader: lmEvalReader(options), mode: "collect" });
}

function thrown(f: () => unknown): Error & { field?: string } {
  try {
    f();
  } catch (e) {
    return e as Error & { field?: string };
  }
  throw new Error("expected a throw");
}

describe("the current layout", () => {
  const lines = [0, 1, 2].flatMap((i) => [
    currentLine(i, "strict-match", strict[i] as string, i < 2 ? 1 : 0),
    currentLine(i, "flexible-extract", flexible[i] as string, i === 0 ? 1 : 0),
  ]);

  it("tallies the chosen filter, answers from filtered_resps", async () => {
    const r = await collect(lines, { model: "m", task: "gsm8k", filter: "flexible-extract" });
    expect(r.accumulator.talliesFor("m").map((t) => [t.problemId, t.c])).toEqual([["gsm8k/0", 1], ["gsm8k/1", 0], ["gsm8k/2", 0]]);
    expect([r.linesAccepted, r.linesSkipped, r.linesRejected]).toEqual([3, 3, 0]);
  });
});

describe("0.4.3 and the 2023 branch: no filter key", () => {
  // One filter per document: the harness's default filter "none" (take the first response).
  const single = [0, 1, 2].map((i) => v043Line(i, strict[i] as string, i < 2 ? 1 : 0));

  it("a line without a filter key counts as filter none, with or without the option", async () => {
    for (const filter of [undefined, "none"]) {
      const r = await collect(single, { model: "m", ...(filter !== undefined && { filter }) });
      expect(r.errors).toEqual([]);
      expect(r.accumulator.talliesFor("m").map((t) => t.c)).toEqual([1, 1, 0]);
    }
  });

  // gsm8k has two filters: the harness wrote every document under strict-match, then every
  // document again under flexible-extract, without naming either.
  const blocks = [
    ...[0, 1, 2].map((i) => v2023Line(i, strict[i] as string, i < 2 ? 1 : 0)),
    ...[0, 1, 2].map((i) => v2023Line(i, flexible[i] as string, i === 0 ? 1 : 0)),
  ];

  it("a document coming back is an error naming the #k blocks, not a second sample", async () => {
    const r = await collect(blocks, { model: "m" });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[4, "doc_id"], [5, "doc_id"], [6, "doc_id"]]);
    expect(r.errors[0]?.message).toMatch(
      /:4: doc_id 0 appears again \(occurrence 2\) and the lines have no filter field: older lm-eval files write one block of lines per filter, in the order of the task's filter_list, without naming it; choose a block with filter "#1", "#2", \.\.\. \(problem "0"\)$/,
    );
    expect(r.accumulator.talliesFor("m").map((t) => t.n)).toEqual([1, 1, 1]);
  });

  it('"#k" reads the k-th block and skips the others, counted', async () => {
    const first = await collect(blocks, { model: "m", filter: "#1" });
    expect(first.accumulator.talliesFor("m").map((t) => t.c)).toEqual([1, 1, 0]);
    const second = await collect(blocks, { model: "m", filter: "#2" });
    expect(second.accumulator.talliesFor("m").map((t) => t.c)).toEqual([1, 0, 0]);
    expect([second.linesAccepted, second.linesSkipped, second.linesRejected]).toEqual([3, 3, 0]);
  });

  it("a filter name cannot match unnamed lines, and #k cannot match named ones", async () => {
    const named = await collect(blocks, { model: "m", filter: "strict-match" });
    expect(named.linesRejected).toBe(6);
    expect(named.errors[0]?.message).toMatch(/filter is missing \(older lm-eval files do not name filters\), so the line cannot be matched to filter "strict-match"/);
    const block = await collect([currentLine(0, "strict-match", "18", 1)], { model: "m", filter: "#1" });
    expect(block.errors[0]?.message).toMatch(/filter is "strict-match": filter "#1" selects a block in files without filter names; name the filter instead/);
  });
});

describe("0.3 --write_out records (converted with jq -c '.[]'): metric values as strings", () => {
  // lm-eval 0.3 wrote {"doc_id", "prompt_0", "logit_0", "truth", <metric>: str(value)}.
  const line = (i: number, acc: string) => ({ doc_id: i, prompt_0: `Q${i}`, logit_0: "-0.25", truth: " yes", acc });

  it('reads "1.0", "0.0", "1" and "0", and still refuses other strings', async () => {
    const r = await collect([line(0, "1.0"), line(1, "0.0"), line(2, "1"), line(3, "0"), line(4, "yes"), line(5, "0.5")], { model: "m" });
    expect(r.accumulator.talliesFor("m").map((t) => t.c)).toEqual([1, 0, 1, 0]);
    expect(r.errors.map((e) => e.line)).toEqual([5, 6]);
    expect(r.errors[0]?.message).toMatch(/acc must be a boolean or a number, got "yes"/);
    expect(r.errors[1]?.message).toMatch(/acc must be a boolean or 0\/1, got "0.5": give a threshold/);
  });
});

describe("metric values", () => {
  const reader = lmEvalReader({ model: "m", metric: "f1" });

  it("a corpus-level metric logged as a list says so", () => {
    // squad-style tasks log (prediction, references) per document for a corpus-level f1.
    const e = thrown(() => reader.read({ doc_id: 0, filter: "none", metrics: ["exact", "f1"], exact: ["q0", "Paris"], f1: ["q0", "Paris"] }));
    expect(e.field).toBe("f1");
    expect(e.message).toBe(
      'f1 is a list (["q0","Paris"]): lm-eval logs the inputs of a corpus-level metric here (such as f1 or micro_f1, aggregated over all ' +
        'documents), which cannot grade one document; choose a per-document metric with the metric option (the line lists metrics ["exact","f1"]) (problem "0")',
    );
  });

  it("lower-is-better thresholds an error metric at <=, and needs a threshold", () => {
    const mae = lmEvalReader({ model: "m", metric: "mae", threshold: 0.5, lowerIsBetter: true });
    expect([0.5, 0.49, 0.51, 0].map((v) => (mae.read({ doc_id: 0, filter: "none", mae: v }) as SampleRecord).correct)).toEqual([true, true, false, true]);
    const higher = lmEvalReader({ model: "m", metric: "mae", threshold: 0.5 });
    expect((higher.read({ doc_id: 0, filter: "none", mae: 0.25 }) as SampleRecord).correct).toBe(false);
    expect(() => lmEvalReader({ model: "m", lowerIsBetter: true })).toThrow(InvalidArgumentError);
  });
});

describe("documents shared across files", () => {
  const taskLine = (task: string, i: number, em: number) => ({ ...currentLine(i, "none", "1", em), doc_hash: `${task}-${i}` });

  it("two tasks whose doc ids collide are refused, two runs of one task tally", async () => {
    const documents = new Map<string, string>();
    const acc = new TallyAccumulator();
    const read = (lines: object[], sampleIndex: number) =>
      ingestJsonl(write(lines), { reader: lmEvalReader({ model: "phi3", sampleIndex, documents }), accumulator: acc, mode: "collect" });
    const numTheory = await read([taskLine("num_theory", 0, 1), taskLine("num_theory", 1, 0)], 0);
    expect(numTheory.errors).toEqual([]);
    const rerun = await read([taskLine("num_theory", 0, 0), taskLine("num_theory", 1, 0)], 1);
    expect(rerun.errors).toEqual([]);
    const prealgebra = await read([taskLine("prealgebra", 0, 1), taskLine("prealgebra", 1, 1)], 2);
    expect(prealgebra.errors.map((e) => [e.line, e.field])).toEqual([[1, "doc_hash"], [2, "doc_hash"]]);
    expect((prealgebra.errors[0] as IngestError).message).toMatch(/doc_hash differs from the document an earlier file had under the same id: the files hold different tasks/);
    expect(acc.talliesFor("phi3")).toEqual([
      { problemId: "0", n: 2, c: 1 },
      { problemId: "1", n: 2, c: 0 },
    ]);
  });

  it("without doc_hash (2023 branch), the doc itself is compared", () => {
    const documents = new Map<string, string>();
    lmEvalReader({ model: "m", documents }).read(v2023Line(0, "18", 1));
    const other = { ...v2023Line(0, "18", 1), doc: { question: "Another task's document 0", answer: "#### 3" } };
    expect(thrown(() => lmEvalReader({ model: "m", documents, sampleIndex: 1 }).read(other)).field).toBe("doc");
    expect((lmEvalReader({ model: "m", documents, sampleIndex: 1 }).read(v2023Line(0, "17", 0)) as SampleRecord).correct).toBe(false);
  });
});

describe("Qwen2.5-Math toolkit output not graded yet", () => {
  it("(idx and pred, no score) is refused with the passk verify command", () => {
    // math_eval.py before evaluate(): {"idx", "question", "gt_cot", "gt", "level", "code": [...], "pred": [...], "report": [...]}
    const line = { idx: 3, question: "q", gt_cot: "s", gt: "2", level: 2, code: ["... \\boxed{2}", "... \\boxed{3}"], pred: ["2", "3"], report: [null, null] };
    const e = thrown(() => qwenMathReader({ model: "base" }).read(line));
    expect(e.field).toBe("score");
    expect(e.message).toBe(
      "score is missing: the line has idx and a pred list but no score, i.e. toolkit output not graded yet; grade the answers with passk verify " +
        '(--verifier math --problem-field idx --response-field pred --reference-field gt), then read its output (problem "3")',
    );
  });
});
