/**
 * `passk report --by-benchmark`: which benchmark each problem belongs to, from `BENCH:` file
 * arguments or from the problem id itself (`task/doc_id`).
 * @module
 */
import { resolve } from "node:path";
import type { Tally } from "../estimators/tally.js";
import { UsageError } from "./exitCodes.js";
import { findRepeatedFiles, type InputFile } from "./repeatedFiles.js";
import { loadSamples, parseFileSpec, type FileSpec, type LoadOptions, type SourceSummary } from "./loadSamples.js";
import type { ProgressBar } from "./progressBar.js";

/** A file argument of `--by-benchmark`: the file and, with `BENCH:...`, the benchmark of all its problems. */
export interface BenchmarkFileSpec {
  /** The file and its model (`MODEL=PATH`). */
  readonly spec: FileSpec;
  /** The benchmark given with `BENCH:`, if any. */
  readonly benchmark?: string;
}

/**
 * Splits a file argument of `passk report --by-benchmark`: `BENCH:MODEL=PATH` or `BENCH:PATH`
 * names the benchmark of every problem of the file (the text before the first colon, which must
 * contain no `=`, `/` or `\`); the rest is read as a plain file argument (`MODEL=PATH` or `PATH`,
 * see {@link parseFileSpec}). An argument that is itself an existing path is a plain path.
 *
 * @param arg - the argument as typed
 * @param exists - whether a path exists
 * @throws {@link UsageError} for an empty benchmark, model or path
 *
 * @example
 * ```ts
 * import { parseBenchmarkFileSpec } from "passk/cli";
 * console.log(parseBenchmarkFileSpec("aime24:rl=runs/aime-rl.jsonl", () => false)); // => { spec: { path: 'runs/aime-rl.jsonl', model: 'rl' }, benchmark: 'aime24' }
 * console.log(parseBenchmarkFileSpec("lmeval/samples_gsm8k.jsonl", () => false)); // => { spec: { path: 'lmeval/samples_gsm8k.jsonl' } }
 * ```
 */
export function parseBenchmarkFileSpec(arg: string, exists: (path: string) => boolean): BenchmarkFileSpec {
  const colon = arg.indexOf(":");
  const head = colon === -1 ? "" : arg.slice(0, colon);
  if (colon === -1 || exists(arg) || /[=/\\]/.test(head)) return { spec: parseFileSpec(arg, exists) };
  if (head === "") throw new UsageError(`file argument ${JSON.stringify(arg)}: the benchmark before ":" is empty (BENCH:MODEL=PATH)`, { field: "files", value: arg });
  return { spec: parseFileSpec(arg.slice(colon + 1), exists), benchmark: head };
}

/**
 * The benchmark of a problem id under `--by-benchmark`: the part before the first `/` (lm-eval
 * ids are `task/doc_id`; a `BENCH:` file argument makes its ids `BENCH/id`).
 *
 * @param problemId - a problem id
 * @throws {@link UsageError} (field `--by-benchmark`) for an id without `/`, naming it
 *
 * @example
 * ```ts
 * import { benchmarkOfProblemId } from "passk/cli";
 * console.log(benchmarkOfProblemId("gsm8k/17"), benchmarkOfProblemId("math500/algebra/3")); // => gsm8k math500
 * ```
 */
export function benchmarkOfProblemId(problemId: string): string {
  const slash = problemId.indexOf("/");
  if (slash <= 0) {
    throw new UsageError(
      `--by-benchmark: problem id ${JSON.stringify(problemId)} names no benchmark (ids must read BENCH/ID, as lm-eval's task/doc_id; ` +
        `give files whose ids do not as BENCH:MODEL=PATH)`,
      { field: "--by-benchmark", value: problemId },
    );
  }
  return problemId.slice(0, slash);
}

/** The samples of `--by-benchmark` file arguments: per model its tallies, ids qualified by benchmark. */
export interface BenchmarkSamples {
  /** Model → tallies; problems of a `BENCH:` file have the id `BENCH/id`. */
  readonly models: Map<string, Tally[]>;
  /** One summary per file, files without `BENCH:` first, then each benchmark's in name order. */
  readonly sources: readonly SourceSummary[];
  /** The loaders' warnings. */
  readonly warnings: readonly string[];
}

/**
 * The same file (by path or by content, {@link findRepeatedFiles}) given under two benchmarks:
 * for one model an error (its samples would count as the problems of both benchmarks), for two
 * models a warning, as without `--by-benchmark`. Repeats within one benchmark are
 * {@link loadSamples}' to report.
 */
