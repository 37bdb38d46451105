/**
 * A zip archive read by random access (yauzl, loaded on first use): the central directory first,
 * then one entry at a time, each refused above a size cap before it is inflated.
 * @internal
 * @module
 */
import { Buffer } from "node:buffer";
import type { Entry, ZipFile } from "yauzl";

/** One file of the archive, as its central directory lists it. @internal */
export interface ZipEntryInfo {
  readonly name: string;
  /** Size once inflated, as declared (yauzl checks the inflated stream against it). */
  readonly size: number;
  readonly compressedSize: number;
  readonly entry: Entry;
}

/** An open archive. @internal */
export interface ZipArchive {
  readonly entries: readonly ZipEntryInfo[];
  /** The entry's bytes; throws {@link ZipEntryTooLarge} when it declares (or inflates to) more than `maxBytes`. */
  read(entry: ZipEntryInfo, maxBytes: number): Promise<Buffer>;
  close(): void;
}

/** An entry above the size cap (a zip bomb, or a log bigger than allowed). @internal */
export class ZipEntryTooLarge extends Error {
  constructor(
    readonly entryName: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`entry ${entryName} inflates to ${size} bytes, above the cap of ${maxBytes}`);
  }
}

/** Opens a zip archive and lists its entries (directories left out). @internal */
export async function openZip(path: string): Promise<ZipArchive> {
  const yauzl = (await import("yauzl")).default;
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true }, (err, z) =>
      err ? reject(err) : resolve(z as ZipFile),
    ),
  );
  try {
    const entries = await new Promise<ZipEntryInfo[]>((resolve, reject) => {
      const out: ZipEntryInfo[] = [];
      zip.on("entry", (entry: Entry) => {
        if (!entry.fileName.endsWith("/")) {
          out.push({ name: entry.fileName, size: entry.uncompressedSize, compressedSize: entry.compressedSize, entry });
        }
        zip.readEntry();
      });
      zip.once("end", () => resolve(out));
      zip.once("error", reject);
      zip.readEntry();
    });
    return {
      entries,
      async read(info: ZipEntryInfo, maxBytes: number): Promise<Buffer> {
        if (info.size > maxBytes) throw new ZipEntryTooLarge(info.name, info.size, maxBytes);
        const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
          zip.openReadStream(info.entry, (err, s) => (err ? reject(err) : resolve(s as NodeJS.ReadableStream))),
        );
        const chunks: Buffer[] = [];
        let total = 0;
        for await (const chunk of stream) {
          const b = chunk as Buffer;
          total += b.length;
          // yauzl already refuses a stream longer than declared; count anyway, so the cap holds
          // whatever the header says.
          if (total > maxBytes) {
            (stream as unknown as { destroy?: () => void }).destroy?.();
            throw new ZipEntryTooLarge(info.name, total, maxBytes);
          }
          chunks.push(b);
        }
        return Buffer.concat(chunks, total);
      },
      close: () => zip.close(),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}
