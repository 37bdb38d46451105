/**
 * Raw byte chunks of a plain or gzip-compressed file, with progress in file bytes.
 * @internal
 * @module
 */
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createInterface, type Interface } from "node:readline";
import { createGunzip } from "node:zlib";
import { IngestError } from "./ingestError.js";

/** 1 MiB reads: fewer chunks, cheaper per byte than the 64 KiB default. */
const READ_SIZE = 1 << 20;

/** True when the file starts with the gzip magic bytes 1f 8b (RFC 1952), whatever its name. @internal */
export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await open(path, "r");
  try {
    const buf = new Uint8Array(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * The message for a file that cannot be opened, in words for the common causes (the system message,
 * e.g. `ENOENT: no such file or directory, open 'x'`, repeats the path and hides the reason).
 * @internal
 */
export function cannotOpenMessage(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "cannot open file: no such file";
  if (code === "EISDIR") return "cannot open file: it is a directory";
  if (code === "EACCES" || code === "EPERM") return "cannot open file: permission denied";
  return `cannot open file: ${e instanceof Error ? e.message : String(e)}`;
}

/** Lines of an opened text file; `close()` also releases the file when reading stops early. @internal */
export interface TextLines {
  readonly lines: Interface;
  close(): void;
}

/**
 * The lines of a plain or gzip-compressed text file (gzip detected by magic bytes), for readers
 * that need whole lines rather than the chunked fast path (the perplexity scorer's inputs). A file
 * that cannot be opened is an {@link IngestError} naming `shownPath` at line 0.
 * @internal
 */
export async function openTextLines(path: string, shownPath: string): Promise<TextLines> {
  let gzip: boolean;
  try {
    gzip = await isGzipFile(path);
  } catch (e) {
    throw new IngestError(cannotOpenMessage(e), { file: shownPath, line: 0, cause: e });
  }
  const raw = createReadStream(path);
  const lines = createInterface({ input: gzip ? raw.pipe(createGunzip()) : raw, crlfDelay: Infinity });
  return {
    lines,
    close: () => {
      lines.close();
      raw.destroy();
    },
  };
}

/** An opened file: its size, whether it is gzip, and its (decompressed) chunks. @internal */
export interface FileChunks {
  readonly totalBytes: number;
  readonly gzip: boolean;
  /** Bytes of the file read from disk so far (compressed bytes for gzip). */
  bytesRead(): number;
  readonly chunks: AsyncIterable<Uint8Array>;
}

/** Opens `path` for streaming; gzip is detected by magic bytes and decompressed on the fly. @internal */
export async function openFileChunks(path: string): Promise<FileChunks> {
  const { size } = await stat(path);
  const gzip = await isGzipFile(path);
  const raw = createReadStream(path, { highWaterMark: READ_SIZE });
  let read = 0;
  if (!gzip) {
    return {
      totalBytes: size,
      gzip,
      bytesRead: () => read,
      chunks: (async function* () {
        for await (const chunk of raw) {
          read += (chunk as Uint8Array).length;
          yield chunk as Uint8Array;
        }
      })(),
    };
  }
  raw.on("data", (chunk) => {
    read += chunk.length;
  });
  const gunzip = createGunzip({ chunkSize: READ_SIZE });
  raw.on("error", (e) => gunzip.destroy(e));
  raw.pipe(gunzip);
  return {
    totalBytes: size,
    gzip,
    bytesRead: () => read,
    chunks: (async function* () {
      try {
        for await (const chunk of gunzip) yield chunk as Uint8Array;
      } finally {
        raw.destroy();
      }
    })(),
  };
}
