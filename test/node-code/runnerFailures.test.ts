// A failure of the machinery is an "error" with its cause, never a grade: it is listed in
// `failed` and kept out of the tallies by default. And a program cannot pass itself off as one.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runVerifier, verifyBatch } from "../../src/index.js";
import { codeVerifier, localRunner, SandboxUnavailableError, type ExecutionLimits, type TestResult } from "../../src/node/code/index.js";
import { resolvePython } from "../../src/node/code/interpreters.js";
import { isRoot } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "passk-test-failures-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const limits: ExecutionLimits = { timeoutMs: 10_000 };
const tests = [{ input: "", output: "1" }];

/**
 * A stand-in for bwrap that passes the construction check (`--version`, then `true` in a
 * "sandbox", reporting exit code 0 on its status descriptor) and then misbehaves on real runs.
 */
function fakeBwrap(name: string, onRun: string): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    `#!/bin/sh
case "$1" in --version) echo "bubblewrap 0.0-fake"; exit 0;; esac
for a in "$@"; do last="$a"; done
case "$last" in */true) echo '{ "exit-code": 0 }' >&3; exit 0;; esac
${onRun}
`,
  );
  chmodSync(path, 0o755);
  return path;
}

describe("a runner failure is an error, never a grade", () => {
  it("a missing Python interpreter or node executable", async () => {
    for (const [language, runner, what] of [
      ["python", localRunner({ python: "/nonexistent/python3" }), "RunnerFailedError: python interpreter /nonexistent/python3 not found"],
      ["javascript", localRunner({ node: "/nonexistent/node" }), "RunnerFailedError: node executable /nonexistent/node not found"],
      ["python", localRunner({ isolation: "none", python: "/nonexistent/python3", tmpDir: dir }), "RunnerFailedError: python interpreter /nonexistent/python3 not found"],
    ] as const) {
      const r = await runVerifier(codeVerifier({ language, limits, runner, extractCode: false }), "print(1)", { tests });
      expect(r).toEqual({ status: "error", correct: false, reason: what });
    }
  });

  it("an interpreter the runAs user cannot reach or execute", async () => {
    const python = await resolvePython("python3");
    const unreachable = python.paths.some((p) => p.startsWith("/root/"));
    if (!isRoot) {
      // runAs needs root: refused when the verifier is built.
      expect(() => codeVerifier({ language: "python", limits: { runAs: { uid: 65534, gid: 65534 } } })).toThrow(expect.objectContaining({ field: "limits.runAs" }));
      return;
    }
    // Not executable by anyone: the kernel answers EACCES (exit 126 in a shell).
    const noExec = join(dir, "python-noexec");
    writeFileSync(noExec, "#!/bin/sh\nexit 0\n");
    chmodSync(noExec, 0o644);
    const r = await runVerifier(codeVerifier({ language: "python", limits, runner: localRunner({ python: noExec }), extractCode: false }), "print(1)", { tests });
    expect(r).toEqual({ status: "error", correct: false, reason: `RunnerFailedError: python interpreter ${noExec} is not executable (permission denied)` });
    if (unreachable) {
      // pyenv's interpreter under /root (mode 0700) is out of nobody's reach: the sandbox cannot be built.
      const v = codeVerifier({ language: "python", limits: { ...limits, runAs: { uid: 65534, gid: 65534 } }, extractCode: false });
      const asNobody = await runVerifier(v, "print(1)", { tests });
      expect(asNobody.status).toBe("error");
      expect(asNobody.reason).toMatch(/^RunnerFailedError: the sandbox failed before the program ran \(bwrap exit code 1\): bwrap: Can't find source path \/root\/.*Permission denied/);
    }
  });

  it("a sandbox that fails to set up, or a runner killed, is an error listed in failed and left out of the records", async () => {
    const setup = fakeBwrap("bwrap-setup-fails", `echo "bwrap: Can't mount proc on /newroot/proc: Operation not permitted" >&2\nexit 1`);
    const killed = fakeBwrap("bwrap-killed", "kill -9 $$");
    const item = (i: number) => ({ model: "m", problemId: `p${i}`, response: "print(1)", reference: { tests } });
    for (const [bwrap, reason] of [
      [setup, /^RunnerFailedError: the sandbox failed before the program ran \(bwrap exit code 1\): bwrap: Can't mount proc/],
      [killed, /^RunnerFailedError: the sandbox failed before the program ran \(bwrap killed by SIGKILL\)/],
    ] as const) {
      const v = codeVerifier({ language: "python", limits, runner: localRunner({ bwrap }), extractCode: false });
      const out = await verifyBatch([item(0), item(1)], v);
      expect(out.counts.error).toBe(2);
      expect(out.records).toEqual([]);
      expect(out.failed.map((f) => f.problemId)).toEqual(["p0", "p1"]);
      expect(out.failed[0]?.result.reason).toMatch(reason);
    }
  });

  it("a program that prints a sandbox error and exits 127 is still graded: wrong", async () => {
    const forger = 'import sys\nsys.stderr.write("bwrap: execvp /usr/bin/python3: No such file or directory\\n")\nsys.exit(127)';
    const r = await runVerifier(codeVerifier({ language: "python", limits, extractCode: false }), forger, { tests });
    expect(r.status).toBe("wrong");
    const t = (r as { tests?: readonly TestResult[] }).tests?.[0];
    expect(t).toMatchObject({ status: "runtime_error", exitCode: 127 });
  });
});

describe("no silent fallback", () => {
  it("refuses to build the local runner without bubblewrap, naming the fixes", () => {
    let error: unknown;
    try {
      localRunner({ bwrap: "/nonexistent/bwrap" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SandboxUnavailableError);
    const message = (error as Error).message;
    expect(message).toMatch(/^bubblewrap \(\/nonexistent\/bwrap\) was not found/);
    expect(message).toContain("apt-get install bubblewrap");
    expect(message).toContain("sandboxFusionRunner");
    expect(message).toContain('isolation: "none"');
  });

  it("refuses a bubblewrap that cannot build a sandbox here", () => {
    const broken = join(dir, "bwrap-no-userns");
    writeFileSync(broken, '#!/bin/sh\ncase "$1" in --version) echo "bubblewrap 0.0-fake"; exit 0;; esac\necho "bwrap: No permissions to create new namespace" >&2\nexit 1\n');
    chmodSync(broken, 0o755);
    expect(() => localRunner({ bwrap: broken })).toThrow(/cannot create a sandbox here: bwrap: No permissions to create new namespace/);
  });

  it("runs unsandboxed only when asked to, and says so", async () => {
    const none = localRunner({ isolation: "none", tmpDir: dir });
    expect(none.isolation).toMatchObject({ kind: "none", treeLimits: "rlimit" });
    expect(none.isolation.summary).toMatch(/^no sandbox/);
    expect(localRunner().isolation.kind).toBe("bwrap");
    const r = await runVerifier(codeVerifier({ language: "python", limits, runner: none, extractCode: false }), "print(1)", { tests });
    expect(r.status).toBe("correct");
  });
});
