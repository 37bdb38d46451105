/**
 * A Python driver that grades a candidate the way a benchmark's own in-process harness does
 * (APPS's and LiveCodeBench's `testing_util.py`): the candidate is not run as a script but loaded
 * as a module named `tmp_sol` (stdin programs first wrapped into a function), then called once per
 * test with stdin patched the way the harness patches it. Internal.
 *
 * The driver is a {@link CodeReference} `prelude`: the run's file is `prelude + candidate + "\n" +
 * checks`, where the checks (one `program` test) hold the tests as a JSON payload. The prelude
 * reads its own file, takes the candidate text between its last line and the checks, grades it,
 * and only when every test passed reaches its own line `__passk_end()`, which prints the
 * end-of-checks marker (the trusted bootstrap of `endOfChecks.ts` allows that line, and the
 * marker is in no file; with a runner without secrets the checks' own marker statement prints it
 * and the prelude's `__passk_end` does nothing); it then exits, so the candidate never runs as a
 * top-level script. A failure exits 1 with one last stderr line that the
 * code verifier classifies: `AssertionError: …` (a wrong answer), `MemoryError: …`, or the
 * exception the candidate raised (a runtime error).
 * @internal
 * @module
 */

import { END_CALL } from "../endOfChecks.js";

/** First line of the checks (the program test's code). */
export const CHECKS_LINE = "# __passk_checks__";
/** Last line of the prelude: the candidate follows it. */
export const CANDIDATE_LINE = "# __passk_candidate__";

// Helpers shared by the benchmark drivers; names without the __passk_ prefix stay local to
// __passk_driver. The stdin emulation mirrors both harnesses' call_method, decorators in the same
// order: the patches of sys.stdin.readline/readlines/read start first, on the real sys.stdin, then
// sys.stdin becomes a StringIO of the input and builtins.open a mock reading it; SystemExit is
// swallowed.
const COMMON = String.raw`
def __passk_driver(benchmark):
    import io, json, os, signal, sys, types
    from unittest.mock import patch, mock_open
    write, exit_now = os.write, os._exit
    class TimeoutException(Exception):
        pass
    def on_alarm(signum, frame):
        raise TimeoutException
    signal.signal(signal.SIGALRM, on_alarm)
    def fail(kind, message):
        write(2, ("\n" + kind + ": " + str(message).replace("\n", " ")[:300] + "\n").encode("utf-8", "replace"))
        exit_now(1)
    def raised(e, where, timeout):
        if isinstance(e, TimeoutException):
            fail("TimeoutError", where + ": the harness's " + str(timeout) + " s alarm went off")
        name = type(e).__name__
        if name == "AssertionError":
            fail("RuntimeError", where + ": the program raised AssertionError: " + str(e))
        fail(name, where + ": " + str(e))
    def call_method(method, inputs):
        if isinstance(inputs, list):
            inputs = "\n".join(inputs)
        lines = iter(inputs.split("\n"))
        @patch("builtins.open", mock_open(read_data=inputs))
        @patch("sys.stdin", io.StringIO(inputs))
        @patch("sys.stdin.readline", lambda *args: next(lines))
        @patch("sys.stdin.readlines", lambda *args: inputs.split("\n"))
        @patch("sys.stdin.read", lambda *args: inputs)
        def inner(m):
            try:
                return m()
            except SystemExit:
                pass
        return inner(method)
    class Capturing:
        def __enter__(self):
            self.saved = sys.stdout
            sys.stdout = self.buffer = io.StringIO()
            self.buffer.close = lambda x: 1
            return self
        def __exit__(self, *args):
            self.text = self.buffer.getvalue()
            sys.stdout = self.saved
    def run_stdin(method, inputs, where, timeout):
        # One stdin test as both harnesses run it: under the alarm, stdout captured; an exception
        # (the alarm's included) ends the run through raised().
        signal.alarm(timeout)
        with Capturing() as captured:
            try:
                call_method(method, inputs)
                signal.alarm(0)
            except Exception as e:
                signal.alarm(0)
                error = e
            else:
                error = None
        if error is not None:
            raised(error, where, timeout)
        return captured.text
    def load_module(code):
        module = types.ModuleType("tmp_sol", "")
        exec(code, module.__dict__)
        return module
    tools = types.SimpleNamespace(fail=fail, raised=raised, run_stdin=run_stdin,
        load_module=load_module, signal=signal, json=json, TimeoutException=TimeoutException)
    with open(__file__, encoding="utf-8", newline="") as f:
        text = f.read()
    start = text.index("\n# __passk_" + "candidate__\n") + len("\n# __passk_" + "candidate__\n")
    cut = text.rindex("\n# __passk_" + "checks__\n")
    candidate = text[start:cut]
    # The checks' own end-of-checks call is not the module's: it does nothing here, and the
    # prelude's line after this function's return makes it.
    checks = {"__passk_run": lambda payload: benchmark(candidate, json.loads(payload), tools), "__passk_end": lambda: None}
    exec(compile(text[cut:], "checks", "exec"), checks)
    return exit_now
`;

/**
 * The prelude: the shared helpers, the benchmark's grading function (Python source defining
 * `__passk_benchmark(candidate, data, tools)`, which returns when every test passed and calls
 * `tools.fail` otherwise), then the call that runs it, then {@link CANDIDATE_LINE}.
 */
export function driverPrelude(benchmark: string): string {
  return `${COMMON}\n${benchmark}\nif "__passk_end" not in globals():\n    __passk_end = lambda: None\n__passk_exit = __passk_driver(__passk_benchmark)\n${END_CALL}\n__passk_exit(0)\n${CANDIDATE_LINE}\n`;
}

/**
 * The checks: {@link CHECKS_LINE}, then the call that grades with `payload` (JSON with every non-ASCII
 * character escaped, written as a Python string literal).
 */
export function driverChecks(payload: unknown): string {
  // JSON's own \uXXXX escapes (surrogate pairs included) make the text ASCII; as a JSON string
  // literal it is then a valid Python one (JSON.stringify emits only escapes Python shares).
  const json = JSON.stringify(payload).replace(/[^\x00-\x7e]/gu, (c) =>
    Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""),
  );
  return `${CHECKS_LINE}\n__passk_run(${JSON.stringify(json)})`;
}
