// lm-evaluation-harness sample files through the CLI: pass@k from one run of a `repeats` task via
// `passk verify`, task-aware ingestion (samples_<task>_<date>.jsonl), older layouts, and verify's
// field paths. Files are written field for field as the harness writes them.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { StudyReport } from "../../src/cli/index.js";
import { cli, tempDir, writeJsonl } from "./cliHarness.js";

const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function records(path: string): Record<string, unknown>[] {
  return readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * One line of a `repeats` task (gsm8k-cot-self-consistency style): `resps[0]` holds the N sampled
 * responses, the filter reduces them (score-first takes the first, maj@N votes), and the metric
 * grades only that reduced answer.
 */
function repeatsLine(docId: number, target: string, responses: string[], filter: string, filtered: string, exactMatch: number) {
  return {
    doc_id: docId,
    doc: { question: `Question ${docId}`, answer: `...\n#### ${target}` },
    target,
    arguments: { gen_args_0: { arg_0: `Q: Question ${docId}\nA:`, arg_1: { until: ["Q:", "\n\n"], do_sample: true, temperature: 0.2 } } },
    resps: [responses],
    filtered_resps: [filtered],
    filter,
    metrics: ["exact_match"],
    doc_hash: `doc-${docId}`,
    prompt_hash: `prompt-${docId}`,
    target_hash: `target-${target}`,
    exact_match: exactMatch,
  };
}

describe("pass@k from one run of an lm-eval repeats task", () => {
  const work = dir();
  const modelDir = join(work, "results", "Qwen__Qwen2.5-Math-7B");
  mkdirSync(modelDir, { recursive: true });
  // Doc 0 (target 18): 3 of 4 responses say 18.  Doc 1 (target 5): 1 of 4.  Doc 2 (target 7): none.
  const docs: Array<[number, string, string[]]> = [
    [0, "18", ["So the answer is 18.", "The answer is 18", "I think 17.", "Thus 18."]],
    [1, "5", ["It is 4.", "It is 5.", "It is 6.", "It is 4."]],
    [2, "7", ["8", "9", "10", "no idea"]],
  ];
  const lines = docs.flatMap(([id, target, resps]) => [
    repeatsLine(id, target, resps, "score-first", resps[0] as string, 0),
    repeatsLine(id, target, resps, "maj@4", "x", 1),
  ]);
  const file = "results/Qwen__Qwen2.5-Math-7B/samples_gsm8k_cot_self_consistency_2025-03-04T05-06-07.891011.jsonl";
  writeJsonl(work, file, lines);

  it("verify grades each of the N responses against target, as task/doc_id sample j", async () => {
    const r = await cli(["verify", file, "--verifier", "numeric", "--out", "graded.jsonl", "-q"], work);
    expect(r.code).toBe(0);
    expect(r.stderr.split("\n")[0]).toBe(
      `passk verify: read ${file} as lm-eval samples of task gsm8k_cot_self_consistency: 3 documents, 12 responses ` +
        "(3 lines of other filters repeat those responses and were skipped)",
    );
    const out = records(join(work, "graded.jsonl"));
    expect(out.map((o) => [o.model, o.problem_id, o.sample_index, o.correct])).toEqual([
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/0", 0, true],
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/0", 1, true],
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/0", 2, false],
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/0", 3, true],
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/1", 0, false],
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/1", 1, true],
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/1", 2, false],
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/1", 3, false],
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/2", 0, false],
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/2", 1, false],
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/2", 2, false],
      ["Qwen__Qwen2.5-Math-7B", "gsm8k_cot_self_consistency/2", 3, false],
    ]);
  });

  it("report then has n = N per document: pass@1 = (3/4 + 1/4 + 0)/3 = 1/3, pass@4 = 2/3", async () => {
    const r = await cli(["report", "graded.jsonl", "--out", "o", "--resamples", "20", "--json", "-q"], work);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as StudyReport;
    expect(rep.models[0]?.minSamples).toBe(4);
    // pass@2: doc 0 1 − C(1,2)/C(4,2) = 1, doc 1 1 − C(3,2)/C(4,2) = 1/2, doc 2 0 → 1/2
    expect(rep.models[0]?.passAtK.map((p) => [p.k, p.estimate])).toEqual([[1, 1 / 3], [2, 0.5], [4, 2 / 3]]);
  });

  it("report on the raw file warns that a repeats task gives one sample per document", async () => {
    const r = await cli(["report", file, "--filter", "maj@4", "--out", "o2", "--resamples", "20", "--json", "-q"], work);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `passk: warning: ${file}: each document carries 4 responses (a task with repeats: 4), but lm-eval grades a document once, ` +
        'through filter "maj@4", so this file gives n = 1 per document. For pass@k over the 4 responses, grade them: ' +
        `passk verify ${file} --verifier math --model Qwen__Qwen2.5-Math-7B --out graded.jsonl\n`,
    );
    const rep = JSON.parse(r.stdout) as StudyReport;
    expect(rep.models.map((m) => [m.model, m.problems, m.maxSamples])).toEqual([["Qwen__Qwen2.5-Math-7B", 3, 1]]);
    expect(rep.sources[0]).toMatchObject({ format: "lmeval", model: "Qwen__Qwen2.5-Math-7B", task: "gsm8k_cot_self_consistency", linesSkipped: 3 });
  });

  it("refuses lines of one document whose responses differ, scores instead of texts, and a missing model", async () => {
    const [a, b] = [repeatsLine(0, "1", ["1", "2"], "f1", "1", 1), repeatsLine(0, "1", ["1", "3"], "f2", "1", 1)];
    writeJsonl(work, "mixed.jsonl", [a, b]);
    const mixed = await cli(["verify", "mixed.jsonl", "--verifier", "numeric", "--model", "m", "-q"], work);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/^passk: error: mixed\.jsonl:2: resps of document 0 differ from an earlier line's: a file holds one run/);
    // A multiple-choice task logs [loglikelihood, is_greedy] per choice.
    writeJsonl(work, "mc.jsonl", [{ ...a, resps: [[["-1.25", "False"]], [["-0.5", "True"]]] }]);
    const mc = await cli(["verify", "mc.jsonl", "--verifier", "numeric", "--model", "m", "-q"], work);
    expect(mc.stderr).toMatch(/^passk: error: mc\.jsonl:1: resps must hold one request's list of generated texts \(a generate_until task\)/);
    const noModel = await cli(["verify", "mixed.jsonl", "--verifier", "numeric", "-q"], work);
    expect([noModel.code, noModel.stderr]).toEqual([2, "passk: error: mixed.jsonl is an lm-eval sample file, which does not name the model: give --model\n"]);
    const field = await cli(["verify", "mixed.jsonl", "--verifier", "numeric", "--model", "m", "--response-field", "resps", "-q"], work);
    expect(field.stderr).toBe("passk: error: --response-field applies to response files; mixed.jsonl is an lm-eval sample file (doc_id, resps[0], target)\n");
  });
});

/** A plain generation line of the current layout with one response. */
const genLine = (docId: number, docHash: string, exactMatch: number) => ({
  doc_id: docId,
  doc: { problem: `p${docId}` },
  target: "1",
  arguments: { gen_args_0: { arg_0: "Problem:", arg_1: { until: ["Problem:"] } } },
  resps: [["1"]],
  filtered_resps: ["1"],
  filter: "none",
  metrics: ["exact_match"],
  doc_hash: docHash,
  prompt_hash: "p",
  target_hash: "t",
  exact_match: exactMatch,
});

describe("task-aware lm-eval ingestion", () => {
  const work = dir();
  mkdirSync(join(work, "phi3"));
  const numTheory = "phi3/samples_minerva_math_num_theory_2024-08-01T10-00-00.000001.jsonl";
  const prealgebra = "phi3/samples_minerva_math_prealgebra_2024-08-01T10-00-00.000001.jsonl";
  writeJsonl(work, numTheory, [genLine(0, "nt0", 1), genLine(1, "nt1", 0)]);
  writeJsonl(work, prealgebra, [genLine(0, "pa0", 0), genLine(1, "pa1", 0)]);

  it("two tasks of one model keep apart as task/doc_id, model from the harness's folder", async () => {
    const r = await cli(["report", numTheory, prealgebra, "--out", "o", "--resamples", "20", "--json", "-q"], work);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as StudyReport;
    expect(rep.models.map((m) => [m.model, m.problems, m.maxSamples])).toEqual([["phi3", 4, 1]]);
    expect(rep.sources.map((s) => s.task)).toEqual(["minerva_math_num_theory", "minerva_math_prealgebra"]);
    expect(rep.models[0]?.passAtK[0]?.estimate).toBe(0.25);
  });

  it("two runs of one task stack as samples 0 and 1", async () => {
    const rerun = "phi3/samples_minerva_math_num_theory_2024-08-02T11-00-00.000002.jsonl";
    writeJsonl(work, rerun, [genLine(0, "nt0", 0), genLine(1, "nt1", 0)]);
    const r = await cli(["report", numTheory, rerun, "--out", "o", "--resamples", "20", "--json", "-q"], work);
    const rep = JSON.parse(r.stdout) as StudyReport;
    // doc 0: 1 of 2, doc 1: 0 of 2
    expect(rep.models[0]?.problems).toBe(2);
    expect(rep.models[0]?.passAtK.map((p) => p.estimate)).toEqual([0.25, 0.5]);
  });

  it("files without task names whose doc ids collide are an error, not n = 2", async () => {
    writeJsonl(work, "num_theory.jsonl", [genLine(0, "nt0", 1), genLine(1, "nt1", 0)]);
    writeJsonl(work, "prealgebra.jsonl", [genLine(0, "pa0", 0), genLine(1, "pa1", 0)]);
    const r = await cli(["report", "phi3=num_theory.jsonl", "phi3=prealgebra.jsonl", "-q", "--out", "o"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^passk: error: prealgebra\.jsonl:1: doc_hash differs from the document an earlier file had under the same id: the files hold different tasks/);
    const tagged = await cli(["report", "phi3=num_theory.jsonl", "--task", "minerva_math_num_theory", "--out", "o", "--resamples", "20", "--json", "-q"], work);
    expect((JSON.parse(tagged.stdout) as StudyReport).sources[0]?.task).toBe("minerva_math_num_theory");
  });

  it("older files without a filter key read with --filter none, or '#k' for a filter block", async () => {
    const { filter: _f, metrics: _m, ...keyless } = genLine(0, "x", 1);
    // Two filter blocks: doc 0 is right under the first filter and wrong under the second.
    writeJsonl(work, "old.jsonl", [keyless, { ...keyless, exact_match: 0 }]);
    const none = await cli(["report", "m=old.jsonl", "--filter", "none", "-q", "--out", "o"], work);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/old\.jsonl:2: doc_id 0 appears again \(occurrence 2\) and the lines have no filter field/);
    const second = await cli(["report", "m=old.jsonl", "--filter", "#2", "--out", "o", "--json", "-q"], work);
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as StudyReport).models[0]?.passAtK[0]?.estimate).toBe(0);
  });
});

