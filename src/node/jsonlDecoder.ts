/**
 * Bytes of a JSONL file → parsed lines, with the checks every JSONL input gets.
 * @internal
 * @module
 */
import { Buffer } from "node:buffer";
import { IngestError } from "./ingestError.js";
import { isZipStart, jsonDocumentStart, notJsonlMessage, type NotJsonlKind } from "./notJsonl.js";
import { parseJsonLine } from "./parseJsonLine.js";
import { decodeUtf8Line } from "./utf8.js";

/** What the decoder reports for each line, by 1-based line number. @internal */
export interface JsonlLineHandler {
  /** A line holding only whitespace (or a byte-order mark). */
  blank(line: number): void;
  /** A parsed line. */
  value(value: unknown, line: number): void;
  /** A line that is not valid UTF-8 or not valid JSON; `error` names file and line. */
  malformed(error: IngestError, line: number): void;
}

/** How much of a JSON document's start is kept to recognize it. */
const HEAD_BYTES = 16384;
const HEAD_LINES = 64;

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

/**
 * Splits chunks on the byte 0x0A (which never occurs inside a multi-byte UTF-8 sequence, so each
 * line is decoded once, whole) and parses each line, reporting it to a handler. Beyond JSON.parse:
 *
 * - a line that is not valid UTF-8 is malformed, naming the byte: decoding it with replacement
 *   characters would silently merge distinct answers;
 * - bare `NaN`/`Infinity`/`-Infinity` tokens (Python's json) parse as numbers, for the readers to judge;
 * - a zip archive, or a file whose first line opens a JSON document, throws one file-level
 *   {@link IngestError} saying what the file is and what to read instead, rather than one error per line.
 * @internal
 */
export class JsonlDecoder {
  readonly #file: string;
  readonly #handler: JsonlLineHandler;
  #lines = 0;
  #started = false;
  #sawContent = false;
  #pending: Buffer[] = [];
  #pendingLength = 0;
  /** While a JSON document is being recognized: its kind and first lines. */
  #document: { kind: NotJsonlKind; head: string[]; bytes: number } | null = null;

  constructor(file: string, handler: JsonlLineHandler) {
    this.#file = file;
    this.#handler = handler;
  }

  /** Lines seen so far. */
  get lines(): number {
    return this.#lines;
  }

  /** Feeds the next chunk. Throws the file-level {@link IngestError} of a non-JSONL file. */
  push(buf: Buffer): void {
    if (!this.#started && buf.length > 0) {
      this.#started = true;
      if (isZipStart(buf)) throw new IngestError(notJsonlMessage("zip", "", this.#file), { file: this.#file, line: 0 });
    }
    let start = 0;
    let nl = buf.indexOf(10, start);
    while (nl !== -1) {
      if (this.#pendingLength > 0) {
        this.#pending.push(buf.subarray(start, nl));
        const whole = Buffer.concat(this.#pending, this.#pendingLength + nl - start);
        this.#pending = [];
        this.#pendingLength = 0;
        this.#line(whole, 0, whole.length);
      } else {
        this.#line(buf, start, nl);
      }
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    if (start < buf.length) {
      this.#pending.push(start === 0 ? buf : buf.subarray(start));
      this.#pendingLength += buf.length - start;
    }
  }

  /** Ends the input: the last line without a newline, and a pending document error. */
  end(): void {
    if (this.#pendingLength > 0) {
      const whole = Buffer.concat(this.#pending, this.#pendingLength);
      this.#pending = [];
      this.#pendingLength = 0;
      this.#line(whole, 0, whole.length);
    }
    if (this.#document !== null) this.#throwDocument();
  }

  #throwDocument(): never {
    const doc = this.#document as { kind: NotJsonlKind; head: string[] };
    throw new IngestError(notJsonlMessage(doc.kind, doc.head.join("\n"), this.#file), { file: this.#file, line: 0 });
  }

  #line(buf: Buffer, start: number, end: number): void {
    const line = ++this.#lines;
    const decoded = decodeUtf8Line(buf, start, end);
    if (this.#document !== null) {
      if (typeof decoded === "string") {
        this.#document.head.push(decoded);
        this.#document.bytes += decoded.length;
      }
      if (this.#document.head.length >= HEAD_LINES || this.#document.bytes >= HEAD_BYTES) this.#throwDocument();
      return;
    }
    if (typeof decoded !== "string") {
      this.#handler.malformed(
        new IngestError(
          `the line is not valid UTF-8 (byte ${hex(decoded.byte)} at byte ${decoded.invalidAt + 1} of the line); ` +
            `read with replacement characters, distinct answers would merge: re-encode the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)`,
          { file: this.#file, line },
        ),
        line,
      );
      this.#sawContent = true;
      return;
    }
    let text = decoded;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // UTF-8 byte-order mark
    if (isBlank(text)) {
      this.#handler.blank(line);
      return;
    }
    const first = !this.#sawContent;
    this.#sawContent = true;
    let value: unknown;
    try {
      value = parseJsonLine(text);
    } catch (e) {
      const kind = first ? jsonDocumentStart(text) : undefined;
      if (kind !== undefined) {
        this.#document = { kind, head: [text], bytes: text.length };
        return;
      }
      this.#handler.malformed(new IngestError(`malformed JSON: ${describe(e)}`, { file: this.#file, line, cause: e }), line);
      return;
    }
    this.#handler.value(value, line);
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0d && ch !== 0x0a && ch !== 0xfeff) return false;
  }
  return true;
}
