// Runs every `@example` block of the JSDoc in src/ as a doctest: imports from "passk" (and
// "passk/math", "passk/node", "passk/cli") are bound to the source modules, `node:` built-ins are imported as they are, and each `console.log(expr); // => expected` line
// must print exactly `expected`. Examples that print nothing still have to run without throwing.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { formatWithOptions } from "node:util";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");
const ENTRY_POINTS: Record<string, string> = {
  passk: join(SRC, "index.ts"),
  "passk/math": join(SRC, "math", "index.ts"),
  "passk/node": join(SRC, "node", "index.ts"),
  "passk/cli": join(SRC, "cli", "index.ts"),
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

interface Example {
  file: string;
  line: number;
  code: string;
}

function examplesIn(file: string): Example[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i] as string)) continue;
    // Find the fenced block after the tag.
    let j = i + 1;
    while (j < lines.length && !/^\s*\*\s*```/.test(lines[j] as string)) j++;
    const start = j + 1;
    let end = start;
    while (end < lines.length && !/^\s*\*\s*```/.test(lines[end] as string)) end++;
    const code = lines
      .slice(start, end)
      .map((l) => l.replace(/^\s*\* ?/, ""))
      .join("\n");
    out.push({ file, line: start + 1, code });
    i = end;
  }
  return out;
}

// `import type { ... }` lines do not match: they stay in the body and esbuild erases them.
const IMPORT = /^import\s*\{([^}]*)\}\s*from\s*["']([^"']+)["'];?\s*$/;
const CHECK = /^(\s*)console\.log\((.*)\);\s*\/\/ => (.*)$/;

async function runExample(ex: Example): Promise<void> {
  const bindings: string[] = [];
  const values: unknown[] = [];
  const body: string[] = [];
  for (const line of ex.code.split("\n")) {
    const imp = IMPORT.exec(line);
    if (imp) {
      const spec = imp[2] as string;
      const target = ENTRY_POINTS[spec] ?? (spec.startsWith("node:") ? spec : undefined);
      if (!target) throw new Error(`example imports unknown module ${spec}`);
      const mod = (await import(target)) as Record<string, unknown>;
      // Inline `type X` specifiers are erased by esbuild: nothing to bind.
      for (const spec of (imp[1] as string).split(",").map((s) => s.trim()).filter((s) => s !== "" && !s.startsWith("type "))) {
        const [name, alias] = spec.split(/\s+as\s+/) as [string, string | undefined];
        if (!(name in mod)) throw new Error(`${imp[2]} has no export ${name}`);
        bindings.push(alias ?? name);
        values.push(mod[name]);
      }
      continue;
    }
    const check = CHECK.exec(line);
    body.push(check ? `${check[1]}__check(${JSON.stringify(check[3])}, ${check[2]});` : line);
  }
  const checked: Array<{ expected: string; actual: string }> = [];
  const check = (expected: string, ...args: unknown[]) => {
    checked.push({ expected, actual: formatWithOptions({ breakLength: Infinity }, ...args) });
  };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...a: unknown[]) => Promise<void>;
  // Examples are TypeScript (scripts/typecheck-examples.mjs checks them under the strict settings):
  // strip the types, keep everything else as written.
  const js = transformSync(body.join("\n"), { loader: "ts", target: "es2022" }).code;
  const fn = new AsyncFunction("__check", ...bindings, js);
  await fn(check, ...values);
  for (const { expected, actual } of checked) expect(actual).toBe(expected);
  const wanted = body.filter((l) => l.includes("__check(")).length;
  expect(checked.length, "every `// =>` line must execute").toBe(wanted);
}

const files = sourceFiles(SRC);
const examples = files.flatMap(examplesIn);

describe("JSDoc examples", () => {
  it("finds examples in the source", () => {
    expect(examples.length).toBeGreaterThan(10);
  });
  for (const ex of examples) {
    it(`${relative(SRC, ex.file)}:${ex.line}`, async () => {
      await runExample(ex);
    });
  }
});
