/**
 * The `passk` command line: argument parsing (commander) and the mapping of errors to exit codes.
 * @module
 */
import { Command, CommanderError, Option } from "commander";
import { PasskError } from "../errors/errors.js";
import { runDemo } from "./commands/demoCommand.js";
import { runMerge } from "./commands/mergeCommand.js";
import { registerPerplexityCommands } from "./commands/perplexityCommand.js";
import { runReport } from "./commands/reportCommand.js";
import { parseFigureFormats, type FigureFormat } from "./plots/figureFiles.js";
import { runVerify, VERIFIER_CHOICES, type VerifierChoice } from "./commands/verifyCommand.js";
import { EXIT_CODES, UsageError } from "./exitCodes.js";
import type { CliIo } from "./io.js";
import { FORMAT_CHOICES, type FormatChoice } from "./loadSamples.js";
import { parseChoice, parseFiniteNumber, parseInteger, parseKs, parseLevel, parseValueList } from "./parseOptions.js";
import { BENCHMARK_CHOICES, VERIFY_FORMAT_CHOICES, type BenchmarkChoice, type VerifyInputFormat } from "./verifyInput.js";
import { packageVersion } from "./version.js";

const EXIT_HELP = `
Exit codes:
  0  success
  1  runtime or data error (unreadable file, bad line: the message names file:line)
  2  usage error (unknown command or option, malformed option value)
`;

interface CommonFlags {
  json?: boolean;
  quiet?: boolean;
}

function integer(option: string, min = 0) {
  return (text: string) => parseInteger(text, option, min);
}

