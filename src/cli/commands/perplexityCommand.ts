/**
 * `passk perplexity score` (responses in, logprobs under a model out, resumable) and
 * `passk perplexity report` (scored sets in, tables, JSON, Markdown and the figure out).
 * @module
 */
import { createReadStream, existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { Option, type Command } from "commander";
import { EmptyDatasetError } from "../../errors/errors.js";
import { sequencePerplexity, type LogprobDistribution, type LogprobPolicy, type SequencePerplexity } from "../../logprobs/index.js";
import { isGzipFile } from "../../node/jsonlChunks.js";
import {
  perplexityReport,
  readScoredFile,
  scoreResponsesFile,
  SCORED_FILE_FORMATS,
  SCORING_SERVERS,
  ScoringRecordError,
  type PerplexityReport,
  type ScoredFileFormat,
  type ScoreFileResult,
  type ScoringServer,
  type StraddlePolicy,
} from "../../node/perplexity/index.js";
import { UsageError } from "../exitCodes.js";
import type { CliIo } from "../io.js";
import { modelFromFileName, parseFileSpec } from "../loadSamples.js";
import { parseFiniteNumber, parseInteger, parseLevel } from "../parseOptions.js";
import { perplexityReportMarkdown, formatPerplexityReportText } from "../perplexityReportText.js";
import { perplexityChartSpec } from "../plots/perplexityChart.js";
import { FiguresUnavailableError, renderSvg } from "../plots/renderSvg.js";
import { ProgressBar } from "../progressBar.js";

/**
 * Options of {@link runPerplexityScore} (the parsed command line of `passk perplexity score`).
 *
 * @example
 * ```ts
 * import type { PerplexityScoreOptions } from "passk/cli";
 * const o: Pick<PerplexityScoreOptions, "endpoint" | "model" | "out"> = { endpoint: "http://127.0.0.1:8000", model: "base", out: "scored.jsonl" };
 * console.log(o.out); // => scored.jsonl
 * ```
 */
export interface PerplexityScoreOptions {
  /** Base URL of the server. */
  readonly endpoint: string;
  /** Model name on the server. */
  readonly model: string;
  /** Output JSONL (resumed when it exists). */
  readonly out: string;
  /** Kind of server. */
  readonly server: ScoringServer;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Time allowed per attempt, in ms. */
  readonly timeoutMs: number;
  /** Retries per record. */
  readonly retries: number;
  /** Seed of the retry jitter. */
  readonly seed: number;
  /** Boundary tokens spanning prompt and response. */
  readonly straddle: StraddlePolicy;
  /** What each output line holds. */
  readonly save: "logprobs" | "payload";
  /** Bad records: stop at the first, or skip and list them. */
  readonly mode: "strict" | "collect";
  /** Field of the problem id. */
  readonly problemField: string;
  /** Field of the prompt. */
  readonly promptField: string;
  /** Field of the response. */
  readonly responseField: string;
  /** Field of the sample index. */
  readonly sampleIndexField: string;
  /** Environment variable holding an API key, sent as `Authorization: Bearer <key>`. */
  readonly apiKeyEnv?: string;
  /** Print the summary as JSON on standard output. */
  readonly json: boolean;
  /** No progress bar. */
  readonly quiet: boolean;
}

/**
 * Options of {@link runPerplexityReport} (the parsed command line of `passk perplexity report`).
 *
 * @example
 * ```ts
 * import type { PerplexityReportCommandOptions } from "passk/cli";
 * const o: Pick<PerplexityReportCommandOptions, "out" | "onInvalid"> = { out: "passk-perplexity", onInvalid: "throw" };
 * console.log(o.onInvalid); // => throw
 * ```
 */
export interface PerplexityReportCommandOptions {
  /** Format of every file, or `auto`. */
  readonly format: ScoredFileFormat | "auto";
  /** Output folder for report.json, report.md and perplexity.svg. */
  readonly out: string;
  /** Compare every set with this one only (default: every ordered pair). */
  readonly reference?: string;
  /** Quantile level of the reference set in the comparisons. */
  readonly q: number;
  /** Invalid logprobs (sentinels, −Infinity): throw, skip or clamp. */
  readonly onInvalid: "throw" | "skip" | "clamp";
  /** Value of clamped logprobs (needed with `clamp`). */
  readonly clampFloor?: number;
  /** Bad lines: stop at the first, or skip and count them. */
  readonly mode: "strict" | "collect";
  /** Print the report JSON instead of the tables. */
  readonly json: boolean;
  /** No progress output. */
  readonly quiet: boolean;
}

/**
 * File names written by {@link runPerplexityReport}.
 *
 * @example
 * ```ts
 * import { PERPLEXITY_REPORT_FILES } from "passk/cli";
 * console.log(PERPLEXITY_REPORT_FILES.figure); // => perplexity.svg
 * ```
 */
export const PERPLEXITY_REPORT_FILES = Object.freeze({ json: "report.json", markdown: "report.md", figure: "perplexity.svg" });

function shown(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/** Non-blank lines of a plain file (for the progress bar's total), or undefined for gzip. */
async function countRecords(path: string): Promise<number | undefined> {
  if (await isGzipFile(path)) return undefined;
  let count = 0;
  let blank = true;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (c === 10) {
        if (!blank) count++;
        blank = true;
      } else if (c !== 32 && c !== 9 && c !== 13) {
        blank = false;
      }
    }
  }
  return blank ? count : count + 1;
}

