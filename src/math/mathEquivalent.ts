/**
 * Mathematical equivalence of a gold answer and a predicted answer.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { MathNode } from "./ast.js";
import { casEquivalent } from "./cas.js";
import { goldChoice, predictedChoices } from "./choice.js";
import { evalConst, NotANumber } from "./evaluate.js";
import { Comparer, type EquivalenceRule, normText } from "./compare.js";
import { decimalCommaReading } from "./numberSeparators.js";
import { Budget, DEFAULT_MATH_LIMITS, MathDeadlineError, MathLimitError, type MathLimits } from "./limits.js";
import { normalizeMathAnswer, textContent } from "./normalize.js";
import { ParseFailure, parseMath, RefusedForm } from "./parse.js";

export type { EquivalenceRule } from "./compare.js";

/** Options of {@link mathEquivalent}. */
export interface MathEquivalenceOptions {
  /**
   * Minimum significant digits for a decimal to count as an approximation of an exact non-decimal
   * value (0.333333 for 1/3, 3.14159265 for π). The decimal must also equal the exact value rounded
   * or truncated to the decimals it shows. Default 6.
   */
  readonly approxDigits?: number;
  /** Seed of the random sample points used to compare expressions with variables. Default 20250607. */
  readonly seed?: number;
  /** Consult the CAS (@cortex-js/compute-engine) when the built-in evaluator cannot decide. Default true. */
  readonly useCas?: boolean;
  /** Hard caps; merged over {@link DEFAULT_MATH_LIMITS}. */
  readonly limits?: Partial<MathLimits>;
  /** Epoch ms after which the verdict is `"timeout"`. Default: now + `timeoutMs`. */
  readonly deadline?: number;
  /** Time budget in ms when no `deadline` is given. Default 1000. */
  readonly timeoutMs?: number;
}

/** Outcome of {@link mathEquivalent}. */
export interface MathEquivalence {
  /**
   * `"equivalent"` / `"different"`: a conclusive judgement. `"unparsed"`: the prediction is not
   * readable math (nor text matching the gold). `"invalid"`: an answer exceeds a hard cap
   * (`side` says which). `"timeout"`: the deadline passed.
   */
  readonly status: "equivalent" | "different" | "unparsed" | "invalid" | "timeout";
  /** `true` exactly when `status === "equivalent"`. */
  readonly equivalent: boolean;
  /** The rule that established equivalence. */
  readonly rule?: EquivalenceRule;
  /** Which answer an `"invalid"` or `"unparsed"` status is about. */
  readonly side?: "gold" | "prediction";
  /** Short explanation. */
  readonly reason?: string;
}

const MATH_WORDS = new Set(["sin", "cos", "tan", "sec", "csc", "cot", "log", "ln", "exp", "sqrt", "pi", "inf", "infty", "infinity", "and", "or"]);

/** Text answers: `\text{…}` only, or plain words with at least one word of ≥ 3 letters that is not math. */
function asText(s: string): string | undefined {
  const t = textContent(s);
  if (t !== undefined) return t;
  if (/^[A-Za-z][A-Za-z '\-]*$/.test(s) && s.split(/[\s\-']+/).some((w) => w.length >= 3 && !MATH_WORDS.has(w.toLowerCase()))) return s;
  return undefined;
}

/**
 * Only well-formed LaTeX passk does not implement may go to the CAS: it reads malformed input its
 * own way ("0.5%}1/3…" is 0.5 to it, `%` starting a comment), which must never become a verdict.
 * `undefined` (no failure: passk parses it) is fine too.
 */
function casMayRead(failure: unknown): boolean {
  return failure === undefined || (failure instanceof ParseFailure && failure.unsupported && !(failure instanceof RefusedForm));
}

/** What parsing `s` throws, or `undefined` if it parses; running out of time still ends the verdict. */
function parseFailureOf(s: string, budget: Budget): unknown {
  try {
    parseMath(s, budget);
    return undefined;
  } catch (e) {
    if (e instanceof MathDeadlineError) throw e;
    return e;
  }
}

const result = (
  status: MathEquivalence["status"],
  extra: { rule?: EquivalenceRule; side?: "gold" | "prediction"; reason?: string } = {},
): MathEquivalence => ({ status, equivalent: status === "equivalent", ...extra });

