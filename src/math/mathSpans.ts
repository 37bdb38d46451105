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

const OPENERS = /\\\$|\$\$|\$|\\\[|\\\(/g;

/**
 * All math spans of `text`, left to right, non-overlapping. Inline spans (`$…$`, `\(…\)`) do
 * not cross a line break; display spans (`$$…$$`, `\[…\]`) may. `\$` is an escaped dollar.
 *
 * Linear: each kind of closing delimiter is searched with `indexOf` from the latest position
 * only when the previous hit lies behind the current opener, so the text is traversed a bounded
 * number of times whatever its shape (`\(` repeated 500,000 times costs one failed search).
 */
export function mathSpans(text: string): MathSpan[] {
  const spans: MathSpan[] = [];
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
  OPENERS.lastIndex = 0;
  for (let m = OPENERS.exec(text); m !== null; m = OPENERS.exec(text)) {
    const open = m[0];
    if (open === "\\$") continue;
    const closer = open === "$$" ? "$$" : open === "\\[" ? "\\]" : open === "\\(" ? "\\)" : "$";
    const bodyStart = m.index + open.length;
    const j = find(closer, bodyStart);
    if (j < 0) continue;
    const body = text.slice(bodyStart, j);
    const inline = open === "$" || open === "\\(";
    if (body.length > MAX_BODY || (inline && body.includes("\n"))) continue;
    spans.push({ start: m.index, end: j + closer.length, body });
    OPENERS.lastIndex = j + closer.length;
  }
  return spans;
}
