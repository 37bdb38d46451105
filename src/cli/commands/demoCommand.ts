/**
 * `passk demo`: a synthetic study, reported like real data.
 * @module
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { PerplexityReport } from "../../node/perplexity/index.js";
import { demoModelJsonl, generateDemoPerplexity, generateDemoStudy } from "../demoStudy.js";
import type { CliIo } from "../io.js";
import type { StudyReport } from "../studyReport.js";
import { runPerplexityReport } from "./perplexityCommand.js";
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
 * Then the perplexity part: the synthetic scored responses of {@link generateDemoPerplexity}
 * (`data/perplexity/*.jsonl`) and exactly `passk perplexity report` on them into `perplexity/`
 * (report.json, report.md and the figure perplexity.svg). With `json` only the study report is
 * printed; the perplexity report is still written.
 *
 * @param io - the streams
 * @param options - see {@link DemoCommandOptions}
 * @returns the report, the perplexity report and the output folder
 *
 * @example
 * ```ts
 * import { runDemo } from "passk/cli";
 * const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, stderrColumns: 80, cwd: "/" };
 * const { report } = await runDemo(io, { seed: 1, problems: 40, samples: 16, resamples: 50, json: false, quiet: true });
 * console.log(report.models.map((m) => `${m.model}:${m.problems}:${m.maxSamples}`).join(" ")); // => base:40:16 RL:40:16
 * ```
 */
export async function runDemo(io: CliIo, options: DemoCommandOptions): Promise<{ report: StudyReport; perplexity: PerplexityReport; dir: string }> {
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

  // The perplexity part of the study, on synthetic scored responses.
  const pplData = join(dataDir, "perplexity");
  await mkdir(pplData, { recursive: true });
  const sets = generateDemoPerplexity({ seed: options.seed, problems: Math.min(options.problems, 200) });
  const args: string[] = [];
  for (const set of sets) {
    const path = join(pplData, set.file);
    await writeFile(path, set.jsonl, "utf8");
    args.push(`${set.name}=${path}`);
  }
  const pplOut = join(dir, "perplexity");
  if (!options.json) {
    io.stdout(
      `\npassk demo: synthetic scored responses (${sets.map((s) => s.name).join(", ")}; see passk perplexity score for real ones)\n` +
        `  same as: passk perplexity report ${args.map((a) => JSON.stringify(a)).join(" ")} --out ${pplOut}\n\n`,
    );
  }
  const perplexity = await runPerplexityReport(options.json ? { ...io, stdout: () => {} } : io, args, {
    format: "auto",
    out: pplOut,
    q: 0.5,
    onInvalid: "throw",
    mode: "strict",
    json: false,
    quiet: options.quiet,
  });
  return { report, perplexity, dir };
}