function checkOptions(o: MathEquivalenceOptions): void {
  if (o.approxDigits !== undefined && (!Number.isInteger(o.approxDigits) || o.approxDigits < 1)) {
    throw new InvalidArgumentError(`approxDigits must be an integer >= 1, got ${String(o.approxDigits)}`, {
      field: "approxDigits",
      value: o.approxDigits,
    });
  }
  if (o.timeoutMs !== undefined && (!Number.isFinite(o.timeoutMs) || o.timeoutMs <= 0)) {
    throw new InvalidArgumentError(`timeoutMs must be a finite number > 0, got ${String(o.timeoutMs)}`, {
      field: "timeoutMs",
      value: o.timeoutMs,
    });
  }
  for (const [k, v] of Object.entries(o.limits ?? {})) {
    if (typeof v !== "number" || !(v > 0)) {
      throw new InvalidArgumentError(`limits.${k} must be a number > 0, got ${String(v)}`, { field: `limits.${k}`, value: v });
    }
  }
}

/**
 * Decides whether a predicted answer is mathematically equivalent to a gold answer. Both are
 * answers, not responses (see {@link extractMathAnswer}). Rules, in order: equal after
 * {@link normalizeMathAnswer}; multiple-choice letters (a prediction naming several letters never
 * answers one); text answers; then structural equivalence of the parsed answers, after both are
 * reduced to the forms they stand for (`x \in S` → S, `name = value` → value, `(p,q) = (3,2)` and
 * `p = 3, q = 2` → assignments, `a \approx b` → a or b, set-builder and `\setminus` → intervals):
 * exact rationals (BigInt), 60-digit reals for radicals/π/e/trig, complex constants with `i`,
 * decimal approximations with ≥ `approxDigits` significant digits, expressions with variables at
 * seeded sample points over both signs, near zero and large magnitudes (exact rationals for
 * rational functions, 60-digit decimals deciding elsewhere; domains compared too, so
 * `\sqrt{x^2}` ≠ `x`; CAS fallback), sets order-free, bare lists as multisets, tuples and
 * intervals ordered with their brackets, inequalities, equations up to a constant factor, ratios,
 * matrices element-wise, percentages read both ways. The gold and the prediction are not
 * symmetric: see docs/math-verifier.md.
 *
 * Deterministic: the same pair gets the same verdict in any order and any process. The CAS is built
 * on its first use in a process, outside the verdict's time budget ({@link mathVerifier} builds it
 * at construction).
 *
 * @param gold - the reference answer
 * @param predicted - the extracted predicted answer
 * @param options - see {@link MathEquivalenceOptions}
 * @throws {@link InvalidArgumentError} for invalid options or non-string answers
 *
 * @example
 * ```ts
 * import { mathEquivalent } from "passk/math";
 * console.log(mathEquivalent("\\frac{1}{2}", "0.5").status); // => equivalent
 * console.log(mathEquivalent("2\\sqrt{2}", "\\sqrt{8}").rule); // => real
 * console.log(mathEquivalent("(x+1)^2", "x^2+2x+1").rule); // => symbolic
 * console.log(mathEquivalent("\\frac{1}{2004!}", "\\frac{1}{2006!}").status); // => different
 * console.log(mathEquivalent("\\{1,2\\}", "2, 1").status); // => equivalent
 * console.log(mathEquivalent("[0,1)", "(0,1)").status); // => different
 * console.log(mathEquivalent("\\sqrt{x^2}", "x").status); // => different
 * console.log(mathEquivalent("e^{i\\pi}", "-1").rule); // => complex
 * console.log(mathEquivalent("x \\in [-2, 7]", "-2 \\le x \\le 7").status); // => equivalent
 * console.log(mathEquivalent("(p,q)=(3,2)", "q=2, p=3").status); // => equivalent
 * console.log(mathEquivalent("C", "(C) and (D)").status); // => different
 * console.log(mathEquivalent("32349", "32, 349").status); // => different
 * console.log(mathEquivalent("5", "\\frac{").status); // => unparsed
 * ```
 */
export function mathEquivalent(gold: string, predicted: string, options: MathEquivalenceOptions = {}): MathEquivalence {
  if (typeof gold !== "string") throw new InvalidArgumentError(`gold must be a string, got ${typeof gold}`, { field: "gold", value: gold });
  if (typeof predicted !== "string") {
    throw new InvalidArgumentError(`predicted must be a string, got ${typeof predicted}`, { field: "predicted", value: predicted });
  }
  checkOptions(options);
  const limits: MathLimits = { ...DEFAULT_MATH_LIMITS, ...options.limits };
  const deadline = options.deadline ?? Date.now() + (options.timeoutMs ?? 1000);
  const budget = new Budget(limits, deadline);
  // Length caps before any regex work on the strings.
  if (gold.length > limits.maxAnswerLength) return result("invalid", { side: "gold", reason: "answer too long" });
  if (predicted.length > limits.maxAnswerLength) return result("invalid", { side: "prediction", reason: "answer too long" });
  try {
    return decide(gold, predicted, budget, options);
  } catch (e) {
    if (e instanceof MathDeadlineError) return result("timeout", { reason: e.message });
    throw e;
  }
}

