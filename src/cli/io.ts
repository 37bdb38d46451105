/**
 * The streams a command writes to, injectable so the CLI runs in-process in tests.
 * @module
 */

/**
 * Where a CLI run writes and what it knows about its terminal.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const io = { stdout: (s: string) => lines.push(s), stderr: () => {}, stderrIsTTY: false, stderrColumns: 80, cwd: "/tmp" };
 * io.stdout("hello\n");
 * console.log(lines); // => [ 'hello\n' ]
 * ```
 */
export interface CliIo {
  /** Writes text to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error. */
  readonly stderr: (text: string) => void;
  /** Whether standard error is a terminal (the progress bar is drawn only then). */
  readonly stderrIsTTY: boolean;
  /** Width of the standard-error terminal in columns (80 when unknown). */
  readonly stderrColumns: number;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

/**
 * The real process streams.
 *
 * @example
 * ```ts
 * import { nodeIo } from "passk/cli";
 * console.log(typeof nodeIo().stdout); // => function
 * ```
 */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns ?? 80,
    cwd: process.cwd(),
  };
}
