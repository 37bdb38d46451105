/**
 * `passk merge`: TallyAccumulator JSON shards from many workers → one tallies file.
 * @module
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { PasskError } from "../../errors/errors.js";
import { IngestError } from "../../node/ingestError.js";
import { TallyAccumulator } from "../../tallies/index.js";
import { UsageError } from "../exitCodes.js";
import type { CliIo } from "../io.js";
import { readTallyFile } from "../tallyFile.js";

/** Options of {@link runMerge}. */
export interface MergeCommandOptions {
  /** Where to write the merged tallies (default: standard output). */
  readonly out?: string;
}

/**
 * Runs `passk merge`: reads every shard (each the JSON of {@link index!TallyAccumulator.toJSON}),
 * merges them exactly ({@link index!TallyAccumulator.merge}: counts add, sample-index ranges
 * unite) and writes the result, then a one-line summary to standard error. A sample present in
 * two shards (same model, problem and sample index) is an error naming the shard, never a double
 * count; so are shards with and without answers, and a file given twice.
 *
 * @param io - the streams
 * @param files - the shard files
 * @param options - see {@link MergeCommandOptions}
 * @returns the merged accumulator
 * @throws {@link node!IngestError} naming the shard that cannot be read or merged; {@link UsageError} for no shard or a repeated one
 *
 * @example
 * ```ts
 * import { writeFileSync, mkdtempSync, readFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { TallyAccumulator } from "passk";
 * import { runMerge } from "passk/cli";
 * const dir = mkdtempSync(join(tmpdir(), "passk-"));
 * const shard = (i: number) => new TallyAccumulator().add({ model: "m", problemId: "p", sampleIndex: i, correct: i === 0 });
 * writeFileSync(join(dir, "shard-0.json"), JSON.stringify(shard(0)));
 * writeFileSync(join(dir, "shard-1.json"), JSON.stringify(shard(1)));
 * const err: string[] = [];
 * const io = { stdout: () => {}, stderr: (s: string) => err.push(s), stderrIsTTY: false, stderrColumns: 80, cwd: dir };
 * await runMerge(io, ["shard-0.json", "shard-1.json"], { out: "tallies.json" });
 * console.log(JSON.stringify(JSON.parse(readFileSync(join(dir, "tallies.json"), "utf8")).models[0].problems)); // => [{"problemId":"p","n":2,"c":1,"sampleIndexRuns":[[0,1]]}]
 * console.log(err.join("").trim()); // => passk: merged 2 shards: 1 model, 1 problem, 2 samples -> tallies.json
 * ```
 */
export async function runMerge(io: CliIo, files: readonly string[], options: MergeCommandOptions): Promise<TallyAccumulator> {
  if (files.length === 0) throw new UsageError("give at least one shard file", { field: "files" });
  const seen = new Set<string>();
  for (const f of files) {
    const abs = resolve(io.cwd, f);
    if (seen.has(abs)) throw new UsageError(`${f} is given twice: its samples would be counted twice`, { field: "files", value: f });
    seen.add(abs);
  }
  let merged: TallyAccumulator | undefined;
  for (const f of files) {
    const shard = await readTallyFile(resolve(io.cwd, f), f);
    if (merged === undefined) {
      merged = shard;
      continue;
    }
    try {
      merged.merge(shard);
    } catch (e) {
      if (!(e instanceof PasskError)) throw e;
      throw new IngestError(`cannot merge this shard: ${e.message}`, { file: f, line: 0, field: e.field, value: e.value, problemId: e.problemId, cause: e });
    }
  }
  const acc = merged as TallyAccumulator;
  const text = `${JSON.stringify(acc.toJSON())}\n`;
  if (options.out === undefined) io.stdout(text);
  else await writeFile(resolve(io.cwd, options.out), text);
  const models = acc.models();
  let problems = 0;
  let samples = 0;
  for (const m of models) {
    for (const t of acc.talliesFor(m)) {
      problems++;
      samples += t.n;
    }
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  io.stderr(
    `passk: merged ${plural(files.length, "shard")}: ${plural(models.length, "model")}, ${plural(problems, "problem")}, ${plural(samples, "sample")}` +
      `${options.out === undefined ? "" : ` -> ${options.out}`}\n`,
  );
  return acc;
}
