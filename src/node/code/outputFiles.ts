/**
 * Files a program writes that the runner reads back after the run (file-I/O problems that write
 * `output.txt`), shared by the sandboxed and the unsandboxed runner. Internal.
 * @internal
 * @module
 */
import { constants } from "node:fs";
import { chown, mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError } from "../../errors/errors.js";
import { MAIN_FILE } from "./runFiles.js";
import type { RunRequest } from "./types.js";

/** The request's output file names, checked: plain, distinct, neither the program nor one of its input files. */
export function checkedOutputFiles(request: RunRequest): readonly string[] {
  const names = request.outputFiles ?? [];
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== "string" || name === "" || name.includes("/") || name.startsWith(".") || name.includes("\0")) {
      throw new InvalidArgumentError(`output file name ${JSON.stringify(name)} must be a plain name inside the working directory`, { field: "outputFiles", value: name });
    }
    if (name === MAIN_FILE[request.language] || Object.hasOwn(request.files ?? {}, name) || seen.has(name)) {
      throw new InvalidArgumentError(`output file name ${JSON.stringify(name)} is already the program's, an input file's or another output file's`, { field: "outputFiles", value: name });
    }
    seen.add(name);
  }
  return names;
}

/** Host files that stand for the output files during a run. */
export interface HostOutputFiles {
  /** `[name, host path]` per output file. */
  readonly files: readonly (readonly [name: string, path: string])[];
  /** Removes the host directory. */
  readonly remove: () => Promise<void>;
}

/**
 * Creates an empty host file per name, in a fresh private directory (or in `dir` when given: the
 * unsandboxed runner's working directory), owned by `owner` when the run switches user.
 */
export async function createOutputFiles(names: readonly string[], owner?: { readonly uid: number; readonly gid: number }, dir?: string): Promise<HostOutputFiles> {
  const home = dir ?? (await mkdtemp(join(tmpdir(), "passk-out-")));
  const remove = dir === undefined ? () => rm(home, { recursive: true, force: true }) : async () => {};
  try {
    if (owner !== undefined && dir === undefined) await chown(home, owner.uid, owner.gid);
    const files: [string, string][] = [];
    for (const name of names) {
      const path = join(home, name);
      const handle = await open(path, "wx", 0o600);
      await handle.close();
      if (owner !== undefined) await chown(path, owner.uid, owner.gid);
      files.push([name, path]);
    }
    return { files, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}

/**
 * Reads each output file back, at most `maxBytes` of each; `overLimit` when one held more (the
 * run is then an output-limit failure). A file the program removed, or replaced by a symlink, a
 * FIFO or anything but a regular file (possible only without the sandbox, where the file is a
 * mount point that cannot be replaced), reads as empty: the program left no output there.
 */
export async function readOutputFiles(files: HostOutputFiles["files"], maxBytes: number): Promise<{ files: Record<string, string>; overLimit: boolean }> {
  const out: Record<string, string> = {};
  let overLimit = false;
  for (const [name, path] of files) {
    let handle;
    try {
      // O_NOFOLLOW: a symlink left in place of the file is not followed; O_NONBLOCK: a FIFO does not block.
      handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT" || e.code === "ELOOP" || e.code === "ENXIO") return undefined;
        throw e;
      });
      if (handle === undefined || !(await handle.stat()).isFile()) {
        out[name] = "";
        continue;
      }
      const stat = await handle.stat();
      const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > maxBytes) overLimit = true;
      out[name] = buffer.subarray(0, Math.min(length, maxBytes)).toString("utf8");
    } finally {
      await handle?.close();
    }
  }
  return { files: out, overLimit };
}
