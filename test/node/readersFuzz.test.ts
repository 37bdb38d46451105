// Fuzz: bad values planted into otherwise valid JSONL of each reader's layout. Whatever is planted,
// ingestion must reject exactly the planted lines (or skip exactly the planted other-filter lines),
// tally exactly the untouched ones, and in strict mode stop at the first planted line: a typed error
// or an exact count, never a silently different tally.
import { Buffer } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareProblemIds, type Tally } from "../../src/index.js";
import { IngestError, flatReader, ingestJsonlStream, lmEvalReader, qwenMathReader, type SampleReader } from "../../src/node/index.js";

type Kind = "flat" | "qwen" | "lmeval";
type Line = Record<string, unknown>;

/** A planted value: the line's new bytes, and whether the reader must reject it or skip it. */
interface Plant {
  readonly name: string;
  readonly outcome: "rejected" | "skipped";
  readonly bytes: (line: Line) => Buffer;
}

const text = (s: string) => Buffer.from(s, "utf8");
/** JSON with a Python token where the placeholder string was. */
const withToken = (line: Line, field: string, token: string) => text(JSON.stringify({ ...line, [field]: "@@TOKEN@@" }).replace('"@@TOKEN@@"', token));
const set = (field: string, value: unknown): ((l: Line) => Buffer) => (l) => text(JSON.stringify({ ...l, [field]: value }));
const drop = (field: string): ((l: Line) => Buffer) => (l) => {
  const { [field]: _gone, ...rest } = l;
  return text(JSON.stringify(rest));
};
const bad = (name: string, bytes: (l: Line) => Buffer): Plant => ({ name, outcome: "rejected", bytes });

/** Plants every format shares: broken JSON, a line that is not an object, bytes that are not UTF-8. */
const COMMON: Plant[] = [
  bad("truncated", (l) => text(JSON.stringify(l).slice(0, -3))),
  bad("null line", () => text("null")),
  bad("number line", () => text("42")),
  bad("string line", () => text('"a sample"')),
  bad("latin-1 byte", (l) => {
    const t = JSON.stringify(l);
    const cut = t.indexOf('":') + 3; // inside the first string value or right after a key
    return Buffer.concat([text(t.slice(0, cut)), Buffer.from([0xe9]), text(t.slice(cut))]);
  }),
  bad("glued token", (l) => withToken(l, "extra", "NaNx")),
];

const PLANTS: Record<Kind, Plant[]> = {
  flat: [
    ...COMMON,
    bad("correct yes", set("correct", "yes")),
    bad("correct 1", set("correct", 1)),
    bad("correct 0", set("correct", 0)),
    bad("correct null", set("correct", null)),
    bad("correct NaN", (l) => withToken(l, "correct", "NaN")),
    bad("correct missing", drop("correct")),
    bad("problem missing", drop("problem_id")),
    bad("problem empty", set("problem_id", "")),
    bad("problem object", set("problem_id", {})),
    bad("problem Infinity", (l) => withToken(l, "problem_id", "Infinity")),
    bad("model empty", set("model", "")),
    bad("model number", set("model", 3)),
    bad("index negative", set("sample_index", -1)),
    bad("index fraction", set("sample_index", 1.5)),
    bad("index string", set("sample_index", "0")),
    bad("index -Infinity", (l) => withToken(l, "sample_index", "-Infinity")),
  ],
  qwen: [
    ...COMMON,
    bad("score element yes", (l) => text(JSON.stringify({ ...l, score: [...(l.score as boolean[]).slice(1), "yes"] }))),
    bad("score element 1", (l) => text(JSON.stringify({ ...l, score: [1, ...(l.score as boolean[]).slice(1)] }))),
    bad("score empty", set("score", [])),
    bad("score scalar string", set("score", "true")),
    bad("pred shorter", (l) => text(JSON.stringify({ ...l, pred: (l.pred as string[]).slice(1) }))),
    bad("pred element object", (l) => text(JSON.stringify({ ...l, pred: [{}, ...(l.pred as string[]).slice(1)] }))),
    bad("idx missing", drop("idx")),
    bad("idx null", set("idx", null)),
    bad("idx NaN", (l) => withToken(l, "idx", "NaN")),
    bad("score missing (ungraded)", drop("score")),
  ],
  lmeval: [
    ...COMMON,
    bad("metric NaN", (l) => withToken(l, "exact_match", "NaN")),
    bad("metric Infinity", (l) => withToken(l, "exact_match", "Infinity")),
    bad("metric -Infinity", (l) => withToken(l, "exact_match", "-Infinity")),
    bad("metric 0.5", set("exact_match", 0.5)),
    bad("metric 2", set("exact_match", 2)),
    bad("metric yes", set("exact_match", "yes")),
    bad("metric list", set("exact_match", [0, 1])),
    bad("metric null", set("exact_match", null)),
    bad("metric missing", drop("exact_match")),
    bad("doc_id missing", drop("doc_id")),
    bad("doc_id object", set("doc_id", {})),
    bad("filter missing", drop("filter")),
    { name: "other filter", outcome: "skipped", bytes: set("filter", "flexible-extract") },
  ],
};

function reader(kind: Kind): SampleReader {
  if (kind === "flat") return flatReader();
  if (kind === "qwen") return qwenMathReader({ model: "m" });
  return lmEvalReader({ model: "m", filter: "strict-match" });
}

