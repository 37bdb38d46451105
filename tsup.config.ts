import { defineConfig } from "tsup";

// Entry points: the pure core (no `node:` imports, runs in browsers, Deno and Bun) and the
// Node-only subpath `passk/node` (files, streams, processes), both ESM + CJS with .d.ts; and the
// `passk` command line, an ESM executable with a shebang and no types. The build script empties
// dist/ first (the two configs build concurrently, so neither may clean).
export default defineConfig([
  {
    entry: { index: "src/index.ts", node: "src/node/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: false,
    target: "es2022",
    splitting: false,
    treeshake: true,
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: true,
    clean: false,
    target: "node20",
    platform: "node",
    splitting: false,
    banner: { js: "#!/usr/bin/env node" },
  },
]);
