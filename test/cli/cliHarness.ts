// In-process runner for the CLI tests: captures stdout/stderr and returns the exit code.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, type CliIo } from "../../src/cli/index.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], cwd: string, tty = false): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), stderrIsTTY: tty, stderrColumns: 100, cwd };
  const code = await runCli(argv, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "passk-cli-test-"));
}

export function writeJsonl(dir: string, name: string, lines: readonly unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return path;
}

/** Flat records for a model: for each [problemId, n, c], c correct samples then n − c wrong ones. */
export function flatRecords(model: string, problems: ReadonlyArray<readonly [string, number, number]>): object[] {
  return problems.flatMap(([problemId, n, c]) =>
    Array.from({ length: n }, (_, i) => ({ model, problem_id: problemId, sample_index: i, correct: i < c })),
  );
}
