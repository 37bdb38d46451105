// What a user of the published package gets: packs the library, installs the tarball into fresh
// scratch projects and runs them. Fails (exit 1) on any type error, any failed assertion, or a
// size ceiling exceeded:
// - ESM TypeScript, module/moduleResolution nodenext, strict, skipLibCheck false: tsc, then node;
// - CommonJS TypeScript (node16) and a plain `require` script;
// - moduleResolution bundler: tsc, then an esbuild bundle run by node;
// - a browser bundle (esbuild --platform=browser) loaded in headless Chromium, printing a curve;
// - install size of `npm install passk` (no optional peers) <= 12 MiB;
// - `import { passAtK } from "passk"` bundled and minified for the browser <= 8 KB gzipped.
// Class identity across entry points is asserted by test/consumer/shared-check.ts in every project.
// Needs the npm registry (dependencies of the tarball, @types/node) and /usr/bin/chromium.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { NPM_FLAGS, chromiumPageText, packTarball, pageHtml, project as makeProject, run } from "./consumer-helpers.mjs";

const repo = join(import.meta.dirname, "..");
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
const esbuild = (await import(join(repo, "node_modules", "esbuild", "lib", "main.js"))).default;
const LIMITS = { installBytes: 12 * 1024 * 1024, passAtKGzipBytes: 8 * 1024 };
const work = mkdtempSync(join(tmpdir(), "passk-consumer-"));
const failures = [];
const step = (title) => console.log(`\n--- ${title}`);

function bytesOf(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p, { throwIfNoEntry: false });
    if (s === undefined) continue;
    total += s.isDirectory() ? bytesOf(p) : s.size;
  }
  return total;
}

const project = (name, pkg, tsconfig) => makeProject(work, name, pkg, tsconfig);

function install(dir, tarball, withTypes = true) {
  run("npm", ["install", ...NPM_FLAGS, tarball], dir);
  if (withTypes) run("npm", ["install", ...NPM_FLAGS, "-D", "@types/node@20"], dir);
}

async function check(title, fn) {
  step(title);
  try {
    await fn();
    console.log(`ok: ${title}`);
  } catch (e) {
    console.error(`FAILED: ${title}\n${e instanceof Error ? e.message : String(e)}`);
    failures.push(title);
  }
}

const STRICT = { strict: true, skipLibCheck: false, noEmitOnError: true, types: ["node"], target: "ES2022", lib: ["ES2022"] };

