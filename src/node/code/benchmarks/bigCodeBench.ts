/**
 * BigCodeBench records as code-verifier references.
 * @module
 */
import type { CodeReference } from "../types.js";
import { recordObject, stringField } from "./recordFields.js";

// Runs the suite's TestCases class and exits 1 unless every test passed, as BigCodeBench's
// untrusted_check does. The failing tests are named on stderr's last line, which becomes the
// test's reason; the AssertionError prefix makes a failed suite a wrong answer, not a crash.
const RUN_SUITE = `
import sys as __passk_sys, unittest as __passk_unittest
__passk_suite = __passk_unittest.TestLoader().loadTestsFromTestCase(TestCases)
__passk_result = __passk_unittest.TestResult()
__passk_suite.run(__passk_result)
__passk_bad = [t.id().rsplit(".", 1)[-1] + " (failed)" for t, _ in __passk_result.failures]
__passk_bad += [t.id().rsplit(".", 1)[-1] + " (error)" for t, _ in __passk_result.errors]
__passk_bad += [t.id().rsplit(".", 1)[-1] + " (unexpected success)" for t in __passk_result.unexpectedSuccesses]
if __passk_bad or __passk_result.testsRun == 0:
    __passk_sys.stderr.write("\\nAssertionError: unittest: " + str(len(__passk_bad)) + " of " + str(__passk_result.testsRun) + " tests failed: " + ", ".join(__passk_bad) + "\\n")
    __passk_sys.exit(1)
`;

/**
 * The reference that grades a BigCodeBench solution as its harness does: the record's `test` (a
 * `unittest` suite, class `TestCases`) runs after the candidate in one process, and the sample
 * passes when every test of the suite passes (a suite with no tests fails). A failing suite is a
 * `wrong_answer` whose reason names each failing test, e.g. `unittest: 1 of 3 tests failed:
 * test_empty (error)`. The response is the whole solution (BigCodeBench's `solution` field, the
 * code prompt included).
 *
 * @param record - one BigCodeBench record (`task_id`, `test`, …)
 * @throws {@link index!InvalidArgumentError} naming the task when `test` is not a string
 * @example
 * ```ts
 * import { bigCodeBenchReference } from "passk/node";
 * const ref = bigCodeBenchReference({ task_id: "Toy/1", test: "import unittest\nclass TestCases(unittest.TestCase):\n    def test_one(self):\n        self.assertEqual(task_func(), 1)\n" });
 * console.log(ref.tests.length, ref.tests[0]?.kind); // => 1 program
 * ```
 */
export function bigCodeBenchReference(record: unknown): CodeReference {
  const r = recordObject(record, "BigCodeBench", "task_id and test");
  return { tests: [{ kind: "program", code: `${stringField("BigCodeBench", r, "test")}\n${RUN_SUITE}` }] };
}
