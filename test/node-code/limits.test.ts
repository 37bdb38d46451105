// Programs that break limits: each must end within its limit with the right status, and leave no
// process, cgroup or directory behind. Limits are small and every program is bounded (process
// counts, sizes, time) so the suite stays fast on 2 cores.
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runVerifier } from "../../src/index.js";
import {
  codeVerifier,
  localRunner,
  LimitUnavailableError,
  type CodeLanguage,
  type CodeRunner,
  type ExecutionLimits,
  type RunOutcome,
  type TestResult,
} from "../../src/node/code/index.js";
import { detectCgroupV1 } from "../../src/node/code/cgroupV1.js";
import { resolveLimits } from "../../src/node/code/codeVerifier.js";
import { isRoot, killAll, newTag, processesTagged, processesUnder } from "./helpers.js";

const tag = newTag();
const sandbox = localRunner({ env: { PASSK_TEST_TAG: tag } });
const cgroup = sandbox.isolation.treeLimits === "cgroup-v1";
const signal = new AbortController().signal;
const MiB = 1024 * 1024;

afterAll(() => {
  killAll(processesTagged(tag));
  // Every per-run cgroup is removed after its run.
  const parents = detectCgroupV1().parents;
  for (const dir of parents === undefined ? [] : Object.values(parents)) {
    expect(readdirSync(dir).filter((n) => n.startsWith(`passk-${process.pid}-`))).toEqual([]);
  }
});

async function judge(language: CodeLanguage, program: string, limits: ExecutionLimits, input = "", output = "", runner: CodeRunner = sandbox) {
  const v = codeVerifier({ language, limits, runner, extractCode: false });
  const t0 = Date.now();
  const r = await runVerifier(v, program, { tests: [{ input, output }] });
  const elapsed = Date.now() - t0;
  const test = (r as { tests?: readonly TestResult[] }).tests?.[0];
  return { r, test, elapsed, leftover: processesTagged(tag) };
}

async function run(language: CodeLanguage, source: string, limits: ExecutionLimits, runner: CodeRunner = sandbox): Promise<RunOutcome> {
  const out = await runner({ language, source, stdin: "", limits: resolveLimits(limits) }, signal);
  expect(processesTagged(tag)).toEqual([]);
  return out;
}

describe("wall-clock, output and stdout limits in the sandbox", () => {
  it("kills an infinite loop at the wall-clock limit", async () => {
    const { r, test, elapsed, leftover } = await judge("python", "while True:\n    pass", { timeoutMs: 800 });
    expect(r.status).toBe("wrong");
    expect(test?.status).toBe("time_limit");
    expect(test?.signal).toBe("SIGKILL");
    expect(elapsed).toBeGreaterThanOrEqual(800);
    expect(elapsed).toBeLessThan(10_000);
    expect(leftover).toEqual([]);
  });

  it("kills a JavaScript infinite loop too", async () => {
    const { test, elapsed, leftover } = await judge("javascript", "for (;;) {}", { timeoutMs: 800 });
    expect(test?.status).toBe("time_limit");
    expect(elapsed).toBeLessThan(10_000);
    expect(leftover).toEqual([]);
  });

  it("kills a program printing 1 GB at the output cap", async () => {
    const flood = "import sys\nchunk = 'x' * (1 << 20)\nfor _ in range(1024):\n    sys.stdout.write(chunk)";
    const { test, elapsed, leftover } = await judge("python", flood, { timeoutMs: 5000, outputBytes: 64 * 1024 });
    expect(test?.status).toBe("output_limit");
    expect(elapsed).toBeLessThan(5000);
    expect(leftover).toEqual([]);
  });

  it("does not mistake a closed stdout for the end: a sleeper after close hits the time limit", async () => {
    const sleeper = "import os, sys, time\nprint(42)\nsys.stdout.flush()\nos.close(1)\ntime.sleep(60)";
    const { test, elapsed, leftover } = await judge("python", sleeper, { timeoutMs: 1000 }, "", "42");
    expect(test?.status).toBe("time_limit");
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(5000);
    expect(leftover).toEqual([]);
  });

  it("reaps background children left by a program that exits", async () => {
    const orphaner = "import os, time\nif os.fork() == 0:\n    time.sleep(60)\nelse:\n    print(7)";
    const { test, elapsed, leftover } = await judge("python", orphaner, { timeoutMs: 5000 }, "", "7");
    expect(test?.status).toBe("passed");
    expect(elapsed).toBeLessThan(4000);
    expect(leftover).toEqual([]);
  });
});

