/**
 * The Python grading function of LiveCodeBench (`lcb_runner/evaluation/testing_util.py`,
 * `run_test`), for the driver of `pythonHarnessDriver.ts`. Internal.
 * @internal
 * @module
 */

// The imports LiveCodeBench puts before every candidate (testing_util.py's `import_string`).
const IMPORTS = [
  "string", "re", "datetime", "collections", "heapq", "bisect", "copy", "math", "random", "statistics",
  "itertools", "functools", "operator", "io", "sys", "json", "builtins", "typing",
];
const IMPORT_STRING =
  IMPORTS.map((m) => `from ${m} import *\n`).join("") +
  IMPORTS.filter((m) => m !== "builtins" && m !== "typing").map((m) => `import ${m}\n`).join("") +
  "sys.setrecursionlimit(50000)\n";

// What LiveCodeBench's reliability_guard disables before grading (it is no sandbox: the bubblewrap
// sandbox is); reproduced because a program calling one of them fails there.
const GUARDED_OS = [
  "kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid", "fork", "forkpty", "killpg", "rename", "renames",
  "truncate", "replace", "unlink", "fchmod", "fchown", "chmod", "chown", "chroot", "lchflags", "lchmod", "lchown", "getcwd", "chdir",
];

/**
 * `__passk_benchmark(candidate, data, tools)` with `data` = `{ inputs, outputs, private,
 * private_compressed, fn_name, timeout }`: the public tests, the record's private tests as it holds
 * them (a JSON string, or base64 of zlib of a pickle of one; appended after the public ones, as
 * `get_evaluation_sample` orders them), and the per-test alarm in seconds. Standard-input programs: a last top-level `if __name__ == '__main__':` block is
 * unwrapped, then every statement but the imports goes into `def wrapped_function():` (through
 * `ast`, as LiveCodeBench does; a program `ast` cannot parse is loaded as it is). Functional ones:
 * the function is taken from `Solution()` when the text holds `class Solution`; each input line is
 * one JSON argument and the result must `==` the JSON expected value (a tuple compared as a list).
 * Every test runs in this one process (int/str conversions allowed up to 50000 digits, as its
 * evaluator sets), each under an alarm of `timeout` s; the first failure ends the run. Standard-input comparison: the output and the expected text are stripped, split on
 * "\n" and each line stripped; the line counts must agree, and each line be equal, or equal as
 * lists of `decimal.Decimal` of its whitespace-separated tokens.
 */
export const LIVE_CODE_BENCH_BENCHMARK = String.raw`
def __passk_benchmark(candidate, data, h):
    import ast, builtins, faulthandler, os, shutil, subprocess, sys
    from decimal import Decimal
    import_string = ${JSON.stringify(IMPORT_STRING)}
    fn_name, timeout = data.get("fn_name"), data["timeout"]
    # The private tests travel as the record holds them (JSON, or base64 of zlib of a pickle of
    # JSON, already checked when the reference was built): decoded here, in the sandbox.
    inputs, outputs = list(data["inputs"]), list(data["outputs"])
    private = data.get("private")
    if private is not None:
        if data.get("private_compressed"):
            import base64, pickle, zlib
            private = pickle.loads(zlib.decompress(base64.b64decode(private.encode("utf-8"))))
        for test in h.json.loads(private):
            inputs.append(test["input"])
            outputs.append(test["output"])
    def clean_if_name(code):
        try:
            tree = ast.parse(code)
            last = tree.body[-1]
            if isinstance(last, ast.If) and ast.unparse(last.test).strip() == "__name__ == '__main__'":
                code = ast.unparse(tree.body[:-1]) + "\n" + ast.unparse(last.body)
        except Exception:
            pass
        return code
    def make_function(code):
        try:
            tree = ast.parse(code)
            imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
            others = [s for s in tree.body if not isinstance(s, (ast.Import, ast.ImportFrom))]
            fn = ast.FunctionDef(name="wrapped_function", args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
                body=others, decorator_list=[], lineno=-1)
            return import_string + "\n" + ast.unparse(imports) + "\n" + ast.unparse(fn)
        except Exception:
            return code
    def stripped_lines(value):
        return [line.strip() for line in value.strip().split("\n")]
    def decimals(line):
        try:
            return [Decimal(t) for t in line.split()]
        except Exception:
            return None
    # compute_code_generation_metrics.py raises the int/str conversion limit for its graders.
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(50000)
    # reliability_guard, as LiveCodeBench applies it before grading.
    faulthandler.disable()
    builtins.quit = None
    os.environ["OMP_NUM_THREADS"] = "1"
    for name in ${JSON.stringify(GUARDED_OS)}:
        setattr(os, name, None)
    shutil.rmtree = shutil.move = shutil.chown = None
    subprocess.Popen = None
    builtins.help = None
    for name in ("ipdb", "joblib", "resource", "psutil", "tkinter"):
        sys.modules[name] = None
    code = import_string + "\n\n" + candidate if fn_name is not None else make_function(clean_if_name(candidate))
    h.signal.alarm(timeout)
    try:
        module = h.load_module(code)
        target = module.Solution() if "class Solution" in code else module
    except BaseException as e:
        h.raised(e, "loading the program", timeout)
    finally:
        h.signal.alarm(0)
    method_name = fn_name if fn_name is not None else "wrapped_function"
    if not hasattr(target, method_name):
        h.fail("RuntimeError", "the program defines no " + method_name)
    method = getattr(target, method_name)
    for index, (given, expected) in enumerate(zip(inputs, outputs)):
        where = "test " + str(index)
        if fn_name is not None:
            try:
                args = [h.json.loads(line) for line in given.split("\n")]
                expected = h.json.loads(expected)
            except Exception as e:
                h.fail("RuntimeError", where + ": the test is not JSON lines: " + str(e))
            h.signal.alarm(timeout)
            try:
                prediction = method(*args)
                h.signal.alarm(0)
                if isinstance(prediction, tuple):
                    prediction = list(prediction)
                passed = bool(prediction == expected)
            except Exception as e:
                h.signal.alarm(0)
                h.raised(e, where, timeout)
            if not passed:
                h.fail("AssertionError", where + ": expected " + repr(expected)[:100] + ", got " + repr(prediction)[:100])
            continue
        got, want = stripped_lines(h.run_stdin(method, given, where, timeout)), stripped_lines(expected)
        if len(got) != len(want):
            h.fail("AssertionError", where + ": mismatched output length: " + str(len(got)) + " lines, expected " + str(len(want)))
        for k, (g, w) in enumerate(zip(got, want)):
            if g == w:
                continue
            dg, dw = decimals(g), decimals(w)
            try:
                same = dg is not None and dw is not None and dg == dw
            except Exception:
                same = False
            if not same:
                h.fail("AssertionError", where + ": line " + str(k) + ": " + repr(g)[:100] + " != " + repr(w)[:100])
`;
