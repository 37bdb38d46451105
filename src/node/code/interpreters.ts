/**
 * Finding the interpreters: the real executable behind a `python3` shim, the directories it needs
 * (to bind into the sandbox), and a clear error when it is missing or not executable. Internal.
 * @internal
 * @module
 */
import { spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { access, realpath } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { RunnerFailedError } from "./errors.js";

/** A resolved interpreter. */
export interface Interpreter {
  /** Absolute path of the executable, symlinks resolved. */
  readonly executable: string;
  /** Host paths the interpreter needs at run time (its installation prefixes, or the binary). */
  readonly paths: readonly string[];
}

const PYTHON_QUERY =
  "import json, sys; print(json.dumps([sys.executable, sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]))";

const resolved = new Map<string, Promise<Interpreter>>();

function cached(key: string, make: () => Promise<Interpreter>): Promise<Interpreter> {
  let p = resolved.get(key);
  if (p === undefined) {
    p = make();
    resolved.set(key, p);
    // A failure is not cached: the interpreter may be installed while the process runs.
    p.catch(() => resolved.delete(key));
  }
  return p;
}

function describeSpawnError(what: string, path: string, e: NodeJS.ErrnoException): RunnerFailedError {
  if (e.code === "ENOENT") return new RunnerFailedError(`${what} ${path} not found`, { field: what, value: path });
  if (e.code === "EACCES") return new RunnerFailedError(`${what} ${path} is not executable (permission denied)`, { field: what, value: path });
  return new RunnerFailedError(`${what} ${path} could not be started: ${e.message}`, { field: what, value: path });
}

/**
 * Asks `python` (a path or a command on PATH, possibly a pyenv/asdf shim) for its real executable
 * and prefixes. The shim runs outside the sandbox with the evaluator's environment, as it needs
 * its own variables to pick a version; the program later runs the real interpreter directly, so a
 * shim can neither add variables nor cost its ~100 ms per run.
 */
export function resolvePython(python: string): Promise<Interpreter> {
  return cached(`python\0${python}`, () =>
    new Promise<Interpreter>((resolve, reject) => {
      const child = spawn(python, ["-I", "-c", PYTHON_QUERY], { stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 });
      let out = "";
      let err = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
      child.stderr.on("data", (c: Buffer) => (err += c.toString("utf8")));
      child.on("error", (e) => reject(describeSpawnError("python interpreter", python, e)));
      child.on("close", async (code, signal) => {
        if (code !== 0) {
          const why = err.trim().split("\n").at(-1) ?? "";
          reject(new RunnerFailedError(`python interpreter ${python} failed (${signal ?? `exit code ${code}`})${why === "" ? "" : `: ${why}`}`, { field: "python", value: python }));
          return;
        }
        try {
          const list = JSON.parse(out) as unknown;
          if (!Array.isArray(list) || !list.every((x) => typeof x === "string" && x.startsWith("/"))) throw new Error(`unexpected answer ${out.slice(0, 200)}`);
          const [exe, ...prefixes] = list as string[];
          const executable = await realpath(exe as string);
          resolve({ executable, paths: [executable, ...new Set(prefixes)] });
        } catch (e) {
          reject(new RunnerFailedError(`python interpreter ${python} did not report its location: ${e instanceof Error ? e.message : String(e)}`, { field: "python", value: python }));
        }
      });
    }),
  );
}

/**
 * The first executable regular file named `name` on PATH, or `name` itself when it contains a
 * slash (and exists as such); `undefined` when there is none.
 */
export function findExecutable(name: string, path = process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin"): string | undefined {
  const candidates = name.includes("/") ? [name] : path.split(delimiter).filter((d) => d !== "").map((d) => join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      if (statSync(c).isFile()) return c;
    } catch {
      // not there, or not executable
    }
  }
  return undefined;
}

/** Checks that `node` exists and is executable; the binary is all it needs besides system libraries. */
export function resolveNode(node: string): Promise<Interpreter> {
  return cached(`node\0${node}`, async () => {
    const found = findExecutable(node) ?? node;
    try {
      await access(found, constants.X_OK);
    } catch (e) {
      throw describeSpawnError("node executable", node, e as NodeJS.ErrnoException);
    }
    const executable = await realpath(found);
    return { executable, paths: [executable] };
  });
}