describe("limits on the whole process tree in the sandbox", () => {
  it("caps a Python fork flood at maxProcesses tasks, the program itself included", async () => {
    // Forks until the kernel refuses (at most 200 attempts); children sleep, so they stay counted.
    const flood = [
      "import os, time",
      "n = 0",
      "for _ in range(200):",
      "    try:",
      "        pid = os.fork()",
      "    except OSError:",
      "        break",
      "    if pid == 0:",
      "        time.sleep(30)",
      "        os._exit(0)",
      "    n += 1",
      "print(n)",
    ].join("\n");
    const out = await run("python", flood, { timeoutMs: 10_000, maxProcesses: 16 });
    expect(out.termination).toBe("exited");
    // 16 tasks for the program: the main process and 15 children.
    expect(out.stdout).toBe("15\n");
  });

  it("caps a JavaScript spawn flood too", async () => {
    const flood = [
      "const { spawnSync, spawn } = require('child_process');",
      "let ok = 0, failed = 0, code = '';",
      "const next = (i) => {",
      "  if (i === 60) { console.log(JSON.stringify({ ok, failed, code })); process.exit(0); }",
      "  const c = spawn('/bin/sleep', ['30'], { stdio: 'ignore' });",
      "  c.on('spawn', () => { ok++; next(i + 1); });",
      "  c.on('error', (e) => { failed++; code = e.code; next(i + 1); });",
      "};",
      "next(0);",
    ].join("\n");
    const out = await run("javascript", flood, { timeoutMs: 15_000, maxProcesses: 24 });
    expect(out.termination).toBe("exited");
    const r = JSON.parse(out.stdout) as { ok: number; failed: number; code: string };
    // node's own threads take part of the 24 tasks, so fewer than 24 sleepers start.
    expect(r.ok).toBeGreaterThan(0);
    expect(r.ok).toBeLessThan(24);
    expect(r.ok + r.failed).toBe(60);
    expect(r.code).toBe("EAGAIN");
  });

  it("bounds the memory of all processes together: 6 children x 48 MiB under memoryMb 128", async () => {
    // Each child stays under the per-process limit (128 MiB); together they exceed it.
    const bomb = [
      "import os, time",
      "kids = []",
      "for _ in range(6):",
      "    pid = os.fork()",
      "    if pid == 0:",
      "        b = bytearray(48 * 1024 * 1024)",
      "        time.sleep(3)",
      "        os._exit(0)",
      "    kids.append(pid)",
      "print(sum(1 for p in kids if os.waitpid(p, 0)[1] == 0))",
    ].join("\n");
    const out = await run("python", bomb, { timeoutMs: 15_000, memoryMb: 128 });
    if (cgroup) {
      expect(out.termination).toBe("memory_limit");
      expect(out.peakMemoryBytes).toBeLessThanOrEqual(128 * MiB);
    } else {
      // Without a cgroup the bound is per process times the task cap: all six children fit.
      expect(out.termination).toBe("exited");
      expect(out.stdout).toBe("6\n");
    }
  });

  it("stops a JavaScript Buffer.alloc far beyond memoryMb", async () => {
    const out = await run("javascript", "const b = Buffer.alloc(768 * 1024 * 1024, 1); console.log(b.length);", { timeoutMs: 15_000, memoryMb: 128 });
    if (cgroup) {
      expect(out.termination).toBe("memory_limit");
      expect(out.peakMemoryBytes).toBeLessThanOrEqual(128 * MiB);
    } else {
      // Per process, node is bounded by memoryMb + 4096 MiB of address space (V8 reserves ~1 GiB).
      expect(out.stdout).toBe(`${768 * MiB}\n`);
    }
  });

  it("stops a Python memory bomb at the memory limit", async () => {
    const bomb = "chunks = []\nwhile True:\n    chunks.append(bytearray(16 * 1024 * 1024))";
    const { test, elapsed, leftover } = await judge("python", bomb, { timeoutMs: 5000, memoryMb: 128 });
    expect(test?.status).toBe("memory_limit");
    expect(elapsed).toBeLessThan(5000);
    expect(leftover).toEqual([]);
  });

  it("stops a JavaScript heap bomb at the heap limit", async () => {
    const bomb = "const keep = [];\nfor (;;) keep.push(new Array(1 << 20).fill(1.5));";
    const { test, elapsed, leftover } = await judge("javascript", bomb, { timeoutMs: 8000, memoryMb: 64 });
    expect(test?.status).toBe("memory_limit");
    expect(elapsed).toBeLessThan(8000);
    expect(leftover).toEqual([]);
  });

  it("stops two busy processes at the CPU-time limit, well before the wall-clock one", async () => {
    const burn = "import os\nos.fork()\nwhile True:\n    pass";
    const { test, elapsed, leftover } = await judge("python", burn, { timeoutMs: 20_000, cpuTimeMs: 600 });
    expect(test?.status).toBe("time_limit");
    expect(test?.reason).toMatch(/CPU/);
    expect(elapsed).toBeLessThan(15_000);
    expect(leftover).toEqual([]);
  });

  it("caps the bytes a program can write at diskMb per writable filesystem", async () => {
    const fill = [
      "import os",
      "def fill(path):",
      "    n = 0",
      "    try:",
      "        with open(path, 'wb') as f:",
      "            for _ in range(64):",
      "                f.write(b'x' * (1 << 20))",
      "                f.flush()",
      "                n += 1 << 20",
      "    except OSError as e:",
      "        return n, e.errno",
      "    return n, 0",
      "print(fill('/tmp/big'), fill('/dev/shm/big'))",
    ].join("\n");
    const out = await run("python", fill, { timeoutMs: 10_000, diskMb: 4 });
    expect(out.termination).toBe("exited");
    // /tmp (4 MiB = 1024 pages) also holds main.py (one page), so its fourth MiB does not fit:
    // ENOSPC (28). /dev/shm takes exactly 4 MiB; the next write passes RLIMIT_FSIZE (also the
    // disk cap): EFBIG (27).
    expect(out.stdout).toBe("(3145728, 28) (4194304, 27)\n");
  });
});

