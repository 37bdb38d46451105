// The simple-statistics functions passk uses, from the package's per-function ES modules. The
// bundled builds (dist/node, dist/cjs) resolve "simple-statistics" here (tsup.config.ts): the
// package's single-file build and its index both pull in standard_normal_table.js, whose top-level
// loop esbuild must keep (58 KB of the root entry, for a table passk never reads).
// Add a line when src/ imports another function (the build fails on a missing export).
export { default as max } from "../node_modules/simple-statistics/src/max.js";
export { default as mean } from "../node_modules/simple-statistics/src/mean.js";
export { default as median } from "../node_modules/simple-statistics/src/median.js";
export { default as min } from "../node_modules/simple-statistics/src/min.js";
export { default as quantileSorted } from "../node_modules/simple-statistics/src/quantile_sorted.js";
export { default as standardDeviation } from "../node_modules/simple-statistics/src/standard_deviation.js";
