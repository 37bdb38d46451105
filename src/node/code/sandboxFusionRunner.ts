/**
 * Adapter for a remote SandboxFusion `run_code` service.
 * @module
 */
import { constants } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { SeededRandom } from "../../analysis/seededRandom.js";
import { InvalidArgumentError } from "../../errors/errors.js";
import { LimitUnavailableError, RunnerFailedError, SandboxFusionResponseError } from "./errors.js";
import type { IsolatedCodeRunner, IsolationInfo, RunOutcome, RunRequest } from "./types.js";

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
  /** Retries of failed requests; see {@link SandboxFusionRetry}. */
  readonly retry?: SandboxFusionRetry;
}

/**
 * Retrying requests that failed for reasons of the service, not of the program: a connection
 * error, a request timeout, HTTP 429 or 5xx, or a `"SandboxError"` response. The wait before
 * attempt n + 1 is min(initialDelayMs · 2^(n−1) + jitterMs · u, maxDelayMs) with u uniform in
 * [0, 1) from a generator seeded by `seed`: the defaults are those of SandboxFusion's own Python
 * client (tenacity's `wait_exponential_jitter()`, 5 attempts). Processes that share a service
 * should use different seeds so that their retries spread out.
 */
export interface SandboxFusionRetry {
  /** Attempts in all (1 = no retry). Default 5. */
  readonly attempts?: number;
  /** First wait in ms. Default 1000. */
  readonly initialDelayMs?: number;
  /** Longest wait in ms. Default 60000. */
  readonly maxDelayMs?: number;
  /** Random extra wait of up to this many ms. Default 1000. */
  readonly jitterMs?: number;
  /** Seed of the jitter. Default 0. */
  readonly seed?: number;
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
  /** Files to send back after the run (the request's `outputFiles`); absent when there are none. */
  readonly fetch_files?: readonly string[];
}

/** One command's result in a SandboxFusion response. */
export interface SandboxFusionCommandResult {
  /**
   * `"Finished"` (the command exited, with `return_code`), `"TimeLimitExceeded"`, or `"Error"`
   * (the service could not run the command).
   */
  readonly status: string;
  /** Seconds. */
  readonly execution_time?: number | null;
  /** Exit code; negative −N when killed by signal N. */
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
  /** The fetched files, name → base64 content (when the request named `fetch_files`). */
  readonly files?: Readonly<Record<string, string>> | null;
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/**
 * Builds the `run_code` request body for a {@link RunRequest}. The service takes code and files
 * only, so a request's `secret` (which must reach the program on a pipe, never in a file) is
 * refused: the runner does not declare `passesSecrets`, and the code verifier never sends one.
 *
 * @throws {@link InvalidArgumentError} for a request with a `secret`
 * @example
 * ```ts
 * import { sandboxFusionRequest } from "passk/node";
 * const body = sandboxFusionRequest({ language: "javascript", source: "console.log(1)", stdin: "", limits: { timeoutMs: 2500, memoryMb: 256, outputBytes: 1024 } });
 * console.log(body.language, body.run_timeout, body.memory_limit_MB); // => nodejs 2.5 256
 * ```
 */
export function sandboxFusionRequest(request: RunRequest): SandboxFusionRequest {
  if (request.secret !== undefined) {
    throw new InvalidArgumentError("sandboxFusionRunner cannot pass a secret to the program (the service takes code and files only)", { field: "secret" });
  }
  const files = Object.fromEntries(Object.entries(request.files ?? {}).map(([name, text]) => [name, base64(text)]));
  // Output files exist, empty, when the program starts, as in the local runners.
  for (const name of request.outputFiles ?? []) files[name] = "";
  return {
    code: request.source,
    language: request.language === "python" ? "python" : "nodejs",
    run_timeout: request.limits.timeoutMs / 1000,
    compile_timeout: request.limits.timeoutMs / 1000,
    memory_limit_MB: request.limits.memoryMb,
    stdin: request.stdin,
    files,
    ...(request.outputFiles !== undefined && request.outputFiles.length > 0 && { fetch_files: [...request.outputFiles] }),
  };
}

const COMMAND_STATUSES = ["Finished", "Error", "TimeLimitExceeded"] as const;
const RUN_STATUSES = ["Success", "Failed", "SandboxError"] as const;

/** A failure worth another attempt (the service's, not the program's). */
class Retryable extends Error {}

function malformed(field: string, message: string, value: unknown): SandboxFusionResponseError {
  return new SandboxFusionResponseError(`SandboxFusion response: ${field} ${message}, got ${JSON.stringify(value) ?? String(value)}`.slice(0, 500), { field, value });
}

function optionalOf(o: Record<string, unknown>, key: string, field: string, type: "string" | "number"): void {
  const v = o[key];
  if (v !== undefined && v !== null && typeof v !== type) throw malformed(`${field}.${key}`, `must be a ${type} or null`, v);
  if (type === "number" && typeof v === "number" && !Number.isFinite(v)) throw malformed(`${field}.${key}`, "must be finite", v);
}

/** Checks one command result field by field. */
function commandResult(value: unknown, field: string): SandboxFusionCommandResult | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw malformed(field, "must be an object or null", value);
  const o = value as Record<string, unknown>;
  if (!(COMMAND_STATUSES as readonly unknown[]).includes(o.status)) throw malformed(`${field}.status`, `must be one of ${COMMAND_STATUSES.join(", ")}`, o.status);
  optionalOf(o, "execution_time", field, "number");
  optionalOf(o, "stdout", field, "string");
  optionalOf(o, "stderr", field, "string");
  const rc = o.return_code;
  if (rc !== undefined && rc !== null && (typeof rc !== "number" || !Number.isSafeInteger(rc))) throw malformed(`${field}.return_code`, "must be an integer or null", rc);
  if (o.status === "Finished" && typeof rc !== "number") throw malformed(`${field}.return_code`, "must be an integer for a Finished command", rc);
  return o as unknown as SandboxFusionCommandResult;
}

