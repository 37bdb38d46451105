import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, runVerifier, verifyBatch, withTimeout } from "../../src/index.js";
import { createVerifierPool } from "../../src/node/code/index.js";
import { malformed, slowDigest, spinForever, throwing } from "./fixtures/cpuVerifiers.js";

// Worker threads do not inherit tsx's hooks on Node 20; the pool preloads them per worker.
// tsx's ESM API entry (require.resolve would pick its CommonJS build).
const tsx = join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs");
const fixture = new URL("./fixtures/cpuVerifiers.ts", import.meta.url);

describe("createVerifierPool", () => {
  it("gives the same results as running inline, in input order", async () => {
    const pool = createVerifierPool<{ answer: string; rounds: number }>({ module: fixture, exportName: "slowDigest", threads: 2, preload: [tsx] });
    try {
      const items = Array.from({ length: 12 }, (_, i) => ({
        model: "m",
        problemId: `p${i}`,
        response: String(i % 4),
        reference: { answer: String(i % 3), rounds: 2000 },
      }));
      const pooled = await verifyBatch(items, pool.verifier, { concurrency: 4 });
      const inline = await verifyBatch(items, slowDigest, { concurrency: 4 });
      expect(pooled.results).toEqual(inline.results);
      expect(pooled.records).toEqual(inline.records);
      // i % 4 === i % 3 exactly for i in {0, 1, 2} within 0..11
      expect(pooled.records.filter((r) => r.correct).map((r) => r.problemId)).toEqual(["p0", "p1", "p2"]);
    } finally {
      await pool.destroy();
    }
  });
  it("reports throws and malformed results exactly as inline", async () => {
    for (const [name, fn] of [["throwing", throwing], ["malformed", malformed]] as const) {
      const pool = createVerifierPool<unknown>({ module: fixture, exportName: name, threads: 1, preload: [tsx] });
      try {
        expect(await runVerifier(pool.verifier, "x", null)).toEqual(await runVerifier(fn, "x", null));
      } finally {
        await pool.destroy();
      }
    }
  });
  it("stops a never-yielding verifier by terminating its worker", async () => {
    const pool = createVerifierPool<unknown>({ module: fixture, exportName: "spinForever", threads: 1, preload: [tsx] });
    try {
      const t0 = Date.now();
      const r = await runVerifier(withTimeout(pool.verifier, 300), "x", null);
      expect(r.status).toBe("timeout");
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      await pool.destroy();
    }
  });
  it("has a time budget of its own: a stuck task times out and its worker is replaced", async () => {
    const pool = createVerifierPool<unknown>({ module: fixture, exportName: "spinForever", threads: 1, preload: [tsx], timeoutMs: 300 });
    try {
      const t0 = Date.now();
      expect((await runVerifier(pool.verifier, "x", null)).status).toBe("timeout");
      expect(Date.now() - t0).toBeLessThan(5000);
      // The one thread was terminated and replaced: the next task gets a worker too (and times out again).
      const out = await verifyBatch([{ model: "m", problemId: "p", response: "x", reference: null }], pool.verifier, { timeoutMs: 10_000 });
      expect(out.results[0]).toEqual({ status: "timeout", correct: false, reason: "verifier exceeded 300 ms" });
    } finally {
      await pool.destroy();
    }
    expect(() => createVerifierPool({ module: "/x.js", timeoutMs: 0 })).toThrow(expect.objectContaining({ field: "timeoutMs" }));
  });
  it("reports a module that cannot load as an error on every task instead of hanging", async () => {
    const pool = createVerifierPool<unknown>({ module: fixture, exportName: "noSuchExport", threads: 1, preload: [tsx] });
    try {
      const r = await runVerifier(pool.verifier, "x", null);
      expect(r.status).toBe("error");
      expect(r.reason).toMatch(/^pool worker could not load the verifier: Error: export noSuchExport/);
    } finally {
      await pool.destroy();
    }
  });
  it("rejects relative module paths and bad thread counts", () => {
    expect(() => createVerifierPool({ module: "./x.js" })).toThrow(InvalidArgumentError);
    expect(() => createVerifierPool({ module: "/x.js", threads: 0 })).toThrow(InvalidArgumentError);
  });
});
