/**
 * One program run as a plain child process (`isolation: "none"`): per-process rlimits and a
 * process group, no namespaces. Only for trusted programs. Internal.
 * @internal
 * @module
 */
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Interpreter } from "./interpreters.js";
import { inheritableDescriptors } from "./inheritedDescriptors.js";
import { runProcess } from "./runProcess.js";
import { checkedFiles, interpreterArgs, NODE_AS_HEADROOM_MB } from "./runFiles.js";
import { checkedOutputFiles, createOutputFiles, readOutputFiles } from "./outputFiles.js";
import type { RunOutcome, RunRequest } from "./types.js";

const MiB = 1024 * 1024;

/** Everything an unsandboxed run needs besides the request. */
export interface UnsandboxedContext {
  readonly prlimit: string;
  readonly env: Readonly<Record<string, string>>;
  readonly tmpDir: string;
}

/**
 * Runs `request` in a fresh temporary directory (removed afterwards) under util-linux prlimit:
 * RLIMIT_AS, RLIMIT_CORE = 0, RLIMIT_FSIZE, and RLIMIT_NPROC / RLIMIT_CPU when those limits are set.
 */
export async function runUnsandboxed(ctx: UnsandboxedContext, interpreter: Interpreter, request: RunRequest, signal: AbortSignal): Promise<RunOutcome> {
  const { limits, language } = request;
  const files = checkedFiles(request);
  const outputNames = checkedOutputFiles(request);
  const dir = await mkdtemp(join(ctx.tmpDir, "passk-code-"));
  try {
    for (const [name, content] of files) await writeFile(join(dir, name), content);
    if (limits.runAs !== undefined) await chown(dir, limits.runAs.uid, limits.runAs.gid);
    const outputs = outputNames.length === 0 ? undefined : await createOutputFiles(outputNames, limits.runAs, dir);
    const asMb = language === "python" ? limits.memoryMb : limits.memoryMb + NODE_AS_HEADROOM_MB;
    const rl = [`--as=${asMb * MiB}`, "--core=0", `--fsize=${Math.max(limits.outputBytes, MiB)}`];
    if (limits.maxProcesses !== undefined) rl.push(`--nproc=${limits.maxProcesses}`);
    if (limits.cpuTimeMs !== undefined) {
      const s = Math.ceil(limits.cpuTimeMs / 1000);
      rl.push(`--cpu=${s}:${s + 1}`);
    }
    const cmd =
      language === "python"
        ? [interpreter.executable, "-I", "-B", ...interpreterArgs(request)]
        : [interpreter.executable, `--max-old-space-size=${limits.memoryMb}`, ...interpreterArgs(request)];
    const r = await runProcess({
      file: ctx.prlimit,
      args: [...rl, "--", ...cmd],
      cwd: dir,
      env: { PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin", ...ctx.env },
      ...(limits.runAs === undefined ? {} : { uid: limits.runAs.uid, gid: limits.runAs.gid }),
      stdin: request.stdin,
      // The secret, if any, on descriptor 4 (SECRET_FD): descriptor 3 is left closed.
      inputs: request.secret === undefined ? [] : [request.secret],
      statusPipe: false,
      // What this process inherited without close-on-exec would pass on to the program: there is
      // no trusted step to close it in, so each such descriptor is /dev/null (read-only) instead.
      blank: inheritableDescriptors(),
      timeoutMs: limits.timeoutMs,
      outputBytes: limits.outputBytes,
      signal,
    });
    const read = outputs === undefined ? undefined : await readOutputFiles(outputs.files, limits.outputBytes);
    const base = { exitCode: r.exitCode, signal: r.signal, stdout: r.stdout, stderr: r.stderr, durationMs: r.durationMs, ...(read === undefined ? {} : { files: read.files }) };
    if (r.stop !== undefined) return { termination: r.stop, ...base };
    if (read?.overLimit === true) return { termination: "output_limit", ...base };
    if (r.signal === "SIGXCPU" && limits.cpuTimeMs !== undefined) return { termination: "cpu_time_limit", ...base };
    return { termination: "exited", ...base };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
