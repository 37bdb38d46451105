import { describe, expect, it } from "vitest";
import { extractMathAnswer, mathEquivalent, mathVerifier } from "../../src/math/index.js";
import { CASES, type Expected, type Row } from "./cases.js";
import { EQUIVALENCE_CASES } from "./equivalence.js";
import { RESPONSES, type ResponseExpected } from "./responses.js";

const STATUS: Record<Expected, string> = { "=": "equivalent", x: "different", "?": "unparsed", "!": "invalid" };
const VERDICT: Record<Expected, string> = { "=": "correct", x: "wrong", "?": "unparsed", "!": "unparsed" };
const RESPONSE_VERDICTS: Record<ResponseExpected, readonly string[]> = { "=": ["correct"], x: ["wrong"], "?": ["unparsed"], "~": ["wrong", "unparsed"] };
const ctx = { signal: new AbortController().signal, deadline: Infinity };
const short = (s: string): string => JSON.stringify(s.length > 80 ? `…${s.slice(-60)}` : s);

function runRows(table: readonly Row[]): void {
  for (const [i, c] of table.entries()) {
    it(`#${i} [${c.rule}] ${JSON.stringify(c.gold)} vs ${short(c.pred)} → ${c.expected}`, async () => {
      if (c.response) {
        const r = await mathVerifier({ timeoutMs: 5000 })(c.pred, c.gold, ctx);
        expect(r, JSON.stringify(r)).toMatchObject({ status: VERDICT[c.expected] });
      } else {
        const r = mathEquivalent(c.gold, c.pred, { timeoutMs: 5000 });
        expect(r.status, JSON.stringify(r)).toBe(STATUS[c.expected]);
      }
    });
  }
}

describe("math verifier case table", () => {
  it("has at least 300 cases covering every rule", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
    expect(new Set(CASES.map((c) => c.rule)).size).toBeGreaterThanOrEqual(40);
  });
  runRows(CASES);
});

describe("equivalence of answers as models write them", () => {
  it("has at least 150 cases", () => {
    expect(EQUIVALENCE_CASES.length).toBeGreaterThanOrEqual(150);
  });
  runRows(EQUIVALENCE_CASES);
});

describe("whole responses of several model families", () => {
  it("has at least 100 responses from at least 5 families", () => {
    expect(RESPONSES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(RESPONSES.map((r) => r.family)).size).toBeGreaterThanOrEqual(5);
  });
  const v = mathVerifier({ timeoutMs: 5000 });
  for (const [i, c] of RESPONSES.entries()) {
    it(`#${i} [${c.family}] ${JSON.stringify(c.gold)} vs ${short(c.response)} → ${c.expected}`, async () => {
      if (c.extracted !== undefined) expect(extractMathAnswer(c.response)?.answer).toBe(c.extracted);
      const r = await v(c.response, c.gold, ctx);
      expect(RESPONSE_VERDICTS[c.expected], JSON.stringify(r)).toContain(r.status);
    });
  }
});
