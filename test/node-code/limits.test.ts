// Hostile programs: each must end within its limit with the right status and leave no process
// and no working directory behind. Limits are kept small so the suite stays fast on 2 cores.
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runVerifier } from "../../src/index.js";
import { codeVerifier, localRunner, type CodeLanguage, type ExecutionLimits, type LocalRunnerOptions, type TestResult } from "../../src/node/code/index.js";
import { processesUnder } from "./helpers.js";

const base = mkdtempSync(join(tmpdir(), "passk-test-limits-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

// Traversable by another user, for the runAs case (the run's own directory is chowned to it).
chmodSync(base, 0o711);

async function runOne(language: CodeLanguage, program: string, limits: ExecutionLimits, input = "", output = "", runner: LocalRunnerOptions = {}) {
  // Each case gets its own parent folder so the process scan cannot see another case's runs.
  const dir = mkdtempSync(join(base, "case-"));
  chmodSync(dir, 0o711);
  const v = codeVerifier({ language, limits, runner: localRunner({ ...runner, tmpDir: dir }), extractCode: false });
  const t0 = Date.now();
  const r = await runVerifier(v, program, { tests: [{ input, output }] });
  const elapsed = Date.now() - t0;
  const test = (r as { tests?: readonly TestResult[] }).tests?.[0];
  return { r, test, elapsed, leftover: processesUnder(dir), dirs: readdirSync(dir) };
}

describe("limits", () => {
  it("kills an infinite loop at the wall-clock limit", async () => {
    const { r, test, elapsed, leftover, dirs } = await runOne("python", "while True:\n    pass", { timeoutMs: 800 });
    expect(r.status).toBe("wrong");
    expect(test?.status).toBe("time_limit");
    expect(test?.signal).toBe("SIGKILL");
    expect(elapsed).toBeGreaterThanOrEqual(800);
    expect(elapsed).toBeLessThan(2500);
    expect(leftover).toEqual([]);
    expect(dirs).toEqual([]);
  });

  it("kills a JavaScript infinite loop too", async () => {
    const { test, elapsed, leftover } = await runOne("javascript", "for (;;) {}", { timeoutMs: 800 });
    expect(test?.status).toBe("time_limit");
    expect(elapsed).toBeLessThan(2500);
    expect(leftover).toEqual([]);
  });

  it("bounds a (bounded) fork bomb: the whole process group dies at the limit", async () => {
    // Every process forks six times: at most 2^6 = 64 processes, all sleeping. Bounded on purpose.
    const bomb = "import os, time\nfor _ in range(6):\n    os.fork()\ntime.sleep(60)";
    const { test, elapsed, leftover } = await runOne("python", bomb, { timeoutMs: 1200 });
    expect(test?.status).toBe("time_limit");
    expect(elapsed).toBeLessThan(3000);
    expect(leftover).toEqual([]);
  });

  it("enforces RLIMIT_NPROC when running as another user", async () => {
    // The kernel does not apply RLIMIT_NPROC to root, so as root the run drops to nobody.
    const asRoot = process.getuid?.() === 0;
    const limits: ExecutionLimits = asRoot ? { timeoutMs: 2000, maxProcesses: 8, runAs: { uid: 65534, gid: 65534 } } : { timeoutMs: 2000 };
    // The main process forks (at most 64) sleeping children, so the failing fork is its own.
    const bomb = "import os, time\nfor _ in range(64):\n    if os.fork() == 0:\n        time.sleep(60)\n        os._exit(0)\ntime.sleep(60)";
    // The unprivileged user must be able to execute the interpreter (a pyenv one under /root is not).
    const python = asRoot && existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const { test, elapsed, leftover } = await runOne("python", bomb, limits, "", "", { python });
    // With the limit a fork fails (BlockingIOError) and the failing process exits with an error;
    // without it (not root) the bounded bomb just sleeps into the time limit.
    expect(test?.status).toBe(asRoot ? "runtime_error" : "time_limit");
    if (asRoot) expect(test?.reason).toMatch(/BlockingIOError|Resource temporarily unavailable/);
    expect(elapsed).toBeLessThan(3000);
    expect(leftover).toEqual([]);
  });

  it("stops a Python memory bomb at the memory limit", async () => {
    const bomb = "chunks = []\nwhile True:\n    chunks.append(bytearray(16 * 1024 * 1024))";
    const { test, elapsed, leftover } = await runOne("python", bomb, { timeoutMs: 3000, memoryMb: 128 });
    expect(test?.status).toBe("memory_limit");
    expect(test?.reason).toBe("MemoryError");
    expect(elapsed).toBeLessThan(3000);
    expect(leftover).toEqual([]);
  });

  it("stops a JavaScript memory bomb at the heap limit", async () => {
    const bomb = "const keep = [];\nfor (;;) keep.push(new Array(1 << 20).fill(1.5));";
    const { test, elapsed, leftover } = await runOne("javascript", bomb, { timeoutMs: 3000, memoryMb: 64 });
    expect(test?.status).toBe("memory_limit");
    expect(elapsed).toBeLessThan(3000);
    expect(leftover).toEqual([]);
  });

  it("kills a program printing 1 GB at the output cap", async () => {
    const flood = "import sys\nchunk = 'x' * (1 << 20)\nfor _ in range(1024):\n    sys.stdout.write(chunk)";
    const { test, elapsed, leftover } = await runOne("python", flood, { timeoutMs: 3000, outputBytes: 64 * 1024 });
    expect(test?.status).toBe("output_limit");
    expect(elapsed).toBeLessThan(2500);
    expect(leftover).toEqual([]);
  });

  it("does not mistake a closed stdout for the end: a sleeper after close hits the time limit", async () => {
    const sleeper = "import os, sys, time\nprint(42)\nsys.stdout.flush()\nos.close(1)\ntime.sleep(60)";
    const { test, elapsed, leftover } = await runOne("python", sleeper, { timeoutMs: 1000 }, "", "42");
    expect(test?.status).toBe("time_limit");
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(2500);
    expect(leftover).toEqual([]);
  });

  it("reaps background children left by a program that exits", async () => {
    const orphaner = "import os, time\nif os.fork() == 0:\n    time.sleep(60)\nelse:\n    print(7)";
    const { test, elapsed, leftover } = await runOne("python", orphaner, { timeoutMs: 2000 }, "", "7");
    expect(test?.status).toBe("passed");
    expect(elapsed).toBeLessThan(1500);
    expect(leftover).toEqual([]);
  });
});