const SIGNAL_NAMES = new Map<number, string>(Object.entries(constants.signals).map(([name, n]) => [n, name]));

function retrySettings(retry: SandboxFusionRetry = {}): Required<SandboxFusionRetry> {
  const out = { attempts: retry.attempts ?? 5, initialDelayMs: retry.initialDelayMs ?? 1000, maxDelayMs: retry.maxDelayMs ?? 60_000, jitterMs: retry.jitterMs ?? 1000, seed: retry.seed ?? 0 };
  if (!Number.isSafeInteger(out.attempts) || out.attempts < 1) {
    throw new InvalidArgumentError(`retry.attempts must be a safe integer >= 1, got ${String(out.attempts)}`, { field: "retry.attempts", value: out.attempts });
  }
  for (const k of ["initialDelayMs", "maxDelayMs", "jitterMs"] as const) {
    if (typeof out[k] !== "number" || !Number.isFinite(out[k]) || out[k] < 0) {
      throw new InvalidArgumentError(`retry.${k} must be a finite number >= 0, got ${String(out[k])}`, { field: `retry.${k}`, value: out[k] });
    }
  }
  return out;
}

/**
 * A {@link CodeRunner} that sends each run to a SandboxFusion service (`POST <endpoint>/run_code`,
 * body {@link SandboxFusionRequest}) and maps its response strictly:
 *
 * - `run_result.status` `"TimeLimitExceeded"` → time limit; `"Finished"` → exited with
 *   `return_code` (negative −N: killed by signal N); `"Error"` (the service could not run the
 *   command) → the runner throws;
 * - a compile step that finished with a non-zero code or timed out is the program's failure;
 * - output longer than the cap is truncated and reported as an output-limit stop;
 * - an unknown status, a `null` return code for a finished command, a field of the wrong type,
 *   or a top-level status that contradicts the command results throw
 *   {@link SandboxFusionResponseError} naming the field: never guessed into a verdict.
 *
 * Connection errors, request timeouts, HTTP 429/5xx and `"SandboxError"` responses are retried
 * with exponential backoff and seeded jitter (see {@link SandboxFusionRetry}; 5 attempts by
 * default, as SandboxFusion's own client); when every attempt failed, or for any other HTTP
 * error, the runner throws {@link RunnerFailedError} (code `SANDBOX_FAILED`), which the verifier
 * reports as `"error"`, never as a failed test. The service runs programs in its own isolated
 * containers (see docs/verifiers.md for how that compares with the local sandbox). Limits other
 * than `timeoutMs`, `memoryMb` and `outputBytes` cannot be passed on and are refused
 * ({@link LimitUnavailableError}) when the verifier is built.
 *
 * @param options - see {@link SandboxFusionOptions}
 * @throws {@link index!InvalidArgumentError} for a malformed endpoint or bad retry settings
 *
 * @example
 * ```ts
 * import { sandboxFusionRunner } from "passk/node";
 * const fakeFetch = async () => new Response(JSON.stringify({ status: "Success", message: "", run_result: { status: "Finished", return_code: 0, stdout: "hi\n", stderr: "", execution_time: 0.01 } }));
 * const run = sandboxFusionRunner({ endpoint: "http://sandbox.invalid", fetch: fakeFetch });
 * const out = await run({ language: "python", source: "print('hi')", stdin: "", limits: { timeoutMs: 1000, memoryMb: 256, outputBytes: 1024 } }, new AbortController().signal);
 * console.log(out.termination, out.exitCode, out.durationMs, JSON.stringify(out.stdout)); // => exited 0 10 "hi\n"
 * console.log(run.isolation.kind); // => remote
 * ```
 */
