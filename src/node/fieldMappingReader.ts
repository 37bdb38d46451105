/**
 * A reader for JSONL of any shape, configured by naming the fields that hold each part of a sample.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { InvalidSampleRecordError, type SampleRecord } from "../tallies/index.js";
import { compilePath, getPath, type FieldPath } from "./fieldPath.js";
import type { SampleReader, SourceFields } from "./sampleReader.js";
import { invalidField, notAnObject, showValue } from "./readerMessages.js";
import { numericIdText, UNSAFE_NUMERIC_ID } from "./numericId.js";

/** A field location: a dotted path (`"doc.id"`, `"filtered_resps.0"`) or an array of keys. */
/**
 * Where a field lives in a JSON line: a dotted path such as `"meta.model"`, or the keys as an array
 * (`["meta", "model.name"]`) when a key itself contains a dot.
 *
 * @example
 * ```ts
 * const byDots = "doc.id";
 * const byKeys = ["doc", "id"];
 * console.log(byDots.split("."), byKeys); // => [ 'doc', 'id' ] [ 'doc', 'id' ]
 * ```
 */
export type FieldMappingPath = string | readonly string[];

/**
 * Where a JSONL line keeps each part of a graded sample. Paths are dotted (`"meta.problem.id"`;
 * digit keys index arrays) or arrays of keys (for keys containing dots).
 *
 * **One sample or many per line.** When the correctness field holds a scalar the line is one
 * sample; when it holds an array the line is one problem with one sample per element (element `j`
 * gets sample index `base + j`, where `base` is the `sampleIndex` field if mapped, else 0, plus
 * `sampleIndexOffset`), and an `answer` field must then be an array of the same length.
 *
 * @example
 * ```ts
 * import { fieldMappingReader } from "passk/node";
 * const reader = fieldMappingReader({ model: "meta.model", problem: "task.id", correct: "grade.pass" });
 * const line = { meta: { model: "m" }, task: { id: 12 }, grade: { pass: true } };
 * console.log(JSON.stringify(reader.read(line))); // => {"model":"m","problemId":"12","correct":true}
 * ```
 */
export interface FieldMapping {
  /** Path of the model id (a non-empty string). Give this or `modelName`. */
  readonly model?: FieldMappingPath;
  /** Model id for every line, when the file does not name the model. */
  readonly modelName?: string;
  /** Path of the problem id (a non-empty string, or a finite number converted with `String`). */
  readonly problem: FieldMappingPath;
  /** Prepended to every problem id, e.g. `"gsm8k/"`, to keep ids of several benchmarks apart. */
  readonly problemPrefix?: string;
  /** Path of the correctness: a boolean (or 0/1 with `numericCorrect`), or an array of them. */
  readonly correct?: FieldMappingPath;
  /** Path of a numeric score (or array of scores), used when `correct` is unmapped or absent on a line; needs `threshold`. */
  readonly score?: FieldMappingPath;
  /** A score counts as correct when `score >= threshold` (`<= threshold` with `lowerIsBetter`). */
  readonly threshold?: number;
  /** The score is an error or a loss: it counts as correct when `score <= threshold`. */
  readonly lowerIsBetter?: boolean;
  /** Accept the numbers 0 and 1 as false / true in the `correct` field (harness metrics such as `exact_match: 1.0`). */
  readonly numericCorrect?: boolean;
  /** Path of the sample index (non-negative integer). Lines without it carry no index (no duplicate check). */
  readonly sampleIndex?: FieldMappingPath;
  /** Added to every sample index, e.g. 32 × seed when several files each number their samples from 0. */
  readonly sampleIndexOffset?: number;
  /** Path of the extracted answer (string; numbers are converted; null means no answer), or an array of them. */
  readonly answer?: FieldMappingPath;
  /** Name of the format, for messages (default `"field mapping"`). */
  readonly name?: string;
}


function optionalPath(p: FieldMappingPath | undefined, option: string): FieldPath | undefined {
  return p === undefined ? undefined : compilePath(p, option);
}

