// Problem ids written as JSON numbers past 2^53 − 1: JSON.parse rounds them (9007199254740993 and
// 9007199254740992 both arrive as 9007199254740992), so two problems would be tallied as one. Every
// reader refuses such an id by field instead; safe integers and ordinary numbers stay accepted.
import { describe, expect, it } from "vitest";
import { flatReader, lmEvalReader, qwenMathReader, readResponseRecord, ScoringRecordError } from "../../src/node/index.js";
import { InvalidSampleRecordError } from "../../src/index.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir } from "../cli/cliHarness.js";

// 2^53 + 1 as written in a file; JSON.parse gives 2^53.
const LINE = '{"model":"m","problem_id":9007199254740993,"sample_index":1,"correct":true}';
const rounded = JSON.parse(LINE) as Record<string, unknown>;

function fieldOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof InvalidSampleRecordError || e instanceof ScoringRecordError) return `${e.field}: ${e.message}`;
    throw e;
  }
  return undefined;
}

describe("numeric problem ids beyond 2^53 − 1 are refused by field", () => {
  it("JSON.parse really merges the two ids (the mistake being prevented)", () => {
    expect(rounded.problem_id).toBe(2 ** 53);
    expect((JSON.parse(LINE.replace("993", "992")) as Record<string, unknown>).problem_id).toBe(2 ** 53);
  });

  it("flat and Qwen-math (field mapping) readers", () => {
    expect(fieldOf(() => flatReader().read(rounded))).toMatch(/^problem_id: problem_id 9007199254740992 is a number beyond ±\(2\^53 − 1\)/u);
    expect(fieldOf(() => flatReader().read({ ...rounded, problem_id: -1e300 }))).toMatch(/^problem_id: /u);
    expect(fieldOf(() => qwenMathReader({ model: "m" }).read({ idx: 2 ** 60, score: [true] }))).toMatch(/^idx: idx 1152921504606847000 is a number beyond/u);
    // The largest safe integer, a negative one and a non-integer are ids as before.
    expect(flatReader().read({ ...rounded, problem_id: 2 ** 53 - 1 })).toMatchObject({ problemId: "9007199254740991" });
    expect(flatReader().read({ ...rounded, problem_id: -(2 ** 53 - 1) })).toMatchObject({ problemId: "-9007199254740991" });
    expect(flatReader().read({ ...rounded, problem_id: 12.5 })).toMatchObject({ problemId: "12.5" });
  });

  it("a bigint (a Parquet INT64 past 2^53) in a message is shown as a BigInt literal, at any depth", () => {
    expect(fieldOf(() => flatReader().read({ ...rounded, problem_id: "a", correct: 2n ** 60n }))).toBe('correct: correct must be a boolean, got 1152921504606846976n (problem "a")');
    expect(fieldOf(() => flatReader().read({ ...rounded, problem_id: "a", correct: { x: 2n ** 70n } }))).toBe('correct: correct must be a boolean, got {"x":"1180591620717411303424n"} (problem "a")');
  });

  it("lm-eval doc_id", () => {
    const reader = lmEvalReader({ metric: "exact_match", model: "m" });
    const line = { doc_id: 2 ** 53, filter: "none", exact_match: 1, doc_hash: "a", prompt_hash: "b", target_hash: "c" };
    expect(fieldOf(() => reader.read(line))).toMatch(/^doc_id: doc_id 9007199254740992 is a number beyond/u);
    expect(reader.read({ ...line, doc_id: 7 })).toMatchObject({ problemId: "7" });
  });

  it("perplexity response records", () => {
    expect(fieldOf(() => readResponseRecord({ problem_id: 2 ** 53, prompt: "p", response: "r" }))).toMatch(/^problem_id: problem_id 9007199254740992 is a number beyond/u);
    expect(readResponseRecord({ problem_id: 3, prompt: "p", response: "r" }).problemId).toBe("3");
  });

  it("passk verify's responses", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "r.jsonl"), '{"model":"m","problem_id":9007199254740993,"response":"\\\\boxed{1}","reference":"1"}\n');
    const r = await cli(["verify", "r.jsonl", "--verifier", "exact", "--out", "g.jsonl", "-q"], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("r.jsonl:1: problem_id 9007199254740992 is a number beyond ±(2^53 − 1)");
    // lm-eval sample files read by passk verify: doc_id likewise.
    writeFileSync(join(dir, "samples_t_2024.jsonl"), '{"doc_id":9007199254740993,"resps":[["\\\\boxed{1}"]],"target":"1"}\n');
    const lm = await cli(["verify", "samples_t_2024.jsonl", "--format", "lmeval", "--model", "m", "--verifier", "exact", "--out", "h.jsonl", "-q"], dir);
    expect(lm.code).not.toBe(0);
    expect(lm.stderr).toContain("samples_t_2024.jsonl:1: doc_id 9007199254740992 is a number beyond ±(2^53 − 1)");
  }, 30_000);
});
