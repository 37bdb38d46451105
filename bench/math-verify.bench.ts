// Math verifier throughput and worst cases.
//
// 1. Verdicts per second (one thread, so per core) and per-verdict latency (median, p99) on a
//    realistic mix: MATH-style answers (numbers, fractions, radicals, sets, intervals, expressions,
//    matrices, percentages, text, choices, equations), right and wrong, inside whole responses in
//    the styles of Qwen (boxed), Llama ("The final answer is"), DeepSeek-R1 (<think> traces),
//    Minerva ("Final Answer: … I hope it is correct.") and GSM8K ("#### n"), with reasoning of 0 to
//    40 steps. numericMatch runs on the numeric subset side by side, for scale.
// 2. The time of each verdict on hostile 1 MB responses (1 MB of `\boxed{`, `\(`, `$`, nested
//    braces, repeated boxes, answer phrases) and on power towers and deep nesting.
//
// Goals (issue 14): >= 2,000 verdicts/s per core on the mix; every hostile verdict <= 1 s.
import { quantile } from "simple-statistics";
import { mathVerifier } from "../src/math/index.js";
import { numericMatch } from "../src/verifiers/numericMatch.js";

const ctx = { signal: new AbortController().signal, deadline: Infinity };
const reasoning = (n: number): string =>
  Array.from({ length: n }, (_, i) => `Next, $${i} \\cdot 3 + 1 = ${3 * i + 1}$, so the running total grows by ${i}.`).join("\n");

// [gold, a right prediction, a wrong prediction]
const answers: Array<[string, string, string]> = [
  ["42", "42", "41"],
  ["\\frac{14}{3}", "\\dfrac{14}{3}", "\\frac{13}{3}"],
  ["2\\sqrt{2}", "\\sqrt{8}", "2\\sqrt{3}"],
  ["\\frac{\\pi}{4}", "\\frac{1}{4}\\pi", "\\frac{\\pi}{3}"],
  ["(x+1)^2", "x^2+2x+1", "x^2+1"],
  ["\\{1, 2\\}", "2, 1", "1, 3"],
  ["[-3, 2]", "[-3,2]", "(-3,2)"],
  ["(-\\infty,-3]\\cup[2,\\infty)", "(-\\infty, -3] \\cup [2, \\infty)", "[-3, 2]"],
  ["28\\%", "28", "27"],
  ["\\text{odd}", "\\text{odd}", "\\text{even}"],
  ["0.5", "\\frac{1}{2}", "0.55"],
  ["16386.20", "\\$16,\\!386.20", "16386.2001"],
  ["\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}", "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}", "\\begin{pmatrix}1&3\\\\2&4\\end{pmatrix}"],
  ["y = 2x+3", "2y = 4x + 6", "y = 2x + 4"],
  ["C", "\\text{(C)}", "(D)"],
  ["(3, \\frac{\\pi}{2})", "\\left( 3, \\frac{\\pi}{2} \\right)", "(3, \\pi)"],
  ["1, -2", "-2, 1", "-2, 2"],
  ["12000023", "12,000,023", "12,000,003"],
  ["\\frac{1}{2004!}", "\\frac{1}{2004!}", "\\frac{1}{2006!}"],
  ["|x|", "\\sqrt{x^2}", "x"],
];
const families: Array<(steps: number, pred: string) => string> = [
  (n, p) => `${reasoning(n)}\nTherefore, the final answer is $\\boxed{${p}}$.`,
  (n, p) => `## Step 1: Set up\n${reasoning(n)}\n\nThe final answer is: $\\boxed{${p}}$`,
  (n, p) => `<think>\n${reasoning(n)}\nMaybe \\boxed{0}? No.\n</think>\n\nThe answer is $\\boxed{${p}}$.`,
  (n, p) => `${reasoning(n)}\nFinal Answer: The final answer is $${p}$. I hope it is correct.`,
];
const pairs: Array<[string, string, boolean]> = [];
for (const [gold, right, wrong] of answers) {
  for (const [f, family] of families.entries()) {
    for (const steps of [0, 10, 40]) {
      const pred = (steps + f) % 2 === 0 ? right : wrong;
      pairs.push([family(steps, pred), gold, /^[\d.]+$/.test(gold)]);
    }
  }
}
for (const n of [72, 1080, 5]) pairs.push([`${reasoning(8)}\nSo she earns ${n} dollars.\n#### ${n}`, String(n), true]);

