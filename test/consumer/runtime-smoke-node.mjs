// The Node-only part of the runtime matrix's smoke program: scratch files for the smoke, and one
// probe per Node-only feature of passk/node (file streams, child processes, the worker pool).
// Each probe ends in one of three outcomes, which the matrix records per runtime:
// - "works": every expectation below met, on this runtime as on Node;
// - "refused": passk threw its UnsupportedRuntimeError (code UNSUPPORTED_RUNTIME) naming the
//   runtime, at import or first use: the honest answer for a feature a runtime cannot carry;
// - "broken": anything else (a wrong verdict, an unclear error, no answer within PROBE_MS). This is
//   the outcome that must never ship: a half-working feature gives plausible wrong numbers.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGunzip, gzipSync } from "node:zlib";

const PROBE_MS = 30_000;

/** The runtime running this module, as the matrix names it. */
export function runtimeName() {
  if (typeof globalThis.Deno !== "undefined") return "deno";
  if (typeof globalThis.Bun !== "undefined") return "bun";
  return "node";
}

/** A scratch folder with the two writers the smoke uses. */
export function scratchFiles() {
  const dir = mkdtempSync(join(tmpdir(), "passk-runtime-smoke-"));
  return {
    dir,
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    writeGzip(name, text) {
      const path = join(dir, name);
      writeFileSync(path, gzipSync(Buffer.from(text, "utf8")));
      return path;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function expect(ok, what) {
  if (!ok) throw new Error(what);
}

// Each probe returns a short description of what it saw, or throws.
const PROBES = {
  // 20,000 lines through ingestJsonl (chunk boundaries inside lines) and a gzip file through
  // createReadStream → zlib.createGunzip() → ingestJsonlStream.
  async "file streams"({ node, files }) {
    const lines = [];
    for (let i = 0; i < 20_000; i++) lines.push(JSON.stringify({ model: "m", problem_id: `p${i % 100}`, sample_index: Math.floor(i / 100), correct: i % 7 === 0 }));
    const text = lines.join("\n") + "\n";
    const plain = await node.ingestJsonl(files.write("many.jsonl", text), { reader: node.flatReader() });
    const tallies = plain.accumulator.talliesFor("m");
    const solved = tallies.reduce((s, t) => s + t.c, 0);
    expect(tallies.length === 100 && tallies.every((t) => t.n === 200) && solved === 2858, `ingestJsonl: ${tallies.length} problems, ${solved} correct (want 100, 2858)`);
    const gz = files.writeGzip("many.jsonl.gz", text);
    const streamed = await node.ingestJsonlStream(createReadStream(gz).pipe(createGunzip()), { reader: node.flatReader(), name: "many.jsonl.gz" });
    const again = streamed.accumulator.talliesFor("m");
    expect(JSON.stringify(again) === JSON.stringify(tallies), "the gunzipped stream gave other tallies than the file");
    return `20,000 lines: file and gunzip stream agree (${plain.bytesRead} bytes)`;
  },

  // Python programs in child processes: a passing program, and a busy loop stopped by the time limit.
  async "child processes (python)"({ core, node }) {
    const verifier = node.codeVerifier({ language: "python", limits: { timeoutMs: 5000 } });
    const ok = await core.runVerifier(verifier, "```python\nprint(int(input()) + 1)\n```", { tests: [{ input: "41\n", output: "42\n" }] });
    expect(ok.status === "correct", `a correct program graded ${ok.status}: ${ok.reason ?? ""}`);
    const slow = node.codeVerifier({ language: "python", limits: { timeoutMs: 500 } });
    const loop = await core.runVerifier(slow, "```python\nwhile True: pass\n```", { tests: [{ input: "", output: "" }] });
    expect(loop.tests?.[0]?.status === "time_limit", `a busy loop ended ${loop.tests?.[0]?.status}, not time_limit`);
    return "correct program passes; busy loop stopped at the time limit";
  },

  // JavaScript programs in child processes: they must run under Node.js (the runner's contract,
  // with --max-old-space-size as the memory limit), whatever runtime runs passk.
  async "child processes (javascript)"({ core, node }) {
    const verifier = node.codeVerifier({ language: "javascript", limits: { timeoutMs: 10_000, memoryMb: 128 } });
    const which = "```js\nconsole.log(typeof Bun !== 'undefined' ? 'bun' : typeof Deno !== 'undefined' ? 'deno' : 'node')\n```";
    const ok = await core.runVerifier(verifier, which, { tests: [{ input: "", output: "node\n" }] });
    expect(ok.status === "correct", `a program printing its runtime graded ${ok.status}: ${ok.reason ?? ""}`);
    // About 480 MB of live arrays under memoryMb 128.
    const hog = "```js\nconst a = []; for (let i = 0; i < 60; i++) a.push(new Array(1e6).fill(i + 0.5)); console.log(a.length)\n```";
    const big = await core.runVerifier(verifier, hog, { tests: [{ input: "", output: "60\n" }] });
    expect(big.tests?.[0]?.status === "memory_limit", `a 480 MB program under memoryMb 128 ended ${big.tests?.[0]?.status}, not memory_limit`);
    return "programs run under Node.js; the memory limit holds";
  },

  // The tinypool worker pool: one-thread and two-thread pools answer (Deno once hung on a one-thread
  // pool), and a synchronous endless verifier is stopped by withTimeout: the pool terminates its
  // worker, so destroy() returns.
  async "worker pool"({ core, node, files }) {
    const module = files.write(
      "verifiers.mjs",
      [
        "export const isYes = (response) => ({ status: response === 'yes' ? 'correct' : 'wrong', correct: response === 'yes' });",
        "export const spin = () => { for (;;) {} };",
      ].join("\n"),
    );
    const pools = [1, 2].map((threads) => node.createVerifierPool({ module, exportName: "isYes", threads }));
    const spinning = node.createVerifierPool({ module, exportName: "spin", threads: 1 });
    try {
      for (const pool of pools) {
        const answers = await Promise.all(["yes", "no", "yes", "yes", "no", "no"].map((r) => core.runVerifier(pool.verifier, r, undefined)));
        const got = answers.map((a) => a.status).join(",");
        expect(got === "correct,wrong,correct,correct,wrong,wrong", `a ${pool.threads}-thread pool answered ${got}`);
      }
      const stopped = await core.runVerifier(core.withTimeout(spinning.verifier, 300), "x", undefined);
      expect(stopped.status === "timeout", `an endless verifier ended ${stopped.status}, not timeout`);
    } finally {
      await Promise.all([...pools, spinning].map((p) => p.destroy()));
    }
    return "1- and 2-thread pools answer; an endless verifier is stopped and its worker ended";
  },
};

/** Runs every probe; never throws. */
export async function probeNodeOnly({ core, node, files }) {
  const runtime = runtimeName();
  const results = [];
  for (const [feature, probe] of Object.entries(PROBES)) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_MS / 1000} s`)), PROBE_MS);
    });
    try {
      const detail = await Promise.race([probe({ core, node, files }), timeout]);
      results.push({ feature, outcome: "works", detail });
    } catch (e) {
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      const refused = e instanceof core.PasskError && e.code === "UNSUPPORTED_RUNTIME" && e.message.toLowerCase().includes(runtime);
      results.push({ feature, outcome: refused ? "refused" : "broken", detail: message });
    } finally {
      clearTimeout(timer);
    }
  }
  return results;
}
