/**
 * JSON.parse that also reads the bare `NaN`, `Infinity` and `-Infinity` tokens Python writes.
 * @internal
 * @module
 */

/**
 * Python's `json.dumps` (allow_nan=True, its default) writes non-finite floats as the bare tokens
 * `NaN`, `Infinity` and `-Infinity`, which JSON.parse rejects; lm-evaluation-harness does so for
 * metrics such as `"mae": Infinity`. The tokens are read as the numbers they stand for, so that
 * the readers' metric rules reject them with a message naming the field instead of the whole line
 * being "malformed JSON".
 */
const TOKENS: ReadonlyArray<readonly [string, number]> = [
  ["-Infinity", -Infinity],
  ["Infinity", Infinity],
  ["NaN", NaN],
];

/** Placeholder strings put where a token was; a NUL first character keeps them out of real text. */
const PLACEHOLDER_PREFIX = "\u0000passk-nonfinite:";
const PLACEHOLDERS = new Map<string, number>(TOKENS.map(([t, v]) => [`${PLACEHOLDER_PREFIX}${t}`, v]));

function isWordChar(code: number): boolean {
  // Letters, digits, '_', '$', '.', '+', '-': a token glued to any of these is not a bare token.
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x24 ||
    code === 0x2e ||
    code === 0x2b ||
    code === 0x2d
  );
}

/** The text with each bare token outside strings replaced by its placeholder, and how many were replaced. */
function replaceTokens(text: string): { text: string; replaced: number } {
  let out = "";
  let from = 0;
  let replaced = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      // Skip a string literal, escapes included.
      i++;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === 0x5c) i += 2;
        else if (c === 0x22) break;
        else i++;
      }
      i++;
      continue;
    }
    if (ch === 0x4e || ch === 0x49 || ch === 0x2d) {
      const token = TOKENS.find(([t]) => text.startsWith(t, i));
      if (token !== undefined && !(i > 0 && isWordChar(text.charCodeAt(i - 1))) && !isWordChar(text.charCodeAt(i + token[0].length))) {
        out += `${text.slice(from, i)}${JSON.stringify(`${PLACEHOLDER_PREFIX}${token[0]}`)}`;
        i += token[0].length;
        from = i;
        replaced++;
        continue;
      }
    }
    i++;
  }
  return { text: replaced === 0 ? text : out + text.slice(from), replaced };
}

/**
 * Parses one JSONL line. Valid JSON goes straight to JSON.parse; only a line that JSON.parse
 * rejects and that holds a bare `NaN`/`Infinity`/`-Infinity` token is parsed again with the tokens
 * read as numbers. Anything else throws JSON.parse's own SyntaxError.
 * @internal
 */
export function parseJsonLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!text.includes("NaN") && !text.includes("Infinity")) throw e;
    const { text: rewritten, replaced } = replaceTokens(text);
    if (replaced === 0) throw e;
    let restored = 0;
    let value: unknown;
    try {
      value = JSON.parse(rewritten, (_key, v: unknown) => {
        if (typeof v === "string" && v.charCodeAt(0) === 0) {
          const number = PLACEHOLDERS.get(v);
          if (number !== undefined) {
            restored++;
            return number;
          }
        }
        return v;
      });
    } catch {
      throw e;
    }
    // A string of the file that spells a placeholder would be restored too: refuse rather than guess.
    if (restored !== replaced) throw new SyntaxError("a string in the line spells passk's internal NaN placeholder; cannot read the line unambiguously");
    return value;
  }
}
