// Candidates that try to be graded correct without solving anything, by forging the harness's
// result line: reading the literal-call file (which once held the expected value and the marker),
// or finding a program test's end-of-checks marker in their own file, /proc/self/{cmdline,environ,fd},
// the sandbox's init, the working directory or /tmp. Each must now be graded wrong; the same hunter
// passes with a runner that does not declare `passesSecrets` (the marker is then in the program's
// file), which shows the hunter would find a reachable marker.
import { describe, expect, it } from "vitest";
import { runVerifier } from "../../src/index.js";
import { appsReference, codeVerifier, localRunner, type CodeReference, type CodeRunner, type CodeVerifierResult } from "../../src/node/code/index.js";

const sandbox = localRunner();
const unsandboxed = localRunner({ isolation: "none" });
/** A runner that runs programs the same way but does not declare passesSecrets: the legacy marker-in-file path. */
const legacy: CodeRunner = (request, signal) => sandbox(request, signal);

const limits = { timeoutMs: 10_000, memoryMb: 256 };

// Collects up to 64 KiB of every file it can reach among the likely hiding places, prints every
// marker-shaped string it finds on a line of its own, and exits 0 before any check runs.
const HUNTER = String.raw`
import os, re
def __hunt():
    pattern = re.compile(rb"__passk_result_[0-9a-f-]{36}__")
    paths = ["main.py", "/proc/self/cmdline", "/proc/self/environ", "/proc/1/cmdline", "/proc/1/environ"]
    try:
        paths.append(__file__)
    except NameError:
        pass
    for d in (".", "/tmp", "/proc/self/fd", "/proc/1/fd"):
        try:
            paths += [os.path.join(d, n) for n in sorted(os.listdir(d))[:200]]
        except OSError:
            pass
    found = set()
    for p in paths:
        try:
            fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            found.update(m.decode() for m in pattern.findall(os.read(fd, 1 << 16)))
        except OSError:
            pass
        finally:
            os.close(fd)
    for m in sorted(found):
        os.write(1, ("\n" + m + "\n").encode())
    os._exit(0)
__hunt()
`;

// HumanEval-shaped problem: a prompt (prelude) and checks no candidate below passes honestly.
const problem: CodeReference = {
  prelude: "def add(a, b):\n",
  tests: [{ kind: "program", code: "def check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(-1, 1) == 0\n\ncheck(add)\n" }],
};
const body = "    return 0\n";

async function grade(runner: CodeRunner, program: string, reference: CodeReference): Promise<CodeVerifierResult> {
  const v = codeVerifier({ language: "python", runner, extractCode: false, limits });
  return (await runVerifier(v, program, reference)) as CodeVerifierResult;
}

