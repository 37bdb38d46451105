// The one smoke program of the runtime matrix (scripts/runtime-matrix.mjs): every runtime runs
// this module against the installed tarball (Node 20/22/24, Bun and Deno through
// runtime-smoke-main.mjs; headless Chromium through an esbuild bundle with the root entry only).
// Plain JavaScript, no imports of its own: the caller hands in the entry points it could load, so
// the same code runs in a browser. It returns every number it computed; the matrix compares them
// across runtimes to the last bit.
//
// Each quantity is { name, kind, value }:
// - kind "exact": integers, booleans, strings (Decimal digits, verdicts, "n/c" tallies) and floats
//   that are exact by construction; any difference between runtimes is a failure;
// - kind "float": a float64 computed through Math.log/log1p/expm1/exp/pow; a last-bit difference
//   is reported, a relative difference above the matrix's tolerance is a failure.
// Names are "family.detail"; the matrix's table has one row per family.

/** Float64 bits as 16 hex digits (big-endian), so a printed number identifies its exact double. */
export function float64Bits(value) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16).padStart(16, "0");
}

/** One line per quantity: `Q <name> <kind> <bits or -> <value>`; values are JSON so strings survive. */
export function formatQuantities(quantities) {
  return quantities.map((q) => `Q ${q.name} ${q.kind} ${typeof q.value === "number" ? float64Bits(q.value) : "-"} ${JSON.stringify(q.value)}`);
}

// Deterministic inputs, from integer arithmetic only (no Math.random, no engine-dependent math).
// 40 problems × 64 samples: 8 never solved, the rest with scattered counts.
const TALLIES_64 = Array.from({ length: 40 }, (_, i) => ({ problemId: `p${i}`, n: 64, c: i % 5 === 0 ? 0 : (i * 29) % 65 }));
// 60 problems × 16 samples for the beta-binomial fit: a quarter never solved.
const TALLIES_16 = Array.from({ length: 60 }, (_, i) => ({ problemId: `r${i}`, n: 16, c: i % 4 === 0 ? 0 : (i * 7) % 17 }));

// Arguments for the primitives passk's numbers are built from, spread over the ranges passk uses:
// ratios near 1 (log1p of small negatives), sums of logs (expm1 of negatives), log-likelihoods.
function primitiveArguments(count) {
  const xs = [];
  for (let i = 1; i <= count; i++) {
    const frac = ((i * 2654435761) % 4294967296) / 4294967296; // Knuth's multiplicative hash: spread in [0, 1)
    xs.push(frac);
  }
  return xs;
}

/**
 * Runs the smoke computations. `entries` holds the loaded modules: `core` (passk, required),
 * `math` (passk/math) and `node` (passk/node) when the runtime loads them. `files` (where the
 * runtime has a file system) writes scratch files: { write(name, text) → path, writeGzip(name, text) → path }.
 */
