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

/**
 * One row group's cells of some leaf columns (a struct's field, e.g. `doc.id`), without the row
 * objects and struct objects hyparquet assembles for whole columns: `leaves[k][i]` is the cell of
 * leaf k in the group's row i, or undefined when a struct on its path is null (or the decoded
 * layout is not the expected one). `objects()` decodes the same group as row objects, for rows
 * the caller cannot take from the leaves.
 * @internal
 */
export interface ParquetLeafGroup {
  readonly firstRow: number;
  readonly rows: number;
  readonly leaves: ReadonlyArray<ReadonlyArray<unknown>>;
  objects(): Promise<ReadonlyArray<Readonly<Record<string, unknown>>>>;
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
  /**
   * The row groups of the named top-level columns as cells of some of their leaves (each a path
   * of field names from a top-level column to a leaf, no list or map on the way), decoded page by
   * page without assembling rows or structs; undefined when a path is not such a leaf.
   */
  leafGroups(columns: readonly string[], leaves: ReadonlyArray<readonly string[]>): AsyncIterable<ParquetLeafGroup> | undefined;
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
    // How many list levels hyparquet's page assembly wraps a leaf's cells in: one per OPTIONAL
    // struct between the top level and the leaf ([v] for a present struct, [] for a null one).
    const leafWraps = (path: readonly string[]): number | undefined => {
      let index = 0;
      let wraps = 0;
      for (let d = 0; d < path.length; d++) {
        let j = index + 1;
        let found = -1;
        for (let c = 0; c < (metadata.schema[index]?.num_children ?? 0); c++) {
          if (metadata.schema[j]?.name === path[d]) {
            found = j;
            break;
          }
          j = skip(j);
        }
        const element = metadata.schema[found];
        if (element === undefined || element.repetition_type === "REPEATED") return undefined;
        const leaf = (element.num_children ?? 0) === 0;
        if (leaf !== (d === path.length - 1)) return undefined;
        if (!leaf && element.repetition_type !== "REQUIRED") wraps++;
        index = found;
      }
      return path.length > 0 ? wraps : undefined;
    };
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
      leafGroups(wanted: readonly string[], leaves: ReadonlyArray<readonly string[]>) {
        const wraps = leaves.map(leafWraps);
        if (wraps.some((w) => w === undefined)) return undefined;
        return (async function* () {
          let start = 0;
          for (const rows of groupRows) {
            const groupStart = start;
            const cells = leaves.map(() => new Array<unknown>(rows).fill(undefined));
            // Without onChunk/onComplete hyparquet decodes the pages and assembles neither rows nor structs.
            // A group that fails to decode yields no cells: objects() then fails with hyparquet's message.
            await parquetRead({
              file,
              metadata,
              columns: [...wanted],
              rowStart: groupStart,
              rowEnd: groupStart + rows,
              onPage: ({ pathInSchema, columnData, rowStart }) => {
                const k = leaves.findIndex((p) => p.length === pathInSchema.length && p.every((name, d) => name === pathInSchema[d]));
                if (k < 0) return;
                const out = cells[k] as unknown[];
                const w = wraps[k] as number;
                for (let i = 0; i < columnData.length; i++) {
                  const r = rowStart + i - groupStart;
                  if (r < 0 || r >= rows) continue;
                  let cell: unknown = columnData[i];
                  for (let d = 0; d < w && cell !== undefined; d++) cell = Array.isArray(cell) && cell.length === 1 ? (cell[0] as unknown) : undefined;
                  out[r] = cell;
                }
              },
            }).catch(() => {
              for (const c of cells) c.fill(undefined);
            });
            yield {
              firstRow: groupStart + 1,
              rows,
              leaves: cells,
              objects: async () =>
                (await parquetReadObjects({ file, metadata, columns: [...wanted], rowStart: groupStart, rowEnd: groupStart + rows })) as Array<Record<string, unknown>>,
            };
            start += rows;
          }
        })();
      },
      close: () => fh.close(),
    };
  } catch (e) {
    await fh.close();
    throw e;
  }
}
