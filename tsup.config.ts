import { defineConfig, type Options } from "tsup";

// Three builds of the same sources (declarations come from tsc: scripts/build.mjs).
//
// - dist/esm: one ESM file per source module, for bundlers (the "import" condition outside Node).
//   "sideEffects": false then works per module: `import { passAtK } from "passk"` bundles to under
//   1 KB gzipped, without decimal.js, simple-statistics or the CAS.
// - dist/node: ESM for Node, Deno and Bun (the "node" condition), one file per entry point plus
//   shared chunks. Node's loader pays per file (about 0.7 ms each here), so a per-module layout
//   made `import("passk")` 4x slower than this one; simple-statistics is bundled in (tree-shaken
//   to the few functions used) because loading all of it costs more than the rest of the core.
// - dist/cjs: the same for `require`, under dist/cjs/package.json's "type": "commonjs".
//
// In every build the entry points share modules (or chunks), never copies, so each class exists
// once per format: objects and errors cross freely between passk, passk/math, passk/node and
// passk/cli. The command line (src/cli) is ESM only. No source maps: they were two thirds of the
// package, and consumers do not debug passk's dist.
//
// dist/node and dist/cjs are minified (whitespace and syntax, not identifiers): Node parses every
// byte of a file it loads, and V8's scanner and preparser are the largest part of a cold
// `import("passk")` (docs/import-cost.md). Identifiers stay, so stack traces keep passk's function
// names. Comments go too, which leaves the files ASCII: V8 then scans one-byte strings, not
// two-byte ones (a single "≤" in a comment made a whole chunk two-byte).
const entries = {
  index: "src/index.ts",
  "math/index": "src/math/index.ts",
  "node/index": "src/node/index.ts",
};
const common: Options = {
  dts: false,
  sourcemap: false,
  clean: false,
  silent: true,
  target: "es2022",
  outExtension: () => ({ js: ".js" }),
};
const bundled: Options = {
  ...common,
  bundle: true,
  splitting: true,
  treeshake: true,
  minifyWhitespace: true,
  minifySyntax: true,
  noExternal: ["simple-statistics"],
  // Bundle only the simple-statistics functions passk uses, from their own modules
  // (scripts/simple-statistics-used.mjs): from the package's single-file build all 84 functions
  // (66 KB) landed in the root entry's chunk, a third of `import("passk")`'s cost.
  esbuildOptions(options) {
    options.alias = { "simple-statistics": "./scripts/simple-statistics-used.mjs" };
  },
  // esbuild renames a class that refers to itself (TallyAccumulator → _TallyAccumulator) when it
  // bundles; users see class names in errors, logs and `.name`, so keep them.
  keepNames: true,
};

export default defineConfig([
  { ...common, bundle: false, splitting: false, entry: ["src/**/*.ts"], format: ["esm"], outDir: "dist/esm" },
  {
    ...bundled,
    entry: { ...entries, "cli/index": "src/cli/index.ts", "cli/main": "src/cli/main.ts" },
    format: ["esm"],
    platform: "node",
    outDir: "dist/node",
  },
  {
    ...bundled,
    entry: entries,
    format: ["cjs"],
    platform: "node",
    outDir: "dist/cjs",
    // compute-engine's "require" build is a UMD file whose exports come out empty under require()
    // (Object.assign over getters), so `require("passk/math")` could not construct the CAS: bundle
    // its ES module build into the CJS output instead (only dist/cjs/math carries it).
    noExternal: ["simple-statistics", "@cortex-js/compute-engine"],
    esbuildOptions(options) {
      options.alias = {
        "simple-statistics": "./scripts/simple-statistics-used.mjs",
        "@cortex-js/compute-engine": "./node_modules/@cortex-js/compute-engine/dist/compute-engine.min.esm.js",
      };
    },
  },
]);