export function sandboxFusionRunner(options: SandboxFusionOptions): IsolatedCodeRunner {
  if (typeof options?.endpoint !== "string" || !/^https?:\/\//u.test(options.endpoint)) {
    throw new InvalidArgumentError(`endpoint must be an http(s) URL, got ${String(options?.endpoint)}`, { field: "endpoint", value: options?.endpoint });
  }
  const url = `${options.endpoint.replace(/\/+$/u, "")}/run_code`;
  const doFetch = options.fetch ?? fetch;
  const overhead = options.requestOverheadMs ?? 30_000;
  const retry = retrySettings(options.retry);
  const jitter = new SeededRandom(retry.seed);

  /** One HTTP attempt: the parsed body, or a throw (Retryable for the service's transient failures). */
  const attempt = async (request: RunRequest, signal: AbortSignal): Promise<unknown> => {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error("request timed out"));
    }, request.limits.timeoutMs + overhead);
    try {
      let res: Response;
      try {
        res = await doFetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(options.headers ?? {}) },
          body: JSON.stringify(sandboxFusionRequest(request)),
          signal: controller.signal,
        });
      } catch (e) {
        if (signal.aborted) throw e;
        throw new Retryable(timedOut ? `no answer within ${request.limits.timeoutMs + overhead} ms` : `request failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        if (signal.aborted) throw e;
        throw new Retryable(`reading the answer failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (res.status === 429 || res.status >= 500) throw new Retryable(`HTTP ${res.status}`);
      if (!res.ok) throw new RunnerFailedError(`SandboxFusion ${url} answered HTTP ${res.status}: ${text.slice(0, 200)}`, {}, "SANDBOX_FAILED");
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new SandboxFusionResponseError(`SandboxFusion response is not JSON: ${text.slice(0, 200)}`, { field: "body", value: text.slice(0, 200) });
      }
      if (body === null || typeof body !== "object" || Array.isArray(body)) throw malformed("body", "must be an object", body);
      const status = (body as Record<string, unknown>).status;
      if (!(RUN_STATUSES as readonly unknown[]).includes(status)) throw malformed("status", `must be one of ${RUN_STATUSES.join(", ")}`, status);
      if (status === "SandboxError") {
        const message = (body as Record<string, unknown>).message;
        throw new Retryable(`the service reported a sandbox error${typeof message === "string" && message !== "" ? `: ${message.slice(0, 300)}` : ""}`);
      }
      return body;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    }
  };

  const run = async (request: RunRequest, signal: AbortSignal): Promise<RunOutcome> => {
    const started = Date.now();
    const aborted = (): RunOutcome => ({ termination: "aborted", exitCode: null, signal: null, stdout: "", stderr: "", durationMs: Date.now() - started });
    let body: Record<string, unknown> | undefined;
    const failures: string[] = [];
    for (let n = 1; body === undefined; n++) {
      if (signal.aborted) return aborted();
      try {
        body = (await attempt(request, signal)) as Record<string, unknown>;
      } catch (e) {
        if (signal.aborted) return aborted();
        if (!(e instanceof Retryable)) throw e;
        failures.push(`attempt ${n}: ${e.message}`);
        if (n >= retry.attempts) {
          throw new RunnerFailedError(`SandboxFusion ${url} failed ${n} time${n === 1 ? "" : "s"}: ${failures.join("; ")}`.slice(0, 1000), {}, "SANDBOX_FAILED");
        }
        const wait = Math.min(retry.initialDelayMs * 2 ** (n - 1) + retry.jitterMs * jitter.nextDouble(), retry.maxDelayMs);
        try {
          await sleep(wait, undefined, { signal });
        } catch {
          return aborted();
        }
      }
    }
    return outcomeOf(body, request, started);
  };
  const isolation: IsolationInfo = { kind: "remote", treeLimits: "service", summary: `SandboxFusion service at ${options.endpoint} (its own containers and limits)` };
  const checkLimits = (limits: RunRequest["limits"]): void => {
    // The run_code API takes a run timeout and a memory limit only; the service applies its own
    // process, CPU and disk limits, so asking for others here would be silently ignored.
    for (const field of ["cpuTimeMs", "maxProcesses", "diskMb", "runAs"] as const) {
      if (limits[field] !== undefined) {
        throw new LimitUnavailableError(`limits.${field} cannot be passed to SandboxFusion (its run_code API takes run_timeout and memory_limit_MB only)`, {
          field: `limits.${field}`,
          value: limits[field],
        });
      }
    }
  };
  return Object.assign(run, { isolation, checkLimits });
}