describe("program tests: the end-of-checks marker is out of the candidate's reach", () => {
  it("a candidate that looks for the marker in its file, /proc/self, the sandbox's init, the cwd and /tmp fails", async () => {
    const [sandboxed, none, old] = await Promise.all([grade(sandbox, body + HUNTER, problem), grade(unsandboxed, body + HUNTER, problem), grade(legacy, body + HUNTER, problem)]);
    expect([sandboxed.status, sandboxed.tests[0]?.status]).toEqual(["wrong", "wrong_answer"]);
    expect(sandboxed.tests[0]?.reason).toContain("end-of-checks marker was not printed");
    expect([none.status, none.tests[0]?.status]).toEqual(["wrong", "wrong_answer"]);
    // With the marker written into the program, the same hunter is graded correct.
    expect(old.status).toBe("correct");
    // An honest solution still passes on all three.
    const honest = await Promise.all([sandbox, unsandboxed, legacy].map((r) => grade(r, "    return a + b\n", problem)));
    expect(honest.map((r) => r.status)).toEqual(["correct", "correct", "correct"]);
  }, 120_000);

  it("calling the end-of-checks function from the candidate's own code ends the run with an error", async () => {
    const attacks = [
      // Straight from the top level, then exit before the checks.
      `${body}__passk_end()\nimport os\nos._exit(0)\n`,
      // From a function, through globals().
      `${body}def f():\n    globals()["__passk_end"]()\nf()\nimport os\nos._exit(0)\n`,
      // From code compiled as main.py with the call on the very line the checks' call is on.
      `${body}src = open(__file__).read().split("\\n")\nline = max(i for i, l in enumerate(src) if l == "__passk_end()")\nexec(compile("\\n" * line + "__passk_end()", "main.py", "exec"))\nimport os\nos._exit(0)\n`,
      // From the checks' own line, by running the module's code object a second time.
      `${body}import sys, os\nif not globals().get("again"):\n    again = True\n    exec(sys._getframe().f_code, globals())\n    os._exit(0)\n`,
    ];
    const results = await Promise.all(attacks.map((a) => grade(sandbox, a, problem)));
    expect(results.map((r) => r.status)).toEqual(["wrong", "wrong", "wrong", "wrong"]);
    for (const r of results.slice(0, 3)) expect(r.tests[0]?.reason).toBe("RuntimeError: the end-of-checks call did not come from the checks");
    // The re-run reaches the checks, whose asserts fail.
    expect(results[3]?.tests[0]?.status).toBe("wrong_answer");
    expect(results[3]?.tests[0]?.reason).toMatch(/^AssertionError/u);
  }, 120_000);

  it("an APPS candidate (graded by the in-process driver) that hunts for the marker or calls the end function fails", async () => {
    const ref = appsReference({ problem_id: 9101, input_output: JSON.stringify({ inputs: ["1 2\n"], outputs: ["3\n"] }) }, { timeoutSeconds: 4 });
    const callEnd = "import __main__, os\n__main__.__passk_end()\nos._exit(0)\n";
    const [hunter, caller, old, honest] = await Promise.all([
      grade(sandbox, HUNTER, ref),
      grade(sandbox, callEnd, ref),
      grade(legacy, HUNTER, ref),
      grade(sandbox, "a, b = map(int, input().split())\nprint(a + b)\n", ref),
    ]);
    expect([hunter.status, hunter.tests[0]?.reason]).toEqual(["wrong", "exited 0 before the checks finished (the end-of-checks marker was not printed)"]);
    expect([caller.status, caller.tests[0]?.reason]).toEqual(["wrong", "RuntimeError: the end-of-checks call did not come from the checks"]);
    expect(old.status).toBe("correct");
    expect(honest.status).toBe("correct");
  }, 120_000);
});

// The same hunt in JavaScript: its own file, /proc/self and the sandbox's init, the working
// directory, /tmp and every open descriptor; then exit 0 before the checks.
const JS_HUNTER = String.raw`
const __fs = require("fs");
const __pattern = /__passk_result_[0-9a-f-]{36}__/g;
const __paths = [__filename, "main.js", "/proc/self/cmdline", "/proc/self/environ", "/proc/1/cmdline", "/proc/1/environ"];
for (const d of [".", "/tmp", "/proc/self/fd", "/proc/1/fd"]) {
  try { __paths.push(...__fs.readdirSync(d).sort().slice(0, 200).map((n) => d + "/" + n)); } catch {}
}
const __found = new Set();
for (const p of __paths) {
  let fd;
  try { fd = __fs.openSync(p, __fs.constants.O_RDONLY | __fs.constants.O_NONBLOCK); } catch { continue; }
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = __fs.readSync(fd, buf, 0, buf.length, null);
    for (const m of buf.subarray(0, n).toString("latin1").match(__pattern) ?? []) __found.add(m);
  } catch {} finally { try { __fs.closeSync(fd); } catch {} }
}
for (const m of [...__found].sort()) __fs.writeSync(1, "\n" + m + "\n");
process.exit(0);
`;

