/**
 * A deterministic synthetic study with the shape of the RLVR finding.
 * @module
 */
import { SeededRandom } from "../analysis/index.js";
import { InvalidArgumentError } from "../errors/errors.js";

/** Options of {@link generateDemoStudy}. */
export interface DemoStudyOptions {
  /** Seed of the generator (non-negative safe integer). */
  readonly seed: number;
  /** Number of problems (2 to 100,000; default 400). */
  readonly problems?: number;
  /** Samples per problem and model (1 to 4096; default 256). */
  readonly samples?: number;
}

/** The graded samples of one synthetic model. */
export interface DemoModel {
  /** Model name: `"base"` or `"RL"`. */
  readonly model: string;
  /** Per problem (index = problem id), the success rate the samples were drawn with. */
  readonly rates: readonly number[];
  /** Per problem, the correctness of each sample. */
  readonly samples: readonly (readonly boolean[])[];
}

/** A synthetic study: a base model and an RL-trained model on the same problems. */
export interface DemoStudy {
  /** The base model, then the RL model. */
  readonly models: readonly [DemoModel, DemoModel];
}

const TWO_32 = 4294967296;

function checkCount(value: unknown, field: string, max: number, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${field} must be an integer from ${min} to ${max}, got ${String(value)}`, { field, value });
  }
  return value;
}

/**
 * Generates a deterministic synthetic study shaped like the finding of Yue et al. 2025 ("Does
 * Reinforcement Learning Really Incentivize Reasoning Capacity in LLMs Beyond the Base Model?"):
 * the RL model wins at small k and the base model wins at large k.
 *
 * Per problem, with u uniform draws from a {@link SeededRandom} started at `seed`:
 * - 12% of problems are beyond both models (rate 0), and 2% are solvable by RL only (rate
 *   0.02–0.07, base 0): the rare genuinely new capability;
 * - otherwise the base rate is p_b = u^2.5, so most problems are hard for the
 *   base model with a tail of easy ones; RL sharpens the distribution, p_rl = min(0.995, p_b^0.45),
 *   except that it stops solving the hardest problems (p_rl = 0 for every p_b < 0.01 and for half
 *   of those with p_b < 0.04): RL
 *   narrows the set of problems it can solve while raising the success rate on the rest.
 *
 * Then every sample is an independent Bernoulli draw with its model's rate.
 *
 * @param options - see {@link DemoStudyOptions}
 * @throws {@link InvalidArgumentError} for a bad seed, problem count or sample count
 *
 * @example
 * ```ts
 * import { generateDemoStudy } from "passk/cli";
 * const study = generateDemoStudy({ seed: 1, problems: 50, samples: 8 });
 * console.log(study.models.map((m) => m.model), study.models[1].samples[0]!.length); // => [ 'base', 'RL' ] 8
 * const again = generateDemoStudy({ seed: 1, problems: 50, samples: 8 });
 * console.log(JSON.stringify(again) === JSON.stringify(study)); // => true
 * ```
 */
export function generateDemoStudy(options: DemoStudyOptions): DemoStudy {
  const rng = new SeededRandom(options.seed);
  const problems = checkCount(options.problems ?? 400, "problems", 100_000, 2);
  const n = checkCount(options.samples ?? 256, "samples", 4096, 1);
  const u = () => rng.nextUint32() / TWO_32;
  const baseRates: number[] = [];
  const rlRates: number[] = [];
  for (let p = 0; p < problems; p++) {
    const kind = u();
    let pb: number;
    let pr: number;
    if (kind < 0.12) {
      pb = 0;
      pr = 0;
    } else if (kind < 0.14) {
      pb = 0;
      pr = 0.02 + 0.05 * u();
    } else {
      pb = u() ** 2.5;
      const dropped = pb < 0.01 || (pb < 0.04 && u() < 0.5);
      pr = dropped ? 0 : Math.min(0.995, pb ** 0.45);
    }
    baseRates.push(pb);
    rlRates.push(pr);
  }
  const draw = (rates: readonly number[]) => rates.map((rate) => Array.from({ length: n }, () => u() < rate));
  const base = { model: "base", rates: baseRates, samples: draw(baseRates) };
  const rl = { model: "RL", rates: rlRates, samples: draw(rlRates) };
  return { models: [base, rl] };
}

/**
 * One model's samples as Qwen2.5-Math evaluation JSONL (the format of the limit-of-RLVR study):
 * one line per problem, `{"idx": p, "score": [true, false, ...]}`, newline-terminated.
 *
 * @param model - a {@link DemoModel}
 *
 * @example
 * ```ts
 * import { demoModelJsonl } from "passk/cli";
 * console.log(demoModelJsonl({ model: "m", rates: [0.5], samples: [[true, false]] }).trim()); // => {"idx":0,"score":[true,false]}
 * ```
 */
export function demoModelJsonl(model: DemoModel): string {
  return model.samples.map((score, idx) => `${JSON.stringify({ idx, score })}\n`).join("");
}

/** One set of the synthetic perplexity study: responses of one model scored by one model. */
export interface DemoPerplexitySet {
  /** Set name, e.g. `"Base(Y_RL)"`: the base model scoring the RL model's responses. */
  readonly name: string;
  /** File name the demo writes it to. */
  readonly file: string;
  /** The set as scored-response JSONL (`passk-scored/1` lines), newline-terminated. */
  readonly jsonl: string;
}

/** Options of {@link generateDemoPerplexity}. */
export interface DemoPerplexityOptions {
  /** Seed of the generator (non-negative safe integer). */
  readonly seed: number;
  /** Number of problems (1 to 10,000; default 200). */
  readonly problems?: number;
  /** Responses per problem in each set (1 to 64; default 4). */
  readonly samples?: number;
}

// Per-token mean NLL (nats) of each set: the RL model's answers are likelier under the base
// model than the base model's own samples (RL sharpens towards the base model's high-probability
// region), and likelier still under the RL model itself.
const PERPLEXITY_SETS: readonly { name: string; file: string; scorer: string; meanNll: number }[] = [
  { name: "Base(Y_base)", file: "base-scores-base.jsonl", scorer: "synthetic-base", meanNll: 0.5 },
  { name: "Base(Y_RL)", file: "base-scores-RL.jsonl", scorer: "synthetic-base", meanNll: 0.38 },
  { name: "RL(Y_RL)", file: "RL-scores-RL.jsonl", scorer: "synthetic-RL", meanNll: 0.22 },
];

const DEMO_TOKENS = [" the", " answer", " is", " so", " we", " get", " x", " =", " 4", "2", ".", "\n", " Let", " $", "\\frac", "{1}"];

/**
 * Generates the synthetic scored responses of the demo's perplexity part: three sets shaped like
 * the study's perplexity comparison (Yue et al. 2025), each `problems × samples` responses written
 * as `passk perplexity score` output (`passk-scored/1`, source `"synthetic"`), so
 * `passk perplexity report` reads them like real data:
 *
 * - `Base(Y_base)`: the base model's responses scored by the base model;
 * - `Base(Y_RL)`: the RL model's responses scored by the base model;
 * - `RL(Y_RL)`: the RL model's responses scored by the RL model.
 *
 * Each response has 40–199 tokens; its tokens' NLLs are exponential draws with mean
 * `m · e^(0.6 z)` (z a sum of three centered uniforms, one per response), m = 0.5, 0.38 and 0.22
 * nats for the three sets. Token texts come from a small fixed list, so bits per byte are known.
 *
 * @param options - see {@link DemoPerplexityOptions}
 * @throws {@link index!InvalidArgumentError} for a bad seed, problem or sample count
 *
 * @example
 * ```ts
 * import { generateDemoPerplexity } from "passk/cli";
 * const sets = generateDemoPerplexity({ seed: 1, problems: 5, samples: 2 });
 * console.log(sets.map((s) => s.name), sets[0]!.jsonl.split("\n").length - 1); // => [ 'Base(Y_base)', 'Base(Y_RL)', 'RL(Y_RL)' ] 10
 * console.log(JSON.stringify(generateDemoPerplexity({ seed: 1, problems: 5, samples: 2 })) === JSON.stringify(sets)); // => true
 * ```
 */
export function generateDemoPerplexity(options: DemoPerplexityOptions): DemoPerplexitySet[] {
  const rng = new SeededRandom(options.seed);
  const problems = checkCount(options.problems ?? 200, "problems", 10_000, 1);
  const samples = checkCount(options.samples ?? 4, "samples", 64, 1);
  const u = () => rng.nextUint32() / TWO_32;
  const encoder = new TextEncoder();
  return PERPLEXITY_SETS.map((set) => {
    const lines: string[] = [];
    let line = 0;
    for (let p = 0; p < problems; p++) {
      for (let j = 0; j < samples; j++) {
        line++;
        const length = 40 + Math.floor(u() * 160);
        const z = u() + u() + u() - 1.5;
        const mean = set.meanNll * Math.exp(0.6 * z);
        const tokens: string[] = [];
        const logprobs: number[] = [];
        const bytes: number[] = [];
        for (let t = 0; t < length; t++) {
          const text = DEMO_TOKENS[Math.floor(u() * DEMO_TOKENS.length)] as string;
          tokens.push(text);
          bytes.push(encoder.encode(text).length);
          // 1 − u is in (0, 1], so the logprob is finite and ≤ 0.
          logprobs.push(mean * Math.log(1 - u()));
        }
        lines.push(
          JSON.stringify({
            format: "passk-scored/1",
            line,
            problem_id: String(p),
            sample_index: j,
            fingerprint: `demo${String(line).padStart(12, "0")}`,
            server: "vllm",
            model: set.scorer,
            straddle_policy: "error",
            straddle: "none",
            source: "synthetic",
            distribution: "raw",
            prompt_tokens: 40 + length,
            tokens,
            logprobs,
            bytes,
          }),
        );
      }
    }
    return { name: set.name, file: set.file, jsonl: `${lines.join("\n")}\n` };
  });
}
