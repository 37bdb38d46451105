// Hostile programs against the bubblewrap sandbox, one per hole the unsandboxed runner had: each
// tries the attack for real and the test checks from the outside that it failed. Every program is
// bounded (process counts, bytes, time) and every test removes what it created.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVerifier, verifyBatch } from "../../src/index.js";
import { codeVerifier, localRunner, type CodeLanguage, type CodeRunner, type ExecutionLimits, type RunOutcome } from "../../src/node/code/index.js";
import { resolveLimits } from "../../src/node/code/codeVerifier.js";
import { resolvePython } from "../../src/node/code/interpreters.js";
import { isRoot, killAll, newTag, processesTagged } from "./helpers.js";

const tag = newTag();
const sandbox = localRunner({ env: { PASSK_TEST_TAG: tag } });
const limits: ExecutionLimits = { timeoutMs: 10_000, memoryMb: 256 };
const work = mkdtempSync(join(tmpdir(), "passk-test-sandbox-"));
// A secret in the evaluator's memory and environment, as the expected output or an API key would be.
const secret = `PASSKSECRET-${randomBytes(16).toString("hex")}`;
process.env.PASSK_TEST_SECRET = secret;

afterAll(() => {
  delete process.env.PASSK_TEST_SECRET;
  killAll(processesTagged(tag));
  rmSync(work, { recursive: true, force: true });
});

async function run(language: CodeLanguage, source: string, stdin = "", runner: CodeRunner = sandbox): Promise<RunOutcome> {
  const out = await runner({ language, source, stdin, limits: resolveLimits(limits) }, new AbortController().signal);
  // Whatever the program started is gone when its outcome is known.
  expect(processesTagged(tag)).toEqual([]);
  return out;
}

function json(out: RunOutcome): unknown {
  expect(out.termination, out.stderr).toBe("exited");
  expect(out.exitCode, out.stderr).toBe(0);
  return JSON.parse(out.stdout);
}

describe("the evaluator is out of reach", () => {
  // Reads the writable mappings (heaps, where strings and environments live) of every process it
  // can see, at most 512 MiB in all and only until it finds a foreign token, looking for the
  // secret's format; it also plants a token in its own memory, to show the scan works.
  const scanner = `
import json, os, re, sys
pattern = re.compile(rb"PASSKSECRET-[0-9a-f]{32}")
planted = ("PASSKSECRET-" + "ab" * 16).encode()
targets = [str(os.getppid())] + [p for p in os.listdir("/proc") if p.isdigit()]
budget = 512 << 20
found, seen = set(), []
for pid in dict.fromkeys(targets):
    try:
        maps = open(f"/proc/{pid}/maps").read().splitlines()
        mem = open(f"/proc/{pid}/mem", "rb", 0)
    except OSError:
        continue
    seen.append(int(pid))
    # The C heap (where environments live) first; stop at the first foreign token.
    maps.sort(key=lambda line: not line.endswith("[heap]"))
    for line in maps:
        if found - {planted}:
            break
        addr, perms = line.split()[:2]
        if perms[:2] != "rw" or budget <= 0:
            continue
        lo, hi = (int(x, 16) for x in addr.split("-"))
        try:
            mem.seek(lo)
            data = mem.read(min(hi - lo, 64 << 20, budget))
        except (OSError, ValueError, OverflowError):
            continue
        budget -= len(data)
        found.update(pattern.findall(data))
print(json.dumps({"self": planted in found, "others": sorted(x.decode() for x in found - {planted}), "pids": sorted(seen), "ppid": os.getppid()}))
`;

  it("a program scanning /proc/<pid>/mem finds nothing of the evaluator (Python)", async () => {
    const r = json(await run("python", scanner)) as { self: boolean; others: string[]; pids: number[]; ppid: number };
    expect(r.self).toBe(true); // the scan does find what is in memory it can read
    expect(r.others).toEqual([]);
    expect(r.ppid).toBe(1); // its parent is the sandbox's init, not the evaluator
    expect(r.pids.every((p) => p <= 3)).toBe(true); // only the sandbox's own processes exist
  });

  it("unsandboxed, the same scan reads the secret out of the evaluator (why the sandbox is the default)", async () => {
    const none = localRunner({ isolation: "none", tmpDir: work });
    const r = json(await run("python", scanner, "", none)) as { others: string[] };
    if (isRoot) expect(r.others).toContain(secret);
    else expect(Array.isArray(r.others)).toBe(true); // without ptrace rights over node, reading may be denied
  });

  it("no process environment it can read holds the evaluator's variables (Python and JavaScript)", async () => {
    const py = `
import json, os
hits = []
for pid in [p for p in os.listdir("/proc") if p.isdigit()] + [str(os.getppid())]:
    try:
        if b"PASSK_TEST_SECRET" in open(f"/proc/{pid}/environ", "rb").read():
            hits.append(pid)
    except OSError:
        pass
print(json.dumps({"hits": hits, "own": "PASSK_TEST_SECRET" in os.environ}))
`;
    expect(json(await run("python", py))).toEqual({ hits: [], own: false });
    const js = `
const fs = require("fs");
const hits = [];
for (const pid of [...fs.readdirSync("/proc").filter((p) => /^\\d+$/.test(p)), String(process.ppid)]) {
  try { if (fs.readFileSync("/proc/" + pid + "/environ").includes("PASSK_TEST_SECRET")) hits.push(pid); } catch {}
}
console.log(JSON.stringify({ hits, own: "PASSK_TEST_SECRET" in process.env }));
`;
    expect(json(await run("javascript", js))).toEqual({ hits: [], own: false });
  });

  it("programs that signal their parent and the evaluator's pid cannot stop the batch", async () => {
    const py = `
import os, signal, sys
evaluator = int(sys.stdin.read())
for pid in (os.getppid(), evaluator):
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
print("done")
`;
    const js = `
const evaluator = Number(require("fs").readFileSync(0, "utf8"));
for (const pid of [process.ppid, evaluator]) { try { process.kill(pid, "SIGKILL"); } catch {} }
console.log("done");
`;
    const tests = [{ input: String(process.pid), output: "done" }];
    const item = (i: number, response: string) => ({ model: "m", problemId: `p${i}`, response, reference: { tests } });
    const py_ = codeVerifier({ language: "python", limits, runner: sandbox, extractCode: false });
    const js_ = codeVerifier({ language: "javascript", limits, runner: sandbox, extractCode: false });
    const pyOut = await verifyBatch([item(0, py), item(1, "print('done')"), item(2, py)], py_, { concurrency: 3 });
    const jsOut = await verifyBatch([item(0, js), item(1, "console.log('done')")], js_, { concurrency: 2 });
    // The evaluator survived (this line runs) and every sample has its verdict.
    expect(pyOut.results.map((r) => r.status)).toEqual(["correct", "correct", "correct"]);
    expect(jsOut.results.map((r) => r.status)).toEqual(["correct", "correct"]);
    expect(processesTagged(tag)).toEqual([]);
  });
});

