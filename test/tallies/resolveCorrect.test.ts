import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidSampleRecordError, PasskError, resolveCorrect } from "../../src/index.js";

function caught(f: () => unknown): InvalidSampleRecordError {
  try {
    f();
  } catch (e) {
    return e as InvalidSampleRecordError;
  }
  throw new Error("expected a throw");
}

describe("resolveCorrect", () => {
  it("uses correct when present, even next to a score", () => {
    expect(resolveCorrect({ correct: true })).toBe(true);
    expect(resolveCorrect({ correct: false, score: 1, threshold: 0 })).toBe(false);
  });

  it("compares score >= threshold (boundary inclusive)", () => {
    expect(resolveCorrect({ score: 0.5, threshold: 0.5 })).toBe(true);
    expect(resolveCorrect({ score: 0.5 - 1e-12, threshold: 0.5 })).toBe(false);
    expect(resolveCorrect({ score: -3, threshold: -4 })).toBe(true);
  });

  it("names the field and the problem for every invalid record", () => {
    const cases: Array<[object, string, RegExp]> = [
      [{ problemId: "p1" }, "correct", /neither correct .* nor score .*problem "p1"/],
      [{ problemId: "p2", correct: "true" }, "correct", /correct must be a boolean, got "true" \(problem "p2"\)/],
      [{ problemId: "p3", correct: 1 }, "correct", /got 1/],
      [{ problemId: "p4", correct: null }, "correct", /got null/],
      [{ problemId: "p5", score: Number.NaN, threshold: 0.5 }, "score", /score must be a finite number, got NaN \(problem "p5"\)/],
      [{ problemId: "p6", score: "0.9", threshold: 0.5 }, "score", /got "0.9"/],
      [{ problemId: "p7", score: 0.9 }, "threshold", /score 0.9 given without a threshold \(problem "p7"\)/],
      [{ problemId: "p8", score: 0.9, threshold: Number.NaN }, "threshold", /threshold must be a finite number, got NaN/],
      [{ problemId: "p9", score: Infinity, threshold: 0 }, "score", /got Infinity/],
    ];
    for (const [record, field, message] of cases) {
      const e = caught(() => resolveCorrect(record));
      expect(e, JSON.stringify(record)).toBeInstanceOf(InvalidSampleRecordError);
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect(e).toBeInstanceOf(PasskError);
      expect(e.code).toBe("INVALID_SAMPLE_RECORD");
      expect(e.field).toBe(field);
      expect(e.problemId).toBe((record as { problemId: string }).problemId);
      expect(e.message).toMatch(message);
    }
  });
});