/**
 * Runs `passk perplexity score`: scores every response of `file` (JSONL,
 * `{"problem_id", "prompt", "response", "sample_index"?}`) under the model served at `endpoint`
 * with {@link scoreResponsesFile}, appending to `out`; a rerun with the same arguments resumes.
 * Ctrl-C stops cleanly (everything scored is saved). Prints a summary on standard error (or JSON
 * on standard output with `json`).
 *
 * @param io - the streams
 * @param file - the responses file
 * @param options - see {@link PerplexityScoreOptions}
 * @returns what the run did
 * @throws the errors of {@link scoreResponsesFile}
 *
 * @example
 * ```ts
 * import { runPerplexityScore } from "passk/cli";
 * import type { PasskError } from "passk";
 * const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, stderrColumns: 80, cwd: "/" };
 * try {
 *   await runPerplexityScore(io, "/nonexistent.jsonl", { endpoint: "http://127.0.0.1:9", model: "m", out: "/tmp/passk-never-written.jsonl", server: "vllm",
 *     concurrency: 1, timeoutMs: 1000, retries: 0, seed: 0, straddle: "error", save: "logprobs", mode: "strict", problemField: "problem_id",
 *     promptField: "prompt", responseField: "response", sampleIndexField: "sample_index", json: false, quiet: true });
 * } catch (e) {
 *   console.log((e as PasskError).code); // => INGEST_ERROR
 * }
 * ```
 */
export async function runPerplexityScore(io: CliIo, file: string, options: PerplexityScoreOptions): Promise<ScoreFileResult> {
  const path = resolve(io.cwd, file);
  const out = resolve(io.cwd, options.out);
  const headers: Record<string, string> = {};
  if (options.apiKeyEnv !== undefined) {
    const key = process.env[options.apiKeyEnv];
    if (key === undefined || key === "") {
      throw new UsageError(`--api-key-env names ${options.apiKeyEnv}, which is not set`, { field: "--api-key-env", value: options.apiKeyEnv });
    }
    headers["authorization"] = `Bearer ${key}`;
  }
  const progress = new ProgressBar(io, { quiet: options.quiet });
  const total = progress.enabled && existsSync(path) ? await countRecords(path) : undefined;
  const controller = new AbortController();
  const onSigint = (): void => {
    io.stderr("\npassk perplexity score: stopping (Ctrl-C again to kill); everything scored so far is kept\n");
    controller.abort(new Error("interrupted"));
  };
  process.once("SIGINT", onSigint);
  let result: ScoreFileResult;
  try {
    result = await scoreResponsesFile(path, out, {
      endpoint: options.endpoint,
      model: options.model,
      server: options.server,
      headers,
      concurrency: options.concurrency,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      seed: options.seed,
      straddle: options.straddle,
      save: options.save,
      mode: options.mode,
      maxErrors: 1000,
      fields: { problem: options.problemField, prompt: options.promptField, response: options.responseField, sampleIndex: options.sampleIndexField },
      signal: controller.signal,
      shownPaths: { file, out: options.out },
      onProgress: (p) =>
        progress.update(
          `scoring ${file}: ${p.scored} scored, ${p.alreadyScored} already saved, ${p.rejected} rejected, ${p.retries} retries`,
          p.alreadyScored + p.scored + p.rejected,
          total,
        ),
    });
  } finally {
    process.removeListener("SIGINT", onSigint);
    progress.done();
  }
  if (options.json) {
    io.stdout(`${JSON.stringify({ ...result, file, out: options.out, errors: result.errors.map((e) => ({ line: e.line, reason: e.reason, message: e.message })) }, null, 2)}\n`);
  } else {
    io.stderr(
      `passk perplexity score: ${result.linesRead} lines of ${file}: ${result.scored} scored now, ${result.alreadyScored} already in ${options.out}, ` +
        `${result.rejected} rejected, ${result.blankLines} blank; ${result.tokens} response tokens; ${result.requests} requests (${result.retries} retries)\n`,
    );
    if (result.droppedPartialLine) io.stderr(`note: removed the unfinished last line a killed run left in ${options.out}; its record was scored again\n`);
    if (result.straddled > 0) {
      io.stderr(`note: ${result.straddled} record(s) had a token straddling prompt and response (${options.straddle === "include" ? "scored" : "left out"})\n`);
    }
    if (result.rejected > 0) {
      io.stderr(
        `warning: ${result.rejected} record(s) could not be scored; first: ${result.errors
          .slice(0, 5)
          .map((e) => e.message)
          .join("; ")}\n`,
      );
    }
  }
  return result;
}