/** The valid lines of a scenario and the (problem, correct) samples each holds. */
function validLines(kind: Kind, problems: number, samples: number, grades: readonly boolean[]): Array<{ line: Line; samples: Array<[string, boolean]> }> {
  const grade = (i: number) => grades[i % grades.length] as boolean;
  if (kind === "flat") {
    return Array.from({ length: problems * samples }, (_, i) => {
      const p = `p${Math.floor(i / samples)}`;
      return { line: { model: "m", problem_id: p, sample_index: i % samples, correct: grade(i), answer: `a${i % 3}` }, samples: [[p, grade(i)]] };
    });
  }
  if (kind === "qwen") {
    return Array.from({ length: problems }, (_, p) => {
      const score = Array.from({ length: samples }, (_, j) => grade(p * samples + j));
      return { line: { idx: p, gt: "2", pred: score.map((s) => (s ? "2" : "3")), score }, samples: score.map((s) => [String(p), s]) };
    });
  }
  return Array.from({ length: problems }, (_, p) => ({
    line: { doc_id: p, target: "2", resps: [["2"]], filtered_resps: ["2"], filter: "strict-match", metrics: ["exact_match"], exact_match: grade(p) ? 1.0 : 0.0 },
    samples: [[String(p), grade(p)]],
  }));
}

const scenario = fc.record({
  kind: fc.constantFrom<Kind>("flat", "qwen", "lmeval"),
  problems: fc.integer({ min: 1, max: 6 }),
  samples: fc.integer({ min: 1, max: 4 }),
  grades: fc.array(fc.boolean(), { minLength: 1, maxLength: 24 }),
  plants: fc.array(fc.record({ at: fc.nat(), which: fc.nat(), duplicate: fc.boolean() }), { maxLength: 5 }),
  blanks: fc.array(fc.nat(), { maxLength: 3 }),
  chunk: fc.integer({ min: 1, max: 48 }),
});

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe("readers under planted bad values (fast-check, fixed seed)", () => {
  it("reject exactly the planted lines and tally exactly the others, in 1,200 cases", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const valid = validLines(s.kind, s.problems, s.samples, s.grades);
        // Decide each line: kept, or planted (a bad value, an other-filter line, or a copy of an earlier kept line).
        const fate: Array<{ bytes: Buffer; outcome: "kept" | "rejected" | "skipped" }> = valid.map((v) => ({ bytes: text(JSON.stringify(v.line)), outcome: "kept" }));
        const copied = new Set<number>(); // lines a planted copy repeats: they must stay kept
        for (const p of s.plants) {
          const at = p.at % valid.length;
          if (fate[at]?.outcome !== "kept" || copied.has(at)) continue;
          if (p.duplicate) {
            const earlier = fate.findIndex((f, i) => i < at && f.outcome === "kept");
            if (earlier === -1) continue;
            copied.add(earlier);
            fate[at] = { bytes: fate[earlier]!.bytes, outcome: "rejected" };
          } else {
            const plant = PLANTS[s.kind][p.which % PLANTS[s.kind].length] as Plant;
            fate[at] = { bytes: plant.bytes(valid[at]!.line), outcome: plant.outcome };
          }
        }
        // Blank lines go between records (line numbers then shift).
        const lines: Array<{ bytes: Buffer; outcome: "kept" | "rejected" | "skipped" | "blank"; index: number }> = fate.map((f, index) => ({ ...f, index }));
        for (const b of s.blanks) lines.splice(1 + (b % lines.length), 0, { bytes: text("  "), outcome: "blank", index: -1 });
        const file = Buffer.concat(lines.flatMap((l) => [l.bytes, text("\n")]));

        const expected = new Map<string, { n: number; c: number }>();
        lines.forEach((l) => {
          if (l.outcome !== "kept") return;
          for (const [problemId, correct] of valid[l.index]!.samples) {
            const t = expected.get(problemId) ?? { n: 0, c: 0 };
            expected.set(problemId, { n: t.n + 1, c: t.c + (correct ? 1 : 0) });
          }
        });
        const expectedTallies: Tally[] = [...expected.entries()].map(([problemId, t]) => ({ problemId, ...t })).sort((a, b) => compareProblemIds(a.problemId, b.problemId));
        const rejectedLines = lines.flatMap((l, i) => (l.outcome === "rejected" ? [i + 1] : []));
        const count = (o: string) => lines.filter((l) => l.outcome === o).length;

        const r = await ingestJsonlStream(chunked(file, s.chunk), { reader: reader(s.kind), mode: "collect", name: "fuzz.jsonl" });
        expect(r.errors.map((e) => e.line)).toEqual(rejectedLines);
        for (const e of r.errors) expect(e).toBeInstanceOf(IngestError);
        expect([r.linesRead, r.linesAccepted, r.linesRejected, r.linesSkipped, r.blankLines]).toEqual([
          lines.length,
          count("kept"),
          count("rejected"),
          count("skipped"),
          count("blank"),
        ]);
        expect(r.recordsAdded).toBe(expectedTallies.reduce((sum, t) => sum + t.n, 0));
        expect(r.accumulator.models().length === 0 ? [] : r.accumulator.talliesFor("m")).toEqual(expectedTallies);

        // Strict mode stops at the first rejected line with its typed error.
        const strict = ingestJsonlStream(chunked(file, s.chunk), { reader: reader(s.kind), name: "fuzz.jsonl" });
        if (rejectedLines.length === 0) await expect(strict).resolves.toBeDefined();
        else await expect(strict).rejects.toMatchObject({ code: "INGEST_ERROR", line: rejectedLines[0] });
      }),
      { numRuns: 1200, seed: 0x15_21 },
    );
  }, 120_000);
});
