/**
 * Brace matching for a whole text in one pass. Internal.
 * @internal
 * @module
 */

/**
 * The matching `}` of each `{` at the given positions (ascending): `close[j]` is the index of the
 * brace closing `opens[j]`, or -1 when it is never closed. One pass from the first position with
 * a stack of open braces, each tagged with its index in `opens` (or -1): O(n) time, O(depth)
 * memory, no hashing.
 */
export function closingBraces(s: string, opens: readonly number[]): Int32Array {
  const close = new Int32Array(opens.length).fill(-1);
  if (opens.length === 0) return close;
  const stack: number[] = [];
  let next = 0;
  for (let i = opens[0] as number; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \\ */) {
      i++;
    } else if (c === 123 /* { */) {
      if (opens[next] === i) stack.push(next++);
      else stack.push(-1);
    } else if (c === 125 /* } */) {
      const open = stack.pop();
      if (open !== undefined && open >= 0) close[open] = i;
    }
  }
  return close;
}