/** One named set of the report: `NAME=PATH` arguments with the same name share a set. */
interface SetSpec {
  readonly name: string;
  readonly paths: string[];
}

function setSpecs(io: CliIo, args: readonly string[]): SetSpec[] {
  const sets: SetSpec[] = [];
  for (const arg of args) {
    const spec = parseFileSpec(arg, (p) => existsSync(resolve(io.cwd, p)));
    const name = spec.model ?? modelFromFileName(spec.path);
    const set = sets.find((s) => s.name === name);
    if (set !== undefined) set.paths.push(spec.path);
    else sets.push({ name, paths: [spec.path] });
  }
  return sets;
}

/**
 * Runs `passk perplexity report`: reads each set's files ({@link readScoredFile}: scored records or
 * API payloads), computes every response's perplexity under the invalid-logprob policy, and
 * writes {@link perplexityReport}'s report.json, report.md and the figure
 * (`perplexity.svg`, {@link perplexityChartSpec}) into `out`; prints the tables (or the JSON).
 * Arguments are `NAME=PATH` (or `PATH`: the name is the file's base name); several files with the
 * same name form one set.
 *
 * @param io - the streams
 * @param fileArgs - the set arguments
 * @param options - see {@link PerplexityReportCommandOptions}
 * @returns the report
 *
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { runPerplexityReport } from "passk/cli";
 * const dir = mkdtempSync(join(tmpdir(), "passk-"));
 * const line = (lp: number) => JSON.stringify({ choices: [{ logprobs: { content: [{ token: "4", logprob: lp, bytes: [52], top_logprobs: [] }] } }] });
 * writeFileSync(join(dir, "a.jsonl"), [line(Math.log(0.5)), line(Math.log(0.25))].join("\n"));
 * const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, stderrColumns: 80, cwd: dir };
 * const report = await runPerplexityReport(io, ["A=a.jsonl"], { format: "auto", out: "out", q: 0.5, onInvalid: "throw", mode: "strict", json: false, quiet: true });
 * console.log(report.sets[0]!.name, report.sets[0]!.macroPerplexity, report.sets[0]!.bitsPerByte); // => A 3 1.5
 * ```
 */
