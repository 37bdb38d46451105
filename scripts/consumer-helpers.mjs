// Helpers shared by the scripts that install the packed library into scratch projects
// (consumer-check.mjs, runtime-matrix.mjs): run a command or fail with its output, pack the
// tarball, make a project, and load a page in headless Chromium.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** npm flags for scratch installs: quiet, and from the local cache where it can. */
export const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

export const CHROMIUM = "/usr/bin/chromium";

/** Runs a command; throws with its exit status, stdout and stderr unless it exits 0. Returns stdout. */
export function run(cmd, args, cwd, extra = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, ...extra });
  if (r.status !== 0) {
    const why = r.error !== undefined ? r.error.message : r.signal !== null ? `killed by ${r.signal}` : `exited ${r.status}`;
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) ${why}\n${r.stdout ?? ""}\n${r.stderr ?? ""}`);
  }
  return r.stdout;
}

/**
 * `npm pack` of the repository into `dest`; returns the tarball's path and npm's summary. npm
 * runs the `prepare` script (the full build) first, unless `reuseBuild` and dist/ is newer than
 * every input of the build (see distIsFresh), which saves a minute on a loaded 2-core machine.
 */
export function packTarball(repo, dest, { reuseBuild = false } = {}) {
  const reuse = reuseBuild && distIsFresh(repo);
  const packed = JSON.parse(run("npm", ["pack", "--json", ...(reuse ? ["--ignore-scripts"] : []), "--pack-destination", dest], repo))[0];
  return { tarball: join(dest, packed.filename), packed, rebuilt: !reuse };
}

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Whether dist/ was built after the last change to what the build reads (src/, package.json, the
 * build scripts and configs): the oldest build output must be newer than the newest input.
 */
export function distIsFresh(repo) {
  const outputs = ["dist/esm/index.js", "dist/esm/index.d.ts", "dist/node/index.js", "dist/cjs/index.js", "dist/cjs/package.json"].map((f) => join(repo, f));
  if (!outputs.every((f) => existsSync(f))) return false;
  const inputs = ["src", "package.json", "scripts/build.mjs", "tsup.config.ts", "tsconfig.build.json", "tsconfig.json"].map((f) => join(repo, f)).filter((f) => existsSync(f));
  return Math.min(...outputs.map((f) => statSync(f).mtimeMs)) > Math.max(...inputs.map(newestMtime));
}

/** A scratch project folder `work/name` with a package.json (and a tsconfig.json if given). */
export function project(work, name, pkg, tsconfig) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `consumer-${name}`, private: true, ...pkg }, null, 2));
  if (tsconfig) writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  return dir;
}

/**
 * Opens an HTML file in headless Chromium and returns the text of its `<pre id="out">` after the
 * page ran (--dump-dom), with the HTML entities Chromium escapes in text decoded. The flags keep
 * Chromium off the network (this machine has none but the registries: without them it retries
 * connections at every start) and in a fresh profile; --virtual-time-budget lets the page's
 * promises and timers finish before the DOM is dumped.
 */
export function chromiumPageText(htmlFile, profileParent) {
  if (!existsSync(CHROMIUM)) throw new Error(`no ${CHROMIUM} (apt-get install chromium)`);
  const profile = mkdtempSync(join(profileParent, "profile-"));
  const r = spawnSync(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--virtual-time-budget=60000",
      `--user-data-dir=${profile}`,
      "--dump-dom",
      `file://${htmlFile}`,
    ],
    { encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const text = /<pre id="out">([^<]*)<\/pre>/.exec(r.stdout ?? "")?.[1];
  if (text === undefined) throw new Error(`chromium printed no <pre id="out"> (exit ${r.status}, stderr: ${(r.stderr ?? "").slice(0, 500)})`);
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&nbsp;", "\u00a0").replaceAll("&amp;", "&");
}

/** A page that runs a bundled script (an IIFE) whose output goes into `<pre id="out">`. */
export function pageHtml(bundledScript) {
  return `<!doctype html><meta charset="utf-8"><pre id="out">not run</pre><script>${bundledScript.replaceAll("</script", "<\\/script")}</script>`;
}
