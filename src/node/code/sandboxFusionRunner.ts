/**
 * Adapter for a remote SandboxFusion `run_code` service.
 * @module
 */
import { PasskError } from "../../errors/errors.js";
import type { CodeRunner, RunOutcome, RunRequest } from "./types.js";

/** Options of {@link sandboxFusionRunner}. */
export interface SandboxFusionOptions {
  /** Base URL of the service, e.g. `"http://localhost:8080"`; requests go to `<endpoint>/run_code`. */
  readonly endpoint: string;
  /** `fetch` implementation (default the global one). */
  readonly fetch?: typeof fetch;
  /** Extra HTTP headers (e.g. authorization). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Time allowed for the HTTP round trip on top of the run's own limit, in ms. Default 30000. */
  readonly requestOverheadMs?: number;
}

/** The SandboxFusion `run_code` request body (fields this adapter sets). */
export interface SandboxFusionRequest {
  /** Program text. */
  readonly code: string;
  /** SandboxFusion language name: `"python"` or `"nodejs"`. */
  readonly language: "python" | "nodejs";
  /** Run time limit in seconds. */
  readonly run_timeout: number;
  /** Compile time limit in seconds (unused for interpreted languages). */
  readonly compile_timeout: number;
  /** Memory limit in MB. */
  readonly memory_limit_MB: number;
  /** Standard input. */
  readonly stdin: string;
  /** Extra files, name → base64 content. */
  readonly files: Readonly<Record<string, string>>;
}

/** One command's result in a SandboxFusion response. */
export interface SandboxFusionCommandResult {
  /** `"Finished"`, `"Error"` or `"TimeLimitExceeded"`. */
  readonly status: string;
  /** Seconds. */
  readonly execution_time?: number | null;
  /** Exit code. */
  readonly return_code?: number | null;
  /** Standard output. */
  readonly stdout?: string | null;
  /** Standard error. */
  readonly stderr?: string | null;
}

/** The SandboxFusion `run_code` response body. */
export interface SandboxFusionResponse {
  /** `"Success"`, `"Failed"` (the program failed) or `"SandboxError"` (the service failed). */
  readonly status: string;
  /** Message from the service. */
  readonly message?: string;
  /** Compilation result, for compiled languages. */
  readonly compile_result?: SandboxFusionCommandResult | null;
  /** Run result. */
  readonly run_result?: SandboxFusionCommandResult | null;
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/**
 * Builds the `run_code` request body for a {@link RunRequest}.
 *
 * @example
 * ```ts
 * import { sandboxFusionRequest } from "passk/node";
 * const body = sandboxFusionRequest({ language: "javascript", source: "console.log(1)", stdin: "", limits: { timeoutMs: 2500, memoryMb: 256, outputBytes: 1024 } });
 * console.log(body.language, body.run_timeout, body.memory_limit_MB); // => nodejs 2.5 256
 * ```
 */
export function sandboxFusionRequest(request: RunRequest): SandboxFusionRequest {
  const files = Object.fromEntries(Object.entries(request.files ?? {}).map(([name, text]) => [name, base64(text)]));
  return {
    code: request.source,
    language: request.language === "python" ? "python" : "nodejs",
    run_timeout: request.limits.timeoutMs / 1000,
    compile_timeout: request.limits.timeoutMs / 1000,
    memory_limit_MB: request.limits.memoryMb,
    stdin: request.stdin,
    files,
  };
}

/**
 * A {@link CodeRunner} that sends each run to a SandboxFusion service
 * (`POST <endpoint>/run_code`, body {@link SandboxFusionRequest}) and maps its response: run
 * status `"TimeLimitExceeded"` → time limit; `"Finished"`/`"Error"` → exited with `return_code`;
 * output longer than the cap is truncated and reported as an output-limit stop. A response with
 * status `"SandboxError"`, a non-2xx HTTP status, malformed JSON or a network failure makes the
 * runner throw (code `SANDBOX_FAILED`), which the verifier reports as `"error"`, never as a
 * failed test. The service runs programs in its own isolated containers, so this is the runner to
 * use for untrusted code.
 *
 * @param options - see {@link SandboxFusionOptions}
 *
 * @example
 * ```ts
 * import { sandboxFusionRunner } from "passk/node";
 * const fakeFetch = async () => new Response(JSON.stringify({ status: "Success", message: "", run_result: { status: "Finished", return_code: 0, stdout: "hi\n", stderr: "", execution_time: 0.01 } }));
 * const run = sandboxFusionRunner({ endpoint: "http://sandbox.invalid", fetch: fakeFetch });
 * const out = await run({ language: "python", source: "print('hi')", stdin: "", limits: { timeoutMs: 1000, memoryMb: 256, outputBytes: 1024 } }, new AbortController().signal);
 * console.log(out.termination, out.exitCode, out.durationMs, JSON.stringify(out.stdout)); // => exited 0 10 "hi\n"
 * ```
 */
export function sandboxFusionRunner(options: SandboxFusionOptions): CodeRunner {
  const url = `${options.endpoint.replace(/\/+$/u, "")}/run_code`;
  const doFetch = options.fetch ?? fetch;
  const overhead = options.requestOverheadMs ?? 30_000;
  return async (request: RunRequest, signal: AbortSignal): Promise<RunOutcome> => {
    const started = Date.now();
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new Error("sandbox request timed out")), request.limits.timeoutMs + overhead);
    let body: SandboxFusionResponse;
    try {
      const res = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(options.headers ?? {}) },
        body: JSON.stringify(sandboxFusionRequest(request)),
        signal: controller.signal,
      });
      if (!res.ok) throw new PasskError("SANDBOX_FAILED", `SandboxFusion ${url} answered HTTP ${res.status}`);
      body = (await res.json()) as SandboxFusionResponse;
    } catch (e) {
      if (signal.aborted) return { termination: "aborted", exitCode: null, signal: null, stdout: "", stderr: "", durationMs: Date.now() - started };
      if (e instanceof PasskError) throw e;
      throw new PasskError("SANDBOX_FAILED", `SandboxFusion request to ${url} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    }
    if (body === null || typeof body !== "object" || typeof body.status !== "string") {
      throw new PasskError("SANDBOX_FAILED", `SandboxFusion returned a malformed response`);
    }
    if (body.status === "SandboxError") {
      throw new PasskError("SANDBOX_FAILED", `SandboxFusion reported a sandbox error: ${body.message ?? ""}`);
    }
    const run = body.compile_result?.status === "Error" || body.compile_result?.status === "TimeLimitExceeded" ? body.compile_result : body.run_result;
    if (run === null || run === undefined || typeof run.status !== "string") {
      throw new PasskError("SANDBOX_FAILED", `SandboxFusion response has no run_result (status ${body.status})`);
    }
    const cap = request.limits.outputBytes;
    let stdout = run.stdout ?? "";
    let stderr = run.stderr ?? "";
    const over = Buffer.byteLength(stdout) + Buffer.byteLength(stderr) > cap;
    if (over) {
      stdout = Buffer.from(stdout).subarray(0, cap).toString("utf8");
      stderr = Buffer.from(stderr).subarray(0, Math.max(0, cap - Buffer.byteLength(stdout))).toString("utf8");
    }
    const durationMs = typeof run.execution_time === "number" ? run.execution_time * 1000 : Date.now() - started;
    const termination: RunOutcome["termination"] = run.status === "TimeLimitExceeded" ? "time_limit" : over ? "output_limit" : "exited";
    const exitCode = typeof run.return_code === "number" ? run.return_code : run.status === "Finished" ? 0 : null;
    return { termination, exitCode, signal: null, stdout, stderr, durationMs };
  };
}
