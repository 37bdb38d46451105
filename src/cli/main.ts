#!/usr/bin/env node
/**
 * Entry point of the `passk` executable (built to dist/esm/cli/main.js; esbuild keeps the shebang).
 * @module
 */
import { runCli } from "./cli.js";
import { nodeIo } from "./io.js";

// A reader that stops early (`passk report --json | head`) closes the pipe; Node ignores SIGPIPE
// and would die on an unhandled EPIPE with a stack trace. Stop quietly instead, as a tool killed
// by SIGPIPE would, but with status 0: the output the reader wanted was delivered.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// Set the exit code instead of calling process.exit, so buffered stdout (a large --json report
// into a pipe) is flushed before the process ends.
void runCli(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code;
});
