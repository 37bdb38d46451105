// What every JSONL input gets from the ingester: Python's NaN tokens, strict UTF-8, one clear error
// for a file that is a JSON document or a zip, and file-level messages without a line number.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { IngestError, flatReader, ingestJsonl, ingestJsonlStream, lmEvalReader } from "../../src/node/index.js";

const dir = mkdtempSync(join(tmpdir(), "passk-jsonl-inputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
function write(content: string | Uint8Array, name = `f${count++}.jsonl`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function rejection(p: Promise<unknown>): Promise<IngestError> {
  try {
    await p;
  } catch (e) {
    return e as IngestError;
  }
  throw new Error("expected a rejection");
}

describe("Python's bare NaN / Infinity tokens", () => {
  // json.dumps({"doc_id": 0, ..., "mae": float("inf")}) writes `"mae": Infinity`.
  const lmLine = (docId: number, metrics: string) =>
    `{"doc_id": ${docId}, "doc": {"q": "NaN Infinity"}, "target": "3", "filtered_resps": ["3"], "filter": "none", "metrics": ["exact_match", "mae"], ${metrics}}`;

  it("parse, so a NaN metric is rejected by name and counted while other lines tally", async () => {
    const file = write(
      [lmLine(0, '"exact_match": 1.0, "mae": Infinity'), lmLine(1, '"exact_match": NaN, "mae": 0.5'), lmLine(2, '"exact_match": 0.0, "mae": -Infinity')].join("\n"),
    );
    const r = await ingestJsonl(file, { reader: lmEvalReader({ model: "m" }), mode: "collect" });
    expect([r.linesRead, r.linesAccepted, r.linesRejected]).toEqual([3, 2, 1]);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[2, "exact_match"]]);
    expect(r.errors[0]?.message).toBe(`${file}:2: exact_match is NaN: the harness could not score this document, so it is rejected rather than counted as wrong (problem "1")`);
    expect(r.accumulator.talliesFor("m")).toEqual([
      { problemId: "0", n: 1, c: 1 },
      { problemId: "2", n: 1, c: 0 },
    ]);
  });

  it("an infinite metric with a threshold is rejected too, naming its value", async () => {
    const file = write(lmLine(0, '"exact_match": 1, "mae": Infinity'));
    const e = await rejection(ingestJsonl(file, { reader: lmEvalReader({ model: "m", metric: "mae", threshold: 1, lowerIsBetter: true }) }));
    expect(e.message).toBe(`${file}:1: mae is Infinity: not a finite number, so the document cannot be graded (problem "0")`);
  });

  it("are not touched inside strings, and a flat NaN correctness names its value", async () => {
    const text = [
      '{"model": "m", "problem_id": "p", "correct": true, "answer": "NaN", "note": "-Infinity \\" NaN"}',
      '{"model": "m", "problem_id": "p", "correct": NaN, "answer": "x"}',
    ].join("\n");
    const r = await ingestJsonl(write(text), { reader: flatReader(), keepAnswers: true, mode: "collect" });
    expect(r.accumulator.answersFor("m", "p").clusters).toEqual([{ answer: "NaN", count: 1, correctCount: 1, correct: true }]);
    expect(r.errors[0]?.message).toMatch(/:2: correct must be a boolean, got NaN \(problem "p"\)$/);
  });

  it("a token glued to other text, or a string spelling the internal placeholder, stays malformed", async () => {
    const text = [
      '{"model": "m", "problem_id": "p", "correct": NaNa}',
      '{"model": "m", "problem_id": "p", "correct": true, "x": "\\u0000passk-nonfinite:NaN", "y": NaN}',
    ].join("\n");
    const r = await ingestJsonl(write(text), { reader: flatReader(), mode: "collect" });
    expect(r.errors.map((e) => e.line)).toEqual([1, 2]);
    for (const e of r.errors) expect(e.message).toMatch(/malformed JSON/);
    expect(r.recordsAdded).toBe(0);
  });
});

describe("bytes that are not UTF-8", () => {
  it("reject the line naming the byte instead of merging answers into U+FFFD", async () => {
    // "café" and "cafè" in Latin-1: decoded with replacement characters both become "caf\uFFFD".
    // The prefix before the bad byte is 59 bytes, so it is byte 60 of the line.
    const line = (answer: number[]) =>
      Buffer.concat([Buffer.from('{"model":"m","problem_id":"p","correct":false,"answer":"caf'), Buffer.from(answer), Buffer.from('"}\n')]);
    const valid = Buffer.from('{"model":"m","problem_id":"p","correct":true,"answer":"caf\u00e9 \ufffd"}\n', "utf8");
    const file = write(Buffer.concat([line([0xe9]), line([0xe8]), valid]));
    const r = await ingestJsonl(file, { reader: flatReader(), keepAnswers: true, mode: "collect" });
    expect(r.errors.map((e) => e.line)).toEqual([1, 2]);
    expect(r.errors[0]?.message).toBe(
      `${file}:1: the line is not valid UTF-8 (byte 0xE9 at byte 60 of the line); read with replacement characters, distinct answers ` +
        "would merge: re-encode the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)",
    );
    expect(r.errors[1]?.message).toContain("byte 0xE8 at byte 60");
    // A real U+FFFD in valid UTF-8 (EF BF BD) is text like any other.
    expect(r.accumulator.answersFor("m", "p").clusters).toEqual([{ answer: "caf\u00e9 \ufffd", count: 1, correctCount: 1, correct: true }]);
  });

  it("catch overlong forms, surrogates and truncated sequences", async () => {
    for (const bytes of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xff]]) {
      const file = write(Buffer.concat([Buffer.from('{"model":"m","problem_id":"'), Buffer.from(bytes), Buffer.from('","correct":true}')]));
      const e = await rejection(ingestJsonl(file, { reader: flatReader() }));
      expect(e.message).toContain(`byte 0x${bytes[0]!.toString(16).toUpperCase()} at byte 28 of the line`);
    }
  });
});

