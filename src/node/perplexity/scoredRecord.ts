/**
 * The JSONL line the batch scorer appends per scored response, and reading it back.
 * @module
 */
import { createHash } from "node:crypto";
import { InvalidArgumentError } from "../../errors/errors.js";
import type { LogprobDistribution, TokenLogprobs } from "../../logprobs/index.js";
import type { StraddlePolicy } from "./locateResponse.js";
import type { ScoredResponse } from "./perplexityScorer.js";
import type { ResponseRecord } from "./responseRecord.js";
import { readScoringPayload } from "./readScoringPayload.js";
import { SCORING_SERVERS, type ScoringServer } from "./scoringRequest.js";

/**
 * Format tag of a line holding normalized logprobs (`save: "logprobs"`).
 *
 * @example
 * ```ts
 * import { SCORED_RECORD_FORMAT } from "passk/node";
 * console.log(SCORED_RECORD_FORMAT); // => passk-scored/1
 * ```
 */
export const SCORED_RECORD_FORMAT = "passk-scored/1";

/**
 * Format tag of a line holding the server's raw answer with the prompt and response
 * (`save: "payload"`): larger, but the logprobs can be read again with a later passk.
 *
 * @example
 * ```ts
 * import { SCORED_PAYLOAD_FORMAT } from "passk/node";
 * console.log(SCORED_PAYLOAD_FORMAT); // => passk-payload/1
 * ```
 */
export const SCORED_PAYLOAD_FORMAT = "passk-payload/1";

/**
 * A short fingerprint of a record's prompt and response (the first 16 hex digits of a SHA-256),
 * stored with each scored line so that resuming against a changed input file is caught.
 *
 * @param prompt - the prompt
 * @param response - the response
 *
 * @example
 * ```ts
 * import { responseFingerprint } from "passk/node";
 * console.log(responseFingerprint("Q:", " A").length, responseFingerprint("Q:", " A") === responseFingerprint("Q: ", "A")); // => 16 false
 * ```
 */
export function responseFingerprint(prompt: string, response: string): string {
  return createHash("sha256").update(JSON.stringify([prompt, response])).digest("hex").slice(0, 16);
}

/**
 * Who scored a line: the server kind and model, and how the boundary was treated.
 *
 * @example
 * ```ts
 * import type { Scorer } from "passk/node";
 * const s: Scorer = { server: "vllm", model: "Qwen/Qwen2.5-7B", straddle: "error" };
 * console.log(s.model); // => Qwen/Qwen2.5-7B
 * ```
 */
export interface Scorer {
  /** Kind of server. */
  readonly server: ScoringServer;
  /** Model name. */
  readonly model: string;
  /** Straddle policy the boundary was located with. */
  readonly straddle: StraddlePolicy;
}

/**
 * One line of a scored file, read back.
 *
 * @example
 * ```ts
 * import { parseScoredLine } from "passk/node";
 * const line = parseScoredLine({ format: "passk-scored/1", line: 2, problem_id: "p", fingerprint: "0123456789abcdef", server: "vllm", model: "m", straddle_policy: "error",
 *   straddle: "none", source: "vllm-completions", distribution: "raw", prompt_tokens: 5, tokens: [" a"], logprobs: [-1], bytes: [2] });
 * console.log(line.line, line.record.problemId, line.sequence.bytes); // => 2 p [ 2 ]
 * ```
 */
export interface ScoredLine {
  /** Line of the record in the responses file. */
  readonly line: number;
  /** Fingerprint of its prompt and response ({@link responseFingerprint}). */
  readonly fingerprint: string;
  /** Problem id and sample index (prompt and response only in payload lines). */
  readonly record: Pick<ResponseRecord, "problemId" | "sampleIndex">;
  /** Who scored it. */
  readonly scorer: Scorer;
  /** What happened to a token spanning the boundary. */
  readonly straddle: "none" | "excluded" | "included";
  /** Echoed prompt + response tokens. */
  readonly promptTokens: number;
  /** The response tokens' logprobs and bytes. */
  readonly sequence: TokenLogprobs;
}

