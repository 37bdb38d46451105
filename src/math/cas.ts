/**
 * Bounded calls into the CAS (@cortex-js/compute-engine), the fallback for expressions the
 * built-in evaluator cannot decide. Internal.
 * @internal
 * @module
 */
import { type BoxedExpression, ComputeEngine } from "@cortex-js/compute-engine";
import { type Budget, MathDeadlineError } from "./limits.js";
import { hasUnknownOperatorName } from "./operatorNames.js";
import { farSign } from "./sampling.js";
import { SeededRandom } from "../analysis/seededRandom.js";

let engine: ComputeEngine | undefined;
let warmed = false;

/** Braces balance, and brackets of either kind balance as a whole (intervals mix them). */
function balanced(latex: string): boolean {
  let braces = 0;
  let brackets = 0;
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "{") braces++;
    else if (c === "}") braces--;
    else if (c === "(" || c === "[") brackets++;
    else if (c === ")" || c === "]") brackets--;
    if (braces < 0 || brackets < 0) return false;
  }
  return braces === 0 && brackets === 0;
}

/**
 * Whether a LaTeX string is safe to hand to the CAS: short, no long literals, no large exponents,
 * no factorials, no big operators. The CAS cannot be interrupted once called, so everything that
 * could make it expand or iterate at length is refused up front.
 */