try {
  step("npm pack");
  const { tarball, packed } = packTarball(repo, work);
  console.log(`${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);
  const sharedCheck = join(repo, "test", "consumer", "shared-check.ts");

  await check("install size of `npm install passk` (no optional peers)", () => {
    const dir = project("size", {});
    run("npm", ["install", ...NPM_FLAGS, tarball], dir);
    const bytes = bytesOf(join(dir, "node_modules"));
    const packages = readdirSync(join(dir, "node_modules")).flatMap((n) =>
      n.startsWith("@") ? readdirSync(join(dir, "node_modules", n)) : n.startsWith(".") ? [] : [n],
    ).length;
    console.log(`node_modules: ${(bytes / 2 ** 20).toFixed(2)} MiB in ${packages} packages (ceiling ${LIMITS.installBytes / 2 ** 20} MiB)`);
    if (existsSync(join(dir, "node_modules", "vega"))) throw new Error("vega was installed: it must stay an optional peer");
    if (bytes > LIMITS.installBytes) throw new Error(`install is ${bytes} bytes > ${LIMITS.installBytes}`);
  });

  await check("the CLI without the optional figure packages: tables written, one-line hint", () => {
    const dir = join(work, "size");
    const r = spawnSync(join(dir, "node_modules", ".bin", "passk"), ["demo", "--out", "out", "--problems", "30", "--samples", "8", "--resamples", "20"], { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`passk demo exited ${r.status}: ${r.stderr}`);
    for (const f of ["report.json", "report.csv", "report.md"]) if (!existsSync(join(dir, "out", f))) throw new Error(`${f} not written`);
    if (existsSync(join(dir, "out", "pass-at-k.svg"))) throw new Error("a figure was written without vega?");
    if (!r.stderr.includes("npm install vega vega-lite")) throw new Error(`no install hint on stderr: ${r.stderr}`);
    console.log(r.stderr.trim());
  });

  await check("ESM TypeScript: nodenext, strict, skipLibCheck false", () => {
    const dir = project("esm-nodenext", { type: "module" }, { compilerOptions: { ...STRICT, module: "nodenext", moduleResolution: "nodenext", outDir: "out" }, include: ["check.ts"] });
    install(dir, tarball);
    copyFileSync(sharedCheck, join(dir, "check.ts"));
    run("node", [tsc, "-p", "."], dir);
    console.log(run("node", ["out/check.js"], dir).trim());
  });

  await check("CommonJS TypeScript: node16, strict, skipLibCheck false; plain require", () => {
    const dir = project("cjs-node16", { type: "commonjs" }, { compilerOptions: { ...STRICT, module: "node16", moduleResolution: "node16", outDir: "out" }, include: ["check.ts"] });
    install(dir, tarball);
    copyFileSync(sharedCheck, join(dir, "check.ts"));
    run("node", [tsc, "-p", "."], dir);
    const compiled = readFileSync(join(dir, "out", "check.js"), "utf8");
    if (!/require\("passk"\)/.test(compiled)) throw new Error("tsc did not emit CommonJS require calls");
    console.log(run("node", ["out/check.js"], dir).trim());
    writeFileSync(
      join(dir, "plain.cjs"),
      [
        'const core = require("passk"); const node = require("passk/node"); const math = require("passk/math");',
        "const assert = require('node:assert');",
        "assert.strictEqual(core.passAtK(10, 3, 1), 0.3);",
        "assert.strictEqual(node.PasskError, core.PasskError);",
        "assert.strictEqual(math.InvalidArgumentError, core.InvalidArgumentError);",
        "assert.ok(new node.IngestError('x', { file: 'f', line: 1 }) instanceof core.PasskError);",
        "assert.ok(core.passAtKExact(10, 3, 2) instanceof core.Decimal);",
        "console.log('plain require ok');",
      ].join("\n"),
    );
    console.log(run("node", ["plain.cjs"], dir).trim());
  });

  await check("moduleResolution bundler: tsc, then an esbuild bundle run by node", async () => {
    const dir = project("bundler", { type: "module" }, { compilerOptions: { ...STRICT, module: "esnext", moduleResolution: "bundler", noEmit: true }, include: ["check.ts"] });
    install(dir, tarball);
    copyFileSync(sharedCheck, join(dir, "check.ts"));
    run("node", [tsc, "-p", "."], dir);
    await esbuild.build({ entryPoints: [join(dir, "check.ts")], bundle: true, platform: "node", format: "esm", outfile: join(dir, "out.mjs"), logLevel: "error", external: ["@cortex-js/compute-engine"] });
    console.log(run("node", ["out.mjs"], dir).trim());
  });

  await check("browser: bundle size of `import { passAtK } from \"passk\"`, and a curve in headless Chromium", async () => {
    const dir = project("browser", { type: "module" });
    run("npm", ["install", ...NPM_FLAGS, tarball], dir);
    writeFileSync(join(dir, "min.js"), 'import { passAtK } from "passk";\nglobalThis.out = passAtK(10, 3, 2);\n');
    const min = await esbuild.build({ entryPoints: [join(dir, "min.js")], bundle: true, minify: true, platform: "browser", format: "esm", write: false, logLevel: "error" });
    const code = min.outputFiles[0].contents;
    const gz = gzipSync(code, { level: 9 }).length;
    console.log(`passAtK alone: ${code.length} bytes minified, ${gz} bytes gzipped (ceiling ${LIMITS.passAtKGzipBytes})`);
    if (gz > LIMITS.passAtKGzipBytes) throw new Error(`bundle is ${gz} gzipped bytes > ${LIMITS.passAtKGzipBytes}`);

    writeFileSync(
      join(dir, "page.js"),
      [
        'import { passAtKCurve, TallyAccumulator, bootstrapPassAtK } from "passk";',
        "const acc = new TallyAccumulator();",
        "for (let i = 0; i < 10; i++) acc.add({ model: 'm', problemId: 'a', sampleIndex: i, correct: i < 3 });",
        "for (let i = 0; i < 10; i++) acc.add({ model: 'm', problemId: 'b', sampleIndex: i, correct: false });",
        "const curve = passAtKCurve(acc.talliesFor('m'), [1, 2, 4, 8]);",
        "const boot = bootstrapPassAtK(acc.talliesFor('m'), [1], { seed: 7, resamples: 20 });",
        "document.getElementById('out').textContent = 'curve ' + curve.map((p) => p.k + ':' + p.value.toFixed(12)).join(' ') + ' boot ' + boot.points.length;",
      ].join("\n"),
    );
    const page = await esbuild.build({ entryPoints: [join(dir, "page.js")], bundle: true, minify: true, platform: "browser", format: "iife", write: false, logLevel: "error" });
    writeFileSync(join(dir, "index.html"), pageHtml(page.outputFiles[0].text));
    const text = chromiumPageText(join(dir, "index.html"), dir);
    console.log(`chromium printed: ${text}`);
    // Hand-derived: problem a has pass@k = 1 - C(7,k)/C(10,k), b has 0; the mean is half of it.
    const exact = (k) => {
      let avoid = 1n, all = 1n;
      for (let i = 0n; i < BigInt(k); i++) { avoid *= 7n - i; all *= 10n - i; }
      const num = (all - avoid) * 10n ** 15n / (2n * all);
      return (Number(num) / 1e15).toFixed(12);
    };
    const expected = `curve ${[1, 2, 4, 8].map((k) => `${k}:${exact(k)}`).join(" ")} boot 1`;
    if (text !== expected) throw new Error(`expected "${expected}", got "${text}"`);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\nconsumer check: ${failures.length} failed: ${failures.join("; ")}`);
  process.exit(1);
}
console.log("\nconsumer check: all passed");
