/**
 * Text normalization for answer comparison.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";

/** How {@link normalizeAnswer} canonicalizes text. Every field is optional. */
export interface NormalizeOptions {
  /** Fold case (locale-independent lower-casing). Default `true`. */
  readonly ignoreCase?: boolean;
  /**
   * `"collapse"` (default): trim and turn every whitespace run into one space;
   * `"remove"`: delete all whitespace; `"exact"`: keep it as is.
   */
  readonly whitespace?: "collapse" | "remove" | "exact";
  /**
   * `"edges"` (default): strip punctuation at the start and end (`"Paris."` → `"paris"`);
   * `"all"`: delete every Unicode punctuation character; `"keep"`: leave it.
   */
  readonly punctuation?: "edges" | "all" | "keep";
  /** Delete the English articles a, an, the as whole words (SQuAD-style). Default `false`. */
  readonly stripArticles?: boolean;
}

const PUNCT_EDGES = /^[\p{P}\s]+|[\p{P}\s]+$/gu;
const PUNCT_ALL = /\p{P}/gu;
const ARTICLES = /\b(?:a|an|the)\b/giu;

/**
 * Canonical form of an answer for comparison: Unicode NFKC (so full-width digits and ligatures
 * compare equal to their plain forms), then the case, punctuation, article and whitespace rules
 * of `options`, in that order.
 *
 * @param text - the text to normalize
 * @param options - see {@link NormalizeOptions}
 * @throws {@link InvalidArgumentError} for an unknown option value
 *
 * @example
 * ```ts
 * import { normalizeAnswer } from "passk";
 * console.log(normalizeAnswer("  The  Eiffel Tower. ")); // => the eiffel tower
 * console.log(normalizeAnswer("The Eiffel-Tower!", { punctuation: "all", stripArticles: true })); // => eiffeltower
 * ```
 */
export function normalizeAnswer(text: string, options: NormalizeOptions = {}): string {
  const { ignoreCase = true, whitespace = "collapse", punctuation = "edges", stripArticles = false } = options;
  if (!["collapse", "remove", "exact"].includes(whitespace)) {
    throw new InvalidArgumentError(`whitespace must be "collapse", "remove" or "exact", got ${String(whitespace)}`, {
      field: "whitespace",
      value: whitespace,
    });
  }
  if (!["edges", "all", "keep"].includes(punctuation)) {
    throw new InvalidArgumentError(`punctuation must be "edges", "all" or "keep", got ${String(punctuation)}`, {
      field: "punctuation",
      value: punctuation,
    });
  }
  let s = text.normalize("NFKC");
  if (ignoreCase) s = s.toLowerCase();
  if (punctuation === "all") s = s.replace(PUNCT_ALL, "");
  else if (punctuation === "edges") s = s.replace(PUNCT_EDGES, "");
  if (stripArticles) s = s.replace(ARTICLES, " ");
  if (whitespace === "collapse") s = s.replace(/\s+/gu, " ").trim();
  else if (whitespace === "remove") s = s.replace(/\s+/gu, "");
  return s;
}
