/**
 * One cgroup (v1) per sandboxed run, so that memory, task count and CPU time are bounded and
 * measured for the whole process tree of the run together, whatever it forks. Internal.
 * @internal
 * @module
 */
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { RunnerFailedError } from "./errors.js";

/** Directories under which per-run cgroups are made, one per controller. */
export interface CgroupV1Parents {
  readonly memory: string;
  readonly pids: string;
  readonly cpuacct: string;
}

const CONTROLLERS = ["memory", "pids", "cpuacct"] as const;
type Controller = (typeof CONTROLLERS)[number];

/** Files each controller's child cgroup must have for the limits to be applied and read. */
const REQUIRED_FILES: Readonly<Record<Controller, readonly string[]>> = {
  memory: ["memory.limit_in_bytes", "memory.oom_control", "memory.max_usage_in_bytes"],
  pids: ["pids.max"],
  cpuacct: ["cpuacct.usage"],
};

const PREFIX = "passk-";

/**
 * The cgroup this process is in, per v1 controller, as a directory: the controller's mount point
 * (from /proc/self/mountinfo) joined with the process's path (from /proc/self/cgroup) relative to
 * the mount's root. Nesting the run's cgroups under our own keeps every limit an ancestor sets.
 */
function ownCgroupDirs(): Partial<Record<Controller, string>> {
  const mounts = new Map<Controller, { point: string; root: string }>();
  for (const line of readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    // "<id> <parent> <maj:min> <root> <mount point> <opts> [optional fields] - <fstype> <source> <super opts>"
    const sep = line.indexOf(" - ");
    if (sep < 0) continue;
    const left = line.slice(0, sep).split(" ");
    const right = line.slice(sep + 3).split(" ");
    if (right[0] !== "cgroup") continue;
    const superOpts = (right[2] ?? "").split(",");
    for (const c of CONTROLLERS) {
      if (superOpts.includes(c) && !mounts.has(c)) mounts.set(c, { root: unescapeMount(left[3] ?? "/"), point: unescapeMount(left[4] ?? "") });
    }
  }
  const out: Partial<Record<Controller, string>> = {};
  for (const line of readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
    const [, list, path] = /^\d+:([^:]*):(.*)$/u.exec(line) ?? [];
    if (list === undefined || path === undefined) continue;
    for (const c of list.split(",")) {
      const m = mounts.get(c as Controller);
      if (m === undefined || !(CONTROLLERS as readonly string[]).includes(c)) continue;
      const rel = m.root === "/" ? path : path.startsWith(m.root) ? path.slice(m.root.length) : undefined;
      if (rel !== undefined) out[c as Controller] = join(m.point, rel);
    }
  }
  return out;
}

function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/gu, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes empty per-run cgroups left by passk processes that died mid-run. */
function removeStale(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^passk-(\d+)-/u.exec(name);
    if (m === null || pidAlive(Number(m[1]))) continue;
    try {
      rmdirSync(join(dir, name));
    } catch {
      // still has processes, or not ours to remove: leave it
    }
  }
}

let detected: { readonly parents?: CgroupV1Parents; readonly reason?: string } | undefined;

/**
 * Whether this process can make child cgroups (v1) for the memory, pids and cpuacct controllers;
 * checked once per process by creating and removing a probe child in each.
 */
