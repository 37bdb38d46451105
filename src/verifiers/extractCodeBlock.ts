/**
 * Pulling a program out of a model's markdown response.
 * @module
 */

/**
 * The program in a response: the last fenced code block (```` ```lang … ``` ````) whose language tag
 * is one of `languages` (or untagged), else the last fenced block of any language, else the whole
 * response when it holds no fence at all. Returns `undefined` when there are fences but none is
 * closed. Models usually put the final solution last, after exploratory snippets.
 *
 * @param text - the model's response
 * @param languages - accepted language tags, lower case, e.g. `["python", "py"]`; default: any
 *
 * @example
 * ```ts
 * import { extractCodeBlock } from "passk";
 * const response = "Try:\n```python\nprint(1)\n```\nFinal:\n```python\nprint(int(input()) * 2)\n```\nDone.";
 * console.log(extractCodeBlock(response, ["python"])); // => print(int(input()) * 2)
 * console.log(extractCodeBlock("print(3)")); // => print(3)
 * ```
 */
export function extractCodeBlock(text: string, languages: readonly string[] = []): string | undefined {
  const blocks = [...text.matchAll(/```[ \t]*([\w+#.-]*)[^\n]*\n([\s\S]*?)\n?```/gu)].map((m) => ({
    lang: (m[1] as string).toLowerCase(),
    code: m[2] as string,
  }));
  if (blocks.length === 0) return text.includes("```") ? undefined : text;
  const wanted = blocks.filter((b) => languages.length === 0 || b.lang === "" || languages.includes(b.lang));
  return (wanted[wanted.length - 1] ?? blocks[blocks.length - 1])?.code;
}
