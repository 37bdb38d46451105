import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { DuplicateSampleError, ingestInspectLog, inspectSampleReader, InvalidArgumentError } from "../../src/node/index.js";
import { rejectsWithIngestError as rejects } from "../helpers/ingestErrors.js";

const dir = mkdtempSync(join(tmpdir(), "passk-inspect-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
function write(bytes: Uint8Array | string, ext: string): string {
  const path = join(dir, `log${count++}${ext}`);
  writeFileSync(path, bytes);
  return path;
}

type Value = string | number | boolean | Record<string, number>;
const sample = (id: number | string, epoch: number, value: Value, extra: Record<string, unknown> = {}) => ({
  id,
  epoch,
  input: `question ${id}`,
  target: "18",
  messages: [],
  output: { model: "openai/gpt-4o", choices: [] },
  scores: { match: { value, answer: "18", explanation: "..." } },
  metadata: {},
  ...extra,
});

const EVAL = { task: "gsm8k", task_version: 0, model: "openai/gpt-4o", dataset: { name: "gsm8k" }, config: { epochs: 2 } };

/** A .eval archive as inspect_ai writes it: _journal/start.json, samples/<id>_epoch_<n>.json, then header.json and summaries.json. */
function evalLog(samples: ReadonlyArray<ReturnType<typeof sample> | Record<string, unknown>>, opts: { header?: boolean; extra?: Zippable } = {}): Uint8Array {
  const files: Zippable = { "_journal/start.json": strToU8(JSON.stringify({ version: 2, eval: EVAL, plan: { steps: [] } })) };
  for (const s of samples) files[`samples/${String(s.id)}_epoch_${String(s.epoch)}.json`] = strToU8(JSON.stringify(s));
  if (opts.header !== false) files["header.json"] = strToU8(JSON.stringify({ version: 2, status: "success", eval: EVAL, plan: {}, results: {}, stats: {} }));
  files["summaries.json"] = strToU8("[]");
  Object.assign(files, opts.extra ?? {});
  return zipSync(files, { level: 6 });
}

describe("Inspect .eval logs", () => {
  it("one record per sample and epoch: problem id, sample index epoch - 1, C/I graded; model from header.json", async () => {
    // Problem 1: epochs C, I → (2, 1). Problem "two": I, I → (2, 0). Problem 3: C, C → (2, 2).
    const path = write(evalLog([sample(1, 1, "C"), sample(1, 2, "I"), sample("two", 1, "I"), sample("two", 2, "I"), sample(3, 1, "C"), sample(3, 2, "C")]), ".eval");
    const r = await ingestInspectLog(path);
    expect([r.format, r.model, r.task, r.status, r.scorer]).toEqual(["eval", "openai/gpt-4o", "gsm8k", "success", "match"]);
    expect([r.samplesRead, r.samplesAccepted, r.samplesRejected]).toEqual([6, 6, 0]);
    expect(r.accumulator.talliesFor("openai/gpt-4o")).toEqual([
      { problemId: "1", n: 2, c: 1 },
      { problemId: "3", n: 2, c: 2 },
      { problemId: "two", n: 2, c: 0 },
    ]);
  });

  it("a log still being written (no header.json) takes the model from _journal/start.json", async () => {
    const r = await ingestInspectLog(write(evalLog([sample(1, 1, 1), sample(1, 2, 0)], { header: false }), ".eval"));
    expect(r.model).toBe("openai/gpt-4o");
    expect(r.accumulator.talliesFor("openai/gpt-4o")).toEqual([{ problemId: "1", n: 2, c: 1 }]);
  });

  it("collect mode: partial credit, unknown values, errored samples, duplicates and bad JSON are counted by sample", async () => {
    const bad = strToU8("{ not json");
    const path = write(
      evalLog(
        [
          sample(1, 1, "C"),
          sample(1, 2, "P"), // partial: refused by default
          sample(2, 1, 0.5), // a number other than 0/1 without a threshold
          { id: 3, epoch: 1, error: { message: "model timed out" } }, // errored, no scores
          sample(4, 1, { acc: 1 }), // dict without valueKey
        ],
        { extra: { "samples/1_epoch_1.json.bak": bad, "samples/9_epoch_1.json": bad } },
      ),
      ".eval",
    );
    const r = await ingestInspectLog(path, { mode: "collect", name: "x.eval" });
    expect([r.samplesRead, r.samplesAccepted, r.samplesRejected]).toEqual([6, 1, 5]);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(r.errors[0]!.message).toBe(
      'x.eval:2: samples/1_epoch_2.json: scores.match.value is "P" (partial credit): list it in correctValues or incorrectValues (CLI --inspect-correct / --inspect-incorrect) (problem "1")',
    );
    expect(r.errors[1]!.message).toContain("is the number 0.5: only 0 and 1 grade without a threshold");
    expect(r.errors[2]!.message).toContain('error is set: the sample failed and has no score ("model timed out")');
    expect(r.errors[3]!.message).toContain("is a dict (keys acc): choose one with valueKey");
    expect(r.errors[4]!.field).toBe("samples/9_epoch_1.json");
    expect(r.errors[4]!.message).toContain("is not valid JSON");
    expect(r.accumulator.talliesFor("openai/gpt-4o")).toEqual([{ problemId: "1", n: 1, c: 1 }]);
  });

  it("options choose the scorer, the dict key, and where partial credit goes", async () => {
    const two = (id: number, epoch: number, a: Value, b: Value) => ({ id, epoch, scores: { first: { value: a }, second: { value: b } } });
    const path = write(evalLog([two(1, 1, "I", "P"), two(1, 2, "I", "C"), two(2, 1, "C", { acc: 0, f1: 1 })]), ".eval");
    const partialCorrect = await ingestInspectLog(path, { scorer: "second", correctValues: ["C", "P"], mode: "collect" });
    expect(partialCorrect.scorers).toEqual(["first", "second"]);
    expect(partialCorrect.accumulator.talliesFor("openai/gpt-4o")).toEqual([{ problemId: "1", n: 2, c: 2 }]);
    expect(partialCorrect.samplesRejected).toBe(1); // the dict value of problem 2
    const byDefault = await ingestInspectLog(path);
    expect(byDefault.scorer).toBe("first");
    expect(byDefault.accumulator.talliesFor("openai/gpt-4o")).toEqual([
      { problemId: "1", n: 2, c: 0 },
      { problemId: "2", n: 1, c: 1 },
    ]);
  });

  it("a sample id and epoch given twice is a duplicate, never a double count", async () => {
    const files: Zippable = {
      "header.json": strToU8(JSON.stringify({ eval: EVAL })),
      "samples/1_epoch_1.json": strToU8(JSON.stringify(sample(1, 1, "C"))),
      "samples/1_epoch_1_copy.json": strToU8(JSON.stringify(sample(1, 1, "C"))),
    };
    const r = await ingestInspectLog(write(zipSync(files), ".eval"), { mode: "collect" });
    expect(r.errors[0]!.cause).toBeInstanceOf(DuplicateSampleError);
    expect(r.accumulator.talliesFor("openai/gpt-4o")).toEqual([{ problemId: "1", n: 1, c: 1 }]);
  });

  it("an entry above the size cap is refused before it is inflated (a zip bomb)", async () => {
    // 1.5 MiB of one repeated sample field compresses to a few KiB.
    const huge = { ...sample(5, 1, "C"), input: "x".repeat(1536 * 1024) };
    const path = write(evalLog([sample(1, 1, "C"), huge]), ".eval");
    const r = await ingestInspectLog(path, { maxEntryBytes: 1024 * 1024, mode: "collect", name: "bomb.eval" });
    expect([r.samplesRead, r.samplesAccepted, r.samplesRejected]).toEqual([2, 1, 1]);
    expect(r.errors[0]!.message).toMatch(/^bomb\.eval:2: entry samples\/5_epoch_1\.json inflates to \d+ bytes, above the cap of 1048576/);
  });

  it("an entry that inflates past the size its header declares is refused", async () => {
    const bytes = evalLog([sample(1, 1, "C"), { ...sample(2, 1, "C"), input: "y".repeat(200_000) }]);
    // Patch the declared uncompressed size (local header offset 22, central directory offset 24) of the second sample to 100 bytes.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = "samples/2_epoch_1.json";
    for (let i = 0; i + 4 < bytes.length; i++) {
      const sig = view.getUint32(i, true);
      const at = sig === 0x04034b50 ? 22 : sig === 0x02014b50 ? 24 : -1;
      if (at < 0) continue;
      const nameStart = i + (sig === 0x04034b50 ? 30 : 46);
      if (new TextDecoder().decode(bytes.subarray(nameStart, nameStart + name.length)) === name) view.setUint32(i + at, 100, true);
    }
    const r = await ingestInspectLog(write(bytes, ".eval"), { mode: "collect", maxEntryBytes: 1024 * 1024 });
    expect(r.samplesRejected).toBe(1);
    expect(r.errors[0]!.message).toContain("cannot inflate samples/2_epoch_1.json");
    expect(r.accumulator.talliesFor("openai/gpt-4o")).toEqual([{ problemId: "1", n: 1, c: 1 }]);
  });

  it("a truncated archive fails as a whole", async () => {
    const bytes = evalLog([sample(1, 1, "C"), sample(2, 1, "I")]);
    const e = await rejects(ingestInspectLog(write(bytes.subarray(0, Math.floor(bytes.length / 2)), ".eval"), { mode: "collect", name: "cut.eval" }));
    expect(e.line).toBe(0);
    expect(e.message).toMatch(/^cut\.eval: not a readable zip archive \(truncated or corrupt\?\)/);
  });

  it("a zip that is not an Inspect log fails saying so", async () => {
    const e = await rejects(ingestInspectLog(write(zipSync({ "a.txt": strToU8("hi") }), ".zip"), { name: "a.zip" }));
    expect(e.message).toBe("a.zip: a zip archive without header.json or _journal/start.json: not an Inspect .eval log");
  });
});

describe("Inspect .json logs", () => {
  it("reads the samples list; the model option overrides eval.model", async () => {
    const log = { version: 2, status: "success", eval: EVAL, plan: {}, results: {}, stats: {}, samples: [sample(1, 1, true), sample(1, 2, false), sample(2, 1, "C")] };
    const path = write(JSON.stringify(log, null, 2), ".json");
    const r = await ingestInspectLog(path, { model: "gpt4o", task: "gsm8k" });
    expect([r.format, r.model]).toEqual(["json", "gpt4o"]);
    expect(r.accumulator.talliesFor("gpt4o")).toEqual([
      { problemId: "gsm8k/1", n: 2, c: 1 },
      { problemId: "gsm8k/2", n: 1, c: 1 },
    ]);
  });

  it("the older single `score` field is read as the only scorer", async () => {
    const path = write(JSON.stringify({ eval: EVAL, samples: [{ id: 1, epoch: 1, score: { value: "C" } }] }), ".json");
    const r = await ingestInspectLog(path);
    expect(r.accumulator.talliesFor("openai/gpt-4o")).toEqual([{ problemId: "1", n: 1, c: 1 }]);
  });

  it("refuses a JSON log above the cap, one without samples, and one without a model", async () => {
    const path = write(JSON.stringify({ eval: EVAL, samples: [sample(1, 1, "C")] }), ".json");
    expect((await rejects(ingestInspectLog(path, { maxEntryBytes: 10, name: "l.json" }))).message).toContain("above the cap of 10");
    const noSamples = write(JSON.stringify({ eval: EVAL, status: "success" }), ".json");
    expect((await rejects(ingestInspectLog(noSamples, { name: "l.json" }))).message).toBe("l.json: the log has no samples list (written with --no-log-samples?)");
    const noModel = write(JSON.stringify({ eval: { task: "t" }, samples: [] }), ".json");
    expect((await rejects(ingestInspectLog(noModel, { name: "l.json" }))).field).toBe("eval.model");
  });
});

describe("inspectSampleReader options", () => {
  it("numbers with a threshold; a value in both lists is refused", () => {
    const r = inspectSampleReader({ model: "m", threshold: 0.5 });
    expect(r.read({ id: 1, epoch: 1, scores: { s: { value: 0.75 } } })).toEqual({ model: "m", problemId: "1", sampleIndex: 0, correct: true });
    expect(r.read({ id: 1, epoch: 2, scores: { s: { value: 0.25 } } })).toEqual({ model: "m", problemId: "1", sampleIndex: 1, correct: false });
    expect(() => inspectSampleReader({ model: "m", correctValues: ["C", "P"], incorrectValues: ["I", "P"] })).toThrow(InvalidArgumentError);
  });
});
