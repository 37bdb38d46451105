/**
 * What the adapters to eval frameworks share: the scorer's name, running the verifier with
 * failures thrown, and the verdict as JSON metadata.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { VerificationFailedError } from "./errors.js";
import { runVerifier, verifierContext } from "./runVerifier.js";
import type { Verifier, VerifierResult, VerifierStatus } from "./verifier.js";

/**
 * The verdict of a verification as the adapters report it: plain JSON (a type alias, not an
 * interface, so that it is assignable to index-signature types such as vitest-evals'
 * `Record<string, JsonValue | undefined>`).
 *
 * @example
 * ```ts
 * import { toAutoevalsScorer, gsm8kMatch } from "passk";
 * const s = await toAutoevalsScorer(gsm8kMatch())({ output: "#### 5", expected: "4" });
 * console.log(JSON.stringify(s.metadata)); // => {"status":"wrong","correct":false,"extracted":"5","reason":"expected 4, got 5"}
 * ```
 */
export type VerdictMetadata = {
  /** Status of the verification: `"correct"`, `"wrong"` or `"unparsed"` (failures are thrown). */
  readonly status: VerifierStatus;
  /** Exactly `status === "correct"`. */
  readonly correct: boolean;
  /** The answer the verifier extracted, when it reports one. */
  readonly extracted?: string;
  /** The verifier's reason, when it gives one. */
  readonly reason?: string;
};

/**
 * Options every passk → framework adapter takes.
 *
 * @example
 * ```ts
 * import { toAutoevalsScorer, exactMatch } from "passk";
 * const scorer = toAutoevalsScorer(exactMatch(), { name: "city", timeoutMs: 1000 });
 * console.log(scorer.name, (await scorer({ output: "Rome", expected: "Paris" })).score); // => city 0
 * ```
 */
export interface ScorerOptions {
  /** Name of the scorer in the framework's reports. Default: the verifier's `name`. */
  readonly name?: string;
  /** Per-call time budget in ms, handed to the verifier as its context deadline. */
  readonly timeoutMs?: number;
}

/** `options.name`, else the verifier's own name; throws when neither is a non-empty string. */
export function scorerName(verifier: unknown, name: unknown): string {
  if (typeof verifier !== "function") {
    throw new InvalidArgumentError(`verifier must be a function, got ${typeof verifier}`, { field: "verifier", value: verifier });
  }
  if (name !== undefined) {
    if (typeof name !== "string" || name === "") {
      throw new InvalidArgumentError(`options.name must be a non-empty string, got ${String(name)}`, { field: "name", value: name });
    }
    return name;
  }
  if (verifier.name !== "") return verifier.name;
  // An empty name would leave scores unlabelled (Braintrust's scorer_0, vitest-evals' Unknown).
  throw new InvalidArgumentError("the verifier has no name: give options.name", { field: "name", value: name });
}

/** Throws unless `timeoutMs` is absent or a finite number > 0. */
export function assertTimeout(timeoutMs: unknown): void {
  if (timeoutMs !== undefined && (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0)) {
    throw new InvalidArgumentError(`options.timeoutMs must be a finite number > 0, got ${String(timeoutMs)}`, {
      field: "timeoutMs",
      value: timeoutMs,
    });
  }
}

/**
 * Runs the verifier and returns its judgement; a verification that could not judge (`"error"` or
 * `"timeout"`) throws {@link VerificationFailedError}, because a framework's score has no value
 * for "not judged" and 0 would count a grader failure as a wrong answer.
 */
export async function judgeOrThrow<Ref>(
  verifier: Verifier<Ref>,
  response: unknown,
  reference: Ref,
  name: string,
  timeoutMs: number | undefined,
): Promise<VerifierResult> {
  const ctx = verifierContext(timeoutMs === undefined ? {} : { timeoutMs });
  const r = await runVerifier(verifier, response as string, reference, ctx);
  if (r.status === "error" || r.status === "timeout") {
    throw new VerificationFailedError(`verifier ${name} could not judge the output (${r.status}): ${r.reason ?? ""}`, r.status, {
      field: "output",
    });
  }
  return r;
}

/** The score a framework records: the verifier's graded score, else 1 for correct and 0 otherwise. */
export function scoreOf(r: VerifierResult): number {
  return r.score ?? (r.correct ? 1 : 0);
}

/** The verdict as {@link VerdictMetadata}. */
export function verdictMetadata(r: VerifierResult): VerdictMetadata {
  return {
    status: r.status,
    correct: r.correct,
    ...(r.extracted === undefined ? {} : { extracted: r.extracted }),
    ...(r.reason === undefined ? {} : { reason: r.reason }),
  };
}

/** One line for reports: `name: status (extracted "x"): reason`. */
export function describeVerdict(name: string, r: VerifierResult): string {
  const extracted = r.extracted === undefined ? "" : ` (extracted ${JSON.stringify(r.extracted)})`;
  return `${name}: ${r.status}${extracted}${r.reason === undefined ? "" : `: ${r.reason}`}`;
}
