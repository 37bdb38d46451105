#!/usr/bin/env node
/**
 * Entry point of the `passk` executable (built to dist/esm/cli/main.js; esbuild keeps the shebang).
 * @module
 */
import { runCli } from "./cli.js";
import { nodeIo } from "./io.js";

// Set the exit code instead of calling process.exit, so buffered stdout (a large --json report
// into a pipe) is flushed before the process ends.
void runCli(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code;
});