function casSafe(latex: string, budget: Budget): boolean {
  if (latex.length > budget.limits.maxCasLength) return false;
  // `%` starts a LaTeX comment for the CAS (it would read "0.5%…" as 0.5); line breaks, column
  // separators and ellipses belong to structures it would misread as one value.
  if (/%|\\\\|&|\\[lcv]?dots|\\ldots/.test(latex)) return false;
  if (!balanced(latex)) return false;
  // compute-engine reads an \operatorname it does not know as a bare symbol, dropping or
  // multiplying its argument (`\operatorname{arcsin}(1)` is the symbol `arcsin`).
  if (hasUnknownOperatorName(latex)) return false;
  if (/\d{16,}/.test(latex)) return false;
  if (/!|\\(?:sum|prod|int|lim|iint|oint)/.test(latex)) return false;
  for (const m of latex.matchAll(/\^\s*\{?\s*-?(\d+)/g)) if (Number(m[1]) > 64) return false;
  if (/\^\s*\{[^{}]*\^/.test(latex)) return false;
  let depth = 0;
  for (const c of latex) {
    if (c === "{" || c === "(") depth++;
    else if (c === "}" || c === ")") depth--;
    if (depth > 12) return false;
  }
  return true;
}

function engineOf(): ComputeEngine {
  engine ??= new ComputeEngine();
  return engine;
}

/**
 * Builds the CAS and runs one comparison through it, so that the first verdict of a process costs
 * what later ones do (the first call otherwise pays ~0.3–0.8 s of construction and JIT warm-up,
 * enough to turn a verdict into a timeout under load). Idempotent.
 */
export function warmCas(): void {
  if (warmed) return;
  const ce = engineOf();
  ce.pushScope();
  try {
    const a = ce.parse("\\frac{x^2-1}{x-1}");
    const b = ce.parse("x+1");
    a.isEqual(b);
    a.subs({ x: 0.5 }).N();
  } finally {
    ce.popScope();
  }
  warmed = true;
}
/** Sample values for the CAS's numeric check: both signs, near zero and larger. */
const CAS_POINTS = [0.37, 1.9, -0.61, -2.3, 0.13, 7.4, -9.1, 0.83];

/**
 * CAS verdict: `true` when the CAS proves the two equal and its own numeric evaluation at seeded
 * points agrees, `false` when it finds them different, `undefined` when it cannot tell or one side
 * is not valid for it. Each call runs in its own CAS scope, so symbols the CAS declares while
 * parsing one pair (`f` as a function, say) never change how it reads the next: the verdict does
 * not depend on what was compared before.
 */
export function casEquivalent(a: string, b: string, budget: Budget, seed: number): boolean | undefined {
  if (!casSafe(a, budget) || !casSafe(b, budget)) return undefined;
  if (!warmed) {
    // First use in this process (mathVerifier warms at construction; a bare mathEquivalent call
    // lands here): building the CAS is not this verdict's work, so it does not eat its time.
    const t = Date.now();
    warmCas();
    budget.extend(Date.now() - t);
  }
  budget.check();
  const ce = engineOf();
  ce.pushScope();
  try {
    return decideWithCas(ce, a, b, budget, seed);
  } catch (e) {
    // The CAS failing on an input (it overflows the stack on "or ()") is "cannot tell", not a
    // verdict and not a crash of the verifier. Our own deadline still ends the verdict.
    if (e instanceof MathDeadlineError) throw e;
    return undefined;
  } finally {
    ce.popScope();
  }
}

type MathJson = BoxedExpression["json"];

/**
 * The MathJSON with every odd root `["Root", a, n]` (n odd) written as the real root
 * `sign(a)·|a|^(1/n)`, and whether anything changed. The CAS releases that declare Node 20
 * (compute-engine ≤ 0.27) evaluate the odd root of a negative number to NaN (compute-engine issue
 * #210, fixed in 0.28), so `\max(\sqrt[3]{-8}, -100)` came out as −100; the built-in evaluator
 * takes odd roots as real (`\sqrt[3]{-8} = -2`), and the CAS must agree with it.
 */
function realOddRoots(json: MathJson): { json: MathJson; changed: boolean } {
  if (!Array.isArray(json)) return { json, changed: false };
  const [head, ...args] = json as readonly [string, ...MathJson[]];
  let changed = false;
  const mapped = args.map((arg) => {
    const r = realOddRoots(arg);
    changed ||= r.changed;
    return r.json;
  });
  const [radicand, index] = mapped;
  if (head === "Root" && mapped.length === 2 && radicand !== undefined && typeof index === "number" && Number.isInteger(index) && index % 2 !== 0) {
    return { json: ["Multiply", ["Sign", radicand], ["Root", ["Abs", radicand], index]], changed: true };
  }
  return { json: changed ? [head, ...mapped] : json, changed };
}

/**
 * Spellings the CAS release in use (compute-engine 0.27, the newest that declares Node 20) does not
 * read but reads under another name; 0.28 reads both. `\arccoth`, `\arcsech` and `\arccsch` are
 * left out on purpose: both releases evaluate them wrongly (arccsch 2.5 as 0.169, not 0.390), so
 * they stay unreadable to the CAS and the answer stays unparsed. `\lcm` and `\sgn` are no LaTeX
 * commands at all: the normalizer writes `\operatorname{lcm}` and `\operatorname{sign}` that way
 * (operatorNames.ts) and they go back to the spelling compute-engine reads as LCM and Sign.
 */
const CAS_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ["gcd", "\\operatorname{gcd}"],
  ["lcm", "\\operatorname{lcm}"],
  ["sgn", "\\operatorname{sgn}"],
  ["arcsinh", "\\arsinh"],
  ["arccosh", "\\arcosh"],
  ["arctanh", "\\artanh"],
]);

/** Parses LaTeX for the CAS: commands respelled ({@link CAS_SPELLINGS}), odd roots real ({@link realOddRoots}). */
function parseReal(ce: ComputeEngine, latex: string): BoxedExpression {
  // The space after a respelled command goes too, unless a letter follows (`\arcsinh x`):
  // compute-engine reads `\operatorname{sgn} (x)` as the tuple (Sign, x·|x|…), not as Sign(x).
  const respelled = latex.replace(/\\([a-zA-Z]+)(\s*)(?=([a-zA-Z]?))/g, (whole, name: string, _space: string, letter: string) => {
    const to = CAS_SPELLINGS.get(name);
    return to === undefined ? whole : letter === "" ? to : `${to} `;
  });
  const parsed = ce.parse(respelled);
  if (!parsed.isValid) return parsed;
  const r = realOddRoots(parsed.json);
  return r.changed ? ce.box(r.json) : parsed;
}

