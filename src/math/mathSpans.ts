/**
 * Linear-time scan of the LaTeX math spans of a text. Internal.
 * @internal
 * @module
 */

/** One math span: `$…$`, `$$…$$`, `\(…\)` or `\[…\]`. Offsets index the scanned text. */
export interface MathSpan {
  /** Index of the opening delimiter. */
  readonly start: number;
  /** Index just after the closing delimiter. */
  readonly end: number;
  /** The body between the delimiters. */
  readonly body: string;
}

/** Longest span body accepted; longer ones are not answers. */
const MAX_BODY = 4000;

/**
 * The next opening delimiter at or after `from` (`$$`, `$`, `\\[` or `\\(`; an escaped `\\$` is
 * skipped): sets `at` and `open`, or `at = -1`. Each kind keeps its own memoized `indexOf`
 * position, so a scan over the whole text costs one pass per kind.
 */
class OpenerScanner {
  at = -1;
  open = "";
  private dollar = -2;
  private bracket = -2;
  private paren = -2;
  constructor(private readonly text: string) {}
  next(from: number): void {
    const text = this.text;
    if (this.dollar !== -1 && this.dollar < from) {
      let d = text.indexOf("$", from);
      while (d > 0 && text.charCodeAt(d - 1) === 92) d = text.indexOf("$", d + 1);
      this.dollar = d;
    }
    if (this.bracket !== -1 && this.bracket < from) this.bracket = text.indexOf("\\[", from);
    if (this.paren !== -1 && this.paren < from) this.paren = text.indexOf("\\(", from);
    let at = this.dollar;
    let open = "$";
    if (this.bracket >= 0 && (at < 0 || this.bracket < at)) {
      at = this.bracket;
      open = "\\[";
    }
    if (this.paren >= 0 && (at < 0 || this.paren < at)) {
      at = this.paren;
      open = "\\(";
    }
    if (open === "$" && at >= 0 && text.charCodeAt(at + 1) === 36) open = "$$";
    this.at = at;
    this.open = open;
  }
}

/**
 * The non-empty math spans of `text`, left to right, non-overlapping (only the last `keepLast`).
 * Inline spans (`$…$`, `\(…\)`) do not cross a line break; display spans (`$$…$$`, `\[…\]`)
 * may. `\$` is an escaped dollar.
 *
 * Linear: each kind of closing delimiter is searched with `indexOf` from the latest position
 * only when the previous hit lies behind the current opener, so the text is traversed a bounded
 * number of times whatever its shape (`\(` repeated 500,000 times costs one failed search).
 */
export function mathSpans(text: string, keepLast = Infinity): MathSpan[] {
  const spans: MathSpan[] = [];
  let newline = -2;
  // Whether a line break lies in [from, to): memoized like the closers.
  const breaks = (from: number, to: number): boolean => {
    if (newline !== -1 && newline < from) newline = text.indexOf("\n", from);
    return newline !== -1 && newline < to;
  };
  const next: Record<string, number> = { $$: -2, "\\]": -2, "\\)": -2, $: -2 };
  // Position of the first closer at or after `from`, memoized per closer.
  const find = (closer: string, from: number): number => {
    const cached = next[closer] as number;
    if (cached === -1) return -1;
    if (cached >= from) return cached;
    let j = text.indexOf(closer, from);
    if (closer === "$") {
      // A closing `$` is neither escaped nor part of `$$`.
      while (j >= 0 && (text[j - 1] === "\\" || text[j + 1] === "$")) {
        j = text[j + 1] === "$" ? text.indexOf("$", j + 2) : text.indexOf("$", j + 1);
      }
    }
    next[closer] = j;
    return j;
  };
  const scanner = new OpenerScanner(text);
  for (let pos = 0; ; ) {
    scanner.next(pos);
    const { at, open } = scanner;
    if (at < 0) break;
    pos = at + open.length;
    const closer = open === "$$" ? "$$" : open === "\\[" ? "\\]" : open === "\\(" ? "\\)" : "$";
    const bodyStart = at + open.length;
    const j = find(closer, bodyStart);
    if (j < 0) continue;
    const inline = open === "$" || open === "\\(";
    if (j - bodyStart > MAX_BODY || (inline && breaks(bodyStart, j))) continue;
    pos = j + closer.length;
    // An empty span consumes its delimiters but is no answer.
    const body = text.slice(bodyStart, j);
    if (body.trim() === "") continue;
    spans.push({ start: at, end: j + closer.length, body });
    if (spans.length > 2 * keepLast) spans.splice(0, spans.length - keepLast);
  }
  return spans.length > keepLast ? spans.slice(-keepLast) : spans;
}
