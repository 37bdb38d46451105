/**
 * Plain-text tables for the terminal reports.
 * @internal
 * @module
 */

/** Left-aligns the first column and right-aligns the others of a table of strings. @internal */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = " ".repeat((widths[i] as number) - [...cell].length);
          return i === 0 ? cell + pad : pad + cell;
        })
        .join("   ")
        .trimEnd(),
    )
    .join("\n");
}
