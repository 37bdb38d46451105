// The package build: JavaScript per module with tsup (ESM and CJS), declarations per module with
// tsc, then the CJS folder gets its own package.json ("type": "commonjs") and a copy of the
// declarations, so Node and TypeScript read everything under dist/cjs as CommonJS.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
const bin = (name) => join(root, "node_modules", ".bin", name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

rmSync(dist, { recursive: true, force: true });
run(bin("tsup"), []);
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
