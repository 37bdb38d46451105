/**
 * `\boxed{…}` answers in a text, and the joining of adjacent boxes into one answer. Internal.
 * @internal
 * @module
 */
import { braceMatches } from "./braces.js";

/** One top-level box: `\boxed{content}`, `\fbox{content}` or `\boxed content-token`. */
export interface Box {
  readonly start: number;
  readonly end: number;
  readonly content: string;
}

/** A run of boxes read as one answer, with the text range it covers. */
export interface BoxGroup {
  /** The box contents joined with ", " (identical repeats collapsed). */
  readonly answer: string;
  readonly start: number;
  readonly end: number;
}

const BOX = /\\(?:boxed|fbox|framebox)(?![a-zA-Z])/g;

/**
 * The top-level boxes of `text`, left to right (a box inside a box is part of its content).
 * Linear: braces are matched once for the whole text by {@link braceMatches}.
 */
export function findBoxes(text: string): Box[] {
  const out: Box[] = [];
  if (!text.includes("\\boxed") && !text.includes("\\fbox") && !text.includes("\\framebox")) return out;
  const match = braceMatches(text);
  BOX.lastIndex = 0;
  for (let m = BOX.exec(text); m !== null; m = BOX.exec(text)) {
    let i = m.index + m[0].length;
    while (text[i] === " ") i++;
    if (text[i] === "{") {
      const close = match[i] as number;
      if (close < 0) continue;
      out.push({ start: m.index, end: close + 1, content: text.slice(i + 1, close) });
      BOX.lastIndex = close + 1;
    } else {
      // "\boxed 5": one token.
      const tok = /^[^\s$\\{}]+/.exec(text.slice(i, i + 200));
      if (tok) {
        out.push({ start: m.index, end: i + tok[0].length, content: tok[0] });
        BOX.lastIndex = i + tok[0].length;
      }
    }
  }
  return out;
}

/**
 * Text allowed between two boxes for them to form one multi-part answer: spacing, commas,
 * semicolons, math delimiters, `&`, line breaks `\\`, `\quad`, "and"/"or" (bare or in `\text`).
 * Checked only on gaps of at most {@link MAX_GAP} characters, so the test is O(1) per gap.
 */
const BOX_GAP =
  /^(?:\s|[,;$&~]|\\[()[\],;:! ]|\\\\|\\q?quad(?![a-zA-Z])|\b(?:and|or)\b|\\(?:text|mbox|textrm|textnormal)\s*\{\s*(?:and|or|,)?\s*\})*$/i;
const MAX_GAP = 200;

/** Whether the text between two answer pieces only connects them (see {@link BOX_GAP}). */
export function isConnectorGap(gap: string): boolean {
  return gap.length <= MAX_GAP && BOX_GAP.test(gap);
}

/**
 * Joins the run of boxes ending with `boxes[last]`: walks back while the gaps are connectors.
 * Identical contents (after whitespace removal) collapse: `$\boxed{2}$ $\boxed{2}$` is "2".
 */
export function boxGroupEndingAt(text: string, boxes: readonly Box[], last: number): BoxGroup {
  let first = last;
  while (first > 0) {
    const prev = boxes[first - 1] as Box;
    const cur = boxes[first] as Box;
    if (prev.content.trim() === "" || !isConnectorGap(text.slice(prev.end, cur.start))) break;
    first--;
  }
  const seen = new Set<string>();
  const parts: string[] = [];
  for (let j = first; j <= last; j++) {
    const c = (boxes[j] as Box).content.trim();
    const key = c.replace(/\s+/g, "");
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(c);
  }
  return { answer: parts.join(", "), start: (boxes[first] as Box).start, end: (boxes[last] as Box).end };
}

/** The last group of boxes with non-empty content, or undefined. */
export function lastBoxGroup(text: string): BoxGroup | undefined {
  const all = findBoxes(text);
  for (let j = all.length - 1; j >= 0; j--) {
    if ((all[j] as Box).content.trim() !== "") return boxGroupEndingAt(text, all, j);
  }
  return undefined;
}
