/**
 * `passk verify --benchmark mbpp|bigcodebench|apps|livecodebench`: each benchmark's usual samples
 * file joined with its problems file into items to grade.
 * @module
 */
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { basename, resolve as resolvePath } from "node:path";
import { InvalidArgumentError } from "../errors/errors.js";
import { appsReference } from "../node/code/benchmarks/apps.js";
import { bigCodeBenchReference } from "../node/code/benchmarks/bigCodeBench.js";
import { liveCodeBenchReference } from "../node/code/benchmarks/liveCodeBench.js";
import { mbppReference } from "../node/code/benchmarks/mbpp.js";
import { localRunner } from "../node/code/localRunner.js";
import type { CodeReference } from "../node/code/types.js";
import { benchmarkProblemsFile } from "./benchmarkProblemsFile.js";
import { IngestError } from "../node/ingestError.js";
import { jsonlValues } from "../node/jsonlValues.js";
import { cannotOpenMessage } from "../node/jsonlChunks.js";
import { notAnObjectMessage, showValue } from "../node/readerMessages.js";
import { UsageError } from "./exitCodes.js";
import type { VerifyInput, VerifyInputOptions, VerifyItem } from "./verifyInput.js";

/** The benchmarks this module reads (humaneval is read by verifyInput.ts). */
export type OtherBenchmark = "mbpp" | "bigcodebench" | "apps" | "livecodebench";

const ID_FIELD: Readonly<Record<OtherBenchmark, string>> = { mbpp: "task_id", bigcodebench: "task_id", apps: "problem_id", livecodebench: "question_id" };
const SAMPLES: Readonly<Record<OtherBenchmark, string>> = {
  mbpp: "JSONL of {task_id, completion} (or solution)",
  bigcodebench: "JSONL of {task_id, solution} (or completion)",
  apps: "a JSON object of problem_id -> list of programs (or one program)",
  livecodebench: "a JSON list of {question_id, code_list} (or JSONL of them)",
};

/** A problem id as a map key: a string, or a number written in decimal. */
function idKey(raw: unknown): string | undefined {
  if (typeof raw === "number" && Number.isSafeInteger(raw)) return String(raw);
  return typeof raw === "string" && raw !== "" ? raw : undefined;
}

/** The problems file's records by id, with their lines (references are built for the ids the samples use). */
async function problemRecords(benchmark: OtherBenchmark, file: string, shown: string): Promise<Map<string, { line: number; record: unknown }>> {
  const field = ID_FIELD[benchmark];
  const records = new Map<string, { line: number; record: unknown }>();
  // A .json problems file (MBPP's sanitized-mbpp.json) is one list; any other is JSONL.
  let entries: AsyncIterable<{ line: number; value: unknown }> | Iterable<{ line: number; value: unknown }>;
  if (/\.json(\.gz)?$/u.test(file)) {
    const { value, entries: at } = await jsonFile(file, shown);
    if (!Array.isArray(value)) throw new IngestError(`must be a JSON list of problems, got ${showValue(value)}`, { file: shown, line: 1, value });
    entries = value.map((v: unknown, k) => ({ line: at[k]?.line ?? 0, value: v }));
  } else {
    entries = jsonlValues(file, shown);
  }
  for await (const { line, value } of entries) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new IngestError(`the line ${notAnObjectMessage(value)}`, { file: shown, line, value });
    const raw = (value as Record<string, unknown>)[field];
    const id = idKey(raw);
    if (id === undefined) throw new IngestError(`${field} must be a non-empty string or an integer, got ${showValue(raw)}`, { file: shown, line, field, value: raw });
    if (records.has(id)) throw new IngestError(`${field} ${showValue(raw)} appears twice`, { file: shown, line, field, value: raw, problemId: id });
    records.set(id, { line, record: value });
  }
  if (records.size === 0) throw new IngestError("holds no problems", { file: shown, line: 0 });
  return records;
}

/**
 * Where each entry of a JSON text's top-level array or object starts: its 1-based line, and for an
 * object its key (JSON orders integer-like keys first, so entries cannot be matched by position).
 */
export function topLevelEntries(text: string): { line: number; key?: string }[] {
  const entries: { line: number; key?: string }[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectEntry = false;
  let object = false;
  let keyStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\n") line++;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') {
        inString = false;
        if (keyStart >= 0) {
          (entries[entries.length - 1] as { key?: string }).key = JSON.parse(text.slice(keyStart, i + 1)) as string;
          keyStart = -1;
        }
      }
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\n") continue;
    if (expectEntry && depth === 1 && c !== "]" && c !== "}") {
      entries.push({ line });
      if (object && c === '"') keyStart = i;
    }
    expectEntry = false;
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      expectEntry = ++depth === 1;
      if (depth === 1) object = c === "{";
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expectEntry = true;
  }
  return entries;
}

