/**
 * The input of `passk verify --benchmark codecontests`: a samples file of programs by problem
 * name, joined with the CodeContests records they solve.
 * @module
 */
import { basename, resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import { codeContestsReference } from "../node/code/benchmarks/codeContests.js";
import type { CodeReference, OutputChecker } from "../node/code/types.js";
import { IngestError } from "../node/ingestError.js";
import { jsonlValues } from "../node/jsonlValues.js";
import { notAnObjectMessage, showValue } from "../node/readerMessages.js";
import { benchmarkProblemsFile } from "./benchmarkProblemsFile.js";
import { UsageError } from "./exitCodes.js";
import type { VerifyInput, VerifyInputOptions, VerifyItem } from "./verifyInput.js";

interface Sample {
  readonly line: number;
  readonly name: string;
  readonly program: string;
}

/**
 * Reads CodeContests samples: one `{"name", "completion"}` per line (`"solution"` is read in place
 * of `"completion"`), `name` the problem's `name` in the records (e.g. `"1549_A. Gregor and
 * Cryptography"`) and the program the raw source (not a fenced response). The records file
 * (`problems`, JSONL of CodeContests records, e.g. a split of the Hugging Face dataset written
 * with `to_json(lines=True)`) is streamed after the samples and only the named problems are
 * kept. Sample indices count each problem's samples in file order; the model id is `model`, else
 * the samples file's name without `.jsonl`/`.jsonl.gz`. `multipleAnswers` and `timeLimitFactor`
 * are passed to {@link codeContestsReference}.
 *
 * `checker` names an ES module whose default export is called once per graded problem with
 * `{ name, description }` and returns that problem's {@link OutputChecker} (called with the test's
 * input, expected output and the program's output; true = accepted), or `undefined` to compare
 * outputs as usual. A problem whose statement accepts several answers needs one (else its samples
 * are `"error"`, `CheckerRequiredError`), unless `multipleAnswers: "ignore"`. The module runs in
 * this process, as trusted code; the output it judges is the candidate's and may be hostile.
 *
 * @throws {@link IngestError} naming the file and line of a bad sample or record, a problem named
 *   twice in the records, or a sample whose problem is not there, or a checker module's answer for
 *   a problem that is not a function; {@link UsageError} without `problems`, with response-file
 *   field options, or for a checker module that cannot be loaded or has no default function
 * @example
 * ```ts
 * import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { readVerifyInput } from "passk/cli";
 * const dir = mkdtempSync(join(tmpdir(), "passk-"));
 * const problem = { name: "1_A. Sum", description: "Print a + b.", public_tests: { input: ["1 2\n"], output: ["3\n"] },
 *   private_tests: { input: [], output: [] }, generated_tests: { input: [], output: [] } };
 * writeFileSync(join(dir, "test.jsonl"), JSON.stringify(problem) + "\n");
 * writeFileSync(join(dir, "runs.jsonl"), JSON.stringify({ name: "1_A. Sum", completion: "print(3)" }) + "\n");
 * const input = await readVerifyInput(join(dir, "runs.jsonl"), "runs.jsonl", { benchmark: "codecontests", problems: "test.jsonl" }, dir);
 * console.log(input.format, input.items.map((i) => `${i.model} ${i.problemId}#${i.sampleIndex}`)); // => codecontests [ 'runs 1_A. Sum#0' ]
 * rmSync(dir, { recursive: true, force: true });
 * ```
 */
export async function readCodeContestsSamples(file: string, shown: string, options: VerifyInputOptions, cwd: string): Promise<VerifyInput> {
  const problemsFile = benchmarkProblemsFile(options, "codecontests", {
    problems: "<records.jsonl>: the samples name only the problem and the program",
    fields: "samples hold name and completion",
  });
  const samples: Sample[] = [];
  for await (const { line, value } of jsonlValues(file, shown)) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new IngestError(`the line ${notAnObjectMessage(value)}`, { file: shown, line, value });
    const o = value as Record<string, unknown>;
    if (typeof o.name !== "string" || o.name === "") throw new IngestError(`name must be a non-empty string, got ${showValue(o.name)}`, { file: shown, line, field: "name", value: o.name });
    const field = "completion" in o ? "completion" : "solution";
    const program = o[field];
    if (typeof program !== "string") {
      throw new IngestError(`completion (or solution) must be a string, got ${showValue(program)}`, { file: shown, line, field, value: program, problemId: o.name });
    }
    samples.push({ line, name: o.name, program });
  }
  if (options.timeLimitFactor !== undefined && !(options.timeLimitFactor > 0)) {
    throw new UsageError(`--time-limit-factor must be > 0, got ${options.timeLimitFactor}`, { field: "--time-limit-factor", value: options.timeLimitFactor });
  }
  const referenceOptions = {
    ...(options.multipleAnswers !== undefined && { multipleAnswers: options.multipleAnswers }),
    ...(options.timeLimitFactor !== undefined && { timeLimitFactor: options.timeLimitFactor }),
  };
  const checkerFor = options.checker === undefined ? undefined : await loadCheckerModule(options.checker, cwd);
  const wanted = new Set(samples.map((s) => s.name));
  const references = new Map<string, CodeReference>();
  const seen = new Set<string>();
  for await (const { line, value } of jsonlValues(resolvePath(cwd, problemsFile), problemsFile)) {
    const name = (value as { name?: unknown } | null)?.name;
    if (typeof name === "string" && seen.has(name)) throw new IngestError(`name ${showValue(name)} appears twice`, { file: problemsFile, line, field: "name", value: name, problemId: name });
    if (typeof name === "string") seen.add(name);
    // Records no sample names are not even checked: a split can be large and only some problems graded.
    if (typeof name === "string" && !wanted.has(name)) continue;
    try {
      const checker = checkerFor === undefined ? undefined : checkerOf(checkerFor, value as Record<string, unknown>, options.checker as string);
      references.set(name as string, codeContestsReference(value, checker === undefined ? referenceOptions : { ...referenceOptions, checker }));
    } catch (e) {
      const f = (e as { field?: string }).field;
      throw new IngestError(e instanceof Error ? e.message : String(e), { file: problemsFile, line, field: f, cause: e, ...(typeof name === "string" && { problemId: name }) });
    }
  }
  if (seen.size === 0) throw new IngestError("holds no problems", { file: problemsFile, line: 0 });
  const model = options.model ?? basename(shown).replace(/\.jsonl(\.gz)?$/u, "");
  const counts = new Map<string, number>();
  const items: VerifyItem[] = samples.map(({ line, name, program }) => {
    const reference = references.get(name);
    if (reference === undefined) throw new IngestError(`name ${showValue(name)} is not in ${problemsFile}`, { file: shown, line, field: "name", value: name, problemId: name });
    const sampleIndex = counts.get(name) ?? 0;
    counts.set(name, sampleIndex + 1);
    return { line, model, problemId: name, sampleIndex, response: program, reference };
  });
  return { format: "codecontests", items, linesSkipped: 0, task: null };
}