/**
 * Builds a {@link SampleReader} from a {@link FieldMapping}.
 *
 * Each line is checked: it must be a JSON object; the model and problem fields must be present and
 * well-typed; the correctness value must be a boolean (0/1 with `numericCorrect`) or a finite
 * score; a mapped sample index must be a non-negative integer. A violation throws
 * {@link InvalidSampleRecordError} whose `field` is the source path (with `[j]` for array
 * elements), which the ingester reports with file and line.
 *
 * @param mapping - see {@link FieldMapping}
 * @throws {@link index!InvalidArgumentError} for an inconsistent mapping (no model or both `model` and
 *   `modelName`, no `correct`/`score`, `score` without a finite `threshold`, a bad offset or path)
 *
 * @example
 * ```ts
 * import { fieldMappingReader } from "passk/node";
 * import type { SampleRecord } from "passk";
 * const reader = fieldMappingReader({ modelName: "m", problem: "id", score: "reward", threshold: 1 });
 * console.log((reader.read({ id: "a", reward: [1, 0.5] }) as readonly SampleRecord[]).map((r) => `${r.sampleIndex}:${r.correct}`).join(" ")); // => 0:true 1:false
 * ```
 */
export function fieldMappingReader(mapping: FieldMapping): SampleReader {
  if (mapping === null || typeof mapping !== "object") {
    throw new InvalidArgumentError(`mapping must be an object, got ${String(mapping)}`, { field: "mapping", value: mapping });
  }
  const { modelName, problemPrefix = "", threshold, numericCorrect = false, lowerIsBetter = false, sampleIndexOffset = 0 } = mapping;
  if ((mapping.model === undefined) === (modelName === undefined)) {
    throw new InvalidArgumentError("give exactly one of mapping.model (a field path) and mapping.modelName (a fixed model id)", {
      field: "mapping.model",
    });
  }
  if (modelName !== undefined && (typeof modelName !== "string" || modelName === "")) {
    throw new InvalidArgumentError(`mapping.modelName must be a non-empty string, got ${showValue(modelName)}`, { field: "mapping.modelName", value: modelName });
  }
  if (mapping.correct === undefined && mapping.score === undefined) {
    throw new InvalidArgumentError("mapping needs a correct or a score field", { field: "mapping.correct" });
  }
  if (mapping.score !== undefined && (typeof threshold !== "number" || !Number.isFinite(threshold))) {
    throw new InvalidArgumentError(`mapping.score needs a finite mapping.threshold, got ${showValue(threshold)}`, { field: "mapping.threshold", value: threshold });
  }
  if (typeof lowerIsBetter !== "boolean" || (lowerIsBetter && mapping.score === undefined)) {
    throw new InvalidArgumentError(`mapping.lowerIsBetter must be a boolean and needs mapping.score, got ${showValue(lowerIsBetter)}`, {
      field: "mapping.lowerIsBetter",
      value: lowerIsBetter,
    });
  }
  if (!Number.isSafeInteger(sampleIndexOffset) || sampleIndexOffset < 0) {
    throw new InvalidArgumentError(`mapping.sampleIndexOffset must be a non-negative safe integer, got ${showValue(sampleIndexOffset)}`, {
      field: "mapping.sampleIndexOffset",
      value: sampleIndexOffset,
    });
  }
  if (typeof problemPrefix !== "string") {
    throw new InvalidArgumentError(`mapping.problemPrefix must be a string, got ${showValue(problemPrefix)}`, { field: "mapping.problemPrefix", value: problemPrefix });
  }
  const modelPath = optionalPath(mapping.model, "mapping.model");
  const problemPath = compilePath(mapping.problem, "mapping.problem");
  const correctPath = optionalPath(mapping.correct, "mapping.correct");
  const scorePath = optionalPath(mapping.score, "mapping.score");
  const indexPath = optionalPath(mapping.sampleIndex, "mapping.sampleIndex");
  const answerPath = optionalPath(mapping.answer, "mapping.answer");
  const thr = threshold as number;

  const toCorrect = (v: unknown, field: string, fromScore: boolean, problemId: string): boolean => {
    if (fromScore) {
      if (typeof v !== "number" || !Number.isFinite(v)) throw invalidField(field, `must be a finite number, got ${showValue(v)}`, v, problemId);
      return lowerIsBetter ? v <= thr : v >= thr;
    }
    if (v === true || v === false) return v;
    if (numericCorrect && (v === 0 || v === 1)) return v === 1;
    // 0/1 correctness is common in CSV-born files: say how to accept it rather than just refusing.
    const hint = !numericCorrect && (v === 0 || v === 1) ? " (for 0/1 correctness set numericCorrect; on the command line --correct-numeric)" : "";
    throw invalidField(field, `must be a boolean${numericCorrect ? " or 0/1" : ""}, got ${showValue(v)}${hint}`, v, problemId);
  };
  const toAnswer = (v: unknown, field: string, problemId: string): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v;
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    throw invalidField(field, `must be a string, a number or null, got ${showValue(v)}`, v, problemId);
  };

  const sourceFields: SourceFields = {
    ...(modelPath && { model: modelPath.name }),
    problemId: problemPath.name,
    sampleIndex: indexPath?.name ?? problemPath.name,
    ...(correctPath && { correct: correctPath.name }),
    ...(scorePath && { score: scorePath.name }),
    ...(answerPath && { answer: answerPath.name }),
  };

  return {
    name: mapping.name ?? "field mapping",
    sourceFields,
    read(value: unknown): SampleRecord | SampleRecord[] {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw notAnObject(value);
      }
      const rawProblem = getPath(value, problemPath);
      let problemId: string;
      if (typeof rawProblem === "string" && rawProblem !== "") problemId = problemPrefix + rawProblem;
      else if (typeof rawProblem === "number" && Number.isFinite(rawProblem)) {
        const text = numericIdText(rawProblem);
        if (text === undefined) throw invalidField(problemPath.name, `${showValue(rawProblem)} ${UNSAFE_NUMERIC_ID}`, rawProblem);
        problemId = problemPrefix + text;
      }
      else if (rawProblem === undefined) throw invalidField(problemPath.name, "is missing", rawProblem);
      else throw invalidField(problemPath.name, `must be a non-empty string or a number, got ${showValue(rawProblem)}`, rawProblem);

      let model = modelName as string;
      if (modelPath !== undefined) {
        const m = getPath(value, modelPath);
        if (m === undefined) throw invalidField(modelPath.name, "is missing", m, problemId);
        if (typeof m !== "string" || m === "") throw invalidField(modelPath.name, `must be a non-empty string, got ${showValue(m)}`, m, problemId);
        model = m;
      }

      let grade = correctPath === undefined ? undefined : getPath(value, correctPath);
      let gradeField = correctPath;
      let fromScore = false;
      if (grade === undefined && scorePath !== undefined) {
        grade = getPath(value, scorePath);
        gradeField = scorePath;
        fromScore = true;
      }
      if (grade === undefined) {
        const names = [correctPath?.name, scorePath?.name].filter((n) => n !== undefined);
        throw invalidField(names[0] as string, names.length > 1 ? `is missing (and so is ${names[1]})` : "is missing", undefined, problemId);
      }
      const gradeName = (gradeField as FieldPath).name;

      let base: number | undefined;
      if (indexPath !== undefined) {
        const i = getPath(value, indexPath);
        if (i !== undefined) {
          if (typeof i !== "number" || !Number.isSafeInteger(i) || i < 0) {
            throw invalidField(indexPath.name, `must be a non-negative integer, got ${showValue(i)}`, i, problemId);
          }
          base = i + sampleIndexOffset;
        }
      }
      const rawAnswer = answerPath === undefined ? undefined : getPath(value, answerPath);

      if (!Array.isArray(grade)) {
        if (Array.isArray(rawAnswer)) throw invalidField((answerPath as FieldPath).name, `is a list but ${gradeName} is not`, rawAnswer, problemId);
        return {
          model,
          problemId,
          sampleIndex: base,
          correct: toCorrect(grade, gradeName, fromScore, problemId),
          answer: answerPath === undefined ? undefined : toAnswer(rawAnswer, answerPath.name, problemId),
        };
      }
      if (grade.length === 0) throw invalidField(gradeName, "is an empty list: the line has no samples", grade, problemId);
      if (answerPath !== undefined && rawAnswer !== undefined && rawAnswer !== null) {
        if (!Array.isArray(rawAnswer)) throw invalidField(answerPath.name, `must be a list like ${gradeName}, got ${showValue(rawAnswer)}`, rawAnswer, problemId);
        if (rawAnswer.length !== grade.length) {
          throw invalidField(answerPath.name, `has ${rawAnswer.length} entries but ${gradeName} has ${grade.length}`, rawAnswer, problemId);
        }
      }
      const answers = Array.isArray(rawAnswer) ? rawAnswer : undefined;
      const start = base ?? sampleIndexOffset;
      const records: SampleRecord[] = new Array(grade.length);
      for (let j = 0; j < grade.length; j++) {
        records[j] = {
          model,
          problemId,
          sampleIndex: start + j,
          correct: toCorrect(grade[j], `${gradeName}[${j}]`, fromScore, problemId),
          answer: answers === undefined ? undefined : toAnswer(answers[j], `${(answerPath as FieldPath).name}[${j}]`, problemId),
        };
      }
      return records;
    },
  };
}