export function detectCgroupV1(): { readonly parents?: CgroupV1Parents; readonly reason?: string } {
  if (detected !== undefined) return detected;
  try {
    const own = ownCgroupDirs();
    const missing = CONTROLLERS.filter((c) => own[c] === undefined);
    if (missing.length > 0) {
      detected = { reason: `no cgroup v1 hierarchy for ${missing.join(", ")} (cgroup v2 and systemd-delegated cgroups are not used)` };
      return detected;
    }
    for (const c of CONTROLLERS) {
      const dir = own[c] as string;
      removeStale(dir);
      const probe = join(dir, `${PREFIX}${process.pid}-probe`);
      try {
        mkdirSync(probe);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      try {
        const absent = REQUIRED_FILES[c].filter((f) => !existsSync(join(probe, f)));
        if (absent.length > 0) throw new Error(`${probe} lacks ${absent.join(", ")}`);
      } finally {
        rmdirSync(probe);
      }
    }
    detected = { parents: { memory: own.memory as string, pids: own.pids as string, cpuacct: own.cpuacct as string } };
  } catch (e) {
    detected = { reason: `cannot create a cgroup here: ${e instanceof Error ? e.message : String(e)}` };
  }
  return detected;
}

let counter = 0;

/** Counters read from a run's cgroup after (or during) the run. */
export interface CgroupStats {
  /** Processes the memory controller's OOM killer killed. */
  readonly oomKills: number;
  /** CPU time of all tasks, in ns. */
  readonly cpuNs: number;
  /** Peak memory charged, in bytes. */
  readonly peakMemoryBytes: number;
}

// cgroupfs operations are in-memory and take microseconds: they are done synchronously, which
// spares each run a dozen round trips through libuv's thread pool (it shows on a loaded machine).

/** The per-controller cgroups of one run. */
export class RunCgroup {
  private constructor(private readonly dirs: Readonly<Record<Controller, string>>) {}

  /**
   * Creates the run's cgroups and applies the limits. A limit that cannot be written is an error:
   * the run must not start without it.
   */
  static create(
    parents: CgroupV1Parents,
    limits: { readonly memoryBytes: number; readonly maxTasks: number; readonly owner?: { readonly uid: number; readonly gid: number } },
  ): RunCgroup {
    const name = `${PREFIX}${process.pid}-${++counter}-${Date.now().toString(36)}`;
    const dirs = { memory: join(parents.memory, name), pids: join(parents.pids, name), cpuacct: join(parents.cpuacct, name) };
    const made: string[] = [];
    try {
      for (const c of CONTROLLERS) {
        mkdirSync(dirs[c]);
        made.push(dirs[c]);
      }
      writeFileSync(join(dirs.memory, "memory.limit_in_bytes"), String(limits.memoryBytes));
      // Without swap accounting the program could swap past the limit; keep its pages in RAM instead.
      try {
        writeFileSync(join(dirs.memory, "memory.memsw.limit_in_bytes"), String(limits.memoryBytes));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        writeFileSync(join(dirs.memory, "memory.swappiness"), "0");
      }
      writeFileSync(join(dirs.pids, "pids.max"), String(limits.maxTasks));
      if (limits.owner !== undefined) {
        // The sandbox joins its cgroups itself, as the runAs user: it needs write access to them.
        for (const c of CONTROLLERS) chownSync(join(dirs[c], "cgroup.procs"), limits.owner.uid, limits.owner.gid);
      }
    } catch (e) {
      for (const d of made.reverse()) {
        try {
          rmdirSync(d);
        } catch {
          // best effort: it is empty and will be removed as stale later
        }
      }
      throw new RunnerFailedError(`could not set up the run's cgroup: ${e instanceof Error ? e.message : String(e)}`);
    }
    return new RunCgroup(dirs);
  }

  /** The `cgroup.procs` files a process writes its pid to, to join every controller. */
  get procsFiles(): readonly string[] {
    return CONTROLLERS.map((c) => join(this.dirs[c], "cgroup.procs"));
  }

  /** CPU time used so far by every task of the run, in ns. */
  cpuNs(): number {
    return Number(readFileSync(join(this.dirs.cpuacct, "cpuacct.usage"), "utf8").trim());
  }

  /** OOM kills, CPU time and peak memory of the run. */
  stats(): CgroupStats {
    const oom = readFileSync(join(this.dirs.memory, "memory.oom_control"), "utf8");
    const m = /^oom_kill (\d+)$/mu.exec(oom);
    // Kernels before 4.13 do not count OOM kills; failcnt counts the times the limit was hit.
    const oomKills = m !== null ? Number(m[1]) : Number(readFileSync(join(this.dirs.memory, "memory.failcnt"), "utf8").trim()) > 0 ? 1 : 0;
    const peakMemoryBytes = Number(readFileSync(join(this.dirs.memory, "memory.max_usage_in_bytes"), "utf8").trim());
    return { oomKills, cpuNs: this.cpuNs(), peakMemoryBytes };
  }

  /** Pids of the processes still in the run. */
  members(): number[] {
    return readFileSync(join(this.dirs.pids, "cgroup.procs"), "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map(Number);
  }

  /** SIGKILLs every process of the run. */
  killAll(): void {
    for (const pid of this.members()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // exited meanwhile
      }
    }
  }

  /**
   * Kills whatever is left, waits until the cgroups are empty and removes them. Throws if a
   * process of the run survives, since the run must not end with a descendant still running.
   */
  async destroy(): Promise<void> {
    const deadline = Date.now() + 5000;
    for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
      const left = this.members();
      if (left.length === 0) break;
      if (Date.now() > deadline) {
        throw new RunnerFailedError(`processes ${left.join(", ")} of the run survived SIGKILL for 5 s`);
      }
      this.killAll();
      await sleep(wait);
    }
    for (const c of CONTROLLERS) {
      for (let attempt = 0; ; attempt++) {
        try {
          rmdirSync(this.dirs[c]);
          break;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === "ENOENT") break;
          // EBUSY right after the last task exits, while the kernel finishes detaching it.
          if (code !== "EBUSY" || attempt >= 50) throw new RunnerFailedError(`could not remove cgroup ${this.dirs[c]}: ${String(e)}`);
          await sleep(10);
        }
      }
    }
  }
}
