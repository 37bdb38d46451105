/**
 * Multiple-choice letter extraction and verification.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { lastBoxed } from "./extractFinalNumber.js";
import { judged, unparsed } from "./verdict.js";
import type { Verifier } from "./verifier.js";
import { nameFunction } from "./nameFunction.js";

/** Options of {@link extractChoice} and {@link multipleChoice}. */
export interface ChoiceOptions {
  /** The option letters, upper case. Default `"ABCDEFGHIJ"` (MMLU-Pro has ten). */
  readonly choices?: string;
}

function assertChoices(choices: unknown): string {
  if (typeof choices !== "string" || !/^[A-Z]+$/u.test(choices) || new Set(choices).size !== choices.length) {
    throw new InvalidArgumentError(`choices must be distinct upper-case letters like "ABCD", got ${JSON.stringify(choices)}`, {
      field: "choices",
      value: choices,
    });
  }
  return choices;
}

/**
 * The option letter a response commits to, or `undefined`. Phrasings tried in order (the last
 * occurrence of the first phrasing that matches wins, since models restate their final choice
 * at the end):
 *
 * 1. `\boxed{C}` (also `\boxed{\text{C}}`, `\boxed{(C)}`);
 * 2. "answer is (B)", "Answer: B", "final answer: **C**", "answer is option D", "correct option is C";
 * 3. "option/choice C is correct", "I'd go with D", "I choose B", "I pick (A)";
 * 4. a response that starts with its choice: "B", "**B**", "B) …", "(B) …", "B. …", "B: …";
 * 5. the last bold letter (`**C**`) or, failing that, the last parenthesized one (`(C)`).
 *
 * Letters must be upper case, except inside parentheses. Because "A" and "I" are also English
 * words, a bare A or I followed by a lower-case word ("Answer: I think…", "A car…") is not
 * taken as a choice, unless that word is a connective opening a justification ("because",
 * "since", "as", "given", "which", "so", "hence", "thus", "but", "while", "whereas").
 *
 * @param text - the model's response
 * @param options - see {@link ChoiceOptions}
 * @throws {@link InvalidArgumentError} if `choices` is not a string of distinct upper-case letters
 *
 * @example
 * ```ts
 * import { extractChoice } from "passk";
 * console.log(extractChoice("Let's think step by step... The answer is (B).")); // => B
 * console.log(extractChoice("**C**\n\nBecause the enzyme is denatured.")); // => C
 * console.log(extractChoice("D) 42, since the other options fail")); // => D
 * console.log(extractChoice("Answer: I think it is tricky")); // => undefined
 * console.log(extractChoice("The answer is A because the others fail.")); // => A
 * ```
 */
