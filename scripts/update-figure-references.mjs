#!/usr/bin/env node
// Regenerates the reference images of the visual regression check (test/fixtures/figures/*.png)
// from the current figure code: run it after a deliberate change to a figure, look at the PNGs,
// and commit them with the change. It runs test/cli/figureRegression.test.ts with
// PASSK_UPDATE_FIGURE_REFERENCES=1, which writes each rendered figure before comparing.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const r = spawnSync("npx", ["vitest", "run", "test/cli/figureRegression.test.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PASSK_UPDATE_FIGURE_REFERENCES: "1" },
});
if (r.status === 0) console.log("updated test/fixtures/figures/*.png: look at them, then commit them");
process.exit(r.status ?? 1);
