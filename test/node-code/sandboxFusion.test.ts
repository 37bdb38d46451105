import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVerifier } from "../../src/index.js";
import { codeVerifier, sandboxFusionRunner, type SandboxFusionRequest } from "../../src/node/code/index.js";

// A small stand-in for a SandboxFusion server on 127.0.0.1: it records each request and answers
// per the program text, following the service's documented response shape.
const received: SandboxFusionRequest[] = [];
let server: Server;
let endpoint = "";

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = "";
    req.on("data", (c: Buffer) => (s += c.toString("utf8")));
    req.on("end", () => resolve(s));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const request = JSON.parse(await body(req)) as SandboxFusionRequest;
    received.push(request);
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (req.url !== "/run_code" || req.method !== "POST") return reply(404, { detail: "not found" });
    if (request.code.includes("CRASH_SANDBOX")) return reply(200, { status: "SandboxError", message: "container failed", run_result: null });
    if (request.code.includes("HTTP_500")) return reply(500, { detail: "internal" });
    if (request.code.includes("while True")) {
      return reply(200, { status: "Failed", message: "", compile_result: null, run_result: { status: "TimeLimitExceeded", execution_time: request.run_timeout, return_code: null, stdout: "", stderr: "" } });
    }
    if (request.code.includes("raise")) {
      return reply(200, { status: "Failed", message: "", compile_result: null, run_result: { status: "Finished", execution_time: 0.02, return_code: 1, stdout: "", stderr: "Traceback (most recent call last):\nValueError: nope\n" } });
    }
    // "Runs" a doubling program: reads an integer from stdin.
    const n = Number(request.stdin.trim());
    reply(200, { status: "Success", message: "", compile_result: null, run_result: { status: "Finished", execution_time: 0.01, return_code: 0, stdout: `${n * 2}\n`, stderr: "" }, files: {} });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("sandboxFusionRunner", () => {
  const limits = { timeoutMs: 2000, memoryMb: 128 };
  it("sends run_code requests and maps verdicts", async () => {
    const v = codeVerifier({ language: "python", scoring: "fraction", limits, runner: sandboxFusionRunner({ endpoint }) });
    const r = await runVerifier(v, "```python\nprint(int(input()) * 2)\n```", { tests: [{ input: "4", output: "8" }, { input: "5", output: "11" }] });
    expect(r.status).toBe("wrong");
    expect(r.score).toBe(0.5);
    expect(received.at(-1)).toEqual({
      code: "print(int(input()) * 2)",
      language: "python",
      run_timeout: 2,
      compile_timeout: 2,
      memory_limit_MB: 128,
      stdin: "5",
      files: {},
    });
    const tle = await runVerifier(v, "while True: pass", { tests: [{ input: "", output: "" }] });
    expect((tle as { readonly tests: readonly { status: string }[] }).tests[0]?.status).toBe("time_limit");
    const re = await runVerifier(v, "raise ValueError('nope')", { tests: [{ input: "", output: "" }] });
    expect((re as { readonly tests: readonly { status: string; reason?: string }[] }).tests[0]).toMatchObject({ status: "runtime_error", reason: "ValueError: nope" });
  });
  it("sends function-call files base64-encoded and uses the nodejs language name", async () => {
    const v = codeVerifier({ language: "javascript", limits, runner: sandboxFusionRunner({ endpoint }) });
    await runVerifier(v, "function f(x) { return x }", { tests: [{ kind: "call", fn: "f", args: [1], expected: 1 }] });
    const sent = received.at(-1);
    expect(sent?.language).toBe("nodejs");
    expect(Buffer.from(sent?.files["__passk_call.json"] ?? "", "base64").toString("utf8")).toBe('{"fn":"f","args":[1]}');
  });
  it("reports sandbox failures as verifier errors, never as failed tests", async () => {
    const v = codeVerifier({ language: "python", limits, runner: sandboxFusionRunner({ endpoint }) });
    for (const code of ["CRASH_SANDBOX = 1", "HTTP_500 = 1"]) {
      const r = await runVerifier(v, code, { tests: [{ input: "", output: "" }] });
      expect(r.status, code).toBe("error");
      expect(r.reason).toMatch(/SandboxFusion/);
    }
    const down = codeVerifier({ language: "python", limits, runner: sandboxFusionRunner({ endpoint: "http://127.0.0.1:1" }) });
    expect((await runVerifier(down, "print(1)", { tests: [{ input: "", output: "1" }] })).status).toBe("error");
  });
});