export async function runPerplexityReport(io: CliIo, fileArgs: readonly string[], options: PerplexityReportCommandOptions): Promise<PerplexityReport> {
  const specs = setSpecs(io, fileArgs);
  if (options.reference !== undefined && !specs.some((s) => s.name === options.reference)) {
    throw new UsageError(`--reference ${JSON.stringify(options.reference)} names no set (sets: ${specs.map((s) => s.name).join(", ")})`, {
      field: "--reference",
      value: options.reference,
    });
  }
  if (options.onInvalid === "clamp" && options.clampFloor === undefined) {
    throw new UsageError("--on-invalid clamp needs --clamp-floor (the logprob to put in place of a sentinel)", { field: "--clamp-floor" });
  }
  const policy: LogprobPolicy = {
    onInvalid: options.onInvalid,
    ...(options.clampFloor !== undefined && { clampFloor: options.clampFloor }),
  };
  const strict = options.mode === "strict";
  const extraWarnings: string[] = [];
  const sets = [];
  for (const spec of specs) {
    const results: SequencePerplexity[] = [];
    const distributions = new Set<LogprobDistribution>();
    let rejected = 0;
    let straddled = 0;
    const scorers = new Set<string>();
    for (const p of spec.paths) {
      const summary = await readScoredFile(
        resolve(io.cwd, p),
        (s) => {
          try {
            results.push(sequencePerplexity(s.sequence, policy));
          } catch (e) {
            const error = new ScoringRecordError(`${e instanceof Error ? e.message : String(e)}`, { reason: "invalid-payload", file: p, line: s.line, problemId: s.problemId, cause: e });
            if (strict) throw error;
            rejected++;
            return;
          }
          distributions.add(s.sequence.distribution ?? "unknown");
          if (s.straddle !== undefined && s.straddle !== "none") straddled++;
          if (s.scorer !== undefined) scorers.add(`${s.scorer.server} model ${JSON.stringify(s.scorer.model)}`);
        },
        { format: options.format, mode: options.mode },
      ).catch((e: unknown) => {
        // Name the file as typed, not as resolved.
        if (e instanceof ScoringRecordError && e.file === resolve(io.cwd, p)) throw new ScoringRecordError(e.detail, { ...e.details, file: p, line: e.line });
        throw e;
      });
      rejected += summary.rejected;
    }
    if (scorers.size > 1) extraWarnings.push(`set ${spec.name} was scored by ${scorers.size} scorers (${[...scorers].join("; ")})`);
    sets.push({ name: spec.name, results, distributions: [...distributions], files: spec.paths, rejected, straddled });
  }
  for (const s of sets) {
    if (s.results.length === 0) throw new EmptyDatasetError(`set ${s.name} (${s.files.join(", ")}) has no response to report`, { field: s.name });
  }
  const report = perplexityReport(
    sets,
    {
      q: options.q,
      ...(options.reference !== undefined && { reference: options.reference }),
      settings: { onInvalid: options.onInvalid, ...(options.clampFloor !== undefined && { clampFloor: options.clampFloor }) },
    },
  );
  const withExtra: PerplexityReport = extraWarnings.length === 0 ? report : { ...report, warnings: [...report.warnings, ...extraWarnings] };
  const dir = resolve(io.cwd, options.out);
  await mkdir(dir, { recursive: true });
  // The tables first: they are written even when the figure cannot be drawn.
  const written = [join(dir, PERPLEXITY_REPORT_FILES.json), join(dir, PERPLEXITY_REPORT_FILES.markdown)];
  await writeFile(written[0] as string, `${JSON.stringify(withExtra, null, 2)}\n`, "utf8");
  let figure: string | undefined;
  try {
    const svg = await renderSvg(perplexityChartSpec(withExtra));
    await writeFile(join(dir, PERPLEXITY_REPORT_FILES.figure), svg, "utf8");
    figure = PERPLEXITY_REPORT_FILES.figure;
    written.push(join(dir, figure));
  } catch (e) {
    if (!(e instanceof FiguresUnavailableError)) throw e;
    io.stderr(`passk: warning: no figure written: ${e.message}\n`);
  }
  await writeFile(written[1] as string, perplexityReportMarkdown(withExtra, figure), "utf8");
  if (options.json) io.stdout(`${JSON.stringify(withExtra, null, 2)}\n`);
  else {
    io.stdout(formatPerplexityReportText(withExtra));
    io.stdout(`\nwrote ${written.map((w) => shown(io, w)).join(", ")}\n`);
  }
  return withExtra;
}

function integer(option: string, min = 0) {
  return (text: string) => parseInteger(text, option, min);
}

/**
 * Adds `passk perplexity score` and `passk perplexity report` to the program.
 *
 * @param program - the `passk` command
 * @param io - the streams
 * @param help - text appended to each command's help (the exit codes)
 *
 * @example
 * ```ts
 * import { runCli } from "passk/cli";
 * const out: string[] = [];
 * const io = { stdout: (s: string) => void out.push(s), stderr: () => {}, stderrIsTTY: false, stderrColumns: 80, cwd: "/" };
 * console.log(await runCli(["perplexity", "--help"], io)); // => 0
 * console.log(out.join("").includes("score [options] <responses>"), out.join("").includes("report [options] <sets...>")); // => true true
 * ```
 */
