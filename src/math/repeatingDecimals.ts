/**
 * Repeating decimals written with a bar or a dot over the repetend. Internal.
 * @internal
 * @module
 */

// Bounded so the exact fraction stays small: a repetend of up to 60 digits after up to 60.
const REPEATING = /(\d{0,60})\.(\d{0,60})\\(?:overline|bar|dot)\s*\{\s*(\d{1,60})\s*\}/g;

/**
 * Rewrites every repeating decimal `a.b\overline{c}` (also `\bar{c}`, and `\dot{c}` as written in
 * British schools) as the exact fraction it denotes: a.b(ccc…) = (abc − ab) / ((10^|c| − 1)·10^|b|),
 * with the integers read as digit strings: `0.\overline{3}` → `\frac{3}{9}`, `0.1\overline{6}` →
 * `\frac{15}{90}`, `1.\overline{9}` → `\frac{18}{9}`. A bar over letters (`\overline{AB}`, a segment)
 * is left alone.
 */
export function repeatingDecimalFractions(s: string): string {
  if (!s.includes("\\")) return s;
  return s.replace(REPEATING, (_whole, whole: string, fixed: string, repetend: string) => {
    const withRepetend = BigInt(`${whole}${fixed}${repetend}`);
    const withoutRepetend = BigInt(`${whole}${fixed}` === "" ? "0" : `${whole}${fixed}`);
    const denominator = (10n ** BigInt(repetend.length) - 1n) * 10n ** BigInt(fixed.length);
    return `\\frac{${withRepetend - withoutRepetend}}{${denominator}}`;
  });
}
