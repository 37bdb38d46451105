// The same pair gets the same verdict in any order, in any process, with a cold or a warm CAS.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../src/analysis/seededRandom.js";
import { mathEquivalent, mathVerifier } from "../../src/math/index.js";

// Pairs that exercise every path: exact, real, symbolic sampling, domains, complex, sets, and
// predictions only the CAS reads (\lg, \max, \gcd, a negated interval).
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["2", "\\lg 100"],
  ["3", "\\max(1,3)"],
  ["3", "\\gcd(6, 9)"],
  ["1", "-[0,1)"],
  ["x", "\\max(x, x)"],
  ["[-\\frac{3}{2},-1]\\cup[1,\\frac{3}{2}]", "1\\leq|z|\\leq \\frac{3}{2}"],
  ["x+1", "x+1.0000001"],
  ["\\sqrt{x^2}", "|x|"],
  ["\\sqrt{x^2}", "x"],
  ["\\ln(x^2)", "2\\ln x"],
  ["\\cosh^2 x - \\sinh^2 x", "1"],
  ["\\frac{1}{3x^{2/3}}", "\\frac{1}{3\\sqrt[3]{x}^2}"],
  ["e^{i\\pi}", "-1"],
  ["(x+1)^2", "x^2+2x+1"],
  ["\\frac{1}{2004!}", "\\frac{1}{2006!}"],
  ["\\{x \\mid x > 2\\}", "(2,\\infty)"],
  ["V_1:V_2=11:21", "22:42"],
  ["C", "(C) and (D)"],
  ["1000.99", "1000,99"],
  ["f(x)", "f(x)+0"],
];

const statuses = (pairs: ReadonlyArray<readonly [string, string]>): string[] =>
  pairs.map(([g, p]) => {
    const r = mathEquivalent(g, p, { timeoutMs: 10_000 });
    return `${r.status}:${r.rule ?? ""}`;
  });

describe("determinism", () => {
  // First in this file, so it runs on a cold CAS (each test file has its own module state).
  const cold = statuses(PAIRS);

  it("gives the same verdicts in reverse and in shuffled orders, on a warm CAS", () => {
    const reversed = statuses([...PAIRS].reverse()).reverse();
    expect(reversed).toEqual(cold);
    const rng = new SeededRandom(14);
    for (let round = 0; round < 3; round++) {
      const order = PAIRS.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.nextIndex(i + 1);
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      const shuffled = statuses(order.map((i) => PAIRS[i] as readonly [string, string]));
      const back = new Array<string>(PAIRS.length);
      order.forEach((i, k) => {
        back[i] = shuffled[k] as string;
      });
      expect(back).toEqual(cold);
    }
  });

  it("gives the same verdicts in a fresh process", () => {
    const entry = fileURLToPath(new URL("../../src/math/index.ts", import.meta.url));
    const script = `import { mathEquivalent } from ${JSON.stringify(entry)};
const pairs = JSON.parse(process.argv[1]);
console.log(JSON.stringify(pairs.map(([g, p]) => { const r = mathEquivalent(g, p, { timeoutMs: 10000 }); return r.status + ":" + (r.rule ?? ""); })));`;
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, JSON.stringify(PAIRS)], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(JSON.parse(out)).toEqual(cold);
  });

  it("the verifier's first verdict equals its later ones (the CAS is warmed at construction)", async () => {
    const ctx = { signal: new AbortController().signal, deadline: Infinity };
    const v = mathVerifier();
    const first = await v("So the answer is $\\lg 100$.", "2", ctx);
    const again = await v("So the answer is $\\lg 100$.", "2", ctx);
    expect(first).toEqual(again);
    expect(first.status).toBe("correct");
  });
});
