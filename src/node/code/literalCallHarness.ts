/**
 * Turning a value-exact (Python literal) call test into runnable programs. Internal.
 *
 * Two runs per test, so that the expected value never enters the candidate's process: the
 * candidate run calls the function and prints the result as a Python literal after a per-run
 * marker; the judge run (trusted code only, in the same runner) reads that literal and the
 * expected one and compares them. A forged result line can then pass only by holding the right
 * value.
 * @internal
 * @module
 */
import type { LiteralCallTest } from "./types.js";

/** File the candidate harness reads the call from: fn, the arguments' literal and the marker, as JSON. */
export const LITERAL_CALL_FILE = "__passk_literal_call.json";

/** File the judge reads: the candidate's result literal, the expected literal and the tolerance, as JSON. */
export const LITERAL_JUDGE_FILE = "__passk_literal_judge.json";

// The result is written as a Python literal that ast.literal_eval reads back to an equal value:
// ints of any size (past 2**64 in hex, which Python's int/str digit limit does not cover), floats
// with ±inf as ±1e999, frozensets as sets (== between them holds), subclasses of the literal types
// as their base type, numpy scalars through .item(). A NaN anywhere is written as a name
// literal_eval refuses: no expected literal can hold a NaN, so such a result never compared equal.
const CANDIDATE_HARNESS = `
import ast as __passk_ast, json as __passk_json, os as __passk_os, sys as __passk_sys
def __passk_literal(v):
    lit = __passk_literal
    if v is None or v is True or v is False:
        return repr(v)
    if isinstance(v, int):
        v = int(v)
        return repr(v) if -2**64 < v < 2**64 else hex(v)
    if isinstance(v, float):
        v = float(v)
        if v != v:
            return "__passk_nan"
        if v in (float("inf"), float("-inf")):
            return "1e999" if v > 0 else "-1e999"
        return repr(v)
    if isinstance(v, complex):
        if v.real != v.real or v.imag != v.imag:
            return "__passk_nan"
        return "(" + lit(v.real) + ("+" + lit(v.imag) if v.imag >= 0 else "-" + lit(-v.imag)) + "j)"
    if isinstance(v, str):
        return repr(str(v))
    if isinstance(v, bytes):
        return repr(bytes(v))
    if isinstance(v, tuple):
        return "(" + "".join(lit(x) + ", " for x in v) + ")"
    if isinstance(v, list):
        return "[" + ", ".join(lit(x) for x in v) + "]"
    if isinstance(v, (set, frozenset)):
        return "{" + ", ".join(lit(x) for x in v) + "}" if len(v) else "set()"
    if isinstance(v, dict):
        return "{" + ", ".join(lit(k) + ": " + lit(x) for k, x in v.items()) + "}"
    if type(v).__module__ == "numpy" and hasattr(v, "item") and getattr(v, "shape", None) == ():
        return lit(v.item())
    return repr(v)
with open(${JSON.stringify(LITERAL_CALL_FILE)}) as __passk_f:
    __passk_call = __passk_json.load(__passk_f)
__passk_target = __passk_call["fn"].split(".")
if len(__passk_target) == 2:
    __passk_fn = getattr(globals()[__passk_target[0]](), __passk_target[1])
else:
    __passk_fn = globals()[__passk_target[0]]
__passk_result = __passk_literal(__passk_fn(*__passk_ast.literal_eval(__passk_call["args"])))
__passk_sys.stdout.flush()
__passk_os.write(1, ("\\n" + __passk_call["marker"] + __passk_result.replace("\\n", " ") + "\\n").encode("utf-8", "backslashreplace"))
`;

// Values are decoded with ast.literal_eval and compared in Python, so ints keep every digit
// (2**60 + 1 != 2**60), 3.0 stays a float, tuples, sets and dicts with non-string keys survive, and
// equality is Python's own \`==\` (True == 1, (1, 2) != [1, 2]); only floats get the tolerance.
// Prints "pass", "fail", or "unreadable <why>" when the candidate's text is not a literal.
const JUDGE = `
import ast, json, math, sys
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)
def eq(a, b, tol):
    if type(a) in (list, tuple) and type(a) is type(b):
        return len(a) == len(b) and all(eq(x, y, tol) for x, y in zip(a, b))
    if type(a) is dict and type(b) is dict:
        return a.keys() == b.keys() and all(eq(a[k], b[k], tol) for k in a)
    if tol > 0 and (type(a) is float or type(b) is float) and type(a) in (int, float) and type(b) in (int, float):
        return a == b or math.isclose(a, b, rel_tol=0, abs_tol=tol)
    try:
        return bool(a == b)
    except Exception:
        return False
with open(${JSON.stringify(LITERAL_JUDGE_FILE)}) as f:
    job = json.load(f)
expected = ast.literal_eval(job["expected"])
try:
    got = ast.literal_eval(job["got"])
except BaseException as e:
    print("unreadable " + type(e).__name__)
    sys.exit(0)
print("pass" if eq(got, expected, job["tol"]) else "fail")
`;

/** The candidate with the harness appended (Python only): prints `marker` then the result's literal. */
export function withLiteralCallHarness(source: string): string {
  return `${source}\n${CANDIDATE_HARNESS}`;
}

/** The call file's content for a test: no expected value. */
export function literalCallFile(test: LiteralCallTest, marker: string): string {
  return JSON.stringify({ fn: test.fn, args: test.args, marker });
}

/** The judge program (trusted code only). */
export const LITERAL_JUDGE_SOURCE = JUDGE;

/** The judge's input file for a test and the candidate's printed literal. */
export function literalJudgeFile(test: LiteralCallTest, got: string, tol: number): string {
  return JSON.stringify({ got, expected: test.expected, tol });
}

/** The judge's verdict from its stdout: `"pass"`, `"fail"`, `"unreadable"`, or `undefined` when it printed none of them. */
export function judgeVerdict(stdout: string): "pass" | "fail" | "unreadable" | undefined {
  const line = stdout.trim();
  if (line === "pass" || line === "fail") return line;
  return line.startsWith("unreadable") ? "unreadable" : undefined;
}
