/**
 * Reading scored responses back: files written by the batch scorer, or saved API payloads of any
 * format the logprob adapters read, one per line, the format sniffed from the first line.
 * @module
 */
import { InvalidArgumentError, PasskError } from "../../errors/errors.js";
import {
  fromLlamaCpp,
  fromOllama,
  fromOpenAIChat,
  fromOpenAICompletions,
  fromOpenAIResponses,
  fromSGLang,
  fromTGI,
  fromVllm,
  fromVllmChat,
  fromVllmCompletions,
  type LlamaCppResponseLike,
  type OllamaResponseLike,
  type OpenAIChatResponseLike,
  type OpenAICompletionsResponseLike,
  type OpenAIResponsesResponseLike,
  type SGLangResponseLike,
  type TGIResponseLike,
  type TokenLogprobs,
  type VllmChatResponseLike,
  type VllmCompletionsResponseLike,
  type VllmRequestOutputLike,
} from "../../logprobs/index.js";
import { IngestError } from "../ingestError.js";
import { openTextLines } from "../jsonlChunks.js";
import { parseScoredLine, SCORED_PAYLOAD_FORMAT, SCORED_RECORD_FORMAT, type Scorer } from "./scoredRecord.js";
import { ScoringRecordError } from "./scoringErrors.js";

/**
 * What one line of a scored file is: `"scored"` (a line written by the batch scorer, either
 * `passk-scored/1` or `passk-payload/1`), or an API payload read by the adapter of that name
 * (its generated tokens are the response).
 *
 * @example
 * ```ts
 * import { SCORED_FILE_FORMATS } from "passk/node";
 * import type { ScoredFileFormat } from "passk/node";
 * const f: ScoredFileFormat = "openai-chat";
 * console.log(SCORED_FILE_FORMATS.includes(f), SCORED_FILE_FORMATS[0]); // => true scored
 * ```
 */
export type ScoredFileFormat =
  | "scored"
  | "openai-chat"
  | "openai-completions"
  | "openai-responses"
  | "vllm"
  | "vllm-completions"
  | "vllm-chat"
  | "sglang"
  | "tgi"
  | "llama.cpp"
  | "ollama";

/**
 * Every {@link ScoredFileFormat}.
 *
 * @example
 * ```ts
 * import { SCORED_FILE_FORMATS } from "passk/node";
 * console.log(SCORED_FILE_FORMATS.length); // => 11
 * ```
 */
export const SCORED_FILE_FORMATS: readonly ScoredFileFormat[] = Object.freeze([
  "scored",
  "openai-chat",
  "openai-completions",
  "openai-responses",
  "vllm",
  "vllm-completions",
  "vllm-chat",
  "sglang",
  "tgi",
  "llama.cpp",
  "ollama",
] as const);

function isObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * The format of one parsed line, from the fields that only that format has (vLLM's server adds a
 * `prompt_logprobs` key, null or not, to every answer; OpenAI's does not).
 *
 * @param value - a parsed line
 * @throws {@link index!InvalidArgumentError} when no format fits
 *
 * @example
 * ```ts
 * import { detectScoredFormat } from "passk/node";
 * console.log(detectScoredFormat({ choices: [{ logprobs: { content: [] } }] })); // => openai-chat
 * console.log(detectScoredFormat({ choices: [{ logprobs: { tokens: [] }, prompt_logprobs: null }] })); // => vllm-completions
 * console.log(detectScoredFormat({ meta_info: { output_token_logprobs: [] } })); // => sglang
 * ```
 */
export function detectScoredFormat(value: unknown): ScoredFileFormat {
  if (Array.isArray(value) && value.length > 0 && isObject(value[0]) && isObject(value[0]["details"])) return "tgi";
  if (isObject(value)) {
    const format = value["format"];
    if (format === SCORED_RECORD_FORMAT || format === SCORED_PAYLOAD_FORMAT) return "scored";
    if (isObject(value["meta_info"])) return "sglang";
    if (isObject(value["details"])) return "tgi";
    if (Array.isArray(value["completion_probabilities"])) return "llama.cpp";
    if (Array.isArray(value["outputs"])) return "vllm";
    if (Array.isArray(value["output"])) return "openai-responses";
    const choices = value["choices"];
    if (Array.isArray(choices) && isObject(choices[0])) {
      const choice = choices[0];
      const lp = choice["logprobs"];
      if (isObject(lp) && "content" in lp) return "prompt_logprobs" in value ? "vllm-chat" : "openai-chat";
      if (isObject(lp) && "tokens" in lp) return "prompt_logprobs" in choice ? "vllm-completions" : "openai-completions";
    }
    if (Array.isArray(value["logprobs"])) return "ollama";
  }
  throw new InvalidArgumentError(
    `the line is neither a scored record nor a payload of a known format (${SCORED_FILE_FORMATS.join(", ")})`,
    { field: "format" },
  );
}

/** The sequences of one payload line: generated tokens are the response. */
function readPayload(format: Exclude<ScoredFileFormat, "scored">, value: unknown): TokenLogprobs[] {
  switch (format) {
    case "openai-chat":
      return fromOpenAIChat(value as OpenAIChatResponseLike);
    case "openai-completions":
      return fromOpenAICompletions(value as OpenAICompletionsResponseLike);
    case "openai-responses":
      return [fromOpenAIResponses(value as OpenAIResponsesResponseLike)];
    case "vllm":
      return fromVllm(value as VllmRequestOutputLike);
    case "vllm-completions":
      return fromVllmCompletions(value as VllmCompletionsResponseLike);
    case "vllm-chat":
      return fromVllmChat(value as VllmChatResponseLike);
    case "sglang":
      return [fromSGLang(value as SGLangResponseLike)];
    case "tgi":
      return [fromTGI(value as TGIResponseLike)];
    case "llama.cpp":
      return [fromLlamaCpp(value as LlamaCppResponseLike)];
    case "ollama":
      return [fromOllama(value as OllamaResponseLike)];
  }
}

/**
 * One response read from a scored file.
 *
 * @example
 * ```ts
 * import type { ScoredSequence } from "passk/node";
 * const s: ScoredSequence = { file: "a.jsonl", line: 3, problemId: "p7", sequence: { source: "vllm-completions", tokens: [" 4"], logprobs: [-0.2] } };
 * console.log(`${s.file}:${s.line}`); // => a.jsonl:3
 * ```
 */
export interface ScoredSequence {
  /** The file read. */
  readonly file: string;
  /** Its line. */
  readonly line: number;
  /** The problem id (for bare payloads: the line number, with `#choice` when a line holds several). */
  readonly problemId: string;
  /** Sample index, when the line gives one. */
  readonly sampleIndex?: number;
  /** The response's logprobs. */
  readonly sequence: TokenLogprobs;
  /** Who scored it (scored records only). */
  readonly scorer?: Scorer;
  /** Whether a boundary token straddled prompt and response (scored records only). */
  readonly straddle?: "none" | "excluded" | "included";
}

/**
 * Options of {@link readScoredFile}.
 *
 * @example
 * ```ts
 * import type { ReadScoredOptions } from "passk/node";
 * const options: ReadScoredOptions = { format: "auto", mode: "collect", maxErrors: 10 };
 * console.log(options.mode); // => collect
 * ```
 */
export interface ReadScoredOptions {
  /** The format of every line, or `"auto"` (default): sniffed from the first record. */
  readonly format?: ScoredFileFormat | "auto";
  /** `"strict"` (default) throws at the first bad line; `"collect"` skips and keeps them. */
  readonly mode?: "strict" | "collect";
  /** In collect mode, keep at most this many errors (all are counted). */
  readonly maxErrors?: number;
}

/**
 * What {@link readScoredFile} read. Every line is accounted for:
 * `linesRead = blankLines + linesAccepted + rejected`.
 *
 * @example
 * ```ts
 * import type { ScoredFileSummary } from "passk/node";
 * const s: Pick<ScoredFileSummary, "linesRead" | "blankLines" | "linesAccepted" | "rejected"> = { linesRead: 5, blankLines: 1, linesAccepted: 3, rejected: 1 };
 * console.log(s.linesAccepted + s.blankLines + s.rejected); // => 5
 * ```
 */
export interface ScoredFileSummary {
  /** The file. */
  readonly file: string;
  /** The format read (`undefined` for a file with no record). */
  readonly format: ScoredFileFormat | undefined;
  /** Lines read. */
  readonly linesRead: number;
  /** Blank lines. */
  readonly blankLines: number;
  /** Lines read into sequences. */
  readonly linesAccepted: number;
  /** Sequences read (a payload line with several choices gives several). */
  readonly sequences: number;
  /** Bad lines (collect mode). */
  readonly rejected: number;
  /** Their errors, by line (at most `maxErrors`). */
  readonly errors: readonly ScoringRecordError[];
  /** The distinct scorers of scored records, in order of appearance. */
  readonly scorers: readonly Scorer[];
}

function describe(e: unknown): string {
  return e instanceof PasskError || e instanceof Error ? e.message : String(e);
}

/**
 * Reads a file of scored responses (plain or gzip), calling `onSequence` for each response
 * (streaming: one line in memory at a time). Lines are scored records written by
 * {@link scoreResponsesFile} (either save format) or API payloads of any
 * {@link ScoredFileFormat} (the generated tokens are the response: e.g. a model's own sampling
 * logprobs, for PPL_RL(Y_RL | x)). With `format: "auto"` the first record decides the file's
 * format. Bad lines are {@link ScoringRecordError}s (reason `"malformed-json"` or
 * `"invalid-payload"`) naming file and line: thrown in strict mode, collected in collect mode.
 *
 * @param path - the file
 * @param onSequence - called with each response read
 * @param options - see {@link ReadScoredOptions}
 * @throws {@link IngestError} when the file cannot be read; {@link ScoringRecordError} (strict)
 *
 * @example
 * ```ts
 * import { writeFileSync, mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { readScoredFile } from "passk/node";
 * import { sequencePerplexity } from "passk";
 * const file = join(mkdtempSync(join(tmpdir(), "passk-")), "chat.jsonl");
 * writeFileSync(file, JSON.stringify({ choices: [{ logprobs: { content: [{ token: "4", logprob: Math.log(0.25), bytes: [52], top_logprobs: [] }] } }] }) + "\n");
 * const ppl: number[] = [];
 * const summary = await readScoredFile(file, (s) => void ppl.push(sequencePerplexity(s.sequence).perplexity));
 * console.log(summary.format, summary.sequences, ppl); // => openai-chat 1 [ 4 ]
 * ```
 */
export async function readScoredFile(
  path: string,
  onSequence: (sequence: ScoredSequence) => void,
  options: ReadScoredOptions = {},
): Promise<ScoredFileSummary> {
  if (typeof path !== "string" || path === "") throw new InvalidArgumentError("path must be a non-empty string", { field: "path", value: path });
  if (typeof onSequence !== "function") throw new InvalidArgumentError("onSequence must be a function", { field: "onSequence", value: onSequence });
  const wanted = options.format ?? "auto";
  if (wanted !== "auto" && !SCORED_FILE_FORMATS.includes(wanted)) {
    throw new InvalidArgumentError(`format must be auto or one of ${SCORED_FILE_FORMATS.join(", ")}, got ${String(wanted)}`, { field: "format", value: wanted });
  }
  const strict = (options.mode ?? "strict") === "strict";
  const maxErrors = options.maxErrors ?? Infinity;
  let format: ScoredFileFormat | undefined = wanted === "auto" ? undefined : wanted;
  let linesRead = 0;
  let blankLines = 0;
  let sequences = 0;
  let linesAccepted = 0;
  let rejected = 0;
  let callbackError: unknown;
  const errors: ScoringRecordError[] = [];
  const scorers: Scorer[] = [];
  const file = await openTextLines(path, path);
  try {
    for await (const raw of file.lines) {
      const line = ++linesRead;
      const text = line === 1 ? raw.replace(/^\ufeff/u, "") : raw;
      if (text.trim() === "") {
        blankLines++;
        continue;
      }
      const read: ScoredSequence[] = [];
      try {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (e) {
          throw new ScoringRecordError(`malformed JSON: ${describe(e)}`, { reason: "malformed-json", file: path, line, cause: e });
        }
        try {
          format ??= detectScoredFormat(value);
          if (format === "scored") {
            const s = parseScoredLine(value);
            if (!scorers.some((x) => x.server === s.scorer.server && x.model === s.scorer.model && x.straddle === s.scorer.straddle)) scorers.push(s.scorer);
            read.push({
              file: path,
              line,
              problemId: s.record.problemId,
              ...(s.record.sampleIndex !== undefined && { sampleIndex: s.record.sampleIndex }),
              sequence: s.sequence,
              scorer: s.scorer,
              straddle: s.straddle,
            });
          } else {
            const seqs = readPayload(format, value);
            seqs.forEach((sequence, j) => read.push({ file: path, line, problemId: seqs.length === 1 ? String(line) : `${line}#${j}`, sequence }));
          }
        } catch (e) {
          if (e instanceof ScoringRecordError) throw new ScoringRecordError(e.detail, { ...e.details, file: path, line });
          throw new ScoringRecordError(`cannot read the ${format ?? "line"} record: ${describe(e)}`, { reason: "invalid-payload", file: path, line, cause: e });
        }
      } catch (e) {
        if (!(e instanceof ScoringRecordError)) throw e;
        rejected++;
        if (strict) throw e;
        if (errors.length < maxErrors) errors.push(e);
        continue;
      }
      linesAccepted++;
      for (const s of read) {
        sequences++;
        try {
          onSequence(s);
        } catch (e) {
          callbackError = e;
          throw e;
        }
      }
    }
  } catch (e) {
    if (e === callbackError || e instanceof PasskError) throw e;
    throw new IngestError(`cannot read: ${describe(e)}`, { file: path, line: linesRead + 1, cause: e });
  } finally {
    file.close();
  }
  return { file: path, format, linesRead, blankLines, linesAccepted, sequences, rejected, errors, scorers };
}