function buildProgram(io: CliIo): Command {
  const program = new Command("passk");
  program
    .description("Exact pass@k, coverage and the RLVR study's analyses on sample files.")
    .version(packageVersion(), "-V, --version")
    // Commander's own messages ("error: unknown option ...") get the prefix every other passk error has.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`passk: ${text}`) })
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", EXIT_HELP)
    .enablePositionalOptions();

  program
    .command("demo")
    .description("generate a deterministic synthetic study (base vs RL) and run the full report on it")
    .option("--out <dir>", "output folder (default: a new temporary folder)")
    .option("--seed <n>", "seed of the synthetic data and of the bootstrap", integer("--seed"), 1)
    .option("--problems <n>", "number of problems", integer("--problems", 2), 400)
    .option("--samples <n>", "samples per problem and model", integer("--samples", 1), 256)
    .option("--resamples <n>", "bootstrap resamples", integer("--resamples", 1), 10_000)
    .option("--json", "print the report JSON instead of tables", false)
    .option("-q, --quiet", "no progress bar", false)
    .addHelpText("after", EXIT_HELP)
    .action(async (opts: CommonFlags & { out?: string; seed: number; problems: number; samples: number; resamples: number }) => {
      if (opts.problems > 100_000) throw new UsageError(`--problems must be at most 100000, got ${opts.problems}`, { field: "--problems" });
      if (opts.samples > 4096) throw new UsageError(`--samples must be at most 4096, got ${opts.samples}`, { field: "--samples" });
      await runDemo(io, {
        ...(opts.out !== undefined && { out: opts.out }),
        seed: opts.seed,
        problems: opts.problems,
        samples: opts.samples,
        resamples: opts.resamples,
        json: opts.json === true,
        quiet: opts.quiet === true,
      });
    });

  program
    .command("report")
    .description("pass@k with bootstrap intervals, coverage, set comparison, ΔSE and crossover k for sample files")
    .argument(
      "<files...>",
      "JSONL sample files (optionally .gz), Parquet samples (lighteval details, datasets of generations), Inspect logs (.eval, .json), counts tables (CSV, JSONL or Parquet: model, problem_id, n, c) or tallies JSON (passk merge); MODEL=PATH names the model of every line (with --by-benchmark: BENCH:MODEL=PATH); each file once",
    )
    .addOption(
      new Option("--format <format>", "input format").choices(FORMAT_CHOICES as string[]).default("auto"),
    )
    .option("--model-field <field>", "flat format and counts tables: field of the model id (default model)")
    .option("--problem-field <field>", "flat format and counts tables: field of the problem id (default problem_id)")
    .option("--n-field <column>", "counts tables: column of the number of samples (default n)")
    .option("--c-field <column>", "counts tables: column of the number of correct samples (default c)")
    .option("--correct-field <field>", "flat format: field of the correctness (default correct)")
    .option("--score-field <field>", "flat format: field of a numeric score (needs --threshold)")
    .option("--correct-numeric", "flat format: accept 0/1 as the correctness (false/true)")
    .option("--threshold <x>", "a score (or lm-eval metric) counts as correct when >= x", (t: string) => parseFiniteNumber(t, "--threshold"))
    .option("--lower-is-better", "with --threshold: correct when <= x (errors such as mae)")
    .option("--filter <name>", 'lm-eval: the filter to tally (e.g. strict-match; "#2": 2nd block of a file without filter names)')
    .option("--metric <name>", "lm-eval: the metric field that grades a document; lighteval details: the pass@1 (k=1) or avg@n metric")
    .option("--task <name>", "lm-eval, lighteval, Inspect: task of the files (default: from samples_<task>_<date>.jsonl, details_<task>_<date>.parquet); ids become task/id")
    .option("--scorer <name>", "Inspect logs: the scorer that grades (default: the only one, else the first)")
    .option("--inspect-value-key <key>", "Inspect logs: the key of a dict-valued score")
    .option("--inspect-correct <values>", "Inspect logs: score values counted as correct (default C)", (t: string) => parseValueList(t, "--inspect-correct"))
    .option("--inspect-incorrect <values>", "Inspect logs: score values counted as incorrect (default I,N; partial P must go in one list)", (t: string) =>
      parseValueList(t, "--inspect-incorrect"),
    )
    .option("--ks <list>", "budgets k, e.g. 1,2,4,8 (default: powers of two up to the smallest n, and that n)", (t: string) => parseKs(t))
    .option("--base <name>", "the base model (default: the model named base, else the first by name)")
    .option("--by-benchmark", "also analyze each benchmark apart (grid of pass@k panels): BENCH:MODEL=PATH, else the id's part before the first /")
    .option("--out <dir>", "output folder for report.json/.csv/.md and the SVG figures (replaced there)", "passk-report")
    .option("--seed <n>", "bootstrap seed", integer("--seed"), 0)
    .option("--resamples <n>", "bootstrap resamples", integer("--resamples", 1), 10_000)
    .option("--level <p>", "interval level", (t: string) => parseLevel(t, "--level"), 0.95)
    // Prediction beyond n (issue 16): opt-in, printed after the tables, marked as model-based.
    .option("--predict <K>", "also print pass@K extrapolated beyond the samples drawn (model-based prediction)", integer("--predict", 1))
    .option("--json", "print the report JSON instead of tables", false)
    .option("--figures <formats>", "figure files: svg, png, pdf (comma-separated; png/pdf also write the svg) or none", (t: string) => parseFigureFormats(t), ["svg"])
    .option("-q, --quiet", "no progress bar", false)
    .addHelpText("after", EXIT_HELP)
    .action(
      async (
        files: string[],
        opts: CommonFlags & {
          figures: FigureFormat[];
          format: FormatChoice;
          modelField?: string;
          problemField?: string;
          nField?: string;
          cField?: string;
          correctField?: string;
          scoreField?: string;
          correctNumeric?: boolean;
          threshold?: number;
          lowerIsBetter?: boolean;
          filter?: string;
          metric?: string;
          task?: string;
          scorer?: string;
          inspectValueKey?: string;
          inspectCorrect?: string[];
          inspectIncorrect?: string[];
          ks?: number[];
          base?: string;
          byBenchmark?: boolean;
          out: string;
          seed: number;
          resamples: number;
          level: number;
          predict?: number;
        },
      ) => {
        await runReport(io, files, {
          ...opts,
          correctNumeric: opts.correctNumeric === true,
          lowerIsBetter: opts.lowerIsBetter === true,
          byBenchmark: opts.byBenchmark === true,
          json: opts.json === true,
          quiet: opts.quiet === true,
        });
      },
    );

  program
    .command("verify")
    .description("grade raw responses with a verifier and write sample records (JSONL) for passk report")
    .argument(
      "<responses>",
      'JSONL, one response per line: {"model", "problem_id", "sample_index"?, "response", "reference"}; or an lm-eval samples_<task>_<date>.jsonl',
    )
    .addOption(new Option("--verifier <name>", "how to grade").choices(VERIFIER_CHOICES as string[]).makeOptionMandatory())
    .option("--out <file>", "output JSONL (default: standard output)")
    .addOption(
      new Option("--format <format>", "input: responses, or lm-eval samples (each of a document's N resps graded against target)")
        .choices(VERIFY_FORMAT_CHOICES as string[])
        .default("auto"),
    )
    .option("--model <name>", "model id for every line (when lines do not name it; lm-eval: default the model folder)")
    .option("--model-field <field>", "field of the model id (default model); paths like meta.model, pred[0], pred.0")
    .option("--problem-field <field>", "field of the problem id (default problem_id)")
    .option("--sample-index-field <field>", "field of the sample index (default sample_index)")
    .option("--response-field <field>", "field of the response text, or of a list of responses (default response)")
    .option("--reference-field <field>", "field of the reference answer (default reference; lm-eval: target; code: {tests: [...]})")
    .option("--task <name>", "lm-eval: task of the problem ids task/doc_id (default: from samples_<task>_<date>.jsonl)")
    .addOption(new Option("--language <lang>", "code: language of the programs").choices(["python", "javascript"]).default("python"))
    .option("--timeout-ms <ms>", "time budget per sample (code: per test)", integer("--timeout-ms", 1))
    .option("--memory-mb <mib>", "code: memory limit of each test run (default 512)", integer("--memory-mb", 1))
    .option("--no-extract-code", "code: grade the whole response as the program (no fenced-block extraction)")
    .addOption(
      new Option(
        "--benchmark <name>",
        "code: read this benchmark's samples joined with --problems (humaneval, mbpp: task_id + completion; bigcodebench: task_id + solution; " +
          "apps: JSON of problem_id -> programs; livecodebench: JSON list of question_id + code_list; codecontests: name + completion)",
      ).choices(BENCHMARK_CHOICES as string[]),
    )
    .option("--problems <file>", "code: the benchmark's problems file (e.g. HumanEval.jsonl, the dataset's test.jsonl, CodeContests records as JSONL)")
    .addOption(
      new Option("--multiple-answers <mode>", "codecontests: a problem whose statement accepts several answers is an error (detect: it needs a checker) or compared by tokens (ignore)").choices([
        "detect",
        "ignore",
      ]),
    )
    .option("--time-limit-factor <x>", "codecontests: multiply each problem's time limit (e.g. 3 for Python)", (t: string) => parseFiniteNumber(t, "--time-limit-factor"))
    .option(
      "--checker <module>",
      "codecontests: an ES module whose default export returns each problem's output checker, ({ name, description }) => ((input, expected, output) => boolean) | undefined",
    )
    .option("--concurrency <n>", "verifications in flight at once", integer("--concurrency", 1), 8)
    .addOption(new Option("--on-failure <mode>", "samples whose verification errored or timed out").choices(["exclude", "wrong"]).default("exclude"))
    .option("--json", "print the summary as JSON on standard output (with --out)", false)
    .option("-q, --quiet", "no progress bar", false)
    .addHelpText("after", EXIT_HELP)
    .action(
      async (
        file: string,
        opts: CommonFlags & {
          verifier: string;
          out?: string;
          format: VerifyInputFormat;
          model?: string;
          modelField?: string;
          problemField?: string;
          sampleIndexField?: string;
          responseField?: string;
          referenceField?: string;
          task?: string;
          language: "python" | "javascript";
          timeoutMs?: number;
          memoryMb?: number;
          extractCode: boolean;
          benchmark?: BenchmarkChoice;
          problems?: string;
          multipleAnswers?: "detect" | "ignore";
          timeLimitFactor?: number;
          checker?: string;
          concurrency: number;
          onFailure: "exclude" | "wrong";
        },
      ) => {
        const verifier: VerifierChoice = parseChoice(opts.verifier, "--verifier", VERIFIER_CHOICES);
        await runVerify(io, file, { ...opts, verifier, json: opts.json === true, quiet: opts.quiet === true });
      },
    );
  // passk merge: map-reduce shards (TallyAccumulator JSON) from many workers into one tallies file.
  program
    .command("merge")
    .description("merge TallyAccumulator JSON shards (exactly: a sample in two shards is an error) into one tallies file for passk report")
    .argument("<shards...>", "shard files, each the JSON of TallyAccumulator.toJSON()")
    .option("--out <file>", "the merged tallies file (default: standard output)")
    .addHelpText("after", EXIT_HELP)
    .action(async (shards: string[], opts: { out?: string }) => {
      await runMerge(io, shards, opts.out === undefined ? {} : { out: opts.out });
    });

  // --- passk perplexity score | report (issue 17): defined in commands/perplexityCommand.ts ---
  registerPerplexityCommands(program, io, EXIT_HELP);
  // --- end of passk perplexity ---
  return program;
}