describe("verify field paths and lists of responses", () => {
  const work = dir();

  it("reach array elements as pred[0] or pred.0", async () => {
    writeJsonl(work, "nested.jsonl", [{ meta: { who: "m" }, id: 1, out: { pred: ["42", "41"] }, gold: 42 }]);
    for (const field of ["out.pred[1]", "out.pred.1"]) {
      const r = await cli(["verify", "nested.jsonl", "--verifier", "numeric", "--model-field", "meta.who", "--problem-field", "id", "--response-field", field, "--reference-field", "gold", "-q"], work);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ model: "m", problem_id: "1", correct: false, status: "wrong", answer: "41" });
    }
  });

  it("grade an ungraded Qwen-toolkit file, one sample per pred entry", async () => {
    writeJsonl(work, "raw.jsonl", [
      { idx: 0, question: "q", gt_cot: "s", gt: "\\frac{1}{2}", code: ["...", "...", "..."], pred: ["0.5", "\\frac12", "2"], report: [null, null, null] },
      { idx: 1, question: "q", gt_cot: "s", gt: "3", code: ["...", "...", "..."], pred: ["4", "3", ""], report: [null, null, null] },
    ]);
    const r = await cli(
      ["verify", "raw.jsonl", "--verifier", "math", "--model", "base", "--problem-field", "idx", "--response-field", "pred", "--reference-field", "gt", "--out", "g.jsonl", "-q"],
      work,
    );
    expect(r.code).toBe(0);
    expect(records(join(work, "g.jsonl")).map((o) => [o.problem_id, o.sample_index, o.correct])).toEqual([
      ["0", 0, true],
      ["0", 1, true],
      ["0", 2, false],
      ["1", 0, false],
      ["1", 1, true],
      ["1", 2, false],
    ]);
    // problem 0: 2 of 3, problem 1: 1 of 3 → pass@1 = 1/2
    const rep = await cli(["report", "g.jsonl", "--out", "o", "--resamples", "20", "--json", "-q"], work);
    expect((JSON.parse(rep.stdout) as StudyReport).models[0]?.passAtK[0]?.estimate).toBe(0.5);
  });
});
