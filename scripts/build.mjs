// The package build: JavaScript per module with tsup (ESM and CJS), declarations per module with
// tsc, then the CJS folder gets its own package.json ("type": "commonjs") and a copy of the
// declarations, so Node and TypeScript read everything under dist/cjs as CommonJS.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
const bin = (name) => join(root, "node_modules", ".bin", name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

rmSync(dist, { recursive: true, force: true });
run(bin("tsup"), []);

// The files `import("passk")` and `require("passk")` load must be ASCII: one character above
// U+00FF anywhere (a "−" in a regular expression) makes V8 read the whole file as a two-byte
// string, which costs the cold import its decoding and scanning twice over (docs/import-cost.md).
// Write such characters as \u escapes in the sources.
const loadedBy = (file, seen = new Set()) => {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, "utf8").matchAll(/(?:from\s*|require\()["'](\.\/chunk-[\w-]+\.js)["']/g)) {
    loadedBy(join(file, "..", m[1]), seen);
  }
  return seen;
};
for (const entry of [join(dist, "node", "index.js"), join(dist, "cjs", "index.js")]) {
  for (const file of loadedBy(entry)) {
    const at = readFileSync(file, "utf8").search(/[^\x00-\x7f]/u);
    if (at >= 0) {
      const text = readFileSync(file, "utf8");
      throw new Error(`${relative(root, file)} is not ASCII near ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}`);
    }
  }
}
run(bin("tsc"), ["-p", "tsconfig.build.json"]);

const esm = join(dist, "esm");
const cjs = join(dist, "cjs");
const declarations = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? declarations(p) : p.endsWith(".d.ts") ? [p] : [];
  });
for (const file of declarations(esm)) {
  const rel = relative(esm, file);
  if (rel.startsWith(`cli`)) continue; // the command line is ESM only
  mkdirSync(join(cjs, rel, ".."), { recursive: true });
  cpSync(file, join(cjs, rel));
}
writeFileSync(join(cjs, "package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
