import { describe, expect, it } from "vitest";
import { mathEquivalent, mathVerifier } from "../../src/math/index.js";
import { CASES, type Expected } from "./cases.js";

const STATUS: Record<Expected, string> = { "=": "equivalent", x: "different", "?": "unparsed", "!": "invalid" };
const VERDICT: Record<Expected, string> = { "=": "correct", x: "wrong", "?": "unparsed", "!": "unparsed" };
const ctx = { signal: new AbortController().signal, deadline: Infinity };

describe("math verifier case table", () => {
  it("has at least 300 cases covering every rule", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
    expect(new Set(CASES.map((c) => c.rule)).size).toBeGreaterThanOrEqual(40);
  });
  for (const [i, c] of CASES.entries()) {
    const label = `#${i} [${c.rule}] ${JSON.stringify(c.gold)} vs ${JSON.stringify(c.pred.length > 80 ? `…${c.pred.slice(-60)}` : c.pred)} → ${c.expected}`;
    it(label, async () => {
      if (c.response) {
        const r = await mathVerifier({ timeoutMs: 5000 })(c.pred, c.gold, ctx);
        expect(r, JSON.stringify(r)).toMatchObject({ status: VERDICT[c.expected] });
      } else {
        const r = mathEquivalent(c.gold, c.pred, { timeoutMs: 5000 });
        expect(r.status, JSON.stringify(r)).toBe(STATUS[c.expected]);
      }
    });
  }
});
