/**
 * Finding a file given twice on the command line, by path or by content.
 * @module
 */
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import { IngestError } from "../node/ingestError.js";
import { cannotOpenMessage } from "../node/jsonlChunks.js";

/** One input file: as typed, its resolved path, and the model it is read for (`null`: the file names its models). */
export interface InputFile {
  /** The path as typed (for messages). */
  readonly shown: string;
  /** The path to open. */
  readonly path: string;
  /** Model every line is assigned to; `null` when the lines name their models. */
  readonly model: string | null;
}

/** Two arguments that are the same file: `why` says whether by path or by content. */
export interface RepeatedFile {
  /** The earlier argument. */
  readonly first: InputFile;
  /** The later argument. */
  readonly second: InputFile;
  /** `"path"` (the same file) or `"content"` (different files, identical bytes). */
  readonly why: "path" | "content";
}

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Uint8Array);
  return hash.digest("hex");
}

/**
 * Every pair of arguments that name the same file (same real path) or files with identical bytes.
 * Only files of equal size are hashed (SHA-256), so distinct inputs cost one `stat` each. A file
 * that cannot be opened is an {@link IngestError} naming it, raised here before any reading.
 *
 * Formats without a sample index per line (Qwen-math, lm-eval) cannot catch a repeated file by
 * themselves: a Qwen-math file given twice gets the next block of sample indices and would double n.
 *
 * @param files - the inputs, in argument order
 * @returns the repeated pairs, each later argument paired with its first occurrence
 *
 * @example
 * ```ts
 * import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { findRepeatedFiles } from "passk/cli";
 * const dir = mkdtempSync(join(tmpdir(), "passk-"));
 * writeFileSync(join(dir, "a.jsonl"), '{"idx":0,"score":[true]}\n');
 * writeFileSync(join(dir, "copy.jsonl"), '{"idx":0,"score":[true]}\n');
 * const files = ["a.jsonl", "a.jsonl", "copy.jsonl"].map((f) => ({ shown: f, path: join(dir, f), model: "base" }));
 * console.log((await findRepeatedFiles(files)).map((r) => `${r.second.shown}=${r.first.shown} by ${r.why}`)); // => [ 'a.jsonl=a.jsonl by path', 'copy.jsonl=a.jsonl by content' ]
 * rmSync(dir, { recursive: true, force: true });
 * ```
 */
export async function findRepeatedFiles(files: readonly InputFile[]): Promise<RepeatedFile[]> {
  const info = await Promise.all(
    files.map(async (f) => {
      try {
        const s = await stat(f.path);
        if (s.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
        return { file: f, real: await realpath(f.path), size: s.size };
      } catch (e) {
        throw new IngestError(cannotOpenMessage(e), { file: f.shown, line: 0, cause: e });
      }
    }),
  );
  const sizeCount = new Map<number, number>();
  for (const i of info) sizeCount.set(i.size, (sizeCount.get(i.size) ?? 0) + 1);
  const byReal = new Map<string, InputFile>();
  const byHash = new Map<string, InputFile>();
  const hashOfReal = new Map<string, string>();
  const out: RepeatedFile[] = [];
  for (const i of info) {
    const same = byReal.get(i.real);
    if (same !== undefined) {
      out.push({ first: same, second: i.file, why: "path" });
      continue;
    }
    byReal.set(i.real, i.file);
    if ((sizeCount.get(i.size) ?? 0) < 2) continue;
    let hash = hashOfReal.get(i.real);
    if (hash === undefined) {
      hash = `${i.size}:${await sha256(i.real)}`;
      hashOfReal.set(i.real, hash);
    }
    const twin = byHash.get(hash);
    if (twin !== undefined) out.push({ first: twin, second: i.file, why: "content" });
    else byHash.set(hash, i.file);
  }
  return out;
}
