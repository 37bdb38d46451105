// The core must run in browsers, Deno and Bun: nothing outside src/node/ and src/cli/ may reach for Node built-ins.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

// src/node/ and src/cli/ are the Node-only subpaths (files, streams, processes, the command line).
const core = files(SRC).filter((f) => !/^(node|cli)$/.test(relative(SRC, f).split(sep)[0] ?? ""));
const FORBIDDEN = [
  /from\s+["']node:/,
  /import\(\s*["']node:/,
  /require\(/,
  /from\s+["'](fs|path|os|child_process|zlib|stream|worker_threads|crypto|util|readline)["']/,
  /\bprocess\.(env|argv|exit|cwd|stdout|stderr|hrtime|memoryUsage)\b/,
  /\bBuffer\./,
];

describe("pure core", () => {
  it("has core files to check", () => expect(core.length).toBeGreaterThan(5));
  for (const f of core) {
    it(`${relative(SRC, f)} imports nothing Node-only`, () => {
      const text = readFileSync(f, "utf8");
      for (const re of FORBIDDEN) expect(text, String(re)).not.toMatch(re);
    });
  }
});