describe("limits that cannot be applied are errors at construction", () => {
  it("refuses a task cap for root without runAs when there is no cgroup (rlimit mode)", async () => {
    const rlimit = localRunner({ limitMechanism: "rlimit", env: { PASSK_TEST_TAG: tag } });
    expect(rlimit.isolation.treeLimits).toBe("rlimit");
    if (isRoot) {
      expect(() => codeVerifier({ language: "python", runner: rlimit })).toThrow(LimitUnavailableError);
      // As nobody, RLIMIT_NPROC counts the sandbox's tasks in its own user namespace: init + 16.
      const python = "/usr/bin/python3";
      expect(existsSync(python)).toBe(true);
      const nobody = localRunner({ limitMechanism: "rlimit", python, env: { PASSK_TEST_TAG: tag } });
      const flood = "import os, time\nn = 0\nfor _ in range(200):\n    try:\n        pid = os.fork()\n    except OSError:\n        break\n    if pid == 0:\n        time.sleep(30)\n        os._exit(0)\n    n += 1\nprint(n)";
      const out = await run("python", flood, { timeoutMs: 10_000, maxProcesses: 16, runAs: { uid: 65534, gid: 65534 } }, nobody);
      expect(out.stdout).toBe("15\n");
    } else {
      const out = await run("python", "print(1)", { timeoutMs: 5000 }, rlimit);
      expect(out.stdout).toBe("1\n");
    }
  });

  it("runs the sandbox as the runAs user, with the same task cap", async () => {
    const flood = "import os, time\nn = 0\nfor _ in range(200):\n    try:\n        pid = os.fork()\n    except OSError:\n        break\n    if pid == 0:\n        time.sleep(30)\n        os._exit(0)\n    n += 1\nprint(n, os.getuid())";
    const runner = localRunner({ python: "/usr/bin/python3", env: { PASSK_TEST_TAG: tag } });
    const limits = { timeoutMs: 10_000, maxProcesses: 16, runAs: { uid: 65534, gid: 65534 } };
    if (!isRoot) {
      expect(() => codeVerifier({ language: "python", runner, limits })).toThrow(expect.objectContaining({ field: "limits.runAs" }));
      return;
    }
    const out = await run("python", flood, limits, runner);
    expect(out.stdout).toBe("15 65534\n");
  });

  it("refuses limits the unsandboxed runner cannot apply", () => {
    const none = localRunner({ isolation: "none" });
    expect(none.isolation.kind).toBe("none");
    expect(() => codeVerifier({ language: "python", runner: none, limits: { diskMb: 8 } })).toThrow(expect.objectContaining({ code: "LIMIT_UNAVAILABLE", field: "limits.diskMb" }));
    if (isRoot) {
      // Silently ignored before: the kernel does not apply RLIMIT_NPROC to root.
      expect(() => codeVerifier({ language: "python", runner: none, limits: { maxProcesses: 8 } })).toThrow(
        expect.objectContaining({ code: "LIMIT_UNAVAILABLE", field: "limits.maxProcesses" }),
      );
    } else {
      expect(() => codeVerifier({ language: "python", runner: none, limits: { runAs: { uid: 65534, gid: 65534 } } })).toThrow(
        expect.objectContaining({ code: "LIMIT_UNAVAILABLE", field: "limits.runAs" }),
      );
    }
    expect(() => localRunner({ limitMechanism: "quota" as "auto" })).toThrow(expect.objectContaining({ field: "limitMechanism" }));
    expect(() => localRunner({ isolation: "docker" as "none" })).toThrow(expect.objectContaining({ field: "isolation" }));
  });
});

