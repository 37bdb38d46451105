// Type-checks every TSDoc `@example` under the project's own strict settings: each example becomes
// a module in node_modules/.cache/passk-examples/ (imports kept, "passk", "passk/math", "passk/node"
// and "passk/cli" mapped to the sources), then tsc checks them all at once. Exits 1 on any error,
// printing it against the example's source file and line.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const src = join(root, "src");
const out = join(root, "node_modules", ".cache", "passk-examples");

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** The fenced code of each `@example` in a file, with the line where the code starts. */
export function examplesIn(file) {
  const lines = readFileSync(file, "utf8").split("\n");
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i])) continue;
    let j = i + 1;
    while (j < lines.length && !/^\s*\*\s*```/.test(lines[j])) j++;
    const start = j + 1;
    let end = start;
    while (end < lines.length && !/^\s*\*\s*```/.test(lines[end])) end++;
    found.push({ file, line: start + 1, code: lines.slice(start, end).map((l) => l.replace(/^\s*\* ?/, "")).join("\n") });
    i = end;
  }
  return found;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const origin = new Map();
let count = 0;
for (const file of sourceFiles(src)) {
  for (const ex of examplesIn(file)) {
    const name = `ex${String(++count).padStart(4, "0")}.ts`;
    // `export {}` makes every example a module (top-level await, no clashes between examples).
    writeFileSync(join(out, name), `${ex.code}\nexport {};\n`);
    origin.set(name, ex);
  }
}
const rel = (p) => relative(out, p).split("\\").join("/");
writeFileSync(
  join(out, "tsconfig.json"),
  JSON.stringify(
    {
      extends: rel(join(root, "tsconfig.json")),
      compilerOptions: {
        noEmit: true,
        module: "ESNext",
        moduleResolution: "Bundler",
        noUnusedLocals: false,
        baseUrl: ".",
        paths: {
          passk: [rel(join(src, "index.ts"))],
          "passk/math": [rel(join(src, "math", "index.ts"))],
          "passk/node": [rel(join(src, "node", "index.ts"))],
          "passk/cli": [rel(join(src, "cli", "index.ts"))],
        },
      },
      include: ["*.ts"],
      exclude: [],
    },
    null,
    2,
  ),
);
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], { cwd: out, encoding: "utf8" });
const errors = (r.stdout + r.stderr).split("\n").filter((l) => l.trim() !== "");
let shown = 0;
for (const line of errors) {
  const m = /^(ex\d+\.ts)\((\d+),(\d+)\): (.*)$/.exec(line);
  if (m) {
    const ex = origin.get(m[1]);
    console.error(`${relative(root, ex.file)}:${ex.line + Number(m[2]) - 1} (example line ${m[2]}): ${m[4]}`);
    shown++;
  } else if (!line.startsWith(" ")) {
    console.error(line);
    shown++;
  }
}
if (r.status !== 0) {
  console.error(`\n${shown} type errors in ${count} TSDoc examples`);
  process.exit(1);
}
console.log(`${count} TSDoc examples type-check`);
