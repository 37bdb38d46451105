/**
 * APPS records (hendrycks/apps; the `codeparrot/apps` dataset) as code-verifier references.
 * @module
 */
import { InvalidArgumentError } from "../../../errors/errors.js";
import type { CodeReference, JsonValue } from "../types.js";
import { APPS_BENCHMARK } from "./appsHarness.js";
import { driverChecks, driverPrelude } from "./pythonHarnessDriver.js";

/** Options of {@link appsReference}. */
export interface AppsOptions {
  /** Seconds each test may run before APPS's alarm fails it (default 4, testing_util.py's `timeout`). */
  readonly timeoutSeconds?: number;
}

/** The tests of an APPS record, its `input_output` field parsed. */
export interface AppsTests {
  /** One entry per test: stdin text (or a list of lines) for standard-input problems, the argument list for call-based ones. */
  readonly inputs: readonly JsonValue[];
  /** The expected stdout text (or list of lines), or the expected return value. */
  readonly outputs: readonly JsonValue[];
  /** Function to call; absent or null for standard-input problems. */
  readonly fn_name?: string | null;
}

function idOf(r: Record<string, unknown>): string | undefined {
  const id = r.problem_id;
  return typeof id === "string" ? id : typeof id === "number" ? String(id) : undefined;
}

function bad(r: Record<string, unknown>, field: string, message: string): never {
  const id = idOf(r);
  throw new InvalidArgumentError(`APPS record${id === undefined ? "" : ` ${id}`}: ${field} ${message}`, {
    field,
    value: r[field],
    ...(id !== undefined && { problemId: id }),
  });
}

/** The record's `input_output` (a JSON string, or the parsed object), checked. */
function appsTests(r: Record<string, unknown>): AppsTests {
  let io: unknown = r.input_output;
  if (typeof io === "string") {
    try {
      io = JSON.parse(io) as unknown;
    } catch (e) {
      bad(r, "input_output", `is not JSON: ${e instanceof Error ? e.message : String(e)} (the record has no tests)`);
    }
  }
  if (io === null || typeof io !== "object" || Array.isArray(io)) bad(r, "input_output", "must be a JSON object with inputs and outputs");
  const o = io as Record<string, unknown>;
  if (!Array.isArray(o.inputs) || !Array.isArray(o.outputs)) bad(r, "input_output", "must hold the lists inputs and outputs");
  const inputs = o.inputs as JsonValue[];
  const outputs = o.outputs as JsonValue[];
  if (inputs.length === 0) bad(r, "input_output", "holds no tests");
  if (inputs.length !== outputs.length) bad(r, "input_output", `holds ${inputs.length} inputs but ${outputs.length} outputs`);
  const fn = o.fn_name;
  if (fn !== undefined && fn !== null && (typeof fn !== "string" || !/^[A-Za-z_]\w*$/u.test(fn))) {
    bad(r, "input_output", `fn_name must be a Python identifier, got ${JSON.stringify(fn)}`);
  }
  if (fn === undefined || fn === null) {
    const text = (v: JsonValue): boolean => typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));
    if (!inputs.every(text) || !outputs.every(text)) bad(r, "input_output", "of a standard-input problem (no fn_name) must hold strings or lists of lines");
  } else if (!inputs.every((x) => Array.isArray(x))) {
    bad(r, "input_output", `of a call-based problem (fn_name ${fn}) must hold a list of arguments per input`);
  }
  return { inputs, outputs, ...(typeof fn === "string" && { fn_name: fn }) };
}

/**
 * The reference that grades an APPS solution as APPS's `eval/testing_util.py` (`run_test`) does.
 * Standard-input problems (no `fn_name`): the program is wrapped into a function as APPS wraps it,
 * loaded as module `tmp_sol` after APPS's import header, and called once per test with stdin
 * patched as APPS patches it (a `StringIO` of the input); its output passes
 * under APPS's lenient chain: stripped text, stripped lines, floats `np.allclose`
 * (rtol 1e-5, atol 1e-8), then the set of each line's token set, also with floats rounded to 3
 * decimals. Call-based problems (`fn_name`; LeetCode-style `class Solution` when the candidate's
 * text holds it, as APPS decides): the result passes when it `==` the expected value or its first
 * element, tuples compared as lists. All tests run in one process, each under an alarm of
 * `timeoutSeconds`; the sample passes when every test passes (APPS's strict accuracy).
 *
 * The reference is one `program` test whose driver is the `prelude`: grade with the verifier's
 * `extractCode` matching the samples (APPS generations are raw code: `false`) and a runner that
 * runs the program from a file (both built-in local runners do). The problem's wall-clock limit
 * is set to `(timeoutSeconds + 1) * tests + 5` s, a bound on the whole run that only matters when
 * the alarm cannot fire. Deviations from APPS: see docs/verifiers.md.
 *
 * @param record - one APPS record (`problem_id`, `input_output` as a JSON string or object, …)
 * @param options - see {@link AppsOptions}
 * @throws {@link index!InvalidArgumentError} naming the problem and field when `input_output` is
 *   missing, not JSON, empty, or its inputs and outputs disagree in number or kind
 * @example
 * ```ts
 * import { appsReference } from "passk/node";
 * const ref = appsReference({ problem_id: 9001, question: "Print the sum of two integers.", starter_code: "",
 *   input_output: JSON.stringify({ inputs: ["1 2\n", "5 7\n"], outputs: ["3\n", "12\n"] }) });
 * console.log(ref.tests.length, ref.tests[0]?.kind, ref.limits?.timeoutMs); // => 1 program 15000
 * ```
 */
export function appsReference(record: unknown, options: AppsOptions = {}): CodeReference {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new InvalidArgumentError("an APPS record must be an object with problem_id and input_output", { field: "record", value: record });
  }
  const timeout = options.timeoutSeconds ?? 4;
  if (!Number.isSafeInteger(timeout) || timeout < 1) {
    throw new InvalidArgumentError(`timeoutSeconds must be a whole number of seconds >= 1 (an alarm), got ${String(timeout)}`, { field: "timeoutSeconds", value: timeout });
  }
  const r = record as Record<string, unknown>;
  if (idOf(r) === undefined) bad(r, "problem_id", "must be a number or a string");
  const tests = appsTests(r);
  return {
    prelude: driverPrelude(APPS_BENCHMARK),
    tests: [{ kind: "program", code: driverChecks({ ...tests, fn_name: tests.fn_name ?? null, timeout }) }],
    limits: { timeoutMs: ((timeout + 1) * tests.inputs.length + 5) * 1000 },
  };
}