export function extractChoice(text: string, options: ChoiceOptions = {}): string | undefined {
  const choices = assertChoices(options.choices ?? "ABCDEFGHIJ");
  const L = `[${choices}]`;
  const l = `[${choices.toLowerCase()}]`;
  // A bare letter must not be an English word: not followed by a letter/apostrophe, and a bare
  // A or I must not be followed by a lower-case word ("I think", "A car"), except a connective that
  // starts a justification ("the answer is A because …", "… is I, since …").
  const END = String.raw`(?![\w'\u2019])(?!(?<=[AI])\s+(?!(?:because|since|as|given|which|so|hence|thus|but|while|whereas)\b)[a-z])`;
  const LETTER = String.raw`(?:\(\s*(${L}|${l})\s*\)|\[\s*(${L})\s*\]|\*\*\s*\(?(${L})\)?\s*\*\*|(${L})${END})`;
  const found = (re: RegExp): string | undefined => {
    let out: string | undefined;
    for (const m of text.matchAll(re)) {
      const letter = m.slice(1).find((g) => g !== undefined);
      if (letter !== undefined) out = letter.toUpperCase();
    }
    return out;
  };

  const boxed = lastBoxed(text);
  if (boxed !== undefined) {
    const m = new RegExp(String.raw`^\s*(?:\\text(?:bf)?\s*\{\s*)?\(?\s*(${L})\s*\)?\s*\}?\s*$`, "u").exec(boxed);
    if (m !== null) return m[1];
  }
  const ANSWER = String.raw`(?:answer|option|choice)\s*(?:is|:|=)?\s*:?\s*(?:option|choice|letter)?\s*:?\s*`;
  const patterns: RegExp[] = [
    new RegExp(String.raw`${ANSWER}${LETTER}`, "giu"),
    new RegExp(String.raw`\b(?:option|choice)\s+${LETTER}\s+(?:is|seems|would be)\s+(?:the\s+)?(?:correct|right|best)`, "giu"),
    new RegExp(String.raw`\b(?:go with|choose|pick|select)\s+(?:option\s+|choice\s+)?${LETTER}`, "giu"),
  ];
  for (const re of patterns) {
    // Case-insensitive matching lets "ANSWER:" and "Answer:" both work; re-check the letter case.
    const hit = foundCased(text, re, L);
    if (hit !== undefined) return hit;
  }
  const lead = new RegExp(String.raw`^\s*(?:${LETTER})(?:\s*$|\s*[).:\]]|\s+[-\u2013\u2014])`, "u").exec(text);
  if (lead !== null) {
    const letter = lead.slice(1).find((g) => g !== undefined);
    if (letter !== undefined) return letter.toUpperCase();
  }
  const startsWithLetter = new RegExp(String.raw`^\s*(${L})[).:\]]`, "u").exec(text);
  if (startsWithLetter !== null) return startsWithLetter[1];
  return found(new RegExp(String.raw`\*\*\s*\(?(${L})\)?\s*\*\*`, "gu")) ?? found(new RegExp(String.raw`\((${L})\)`, "gu"));
}

/** Last match of a case-insensitive pattern whose captured letter is an allowed upper-case one (or parenthesized). */
function foundCased(text: string, re: RegExp, L: string): string | undefined {
  const upper = new RegExp(`^${L}$`, "u");
  let out: string | undefined;
  for (const m of text.matchAll(re)) {
    const [paren, bracket, bold, bare] = [m[1], m[2], m[3], m[4]];
    if (paren !== undefined) out = paren.toUpperCase();
    else if (bracket !== undefined && upper.test(bracket)) out = bracket;
    else if (bold !== undefined && upper.test(bold)) out = bold;
    else if (bare !== undefined && upper.test(bare)) out = bare;
  }
  return out;
}

/**
 * Verifier for multiple-choice questions: extracts the letter with {@link extractChoice} and
 * compares it with the reference letter (case-insensitive; `"(b)"` is accepted as a reference).
 * No letter found is `"unparsed"`; a reference that is not one of the choices is a verifier error.
 *
 * @param options - see {@link ChoiceOptions}
 *
 * @example
 * ```ts
 * import { multipleChoice, runVerifier } from "passk";
 * const v = multipleChoice({ choices: "ABCD" });
 * console.log((await runVerifier(v, "After eliminating A and C, the answer is **B**.", "B")).status); // => correct
 * console.log((await runVerifier(v, "Answer: D", "b")).status); // => wrong
 * console.log((await runVerifier(v, "Answer: E", "B")).status); // => unparsed
 * ```
 */
export function multipleChoice(options: ChoiceOptions = {}): Verifier<string> {
  const choices = assertChoices(options.choices ?? "ABCDEFGHIJ");
  return nameFunction("multipleChoice", (response, reference) => {
    const want = typeof reference === "string" ? reference.trim().replace(/^\((.)\)$/u, "$1").toUpperCase() : undefined;
    if (want === undefined || want.length !== 1 || !choices.includes(want)) {
      throw new InvalidArgumentError(`reference must be one of the letters ${choices}, got ${JSON.stringify(reference)}`, {
        field: "reference",
        value: reference,
      });
    }
    const got = extractChoice(response, { choices });
    if (got === undefined) return unparsed(`no choice among ${choices} found in the response`);
    return judged(got === want, { extracted: got, ...(got === want ? {} : { reason: `expected ${want}, got ${got}` }) });
  });
}