describe("the unsandboxed runner (isolation: none) keeps its per-process limits", () => {
  const base = mkdtempSync(join(tmpdir(), "passk-test-limits-"));
  chmodSync(base, 0o711); // traversable by the runAs user
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it("kills the process group at the wall-clock limit and removes its directory", async () => {
    const dir = mkdtempSync(join(base, "case-"));
    const none = localRunner({ isolation: "none", tmpDir: dir });
    const { test, elapsed } = await judge("python", "import os, time\nos.fork()\ntime.sleep(60)", { timeoutMs: 800 }, "", "", none);
    expect(test?.status).toBe("time_limit");
    expect(elapsed).toBeLessThan(5000);
    expect(processesUnder(dir)).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("enforces RLIMIT_NPROC when running as another user", async () => {
    const dir = mkdtempSync(join(base, "case-"));
    chmodSync(dir, 0o711);
    const python = isRoot && existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const none = localRunner({ isolation: "none", tmpDir: dir, python });
    const limits: ExecutionLimits = isRoot ? { timeoutMs: 3000, maxProcesses: 8, runAs: { uid: 65534, gid: 65534 } } : { timeoutMs: 3000 };
    const bomb = "import os, time\nfor _ in range(64):\n    if os.fork() == 0:\n        time.sleep(60)\n        os._exit(0)\ntime.sleep(60)";
    const { test, elapsed } = await judge("python", bomb, limits, "", "", none);
    expect(test?.status).toBe(isRoot ? "runtime_error" : "time_limit");
    if (isRoot) expect(test?.reason).toMatch(/BlockingIOError|Resource temporarily unavailable/);
    expect(elapsed).toBeLessThan(5000);
    expect(processesUnder(dir)).toEqual([]);
  });
});
