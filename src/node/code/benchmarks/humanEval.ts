/**
 * HumanEval problems (openai/human-eval's `HumanEval.jsonl`) as code-verifier references.
 * @module
 */
import { InvalidArgumentError } from "../../../errors/errors.js";
import type { CodeReference } from "../types.js";

/** One line of human-eval's problems file. Other fields (e.g. `canonical_solution`) are ignored. */
export interface HumanEvalProblem {
  /** E.g. `"HumanEval/0"`. */
  readonly task_id: string;
  /** Signature and docstring; a completion continues it. */
  readonly prompt: string;
  /** Name of the function `check` is called with. */
  readonly entry_point: string;
  /** Defines `check(candidate)`, which asserts. */
  readonly test: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/u;

/**
 * The reference that grades a HumanEval completion as human-eval's `check_correctness` does: the
 * program `prompt + completion + "\n" + test + "\n" + "check(entry_point)"` must run to its end
 * (exit 0, every assert holding). The prompt becomes the reference's `prelude` and the test a
 * `{ kind: "program" }` test, so the response to grade is the raw completion: grade it with
 * `extractCode: false`. human-eval gives each program 3 s (`timeout=3.0`); set the verifier's
 * `limits.timeoutMs` to match.
 *
 * @param problem - one parsed line of the problems file
 * @throws {@link index!InvalidArgumentError} naming the field (and the task) when a field is missing or not a string, or `entry_point` is not an identifier
 * @example
 * ```ts
 * import { humanEvalReference } from "passk/node";
 * const ref = humanEvalReference({
 *   task_id: "Toy/0",
 *   prompt: "def double(x):\n    \"\"\"Twice x.\"\"\"\n",
 *   entry_point: "double",
 *   test: "def check(candidate):\n    assert candidate(2) == 4\n",
 * });
 * console.log(ref.prelude === "def double(x):\n    \"\"\"Twice x.\"\"\"\n", ref.tests[0]?.kind); // => true program
 * ```
 */
export function humanEvalReference(problem: unknown): CodeReference {
  if (problem === null || typeof problem !== "object" || Array.isArray(problem)) {
    throw new InvalidArgumentError(`a HumanEval problem must be an object with task_id, prompt, entry_point, test`, { field: "problem", value: problem });
  }
  const p = problem as Record<string, unknown>;
  const taskId = typeof p.task_id === "string" ? p.task_id : undefined;
  for (const field of ["task_id", "prompt", "entry_point", "test"] as const) {
    if (typeof p[field] !== "string") {
      throw new InvalidArgumentError(`HumanEval problem${taskId === undefined ? "" : ` ${taskId}`}: ${field} must be a string, got ${p[field] === undefined ? "nothing" : typeof p[field]}`, {
        field,
        value: p[field],
        ...(taskId !== undefined && { problemId: taskId }),
      });
    }
  }
  const { prompt, entry_point: entryPoint, test } = p as unknown as HumanEvalProblem;
  if (!IDENTIFIER.test(entryPoint)) {
    throw new InvalidArgumentError(`HumanEval problem ${taskId}: entry_point must be a Python identifier, got ${JSON.stringify(entryPoint)}`, {
      field: "entry_point",
      value: entryPoint,
      ...(taskId !== undefined && { problemId: taskId }),
    });
  }
  return { prelude: prompt, tests: [{ kind: "program", code: `${test}\ncheck(${entryPoint})` }] };
}
