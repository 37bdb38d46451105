// Calibration of pass@K prediction on synthetic problems whose success probabilities are known, so
// that the default rule of predictPassAtKBeyond is not judged on one real dataset only. Each case
// draws `--problems` success probabilities p from a known distribution (some inside the candidate
// shapes, some outside every one: point masses near 1/K, a log-uniform tail, a thin tail next to a
// mass at p = 0), samples n of each, predicts pass@K, and compares with the pass@K measured when the
// remaining K − n samples of every problem are drawn too. Prints, per case, the mean signed error
// (bias), the worst absolute error, the 95% coverage and mean width (percentage points) of the
// default and of the same estimate with the span of the scaled shapes' intervals only (the default
// before the plain and zero-inflated beta widened it), and the errors of each shape alone
// (estimates only), with how often each candidate was plausible, and the shape-free identification
// bounds (passAtKIdentificationBounds: midpoint, interval).
//
//   npx tsx examples/calibrate-synthetic.ts [--n 16] [--K 128] [--problems 500] [--seeds 20] [--resamples 200] [--cases 1,2,...]
import {
  SeededRandom,
  conditionalPassAtK,
  fitBetaBinomial,
  fitScaledBetaBinomial,
  passAtKIdentificationBounds,
  predictPassAtKBeyond,
  type Tally,
} from "../src/index.js";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] as string) : fallback;
};
const n = Number(flag("--n", "16"));
const K = Number(flag("--K", "128"));
const PROBLEMS = Number(flag("--problems", "500"));
const SEEDS = Number(flag("--seeds", "20"));
const RESAMPLES = Number(flag("--resamples", "200"));

