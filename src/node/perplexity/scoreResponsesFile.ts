/**
 * Scoring a JSONL file of responses under a model, with bounded concurrency, into a JSONL file that
 * a killed or stopped run resumes without scoring any record twice.
 * @module
 */
import { setMaxListeners } from "node:events";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, open, stat, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { InvalidArgumentError, PasskError } from "../../errors/errors.js";
import { IngestError } from "../ingestError.js";
import { openTextLines } from "../jsonlChunks.js";
import { perplexityScorer, type PerplexityScorerOptions } from "./perplexityScorer.js";
import type { RetryEvent } from "./postWithRetries.js";
import { readResponseRecord, type ResponseFields, type ResponseRecord } from "./responseRecord.js";
import { responseFingerprint, SCORED_PAYLOAD_FORMAT, SCORED_RECORD_FORMAT, scoredLine, type Scorer } from "./scoredRecord.js";
import { locateRecordError, ScoringAbortedError, ScoringRecordError } from "./scoringErrors.js";

/**
 * Progress of a scoring run, reported after each record.
 *
 * @example
 * ```ts
 * import type { ScoreProgress } from "passk/node";
 * const p: ScoreProgress = { linesRead: 10, alreadyScored: 4, scored: 5, rejected: 1, retries: 2 };
 * console.log(p.alreadyScored + p.scored + p.rejected); // => 10
 * ```
 */
export interface ScoreProgress {
  /** Lines of the responses file read so far. */
  readonly linesRead: number;
  /** Records skipped because the output already holds them (resume). */
  readonly alreadyScored: number;
  /** Records scored and saved in this run. */
  readonly scored: number;
  /** Records rejected (collect mode). */
  readonly rejected: number;
  /** Retries so far. */
  readonly retries: number;
}

/**
 * Options of {@link scoreResponsesFile}: the client's ({@link PerplexityScorerOptions}) and the run's.
 *
 * @example
 * ```ts
 * import type { ScoreFileOptions } from "passk/node";
 * const options: ScoreFileOptions = { endpoint: "http://127.0.0.1:8000", model: "base", concurrency: 16, mode: "collect", save: "logprobs" };
 * console.log(options.concurrency); // => 16
 * ```
 */
export interface ScoreFileOptions extends PerplexityScorerOptions {
  /** Requests in flight at once (default 8, at most 1024). */
  readonly concurrency?: number;
  /**
   * `"strict"` (default): the first bad record stops the run (after the requests in flight are
   * saved) with its {@link ScoringRecordError}. `"collect"`: bad records are counted, kept in
   * `errors` and skipped. A server failure stops the run in either mode.
   */
  readonly mode?: "strict" | "collect";
  /** In collect mode, keep at most this many errors (all are counted). Default unlimited. */
  readonly maxErrors?: number;
  /** Field names of the responses file (see {@link ResponseFields}). */
  readonly fields?: ResponseFields;
  /** What each output line holds: `"logprobs"` (default, normalized) or `"payload"` (the server's answer). */
  readonly save?: "logprobs" | "payload";
  /** Stops the run; what was scored stays saved ({@link ScoringAbortedError}). */
  readonly signal?: AbortSignal;
  /** Called after each record. */
  readonly onProgress?: (progress: ScoreProgress) => void;
  /** Called before each retry, with the record's line. */
  readonly onRetry?: (event: RetryEvent & { readonly line: number }) => void;
  /** The files as they should appear in messages (default: the paths given). */
  readonly shownPaths?: {
    /** The responses file as shown. */
    readonly file: string;
    /** The output file as shown. */
    readonly out: string;
  };
}

/**
 * What a scoring run did. Every line of the responses file is accounted for:
 * `linesRead = blankLines + alreadyScored + scored + rejected` when the run completes.
 *
 * @example
 * ```ts
 * import type { ScoreFileResult } from "passk/node";
 * const r: Pick<ScoreFileResult, "linesRead" | "blankLines" | "alreadyScored" | "scored" | "rejected"> = { linesRead: 9, blankLines: 1, alreadyScored: 3, scored: 4, rejected: 1 };
 * console.log(r.blankLines + r.alreadyScored + r.scored + r.rejected === r.linesRead); // => true
 * ```
 */
