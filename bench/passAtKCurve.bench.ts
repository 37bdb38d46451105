// pass@k curves for 10,000 problems with n = 1024 and varied c, timed side by side with numpy
// running the classic HumanEval product formula over the same data in the same run:
//   - the full curve, k = 1..1024 (goal < 100 ms, ≥ 50× the numpy loop over k);
//   - a few large ks, k = 1, 2, 4, …, 1024 (goal ≥ 50× the numpy loop over those ks).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SeededRandom, passAtKCurve, type Tally } from "../src/index.js";

const PROBLEMS = 10_000;
const N = 1024;

// Deterministic data: the library's SeededRandom; a per-problem success rate from a U-shaped mix like real
// RLVR data (many problems never or always solved), then c ~ Binomial(N, p) by summation.
const rng = new SeededRandom(2025);
const rand = (): number => rng.nextDouble();
const cs: number[] = [];
for (let i = 0; i < PROBLEMS; i++) {
  const u = rand();
  const p = u < 0.15 ? 0 : u < 0.3 ? 1 : rand() ** 3;
  let c = 0;
  if (p === 1) c = N;
  else if (p > 0) for (let s = 0; s < N; s++) if (rand() < p) c++;
  cs.push(c);
}
const tallies: Tally[] = cs.map((c, i) => ({ problemId: `p${i}`, n: N, c }));
console.log(`data: ${PROBLEMS} problems, n = ${N}, ${new Set(cs).size} distinct c`);

const SPARSE = Array.from({ length: Math.log2(N) + 1 }, (_, i) => 2 ** i);

/** Warm up, then time repeated runs; returns the last result and the median time. */
function timed<T>(f: () => T, runs = 30): { value: T; median: number; min: number } {
  let value = f();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    value = f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { value, median: times[Math.floor(times.length / 2)] as number, min: times[0] as number };
}

const full = timed(() => passAtKCurve(tallies));
const curve = full.value;
const median = full.median;
console.log(
  `passk passAtKCurve (k = 1..${N}): median ${median.toFixed(2)} ms, min ${full.min.toFixed(2)} ms ` + `over 30 runs (goal < 100 ms)`,
);
const sparse = timed(() => passAtKCurve(tallies, SPARSE));
console.log(`passk passAtKCurve (k = ${SPARSE.slice(0, 3).join(", ")}, …, ${N}): median ${sparse.median.toFixed(3)} ms, min ${sparse.min.toFixed(3)} ms over 30 runs`);

const PY = String.raw`
import json, sys, time
import numpy as np
cs = json.load(open(sys.argv[1]))
n = ${N}

def loop(ks):
    curve = []
    for k in ks:
        total = 0.0
        for c in cs:
            if n - c < k:
                total += 1.0
            else:
                total += 1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1))
        curve.append(total / len(cs))
    return curve

sparse_times = []
for _ in range(5):
    t0 = time.perf_counter()
    sparse = loop(${JSON.stringify(SPARSE)})
    sparse_times.append(time.perf_counter() - t0)
sparse_times.sort()
t0 = time.perf_counter()
curve = loop(range(1, n + 1))
print(json.dumps({"seconds": time.perf_counter() - t0, "curve": curve, "sparseSeconds": sparse_times[2], "sparseMinSeconds": sparse_times[0], "sparse": sparse, "numpy": np.__version__}))
`;

const probe = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" });
if (probe.error || probe.status !== 0) {
  console.log("numpy comparison skipped: python3 with numpy is not available here");
} else {
  const dir = mkdtempSync(join(tmpdir(), "passk-bench-"));
  try {
    const dataFile = join(dir, "cs.json");
    writeFileSync(dataFile, JSON.stringify(cs));
    console.log("running the numpy loop over k (classic product formula, about half a minute) ...");
    const r = spawnSync("python3", ["-c", PY, dataFile], { encoding: "utf8", maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as {
      seconds: number;
      curve: number[];
      sparseSeconds: number;
      sparseMinSeconds: number;
      sparse: number[];
      numpy: string;
    };
    const pyMs = out.seconds * 1000;
    let maxAbs = 0;
    curve.forEach((p, i) => {
      maxAbs = Math.max(maxAbs, Math.abs(p.value - (out.curve[i] as number)));
    });
    console.log(`numpy ${out.numpy} loop over k = 1..${N}: ${pyMs.toFixed(0)} ms`);
    console.log(`ratio (full curve): passk is ${(pyMs / median).toFixed(0)}x faster (goal >= 50x)`);
    console.log(`max |passk − numpy| over the curve: ${maxAbs.toExponential(2)}`);
    const pySparseMs = out.sparseSeconds * 1000;
    let maxSparse = 0;
    sparse.value.forEach((p, i) => {
      maxSparse = Math.max(maxSparse, Math.abs(p.value - (out.sparse[i] as number)));
      // the sparse points must be the full curve's points (each within float rounding of the exact mean)
      maxSparse = Math.max(maxSparse, Math.abs(p.value - (curve[p.k - 1] as { value: number }).value));
    });
    console.log(`numpy loop over k = ${SPARSE.join(", ")}: median ${pySparseMs.toFixed(0)} ms, min ${(out.sparseMinSeconds * 1000).toFixed(0)} ms over 5 runs`);
    console.log(
      `ratio (${SPARSE.length} ks): passk is ${(pySparseMs / sparse.median).toFixed(0)}x faster, median to median ` +
        `(${((out.sparseMinSeconds * 1000) / sparse.min).toFixed(0)}x min to min; goal >= 50x)`,
    );
    console.log(`max |passk sparse − numpy|, |passk sparse − passk full|: ${maxSparse.toExponential(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
