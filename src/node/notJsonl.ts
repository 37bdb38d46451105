/**
 * Recognizing files that are not JSONL (one JSON document, a zip) and saying what to do instead.
 * @internal
 * @module
 */

/** The kinds of non-JSONL input recognized. @internal */
export type NotJsonlKind = "array" | "object" | "zip";

/** True when `bytes` start with a zip signature (local file header, empty archive or spanned archive). @internal */
export function isZipStart(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6) || (bytes[2] === 7 && bytes[3] === 8));
}

/**
 * Whether the first non-blank line, which did not parse, opens a JSON document spread over
 * several lines: it starts an array (`[` alone, or `[{...},` with one element per line), or is an
 * opening `{` alone (how `json.dumps(indent=...)` and `JSON.stringify(v, null, 2)` start an
 * object). Neither can start a JSONL file. (A complete array on one line parses; the reader then
 * refuses it as a line that is not an object.)
 * @internal
 */
export function jsonDocumentStart(firstLine: string): "array" | "object" | undefined {
  const t = firstLine.trim();
  if (t.startsWith("[")) return "array";
  if (t === "{") return "object";
  return undefined;
}

/** Keys that identify a known document, looked up in its first lines. */
function pointer(kind: NotJsonlKind, head: string, file: string): string {
  const has = (key: string) => head.includes(`"${key}"`);
  if (kind === "zip") {
    return "a zip archive (an Inspect AI .eval log is one): read an Inspect log with ingestInspectLog (passk report reads it as is)";
  }
  if (kind === "array" && has("doc_id")) {
    return (
      "it looks like older lm-evaluation-harness output (--log_samples before it wrote JSONL, or 0.3's --write_out), one JSON " +
      "array of documents: convert it to JSONL with " +
      `\`jq -c '.[]' ${file} > samples.jsonl\` and read that (--format lmeval, or lmEvalReader)`
    );
  }
  if (has("results") && (has("configs") || has("versions"))) {
    return (
      "it looks like an lm-evaluation-harness results file (aggregate scores only); the per-document samples are in the " +
      "samples_<task>_<date>.jsonl files next to it, written when lm-eval runs with --log_samples"
    );
  }
  if (has("num_samples") && has("acc")) {
    return "it looks like a Qwen2.5-Math toolkit *_metrics.json summary; the per-problem samples are in the .jsonl file of the same run (--format qwen)";
  }
  if (has("eval") && (has("samples") || has("status"))) {
    return "it looks like an Inspect AI log: read it with ingestInspectLog (passk report reads it as is)";
  }
  return kind === "array"
    ? `if each element is one record, convert it with \`jq -c '.[]' ${file} > records.jsonl\``
    : "JSONL needs each record as one JSON object on its own line (`jq -c` writes compact JSON)";
}

/**
 * The message for a file that is not JSONL: what it is, and where to go instead. `head` is the
 * start of the file (a few KiB), searched for keys that identify known documents; `file` is
 * named in the conversion command.
 * @internal
 */
export function notJsonlMessage(kind: NotJsonlKind, head: string, file: string): string {
  const what = kind === "zip" ? "a zip archive" : kind === "array" ? "a JSON document (an array)" : "a JSON document (an object spread over several lines)";
  return `this is ${what}, not JSONL (one JSON object per line): ${pointer(kind, head, file)}`;
}
