/**
 * The options check shared by every `passk verify --benchmark` input. Internal.
 * @internal
 * @module
 */
import { UsageError } from "./exitCodes.js";
import type { VerifyInputOptions } from "./verifyInput.js";

/**
 * The `--problems` file of a benchmark's samples, after checking that it is given and that no
 * option of the generic responses format is (a benchmark's samples have their own fixed fields).
 *
 * @param benchmark - the `--benchmark` name, for the messages
 * @param why - what the messages add: after `needs --problems ` (the file and why it is needed),
 *   and in parentheses after a misplaced field option (what the samples hold)
 * @throws {@link UsageError} without `--problems`, or with `--model-field`, `--problem-field`,
 *   `--sample-index-field`, `--response-field` or `--reference-field`
 * @internal
 */
export function benchmarkProblemsFile(options: VerifyInputOptions, benchmark: string, why: { readonly problems: string; readonly fields: string }): string {
  if (options.problems === undefined) throw new UsageError(`--benchmark ${benchmark} needs --problems ${why.problems}`, { field: "--problems" });
  for (const [flag, value] of [
    ["--model-field", options.modelField],
    ["--problem-field", options.problemField],
    ["--sample-index-field", options.sampleIndexField],
    ["--response-field", options.responseField],
    ["--reference-field", options.referenceField],
  ] as const) {
    if (value !== undefined) throw new UsageError(`${flag} does not apply with --benchmark ${benchmark} (${why.fields})`, { field: flag, value });
  }
  return options.problems;
}