export interface ScoreFileResult {
  /** The responses file. */
  readonly file: string;
  /** The output file. */
  readonly out: string;
  /** Lines read. */
  readonly linesRead: number;
  /** Empty lines. */
  readonly blankLines: number;
  /** Records the output already held (a resumed run). */
  readonly alreadyScored: number;
  /** Records scored and appended in this run. */
  readonly scored: number;
  /** Bad records (collect mode), none of them written. */
  readonly rejected: number;
  /** Their errors, by line (at most `maxErrors`). */
  readonly errors: readonly ScoringRecordError[];
  /** Response tokens scored in this run. */
  readonly tokens: number;
  /** HTTP requests made, retries included. */
  readonly requests: number;
  /** Retries among them. */
  readonly retries: number;
  /** Records whose boundary token straddled prompt and response (excluded or included per the policy). */
  readonly straddled: number;
  /** Whether an unfinished last line left by a killed run was removed from the output first. */
  readonly droppedPartialLine: boolean;
}

interface Existing {
  readonly done: Map<number, string>;
  readonly droppedPartialLine: boolean;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Reads what an earlier run saved: line → fingerprint, checking every line was scored the same way.
 * An unfinished last line (a run killed mid-write) is cut off; any other bad line is an error.
 */
async function readExisting(out: string, shownOut: string, scorer: Scorer, format: string): Promise<Existing> {
  const done = new Map<number, string>();
  if (!existsSync(out)) return { done, droppedPartialLine: false };
  const { size } = await stat(out);
  let cutAt = -1;
  if (size > 0) {
    const fh = await open(out, "r+");
    try {
      // The last newline, read backwards: whatever follows it was being written when the run died.
      const chunk = Buffer.alloc(65536);
      let end = size;
      let lastNewline = -1;
      while (end > 0 && lastNewline < 0) {
        const start = Math.max(0, end - chunk.length);
        const { bytesRead } = await fh.read(chunk, 0, end - start, start);
        const i = chunk.subarray(0, bytesRead).lastIndexOf(10);
        if (i >= 0) lastNewline = start + i;
        end = start;
      }
      if (lastNewline !== size - 1) {
        const tail = Buffer.alloc(size - lastNewline - 1);
        await fh.read(tail, 0, tail.length, lastNewline + 1);
        let complete = true;
        try {
          JSON.parse(tail.toString("utf8"));
        } catch {
          complete = false;
        }
        // A whole record that only lacks its newline is kept; a cut one is removed.
        if (complete) await fh.write("\n", size);
        else cutAt = lastNewline + 1;
      }
    } finally {
      await fh.close();
    }
  }
  if (cutAt >= 0) await truncate(out, cutAt);
  await readLines(out, shownOut, scorer, format, done);
  return { done, droppedPartialLine: cutAt >= 0 };
}

async function readLines(out: string, shownOut: string, scorer: Scorer, format: string, done: Map<number, string>): Promise<void> {
  const lines = createInterface({ input: createReadStream(out), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === "") continue;
    const fail = (what: string, field?: string): never => {
      throw new IngestError(`${what}; this output cannot be resumed (choose another output file)`, { file: shownOut, line: n, field });
    };
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      return fail(`malformed JSON: ${message(e)}`);
    }
    if (v === null || typeof v !== "object") fail("not a scored record");
    if (v["format"] !== SCORED_RECORD_FORMAT && v["format"] !== SCORED_PAYLOAD_FORMAT) fail(`not a scored record (format ${JSON.stringify(v["format"])})`, "format");
    if (v["format"] !== format) fail(`holds ${String(v["format"])} lines but this run saves ${format}`, "format");
    const line = v["line"];
    if (typeof line !== "number" || !Number.isSafeInteger(line) || line < 1) fail("has no valid line number", "line");
    if (v["server"] !== scorer.server || v["model"] !== scorer.model || v["straddle_policy"] !== scorer.straddle) {
      fail(
        `was scored by ${String(v["server"])} model ${JSON.stringify(v["model"])} (straddle ${String(v["straddle_policy"])}), ` +
          `but this run scores with ${scorer.server} model ${JSON.stringify(scorer.model)} (straddle ${scorer.straddle})`,
        "model",
      );
    }
    if (done.has(line as number)) fail(`repeats the record of line ${String(line)}`, "line");
    if (typeof v["fingerprint"] !== "string") fail("has no fingerprint", "fingerprint");
    done.set(line as number, v["fingerprint"] as string);
  }
}

