/**
 * A Parquet file read one row group at a time through hyparquet (pure JS, loaded on first use).
 * @internal
 * @module
 */
import { open } from "node:fs/promises";

/** The Parquet magic bytes `PAR1`, at the start and the end of every Parquet file. @internal */
export const PARQUET_MAGIC = Uint8Array.of(0x50, 0x41, 0x52, 0x31);

/** True when `bytes` starts with `PAR1`. @internal */
export function isParquetStart(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && PARQUET_MAGIC.every((b, i) => bytes[i] === b);
}

/** One row group's rows, as objects keyed by column name, with the 1-based number of its first row. @internal */
export interface ParquetRowGroup {
  readonly firstRow: number;
  readonly rows: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/** One row group's columns, each an array of its cells in row order, with the 1-based number of its first row. @internal */
export interface ParquetColumnGroup {
  readonly firstRow: number;
  readonly rows: number;
  readonly columns: ReadonlyMap<string, ArrayLike<unknown>>;
}

/** An opened Parquet file: its top-level column names, row count, and row groups on demand. @internal */
export interface ParquetRows {
  readonly columns: readonly string[];
  /** The direct children of each top-level struct column (empty for a leaf column). */
  readonly fields: ReadonlyMap<string, readonly string[]>;
  /**
   * The top-level columns whose cells may hold bigints: those with an INT64 or INT96 leaf (hyparquet
   * decodes INT64 as bigint) or a VARIANT part. Cells of the others never hold one.
   */
  readonly bigintColumns: ReadonlySet<string>;
  readonly rowCount: number;
  readonly rowGroupCount: number;
  /** Reads the named columns of every row group in turn: memory holds one row group at a time. */
  rowGroups(columns: readonly string[]): AsyncIterable<ParquetRowGroup>;
  /** The same, column by column (no object per row): each column's cells of one row group, in row order. */
  columnGroups(columns: readonly string[]): AsyncIterable<ParquetColumnGroup>;
  close(): Promise<void>;
}

/**
 * Opens a Parquet file, reading only its footer (metadata). Truncated or corrupt files fail here,
 * with hyparquet's message (e.g. "parquet file invalid (footer != PAR1)").
 * @internal
 */
export async function openParquet(path: string): Promise<ParquetRows> {
  const { parquetMetadataAsync, parquetRead, parquetReadObjects } = await import("hyparquet");
  const fh = await open(path, "r");
  try {
    const { size } = await fh.stat();
    // hyparquet asks for byte ranges (footer, then column chunks): read just those from disk.
    const file = {
      byteLength: size,
      async slice(start: number, end?: number): Promise<ArrayBuffer> {
        const stop = end ?? size;
        const buf = new Uint8Array(Math.max(0, stop - start));
        let done = 0;
        while (done < buf.length) {
          const { bytesRead } = await fh.read(buf, done, buf.length - done, start + done);
          if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${start + done} of ${size}`);
          done += bytesRead;
        }
        return buf.buffer;
      },
    };
    const metadata = await parquetMetadataAsync(file);
    // The schema is a flattened tree; the root's direct children are the top-level columns.
    const root = metadata.schema[0];
    const columns: string[] = [];
    let i = 1;
    const skip = (index: number): number => {
      const children = metadata.schema[index]?.num_children ?? 0;
      let next = index + 1;
      for (let k = 0; k < children; k++) next = skip(next);
      return next;
    };
    const fields = new Map<string, string[]>();
    const bigintColumns = new Set<string>();
    for (let k = 0; k < (root?.num_children ?? 0); k++) {
      const name = metadata.schema[i]?.name ?? "";
      columns.push(name);
      const end = skip(i);
      for (let e = i; e < end; e++) {
        const element = metadata.schema[e];
        if (element?.type === "INT64" || element?.type === "INT96" || element?.logical_type?.type === "VARIANT") bigintColumns.add(name);
      }
      const children: string[] = [];
      let j = i + 1;
      for (let c = 0; c < (metadata.schema[i]?.num_children ?? 0); c++) {
        children.push(metadata.schema[j]?.name ?? "");
        j = skip(j);
      }
      fields.set(name, children);
      i = skip(i);
    }
    const groupRows = metadata.row_groups.map((g) => Number(g.num_rows));
    return {
      columns,
      fields,
      bigintColumns,
      rowCount: Number(metadata.num_rows),
      rowGroupCount: groupRows.length,
      async *rowGroups(wanted: readonly string[]) {
        let start = 0;
        for (const rows of groupRows) {
          const objects = await parquetReadObjects({ file, metadata, columns: [...wanted], rowStart: start, rowEnd: start + rows });
          yield { firstRow: start + 1, rows: objects as Array<Record<string, unknown>> };
          start += rows;
        }
      },
      async *columnGroups(wanted: readonly string[]) {
        let start = 0;
        for (const rows of groupRows) {
          const chunks = new Map<string, Array<{ rowStart: number; data: ArrayLike<unknown> }>>();
          await parquetRead({
            file,
            metadata,
            columns: [...wanted],
            rowStart: start,
            rowEnd: start + rows,
            onChunk: (c) => {
              let list = chunks.get(c.columnName);
              if (list === undefined) chunks.set(c.columnName, (list = []));
              list.push({ rowStart: c.rowStart, data: c.columnData as ArrayLike<unknown> });
            },
          });
          const columns = new Map<string, ArrayLike<unknown>>();
          for (const name of wanted) {
            const list = (chunks.get(name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
            const only = list[0];
            if (list.length === 1 && only !== undefined && only.rowStart === start && only.data.length === rows) {
              columns.set(name, only.data);
              continue;
            }
            // Several pages: copy the group's range into one array.
            const cells = new Array<unknown>(rows);
            for (const { rowStart, data } of list) {
              for (let i = 0; i < data.length; i++) {
                const r = rowStart + i - start;
                if (r >= 0 && r < rows) cells[r] = data[i];
              }
            }
            columns.set(name, cells);
          }
          yield { firstRow: start + 1, rows, columns };
          start += rows;
        }
      },
      close: () => fh.close(),
    };
  } catch (e) {
    await fh.close();
    throw e;
  }
}
