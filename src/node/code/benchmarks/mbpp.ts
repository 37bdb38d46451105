/**
 * MBPP records (google-research's `mbpp.jsonl` and `sanitized-mbpp.json`) as code-verifier references.
 * @module
 */
import type { CodeReference } from "../types.js";
import { badField, recordObject, stringField, stringListField } from "./recordFields.js";

/** Options of {@link mbppReference}. */
export interface MbppOptions {
  /** Also run the raw record's `challenge_test_list` (default `false`, as MBPP's reported scores do). */
  readonly challengeTests?: boolean;
}

/**
 * The reference that grades an MBPP solution: its asserts, after the setup, in one program run
 * after the candidate; the sample passes when every assert holds. Reads both layouts: the raw
 * `mbpp.jsonl` (`task_id`, `text`, `code`, `test_setup_code`, `test_list`, `challenge_test_list`)
 * and the sanitized `sanitized-mbpp.json` entries (`task_id`, `prompt`, `code`, `test_imports`,
 * `test_list`). The setup (`test_setup_code`, or the `test_imports` lines) comes before the asserts.
 * The response is the candidate's code (fenced or raw, per the verifier's `extractCode`).
 *
 * @param record - one MBPP record
 * @param options - see {@link MbppOptions}
 * @throws {@link index!InvalidArgumentError} naming the task and field when `test_list` is missing or empty, or a field has the wrong type
 * @example
 * ```ts
 * import { mbppReference } from "passk/node";
 * const ref = mbppReference({ task_id: 901, prompt: "Write a function to triple a number.", code: "def triple(x): return 3 * x",
 *   test_imports: ["import math"], test_list: ["assert triple(2) == 6", "assert math.isclose(triple(0.5), 1.5)"] });
 * console.log(ref.tests[0]?.kind === "program" && ref.tests[0].code.split("\n").join(" | ")); // => import math | assert triple(2) == 6 | assert math.isclose(triple(0.5), 1.5)
 * ```
 */
export function mbppReference(record: unknown, options: MbppOptions = {}): CodeReference {
  const r = recordObject(record, "MBPP", "task_id, test_list and test_setup_code (raw) or test_imports (sanitized)");
  const asserts = stringListField("MBPP", r, "test_list");
  if (asserts.length === 0) badField("MBPP", r, "test_list", "is empty: the record has no tests");
  const setup = r.test_setup_code === undefined ? stringListField("MBPP", r, "test_imports", true) : [stringField("MBPP", r, "test_setup_code")];
  const challenge = options.challengeTests === true ? stringListField("MBPP", r, "challenge_test_list", true) : [];
  const code = [...setup.filter((s) => s.trim() !== ""), ...asserts, ...challenge].join("\n");
  return { tests: [{ kind: "program", code }] };
}
