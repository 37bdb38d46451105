// Runtime detection and the refusal of Node-only features elsewhere. Bun and Deno are simulated
// here by their globals; the real runtimes run in the runtime matrix (scripts/runtime-matrix.mjs).
import { afterEach, describe, expect, it, vi } from "vitest";
import { PasskError } from "../../src/errors/errors.js";
import { UnsupportedRuntimeError, currentRuntime } from "../../src/node/index.js";
import { assertNodeJs } from "../../src/node/runtime.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("currentRuntime", () => {
  it("recognizes Node.js with its version", () => {
    expect(currentRuntime()).toEqual({ name: "node", label: `Node.js ${process.versions.node}` });
  });

  it("recognizes Bun and Deno by their own globals first (both also define process.versions.node)", () => {
    vi.stubGlobal("Bun", { version: "1.4.5" });
    expect(currentRuntime()).toEqual({ name: "bun", label: "Bun 1.4.5" });
    vi.stubGlobal("Deno", { version: { deno: "2.9.6" } });
    expect(currentRuntime()).toEqual({ name: "deno", label: "Deno 2.9.6" });
  });

  it("calls anything else other", () => {
    vi.stubGlobal("process", { versions: {}, release: { name: "edge" } });
    expect(currentRuntime().name).toBe("other");
  });
});

describe("assertNodeJs / UnsupportedRuntimeError", () => {
  it("passes on Node.js", () => {
    expect(() => assertNodeJs("running JavaScript programs")).not.toThrow();
  });

  it("refuses under Bun with a typed error naming the feature, the runtime and the way out", () => {
    vi.stubGlobal("Bun", { version: "1.4.5" });
    let caught: unknown;
    try {
      assertNodeJs("running JavaScript programs", "pass localRunner({ node: '/usr/bin/node' })");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnsupportedRuntimeError);
    expect(caught).toBeInstanceOf(PasskError);
    const e = caught as UnsupportedRuntimeError;
    expect(e.code).toBe("UNSUPPORTED_RUNTIME");
    expect(e.name).toBe("UnsupportedRuntimeError");
    expect(e.runtime).toBe("bun");
    expect(e.feature).toBe("running JavaScript programs");
    expect(e.message).toBe("running JavaScript programs needs Node.js, but passk is running under Bun 1.4.5: pass localRunner({ node: '/usr/bin/node' })");
  });

  it("refuses under Deno", () => {
    vi.stubGlobal("Deno", { version: { deno: "2.9.6" } });
    expect(() => assertNodeJs("the feature")).toThrow(/^the feature needs Node.js, but passk is running under Deno 2.9.6$/);
  });
});
