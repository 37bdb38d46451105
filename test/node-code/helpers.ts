// Test helpers: find processes whose working directory lies under a folder (every process a run
// starts inherits its temporary working directory, so none may remain there after the run).
import { readdirSync, readlinkSync } from "node:fs";

export function processesUnder(dir: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(dir)) out.push(Number(entry));
    } catch {
      // the process exited meanwhile, or is not ours to inspect
    }
  }
  return out;
}
