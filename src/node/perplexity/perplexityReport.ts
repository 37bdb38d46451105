/**
 * The study's perplexity comparison: per set of scored responses, corpus perplexity (micro and
 * macro), bits per byte and quantiles; between sets, where one set falls in another.
 * @module
 */
import { EmptyDatasetError, InvalidArgumentError } from "../../errors/errors.js";
import {
  comparePerplexities,
  DEFAULT_QUANTILES,
  summarizePerplexities,
  type DistributionSummary,
  type LogprobDistribution,
  type SequencePerplexity,
} from "../../logprobs/index.js";

/**
 * One set of responses, each already reduced by `sequencePerplexity` (under the policy of the
 * caller's choice), e.g. "the RL model's answers scored by the base model".
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * import type { PerplexitySetInput } from "passk/node";
 * const set: PerplexitySetInput = { name: "base(Y_RL)", results: [sequencePerplexity([Math.log(0.5)])] };
 * console.log(set.results[0]!.perplexity); // => 2
 * ```
 */
export interface PerplexitySetInput {
  /** Name shown in tables and the figure. */
  readonly name: string;
  /** Per-response results, in reading order. */
  readonly results: readonly SequencePerplexity[];
  /** The distinct `distribution` notes of the responses (see `LogprobDistribution`). */
  readonly distributions?: readonly LogprobDistribution[];
  /** Files the set was read from. */
  readonly files?: readonly string[];
  /** Lines that could not be read (collect mode), reported beside the numbers. */
  readonly rejected?: number;
  /** Responses whose boundary token straddled prompt and response. */
  readonly straddled?: number;
}

/**
 * The summary of one set.
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * import { perplexityReport } from "passk/node";
 * const r = perplexityReport([{ name: "a", results: [sequencePerplexity([Math.log(0.5)]), sequencePerplexity([Math.log(0.25), Math.log(0.25)])] }]);
 * const set = r.sets[0]!;
 * console.log(set.responses, set.tokens, set.macroPerplexity, set.microPerplexity.toFixed(12)); // => 2 3 3 3.174802103936
 * ```
 */
export interface PerplexitySetReport {
  /** The set's name. */
  readonly name: string;
  /** Files read. */
  readonly files: readonly string[];
  /** Responses N. */
  readonly responses: number;
  /** Scored tokens Σ T_i. */
  readonly tokens: number;
  /** Distinct `source` formats (more than one is refused). */
  readonly sources: readonly string[];
  /** Distinct distribution notes. */
  readonly distributions: readonly LogprobDistribution[];
  /** Σ_i sumNll_i, in nats. */
  readonly sumNll: number;
  /** Σ sumNll / Σ T: token-weighted mean NLL (nats). */
  readonly microMeanNll: number;
  /** exp(microMeanNll). */
  readonly microPerplexity: number;
  /** microMeanNll / ln 2. */
  readonly microBitsPerToken: number;
  /** Mean over responses of each response's perplexity. */
  readonly macroPerplexity: number;
  /** Mean over responses of each response's log-perplexity (nats). */
  readonly macroLogPerplexity: number;
  /** Σ sumNll / (Σ bytes · ln 2) when every response's bytes are known, else null. */
  readonly bitsPerByte: number | null;
  /** Quantiles of the per-response perplexities. */
  readonly perplexity: DistributionSummary;
  /** Quantiles of the per-response log-perplexities (mean NLL, nats). */
  readonly logPerplexity: DistributionSummary;
  /** Tokens dropped, clamped and zeroed by the logprob policy. */
  readonly skipped: number;
  /** See `skipped`. */
  readonly clamped: number;
  /** See `skipped`. */
  readonly zeroed: number;
  /** Lines that could not be read. */
  readonly rejected: number;
  /** Responses whose boundary token straddled prompt and response. */
  readonly straddled: number;
}

/**
 * Where set `a` falls in set `b` (see `comparePerplexities`).
 *
 * @example
 * ```ts
 * import type { PerplexityPairReport } from "passk/node";
 * const pair: PerplexityPairReport = { a: "base(Y_RL)", b: "base(Y_base)", q: 0.5, threshold: 1.8, shareOfABelow: 0.71, medianA: 1.5, medianB: 1.8 };
 * console.log(`${(100 * pair.shareOfABelow).toFixed(0)}% of ${pair.a} below the median of ${pair.b}`); // => 71% of base(Y_RL) below the median of base(Y_base)
 * ```
 */
export interface PerplexityPairReport {
  /** The set located. */
  readonly a: string;
  /** The reference set. */
  readonly b: string;
  /** Quantile level of `b` used as threshold. */
  readonly q: number;
  /** The q-quantile of b's per-response perplexities. */
  readonly threshold: number;
  /** Share of a's responses with perplexity strictly below it. */
  readonly shareOfABelow: number;
  /** Median per-response perplexity of a. */
  readonly medianA: number;
  /** Median per-response perplexity of b. */
  readonly medianB: number;
}

