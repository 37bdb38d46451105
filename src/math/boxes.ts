/**
 * `\boxed{…}` answers in a text, and the joining of adjacent boxes into one answer. Internal.
 * @internal
 * @module
 */
import { closingBraces } from "./braces.js";

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

const BOX_COMMANDS = ["\\boxed", "\\fbox", "\\framebox"];

/** Whether the character code is an ASCII letter. */
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Positions of `\boxed`, `\fbox`, `\framebox` (not followed by a letter), ascending: `starts`
 * holds where each command starts, `args` where its argument starts. `indexOf` cursors rather
 * than a global regex: on 142,857 boxes a regex `exec` loop costs many times the scan itself.
 */
function boxCommands(text: string, starts: number[], args: number[]): void {
  const cursor = BOX_COMMANDS.map((c) => text.indexOf(c));
  for (;;) {
    let best = -1;
    for (let c = 0; c < cursor.length; c++) {
      const at = cursor[c] as number;
      if (at >= 0 && (best < 0 || at < (cursor[best] as number))) best = c;
    }
    if (best < 0) return;
    const start = cursor[best] as number;
    const len = (BOX_COMMANDS[best] as string).length;
    cursor[best] = text.indexOf(BOX_COMMANDS[best] as string, start + len);
    let i = start + len;
    if (isLetter(text.charCodeAt(i))) continue;
    while (text.charCodeAt(i) === 32) i++;
    starts.push(start);
    args.push(i);
  }
}

/** Boxes kept from the end of a text: an answer is never made of more. */
const MAX_BOXES = 256;

/**
 * The top-level boxes of `text`, left to right (a box inside a box is part of its content); only
 * the last {@link MAX_BOXES} are kept. Linear: one scan finds the boxes, one pass matches
 * the braces that open them ({@link closingBraces}), and only the kept boxes are sliced out.
 */
export function findBoxes(text: string): Box[] {
  const starts: number[] = [];
  const args: number[] = [];
  boxCommands(text, starts, args);
  if (starts.length === 0) return [];
  const opens: number[] = [];
  for (const a of args) if (text.charCodeAt(a) === 123) opens.push(a);
  const close = closingBraces(text, opens);
  // Box k: [starts[k], ends[k]) with its content; -1 when unclosed or not top-level.
  const ends = new Int32Array(starts.length).fill(-1);
  let covered = -1;
  let j = 0;
  for (let k = 0; k < starts.length; k++) {
    const arg = args[k] as number;
    const braced = j < opens.length && opens[j] === arg;
    const c = braced ? (close[j++] as number) : -1;
    if ((starts[k] as number) < covered) continue;
    if (braced) {
      if (c < 0) continue;
      ends[k] = c + 1;
      covered = c + 1;
    } else {
      // "\boxed 5": one token.
      const tok = /^[^\s$\\{}]+/.exec(text.slice(arg, arg + 200));
      if (tok) {
        ends[k] = arg + tok[0].length;
        covered = ends[k] as number;
      }
    }
  }
  const out: Box[] = [];
  for (let k = starts.length - 1; k >= 0 && out.length < MAX_BOXES; k--) {
    const end = ends[k] as number;
    if (end < 0) continue;
    const arg = args[k] as number;
    const braced = text.charCodeAt(arg) === 123;
    out.push({ start: starts[k] as number, end, content: braced ? text.slice(arg + 1, end - 1) : text.slice(arg, end) });
  }
  return out.reverse();
}

/**
 * Text allowed between two boxes for them to form one multi-part answer: spacing, commas,
 * semicolons, math delimiters, `&`, line breaks `\\`, `\quad`, "and"/"or" (bare or in `\text`).
 * Checked only on gaps of at most {@link MAX_GAP} characters, so the test is O(1) per gap.
 */
const BOX_GAP =
  /^(?:\s|[,;$&~]|\\[()[\],;:! ]|\\\\|\\q?quad(?![a-zA-Z])|\b(?:and|or)\b|\\(?:text|mbox|textrm|textnormal)\s*\{\s*(?:and|or|,)?\s*\})*$/i;
const MAX_GAP = 200;
/** Most boxes joined into one answer (a longer run is cut to its last ones). */
const MAX_GROUP = 64;

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
  while (first > 0 && last - first < MAX_GROUP) {
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