type Job = { readonly line: number; readonly record: ResponseRecord } | { readonly line: number; readonly error: ScoringRecordError };

function checkOptions(options: ScoreFileOptions): { concurrency: number; strict: boolean; maxErrors: number; save: "logprobs" | "payload" } {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError("options must be an object with endpoint and model", { field: "options", value: options });
  }
  const concurrency = options.concurrency ?? 8;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 1024) {
    throw new InvalidArgumentError(`concurrency must be an integer from 1 to 1024, got ${String(concurrency)}`, { field: "concurrency", value: concurrency });
  }
  const mode = options.mode ?? "strict";
  if (mode !== "strict" && mode !== "collect") throw new InvalidArgumentError(`mode must be "strict" or "collect", got ${String(mode)}`, { field: "mode", value: mode });
  const maxErrors = options.maxErrors ?? Infinity;
  if (!(maxErrors === Infinity || (Number.isSafeInteger(maxErrors) && maxErrors >= 0))) {
    throw new InvalidArgumentError(`maxErrors must be a non-negative integer, got ${String(maxErrors)}`, { field: "maxErrors", value: maxErrors });
  }
  const save = options.save ?? "logprobs";
  if (save !== "logprobs" && save !== "payload") throw new InvalidArgumentError(`save must be "logprobs" or "payload", got ${String(save)}`, { field: "save", value: save });
  return { concurrency, strict: mode === "strict", maxErrors, save };
}

/**
 * Scores every response of a JSONL file (plain or gzip; one `{ problem_id, prompt, response,
 * sample_index? }` per line, see {@link readResponseRecord}) under a model with
 * {@link perplexityScorer}, `concurrency` requests at a time, appending one line per scored
 * record to `out` ({@link scoredLine}; lines are in completion order and name their input line).
 *
 * Resuming: when `out` exists, the records it holds are skipped, so a killed run started again
 * with the same arguments scores only the rest, none twice and none lost. Each saved line carries
 * a fingerprint of its prompt and response and the scorer (server, model, straddle policy); a
 * changed input line or a different scorer is an error rather than a silently mixed file. An
 * unfinished last line (a process killed mid-write) is removed first and its record scored again.
 *
 * @param file - the responses file
 * @param out - the output JSONL file (created with its folder, or resumed)
 * @param options - see {@link ScoreFileOptions}
 * @returns the counts; every line is accounted for
 * @throws {@link ScoringRecordError} for the first bad record in strict mode (file:line)
 * @throws {@link ScoringServerError} when the server keeps failing (both modes)
 * @throws {@link ScoringAbortedError} when `signal` aborts
 * @throws {@link IngestError} when a file cannot be read or `out` cannot be resumed
 *
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { scoreResponsesFile } from "passk/node";
 * const dir = mkdtempSync(join(tmpdir(), "passk-"));
 * writeFileSync(join(dir, "responses.jsonl"), '{"problem_id":"p1","prompt":"Q:","response":" yes"}\n{"problem_id":"p2","prompt":"Q:","response":""}\n');
 * // A stand-in for vLLM: "Q: yes" echoed as "Q", ":", " yes".
 * const fakeFetch = async () => new Response(JSON.stringify({
 *   choices: [{ text: "Q: yes", logprobs: { tokens: ["Q", ":", " yes"], token_logprobs: [null, -3, -0.5], top_logprobs: null, text_offset: [0, 1, 2] } }],
 *   usage: { prompt_tokens: 3 },
 * }));
 * const options = { endpoint: "http://127.0.0.1:8000", model: "base", fetch: fakeFetch, mode: "collect" as const };
 * const r = await scoreResponsesFile(join(dir, "responses.jsonl"), join(dir, "scored.jsonl"), options);
 * console.log(r.scored, r.rejected, r.errors[0]!.message.endsWith('response must be a non-empty string (a perplexity over no tokens is undefined), got ""')); // => 1 1 true
 * const again = await scoreResponsesFile(join(dir, "responses.jsonl"), join(dir, "scored.jsonl"), options);
 * console.log(again.alreadyScored, again.scored, readFileSync(join(dir, "scored.jsonl"), "utf8").split("\n").length - 1); // => 1 0 1
 * ```
 */
