// A Parquet file on disk as hyparquet reads it (an AsyncBuffer over a file handle) with its
// metadata: the "hyparquet alone" baselines of the Parquet benches open files this way, as a plain
// user of hyparquet would, without going through passk's own reader.
import { open, type FileHandle } from "node:fs/promises";
import { parquetMetadataAsync, type AsyncBuffer, type FileMetaData } from "hyparquet";

/** The file as hyparquet's AsyncBuffer, its metadata, and the handle to close afterwards. */
export async function openParquetFile(path: string): Promise<{ fh: FileHandle; file: AsyncBuffer; metadata: FileMetaData }> {
  const fh = await open(path, "r");
  const { size } = await fh.stat();
  const file: AsyncBuffer = {
    byteLength: size,
    async slice(start: number, end?: number) {
      const buf = new Uint8Array((end ?? size) - start);
      await fh.read(buf, 0, buf.length, start);
      return buf.buffer;
    },
  };
  return { fh, file, metadata: await parquetMetadataAsync(file) };
}