/** LaTeX of a function with corners or jumps: equal on |x| < 10 does not mean equal everywhere. */
const PIECEWISE_LATEX = /\\(?:min|max|lfloor|lceil|sgn|vert|lvert|rvert|mid)(?![a-zA-Z])|\\operatorname\{(?:sgn|lcm|gcd)\}|\|/u;

/**
 * Whether `x` and `y` differ at one of 4 points beyond every literal of the two answers (each
 * unknown at ±(1.5M + 3) … ±(3M + 7), M the largest literal; all positive, all negative, and
 * alternating signs), for answers with a piecewise function: `\max(x, -1000)` and `x` agree at
 * every point of {@link CAS_POINTS}. Only a clear difference counts (relative 1e−6, the CAS's
 * floats cancel at large arguments); agreement there proves nothing and is not counted.
 */
function differFar(x: BoxedExpression, y: BoxedExpression, latex: string, unknowns: readonly string[], budget: Budget): boolean {
  if (!PIECEWISE_LATEX.test(latex)) return false;
  let max = 0;
  for (const m of latex.matchAll(/\d+(?:\.\d+)?/gu)) max = Math.max(max, Number(m[0]));
  if (!(max > 0) || max > 1e12) return false;
  const magnitudes = [1.5 * max + 3.17, 2.2 * max + 4.71, 2.6 * max + 5.93, 3 * max + 6.29];
  for (let k = 0; k < magnitudes.length; k++) {
    const env: Record<string, number> = {};
    unknowns.forEach((u, j) => {
      env[u] = farSign(k, j) * (magnitudes[k] as number);
    });
    const fx = x.subs(env).N();
    const fy = y.subs(env).N();
    budget.check();
    const v = [fx.re, fy.re, fx.im, fy.im];
    if (!v.every(Number.isFinite)) continue;
    const [rx, ry, ix, iy] = v as [number, number, number, number];
    const scale = Math.max(Math.hypot(rx, ix), Math.hypot(ry, iy));
    if (scale >= 1e-12 && Math.hypot(rx - ry, ix - iy) > 1e-6 * scale) return true;
  }
  return false;
}

function decideWithCas(ce: ComputeEngine, a: string, b: string, budget: Budget, seed: number): boolean | undefined {
  const x = parseReal(ce, a);
  const y = parseReal(ce, b);
  if (!x.isValid || !y.isValid) return undefined;
  budget.check();
  const proved = x.isEqual(y);
  budget.check();
  const unknowns = [...new Set([...x.unknowns, ...y.unknowns])].sort();
  const rng = new SeededRandom(seed >>> 0);
  let agree = 0;
  let disagree = 0;
  for (let i = 0; i < CAS_POINTS.length; i++) {
    const env: Record<string, number> = {};
    for (const u of unknowns) env[u] = (CAS_POINTS[(i + rng.nextIndex(CAS_POINTS.length)) % CAS_POINTS.length] as number) * (1 + 0.01 * rng.nextDouble());
    const fx = x.subs(env).N();
    const fy = y.subs(env).N();
    const rx = fx.re;
    const ry = fy.re;
    const ix = fx.im;
    const iy = fy.im;
    if (![rx, ry, ix, iy].every(Number.isFinite)) continue;
    const scale = Math.max(Math.hypot(rx, ix), Math.hypot(ry, iy));
    if (Math.hypot(rx - ry, ix - iy) <= 1e-9 * scale || scale < 1e-12) agree++;
    else disagree++;
    budget.check();
  }
  if (disagree > 0 || (unknowns.length > 0 && differFar(x, y, a + b, unknowns, budget))) return false;
  if (proved === true) return agree > 0 || unknowns.length === 0 ? true : undefined;
  // Unproved but numerically identical at every valid point.
  if (agree >= 4) return true;
  return proved === false ? false : undefined;
}