/** A number (possibly negative), the only kind of gold a decimal-comma prediction can answer. */
function isScalarNumber(n: MathNode): boolean {
  while (n.k === "neg") n = n.a;
  return n.k === "num";
}

function decide(gold: string, predicted: string, budget: Budget, options: MathEquivalenceOptions): MathEquivalence {
  const g = normalizeMathAnswer(gold);
  let p = normalizeMathAnswer(predicted);
  if (g.replace(/\s+/g, "") === p.replace(/\s+/g, "") && g !== "") return result("equivalent", { rule: "string" });
  if (p === "") return result("unparsed", { side: "prediction", reason: "empty answer" });

  const gLetter = goldChoice(g);
  if (gLetter !== undefined) {
    const letters = predictedChoices(p);
    if (letters === undefined) return result("different", { reason: `expected choice ${gLetter}, got ${JSON.stringify(p)}` });
    const got = [...letters].join(", ");
    if (letters.size > 1) return result("different", { reason: `expected choice ${gLetter}, got several choices (${got})` });
    return letters.has(gLetter) ? result("equivalent", { rule: "choice" }) : result("different", { reason: `expected choice ${gLetter}, got ${got}` });
  }

  const gText = asText(g);
  if (gText !== undefined) {
    const pText = textContent(p) ?? p;
    return normText(gText) === normText(pText) ? result("equivalent", { rule: "text" }) : result("different", { reason: "text differs" });
  }

  let gNode: MathNode;
  try {
    gNode = parseMath(g, budget);
  } catch (e) {
    if (e instanceof MathLimitError) return result("invalid", { side: "gold", reason: e.message });
    if (!(e instanceof ParseFailure || e instanceof RangeError)) throw e;
    // An unparseable gold can still be matched as text; a well-formed gold passk does not
    // implement (`\operatorname{lcm}(4,6)`) goes to the CAS like such a prediction.
    if (normText(g) === normText(p)) return result("equivalent", { rule: "text" });
    if (options.useCas !== false && casMayRead(e) && casMayRead(parseFailureOf(p, budget))) {
      const cas = casEquivalent(g, p, budget, options.seed ?? 20250607);
      if (cas === true) return result("equivalent", { rule: "cas" });
      if (cas === false) return result("different", { reason: "CAS finds them different" });
    }
    return result("different", { reason: `gold is not parseable math (${e.message}); compared as text` });
  }
  // A gold value beyond the caps is the gold's fault: find out before blaming the prediction.
  try {
    evalConst(gNode, budget);
  } catch (e) {
    if (e instanceof MathLimitError) return result("invalid", { side: "gold", reason: e.message });
    if (!(e instanceof NotANumber || e instanceof RangeError)) throw e;
  }
  // "1000,99" for a single-number gold: a decimal comma, when the comma cannot be a thousands
  // separator (see decimalCommaReading); against a list gold it stays a list.
  const decimal = isScalarNumber(gNode) ? decimalCommaReading(p) : undefined;
  if (decimal !== undefined) p = decimal;
  let pNode: MathNode | undefined;
  try {
    pNode = parseMath(p, budget);
  } catch (e) {
    if (e instanceof MathLimitError) return result("invalid", { side: "prediction", reason: e.message });
    if (!(e instanceof ParseFailure || e instanceof RangeError)) throw e;
    if (options.useCas !== false && casMayRead(e)) {
      const cas = casEquivalent(g, p, budget, options.seed ?? 20250607);
      if (cas === true) return result("equivalent", { rule: "cas" });
      if (cas === false) return result("different", { reason: "CAS finds them different" });
    }
    return result("unparsed", { side: "prediction", reason: `not parseable math: ${e.message}` });
  }
  const comparer = new Comparer(budget, {
    approxDigits: options.approxDigits ?? 6,
    seed: options.seed ?? 20250607,
    // The CAS sees the two whole answers, so it may only decide the comparison of the two whole
    // answers, never one element of a list or a tuple.
    cas: options.useCas === false ? undefined : (gn, pn) => (gn === gNode && pn === pNode ? casEquivalent(g, p, budget, options.seed ?? 20250607) : undefined),
  });
  try {
    const same = comparer.top(gNode, pNode);
    return same ? result("equivalent", { rule: comparer.rule ?? "exact" }) : result("different", { reason: `expected ${g}, got ${p}` });
  } catch (e) {
    if (e instanceof MathLimitError) return result("invalid", { side: "prediction", reason: e.message });
    throw e;
  }
}
