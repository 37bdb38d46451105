/**
 * promptfoo assertions from passk verifiers.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { exactMatch } from "./exactMatch.js";
import { gsm8kMatch } from "./gsm8kMatch.js";
import { multipleChoice } from "./multipleChoice.js";
import { nameFunction } from "./nameFunction.js";
import { numericMatch } from "./numericMatch.js";
import { assertTimeout, describeVerdict, judgeOrThrow, scoreOf, scorerName, type ScorerOptions } from "./scorerSupport.js";
import type { Verifier } from "./verifier.js";

/**
 * The part of promptfoo's assertion context (`AssertionValueFunctionContext`) that passk reads:
 * the test's variables and the assertion's `config`.
 *
 * @example
 * ```ts
 * import { promptfooAssertion } from "passk";
 * const context = { vars: { answer: "4" }, config: { verifier: "gsm8k", referenceVar: "answer" } };
 * console.log((await promptfooAssertion("#### 4", context)).pass); // => true
 * ```
 */
export interface PromptfooAssertionContext {
  /** The test case's variables. */
  readonly vars: Readonly<Record<string, unknown>>;
  /** The assertion's `config` from the promptfoo configuration, if any. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** The prompt sent to the model. */
  readonly prompt?: string | undefined;
}

/**
 * What a passk promptfoo assertion returns: a promptfoo `GradingResult`. `namedScores` records
 * the score under the assertion's name, so it appears as its own metric.
 *
 * @example
 * ```ts
 * import { toPromptfooAssertion, exactMatch } from "passk";
 * const assert = toPromptfooAssertion(exactMatch(), { reference: (context) => context.vars.city as string });
 * const r = await assert("Paris", { vars: { city: "paris" } });
 * console.log(r.pass, r.score, JSON.stringify(r.namedScores), r.reason); // => true 1 {"exactMatch":1} exactMatch: correct (extracted "paris")
 * ```
 */
export interface PromptfooGradingResult {
  /** Whether the verifier judged the output correct. */
  readonly pass: boolean;
  /** The verifier's graded score, else 1 for correct and 0 otherwise. */
  readonly score: number;
  /** One line: the name, the status, the extracted answer and the verifier's reason. */
  readonly reason: string;
  /** `{ [name]: score }`. */
  readonly namedScores: Readonly<Record<string, number>>;
}

/**
 * A promptfoo JavaScript assertion function: `(output, context) => GradingResult`. promptfoo
 * passes the output as a string, or parsed when the model returned JSON.
 *
 * @example
 * ```ts
 * import { toPromptfooAssertion, exactMatch } from "passk";
 * const assert = toPromptfooAssertion(exactMatch(), { reference: () => "yes" });
 * console.log(typeof assert, assert.name); // => function exactMatch
 * ```
 */
export type PromptfooAssertion = (output: unknown, context: PromptfooAssertionContext) => Promise<PromptfooGradingResult>;

/**
 * Options of {@link toPromptfooAssertion}.
 *
 * @example
 * ```ts
 * import { toPromptfooAssertion, numericMatch } from "passk";
 * const assert = toPromptfooAssertion(numericMatch(), { name: "total", reference: (context) => context.config!.total as number });
 * console.log((await assert("It is 12.", { vars: {}, config: { total: 12 } })).namedScores.total); // => 1
 * ```
 */
export interface ToPromptfooOptions<Ref> extends ScorerOptions {
  /** The verifier's reference, from promptfoo's context (a test variable, or the assertion's config). */
  readonly reference: (context: PromptfooAssertionContext) => Ref;
  /** The response text; default the output, which must then be a string. */
  readonly response?: (output: unknown, context: PromptfooAssertionContext) => string;
}

/**
 * Wraps a passk verifier as a promptfoo JavaScript assertion, for a `file://` assertion module:
 *
 * ```js
 * // gsm8k.mjs, used as `- type: javascript` / `value: file://gsm8k.mjs`
 * import { toPromptfooAssertion, gsm8kMatch } from "passk";
 * export default toPromptfooAssertion(gsm8kMatch(), { reference: (context) => context.vars.answer });
 * ```
 *
 * It resolves to `{ pass, score, reason, namedScores }` (see {@link PromptfooGradingResult}). A
 * verification that fails (`"error"`/`"timeout"`) throws {@link VerificationFailedError}: out of
 * a `file://` assertion the exception propagates, so promptfoo records the test as an error rather
 * than a failed assertion with score 0. For the built-in verifiers without code, see
 * {@link promptfooAssertion}.
 *
 * @param verifier - the verifier
 * @param options - the reference mapping, name and time budget
 * @throws {@link InvalidArgumentError} if the verifier or a mapping is not a function, or the name is missing
 *
 * @example
 * ```ts
 * import { toPromptfooAssertion, gsm8kMatch } from "passk";
 * const assert = toPromptfooAssertion(gsm8kMatch(), { reference: (context) => context.vars.answer as string });
 * const r = await assert("6 * 7 = 42\n#### 42", { vars: { answer: "42" } });
 * console.log(r.pass, r.score, r.reason); // => true 1 gsm8kMatch: correct (extracted "42")
 * ```
 */