describe("no descendant survives the run", () => {
  it("double-forked setsid daemons and setpgid children are gone when the verdict returns (Python)", async () => {
    const py = `
import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        for i in range(3000):
            with open("/tmp/heartbeat", "w") as f:
                f.write(str(i))
            time.sleep(0.01)
        os._exit(0)
    os._exit(0)
if os.fork() == 0:
    os.setpgid(0, 0)
    time.sleep(30)
    os._exit(0)
time.sleep(0.2)
print("ok")
`;
    const r = await runVerifier(codeVerifier({ language: "python", limits, runner: sandbox, extractCode: false }), py, { tests: [{ input: "", output: "ok" }] });
    expect(r.status).toBe("correct");
    expect(processesTagged(tag)).toEqual([]);
  });

  it("detached children of a JavaScript program are gone too", async () => {
    const js = `
const { spawn } = require("child_process");
for (let i = 0; i < 3; i++) spawn("/bin/sh", ["-c", "trap '' HUP TERM; sleep 30"], { detached: true, stdio: "ignore" }).unref();
setTimeout(() => console.log("ok"), 200);
`;
    const r = await runVerifier(codeVerifier({ language: "javascript", limits, runner: sandbox, extractCode: false }), js, { tests: [{ input: "", output: "ok" }] });
    expect(r.status).toBe("correct");
    expect(processesTagged(tag)).toEqual([]);
  });
});