export function registerPerplexityCommands(program: Command, io: CliIo, help = ""): void {
  const perplexity = program
    .command("perplexity")
    .description("score responses under a model (prompt logprobs over HTTP) and compare the perplexity of sets of responses");
  perplexity
    .command("score")
    .description("score each response of a JSONL file under a model served by vLLM, SGLang, TGI or an OpenAI-style server (resumable)")
    .argument("<responses>", 'JSONL, one response per line: {"problem_id", "prompt", "response", "sample_index"?} (optionally .gz)')
    .requiredOption("--endpoint <url>", "base URL of the server, e.g. http://127.0.0.1:8000")
    .requiredOption("--model <name>", "model name on the server")
    .requiredOption("--out <file>", "output JSONL; an existing file is resumed (records already in it are not scored again)")
    .addOption(new Option("--server <kind>", "how to ask for prompt logprobs").choices(SCORING_SERVERS as string[]).default("vllm"))
    .option("--concurrency <n>", "requests in flight at once", integer("--concurrency", 1), 8)
    .option("--timeout-ms <ms>", "time allowed per attempt", integer("--timeout-ms", 1), 300_000)
    .option("--retries <n>", "retries per record on 408/429/5xx, timeouts and connection errors", integer("--retries"), 5)
    .option("--seed <n>", "seed of the retry jitter", integer("--seed"), 0)
    .addOption(new Option("--straddle <policy>", "a token spanning prompt and response").choices(["error", "exclude", "include"]).default("error"))
    .addOption(new Option("--save <what>", "what each output line holds").choices(["logprobs", "payload"]).default("logprobs"))
    .addOption(new Option("--mode <mode>", "bad records: stop at the first (strict) or skip and list them (collect)").choices(["strict", "collect"]).default("strict"))
    .option("--problem-field <field>", "field of the problem id", "problem_id")
    .option("--prompt-field <field>", "field of the prompt (exactly as the model saw it, chat template included)", "prompt")
    .option("--response-field <field>", "field of the response", "response")
    .option("--sample-index-field <field>", "field of the sample index", "sample_index")
    .option("--api-key-env <var>", "environment variable holding an API key (sent as a Bearer token)")
    .option("--json", "print the summary as JSON on standard output", false)
    .option("-q, --quiet", "no progress bar", false)
    .addHelpText("after", help)
    .action(async (file: string, opts: Omit<PerplexityScoreOptions, "json" | "quiet"> & { json?: boolean; quiet?: boolean }) => {
      await runPerplexityScore(io, file, { ...opts, json: opts.json === true, quiet: opts.quiet === true });
    });
  perplexity
    .command("report")
    .description("per-set perplexity (micro, macro, quantiles, bits per byte), the share of each set below another's median, and the figure")
    .argument("<sets...>", "NAME=PATH of scored files (passk perplexity score output, or saved API payloads); repeat a NAME to join files")
    .addOption(new Option("--format <format>", "format of every file").choices(["auto", ...SCORED_FILE_FORMATS]).default("auto"))
    .option("--out <dir>", "output folder for report.json, report.md and perplexity.svg", "passk-perplexity")
    .option("--reference <name>", "compare every set with this one only (default: every ordered pair)")
    .option("--q <p>", "quantile level of the reference set", (t: string) => parseLevel(t, "--q"), 0.5)
    .addOption(new Option("--on-invalid <action>", "invalid logprobs (sentinels such as -9999, -Infinity)").choices(["throw", "skip", "clamp"]).default("throw"))
    .option("--clamp-floor <x>", "logprob put in place of an invalid one with --on-invalid clamp", (t: string) => parseFiniteNumber(t, "--clamp-floor"))
    .addOption(new Option("--mode <mode>", "bad lines: stop at the first (strict) or skip and count them (collect)").choices(["strict", "collect"]).default("strict"))
    .option("--json", "print the report JSON instead of tables", false)
    .option("-q, --quiet", "no progress output", false)
    .addHelpText("after", help)
    .action(async (files: string[], opts: Omit<PerplexityReportCommandOptions, "json" | "quiet"> & { json?: boolean; quiet?: boolean }) => {
      await runPerplexityReport(io, files, { ...opts, json: opts.json === true, quiet: opts.quiet === true });
    });
}