/**
 * Options of {@link perplexityReport}.
 *
 * @example
 * ```ts
 * import type { PerplexityReportOptions } from "passk/node";
 * const options: PerplexityReportOptions = { q: 0.5, reference: "base(Y_base)", probabilities: [0.1, 0.5, 0.9] };
 * console.log(options.reference); // => base(Y_base)
 * ```
 */
export interface PerplexityReportOptions {
  /** Quantile levels of the summaries (default 5%, 25%, 50%, 75%, 95%; 0.25, 0.5 and 0.75 are always added). */
  readonly probabilities?: readonly number[];
  /** Quantile level of the reference set in the comparisons (default 0.5: the median). */
  readonly q?: number;
  /** Compare every other set with this one only; default: every ordered pair of sets. */
  readonly reference?: string;
  /** Settings the results were computed with, recorded in the report (e.g. the invalid-logprob policy). */
  readonly settings?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * The whole report (report.json of `passk perplexity report`).
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * import { perplexityReport } from "passk/node";
 * const r = perplexityReport([{ name: "a", results: [sequencePerplexity([-1])] }]);
 * console.log(r.format, r.version, r.comparisons.length); // => passk-perplexity-report 1 0
 * ```
 */
export interface PerplexityReport {
  /** Always `"passk-perplexity-report"`. */
  readonly format: "passk-perplexity-report";
  /** Schema version: 1. */
  readonly version: 1;
  /** Quantile levels, comparison level and the caller's settings. */
  readonly settings: {
    /** Quantile levels of the summaries. */
    readonly probabilities: readonly number[];
    /** Quantile level of the comparisons. */
    readonly q: number;
    /** The reference set, if one was named. */
    readonly reference: string | null;
    /** Other settings recorded by the caller. */
    readonly [key: string]: unknown;
  };
  /** One summary per set, in input order. */
  readonly sets: readonly PerplexitySetReport[];
  /** Comparisons between sets. */
  readonly comparisons: readonly PerplexityPairReport[];
  /** Caveats: sets from different engines or distributions. */
  readonly warnings: readonly string[];
}

function withQuartiles(probabilities: readonly number[]): number[] {
  // The figure's boxes need the quartiles whatever else was asked.
  return [...new Set([...probabilities, 0.25, 0.5, 0.75])].sort((x, y) => x - y);
}

function quantile(summary: DistributionSummary, p: number): number {
  const q = summary.quantiles.find((x) => x.p === p);
  if (q === undefined) throw new InvalidArgumentError(`quantile ${p} was not computed`, { field: "probabilities" });
  return q.value;
}

/** One set's summary; the sums run in input order, exactly as `corpusPerplexity` does. */
function summarizeSet(set: PerplexitySetInput, probabilities: readonly number[]): PerplexitySetReport {
  if (set === null || typeof set !== "object" || typeof set.name !== "string" || set.name === "") {
    throw new InvalidArgumentError("every set needs a non-empty name", { field: "sets", value: set });
  }
  const results = set.results;
  if (!Array.isArray(results as unknown) || results.length === 0) {
    throw new EmptyDatasetError(`set ${JSON.stringify(set.name)} has no responses: its perplexity is undefined`, { field: `sets.${set.name}` });
  }
  const sources: string[] = [];
  let sumNll = 0;
  let tokens = 0;
  let bytes = 0;
  let bytesKnown = true;
  let macroSum = 0;
  let macroLogSum = 0;
  let skipped = 0;
  let clamped = 0;
  let zeroed = 0;
  const perplexities = new Float64Array(results.length);
  const meanNlls = new Float64Array(results.length);
  results.forEach((r, i) => {
    if (r.source !== undefined && !sources.includes(r.source)) {
      sources.push(r.source);
      if (sources.length > 1) {
        throw new InvalidArgumentError(
          `set ${JSON.stringify(set.name)} mixes responses from ${JSON.stringify(sources[0])} and ${JSON.stringify(r.source)} (response ${i}): ` +
            `engines report different distributions, so one perplexity over both means nothing`,
          { field: `sets.${set.name}`, value: r.source },
        );
      }
    }
    sumNll += r.sumNll;
    tokens += r.tokens;
    macroSum += r.perplexity;
    macroLogSum += r.meanNll;
    if (r.bytes === undefined) bytesKnown = false;
    else bytes += r.bytes;
    skipped += r.skipped;
    clamped += r.clamped;
    zeroed += r.zeroed;
    perplexities[i] = r.perplexity;
    meanNlls[i] = r.meanNll;
  });
  const n = results.length;
  const microMeanNll = sumNll / tokens;
  return {
    name: set.name,
    files: [...(set.files ?? [])],
    responses: n,
    tokens,
    sources,
    distributions: [...(set.distributions ?? [])],
    sumNll,
    microMeanNll,
    microPerplexity: Math.exp(microMeanNll),
    microBitsPerToken: microMeanNll / Math.LN2,
    macroPerplexity: macroSum / n,
    macroLogPerplexity: macroLogSum / n,
    bitsPerByte: bytesKnown && bytes > 0 ? sumNll / (bytes * Math.LN2) : null,
    perplexity: summarizePerplexities(perplexities, probabilities),
    logPerplexity: summarizePerplexities(meanNlls, probabilities),
    skipped,
    clamped,
    zeroed,
    rejected: set.rejected ?? 0,
    straddled: set.straddled ?? 0,
  };
}

/**
 * Summarizes sets of scored responses and compares them, for the study's perplexity figure: how
 * likely the base model finds the RL model's answers, PPL_base(Y_RL | x), beside its own,
 * PPL_base(Y_base | x), and the RL model's view of its own, PPL_RL(Y_RL | x).
 *
 * Per set: micro (token-weighted) and macro (per-response) perplexity, bits per token and per
 * byte, and quantiles of the per-response perplexities and log-perplexities (type 7). Between
 * sets: `comparePerplexities` of the per-response perplexities, i.e. the share of a's responses
 * below the q-quantile (default the median) of b's: for every ordered pair of sets, or of each set
 * against `reference`. Sets from different engines (`source`) or distributions are compared but
 * warned about.
 *
 * @param sets - the sets, each with at least one response
 * @param options - see {@link PerplexityReportOptions}
 * @throws {@link index!EmptyDatasetError} for an empty set; {@link index!InvalidArgumentError} for
 *   a set mixing sources, duplicate names, or an unknown reference
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * import { perplexityReport } from "passk/node";
 * const ppl = (p: number) => sequencePerplexity([Math.log(p)]); // a one-token response with perplexity 1/p
 * const report = perplexityReport([
 *   { name: "base(Y_RL)", results: [ppl(1 / 2), ppl(1 / 3), ppl(1 / 9)] },
 *   { name: "base(Y_base)", results: [ppl(1 / 4), ppl(1 / 5), ppl(1 / 6)] },
 * ], { reference: "base(Y_base)" });
 * const c = report.comparisons[0]!;
 * // perplexities 2, 3, 9 against the median 5 of 4, 5, 6: two of three below
 * console.log(c.a, c.b, c.threshold.toFixed(12), c.shareOfABelow.toFixed(4)); // => base(Y_RL) base(Y_base) 5.000000000000 0.6667
 * ```
 */
export function perplexityReport(sets: readonly PerplexitySetInput[], options: PerplexityReportOptions = {}): PerplexityReport {
  if (!Array.isArray(sets as unknown) || sets.length === 0) throw new EmptyDatasetError("no sets to report", { field: "sets" });
  const probabilities = withQuartiles(options.probabilities ?? DEFAULT_QUANTILES);
  const q = options.q ?? 0.5;
  const names = new Set<string>();
  for (const s of sets) {
    if (names.has(s.name)) throw new InvalidArgumentError(`two sets are named ${JSON.stringify(s.name)}`, { field: "sets", value: s.name });
    names.add(s.name);
  }
  const reference = options.reference;
  if (reference !== undefined && !names.has(reference)) {
    throw new InvalidArgumentError(`reference ${JSON.stringify(reference)} names no set (sets: ${[...names].join(", ")})`, { field: "reference", value: reference });
  }
  const summaries = sets.map((s) => summarizeSet(s, probabilities));
  const values = new Map(sets.map((s) => [s.name, Float64Array.from(s.results.map((r) => r.perplexity))] as const));
  const comparisons: PerplexityPairReport[] = [];
  for (const a of summaries) {
    for (const b of summaries) {
      if (a === b || (reference !== undefined && b.name !== reference)) continue;
      const c = comparePerplexities(values.get(a.name) as Float64Array, values.get(b.name) as Float64Array, { probabilities: [0.5], q });
      comparisons.push({
        a: a.name,
        b: b.name,
        q,
        threshold: c.threshold,
        shareOfABelow: c.shareOfABelow,
        medianA: quantile(c.a, 0.5),
        medianB: quantile(c.b, 0.5),
      });
    }
  }
  const warnings: string[] = [];
  const sources = [...new Set(summaries.flatMap((s) => s.sources))];
  if (sources.length > 1) {
    warnings.push(`the sets come from different logprob sources (${sources.join(", ")}): engines and APIs report different distributions, so compare with care`);
  }
  const distributions = [...new Set(summaries.flatMap((s) => s.distributions))];
  if (distributions.length > 1) {
    warnings.push(`the sets mix logprob distributions (${distributions.join(", ")}): raw and post-sampling logprobs give different perplexities for the same text`);
  }
  for (const s of summaries) {
    if (s.rejected > 0) warnings.push(`set ${s.name}: ${s.rejected} line(s) could not be read and are not in its numbers`);
    if (s.skipped > 0 || s.clamped > 0) warnings.push(`set ${s.name}: the logprob policy skipped ${s.skipped} and clamped ${s.clamped} token(s)`);
    if (s.straddled > 0) warnings.push(`set ${s.name}: ${s.straddled} response(s) had a token straddling prompt and response`);
  }
  return {
    format: "passk-perplexity-report",
    version: 1,
    settings: { ...(options.settings ?? {}), probabilities, q, reference: reference ?? null },
    sets: summaries,
    comparisons,
    warnings,
  };
}