export function toPromptfooAssertion<Ref>(verifier: Verifier<Ref>, options: ToPromptfooOptions<Ref>): PromptfooAssertion {
  const name = scorerName(verifier, options?.name);
  assertTimeout(options.timeoutMs);
  const { reference, timeoutMs } = options;
  if (typeof reference !== "function") {
    throw new InvalidArgumentError(`options.reference must be a function, got ${typeof reference}`, { field: "reference", value: reference });
  }
  const { response } = options;
  if (response !== undefined && typeof response !== "function") {
    throw new InvalidArgumentError(`options.response must be a function, got ${typeof response}`, { field: "response", value: response });
  }
  return nameFunction(name, async (output: unknown, context: PromptfooAssertionContext): Promise<PromptfooGradingResult> => {
    const text = response === undefined ? output : response(output, context);
    const r = await judgeOrThrow(verifier, text, reference(context), name, timeoutMs);
    const score = scoreOf(r);
    return { pass: r.correct, score, reason: describeVerdict(name, r), namedScores: { [name]: score } };
  });
}

/** The built-in verifiers {@link promptfooAssertion} can build, by `config.verifier`, and their option names. */
const BUILT_INS: Readonly<Record<string, { readonly make: (options: never) => Verifier<never>; readonly options: readonly string[] }>> = {
  exact: { make: exactMatch, options: ["ignoreCase", "whitespace", "punctuation", "stripArticles"] },
  numeric: { make: numericMatch, options: ["absTol", "relTol", "percent", "extract"] },
  choice: { make: multipleChoice, options: ["choices"] },
  gsm8k: { make: gsm8kMatch, options: ["mode"] },
};
const CONFIG_KEYS = ["verifier", "options", "reference", "referenceVar", "name", "timeoutMs"];

function configError(message: string, field: string, value: unknown): InvalidArgumentError {
  return new InvalidArgumentError(`promptfoo assertion config: ${message}`, { field: `config.${field}`, value });
}

function plainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * A ready promptfoo assertion driven by the assertion's `config`, so that the `file://` module is
 * one line, `export { promptfooAssertion as default } from "passk";`:
 *
 * ```yaml
 * assert:
 *   - type: javascript
 *     value: file://passk-assert.mjs
 *     config: { verifier: gsm8k, referenceVar: answer, options: { mode: flexible } }
 * ```
 *
 * `config.verifier` is `exact`, `numeric`, `choice` or `gsm8k` (exactMatch, numericMatch,
 * multipleChoice, gsm8kMatch, built with `config.options`); the reference is the test variable
 * named by `config.referenceVar`, or `config.reference` itself (exactly one of the two);
 * `config.name` and `config.timeoutMs` are as in {@link toPromptfooAssertion}, which it otherwise
 * behaves like. A missing or unknown key, option or variable throws {@link InvalidArgumentError}
 * (promptfoo records an error, never a failed grade). For the math and code verifiers, wrap them
 * with {@link toPromptfooAssertion}.
 *
 * @param output - the model's output
 * @param context - promptfoo's assertion context
 * @throws {@link InvalidArgumentError} for an invalid `config` or a missing reference variable
 * @throws {@link VerificationFailedError} when the verifier could not judge
 *
 * @example
 * ```ts
 * import { promptfooAssertion } from "passk";
 * const config = { verifier: "numeric", referenceVar: "total", options: { relTol: 0.01 } };
 * const r = await promptfooAssertion("The total is 99.5", { vars: { total: "100" }, config });
 * console.log(r.pass, r.reason); // => true numericMatch: correct (extracted "99.5")
 * ```
 */
export async function promptfooAssertion(output: unknown, context: PromptfooAssertionContext): Promise<PromptfooGradingResult> {
  const config: unknown = context?.config;
  if (!plainObject(config)) throw configError("the assertion needs a config object with at least `verifier`", "verifier", config);
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.includes(key)) throw configError(`unknown key ${JSON.stringify(key)} (known: ${CONFIG_KEYS.join(", ")})`, key, config[key]);
  }
  const built = typeof config.verifier === "string" && Object.hasOwn(BUILT_INS, config.verifier) ? BUILT_INS[config.verifier] : undefined;
  if (built === undefined) {
    throw configError(`verifier must be one of ${Object.keys(BUILT_INS).join(", ")}, got ${JSON.stringify(config.verifier)}`, "verifier", config.verifier);
  }
  const options = config.options ?? {};
  if (!plainObject(options)) throw configError("options must be an object", "options", options);
  for (const key of Object.keys(options)) {
    if (!built.options.includes(key)) {
      throw configError(`unknown option ${JSON.stringify(key)} of ${String(config.verifier)} (known: ${built.options.join(", ")})`, `options.${key}`, options[key]);
    }
  }
  const hasVar = config.referenceVar !== undefined;
  if (hasVar === (config.reference !== undefined)) {
    throw configError("give exactly one of referenceVar (a test variable's name) and reference (the value)", "referenceVar", config.referenceVar);
  }
  let reference: unknown = config.reference;
  if (hasVar) {
    const varName = config.referenceVar;
    if (typeof varName !== "string" || varName === "") throw configError("referenceVar must be a non-empty string", "referenceVar", varName);
    const vars: unknown = context.vars;
    if (!plainObject(vars) || !Object.hasOwn(vars, varName) || vars[varName] === undefined) {
      throw configError(`the test has no variable ${JSON.stringify(varName)}`, "referenceVar", varName);
    }
    reference = vars[varName];
  }
  const verifier = built.make(options as never) as Verifier<unknown>;
  const assertion = toPromptfooAssertion(verifier, {
    reference: () => reference,
    ...(config.name === undefined ? {} : { name: config.name as string }),
    ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs as number }),
  });
  return assertion(output, context);
}
