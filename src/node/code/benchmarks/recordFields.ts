/**
 * Reading the fields of a benchmark record, with errors that name the benchmark, the task and the
 * field. Internal.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../../../errors/errors.js";

/** The record as an object, or an error naming what `benchmark` expects. */
export function recordObject(record: unknown, benchmark: string, fields: string): Record<string, unknown> {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new InvalidArgumentError(`a ${benchmark} record must be an object with ${fields}`, { field: "record", value: record });
  }
  return record as Record<string, unknown>;
}

/** The task id for messages (any string or number), or undefined. */
export function taskIdOf(r: Record<string, unknown>): string | undefined {
  return typeof r.task_id === "string" ? r.task_id : typeof r.task_id === "number" ? String(r.task_id) : undefined;
}

/** Throws an error naming the benchmark, task and field. */
export function badField(benchmark: string, r: Record<string, unknown>, field: string, message: string): never {
  const taskId = taskIdOf(r);
  throw new InvalidArgumentError(`${benchmark} record${taskId === undefined ? "" : ` ${taskId}`}: ${field} ${message}`, {
    field,
    value: r[field],
    ...(taskId !== undefined && { problemId: taskId }),
  });
}

/** A string field. */
export function stringField(benchmark: string, r: Record<string, unknown>, field: string): string {
  const v = r[field];
  return typeof v === "string" ? v : badField(benchmark, r, field, `must be a string, got ${v === undefined ? "nothing" : typeof v}`);
}

/** A list-of-strings field (absent counts as empty when `optional`). */
export function stringListField(benchmark: string, r: Record<string, unknown>, field: string, optional = false): string[] {
  const v = r[field];
  if (v === undefined && optional) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) return badField(benchmark, r, field, "must be a list of strings");
  return v as string[];
}
