// Writes Parquet files in lighteval's details layout (>= 0.10: `asdict(Detail(doc, model_response,
// metric))` → struct columns doc, metric, model_response; the text list as a 3-level Parquet LIST,
// as pyarrow writes a Hugging Face Dataset), and in the flat pre-0.10 layout.
import { parquetWriteBuffer } from "hyparquet-writer";

/** One details row: the document's id and prompt, its n responses, and its metric values. */
export interface DetailRow {
  readonly id: string | null;
  readonly query: string | null;
  readonly text: ReadonlyArray<string | null> | null;
  readonly metric: Readonly<Record<string, number | null>>;
}

const utf8 = (name: string) => ({ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" });

/** A lighteval >= 0.10 details file; `metricNames` fixes the struct's fields (every row's keys). */
export function lightevalDetails(rows: readonly DetailRow[], metricNames: readonly string[], rowGroupSize = 1000): Uint8Array {
  const schema = [
    { name: "root", num_children: 3 },
    { name: "doc", repetition_type: "OPTIONAL", num_children: 2 },
    utf8("id"),
    utf8("query"),
    { name: "metric", repetition_type: "OPTIONAL", num_children: metricNames.length },
    ...metricNames.map((name) => ({ name, type: "DOUBLE", repetition_type: "OPTIONAL" })),
    { name: "model_response", repetition_type: "OPTIONAL", num_children: 1 },
    { name: "text", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    utf8("element"),
  ];
  const buf = parquetWriteBuffer({
    columnData: [
      { name: "doc", data: rows.map((r) => ({ id: r.id, query: r.query })) },
      { name: "metric", data: rows.map((r) => Object.fromEntries(metricNames.map((m) => [m, r.metric[m] ?? null]))) },
      { name: "model_response", data: rows.map((r) => ({ text: r.text })) },
    ],
    schema,
    rowGroupSize,
  } as never);
  return new Uint8Array(buf);
}

/** A pre-0.10 details file: flat columns `example`, `predictions`, `metrics`. */
export function lightevalDetailsV0(rows: ReadonlyArray<{ example: string; predictions: readonly string[]; metrics: Record<string, number> }>, metricNames: readonly string[]): Uint8Array {
  const schema = [
    { name: "root", num_children: 3 },
    utf8("example"),
    { name: "metrics", repetition_type: "OPTIONAL", num_children: metricNames.length },
    ...metricNames.map((name) => ({ name, type: "DOUBLE", repetition_type: "OPTIONAL" })),
    { name: "predictions", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    utf8("element"),
  ];
  const buf = parquetWriteBuffer({
    columnData: [
      { name: "example", data: rows.map((r) => r.example) },
      { name: "metrics", data: rows.map((r) => r.metrics) },
      { name: "predictions", data: rows.map((r) => r.predictions) },
    ],
    schema,
  } as never);
  return new Uint8Array(buf);
}
