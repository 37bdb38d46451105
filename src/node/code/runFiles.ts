/**
 * The files of one run (main program plus the request's extra files) and per-language constants
 * shared by the sandboxed and the unsandboxed runner. Internal.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import { NODE_BOOT, PYTHON_BOOT } from "./endOfChecks.js";
import type { CodeLanguage, RunRequest } from "./types.js";

/** Main file name per language; JavaScript runs as a CommonJS script. */
export const MAIN_FILE: Readonly<Record<CodeLanguage, string>> = { python: "main.py", javascript: "main.js" };

// V8 reserves a large virtual address range up front (about 1 GiB for its code range and cages),
// so an address-space limit equal to the heap budget kills node at start (it needs ~768 MiB of
// address space for an empty script). JavaScript programs are bounded by --max-old-space-size
// instead, with RLIMIT_AS set this much higher only to stop runaway off-heap allocations per
// process; in the sandbox with a cgroup the cgroup's memory limit bounds them exactly.
export const NODE_AS_HEADROOM_MB = 4096;

/**
 * The interpreter's arguments after its executable: the main file, or for a request with a
 * secret the trusted bootstrap that reads it from descriptor 4 and then runs the main file
 * (`python -c PYTHON_BOOT main.py`, `node -e NODE_BOOT main.js`; see endOfChecks.ts).
 *
 * @throws {@link InvalidArgumentError} for a secret that is not a string
 */
export function interpreterArgs(request: RunRequest): string[] {
  if (request.secret === undefined) return [MAIN_FILE[request.language]];
  if (typeof request.secret !== "string") {
    throw new InvalidArgumentError(`secret must be a string`, { field: "secret", value: request.secret });
  }
  return request.language === "python" ? ["-c", PYTHON_BOOT, MAIN_FILE.python] : ["-e", NODE_BOOT, MAIN_FILE.javascript];
}

/**
 * `[name, content]` of every file of the run, main file first.
 *
 * @throws {@link InvalidArgumentError} for an extra file whose name is not a plain name
 */
export function checkedFiles(request: RunRequest): [string, string][] {
  const files: [string, string][] = [[MAIN_FILE[request.language], request.source]];
  for (const [name, content] of Object.entries(request.files ?? {})) {
    if (name === "" || name.includes("/") || name.startsWith(".") || name.includes("\0")) {
      throw new InvalidArgumentError(`file name ${JSON.stringify(name)} must be a plain name inside the working directory`, { field: "files", value: name });
    }
    if (name === MAIN_FILE[request.language]) {
      throw new InvalidArgumentError(`file name ${JSON.stringify(name)} is the program's own`, { field: "files", value: name });
    }
    files.push([name, content]);
  }
  return files;
}
