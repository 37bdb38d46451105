/**
 * A one-line progress bar on standard error.
 * @module
 */
import type { CliIo } from "./io.js";

/**
 * A progress bar drawn on standard error with carriage returns, for long reads and verifications.
 * It draws nothing when standard error is not a terminal or when `quiet` is set, so logs and pipes
 * stay clean; redraws are throttled to one per `intervalMs`.
 *
 * @example
 * ```ts
 * import { ProgressBar } from "passk/cli";
 * const out: string[] = [];
 * const io = { stdout: () => {}, stderr: (s: string) => out.push(s), stderrIsTTY: true, stderrColumns: 60, cwd: "." };
 * const bar = new ProgressBar(io, { quiet: false, intervalMs: 0 });
 * bar.update("reading", 1, 4);
 * bar.done();
 * console.log(out[0]!.includes(" 25% reading")); // => true
 * const silent = new ProgressBar({ ...io, stderrIsTTY: false }, { quiet: false });
 * console.log(silent.enabled); // => false
 * ```
 */
export class ProgressBar {
  /** Whether anything is drawn. */
  readonly enabled: boolean;
  readonly #io: CliIo;
  readonly #intervalMs: number;
  #last = -Infinity;
  #drawn = false;

  /**
   * @param io - where to draw (standard error)
   * @param options - `quiet` turns the bar off; `intervalMs` (default 100) throttles redraws
   */
  constructor(io: CliIo, options: { readonly quiet: boolean; readonly intervalMs?: number }) {
    this.#io = io;
    this.enabled = io.stderrIsTTY && !options.quiet;
    this.#intervalMs = options.intervalMs ?? 100;
  }

  /**
   * Redraws the bar (at most once per interval, always when `done === total`).
   *
   * @param label - what is in progress, e.g. the file name
   * @param done - units finished
   * @param total - units in all, or undefined when unknown (then only the count is shown)
   */
  update(label: string, done: number, total: number | undefined): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.#last < this.#intervalMs && done !== total) return;
    this.#last = now;
    const width = Math.max(10, Math.min(40, this.#io.stderrColumns - label.length - 12));
    let line: string;
    if (total === undefined || !(total > 0)) {
      line = `${done} ${label}`;
    } else {
      const frac = Math.min(1, Math.max(0, done / total));
      const filled = Math.round(frac * width);
      line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}% ${label}`;
    }
    this.#io.stderr(`\r${line.slice(0, Math.max(1, this.#io.stderrColumns - 1))}\x1b[K`);
    this.#drawn = true;
  }

  /** Erases the bar so the next output starts on a clean line. */
  done(): void {
    if (this.enabled && this.#drawn) this.#io.stderr("\r\x1b[K");
    this.#drawn = false;
    this.#last = -Infinity;
  }
}
