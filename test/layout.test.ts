// The layout contract of the entry points: what `import "passk"` loads must never reach the CAS
// (passk/math), Node-only code (passk/node, the CLI) or the figure libraries. Walks the static
// import graph of the sources from each entry point; dynamic imports are lazy by design.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;

function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(STATIC_IMPORT)) {
      const spec = m[1] as string;
      if (spec.startsWith(".")) {
        const target = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
        if (!existsSync(target)) throw new Error(`${relative(SRC, file)} imports missing ${spec}`);
        stack.push(target);
      } else {
        packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] as string));
      }
    }
  }
  return { files, packages };
}

const folderOf = (file: string): string => relative(SRC, file).split(/[\\/]/)[0] as string;

describe("entry point layout", () => {
  it("the root entry `passk` loads no CAS, no Node-only code and no figure library", () => {
    const { files, packages } = graph(join(SRC, "index.ts"));
    expect(files.size).toBeGreaterThan(50);
    const folders = new Set([...files].map(folderOf));
    for (const forbidden of ["math", "node", "cli"]) expect(folders, forbidden).not.toContain(forbidden);
    expect([...packages].sort()).toEqual(["decimal.js", "simple-statistics"]);
  });

  it("`passk/math` is the only entry that loads @cortex-js/compute-engine", () => {
    expect(graph(join(SRC, "math", "index.ts")).packages).toContain("@cortex-js/compute-engine");
    expect(graph(join(SRC, "node", "index.ts")).packages).not.toContain("@cortex-js/compute-engine");
    expect(graph(join(SRC, "cli", "index.ts")).packages).not.toContain("@cortex-js/compute-engine");
  });

  it("vega and vega-lite are never imported statically (optional peers, loaded on the first figure)", () => {
    for (const entry of ["index.ts", "math/index.ts", "node/index.ts", "cli/index.ts", "cli/main.ts"]) {
      const { packages } = graph(join(SRC, entry));
      expect(packages, entry).not.toContain("vega");
      expect(packages, entry).not.toContain("vega-lite");
    }
  });

  it("every folder under src/ belongs to one entry point", () => {
    const root = new Set([...graph(join(SRC, "index.ts")).files].map(folderOf));
    expect([...root].filter((f) => !f.endsWith(".ts")).sort()).toEqual(["analysis", "errors", "estimators", "logprobs", "prediction", "tallies", "verifiers"]);
  });
});
