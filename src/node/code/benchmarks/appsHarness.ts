/**
 * The Python grading function of APPS (hendrycks/apps `eval/testing_util.py`, `run_test`), for the
 * driver of `pythonHarnessDriver.ts`. Internal.
 * @internal
 * @module
 */

// The imports APPS puts before every candidate (testing_util.py's `sol` header). numpy is imported
// when present: without it a candidate that uses `np` unimported fails, where APPS would pass it.
const HEADER =
  "import sys\nimport time\nimport itertools\nfrom itertools import accumulate, product, permutations, combinations\nimport collections\n" +
  "from collections import Counter, OrderedDict, deque, defaultdict, ChainMap\nfrom functools import lru_cache\nimport math\n" +
  "from math import sqrt, sin, cos, tan, ceil, fabs, floor, gcd, exp, log, log2\nimport fractions\nfrom typing import List, Tuple\n" +
  "try:\n    import numpy as np\nexcept ImportError:\n    pass\nimport random\nimport heapq\nfrom heapq import *\n";

/**
 * `__passk_benchmark(candidate, data, tools)` with `data` = `{ inputs, outputs, fn_name, timeout }`
 * (the record's `input_output` plus the per-test alarm in seconds). Standard-input programs are
 * wrapped as APPS wraps them (lines not starting with `from `/`import ` go into `def code():`,
 * indented by a tab; imports after the first other line go in too); call-based ones are loaded as
 * they are, and the function taken from `Solution()` when the candidate's text holds
 * `class Solution`. Every test runs in this one process (state carries over, as in APPS), each
 * under an alarm of `timeout` s; the first failing test ends the run.
 *
 * The standard-input comparison is APPS's chain, first match wins: the output's lines joined and
 * stripped equal the expected output stripped (also with each line stripped); the lines equal
 * the expected lines (split on "\n", empty ones dropped, each stripped), also after dropping empty
 * output lines; every line parses as a float and all are `np.allclose` (rtol 1e-5, atol 1e-8) to
 * the expected ones; the set of each line's token set equals the expected one (token and line
 * order, repeats ignored); the same with every token a float rounded to 3 decimals.
 */
export const APPS_BENCHMARK = String.raw`
def __passk_benchmark(candidate, data, h):
    import math
    # testing_util.py imports numpy itself, so the header's import costs the candidate's alarm nothing.
    try:
        import numpy
    except ImportError:
        pass
    header = ${JSON.stringify(HEADER)}
    fn_name, timeout = data.get("fn_name"), data["timeout"]
    if fn_name is None:
        marked = []
        for x in candidate.split("\n"):
            marked.append(x + "\n" if x.startswith("from ") or x.startswith("import ") else "\t" + x + "\n")
        body, started = "", False
        for line in marked:
            if line.startswith("\t") and not started:
                body += "stdin = sys.stdin\nstdout = sys.stdout\ndef code():\n" + line
                started = True
            elif started and (line.startswith("from ") or line.startswith("import ")):
                body += "\t" + line
            else:
                body += line
        h.signal.alarm(timeout)
        try:
            target = h.load_module(header + body)
        except BaseException as e:
            h.raised(e, "loading the program", timeout)
        finally:
            h.signal.alarm(0)
        method_name = "code"
    else:
        h.signal.alarm(timeout)
        try:
            module = h.load_module(header + candidate)
            target = module if "class Solution" not in candidate else module.Solution()
        except BaseException as e:
            h.raised(e, "loading the program", timeout)
        finally:
            h.signal.alarm(0)
        method_name = fn_name
    try:
        method = getattr(target, method_name)
    except BaseException as e:
        h.fail("RuntimeError", "the program defines no " + method_name + " (" + type(e).__name__ + ")")
    def allclose(a, b):
        return all(x == y if math.isinf(x) or math.isinf(y) else abs(x - y) <= 1e-08 + 1e-05 * abs(y) for x, y in zip(a, b))
    def stdio_matches(output, gt):
        joined = "\n".join(output)
        if joined.strip() == gt.strip() or "\n".join(o.strip() for o in output).strip() == gt.strip():
            return True
        if output == [gt]:
            return True
        gt_lines = [x.strip() for x in gt.split("\n") if x]
        if output == gt_lines:
            return True
        output = [o for o in output if o]
        if output == gt_lines:
            return True
        try:
            out_floats = [float(e) for e in output]
            gt_floats = [float(e) for e in gt_lines]
            if len(out_floats) == len(gt_floats) and allclose(out_floats, gt_floats):
                return True
        except Exception:
            pass
        gt_sets = [set(line.split()) for line in gt_lines]
        out_sets = [set(tokens) for tokens in (o.split() for o in output) if tokens]
        ok = set(frozenset(s) for s in out_sets) == set(frozenset(s) for s in gt_sets)
        try:
            ok = ok or (set(frozenset(round(float(t), 3) for t in s) for s in out_sets) == set(frozenset(round(float(t), 3) for t in s) for s in gt_sets))
        except Exception:
            pass
        return ok
    outputs = data["outputs"]
    for index, inputs in enumerate(data["inputs"]):
        where = "test " + str(index)
        # JSON has string keys only; APPS turns a dict argument's and a dict result's keys into ints.
        try:
            if isinstance(inputs[0], dict):
                inputs = [{int(k): v for k, v in inputs[0].items()}]
        except Exception:
            pass
        try:
            if isinstance(outputs[index], dict):
                outputs[index] = [{int(k): v for k, v in outputs[index].items()}]
        except Exception:
            pass
        try:
            if isinstance(outputs[index][0], dict):
                outputs[index] = [{int(k): v for k, v in outputs[index][0].items()}]
        except Exception:
            pass
        expected = outputs[index]
        if fn_name is not None:
            h.signal.alarm(timeout)
            try:
                output = method(*inputs)
                if isinstance(output, tuple):
                    output = list(output)
                result = output == expected
                if isinstance(expected, list) and expected:
                    result = result or (output == expected[0])
                try:
                    if isinstance(output[0], tuple):
                        result = result or ([list(x) for x in output] == expected[0])
                except Exception:
                    pass
                h.signal.alarm(0)
                passed = result > 0
            except Exception as e:
                h.signal.alarm(0)
                h.raised(e, where, timeout)
            if not passed:
                h.fail("AssertionError", where + ": expected " + repr(expected)[:100] + ", got " + repr(output)[:100])
            continue
        if isinstance(inputs, list):
            inputs = "\n".join(inputs)
        if isinstance(expected, list):
            expected = "\n".join(expected)
        lines = h.run_stdin(method, inputs, where, timeout).splitlines()
        if not stdio_matches(lines, expected):
            h.fail("AssertionError", where + ": expected " + repr(expected)[:100] + ", got " + repr("\n".join(lines))[:100])
`;
