/**
 * Multiple-choice letters in gold and predicted answers. Internal.
 * @internal
 * @module
 */
import { textContent } from "./normalize.js";

/** Strips `\text{…}`-like wrappers anywhere, keeping their content. */
function plain(s: string): string {
  return (textContent(s) ?? s)
    .replace(/\\(?:text|textbf|textrm|textnormal|mathrm|mbox)\s*\{([^{}]*)\}/g, "$1")
    .replace(/[{}]/g, "")
    .trim();
}

/** The gold's choice letter: the whole gold is `C`, `(C)` or `\text{(C)}`. */
export function goldChoice(gold: string): string | undefined {
  const m = /^\(?([A-J])\)?$/.exec(plain(gold));
  return m ? (m[1] as string) : undefined;
}

// A choice token: "C", "(C)", "C)", "C." followed by the end, a space or punctuation.
const TOKEN = /^\s*\(?([A-Ja-j])\)?(?=$|[\s,.;:)&])/;
const CONNECTOR = /^\s*(?:,|;|&|\band\b|\bor\b|\\quad)\s*/;

/**
 * The choice letters a prediction gives: the leading run of letters joined by commas, "and",
 * "or" (`C`, `(C) 42`, `C) 42`, `(C) and (D)`, `A, C`), plus every parenthesized letter `(X)`
 * elsewhere in it. Undefined when it does not start with a letter. One letter answers; several
 * are several choices, which do not answer a single-letter gold.
 */
export function predictedChoices(pred: string): Set<string> | undefined {
  let s = plain(pred);
  const first = TOKEN.exec(s);
  if (!first) return undefined;
  const letters = new Set<string>([(first[1] as string).toUpperCase()]);
  s = s.slice(first[0].length);
  for (let guard = 0; guard < 10; guard++) {
    const gap = CONNECTOR.exec(s);
    const rest = s.slice(gap ? gap[0].length : 0);
    const next = /^\(?([A-J])\)?(?=$|[\s,.;:)&])/.exec(rest);
    if (!gap || !next) break;
    letters.add(next[1] as string);
    s = rest.slice(next[0].length);
  }
  for (const m of s.matchAll(/\(([A-J])\)/g)) letters.add(m[1] as string);
  return letters;
}
