/**
 * Reading a `passk.tallies` JSON file (TallyAccumulator.toJSON output, e.g. a map-reduce shard).
 * @module
 */
import { readFile } from "node:fs/promises";
import { PasskError } from "../errors/errors.js";
import { cannotOpenMessage } from "../node/jsonlChunks.js";
import { IngestError } from "../node/ingestError.js";
import { TallyAccumulator } from "../tallies/index.js";

/** The start of a tallies file as toJSON writes it (`format` is its first key), compact or indented. */
const TALLIES_START = /^\s*\{\s*"format"\s*:\s*"passk\.tallies"/;

/**
 * Whether a file's first bytes (decoded) are those of a `passk.tallies` JSON document.
 *
 * @example
 * ```ts
 * import { looksLikeTallies } from "passk/cli";
 * console.log(looksLikeTallies('{\n  "format": "passk.tallies",\n  "version": 1')); // => true
 * console.log(looksLikeTallies('{"model":"m","problem_id":"p","correct":true}')); // => false
 * ```
 */
export function looksLikeTallies(head: string): boolean {
  return TALLIES_START.test(head.replace(/^\uFEFF/, ""));
}

/**
 * Reads and validates a `passk.tallies` JSON file into a {@link index!TallyAccumulator}.
 *
 * @param path - the file to read
 * @param shown - the file as named in errors
 * @throws {@link node!IngestError} naming the file (and the JSON path of the first bad field) when
 *   it cannot be read, is not JSON, or is not a valid tallies document
 *
 * @example
 * ```ts
 * import { writeFileSync, mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { TallyAccumulator } from "passk";
 * import { readTallyFile } from "passk/cli";
 * const file = join(mkdtempSync(join(tmpdir(), "passk-")), "shard-0.json");
 * writeFileSync(file, JSON.stringify(new TallyAccumulator().addTally("m", { problemId: "p", n: 4, c: 1 })));
 * console.log((await readTallyFile(file, "shard-0.json")).talliesFor("m")); // => [ { problemId: 'p', n: 4, c: 1 } ]
 * ```
 */
export async function readTallyFile(path: string, shown: string): Promise<TallyAccumulator> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new IngestError(cannotOpenMessage(e), { file: shown, line: 0, cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // A shard cut short (a worker killed mid-write) ends here.
    throw new IngestError(`not a complete JSON document (truncated?): ${e instanceof Error ? e.message : String(e)}`, { file: shown, line: 0, cause: e });
  }
  try {
    return TallyAccumulator.fromJSON(json);
  } catch (e) {
    if (!(e instanceof PasskError)) throw e;
    throw new IngestError(`not a valid passk.tallies document: ${e.message}`, { file: shown, line: 0, field: e.field, value: e.value, cause: e });
  }
}