/**
 * Runs every item `rounds` times; returns verdicts per CPU-second of this process (per core: the
 * figure does not drop when other processes share the machine) and prints the wall-clock rate too.
 */
function measure(label: string, run: (response: string, gold: string) => unknown, items: Array<[string, string, boolean]>, rounds: number): number {
  for (const [r, g] of items) run(r, g); // warm-up (JIT)
  const lat: number[] = [];
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (let k = 0; k < rounds; k++) {
    for (const [r, g] of items) {
      const t = performance.now();
      run(r, g);
      lat.push(performance.now() - t);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - start) / 1000;
  const perCore = lat.length / ((cpu.user + cpu.system) / 1e6);
  console.log(
    `${label.padEnd(34)} ${String(lat.length).padStart(6)} verdicts  ${perCore.toFixed(0).padStart(7)} verdicts/CPU-s  ${(lat.length / wall).toFixed(0).padStart(7)} verdicts/wall-s  median ${(quantile(lat, 0.5) * 1000).toFixed(0).padStart(5)} µs  p99 ${(quantile(lat, 0.99) * 1000).toFixed(0).padStart(6)} µs`,
  );
  return perCore;
}

const v = mathVerifier();
const nm = numericMatch();
const rounds = 10;
const mathRate = measure("mathVerifier (realistic mix)", (r, g) => v(r, g, ctx), pairs, rounds);
const numeric = pairs.filter((p) => p[2]);
const mathNum = measure("mathVerifier (numeric subset)", (r, g) => v(r, g, ctx), numeric, rounds);
const nmRate = measure("numericMatch (numeric subset)", (r, g) => nm(r, g, ctx), numeric, rounds);
console.log(`numericMatch / mathVerifier on the numeric subset: ${(nmRate / mathNum).toFixed(1)}x`);
console.log(`goal >= 2,000 verdicts/s per core: ${mathRate >= 2000 ? "met" : "NOT met"} (${mathRate.toFixed(0)} per CPU-second)`);

// --- hostile inputs ------------------------------------------------------------------------------
const MB = 1_000_000;
const fill = (s: string): string => s.repeat(Math.floor(MB / s.length));
const hostile: Array<[string, string]> = [
  ["1 MB of \\boxed{", fill("\\boxed{")],
  ["1 MB of \\(", fill("\\(")],
  ["1 MB of $", fill("$")],
  ["1 MB of $$a", fill("$$a")],
  ["1 MB of nested braces in a box", `\\boxed{${"{".repeat(MB / 2 - 8)}${"}".repeat(MB / 2 - 8)}}`],
  ["1 MB of {", "{".repeat(MB)],
  ["1 MB of \\boxed{1}", fill("\\boxed{1}")],
  ["1 MB of 'The answer is '", fill("The answer is ")],
  ["1 MB of 'Final Answer: '", fill("Final Answer: ")],
  ["1 MB of </think>", fill("</think>")],
  ["1 MB of digits", "7".repeat(MB)],
  ["1 MB of \\left(", fill("\\left(")],
  ["power tower 5^{5^{5^{5}}}", "\\boxed{5^{5^{5^{5}}}}"],
  ["power tower of 1000 2^{", `\\boxed{${"2^{".repeat(1000)}2${"}".repeat(1000)}}`],
  ["9^9^…^9 (400 levels)", `\\boxed{${"9^".repeat(400)}9}`],
  ["5000 nested \\frac", `\\boxed{${"\\frac{1}{".repeat(5000)}2${"}".repeat(5000)}}`],
  ["100000!", "\\boxed{100000!}"],
];
// A verifier with a deadline far away, so that the time of the whole verdict is measured (the
// default 1 s timeout would cut it short and hide how long it takes).
const patient = mathVerifier({ timeoutMs: 60_000 });
let worst = 0;
for (const [label, response] of hostile) {
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const r = patient(response, "5", ctx) as { status: string };
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  worst = Math.max(worst, cpuMs);
  console.log(`${label.padEnd(34)} ${r.status.padEnd(9)} ${cpuMs.toFixed(1).padStart(8)} ms CPU ${ms.toFixed(1).padStart(8)} ms wall`);
}
console.log(`goal: every hostile verdict <= 1 s: ${worst <= 1000 ? "met" : "NOT met"} (worst ${worst.toFixed(0)} ms of CPU)`);
