// The executable's reaction to a reader that closes the pipe early (`passk demo | head -3`):
// it stops quietly with status 0 instead of dying on an unhandled EPIPE with a stack trace.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { tempDir } from "./cliHarness.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

it("exits 0 without a stack trace when stdout's reader goes away", async () => {
  const out = tempDir();
  dirs.push(out);
  const child = spawn(process.execPath, ["--import", "tsx", main, "demo", "--out", out, "--problems", "40", "--samples", "16", "--resamples", "50", "-q"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  let firstChunk = "";
  // The demo prints its header, then runs the study: read the header, then close our end as `head`
  // does, so the report tables meet a closed pipe.
  child.stdout.once("data", (chunk: Buffer) => {
    firstChunk = chunk.toString("utf8");
    child.stdout.destroy();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  expect(firstChunk).toContain("passk demo: synthetic study");
  expect(stderr).not.toContain("EPIPE");
  expect(code).toBe(0);
}, 60_000);
