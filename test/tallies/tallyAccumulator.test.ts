import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DuplicateSampleError,
  InvalidArgumentError,
  InvalidSampleRecordError,
  TallyAccumulator,
  compareProblemIds,
  meanPassAtK,
  type SampleRecord,
} from "../../src/index.js";

const rec = (model: string, problemId: string, sampleIndex: number | undefined, correct: boolean, answer?: string): SampleRecord => ({
  model,
  problemId,
  sampleIndex,
  correct,
  answer,
});

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

/** Random records, indexed ones unique per (model, problem, index). */
const recordsArb = fc
  .array(
    fc.record({
      model: fc.constantFrom("a", "b", "__proto__"),
      problemId: fc.constantFrom("0", "2", "10", "x", "constructor"),
      sampleIndex: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
      correct: fc.boolean(),
      answer: fc.option(fc.constantFrom("1", "2", "\\frac{1}{2}"), { nil: undefined }),
    }),
    { maxLength: 60 },
  )
  .map((rs) => {
    const seen = new Set<string>();
    return rs.filter((r) => {
      if (r.sampleIndex === undefined) return true;
      const key = `${r.model}\u0000${r.problemId}\u0000${r.sampleIndex}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

/** Records and a shard number (0..2) for each. */
const shardedArb = recordsArb.chain((rs) => fc.tuple(fc.constant(rs), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: rs.length, maxLength: rs.length })));

function build(records: readonly SampleRecord[], keepAnswers: boolean): TallyAccumulator {
  const acc = new TallyAccumulator({ keepAnswers });
  for (const r of records) acc.add(r);
  return acc;
}

function shards(records: readonly SampleRecord[], assign: readonly number[], keepAnswers: boolean): TallyAccumulator[] {
  return [0, 1, 2].map((s) => build(records.filter((_, i) => assign[i] === s), keepAnswers));
}

describe("TallyAccumulator: tallies", () => {
  it("counts n and c per model and problem (hand-checked)", () => {
    const acc = new TallyAccumulator()
      .add(rec("base", "p1", 0, true))
      .add(rec("base", "p1", 1, false))
      .add(rec("base", "p1", 2, true))
      .add(rec("base", "p2", undefined, false))
      .add({ model: "rl", problemId: "p1", score: 0.75, threshold: 0.5 })
      .add({ model: "rl", problemId: "p1", score: 0.25, threshold: 0.5 });
    expect(acc.models()).toEqual(["base", "rl"]);
    expect(acc.talliesFor("base")).toEqual([
      { problemId: "p1", n: 3, c: 2 },
      { problemId: "p2", n: 1, c: 0 },
    ]);
    expect(acc.talliesFor("rl")).toEqual([{ problemId: "p1", n: 2, c: 1 }]);
    // (2/3 + 0) / 2
    expect(meanPassAtK(acc.talliesFor("base"), 1)).toBeCloseTo(1 / 3, 15);
  });

  it("orders problems numerically first, then by code unit", () => {
    const acc = new TallyAccumulator();
    for (const id of ["b", "10", "a", "9", "0", "B"]) acc.addTally("m", { problemId: id, n: 1, c: 0 });
    expect(acc.talliesFor("m").map((t) => t.problemId)).toEqual(["0", "9", "10", "B", "a", "b"]);
    expect(["18446744073709551617", "18446744073709551616", "9"].sort(compareProblemIds)).toEqual([
      "9",
      "18446744073709551616",
      "18446744073709551617",
    ]);
  });

  it("matches a brute-force count on random records", () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const acc = build(records, false);
        const expected = new Map<string, Map<string, { n: number; c: number }>>();
        for (const r of records) {
          if (!expected.has(r.model)) expected.set(r.model, new Map());
          const m = expected.get(r.model)!;
          const t = m.get(r.problemId) ?? { n: 0, c: 0 };
          m.set(r.problemId, { n: t.n + 1, c: t.c + (r.correct ? 1 : 0) });
        }
        expect(acc.models()).toEqual([...expected.keys()].sort());
        for (const [model, m] of expected) {
          const got = new Map(acc.talliesFor(model).map((t) => [t.problemId, { n: t.n, c: t.c }]));
          expect(got).toEqual(m);
        }
        return true;
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it("rejects a duplicated (model, problem, sampleIndex) and leaves the tallies unchanged", () => {
    const acc = new TallyAccumulator().add(rec("m", "p", 4, true));
    const e = thrown(() => acc.add(rec("m", "p", 4, false))) as DuplicateSampleError;
    expect(e).toBeInstanceOf(DuplicateSampleError);
    expect([e.code, e.model, e.problemId, e.sampleIndex, e.field]).toEqual(["DUPLICATE_SAMPLE", "m", "p", 4, "sampleIndex"]);
    expect(e.message).toBe('sample 4 of model "m" on problem "p" was already added');
    expect(acc.talliesFor("m")).toEqual([{ problemId: "p", n: 1, c: 1 }]);
    // Same index for another model or problem, or no index at all, is fine.
    acc.add(rec("m2", "p", 4, true)).add(rec("m", "q", 4, true)).add(rec("m", "p", undefined, false));
    expect(acc.talliesFor("m")).toEqual([
      { problemId: "p", n: 2, c: 1 },
      { problemId: "q", n: 1, c: 1 },
    ]);
  });

  it("addAll is all-or-nothing", () => {
    const acc = new TallyAccumulator().add(rec("m", "p", 0, true));
    const before = acc.toJSON();
    expect(() => acc.addAll([rec("m", "p", 1, true), rec("m", "p", 0, true)])).toThrow(/sample 0 .* was already added/);
    expect(() => acc.addAll([rec("m", "p", 1, true), rec("m", "p", 1, true)])).toThrow(/appears twice in the batch/);
    expect(() => acc.addAll([rec("m", "p", 1, true), { model: "m", problemId: "p", correct: "no" } as never])).toThrow(InvalidSampleRecordError);
    expect(acc.toJSON()).toEqual(before);
    acc.addAll([rec("m", "p", 1, false), rec("m", "p", 2, true)]);
    expect(acc.talliesFor("m")).toEqual([{ problemId: "p", n: 3, c: 2 }]);
  });

  it("validates records, naming field and problem", () => {
    const acc = new TallyAccumulator({ keepAnswers: true });
    const cases: Array<[unknown, string, string | undefined]> = [
      [null, "record", undefined],
      [{ model: "m", correct: true }, "problemId", undefined],
      [{ model: "m", problemId: 3, correct: true }, "problemId", undefined],
      [{ problemId: "p", correct: true }, "model", "p"],
      [{ model: "", problemId: "p", correct: true }, "model", "p"],
      [{ model: "m", problemId: "p", sampleIndex: -1, correct: true }, "sampleIndex", "p"],
      [{ model: "m", problemId: "p", sampleIndex: 1.5, correct: true }, "sampleIndex", "p"],
      [{ model: "m", problemId: "p", correct: 0 }, "correct", "p"],
      [{ model: "m", problemId: "p", score: 1 }, "threshold", "p"],
      [{ model: "m", problemId: "p", correct: true, answer: 42 }, "answer", "p"],
    ];
    for (const [record, field, problemId] of cases) {
      const e = thrown(() => acc.add(record as SampleRecord)) as InvalidSampleRecordError;
      expect(e, JSON.stringify(record)).toBeInstanceOf(InvalidSampleRecordError);
      expect(e.field).toBe(field);
      expect(e.problemId).toBe(problemId);
    }
    expect(acc.models()).toEqual([]);
    // Without keepAnswers the answer field is not used, so not checked.
    expect(new TallyAccumulator().add({ model: "m", problemId: "p", correct: true, answer: 42 as never }).talliesFor("m")).toEqual([
      { problemId: "p", n: 1, c: 1 },
    ]);
  });

  it("throws for an unknown model, listing the known ones", () => {
    const acc = new TallyAccumulator().add(rec("base", "p", 0, true));
    const e = thrown(() => acc.talliesFor("rl")) as InvalidArgumentError;
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(e.message).toBe('no samples for model "rl"; known models: "base"');
  });

  it("adds pre-aggregated tallies and validates them", () => {
    const acc = new TallyAccumulator().addTally("m", { problemId: "p", n: 128, c: 90 }).add(rec("m", "p", 0, false));
    expect(acc.talliesFor("m")).toEqual([{ problemId: "p", n: 129, c: 90 }]);
    expect(() => acc.addTally("m", { problemId: "p", n: 2, c: 3 })).toThrow(/tally.c must not exceed tally.n/);
    expect(() => acc.addTally("", { problemId: "p", n: 2, c: 1 })).toThrow(InvalidArgumentError);
    expect(acc.talliesFor("m")).toEqual([{ problemId: "p", n: 129, c: 90 }]);
  });

  it("addNewTally adds a tally only to a problem without samples, with addTally's checks and messages", () => {
    const acc = new TallyAccumulator({ keepAnswers: true });
    expect(acc.addNewTally("m", { problemId: "p", n: 4, c: -0 })).toBe(true);
    expect(acc.addNewTally("m", { problemId: "p", n: 4, c: 4 })).toBe(false);
    acc.add(rec("m", "q", 0, true));
    expect(acc.addNewTally("m", { problemId: "q", n: 1, c: 1 })).toBe(false);
    expect(acc.addNewTally("other", { problemId: "p", n: 2, c: 1 })).toBe(true);
    expect(acc.talliesFor("m")).toEqual([
      { problemId: "p", n: 4, c: 0 },
      { problemId: "q", n: 1, c: 1 },
    ]);
    expect(Object.is(acc.talliesFor("m")[0]!.c, 0)).toBe(true);
    // Samples of a tally carry no answer: 4 unanswered for p, as addTally counts them.
    expect(acc.answersFor("m", "p").noAnswer).toBe(4);
    for (const [tally, message] of [
      [{ problemId: "r", n: 2, c: 3 }, 'tally.c must not exceed tally.n, got c = 3 > n = 2 (problem "r")'],
      [{ problemId: "r", n: 2.5, c: 1 }, 'tally.n must be a non-negative safe integer, got 2.5 (problem "r")'],
      [{ problemId: "r", n: 2, c: -1 }, 'tally.c must be a non-negative safe integer, got -1 (problem "r")'],
      [{ problemId: "r", n: -1, c: -1 }, 'tally.n must be a non-negative safe integer, got -1 (problem "r")'],
    ] as const) {
      expect(() => acc.addNewTally("m", tally)).toThrow(message);
      expect(() => acc.addTally("m", tally)).toThrow(message);
    }
    expect(acc.talliesFor("m").map((t) => t.problemId)).toEqual(["p", "q"]);
  });
});

describe("TallyAccumulator: answers", () => {
  it("clusters answers with counts and correctness (hand-checked)", () => {
    const acc = new TallyAccumulator({ keepAnswers: true });
    const samples: Array<[string | undefined, boolean]> = [
      ["4", true], ["5", false], ["4", true], [undefined, false], ["5", false], ["5", false], ["x", true], ["x", false],
    ];
    samples.forEach(([answer, correct], i) => acc.add(rec("m", "p", i, correct, answer)));
    const a = acc.answersFor("m", "p");
    expect(a.n).toBe(8);
    expect(a.noAnswer).toBe(1);
    expect(a.clusters).toEqual([
      { answer: "5", count: 3, correctCount: 0, correct: false },
      { answer: "4", count: 2, correctCount: 2, correct: true },
      { answer: "x", count: 2, correctCount: 1, correct: false },
    ]);
    expect(acc.answersForModel("m")).toEqual([a]);
  });

  it("refuses answer queries unless answers are kept", () => {
    const acc = new TallyAccumulator().add(rec("m", "p", 0, true, "1"));
    expect(() => acc.answersFor("m", "p")).toThrow(/keepAnswers: true/);
    expect(acc.toJSON().models[0]?.problems[0]).toEqual({ problemId: "p", n: 1, c: 1, sampleIndexRuns: [[0, 0]] });
  });

  it("keeps Σ cluster counts + noAnswer = n on random records", () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const acc = build(records, true);
        for (const model of acc.models()) {
          for (const t of acc.talliesFor(model)) {
            const a = acc.answersFor(model, t.problemId);
            const sum = a.clusters.reduce((s, c) => s + c.count, a.noAnswer);
            const expectedNoAnswer = records.filter((r) => r.model === model && r.problemId === t.problemId && r.answer === undefined).length;
            if (sum !== t.n || a.noAnswer !== expectedNoAnswer) return false;
          }
        }
        return true;
      }),
      { numRuns: 100, seed: 2 },
    );
  });
});

describe("TallyAccumulator: merge laws", () => {
  for (const keepAnswers of [false, true]) {
    it(`shards merge to the same JSON as one pass, in any order and grouping (keepAnswers ${keepAnswers})`, () => {
      fc.assert(
        fc.property(shardedArb, ([records, assign]) => {
          const whole = build(records, keepAnswers).toJSON();
          const [a, b, c] = shards(records, assign, keepAnswers) as [TallyAccumulator, TallyAccumulator, TallyAccumulator];
          const ab = a.clone().merge(b);
          const ba = b.clone().merge(a);
          expect(ab.toJSON()).toEqual(ba.toJSON()); // commutative
          const abC = ab.clone().merge(c);
          const aBC = a.clone().merge(b.clone().merge(c));
          expect(abC.toJSON()).toEqual(aBC.toJSON()); // associative
          expect(abC.toJSON()).toEqual(whole); // = one pass
          expect(TallyAccumulator.mergeAll([c, a, b]).toJSON()).toEqual(whole);
          // Through JSON, as separate processes would.
          const viaJson = [a, b, c].map((s) => TallyAccumulator.fromJSON(JSON.parse(JSON.stringify(s))));
          expect(TallyAccumulator.mergeAll(viaJson).toJSON()).toEqual(whole);
          return true;
        }),
        { numRuns: 200, seed: keepAnswers ? 4 : 3 },
      );
    });
  }

  it("an empty accumulator is the identity", () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const acc = build(records, false);
        expect(new TallyAccumulator().merge(acc).toJSON()).toEqual(acc.toJSON());
        expect(acc.clone().merge(new TallyAccumulator()).toJSON()).toEqual(acc.toJSON());
        return true;
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  it("detects a sample present in two shards, leaving the target unchanged", () => {
    fc.assert(
      fc.property(
        shardedArb.filter(([rs]) => rs.some((r) => r.sampleIndex !== undefined)),
        fc.nat(),
        ([records, assign], pick) => {
          const indexed = records.filter((r) => r.sampleIndex !== undefined);
          const dup = indexed[pick % indexed.length]!;
          const [a, b] = shards(records, assign, false) as [TallyAccumulator, TallyAccumulator];
          const a2 = a.clone();
          const b2 = b.clone();
          // Make both shards hold the sample: add it to each shard that does not hold it yet.
          const home = assign[records.indexOf(dup)];
          if (home !== 0) a2.add({ ...dup });
          if (home !== 1) b2.add({ ...dup });
          const before = a2.toJSON();
          const e = thrown(() => a2.merge(b2)) as DuplicateSampleError;
          expect(e).toBeInstanceOf(DuplicateSampleError);
          expect(e.model).toBe(dup.model);
          expect(e.problemId).toBe(dup.problemId);
          expect(a2.toJSON()).toEqual(before);
          return true;
        },
      ),
      { numRuns: 150, seed: 6 },
    );
  });

  it("refuses mixed keepAnswers and self-merge", () => {
    const a = new TallyAccumulator({ keepAnswers: true });
    expect(() => a.merge(new TallyAccumulator())).toThrow(/keepAnswers/);
    expect(() => a.merge(a)).toThrow(/itself/);
    expect(() => TallyAccumulator.mergeAll([])).toThrow(/at least one/);
  });

  it("merged accumulators share no state with their sources", () => {
    const a = new TallyAccumulator({ keepAnswers: true }).add(rec("m", "p", 0, true, "1"));
    const merged = new TallyAccumulator({ keepAnswers: true }).merge(a);
    merged.add(rec("m", "p", 1, true, "1"));
    expect(a.answersFor("m", "p").clusters).toEqual([{ answer: "1", count: 1, correctCount: 1, correct: true }]);
    expect(a.toJSON().models[0]?.problems[0]?.sampleIndexRuns).toEqual([[0, 0]]);
  });
});

describe("TallyAccumulator: JSON", () => {
  it("serializes to a versioned canonical form (hand-written)", () => {
    const acc = new TallyAccumulator({ keepAnswers: true })
      .add(rec("m", "7", 2, true, "b"))
      .add(rec("m", "7", 0, false, "a"))
      .add(rec("m", "7", 5, true));
    expect(acc.toJSON()).toEqual({
      format: "passk.tallies",
      version: 1,
      keepAnswers: true,
      models: [
        {
          model: "m",
          problems: [
            {
              problemId: "7",
              n: 3,
              c: 2,
              sampleIndexRuns: [[0, 0], [2, 2], [5, 5]],
              answers: [
                { answer: "a", count: 1, correctCount: 0 },
                { answer: "b", count: 1, correctCount: 1 },
              ],
              noAnswer: 1,
            },
          ],
        },
      ],
    });
    const back = TallyAccumulator.fromJSON(JSON.parse(JSON.stringify(acc)));
    expect(back.toJSON()).toEqual(acc.toJSON());
    // Duplicate detection survives the round trip.
    expect(() => back.add(rec("m", "7", 2, true))).toThrow(DuplicateSampleError);
    back.add(rec("m", "7", 1, true));
    expect(back.toJSON().models[0]?.problems[0]?.sampleIndexRuns).toEqual([[0, 2], [5, 5]]);
  });

  it("validates what it reads, naming the JSON path", () => {
    const good = () => ({
      format: "passk.tallies",
      version: 1,
      keepAnswers: false,
      models: [{ model: "m", problems: [{ problemId: "p", n: 4, c: 2, sampleIndexRuns: [[0, 1], [3, 3]] }] }],
    });
    expect(TallyAccumulator.fromJSON(good()).talliesFor("m")).toEqual([{ problemId: "p", n: 4, c: 2 }]);
    const mutate = (f: (j: ReturnType<typeof good>) => void) => {
      const j = good();
      f(j);
      return j;
    };
    const p0 = (j: ReturnType<typeof good>) => j.models[0]!.problems[0] as Record<string, unknown>;
    const cases: Array<[unknown, string, RegExp]> = [
      [null, "json", /must be a serialized TallyAccumulator/],
      [mutate((j) => (j.format = "other")), "format", /must be "passk.tallies"/],
      [mutate((j) => (j.version = 2)), "version", /2 is not supported/],
      [mutate((j) => ((j as Record<string, unknown>).keepAnswers = "no")), "keepAnswers", /boolean/],
      [mutate((j) => (p0(j).c = 5)), "models[0].problems[0].c", /must not exceed/],
      [mutate((j) => (p0(j).n = -1)), "models[0].problems[0].n", /non-negative/],
      [mutate((j) => (p0(j).sampleIndexRuns = [[0, 1], [2, 3]])), "models[0].problems[0].sampleIndexRuns[1]", /non-adjacent/],
      [mutate((j) => (p0(j).sampleIndexRuns = [[3, 1]])), "models[0].problems[0].sampleIndexRuns[0]", /first 3 > last 1/],
      [mutate((j) => (p0(j).sampleIndexRuns = [[0, 4]])), "models[0].problems[0].sampleIndexRuns", /covers 5 sample indices but n = 4/],
      [mutate((j) => j.models[0]!.problems.push({ problemId: "p", n: 1, c: 0, sampleIndexRuns: [[0, 0]] })), "models[0].problems[1].problemId", /repeats/],
      [mutate((j) => j.models.push({ model: "m", problems: [] })), "models[1].model", /repeats model/],
      [mutate((j) => (p0(j).answers = [])), "models[0].problems[0].answers", /keepAnswers is false/],
      [
        mutate((j) => {
          j.keepAnswers = true;
          p0(j).answers = [{ answer: "1", count: 3, correctCount: 1 }];
          p0(j).noAnswer = 0;
        }),
        "models[0].problems[0].answers",
        /count to 3 samples with noAnswer, but n = 4/,
      ],
      [
        mutate((j) => {
          j.keepAnswers = true;
          p0(j).answers = [{ answer: "1", count: 2, correctCount: 3 }];
          p0(j).noAnswer = 2;
        }),
        "models[0].problems[0].answers[0].correctCount",
        /\[0, count = 2\]/,
      ],
    ];
    for (const [json, field, message] of cases) {
      const e = thrown(() => TallyAccumulator.fromJSON(json)) as InvalidArgumentError;
      expect(e, field).toBeInstanceOf(InvalidArgumentError);
      expect(e.field).toBe(field);
      expect(e.message).toMatch(message);
    }
  });

  it("mixes tallies without indices and indexed samples within one model, through merge and JSON", () => {
    // p0, p1 enter as counts (no index column yet); p2's indexed sample creates it; p0 then gets indexed samples too.
    const a = new TallyAccumulator()
      .addTally("m", { problemId: "p0", n: 4, c: 1 })
      .addTally("m", { problemId: "p1", n: 2, c: 2 })
      .add(rec("m", "p2", 7, true))
      .add(rec("m", "p0", 0, false))
      .addTally("m", { problemId: "p1", n: 3, c: 0 });
    expect(a.addNewTally("m", { problemId: "p2", n: 1, c: 1 })).toBe(false);
    const b = new TallyAccumulator().add(rec("m", "p0", 1, true)).add(rec("m", "p3", 0, false)).add(rec("x", "p0", 5, true));
    a.merge(b);
    // p0: 4 + 1 + 1 = 6 samples, 1 + 0 + 1 = 2 correct, indices {0, 1}; p1: 5 and 2; p2: 1 and 1, {7}; p3 from b.
    const json = a.toJSON();
    expect(json.models).toEqual([
      {
        model: "m",
        problems: [
          { problemId: "p0", n: 6, c: 2, sampleIndexRuns: [[0, 1]] },
          { problemId: "p1", n: 5, c: 2 },
          { problemId: "p2", n: 1, c: 1, sampleIndexRuns: [[7, 7]] },
          { problemId: "p3", n: 1, c: 0, sampleIndexRuns: [[0, 0]] },
        ],
      },
      { model: "x", problems: [{ problemId: "p0", n: 1, c: 1, sampleIndexRuns: [[5, 5]] }] },
    ]);
    const back = TallyAccumulator.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(back.toJSON()).toEqual(json);
    expect(() => back.add(rec("m", "p0", 1, false))).toThrow(DuplicateSampleError);
    expect(() => back.merge(new TallyAccumulator().add(rec("m", "p2", 7, false)))).toThrow(/sample 7 of model "m" on problem "p2" is in both/);
    back.add(rec("m", "p1", 0, true));
    expect(back.talliesFor("m")[1]).toEqual({ problemId: "p1", n: 6, c: 3 });
  });

  it("with keepAnswers, counts added as tallies are samples without an answer next to answered ones", () => {
    const acc = new TallyAccumulator({ keepAnswers: true })
      .addTally("m", { problemId: "q", n: 3, c: 1 })
      .add(rec("m", "q", undefined, true, "7"))
      .add(rec("m", "q", undefined, false, "8"))
      .add(rec("m", "q", undefined, true, "7"))
      .addTally("m", { problemId: "r", n: 2, c: 0 });
    expect(acc.answersFor("m", "q")).toEqual({
      problemId: "q",
      n: 6,
      noAnswer: 3,
      clusters: [
        { answer: "7", count: 2, correctCount: 2, correct: true },
        { answer: "8", count: 1, correctCount: 0, correct: false },
      ],
    });
    expect(acc.answersFor("m", "r")).toEqual({ problemId: "r", n: 2, noAnswer: 2, clusters: [] });
    const copy = acc.clone().add(rec("m", "r", undefined, true, "1"));
    expect(acc.answersFor("m", "r").clusters).toEqual([]);
    expect(copy.answersFor("m", "r")).toEqual({ problemId: "r", n: 3, noAnswer: 2, clusters: [{ answer: "1", count: 1, correctCount: 1, correct: true }] });
    expect(TallyAccumulator.fromJSON(copy.toJSON()).toJSON()).toEqual(copy.toJSON());
  });
});