describe("a JSON document or a zip instead of JSONL", () => {
  it("an lm-eval sample array dumped with indent=2 fails once, in collect mode too, with the jq command", async () => {
    // Older harness versions wrote `json.dumps(samples[task], indent=2)` into a file named *.jsonl.
    const docs = Array.from({ length: 200 }, (_, i) => ({ doc_id: i, doc: { question: `q${i}` }, target: "1", resps: [["1"]], filtered_resps: ["1"], exact_match: 1.0 }));
    const file = write(JSON.stringify(docs, null, 2), "pretrained__m_gsm8k.jsonl");
    const e = await rejection(ingestJsonl(file, { reader: lmEvalReader({ model: "m" }), mode: "collect" }));
    expect(e).toBeInstanceOf(IngestError);
    expect([e.line, e.file]).toEqual([0, file]);
    expect(e.message).toBe(
      `${file}: this is a JSON document (an array), not JSONL (one JSON object per line): it looks like older lm-evaluation-harness ` +
        "output (--log_samples before it wrote JSONL, or 0.3's --write_out), one JSON array of documents: convert it to JSONL with " +
        `\`jq -c '.[]' ${file} > samples.jsonl\` and read that (--format lmeval, or lmEvalReader)`,
    );
  });

  it("an lm-eval results file points to its samples files; gzip is looked through", async () => {
    const results = { results: { gsm8k: { alias: "gsm8k", "exact_match,strict-match": 0.5 } }, configs: { gsm8k: {} }, versions: { gsm8k: 3 } };
    const file = write(gzipSync(JSON.stringify(results, null, 2)), "results_2024-05-01T10-00-00.json.gz");
    const e = await rejection(ingestJsonl(file, { reader: flatReader() }));
    expect(e.message).toContain("this is a JSON document (an object spread over several lines), not JSONL");
    expect(e.message).toContain("samples_<task>_<date>.jsonl files next to it, written when lm-eval runs with --log_samples");
  });

  it("an array with one element per line, and a zip archive, fail once too", async () => {
    const perLine = write('[{"model":"m","problem_id":"p","correct":true},\n{"model":"m","problem_id":"p","correct":true}]\n');
    expect((await rejection(ingestJsonl(perLine, { reader: flatReader(), mode: "collect" }))).message).toBe(
      `${perLine}: this is a JSON document (an array), not JSONL (one JSON object per line): if each element is one record, convert it with ` +
        `\`jq -c '.[]' ${perLine} > records.jsonl\``,
    );
    // A whole array on one line is one (bad) line: the reader refuses it, with the same hint.
    const oneLine = write('[{"model":"m","problem_id":"p","correct":true},{"model":"m","problem_id":"p","correct":true}]\n');
    const r = await ingestJsonl(oneLine, { reader: flatReader(), mode: "collect" });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[1, "$"]]);
    expect(r.errors[0]?.message).toMatch(/\(a JSON array of records is not JSONL: write one object per line, e\.g\. with jq -c '\.\[\]'\)$/);
    // A zip's local file header "PK\x03\x04" (an Inspect .eval log is a zip).
    const zip = write(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x0a]), "log.eval");
    const z = await rejection(ingestJsonl(zip, { reader: flatReader(), mode: "collect" }));
    expect(z.message).toBe(`${zip}: this is a zip archive, not JSONL (one JSON object per line): a zip archive (an Inspect AI .eval log is one): read an Inspect log with ingestInspectLog (passk report reads it as is)`);
  });

  it("a JSONL file whose first line is merely broken is still a per-line error", async () => {
    const file = write('{"model": "m", "problem_id": "p",\n{"model":"m","problem_id":"p","correct":true}\n');
    const r = await ingestJsonl(file, { reader: flatReader(), mode: "collect" });
    expect(r.errors.map((e) => e.line)).toEqual([1]);
    expect(r.recordsAdded).toBe(1);
  });

  it("streams get the same check", async () => {
    async function* chunks() {
      yield "[\n  {\n";
      yield '    "doc_id": 0\n  }\n]\n';
    }
    const e = await rejection(ingestJsonlStream(chunks(), { reader: flatReader(), name: "stdin" }));
    expect(e.message).toMatch(/^stdin: this is a JSON document \(an array\), not JSONL/);
  });
});

describe("file-level errors", () => {
  it("name the file without a line number", async () => {
    const missing = join(dir, "nope.jsonl");
    const e = await rejection(ingestJsonl(missing, { reader: flatReader() }));
    expect([e.message, e.line]).toEqual([`${missing}: cannot open file: no such file`, 0]);
    const folder = await rejection(ingestJsonl(dir, { reader: flatReader() }));
    expect(folder.message).toBe(`${dir}: cannot open file: it is a directory`);
  });
});
