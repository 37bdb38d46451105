import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVerifier } from "../../src/index.js";
import { codeVerifier, LimitUnavailableError, sandboxFusionRequest, sandboxFusionRunner, type SandboxFusionRequest, type TestResult } from "../../src/node/code/index.js";

// A stand-in for a SandboxFusion server on 127.0.0.1 (random port), following the service's
// documented response shape. A program's text picks the behaviour: `CASE <name> <id>`; the
// server counts the requests of each id, so retries can be seen from the outside.
const received: SandboxFusionRequest[] = [];
const hits = new Map<string, number[]>();
let server: Server;
let endpoint = "";

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = "";
    req.on("data", (c: Buffer) => (s += c.toString("utf8")));
    req.on("end", () => resolve(s));
  });
}

const finished = (rc: number | null, stdout = "", stderr = "") => ({ status: "Finished", execution_time: 0.02, return_code: rc, stdout, stderr });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const request = JSON.parse(await body(req)) as SandboxFusionRequest;
    received.push(request);
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(typeof value === "string" ? value : JSON.stringify(value));
    };
    if (req.url !== "/run_code" || req.method !== "POST") return reply(404, { detail: "not found" });
    const [, name = "", id = ""] = /CASE (\S+) (\S+)/u.exec(request.code) ?? [];
    const times = hits.get(id) ?? [];
    times.push(Date.now());
    hits.set(id, times);
    const n = times.length;
    switch (name) {
      case "flaky503": // two failures, then an answer
        return n <= 2 ? reply(503, { detail: "busy" }) : reply(200, { status: "Success", message: "", run_result: finished(0, "ok\n") });
      case "busy429":
        return n <= 1 ? reply(429, { detail: "slow down" }) : reply(200, { status: "Success", message: "", run_result: finished(0, "ok\n") });
      case "sandboxError":
        return reply(200, { status: "SandboxError", message: "container failed", run_result: null });
      case "http400":
        return reply(400, { detail: "bad request" });
      case "notJson":
        return reply(200, "<html>proxy error</html>");
      case "unknownRunStatus":
        return reply(200, { status: "Failed", message: "", run_result: { status: "OutOfMemory", return_code: null } });
      case "unknownStatus":
        return reply(200, { status: "Partial", message: "", run_result: finished(0) });
      case "nullReturnCode":
        return reply(200, { status: "Success", message: "", run_result: finished(null, "ok\n") });
      case "contradiction":
        return reply(200, { status: "Success", message: "", run_result: finished(1, "", "Traceback\nValueError: x\n") });
      case "stdoutNumber":
        return reply(200, { status: "Success", message: "", run_result: { ...finished(0), stdout: 42 } });
      case "fetchFile": // the program wrote "3\n" to output.txt
        return reply(200, { status: "Success", message: "", run_result: finished(0), files: { "output.txt": Buffer.from("3\n").toString("base64") } });
      case "fetchNothing": // a service that ignores fetch_files
        return reply(200, { status: "Success", message: "", run_result: finished(0) });
      case "commandError":
        return reply(200, { status: "Failed", message: "", run_result: { status: "Error", stderr: "exception on running command" } });
      case "killed":
        return reply(200, { status: "Failed", message: "", run_result: finished(-9) });
      case "compileTimeout":
        return reply(200, { status: "Failed", message: "", compile_result: { status: "TimeLimitExceeded", execution_time: 2 }, run_result: null });
      default:
        break;
    }
    if (request.code.includes("while True")) {
      return reply(200, { status: "Failed", message: "", compile_result: null, run_result: { status: "TimeLimitExceeded", execution_time: request.run_timeout, return_code: null, stdout: "", stderr: "" } });
    }
    if (request.code.includes("raise")) {
      return reply(200, { status: "Failed", message: "", compile_result: null, run_result: finished(1, "", "Traceback (most recent call last):\nValueError: nope\n") });
    }
    // "Runs" a doubling program: reads an integer from stdin.
    const x = Number(request.stdin.trim());
    reply(200, { status: "Success", message: "", compile_result: null, run_result: finished(0, `${x * 2}\n`), files: {} });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const limits = { timeoutMs: 2000, memoryMb: 128 };
const fast = { attempts: 5, initialDelayMs: 20, jitterMs: 0, maxDelayMs: 1000 };
let ids = 0;

/** Runs a one-test verification of `CASE <name> <fresh id>`; returns the result and the server's request times. */
async function runCase(name: string, retry = fast) {
  const id = `id${++ids}`;
  const v = codeVerifier({ language: "python", limits, runner: sandboxFusionRunner({ endpoint, retry }) });
  const r = await runVerifier(v, `# CASE ${name} ${id}\nprint(1)`, { tests: [{ input: "", output: "ok" }] });
  return { r, test: (r as { tests?: readonly TestResult[] }).tests?.[0], times: hits.get(id) ?? [] };
}

describe("sandboxFusionRunner", () => {
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

  it("asks for output files with fetch_files and judges their content", async () => {
    const v = codeVerifier({ language: "python", limits, runner: sandboxFusionRunner({ endpoint }) });
    const tests = [{ input: "1 2\n", output: "3", inputFile: "input.txt", outputFile: "output.txt" }];
    const r = await runVerifier(v, "```python\n# CASE fetchFile f1\n```", { tests });
    expect(r.status).toBe("correct");
    const sent = received.at(-1);
    expect(sent?.fetch_files).toEqual(["output.txt"]);
    // The output file exists, empty, from the start; the input file holds the input.
    expect(sent?.files).toEqual({ "input.txt": Buffer.from("1 2\n").toString("base64"), "output.txt": "" });
    const ignored = await runVerifier(v, "```python\n# CASE fetchNothing f2\n```", { tests });
    expect(ignored.status).toBe("error");
    expect(ignored.reason).toContain("SandboxFusion response: files must be an object of the fetched files (does this SandboxFusion support fetch_files?), got undefined");
  });

  it("maps a negative return code to the signal and a compile time-out to a time limit", async () => {
    expect((await runCase("killed")).test).toMatchObject({ status: "runtime_error", signal: "SIGKILL", exitCode: null });
    expect((await runCase("compileTimeout")).test?.status).toBe("time_limit");
  });
});

