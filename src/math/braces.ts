/**
 * Brace matching for a whole text in one pass. Internal.
 * @internal
 * @module
 */

/**
 * For every `{` of `s`, the index of its matching `}` (or -1 when it is never closed); entries
 * at other positions are -1. A backslash escapes the next character (`\{` is a literal brace),
 * as in `matchBrace`. One left-to-right pass with an explicit stack: O(n) time and memory, where
 * calling `matchBrace` from every opening brace would be O(n²) on `\boxed{\boxed{\boxed{…`.
 */
export function braceMatches(s: string): Int32Array {
  const out = new Int32Array(s.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
    } else if (c === 123 /* { */) {
      stack.push(i);
    } else if (c === 125 /* } */) {
      const open = stack.pop();
      if (open !== undefined) out[open] = i;
    }
  }
  return out;
}
