import { describe, expect, it } from "vitest";
import {
  DEFAULT_POSITIVE_TOLERANCE,
  DEFAULT_SENTINEL_THRESHOLD,
  EmptyDatasetError,
  InvalidArgumentError,
  InvalidLogprobError,
  PasskError,
  scoredLogprobs,
  sequencePerplexity,
} from "../../src/index.js";

const LN2 = Math.log(2);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const FLOAT_LOWEST = -3.4028234663852886e38;

function thrown(f: () => unknown): InvalidLogprobError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidLogprobError);
    expect(e).toBeInstanceOf(PasskError);
    expect((e as InvalidLogprobError).code).toBe("INVALID_LOGPROB");
    return e as InvalidLogprobError;
  }
  throw new Error("did not throw");
}

describe("invalid logprob policy", () => {
  const cases: Array<[string, number, string]> = [
    ["NaN", Number.NaN, "nan"],
    ["-Infinity", Number.NEGATIVE_INFINITY, "-infinity"],
    ["+Infinity", Number.POSITIVE_INFINITY, "+infinity"],
    ["positive", 0.5, "positive"],
    ["just above tolerance", 2e-6, "positive"],
    ["OpenAI/vLLM -9999", -9999, "sentinel"],
    ["llama.cpp float lowest", FLOAT_LOWEST, "sentinel"],
    ["below the sentinel", -1e6, "sentinel"],
  ];

  it("throws by default, naming the reason and position", () => {
    for (const [name, bad, reason] of cases) {
      const e = thrown(() => sequencePerplexity([Math.log(0.5), Math.log(0.5), bad]));
      expect(e.reason, name).toBe(reason);
      expect(e.position, name).toBe(2);
      expect(e.sequence).toBeUndefined();
      expect(e.message, name).toMatch(/at position 2 /);
    }
    expect(thrown(() => sequencePerplexity([-9999])).message).toMatch(/sentinel.*-9999 for tokens outside the top 20/);
  });

  it("skip drops each invalid token and counts it", () => {
    for (const [name, bad] of cases) {
      const r = sequencePerplexity([Math.log(0.5), bad, Math.log(0.125)], { onInvalid: "skip" });
      expect(r.skipped, name).toBe(1);
      expect(r.tokens, name).toBe(2);
      // (ln 2 + 3 ln 2)/2 = 2 ln 2 → 4
      expect(rel(r.perplexity, 4), name).toBeLessThan(1e-15);
    }
  });

  it("clamp replaces -Infinity and sentinels by the floor, positives by 0, and skips NaN", () => {
    const floor = Math.log(1 / 16);
    for (const bad of [Number.NEGATIVE_INFINITY, -9999, FLOAT_LOWEST]) {
      const r = sequencePerplexity([Math.log(0.5), bad], { onInvalid: "clamp", clampFloor: floor });
      // (ln 2 + 4 ln 2)/2
      expect(r.clamped).toBe(1);
      expect(rel(r.meanNll, 2.5 * LN2)).toBeLessThan(1e-15);
    }
    for (const bad of [0.5, Number.POSITIVE_INFINITY]) {
      const r = sequencePerplexity([Math.log(0.25), bad], { onInvalid: "clamp", clampFloor: floor });
      expect(r.clamped).toBe(1);
      expect(rel(r.meanNll, LN2)).toBeLessThan(1e-15);
    }
    const nan = sequencePerplexity([Math.log(0.25), Number.NaN], { onInvalid: "clamp", clampFloor: floor });
    expect([nan.skipped, nan.clamped, nan.tokens]).toEqual([1, 0, 1]);
    expect(rel(nan.perplexity, 4)).toBeLessThan(1e-15);
  });

  it("clamp requires a valid explicit floor", () => {
    expect(() => sequencePerplexity([-1], { onInvalid: "clamp" })).toThrow(/clampFloor/);
    expect(() => sequencePerplexity([-1], { onInvalid: "clamp", clampFloor: 0.1 })).toThrow(InvalidArgumentError);
    expect(() => sequencePerplexity([-1], { onInvalid: "clamp", clampFloor: -Infinity })).toThrow(InvalidArgumentError);
    expect(() => sequencePerplexity([-1], { onInvalid: "clamp", clampFloor: -9999 })).toThrow(InvalidArgumentError);
    expect(() => sequencePerplexity([-1], { onInvalid: "ignore" as "skip" })).toThrow(/onInvalid must be/);
    expect(() => sequencePerplexity([-1], { positiveTolerance: -1 })).toThrow(/positiveTolerance/);
    expect(() => sequencePerplexity([-1], { sentinelThreshold: 0 })).toThrow(/sentinelThreshold/);
  });

  it("reads positive values within the tolerance as exactly 0 and counts them", () => {
    expect(DEFAULT_POSITIVE_TOLERANCE).toBe(1e-6);
    const r = sequencePerplexity([1e-7, 1e-6, Math.log(0.25)]);
    expect(r.zeroed).toBe(2);
    // mean NLL = 2 ln 2 / 3 exactly: the positives count as 0, not as negative NLL
    expect(rel(r.meanNll, (2 * LN2) / 3)).toBeLessThan(1e-15);
    // a tighter tolerance rejects them
    expect(thrown(() => sequencePerplexity([1e-7], { positiveTolerance: 0 })).reason).toBe("positive");
    // perplexity never drops below 1
    expect(sequencePerplexity([1e-7, 1e-7]).perplexity).toBe(1);
  });

  it("moves the sentinel threshold on request", () => {
    expect(DEFAULT_SENTINEL_THRESHOLD).toBe(-9999);
    // -9998.5 is a (strange) valid logprob under the default
    expect(Array.from(scoredLogprobs([-9998.5]).values)).toEqual([-9998.5]);
    expect(thrown(() => sequencePerplexity([-500], { sentinelThreshold: -100 })).reason).toBe("sentinel");
  });

  it("never yields NaN or Infinity: a sequence skipped to nothing throws", () => {
    expect(() => sequencePerplexity([Number.NaN, -Infinity], { onInvalid: "skip" })).toThrow(EmptyDatasetError);
  });

  it("applies the same policy in scoredLogprobs, with positions", () => {
    const r = scoredLogprobs([-1, -Infinity, 1e-8, -2], { onInvalid: "clamp", clampFloor: -50 });
    expect(Array.from(r.values)).toEqual([-1, -50, 0, -2]);
    expect(Array.from(r.positions)).toEqual([0, 1, 2, 3]);
    expect([r.clamped, r.zeroed, r.skipped]).toEqual([1, 1, 0]);
    expect(thrown(() => scoredLogprobs([-1, 3])).position).toBe(1);
  });
});