describe("JavaScript program tests: the marker is out of reach and the checks cannot be skipped", () => {
  const jsProblem: CodeReference = {
    tests: [{ kind: "program", code: "const assert = require('assert');\nassert.strictEqual(add(2, 3), 5);\nassert.strictEqual(add(-1, 1), 0);\n" }],
  };
  const js = (runner: CodeRunner) => codeVerifier({ language: "javascript", runner, extractCode: false, limits });
  const gradeJs = async (runner: CodeRunner, program: string): Promise<CodeVerifierResult> => (await runVerifier(js(runner), program, jsProblem)) as CodeVerifierResult;
  const wrongAdd = "function add(a, b) { return 0; }\n";

  it("a candidate that hunts for the marker in its file, /proc, the cwd, /tmp and its descriptors fails", async () => {
    const [sandboxed, none, old] = await Promise.all([gradeJs(sandbox, wrongAdd + JS_HUNTER), gradeJs(unsandboxed, wrongAdd + JS_HUNTER), gradeJs(legacy, wrongAdd + JS_HUNTER)]);
    for (const r of [sandboxed, none]) {
      expect([r.status, r.tests[0]?.status, r.tests[0]?.reason]).toEqual(["wrong", "wrong_answer", "exited 0 before the checks finished (the end-of-checks marker was not printed)"]);
    }
    // With the marker written into the program, the same hunter is graded correct.
    expect(old.status).toBe("correct");
    const honest = await Promise.all([sandbox, unsandboxed, legacy].map((r) => gradeJs(r, "function add(a, b) { return a + b; }\n")));
    expect(honest.map((r) => r.status)).toEqual(["correct", "correct", "correct"]);
  }, 120_000);

  it("a top-level return before the checks is a syntax error, not a skipped check; a failed assert is a wrong answer", async () => {
    const [ret, assertFails, thrown] = await Promise.all([
      gradeJs(sandbox, wrongAdd + "return;\n"),
      gradeJs(sandbox, wrongAdd),
      gradeJs(sandbox, "function add(a, b) { throw new RangeError('no ' + a); }\n"),
    ]);
    expect([ret.status, ret.tests[0]?.status, ret.tests[0]?.reason]).toEqual(["wrong", "runtime_error", "SyntaxError: Illegal return statement"]);
    expect([assertFails.status, assertFails.tests[0]?.status, assertFails.tests[0]?.reason]).toEqual(["wrong", "wrong_answer", "AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:"]);
    expect([thrown.tests[0]?.status, thrown.tests[0]?.reason]).toEqual(["runtime_error", "RangeError: no 2"]);
    // Without the bootstrap (the marker in main.js, run as a CommonJS module) Node's own report
    // gives the same reason: the error line, not Node's closing version line.
    const legacyThrown = await gradeJs(legacy, "function add(a, b) { throw new RangeError('no ' + a); }\n");
    expect([legacyThrown.tests[0]?.status, legacyThrown.tests[0]?.reason]).toEqual(["runtime_error", "RangeError: no 2"]);
  }, 120_000);

  it("runs the program as CommonJS code: require, module, exports, __filename, require.main === module, import()", async () => {
    // import() works as in a CommonJS module (a rejected one would end the run with exit code 1).
    const program = "function add(a, b) { return a + b; }\nconst same = exports === module.exports;\nmodule.exports = { add };\nif (!same || require.main !== module || !__filename.endsWith('/main.js') || require('path').dirname(__filename) !== __dirname) throw new Error('not CommonJS-like');\nimport('node:path').then((m) => { if (typeof m.join !== 'function') process.exit(3); });\n";
    const [sandboxed, none] = await Promise.all([gradeJs(sandbox, program), gradeJs(unsandboxed, program)]);
    expect([sandboxed.status, none.status]).toEqual(["correct", "correct"]);
  }, 120_000);
});

