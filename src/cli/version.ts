/**
 * The package version, for `passk --version`.
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The `version` of the nearest `package.json` named `passk` above this module (src/cli/ when run
 * from source, dist/ when bundled), or `"unknown"`.
 *
 * @example
 * ```ts
 * import { packageVersion } from "passk/cli";
 * console.log(/^\d+\.\d+\.\d+/.test(packageVersion())); // => true
 * ```
 */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "passk" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // No package.json here: look one level up.
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return "unknown";
}