describe("the host's files and network are out of reach", () => {
  let server: Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("cannot connect to a listener on the host's loopback, nor anywhere else (Python and JavaScript)", async () => {
    const py = `
import json, socket, sys
port = int(sys.stdin.read())
out = {}
for host in ("127.0.0.1", "10.0.2.2", "1.1.1.1"):
    try:
        socket.create_connection((host, port), timeout=2).close()
        out[host] = "connected"
    except OSError as e:
        out[host] = e.errno
print(json.dumps(out))
`;
    // 111 ECONNREFUSED: the sandbox has a loopback of its own, with nothing listening;
    // 101 ENETUNREACH: it has no other network at all.
    expect(json(await run("python", py, String(port)))).toEqual({ "127.0.0.1": 111, "10.0.2.2": 101, "1.1.1.1": 101 });
    const js = `
const net = require("net");
const port = Number(require("fs").readFileSync(0, "utf8"));
const s = net.connect({ host: "127.0.0.1", port });
s.on("connect", () => { console.log("connected"); s.destroy(); });
s.on("error", (e) => console.log(e.code));
`;
    expect((await run("javascript", js, String(port))).stdout).toBe("ECONNREFUSED\n");
    expect(connections).toBe(0);
  });

  it("cannot write outside its own /tmp, remount anything, or change kernel settings (Python and JavaScript)", async () => {
    const interp = await resolvePython("python3");
    const name = `passk-escape-${tag}`;
    const shared = mkdtempSync(join(work, "shared-"));
    chmodSync(shared, 0o777);
    // Host paths; the last one also names a file in the sandbox's own /tmp, which it may write.
    const inside = `/tmp/${name}`;
    const targets = [join(shared, name), `/etc/${name}`, `/usr/${name}`, join(interp.paths[1] as string, name), inside];
    const py = `
import ctypes, json, os, sys
targets = json.loads(sys.stdin.read())
out = {}
for p in targets:
    try:
        with open(p, "w") as f:
            f.write("escaped")
        out[p] = "written"
    except OSError as e:
        out[p] = e.errno
libc = ctypes.CDLL(None, use_errno=True)
MS_REMOUNT, MS_BIND = 32, 4096
out["remount /usr"] = "ok" if libc.mount(b"none", b"/usr", None, MS_REMOUNT | MS_BIND, None) == 0 else ctypes.get_errno()
try:
    value = open("/proc/sys/vm/stat_interval").read()
    with open("/proc/sys/vm/stat_interval", "w") as f:
        f.write(value)  # the same value: harmless even if it were allowed
    out["sysctl"] = "written"
except OSError as e:
    out["sysctl"] = e.errno
status = dict(line.split(":\\t", 1) for line in open("/proc/self/status").read().splitlines() if ":\\t" in line)
out["caps"] = status["CapEff"].strip()
out["no_new_privs"] = status["NoNewPrivs"].strip()
out["uid"] = os.getuid()
for p in ("/etc/shadow", "/etc/ssh", "/home", "/work", "/var", "/run", "/sys"):
    out[p] = os.path.exists(p)
out["/root"] = sorted(os.listdir("/root")) if os.path.exists("/root") else None
print(json.dumps(out))
`;
    try {
      const r = json(await run("python", py, JSON.stringify(targets))) as Record<string, unknown>;
      // Only the sandbox's own /tmp (a tmpfs that vanishes with it) is writable; nothing reaches the host.
      expect(r[inside]).toBe("written");
      for (const t of targets.filter((x) => x !== inside)) expect(r[t], t).toEqual(expect.any(Number)); // an errno
      for (const t of targets) expect(existsSync(t), t).toBe(false);
      expect(readdirSync(shared)).toEqual([]);
      expect(r["remount /usr"]).toBe(1); // EPERM
      expect(r.sysctl).toBe(30); // EROFS
      expect(r.caps).toBe("0000000000000000");
      expect(r.no_new_privs).toBe("1");
      expect(r.uid).toBe(65534);
      for (const p of ["/etc/shadow", "/etc/ssh", "/home", "/work", "/var", "/run", "/sys"]) expect(r[p], p).toBe(false);
      const js = `
const fs = require("fs");
const out = {};
for (const p of JSON.parse(fs.readFileSync(0, "utf8"))) {
  try { fs.writeFileSync(p, "escaped"); out[p] = "written"; } catch (e) { out[p] = e.code; }
}
console.log(JSON.stringify(out));
`;
      const j = json(await run("javascript", js, JSON.stringify(targets))) as Record<string, unknown>;
      expect(j[inside]).toBe("written");
      for (const t of targets.filter((x) => x !== inside)) expect(j[t], t).toMatch(/^E[A-Z]+$/u);
      for (const t of targets) expect(existsSync(t), t).toBe(false);
      expect(readdirSync(shared)).toEqual([]);
      // /root exists inside only as the way to an interpreter installed under it (pyenv), read-only.
      const underRoot = interp.paths.find((p) => p.startsWith("/root/"));
      expect(r["/root"]).toEqual(underRoot === undefined ? null : [underRoot.split("/")[2]]);
    } finally {
      for (const t of targets) rmSync(t, { force: true });
    }
  });
});
