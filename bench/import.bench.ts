// Cold import cost of each entry point of the built package (dist/, as consumers get it), measured
// side by side with a bare `node -e 0` start in the same run: the runs are interleaved (bare,
// passk, passk/math, ... , bare, ...) so machine load hits every variant alike, and each figure is
// the median over the runs. The goal of the packaging issue: `import("passk")` at most 15 ms above
// bare node (the CAS behind passk/math, about 45 ms, is excluded from the root entry for that).
// Where the time goes, what was cut and what the rest would take: docs/import-cost.md.
// Self-reference: run from the repository root, "passk" resolves through package.json "exports"
// to the build, exactly as in a consumer's project. Build first (`npm run build`).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const root = join(import.meta.dirname, "..");
if (!existsSync(join(root, "dist", "node", "index.js"))) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(1);
}

const VARIANTS: readonly (readonly [string, readonly string[]])[] = [
  ["bare node -e 0", ["-e", "0"]],
  ['import("node:fs") (the ESM loader alone)', ["-e", 'import("node:fs")']],
  ['import("passk")', ["-e", 'import("passk")']],
  ['require("passk")', ["-e", 'require("passk")']],
  ['import("passk/node")', ["-e", 'import("passk/node")']],
  ['import("passk/math")', ["-e", 'import("passk/math")']],
];
const RUNS = 25;

const times = VARIANTS.map((): number[] => []);
for (let r = -2; r < RUNS; r++) {
  VARIANTS.forEach(([, args], i) => {
    const t0 = performance.now();
    const p = spawnSync(process.execPath, args, { cwd: root, stdio: "ignore" });
    const ms = performance.now() - t0;
    if (p.status !== 0) throw new Error(`node ${args.join(" ")} exited ${p.status}`);
    if (r >= 0) times[i]?.push(ms); // the first two rounds warm the file cache
  });
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const bare = median(times[0] as number[]);
console.log(`cold start, median of ${RUNS} interleaved runs each (node ${process.version})`);
VARIANTS.forEach(([label], i) => {
  const m = median(times[i] as number[]);
  const extra = i === 0 ? "" : `  (+${(m - bare).toFixed(1)} ms over bare node, ${(m / bare).toFixed(2)}x)`;
  console.log(`${label.padEnd(44)} ${m.toFixed(1).padStart(7)} ms${extra}`);
});
