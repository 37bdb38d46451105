/**
 * The parsed lines of a JSONL file, one by one, for commands that read lines themselves.
 * @internal
 * @module
 */
import { Buffer } from "node:buffer";
import { IngestError } from "./ingestError.js";
import { JsonlDecoder } from "./jsonlDecoder.js";
import { cannotOpenMessage, openFileChunks } from "./jsonlChunks.js";

/** One parsed, non-blank line. @internal */
export interface JsonlValue {
  /** 1-based line number. */
  readonly line: number;
  /** The parsed value. */
  readonly value: unknown;
}

/**
 * Yields the non-blank lines of a plain or gzip file, parsed, with the checks of the ingester
 * (strict UTF-8, Python's NaN tokens, one error for a JSON document or zip). The first malformed
 * line throws its {@link IngestError}; so does a file that cannot be opened (naming `shownPath`).
 * Stopping early (break, return) closes the file.
 * @internal
 */
export async function* jsonlValues(path: string, shownPath: string): AsyncGenerator<JsonlValue> {
  let source;
  try {
    source = await openFileChunks(path);
  } catch (e) {
    throw new IngestError(cannotOpenMessage(e), { file: shownPath, line: 0, cause: e });
  }
  const ready: JsonlValue[] = [];
  const decoder = new JsonlDecoder(shownPath, {
    blank: () => {},
    value: (value, line) => void ready.push({ line, value }),
    malformed: (error) => {
      throw error;
    },
  });
  const iterator = source.chunks[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array>;
      try {
        step = await iterator.next();
      } catch (e) {
        finished = true;
        const reason = e instanceof Error ? e.message : String(e);
        throw new IngestError(`cannot read ${source.gzip ? "gzip data" : "input"}: ${reason}`, { file: shownPath, line: decoder.lines + 1, cause: e });
      }
      if (step.done === true) {
        finished = true;
        break;
      }
      decoder.push(Buffer.from(step.value.buffer, step.value.byteOffset, step.value.byteLength));
      yield* ready.splice(0, ready.length);
    }
    decoder.end();
    yield* ready.splice(0, ready.length);
  } finally {
    if (!finished) await iterator.return?.();
  }
}