export async function scoreResponsesFile(file: string, out: string, options: ScoreFileOptions): Promise<ScoreFileResult> {
  const { concurrency, strict, maxErrors, save } = checkOptions(options);
  if (typeof file !== "string" || file === "") throw new InvalidArgumentError("file must be a non-empty path", { field: "file", value: file });
  if (typeof out !== "string" || out === "") throw new InvalidArgumentError("out must be a non-empty path", { field: "out", value: out });
  const scorer = perplexityScorer(options);
  const scorerInfo: Scorer = { server: scorer.server, model: scorer.model, straddle: options.straddle ?? "error" };
  const format = save === "payload" ? SCORED_PAYLOAD_FORMAT : SCORED_RECORD_FORMAT;
  const shownFile = options.shownPaths?.file ?? file;
  const shownOut = options.shownPaths?.out ?? out;
  const { done, droppedPartialLine } = await readExisting(out, shownOut, scorerInfo, format);

  let linesRead = 0;
  let blankLines = 0;
  let alreadyScored = 0;
  let scored = 0;
  let rejected = 0;
  let tokens = 0;
  let retries = 0;
  let straddled = 0;
  const errors: ScoringRecordError[] = [];
  const fields = options.fields ?? {};

  await mkdir(dirname(out), { recursive: true });
  const input = await openTextLines(file, shownFile);
  // Take the line iterator now: readline drops the lines it emits before one is attached.
  const lines = input.lines[Symbol.asyncIterator]();
  async function* jobs(): AsyncGenerator<Job> {
    try {
      for await (const raw of { [Symbol.asyncIterator]: () => lines }) {
        const line = ++linesRead;
        const text = line === 1 ? raw.replace(/^\ufeff/u, "") : raw;
        if (text.trim() === "") {
          blankLines++;
          continue;
        }
        let record: ResponseRecord;
        try {
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch (e) {
            throw new ScoringRecordError(`malformed JSON: ${message(e)}`, { reason: "malformed-json", cause: e });
          }
          record = readResponseRecord(value, fields);
        } catch (e) {
          if (!(e instanceof ScoringRecordError)) throw e;
          if (done.has(line)) {
            throw new IngestError(`the record of this line was scored before (${shownOut}) but the line is no longer a valid record: the input changed since; use another output file`, {
              file: shownFile,
              line,
            });
          }
          yield { line, error: locateRecordError(e, shownFile, line) };
          continue;
        }
        const saved = done.get(line);
        if (saved !== undefined) {
          if (saved !== responseFingerprint(record.prompt, record.response)) {
            throw new IngestError(`the prompt or response differs from the one scored before into ${shownOut}: the input changed since; use another output file`, {
              file: shownFile,
              line,
              problemId: record.problemId,
            });
          }
          alreadyScored++;
          done.delete(line);
          continue;
        }
        yield { line, record };
      }
    } finally {
      input.close();
    }
  }

  const output = createWriteStream(out, { flags: "a" });
  let writeError: unknown;
  output.on("error", (e) => {
    writeError ??= e;
    stopWith(new IngestError(`cannot write: ${message(e)}`, { file: shownOut, line: 0, cause: e }));
  });
  // One shared wait for the stream to drain, however many workers are waiting on it.
  let draining: Promise<void> | undefined;
  const drained = (): Promise<void> =>
    (draining ??= new Promise<void>((resolve) => {
      const done = (): void => {
        output.off("drain", done);
        output.off("close", done);
        draining = undefined;
        resolve();
      };
      output.on("drain", done);
      output.on("close", done);
    }));
  const inflight = new AbortController();
  // Every request in flight listens to it: as many listeners as the concurrency, not a leak.
  setMaxListeners(0, inflight.signal);
  const onUserAbort = (): void => inflight.abort(options.signal?.reason);
  if (options.signal?.aborted === true) inflight.abort(options.signal.reason);
  options.signal?.addEventListener("abort", onUserAbort, { once: true });

  let stop: unknown;
  let stopped = false;
  function stopWith(e: unknown, abortInFlight = true): void {
    if (!stopped) {
      stopped = true;
      stop = e;
    }
    if (abortInFlight) inflight.abort(e);
  }
  const progress = (): void =>
    options.onProgress?.({ linesRead, alreadyScored, scored, rejected, retries });
  const reject = (e: ScoringRecordError): void => {
    rejected++;
    if (errors.length < maxErrors) errors.push(e);
    // Strict: stop taking records, but let the requests in flight finish and be saved.
    if (strict) stopWith(e, false);
  };

  const it = jobs();
  async function worker(): Promise<void> {
    for (;;) {
      if (stopped || inflight.signal.aborted) return;
      let step: IteratorResult<Job>;
      try {
        step = await it.next();
      } catch (e) {
        stopWith(e);
        return;
      }
      if (step.done === true) return;
      const job = step.value;
      if ("error" in job) {
        reject(job.error);
        progress();
        continue;
      }
      if (stopped || inflight.signal.aborted) return;
      try {
        const result = await scorer.score(job.record, {
          signal: inflight.signal,
          key: job.line,
          onRetry: (event) => {
            retries++;
            options.onRetry?.({ ...event, line: job.line });
          },
        });
        if (!output.write(scoredLine(result, job.line, scorerInfo, save))) await drained();
        scored++;
        tokens += result.sequence.tokens.length;
        if (result.location.straddle !== "none") straddled++;
      } catch (e) {
        if (e instanceof ScoringRecordError) reject(locateRecordError(e, shownFile, job.line));
        else stopWith(e);
      }
      progress();
    }
  }

  try {
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
  } finally {
    options.signal?.removeEventListener("abort", onUserAbort);
    await it.return(undefined).catch(() => undefined);
    input.close();
    scorer.close();
    await new Promise<void>((resolve) => output.end(() => resolve()));
  }
  if (writeError !== undefined && !(stop instanceof PasskError)) {
    throw new IngestError(`cannot write: ${message(writeError)}`, { file: shownOut, line: 0, cause: writeError });
  }
  if (options.signal?.aborted === true) {
    throw new ScoringAbortedError(`stopped after scoring ${scored} record${scored === 1 ? "" : "s"} (saved to ${shownOut}; run again to resume)`, {
      scored,
      cause: options.signal.reason,
    });
  }
  if (stopped) throw stop;
  if (done.size > 0) {
    const first = Math.min(...done.keys());
    throw new IngestError(`${shownOut} holds ${done.size} scored record(s) for lines this file does not have (first: line ${first}): the input changed since; use another output file`, {
      file: shownFile,
      line: first,
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { file, out, linesRead, blankLines, alreadyScored, scored, rejected, errors, tokens, requests: scorer.requests, retries, straddled, droppedPartialLine };
}