/**
 * The logprobs as a JSON array. JSON has no NaN or ±Infinity; the adapters never produce them
 * from a payload, so a non-finite value here is a bug, not data to write as null. A number's
 * JSON text is its ToString (ECMA-262 SerializeJSONProperty), so this is the text `join` would
 * give; JSON.stringify of a plain array of doubles writes them without a string per number,
 * about 4 times less CPU than `join` on distinct logprobs (measured with Node 20 on 500 float32
 * logprobs per line; `join` caches each number's string, which only repeated values reuse).
 */
function logprobsJson(values: Float64Array | readonly number[]): string {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new InvalidArgumentError(`logprobs[${i}] is ${String(v)}, which JSON cannot hold`, { field: `logprobs[${i}]`, value: v });
  }
  return JSON.stringify(values instanceof Float64Array ? Array.from(values) : values);
}

/**
 * The JSONL line (with its newline) that records one scored response: normalized logprobs
 * (`passk-scored/1`: response tokens, logprobs as the server wrote them, bytes per token) or the
 * raw payload with prompt and response (`passk-payload/1`). Either reads back to the same numbers:
 * JSON numbers round-trip float64 exactly.
 *
 * @param scored - the client's result
 * @param line - the record's line in the responses file
 * @param scorer - who scored it
 * @param save - `"logprobs"` (default) or `"payload"`
 *
 * @example
 * ```ts
 * import { scoredLine, parseScoredLine } from "passk/node";
 * const scored = {
 *   record: { problemId: "p1", prompt: "Q:", response: " A" }, sequence: { source: "vllm-completions", distribution: "raw" as const, tokens: [" A"], logprobs: Float64Array.of(-0.1), bytes: [2] },
 *   promptTokens: 3, location: { start: 2, end: 3, straddle: "none" as const, leadingTokens: 0, tokenBytes: [1, 1, 2] }, attempts: 1, payload: {},
 * };
 * const text = scoredLine(scored, 4, { server: "vllm", model: "m", straddle: "error" });
 * console.log(Array.from(parseScoredLine(JSON.parse(text)).sequence.logprobs)); // => [ -0.1 ]
 * ```
 */
export function scoredLine(scored: ScoredResponse, line: number, scorer: Scorer, save: "logprobs" | "payload" = "logprobs"): string {
  const { record, sequence } = scored;
  const head = {
    line,
    problem_id: record.problemId,
    ...(record.sampleIndex !== undefined && { sample_index: record.sampleIndex }),
    fingerprint: responseFingerprint(record.prompt, record.response),
    server: scorer.server,
    model: scorer.model,
    straddle_policy: scorer.straddle,
  };
  if (save === "payload") {
    return `${JSON.stringify({ format: SCORED_PAYLOAD_FORMAT, ...head, prompt: record.prompt, response: record.response, payload: scored.payload })}\n`;
  }
  const fixed = JSON.stringify({
    format: SCORED_RECORD_FORMAT,
    ...head,
    straddle: scored.location.straddle,
    source: sequence.source,
    distribution: sequence.distribution ?? "unknown",
    prompt_tokens: scored.promptTokens,
    tokens: sequence.tokens,
  });
  return `${fixed.slice(0, -1)},"logprobs":${logprobsJson(sequence.logprobs)},"bytes":${JSON.stringify(sequence.bytes)}}\n`;
}

type Json = Readonly<Record<string, unknown>>;

function field<T>(o: Json, name: string, check: (v: unknown) => v is T, what: string): T {
  const v = o[name];
  if (!check(v)) throw new InvalidArgumentError(`${name} must be ${what}, got ${JSON.stringify(v) ?? "nothing"}`, { field: name, value: v });
  return v;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isLine = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 1;
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === "number");
const isCounts = (v: unknown): v is number[] => Array.isArray(v) && v.every(isCount);
const isServer = (v: unknown): v is ScoringServer => typeof v === "string" && (SCORING_SERVERS as readonly string[]).includes(v);
const isStraddlePolicy = (v: unknown): v is StraddlePolicy => v === "error" || v === "exclude" || v === "include";
const isStraddle = (v: unknown): v is ScoredLine["straddle"] => v === "none" || v === "excluded" || v === "included";
const isDistribution = (v: unknown): v is LogprobDistribution => v === "raw" || v === "post-sampling" || v === "unknown";