/** A whole JSON file (plain or gzip), parsed, with the line of each top-level entry. */
async function jsonFile(file: string, shown: string): Promise<{ value: unknown; entries: { line: number; key?: string }[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new IngestError(cannotOpenMessage(e), { file: shown, line: 0, cause: e });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new IngestError(`cannot read gzip data: ${e instanceof Error ? e.message : String(e)}`, { file: shown, line: 0, cause: e });
    }
  }
  const text = bytes.toString("utf8");
  try {
    return { value: JSON.parse(text) as unknown, entries: topLevelEntries(text) };
  } catch (e) {
    const at = /position (\d+)/u.exec(e instanceof Error ? e.message : "")?.[1];
    const line = at === undefined ? 0 : text.slice(0, Number(at)).split("\n").length;
    throw new IngestError(`is not JSON: ${e instanceof Error ? e.message : String(e)}`, { file: shown, line, cause: e });
  }
}

interface RawSample {
  readonly line: number;
  readonly id: string;
  readonly code: string;
  readonly index: number;
}

function code(value: unknown, field: string, shown: string, line: number, id: string): string {
  if (typeof value !== "string") throw new IngestError(`${field} must be a string, got ${showValue(value)}`, { file: shown, line, field, value, problemId: id });
  return value;
}

/** JSONL samples with an id field and a code field (mbpp, bigcodebench; livecodebench as JSONL). */
async function jsonlSamples(benchmark: OtherBenchmark, file: string, shown: string): Promise<RawSample[]> {
  const out: RawSample[] = [];
  const counts = new Map<string, number>();
  for await (const { line, value } of jsonlValues(file, shown)) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new IngestError(`the line ${notAnObjectMessage(value)}`, { file: shown, line, value });
    out.push(...sampleEntry(benchmark, value as Record<string, unknown>, shown, line, counts));
  }
  return out;
}

function sampleEntry(benchmark: OtherBenchmark, o: Record<string, unknown>, shown: string, line: number, counts: Map<string, number>): RawSample[] {
  const field = ID_FIELD[benchmark];
  const id = idKey(o[field]);
  if (id === undefined) throw new IngestError(`${field} must be a non-empty string or an integer, got ${showValue(o[field])}`, { file: shown, line, field, value: o[field] });
  if (benchmark === "livecodebench") {
    const list = o.code_list;
    if (!Array.isArray(list)) throw new IngestError(`code_list must be a list of programs, got ${showValue(list)}`, { file: shown, line, field: "code_list", value: list, problemId: id });
    const base = counts.get(id) ?? 0;
    counts.set(id, base + list.length);
    return list.map((c: unknown, j) => ({ line, id, code: code(c, `code_list[${j}]`, shown, line, id), index: base + j }));
  }
  const primary = benchmark === "mbpp" ? "completion" : "solution";
  const secondary = benchmark === "mbpp" ? "solution" : "completion";
  const name = o[primary] === undefined && o[secondary] !== undefined ? secondary : primary;
  const index = counts.get(id) ?? 0;
  counts.set(id, index + 1);
  return [{ line, id, code: code(o[name], name, shown, line, id), index }];
}

/** APPS's generations: a JSON object of problem id → list of programs (or one program). */
async function appsSamples(file: string, shown: string): Promise<RawSample[]> {
  const { value, entries } = await jsonFile(file, shown);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new IngestError(`must be a JSON object of problem_id -> list of programs, got ${showValue(value)}`, { file: shown, line: 1, value });
  }
  const lines = new Map(entries.map((e) => [e.key, e.line]));
  return Object.entries(value).flatMap(([id, codes]) => {
    const line = lines.get(id) ?? 0;
    const list: unknown[] = typeof codes === "string" ? [codes] : Array.isArray(codes) ? codes : [codes];
    return list.map((c, j) => ({ line, id, code: code(c, `${id}[${j}]`, shown, line, id), index: j }));
  });
}

/** LiveCodeBench's outputs: a JSON list of {question_id, code_list}, or JSONL of them. */
async function liveCodeBenchSamples(file: string, shown: string): Promise<RawSample[]> {
  const { value, entries } = await jsonFile(file, shown).catch((e: unknown) => {
    // JSONL is not one JSON value: read it line by line.
    if (e instanceof IngestError && e.message.includes("is not JSON")) return { value: undefined, entries: [] };
    throw e;
  });
  if (value === undefined) return jsonlSamples("livecodebench", file, shown);
  if (!Array.isArray(value)) {
    if (value !== null && typeof value === "object") return sampleEntry("livecodebench", value as Record<string, unknown>, shown, 1, new Map());
    throw new IngestError(`must be a JSON list of {question_id, code_list}, got ${showValue(value)}`, { file: shown, line: 1, value });
  }
  const counts = new Map<string, number>();
  return value.flatMap((entry: unknown, k) => {
    const line = entries[k]?.line ?? 0;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new IngestError(`entry ${k} ${notAnObjectMessage(entry)}`, { file: shown, line, value: entry });
    return sampleEntry("livecodebench", entry as Record<string, unknown>, shown, line, counts);
  });
}