describe("literal-call tests: the expected value never enters the candidate's process", () => {
  const reference: CodeReference = { tests: [{ kind: "literal-call", fn: "f", args: "[]", expected: "987654321987" }] };

  it("a forged 'pass' result line after the marker from the call file is graded wrong", async () => {
    // The reviewer's program: marker + "pass …", then exit before the harness runs.
    const forger = `import json, os\ndef f():\n    return 0\ncall = json.load(open("__passk_literal_call.json"))\nos.write(1, ("\\n" + call["marker"] + "pass " + call.get("expected", "1") + "\\n").encode())\nos._exit(0)\n`;
    const [sandboxed, none] = await Promise.all([grade(sandbox, forger, reference), grade(unsandboxed, forger, reference)]);
    for (const r of [sandboxed, none]) {
      expect([r.status, r.tests[0]?.status]).toEqual(["wrong", "wrong_answer"]);
      expect(r.tests[0]?.reason).toBe("the result is not a Python literal: pass 1");
    }
  }, 120_000);

  it("a candidate that searches every reachable file for the expected value does not find it", async () => {
    // Returns the expected value if it appears anywhere it can read (as the old call file held it).
    const seeker = String.raw`
import os
def f():
    paths = ["main.py", "/proc/self/cmdline", "/proc/self/environ", "/proc/1/cmdline"]
    for d in (".", "/tmp", "/proc/self/fd", "/proc/1/fd"):
        try:
            paths += [os.path.join(d, n) for n in sorted(os.listdir(d))[:200]]
        except OSError:
            pass
    for p in paths:
        try:
            fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            # Spelled in two halves, so that this file itself does not hold the value.
            if b"98765" + b"4321987" in os.read(fd, 1 << 16):
                return int(b"98765" + b"4321987")
        except OSError:
            pass
        finally:
            os.close(fd)
    return 0
`;
    // The seeker finds the value where it is reachable: here in an extra file of a plain run.
    const probe = await sandbox(
      { language: "python", source: `${seeker}\nprint(f())\n`, stdin: "", files: { "call.json": '{"expected": "987654321987"}' }, limits: { ...limits, outputBytes: 4096 } },
      new AbortController().signal,
    );
    expect(probe.stdout).toBe("987654321987\n");
    const r = await grade(sandbox, seeker, reference);
    expect([r.status, r.tests[0]?.reason]).toEqual(["wrong", "expected 987654321987, got 0"]);
    const honest = await grade(sandbox, "def f():\n    return 987654321987\n", reference);
    expect(honest.status).toBe("correct");
  }, 120_000);

  it("keeps the comparison's semantics across the two runs: subclasses, frozensets, infinities, NaN, huge ints", async () => {
    const program = String.raw`
import collections, enum
class E(enum.IntEnum):
    A = 7
def huge():
    return 3 ** 10000
def inf():
    return [float("inf"), -float("inf")]
def nan():
    return float("nan")
def frozen():
    return frozenset({1, 2})
def named():
    return collections.namedtuple("P", "x y")(1, 2)
def enum_value():
    return E.A
def ordered():
    return collections.OrderedDict([(2, "b"), (1, "a")])
def cplx():
    return complex(1, -2)
def empty_set():
    return set()
`;
    const tests: CodeReference["tests"] = [
      // 3**10000 has 4772 digits: past Python's default int/str limit, written in hex, compared exactly.
      { kind: "literal-call", fn: "huge", args: "[]", expected: `0x${(3n ** 10000n).toString(16)}` },
      { kind: "literal-call", fn: "huge", args: "[]", expected: `0x${(3n ** 10000n + 1n).toString(16)}` },
      { kind: "literal-call", fn: "inf", args: "[]", expected: "[1e999, -1e999]" },
      // NaN equals nothing, not even itself.
      { kind: "literal-call", fn: "nan", args: "[]", expected: "0.0" },
      // frozenset == set in Python.
      { kind: "literal-call", fn: "frozen", args: "[]", expected: "{2, 1}" },
      { kind: "literal-call", fn: "named", args: "[]", expected: "(1, 2)" },
      { kind: "literal-call", fn: "named", args: "[]", expected: "[1, 2]" },
      { kind: "literal-call", fn: "enum_value", args: "[]", expected: "7" },
      { kind: "literal-call", fn: "ordered", args: "[]", expected: "{1: 'a', 2: 'b'}" },
      { kind: "literal-call", fn: "cplx", args: "[]", expected: "1-2j" },
      { kind: "literal-call", fn: "empty_set", args: "[]", expected: "set()" },
    ];
    const v = codeVerifier({ language: "python", runner: sandbox, extractCode: false, limits, scoring: "fraction" });
    const r = (await runVerifier(v, program, { tests })) as CodeVerifierResult;
    expect(r.tests.map((t) => t.status)).toEqual(["passed", "wrong_answer", "passed", "wrong_answer", "passed", "passed", "wrong_answer", "passed", "passed", "passed", "passed"]);
    expect(r.tests[3]?.reason).toBe("the result is not a Python literal: __passk_nan");
  }, 120_000);
});