/** What a checker module's default export is called with. */
type CheckerFactory = (problem: { readonly name: string; readonly description: string }) => unknown;

/** The default export of the checker module at `path`. */
async function loadCheckerModule(path: string, cwd: string): Promise<CheckerFactory> {
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(resolvePath(cwd, path)).href)) as { default?: unknown };
  } catch (e) {
    throw new UsageError(`--checker ${path} cannot be loaded: ${e instanceof Error ? e.message : String(e)}`, { field: "--checker", value: path });
  }
  if (typeof mod.default !== "function") {
    throw new UsageError(`--checker ${path} must export a default function ({ name, description }) => checker or undefined, got ${typeof mod.default}`, {
      field: "--checker",
      value: path,
    });
  }
  return mod.default as CheckerFactory;
}

/** The checker the module gives the problem of `record`, or undefined; anything else is an error naming the module. */
function checkerOf(factory: CheckerFactory, record: Record<string, unknown>, path: string): OutputChecker | undefined {
  const name = record.name as string;
  const description = typeof record.description === "string" ? record.description : "";
  const checker = factory({ name, description });
  if (checker === undefined) return undefined;
  if (typeof checker !== "function") {
    throw Object.assign(new Error(`the checker module ${path} returned ${showValue(checker)} for this problem, not a function or undefined`), { field: "--checker" });
  }
  return checker as OutputChecker;
}
