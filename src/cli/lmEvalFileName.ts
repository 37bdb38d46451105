/**
 * What an lm-evaluation-harness sample file's name says: its task and its run's timestamp.
 * @module
 */
import { basename, dirname, resolve } from "node:path";

/** The name lm-eval gives a sample log: `samples_<task>_<ISO date with ':' → '-'>.jsonl` (optionally gzip-compressed). */
const SAMPLES_FILE = /^samples_(.+)_(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d+)?)\.jsonl(?:\.gz)?$/;

/**
 * The task and timestamp of an lm-evaluation-harness sample file named the way the harness names
 * it (`EvaluationTracker.save_results_samples`): `samples_<task>_<date>.jsonl`, the date being
 * `datetime.now().isoformat()` with `:` replaced by `-`. The harness writes these files into a
 * folder named after the model (`<output_path>/<model name, '/' → '__'>/`), so `modelDir` is the
 * name of the folder holding the file. Undefined for any other file name.
 *
 * @param path - the file path
 * @param cwd - directory a relative path is resolved against (for `modelDir`)
 *
 * @example
 * ```ts
 * import { lmEvalSamplesFileName } from "passk/cli";
 * const info = lmEvalSamplesFileName("out/meta-llama__Llama-3.1-8B/samples_minerva_math_algebra_2024-07-01T10-20-30.123456.jsonl", "/work");
 * console.log(info); // => { task: 'minerva_math_algebra', timestamp: '2024-07-01T10-20-30.123456', modelDir: 'meta-llama__Llama-3.1-8B' }
 * console.log(lmEvalSamplesFileName("run0.jsonl", "/work")); // => undefined
 * ```
 */
export function lmEvalSamplesFileName(path: string, cwd: string): { task: string; timestamp: string; modelDir: string } | undefined {
  const m = SAMPLES_FILE.exec(basename(path));
  if (m === null) return undefined;
  return { task: m[1] as string, timestamp: m[2] as string, modelDir: basename(dirname(resolve(cwd, path))) };
}
