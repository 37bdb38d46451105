/**
 * `passk demo`: a synthetic study, reported like real data.
 * @module
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { demoModelJsonl, generateDemoStudy } from "../demoStudy.js";
import type { CliIo } from "../io.js";
import type { StudyReport } from "../studyReport.js";
import { runReport } from "./reportCommand.js";

/** Options of {@link runDemo}. */
export interface DemoCommandOptions {
  /** Output folder; default a new temporary folder. */
  readonly out?: string;
  /** Seed of the synthetic data and of the bootstrap. */
  readonly seed: number;
  /** Number of problems. */
  readonly problems: number;
  /** Samples per problem and model. */
  readonly samples: number;
  /** Bootstrap resamples. */
  readonly resamples: number;
  /** Print the report JSON instead of the tables. */
  readonly json: boolean;
  /** No progress bar. */
  readonly quiet: boolean;
}

/**
 * Runs `passk demo`: writes the synthetic study of {@link generateDemoStudy} as Qwen2.5-Math JSONL
 * (`data/base.jsonl`, `data/RL.jsonl`) into the output folder, then runs exactly the report of
 * `passk report data/base.jsonl data/RL.jsonl --base base` on those files into the same folder.
 *
 * @param io - the streams
 * @param options - see {@link DemoCommandOptions}
 * @returns the report and the output folder
 *
 * @example
 * ```ts
 * import { runDemo } from "passk/cli";
 * const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, stderrColumns: 80, cwd: "/" };
 * const { report } = await runDemo(io, { seed: 1, problems: 40, samples: 16, resamples: 50, json: false, quiet: true });
 * console.log(report.models.map((m) => `${m.model}:${m.problems}:${m.maxSamples}`).join(" ")); // => base:40:16 RL:40:16
 * ```
 */
export async function runDemo(io: CliIo, options: DemoCommandOptions): Promise<{ report: StudyReport; dir: string }> {
  const dir = options.out === undefined ? await mkdtemp(join(tmpdir(), "passk-demo-")) : resolve(io.cwd, options.out);
  const study = generateDemoStudy({ seed: options.seed, problems: options.problems, samples: options.samples });
  const dataDir = join(dir, "data");
  await mkdir(dataDir, { recursive: true });
  const files: string[] = [];
  for (const model of study.models) {
    const path = join(dataDir, `${model.model}.jsonl`);
    await writeFile(path, demoModelJsonl(model), "utf8");
    files.push(path);
  }
  if (!options.json) {
    io.stdout(
      `passk demo: synthetic study (seed ${options.seed}): ${options.problems} problems, ${options.samples} samples per problem, ` +
        `models "base" and "RL"\n  data: ${files.join(", ")}\n  same as: passk report ${files.join(" ")} --base base --seed ${options.seed} --out ${dir}\n\n`,
    );
  }
  const report = await runReport(io, files, {
    format: "auto",
    base: "base",
    out: dir,
    seed: options.seed,
    resamples: options.resamples,
    level: 0.95,
    json: options.json,
    quiet: options.quiet,
  });
  return { report, dir };
}