async function repeatedAcrossBenchmarks(args: readonly BenchmarkFileSpec[], cwd: string): Promise<string[]> {
  const files: InputFile[] = args.map((a) => ({ shown: a.benchmark === undefined ? a.spec.path : `${a.benchmark}:${a.spec.path}`, path: resolve(cwd, a.spec.path), model: a.spec.model ?? null }));
  const benchmarkOf = new Map(files.map((f, i) => [f, args[i]?.benchmark]));
  const warnings: string[] = [];
  for (const r of await findRepeatedFiles(files)) {
    const first = benchmarkOf.get(r.first);
    const second = benchmarkOf.get(r.second);
    if (first === second) continue;
    const how = r.why === "path" ? "is the same file as" : "has the same content as";
    const benchmarks = `${first === undefined ? "the benchmarks its ids name" : `benchmark "${first}"`} and ${second === undefined ? "the benchmarks its ids name" : `benchmark "${second}"`}`;
    if (r.first.model === r.second.model) {
      const whose = r.first.model === null ? "the models its lines name" : `model "${r.first.model}"`;
      throw new UsageError(`${r.second.shown} ${how} ${r.first.shown}, both read for ${whose}, under ${benchmarks}: its samples would count as the problems of both. Give each file once.`, {
        field: "files",
        value: r.second.shown,
      });
    }
    warnings.push(`${r.second.shown} (model "${r.second.model ?? "from its lines"}") ${how} ${r.first.shown} (model "${r.first.model ?? "from its lines"}"), under ${benchmarks}: their samples are identical`);
  }
  return warnings;
}

/**
 * Reads the files of `passk report --by-benchmark`: the files of each `BENCH:` prefix together
 * (so several seed files of one model and benchmark stack their samples, as without the flag),
 * each group's problem ids qualified as `BENCH/id` (a Qwen-math `idx` restarts at 0 in every
 * benchmark), and the files without a prefix as they are.
 *
 * @param args - the parsed file arguments
 * @param options - how the files are read
 * @param cwd - folder the paths are relative to
 * @param progress - the progress bar
 * @throws the errors of {@link loadSamples}; {@link UsageError} when a model has one problem id from two groups, or
 *   one file (by path or content) under two benchmarks
 *
 * @example
 * ```ts
 * import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { loadBenchmarkSamples, parseBenchmarkFileSpec } from "passk/cli";
 * const dir = mkdtempSync(join(tmpdir(), "passk-"));
 * writeFileSync(join(dir, "aime.jsonl"), '{"idx": 0, "score": [true, false]}\n');
 * writeFileSync(join(dir, "math.jsonl"), '{"idx": 0, "score": [false, false]}\n');
 * const args = ["aime:rl=aime.jsonl", "math:rl=math.jsonl"].map((a) => parseBenchmarkFileSpec(a, () => false));
 * const { models } = await loadBenchmarkSamples(args, { format: "auto" }, dir);
 * console.log(models.get("rl")); // => [ { problemId: 'aime/0', n: 2, c: 1 }, { problemId: 'math/0', n: 2, c: 0 } ]
 * rmSync(dir, { recursive: true, force: true });
 * ```
 */
export async function loadBenchmarkSamples(
  args: readonly BenchmarkFileSpec[],
  options: LoadOptions,
  cwd: string,
  progress?: ProgressBar,
): Promise<BenchmarkSamples> {
  const warnings: string[] = [];
  warnings.push(...(await repeatedAcrossBenchmarks(args, cwd)));
  const groups = new Map<string | undefined, FileSpec[]>();
  for (const a of args) {
    const list = groups.get(a.benchmark) ?? [];
    list.push(a.spec);
    groups.set(a.benchmark, list);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === undefined ? -1 : b === undefined ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const models = new Map<string, Tally[]>();
  const seen = new Map<string, Set<string>>();
  const sources: SourceSummary[] = [];
  for (const key of keys) {
    const loaded = await loadSamples(groups.get(key) as FileSpec[], options, cwd, progress);
    sources.push(...loaded.sources);
    warnings.push(...loaded.warnings);
    for (const model of loaded.accumulator.models()) {
      const list = models.get(model) ?? [];
      const ids = seen.get(model) ?? new Set<string>();
      for (const t of loaded.accumulator.talliesFor(model)) {
        const problemId = key === undefined ? t.problemId : `${key}/${t.problemId}`;
        if (ids.has(problemId)) {
          throw new UsageError(
            `--by-benchmark: model "${model}" has problem ${JSON.stringify(problemId)} both from a ${key}: file and from a file whose ids name the benchmark: give each file once`,
            { field: "files", value: problemId },
          );
        }
        ids.add(problemId);
        list.push({ problemId, n: t.n, c: t.c });
      }
      models.set(model, list);
      seen.set(model, ids);
    }
  }
  return { models, sources, warnings };
}
