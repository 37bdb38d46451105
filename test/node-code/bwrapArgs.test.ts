// The bwrap command line, flag by flag: each flag below closes a hole found by trying it (see
// docs/verifiers.md, "Threat model"), so losing one must fail here, not only in the slower
// hostile-program tests.
import { describe, expect, it } from "vitest";
import { bwrapArgs, SANDBOX_WORKDIR } from "../../src/node/code/bwrapArgs.js";

const spec = {
  layout: { readOnly: ["/usr", "/etc/ld.so.cache", "/opt/py"], symlinks: [["usr/bin", "/bin"]] as [string, string][] },
  env: { PATH: "/usr/bin:/bin", X: "1" },
  diskBytes: 4 << 20,
  files: [
    { fd: 4, name: "main.py" },
    { fd: 5, name: "__passk_call.json" },
  ],
  statusFd: 3,
  command: ["/usr/bin/prlimit", "--as=1", "--", "/opt/py/bin/python3", "main.py"],
};

/** The index of the flag sequence `seq` in `args`, or -1. */
function at(args: readonly string[], ...seq: string[]): number {
  for (let i = 0; i + seq.length <= args.length; i++) if (seq.every((s, j) => args[i + j] === s)) return i;
  return -1;
}

describe("bwrapArgs", () => {
  const args = bwrapArgs(spec);
  const sep = args.indexOf("--");
  const options = args.slice(0, sep);

  it("unshares every namespace, forbids nested user namespaces and drops all capabilities", () => {
    for (const flag of ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--clearenv"]) {
      expect(options, flag).toContain(flag);
    }
    expect(at(options, "--cap-drop", "ALL")).toBeGreaterThanOrEqual(0);
    expect(at(options, "--uid", "65534")).toBeGreaterThanOrEqual(0);
    expect(at(options, "--gid", "65534")).toBeGreaterThanOrEqual(0);
    expect(options).not.toContain("--share-net");
  });

  it("binds nothing writable from the host and makes / and /dev read-only", () => {
    expect(options).not.toContain("--bind");
    expect(options).not.toContain("--bind-try");
    expect(options).not.toContain("--dev-bind");
    for (const p of spec.layout.readOnly) expect(at(options, "--ro-bind", p, p), p).toBeGreaterThanOrEqual(0);
    expect(at(options, "--symlink", "usr/bin", "/bin")).toBeGreaterThanOrEqual(0);
    expect(at(options, "--remount-ro", "/")).toBeGreaterThan(at(options, "--tmpfs", SANDBOX_WORKDIR));
    const shm = at(options, "--size", String(spec.diskBytes), "--tmpfs", "/dev/shm");
    expect(shm).toBeGreaterThan(at(options, "--dev", "/dev"));
    expect(at(options, "--remount-ro", "/dev")).toBeGreaterThan(shm);
    expect(at(options, "--size", String(spec.diskBytes), "--tmpfs", SANDBOX_WORKDIR)).toBeGreaterThanOrEqual(0);
  });

  it("binds an interpreter installed under /tmp on top of the /tmp tmpfs, read-only, not under it", () => {
    const inTmp = bwrapArgs({ ...spec, layout: { readOnly: ["/usr", "/tmp/clone/node_modules/node22/bin"], symlinks: [["bin", "/tmp/clone/link"]] } });
    const opts = inTmp.slice(0, inTmp.indexOf("--"));
    const tmpfs = at(opts, "--tmpfs", SANDBOX_WORKDIR);
    expect(at(opts, "--ro-bind", "/usr", "/usr")).toBeLessThan(tmpfs);
    expect(at(opts, "--ro-bind", "/tmp/clone/node_modules/node22/bin", "/tmp/clone/node_modules/node22/bin")).toBeGreaterThan(tmpfs);
    expect(at(opts, "--symlink", "bin", "/tmp/clone/link")).toBeGreaterThan(tmpfs);
    expect(at(opts, "--remount-ro", "/")).toBeGreaterThan(at(opts, "--ro-bind", "/tmp/clone/node_modules/node22/bin", "/tmp/clone/node_modules/node22/bin"));
    // /tmp itself is never laid over the program's tmpfs: the host's /tmp stays out of sight.
    const whole = bwrapArgs({ ...spec, layout: { readOnly: ["/usr", "/tmp"], symlinks: [] } });
    expect(at(whole, "--ro-bind", "/tmp", "/tmp")).toBeLessThan(at(whole, "--tmpfs", SANDBOX_WORKDIR));
  });

  it("covers the kernel's settings in /proc after mounting its own /proc", () => {
    const proc = at(options, "--proc", "/proc");
    expect(proc).toBeGreaterThanOrEqual(0);
    expect(at(options, "--ro-bind", "/proc/sys", "/proc/sys")).toBeGreaterThan(proc);
    expect(at(options, "--ro-bind-try", "/proc/sysrq-trigger", "/proc/sysrq-trigger")).toBeGreaterThan(proc);
  });

  it("passes exactly the given environment, the files, the status descriptor and the command", () => {
    expect(at(options, "--setenv", "PATH", "/usr/bin:/bin")).toBeGreaterThan(options.indexOf("--clearenv"));
    expect(at(options, "--setenv", "X", "1")).toBeGreaterThanOrEqual(0);
    expect(options.filter((a) => a === "--setenv")).toHaveLength(2);
    expect(at(options, "--file", "4", "/tmp/main.py")).toBeGreaterThan(at(options, "--tmpfs", SANDBOX_WORKDIR));
    expect(at(options, "--file", "5", "/tmp/__passk_call.json")).toBeGreaterThanOrEqual(0);
    expect(at(options, "--chdir", SANDBOX_WORKDIR)).toBeGreaterThanOrEqual(0);
    expect(at(options, "--json-status-fd", "3")).toBeGreaterThanOrEqual(0);
    expect(args.slice(sep + 1)).toEqual(spec.command);
  });

  it("binds exactly the output files read-write, each onto its name in the working directory", () => {
    const withOutputs = bwrapArgs({ ...spec, binds: [{ host: "/tmp/passk-out-x/output.txt", name: "output.txt" }] });
    const opts = withOutputs.slice(0, withOutputs.indexOf("--"));
    expect(opts.filter((a) => a === "--bind")).toHaveLength(1);
    expect(at(opts, "--bind", "/tmp/passk-out-x/output.txt", "/tmp/output.txt")).toBeGreaterThan(at(opts, "--tmpfs", SANDBOX_WORKDIR));
  });

  it("has bwrap close each inherited descriptor it is given first, through an --args that reads nothing", () => {
    expect(options).not.toContain("--args");
    const closing = bwrapArgs({ ...spec, close: [7, 251] });
    expect(closing.slice(0, 4)).toEqual(["--args", "7", "--args", "251"]);
    expect(closing.slice(4)).toEqual(args);
  });
});