export async function smoke({ core, math, node, files }) {
  const out = [];
  const exact = (name, value) => out.push({ name, kind: "exact", value });
  const float = (name, value) => out.push({ name, kind: "float", value });
  const check = (ok, what) => {
    if (!ok) throw new Error(`smoke check failed: ${what}`);
  };

  // pass@k curve of 40 problems at k = 1..64.
  const ks = [1, 2, 4, 8, 16, 32, 64];
  for (const point of core.passAtKCurve(TALLIES_64, ks)) float(`curve.k=${point.k}`, point.value);
  // Single pass@k values: the product path (small k) and the log-sum path (large k).
  float("passAtK.n=64,c=5,k=16", core.passAtK(64, 5, 16));
  float("passAtK.n=1000,c=3,k=500", core.passAtK(1000, 3, 500));
  float("passAtK.n=4096,c=1,k=7", core.passAtK(4096, 1, 7));
  exact("passAtK.n=10,c=3,k=1", core.passAtK(10, 3, 1)); // 0.3, a single rounded division
  // A sweep over n, c and k (both paths, tiny and near-1 values): how often a primitive's
  // last-bit difference reaches a pass@k value.
  for (const n of [64, 256, 1000]) {
    for (let c = 1; c < n; c = Math.ceil(c * 1.7)) {
      for (let k = 2; k <= n; k = Math.ceil(k * 2.3)) float(`sweep.n=${n},c=${c},k=${k}`, core.passAtK(n, c, k));
    }
  }

  // Exact pass@k (decimal.js): the digits must be identical everywhere.
  const exact64 = core.passAtKExact(64, 5, 16, { digits: 40 });
  check(exact64 instanceof core.Decimal, "passAtKExact returns the root entry's Decimal");
  exact("exact.n=64,c=5,k=16", exact64.toString());
  exact("exact.n=1000,c=3,k=500", core.passAtKExact(1000, 3, 500, { digits: 40 }).toString());
  exact("exact.n=64,c=5,k=16.toNumber", exact64.toNumber());
  check(Math.abs(exact64.toNumber() - core.passAtK(64, 5, 16)) <= 4 * Number.EPSILON, "float pass@k within 4 ulps of the exact value");

  // Tally merge: an accumulator from passk, through JSON, merged; then (with passk/node) filled
  // by ingestJsonl from a plain and a gzip JSONL file: one class across entry points.
  const base = new core.TallyAccumulator();
  for (let p = 0; p < 5; p++) {
    for (let s = 0; s < 8; s++) base.add({ model: "base", problemId: `q${p}`, sampleIndex: s, correct: (p * 7 + s * 3) % 5 === 0 });
  }
  const rl = new core.TallyAccumulator();
  for (let p = 0; p < 5; p++) rl.addTally("rl", { problemId: `q${p}`, n: 8, c: (p * 3) % 9 });
  const roundTrip = core.TallyAccumulator.fromJSON(JSON.parse(JSON.stringify(base)));
  const merged = core.TallyAccumulator.mergeAll([roundTrip, rl]);
  for (const model of merged.models()) {
    for (const t of merged.talliesFor(model)) exact(`tally.core.${model}.${t.problemId}`, `${t.n}/${t.c}`);
  }
  if (node !== undefined && files !== undefined) {
    const line = (model, problemId, sampleIndex, correct) => JSON.stringify({ model, problem_id: problemId, sample_index: sampleIndex, correct });
    const plain = files.write("base-more.jsonl", [0, 1, 2, 3].map((s) => line("base", "q5", s, s === 2)).join("\n") + "\n");
    const gzip = files.writeGzip("rl-more.jsonl.gz", [0, 1, 2].map((s) => line("rl", "q6", s, s !== 1)).join("\n") + "\n");
    const first = await node.ingestJsonl(plain, { reader: node.flatReader(), accumulator: merged });
    const second = await node.ingestJsonl(gzip, { reader: node.flatReader(), accumulator: first.accumulator });
    check(first.accumulator === merged && second.accumulator === merged, "ingestJsonl fills the passk accumulator it is given");
    check(second.gzip === true, "the .gz file was read as gzip");
    exact("tally.node.accumulatorIsPasskClass", second.accumulator instanceof core.TallyAccumulator);
    for (const model of merged.models()) {
      for (const t of merged.talliesFor(model)) exact(`tally.node.${model}.${t.problemId}`, `${t.n}/${t.c}`);
    }
  }

  // Seeded bootstrap: the resampled indices are integer arithmetic; the values are float sums.
  const boot = core.bootstrapPassAtK(TALLIES_64, [1, 8, 64], { seed: 2025, resamples: 2000 });
  exact("bootstrap.problems", boot.problems);
  for (const p of boot.points) {
    for (const field of ["estimate", "standardError", "lower", "upper"]) float(`bootstrap.k=${p.k}.${field}`, p[field]);
  }

  // Beta-binomial fit (Nelder-Mead over log-likelihoods) and its seeded bootstrap prediction.
  const zi = core.fitBetaBinomial(TALLIES_16, { zeroInflated: true });
  for (const field of ["alpha", "beta", "unsolvableShare", "logLikelihood"]) float(`fit.zeroInflated.${field}`, zi[field]);
  exact("fit.zeroInflated.converged", zi.converged);
  const pred = core.predictPassAtKBeyond(TALLIES_16, [16, 128, 1024], { seed: 7, resamples: 40 });
  for (const field of ["alpha", "beta", "logLikelihood"]) float(`prediction.fit.${field}`, pred.fit[field]);
  exact("prediction.fit.converged", pred.fit.converged);
  exact("prediction.unconvergedRefits", pred.unconvergedRefits);
  for (const p of pred.points) {
    for (const field of ["estimate", "lower", "upper", "marginal"]) float(`prediction.K=${p.K}.${field}`, p[field]);
  }
  // method "auto": every candidate (beta, scaled beta, their zero-inflated forms) with its held-out
  // score, its own seeded bootstrap interval, and the combined unsolvable share.
  exact("prediction.method", pred.method);
  for (const field of ["estimate", "lower", "upper"]) float(`prediction.unsolvableShare.${field}`, pred.unsolvableShare[field]);
  const modelFields = (model) => Object.keys(model).filter((f) => typeof model[f] === "number" && f !== "problems").sort();
  for (const c of pred.candidates) {
    const at = `prediction.${c.method}`;
    float(`${at}.logLikelihood`, c.logLikelihood);
    if (c.heldOut === undefined) exact(`${at}.heldOut`, "undefined");
    else float(`${at}.heldOut`, c.heldOut);
    for (const field of ["plausible", "converged", "atBoundary"]) exact(`${at}.${field}`, c[field]);
    for (const field of modelFields(c.model)) float(`${at}.model.${field}`, c.model[field]);
    for (const p of c.points) for (const field of ["estimate", "lower", "upper"]) float(`${at}.K=${p.K}.${field}`, p[field]);
  }
  // The scaled beta on its own, and the grid NPMLE (EM on a fixed grid) with its seeded bootstrap.
  const scaled = core.fitScaledBetaBinomial(TALLIES_16, { zeroInflated: true });
  for (const field of ["alpha", "beta", "scale", "unsolvableShare", "logLikelihood"]) float(`fit.scaledBeta.${field}`, scaled[field]);
  exact("fit.scaledBeta.converged", scaled.converged);
  const grid = core.fitMixingDistribution(TALLIES_16);
  float("fit.npmle.logLikelihood", grid.logLikelihood);
  float("fit.npmle.gap", grid.gap);
  exact("fit.npmle.iterations", grid.iterations);
  grid.weights.forEach((w, i) => float(`fit.npmle.weight.${i}`, w));
  const npmle = core.predictPassAtKBeyond(TALLIES_16, [64, 1024], { method: "npmle", seed: 11, resamples: 8 });
  for (const p of npmle.points) {
    for (const field of ["estimate", "lower", "upper", "marginal"]) float(`prediction.npmle.K=${p.K}.${field}`, p[field]);
  }
  exact("prediction.npmle.unconvergedRefits", npmle.unconvergedRefits);

  // One logprob adapter and the perplexity of its sequence (hand-written Chat Completions payload
  // with multi-byte UTF-8 tokens).
  const payload = {
    choices: [
      {
        index: 0,
        logprobs: {
          content: [
            { token: "The", logprob: -0.0123, bytes: [84, 104, 101], top_logprobs: [] },
            { token: " answer", logprob: -1.5, bytes: [32, 97, 110, 115, 119, 101, 114], top_logprobs: [] },
            { token: " is", logprob: -0.25, bytes: [32, 105, 115], top_logprobs: [] },
            { token: " π", logprob: -3.75, bytes: [32, 207, 128], top_logprobs: [] },
            { token: "≈", logprob: -0.007125, bytes: [226, 137, 136], top_logprobs: [] },
            { token: "3.14", logprob: -0.6931471805599453, bytes: [51, 46, 49, 52], top_logprobs: [] },
          ],
        },
      },
    ],
  };
  const [sequence] = core.fromOpenAIChat(payload);
  const ppl = core.sequencePerplexity(sequence);
  exact("perplexity.tokens", ppl.tokens);
  exact("perplexity.bytes", ppl.bytes);
  for (const field of ["sumNll", "meanNll", "perplexity", "bitsPerToken", "bitsPerByte"]) float(`perplexity.${field}`, ppl[field]);

  // Math verdicts (passk/math: the CAS).
  if (math !== undefined) {
    const verifier = math.mathVerifier();
    const cases = [
      ["so the answer is $\\boxed{\\frac{1}{2}}$", "0.5"],
      ["$\\boxed{2\\sqrt{2}}$", "\\sqrt{8}"],
      ["The answer is $\\boxed{\\frac{3}{4}}$.", "0.7"],
    ];
    for (const [i, [response, reference]] of cases.entries()) {
      const r = await core.runVerifier(verifier, response, reference);
      exact(`math.verdict[${i}]`, `${r.status} ${r.extracted ?? ""}`);
    }
  }

  // The primitives behind every float above, measured directly: 256 arguments each.
  const xs = primitiveArguments(256);
  xs.forEach((x, i) => {
    float(`Math.log1p[${i}]`, Math.log1p(-x * 0.5)); // log((n − c − j)/(n − j)) near 0
    float(`Math.expm1[${i}]`, Math.expm1(-x * 40)); // −expm1(Σ log) of pass@k
    float(`Math.log[${i}]`, Math.log(x * 1000 + 0.001));
    float(`Math.exp[${i}]`, Math.exp(x * 60 - 30));
    float(`Math.pow[${i}]`, Math.pow(x + 0.5, 37.5 * x));
    // Control: IEEE 754 requires sqrt to be correctly rounded, so any difference here means the
    // comparison itself is broken.
    exact(`Math.sqrt[${i}]`, Math.sqrt(x * 1000));
  });

  return out;
}