/**
 * Reads one parsed line of a scored file (either format) back into its record and the response's
 * {@link TokenLogprobs}. A payload line is read again with {@link readScoringPayload}, with the
 * straddle policy it was scored with.
 *
 * @param value - the parsed JSON line
 * @throws {@link index!InvalidArgumentError} naming the field for a malformed line;
 *   {@link ScoringRecordError} when a payload line's response cannot be located
 *
 * @example
 * ```ts
 * import { parseScoredLine } from "passk/node";
 * const payload = { choices: [{ text: "Q: A", logprobs: { tokens: ["Q", ":", " A"], token_logprobs: [null, -1, -0.5] } }] };
 * const line = parseScoredLine({ format: "passk-payload/1", line: 1, problem_id: "p", fingerprint: "0123456789abcdef", server: "vllm", model: "m",
 *   straddle_policy: "error", prompt: "Q:", response: " A", payload });
 * console.log(line.sequence.tokens, Array.from(line.sequence.logprobs), line.promptTokens); // => [ ' A' ] [ -0.5 ] 3
 * ```
 */
export function parseScoredLine(value: unknown): ScoredLine {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidArgumentError("a scored line must be a JSON object", { field: "line", value });
  }
  const o = value as Json;
  const format = o["format"];
  if (format !== SCORED_RECORD_FORMAT && format !== SCORED_PAYLOAD_FORMAT) {
    throw new InvalidArgumentError(`format must be ${SCORED_RECORD_FORMAT} or ${SCORED_PAYLOAD_FORMAT}, got ${JSON.stringify(format) ?? "nothing"}`, {
      field: "format",
      value: format,
    });
  }
  const line = field(o, "line", isLine, "a line number >= 1");
  const problemId = field(o, "problem_id", isString, "a string");
  const sampleIndex = o["sample_index"] === undefined ? undefined : field(o, "sample_index", isCount, "a non-negative integer");
  const fingerprint = field(o, "fingerprint", isString, "a string");
  const scorer: Scorer = {
    server: field(o, "server", isServer, `one of ${SCORING_SERVERS.join(", ")}`),
    model: field(o, "model", isString, "a string"),
    straddle: field(o, "straddle_policy", isStraddlePolicy, '"error", "exclude" or "include"'),
  };
  const record = { problemId, ...(sampleIndex !== undefined && { sampleIndex }) };
  if (format === SCORED_PAYLOAD_FORMAT) {
    const prompt = field(o, "prompt", isString, "a string");
    const response = field(o, "response", isString, "a string");
    const read = readScoringPayload(scorer.server, o["payload"], prompt, response, { straddle: scorer.straddle });
    return { line, fingerprint, record, scorer, straddle: read.location.straddle, promptTokens: read.promptTokens, sequence: read.sequence };
  }
  const tokens = field(o, "tokens", isStrings, "an array of strings");
  const logprobs = field(o, "logprobs", isNumbers, "an array of numbers");
  const bytes = field(o, "bytes", isCounts, "an array of non-negative integers");
  if (logprobs.length !== tokens.length || bytes.length !== tokens.length) {
    throw new InvalidArgumentError(`tokens, logprobs and bytes must have one entry per token (${tokens.length}, ${logprobs.length}, ${bytes.length})`, {
      field: "logprobs",
    });
  }
  if (tokens.length === 0) throw new InvalidArgumentError("tokens is empty: a scored response has at least one token", { field: "tokens" });
  return {
    line,
    fingerprint,
    record,
    scorer,
    straddle: field(o, "straddle", isStraddle, '"none", "excluded" or "included"'),
    promptTokens: field(o, "prompt_tokens", isCount, "a non-negative integer"),
    sequence: {
      source: field(o, "source", isString, "a string"),
      distribution: field(o, "distribution", isDistribution, '"raw", "post-sampling" or "unknown"'),
      tokens,
      logprobs: Float64Array.from(logprobs),
      bytes,
    },
  };
}