/** Maps a checked response body (status Success or Failed) to the program's outcome. */
function outcomeOf(body: Record<string, unknown>, request: RunRequest, started: number): RunOutcome {
  const compile = commandResult(body.compile_result, "compile_result");
  const runResult = commandResult(body.run_result, "run_result");
  const compileFailed = compile !== undefined && (compile.status === "TimeLimitExceeded" || (compile.status === "Finished" && compile.return_code !== 0));
  if (compile?.status === "Error") {
    throw new RunnerFailedError(`SandboxFusion could not run the compile step: ${(compile.stderr ?? "").slice(0, 300)}`, {}, "SANDBOX_FAILED");
  }
  const cmd = compileFailed ? compile : runResult;
  if (cmd === undefined) throw malformed("run_result", "must be present when the compile step did not fail", body.run_result);
  if (cmd.status === "Error") {
    throw new RunnerFailedError(`SandboxFusion could not run the program: ${(cmd.stderr ?? "").slice(0, 300)}`, {}, "SANDBOX_FAILED");
  }
  const succeeded = !compileFailed && cmd.status === "Finished" && cmd.return_code === 0;
  if ((body.status === "Success") !== succeeded) {
    throw malformed("status", `contradicts the command result (${cmd.status}, return code ${String(cmd.return_code)})`, body.status);
  }
  const cap = request.limits.outputBytes;
  let stdout = cmd.stdout ?? "";
  let stderr = cmd.stderr ?? "";
  const over = Buffer.byteLength(stdout) + Buffer.byteLength(stderr) > cap;
  if (over) {
    stdout = Buffer.from(stdout).subarray(0, cap).toString("utf8");
    stderr = Buffer.from(stderr).subarray(0, Math.max(0, cap - Buffer.byteLength(stdout))).toString("utf8");
  }
  const durationMs = typeof cmd.execution_time === "number" ? cmd.execution_time * 1000 : Date.now() - started;
  if (cmd.status === "TimeLimitExceeded") return { termination: "time_limit", exitCode: null, signal: null, stdout, stderr, durationMs };
  const rc = cmd.return_code as number;
  const exit = rc < 0 ? { exitCode: null, signal: SIGNAL_NAMES.get(-rc) ?? `signal ${-rc}` } : { exitCode: rc, signal: null };
  const fetched = fetchedFiles(body, request);
  return { termination: over || fetched?.overLimit === true ? "output_limit" : "exited", ...exit, stdout, stderr, durationMs, ...(fetched !== undefined && { files: fetched.files }) };
}

/** The request's output files from the response's `files` (base64), each bounded by the output cap; a name the service left out was not there after the run. */
function fetchedFiles(body: Record<string, unknown>, request: RunRequest): { files: Record<string, string>; overLimit: boolean } | undefined {
  const names = request.outputFiles ?? [];
  if (names.length === 0) return undefined;
  const got = body.files;
  // A service that ignores fetch_files must not turn into empty outputs.
  if (got === null || typeof got !== "object" || Array.isArray(got)) throw malformed("files", "must be an object of the fetched files (does this SandboxFusion support fetch_files?)", got);
  const files: Record<string, string> = {};
  let overLimit = false;
  for (const name of names) {
    const b64 = (got as Record<string, unknown>)[name];
    if (b64 !== undefined && b64 !== null && typeof b64 !== "string") throw malformed(`files.${name}`, "must be base64 text", b64);
    const bytes = Buffer.from(typeof b64 === "string" ? b64 : "", "base64");
    if (bytes.length > request.limits.outputBytes) overLimit = true;
    files[name] = bytes.subarray(0, request.limits.outputBytes).toString("utf8");
  }
  return { files, overLimit };
}