/** The reference of one problem record, an adapter's error turned into one naming the problems file's line. */
async function referenceOf(
  benchmark: OtherBenchmark,
  record: unknown,
  shown: string,
  line: number,
  timeoutSeconds: number | undefined,
): Promise<CodeReference> {
  try {
    switch (benchmark) {
      case "mbpp":
        return mbppReference(record);
      case "bigcodebench":
        return bigCodeBenchReference(record);
      case "apps":
        return appsReference(record, timeoutSeconds === undefined ? {} : { timeoutSeconds });
      case "livecodebench":
        return await liveCodeBenchReference(record, { runner: localRunner(), ...(timeoutSeconds !== undefined && { timeoutSeconds }) });
    }
  } catch (e) {
    // A malformed record names the problems file's line; a runner that cannot run (the
    // LiveCodeBench decoding step) stays the machinery failure it is.
    if (!(e instanceof InvalidArgumentError)) throw e;
    throw new IngestError(e.message, { file: shown, line, field: e.field, problemId: e.problemId, cause: e });
  }
}

/**
 * Reads `benchmark`'s samples file joined with its problems file (JSONL). Samples: MBPP
 * `{task_id, completion}` (or `solution`) per line; BigCodeBench `{task_id, solution}` (or
 * `completion`) per line; APPS a JSON object of `problem_id` → list of programs (the generations
 * file of APPS's eval scripts); LiveCodeBench a JSON list of `{question_id, code_list}` (its
 * outputs file), or JSONL of them. Sample indices count each problem's samples in file order;
 * the model id is `options.model`, else the samples file's name without its extension. Only the
 * problems the samples name are turned into references (LiveCodeBench's compressed private tests
 * are decoded then, in the sandbox).
 *
 * @param timeoutSeconds - APPS and LiveCodeBench: the per-test alarm (default the harness's 4 and 6 s)
 * @throws {@link IngestError} naming file and line of a malformed sample or problem, or a sample
 *   whose problem is not in the problems file; {@link UsageError} without `problems`
 */
export async function readBenchmarkSamples(
  benchmark: OtherBenchmark,
  file: string,
  shown: string,
  options: VerifyInputOptions,
  cwd: string,
  timeoutSeconds?: number,
): Promise<VerifyInput> {
  const problemsFile = benchmarkProblemsFile(options, benchmark, {
    problems: `<file>: the samples (${SAMPLES[benchmark]}) name only the problem`,
    fields: `samples: ${SAMPLES[benchmark]}`,
  });
  const samples =
    benchmark === "apps" ? await appsSamples(file, shown) : benchmark === "livecodebench" ? await liveCodeBenchSamples(file, shown) : await jsonlSamples(benchmark, file, shown);
  const records = await problemRecords(benchmark, resolvePath(cwd, problemsFile), problemsFile);
  const wanted = new Map<string, { line: number; record: unknown }>();
  for (const s of samples) {
    const problem = records.get(s.id);
    if (problem === undefined) {
      throw new IngestError(`${ID_FIELD[benchmark]} ${showValue(s.id)} is not in ${problemsFile}`, { file: shown, line: s.line, field: ID_FIELD[benchmark], value: s.id, problemId: s.id });
    }
    wanted.set(s.id, problem);
  }
  records.clear();
  // LiveCodeBench references decode their private tests in a sandbox run each: a few at a time.
  // The first failure in samples order is the one reported, whichever finished first.
  const ids = [...wanted.keys()];
  const built: (Promise<CodeReference> | undefined)[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const k = next++;
      const problem = wanted.get(ids[k] as string) as { line: number; record: unknown };
      built[k] = referenceOf(benchmark, problem.record, problemsFile, problem.line, timeoutSeconds);
      await built[k]?.catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, ids.length) }, worker));
  const references = new Map<string, CodeReference>();
  for (const [k, id] of ids.entries()) references.set(id, await (built[k] as Promise<CodeReference>));
  const model = options.model ?? basename(shown).replace(/\.(jsonl|json)(\.gz)?$/u, "");
  const items: VerifyItem[] = samples.map((s) => ({
    line: s.line,
    model,
    problemId: s.id,
    sampleIndex: s.index,
    response: s.code,
    reference: references.get(s.id) as CodeReference,
  }));
  return { format: benchmark, items, linesSkipped: 0, task: null };
}
