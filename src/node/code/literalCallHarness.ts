/**
 * Turning a value-exact (Python literal) call test into a runnable program. Internal.
 * @internal
 * @module
 */
import type { LiteralCallTest } from "./types.js";

/** File the harness reads the call from: fn, the literals and the tolerance, as JSON strings. */
export const LITERAL_CALL_FILE = "__passk_literal_call.json";

// Values are decoded with ast.literal_eval and compared in Python, so ints keep every digit
// (2**60 + 1 != 2**60), 3.0 stays a float, tuples, sets and dicts with non-string keys survive, and
// equality is Python's own `==` (True == 1, (1, 2) != [1, 2]); only floats get the tolerance.
const PYTHON_HARNESS = `
import ast as __passk_ast, json as __passk_json, math as __passk_math, os as __passk_os, sys as __passk_sys
def __passk_eq(a, b, tol):
    if type(a) in (list, tuple) and type(a) is type(b):
        return len(a) == len(b) and all(__passk_eq(x, y, tol) for x, y in zip(a, b))
    if type(a) is dict and type(b) is dict:
        return a.keys() == b.keys() and all(__passk_eq(a[k], b[k], tol) for k in a)
    if tol > 0 and (type(a) is float or type(b) is float) and type(a) in (int, float) and type(b) in (int, float):
        return a == b or __passk_math.isclose(a, b, rel_tol=0, abs_tol=tol)
    try:
        return bool(a == b)
    except Exception:
        return False
with open(${JSON.stringify(LITERAL_CALL_FILE)}) as __passk_f:
    __passk_call = __passk_json.load(__passk_f)
__passk_target = __passk_call["fn"].split(".")
if len(__passk_target) == 2:
    __passk_fn = getattr(globals()[__passk_target[0]](), __passk_target[1])
else:
    __passk_fn = globals()[__passk_target[0]]
__passk_result = __passk_fn(*__passk_ast.literal_eval(__passk_call["args"]))
__passk_ok = __passk_eq(__passk_result, __passk_ast.literal_eval(__passk_call["expected"]), __passk_call["tol"])
__passk_sys.stdout.flush()
__passk_os.write(1, ("\\n" + __passk_call["marker"] + ("pass " if __passk_ok else "fail ") + repr(__passk_result)[:200].replace("\\n", " ") + "\\n").encode())
`;

/** The candidate with the harness appended (Python only). */
export function withLiteralCallHarness(source: string): string {
  return `${source}\n${PYTHON_HARNESS}`;
}

/** The call file's content for a test. */
export function literalCallFile(test: LiteralCallTest, marker: string, tol: number): string {
  return JSON.stringify({ fn: test.fn, args: test.args, expected: test.expected, tol, marker });
}