/** Seeded draws: uniform, normal, gamma (Marsaglia & Tsang 2000), beta, binomial. */
class Draws {
  private readonly rng: SeededRandom;
  constructor(seed: number) {
    this.rng = new SeededRandom(seed);
  }
  uniform(): number {
    for (;;) {
      const u = this.rng.nextDouble();
      if (u > 0) return u;
    }
  }
  private normal(): number {
    return Math.sqrt(-2 * Math.log(this.uniform())) * Math.cos(2 * Math.PI * this.uniform());
  }
  private gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v = (1 + c * x) ** 3;
      if (v > 0 && Math.log(this.uniform()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }
  binomial(trials: number, p: number): number {
    let c = 0;
    for (let i = 0; i < trials; i++) if (this.uniform() < p) c++;
    return c;
  }
}

/** The known distributions of p: name and sampler. */
const CASES: Array<[string, (d: Draws) => number]> = [
  ["Beta(0.4, 0.3)", (d) => d.beta(0.4, 0.3)],
  ["7% at 0 + Beta(0.5, 0.15)", (d) => (d.uniform() < 0.07 ? 0 : d.beta(0.5, 0.15))],
  ["0.8·Beta(0.3, 0.5) (scaled)", (d) => 0.8 * d.beta(0.3, 0.5)],
  ["8% at p = 0.004 + Beta(1, 0.3)", (d) => (d.uniform() < 0.08 ? 0.004 : d.beta(1, 0.3))],
  [
    "discrete {0, 1/128, 1/32, 0.4, 0.97}",
    (d) => {
      const u = d.uniform();
      return u < 0.05 ? 0 : u < 0.1 ? 1 / 128 : u < 0.15 ? 1 / 32 : u < 0.55 ? 0.4 : 0.97;
    },
  ],
  ["10% log-uniform on [1e-4, 0.1] + Beta(2, 0.5)", (d) => (d.uniform() < 0.1 ? Math.exp(Math.log(1e-4) + d.uniform() * Math.log(1000)) : d.beta(2, 0.5))],
  ["hard: Beta(0.3, 2)", (d) => d.beta(0.3, 2)],
  ["hard: 20% at 0 + Beta(0.6, 1.5)", (d) => (d.uniform() < 0.2 ? 0 : d.beta(0.6, 1.5))],
  ["15% at 0 + Beta(2, 1) (thin tail)", (d) => (d.uniform() < 0.15 ? 0 : d.beta(2, 1))],
];
const chosen = flag("--cases", CASES.map((_, i) => i + 1).join(",")).split(",").map(Number);

const pct = (x: number) => (100 * x).toFixed(2);
const sign = (x: number) => (x >= 0 ? "+" : "") + pct(x);
console.log(`pass@${K} predicted from n = ${n}, ${PROBLEMS} problems, ${SEEDS} seeds per case, ${RESAMPLES} resamples`);
console.log("| case | method | bias | worst abs error | 95% coverage | mean width |");
console.log("|---|---|---|---|---|---|");
for (const index of chosen) {
  const [name, drawP] = CASES[index - 1]!;
  const rows = new Map<string, Array<{ error: number; covered?: boolean; width?: number }>>();
  const plausible = new Map<string, number>();
  const add = (method: string, row: { error: number; covered?: boolean; width?: number }) =>
    rows.set(method, [...(rows.get(method) ?? []), row]);
  for (let seed = 1; seed <= SEEDS; seed++) {
    const draws = new Draws(10_000 * index + seed);
    let solved = 0;
    const tallies: Tally[] = Array.from({ length: PROBLEMS }, (_, i) => {
      const p = drawP(draws);
      const c = draws.binomial(n, p);
      if (c > 0 || draws.binomial(K - n, p) > 0) solved++;
      return { problemId: `p${i}`, n, c };
    });
    const measured = solved / PROBLEMS;
    const r = predictPassAtKBeyond(tallies, [K], { seed, resamples: RESAMPLES });
    const p = r.points[0]!;
    add("**default**", { error: p.estimate - measured, covered: p.lower <= measured && measured <= p.upper, width: p.upper - p.lower });
    const scaled = r.candidates.filter((c) => c.inEstimate).map((c) => c.points[0]!);
    const lower = Math.min(p.estimate, ...scaled.map((q) => q.lower));
    const upper = Math.max(p.estimate, ...scaled.map((q) => q.upper));
    add("scaled shapes' span only", { error: p.estimate - measured, covered: lower <= measured && measured <= upper, width: upper - lower });
    const b = passAtKIdentificationBounds(tallies, K);
    add("identification bounds (shape-free)", { error: b.estimate - measured, covered: b.lower <= measured && measured <= b.upper, width: b.upper - b.lower });
    for (const c of r.candidates) {
      add(c.method, { error: c.points[0]!.estimate - measured });
      if (c.plausible) plausible.set(c.method, (plausible.get(c.method) ?? 0) + 1);
    }
    // The fits again, as a check that the candidates above are these fits.
    if (seed === 1) {
      const direct = conditionalPassAtK(fitScaledBetaBinomial(tallies), tallies, K);
      if (Math.abs(direct - r.candidates[0]!.points[0]!.estimate) > 1e-12) throw new Error("candidate mismatch");
      const beta = conditionalPassAtK(fitBetaBinomial(tallies), tallies, K);
      if (Math.abs(beta - r.candidates.find((c) => c.method === "beta")!.points[0]!.estimate) > 1e-9) throw new Error("beta candidate mismatch");
    }
  }
  for (const [method, list] of rows) {
    const bias = list.reduce((a, x) => a + x.error, 0) / list.length;
    const worst = Math.max(...list.map((x) => Math.abs(x.error)));
    const withInterval = list.filter((x) => x.covered !== undefined);
    const cover = withInterval.filter((x) => x.covered).length;
    const width = withInterval.reduce((a, x) => a + x.width!, 0) / Math.max(withInterval.length, 1);
    console.log(
      `| ${name} | ${method} | ${sign(bias)} | ${pct(worst)} | ${withInterval.length ? `${cover}/${withInterval.length}` : "–"} | ${withInterval.length ? pct(width) : "–"} |`,
    );
  }
  console.log(`|   | plausible: ${[...plausible].map(([m, k]) => `${m} ${k}/${SEEDS}`).join(", ")} | | | | |`);
}
