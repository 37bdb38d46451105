import { defineConfig } from "tsup";

// Entry points: the pure core (no `node:` imports, runs in browsers, Deno and Bun); Node-only code
// (files, streams, processes) gets its own subpath entries such as `passk/node`.
export default defineConfig({
  entry: { index: "src/index.ts", node: "src/node/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  splitting: false,
  treeshake: true,
});
