// Math verifier throughput: verdicts per second and per-verdict latency (median, p99) on realistic
// MATH-style answers (boxed numbers, fractions, radicals, sets, intervals, expressions, long
// chains of thought), with numericMatch on the numeric subset measured side by side for scale.
import { quantile } from "simple-statistics";
import { mathVerifier } from "../src/math/index.js";
import { numericMatch } from "../src/verifiers/numericMatch.js";

const ctx = { signal: new AbortController().signal, deadline: Infinity };
const reasoning = (n: number): string =>
  Array.from({ length: n }, (_, i) => `Next, $${i} \\cdot 3 + 1 = ${3 * i + 1}$, so the running total grows by ${i}.`).join("\n");
const pairs: Array<[string, string, boolean]> = [];
const answers: Array<[string, string]> = [
  ["42", "42"],
  ["\\frac{14}{3}", "\\dfrac{14}{3}"],
  ["2\\sqrt{2}", "\\sqrt{8}"],
  ["\\frac{\\pi}{4}", "\\frac{1}{4}\\pi"],
  ["(x+1)^2", "x^2+2x+1"],
  ["\\{1, 2\\}", "2, 1"],
  ["[-3, 2]", "[-3,2]"],
  ["(-\\infty,-3]\\cup[2,\\infty)", "(-\\infty, -3] \\cup [2, \\infty)"],
  ["28\\%", "28"],
  ["\\text{odd}", "\\text{odd}"],
  ["0.5", "\\frac{1}{2}"],
  ["16386.20", "\\$16,\\!386.20"],
  ["\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}", "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}"],
  ["y = 2x+3", "2y = 4x + 6"],
  ["7", "8"],
];
for (const [gold, pred] of answers) {
  for (const steps of [0, 10, 40]) pairs.push([`${reasoning(steps)}\nTherefore the answer is $\\boxed{${pred}}$.`, gold, /^[\d.]+$/.test(gold)]);
}

function measure(label: string, run: (response: string, gold: string) => unknown, items: Array<[string, string, boolean]>, rounds: number): number {
  for (const [r, g] of items) run(r, g); // warm-up (JIT, CAS construction)
  const lat: number[] = [];
  const start = performance.now();
  for (let k = 0; k < rounds; k++) {
    for (const [r, g] of items) {
      const t = performance.now();
      run(r, g);
      lat.push(performance.now() - t);
    }
  }
  const total = (performance.now() - start) / 1000;
  const rate = lat.length / total;
  console.log(
    `${label.padEnd(34)} ${String(lat.length).padStart(6)} verdicts  ${rate.toFixed(0).padStart(7)} verdicts/s  median ${(quantile(lat, 0.5) * 1000).toFixed(0).padStart(5)} µs  p99 ${(quantile(lat, 0.99) * 1000).toFixed(0).padStart(6)} µs`,
  );
  return rate;
}

const v = mathVerifier();
const nm = numericMatch();
const rounds = 40;
const mathRate = measure("mathVerifier (all answer kinds)", (r, g) => v(r, g, ctx), pairs, rounds);
const numeric = pairs.filter((p) => p[2]);
const mathNum = measure("mathVerifier (numeric subset)", (r, g) => v(r, g, ctx), numeric, rounds);
const nmRate = measure("numericMatch (numeric subset)", (r, g) => nm(r, g, ctx), numeric, rounds);
console.log(`numericMatch / mathVerifier on the numeric subset: ${(nmRate / mathNum).toFixed(1)}x`);
console.log(`goal >= 1000 verdicts/s per core: ${mathRate >= 1000 ? "met" : "NOT met"} (${mathRate.toFixed(0)}/s)`);
