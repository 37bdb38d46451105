// `npm run bench [-- name-filter]`: runs every bench/*.bench.ts in its own Node process, one after
// another, so each gets a clean heap (peak-memory figures stay meaningful) and no JIT state leaks.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", join(here, f)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`${f} exited with ${r.status ?? r.signal}`);
  }
}
if (files.length === 0) console.error(`no benchmark matches ${filter ?? ""}`);
process.exit(failed > 0 || files.length === 0 ? 1 : 0);