describe("sandboxFusionRunner retries the service's failures", () => {
  it("retries HTTP 5xx and 429 with exponential backoff, then grades the answer", async () => {
    const { r, times } = await runCase("flaky503");
    expect(r.status).toBe("correct");
    expect(times).toHaveLength(3);
    // Waits of initialDelayMs · 2^(n−1): 20 ms, then 40 ms (jitter 0).
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(20);
    expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(40);
    const busy = await runCase("busy429");
    expect([busy.r.status, busy.times.length]).toEqual(["correct", 2]);
  });

  it("retries a SandboxError answer and gives up after `attempts`, as an error", async () => {
    const { r, times } = await runCase("sandboxError", { ...fast, attempts: 3 });
    expect(times).toHaveLength(3);
    expect(r.status).toBe("error");
    expect(r.reason).toMatch(/^RunnerFailedError: SandboxFusion .* failed 3 times: attempt 1: the service reported a sandbox error: container failed/);
  });

  it("retries a refused connection, and does not retry a client error", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const v = codeVerifier({ language: "python", limits, runner: sandboxFusionRunner({ endpoint: `http://127.0.0.1:${port}`, retry: { ...fast, attempts: 2 } }) });
    const down = await runVerifier(v, "print(1)", { tests: [{ input: "", output: "1" }] });
    expect(down.status).toBe("error");
    expect(down.reason).toMatch(/failed 2 times: attempt 1: request failed: .*attempt 2: request failed/);
    const bad = await runCase("http400");
    expect([bad.r.status, bad.times.length]).toEqual(["error", 1]);
    expect(bad.r.reason).toMatch(/answered HTTP 400/);
  });

  it("stops waiting between attempts when the caller aborts", async () => {
    const run = sandboxFusionRunner({ endpoint, retry: { attempts: 5, initialDelayMs: 30_000, jitterMs: 0 } });
    const ac = new AbortController();
    const t0 = Date.now();
    const p = run({ language: "python", source: `# CASE sandboxError id${++ids}`, stdin: "", limits: { ...limits, outputBytes: 1024 } }, ac.signal);
    setTimeout(() => ac.abort(new Error("stop")), 200);
    expect((await p).termination).toBe("aborted");
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it("rejects bad settings and limits the service cannot take", () => {
    expect(() => sandboxFusionRunner({ endpoint: "localhost:8080" })).toThrow(expect.objectContaining({ field: "endpoint" }));
    expect(() => sandboxFusionRunner({ endpoint, retry: { attempts: 0 } })).toThrow(expect.objectContaining({ field: "retry.attempts" }));
    expect(() => sandboxFusionRunner({ endpoint, retry: { initialDelayMs: -1 } })).toThrow(expect.objectContaining({ field: "retry.initialDelayMs" }));
    const runner = sandboxFusionRunner({ endpoint });
    expect(runner.isolation.kind).toBe("remote");
    expect(() => codeVerifier({ language: "python", runner, limits: { maxProcesses: 4 } })).toThrow(LimitUnavailableError);
    expect(() => codeVerifier({ language: "python", runner, limits: { cpuTimeMs: 100 } })).toThrow(expect.objectContaining({ field: "limits.cpuTimeMs" }));
    // The service takes code and files only: it cannot keep a program test's marker out of them.
    expect(runner.passesSecrets).toBeUndefined();
    expect(() => sandboxFusionRequest({ language: "python", source: "", stdin: "", secret: "s", limits: { timeoutMs: 1000, memoryMb: 64, outputBytes: 64 } })).toThrow(
      expect.objectContaining({ field: "secret" }),
    );
  });
});

describe("sandboxFusionRunner maps responses strictly", () => {
  it.each([
    ["unknownRunStatus", "SandboxFusionResponseError: SandboxFusion response: run_result.status must be one of Finished, Error, TimeLimitExceeded, got \"OutOfMemory\""],
    ["unknownStatus", "SandboxFusionResponseError: SandboxFusion response: status must be one of Success, Failed, SandboxError, got \"Partial\""],
    ["nullReturnCode", "SandboxFusionResponseError: SandboxFusion response: run_result.return_code must be an integer for a Finished command, got null"],
    ["contradiction", "SandboxFusionResponseError: SandboxFusion response: status contradicts the command result (Finished, return code 1), got \"Success\""],
    ["stdoutNumber", "SandboxFusionResponseError: SandboxFusion response: run_result.stdout must be a string or null, got 42"],
    ["notJson", "SandboxFusionResponseError: SandboxFusion response is not JSON: <html>proxy error</html>"],
    ["commandError", "RunnerFailedError: SandboxFusion could not run the program: exception on running command"],
  ])("%s is an error, never a grade, and is not retried", async (name, reason) => {
    const { r, times } = await runCase(name);
    expect(r).toMatchObject({ status: "error", correct: false, reason });
    expect(times).toHaveLength(1);
  });
});