/**
 * Runs the `passk` command line on `argv` (the arguments after `passk`) and returns the exit code
 * instead of exiting, so it can run in-process: 0 success, 1 a runtime or data error (the message
 * names the file and line), 2 a usage error. Errors are printed to standard error as
 * `passk: error: <message>`.
 *
 * @param argv - arguments, e.g. `["report", "samples.jsonl", "--ks", "1,2,4"]`
 * @param io - the streams (see {@link CliIo})
 * @returns the exit code
 *
 * @example
 * ```ts
 * import { runCli } from "passk/cli";
 * const err: string[] = [];
 * const io = { stdout: () => {}, stderr: (s: string) => err.push(s), stderrIsTTY: false, stderrColumns: 80, cwd: "/" };
 * console.log(await runCli(["report", "x.jsonl", "--ks", "4,2"], io)); // => 2
 * console.log(err.join("").trim()); // => passk: error: --ks must be strictly increasing, got 2 after 4
 * console.log(await runCli(["--version"], { ...io, stdout: () => {} })); // => 0
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT_CODES.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end through exitOverride too, with exit code 0; commander already printed the message.
      return e.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    if (e instanceof UsageError) {
      io.stderr(`passk: error: ${e.message}\n`);
      return EXIT_CODES.usage;
    }
    const message = e instanceof PasskError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.stderr(`passk: error: ${message}\n`);
    return EXIT_CODES.failure;
  }
}
