/**
 * The bubblewrap command line of one sandboxed run, built from a plain description (pure, so it
 * can be checked flag by flag without running bwrap). Internal.
 * @internal
 * @module
 */

/** What the sandbox's filesystem is made of, besides its own /proc, /dev and /tmp. */
export interface SandboxLayout {
  /** Host paths (directories or files) bound read-only at the same path. */
  readonly readOnly: readonly string[];
  /** Symlinks to create, as [target, path], e.g. ["usr/bin", "/bin"] on merged-/usr systems. */
  readonly symlinks: readonly (readonly [target: string, path: string])[];
}

/** One sandboxed run, as {@link bwrapArgs} needs it. */
export interface BwrapSpec {
  /** The read-only part of the filesystem. */
  readonly layout: SandboxLayout;
  /** The program's whole environment (nothing else is inherited). */
  readonly env: Readonly<Record<string, string>>;
  /** Size cap in bytes of each writable mount (/tmp, /dev/shm). */
  readonly diskBytes: number;
  /** Files copied into the working directory from file descriptors bwrap reads before the program starts. */
  readonly files: readonly { readonly fd: number; readonly name: string }[];
  /** Descriptor bwrap writes its JSON status documents to (child pid, exit code). */
  readonly statusFd: number;
  /** Host files bound read-write into the working directory under `name` (output files read back after the run). */
  readonly binds?: readonly { readonly host: string; readonly name: string }[];
  /** The command, resolved to absolute paths that exist inside the sandbox. */
  readonly command: readonly string[];
  /**
   * Descriptors bwrap must close before it builds the sandbox, each open on an empty input
   * (`/dev/null`): the ones the evaluator inherited without close-on-exec.
   */
  readonly close?: readonly number[];
}

/** The program's working directory inside the sandbox: a size-capped tmpfs, also its /tmp. */
export const SANDBOX_WORKDIR = "/tmp";

/** Inside-sandbox user and group: nobody. Never 0, so nothing in the sandbox is root even by name. */
export const SANDBOX_UID = 65534;

/**
 * The bwrap arguments (without the bwrap executable) for one run. Every flag is there for a
 * reason; see docs/verifiers.md ("Threat model") for the list of what each one prevents.
 */
export function bwrapArgs(spec: BwrapSpec): string[] {
  const args: string[] = [];
  // bwrap closes nothing it was not told about: every descriptor it inherits, the program inherits.
  // `--args FD` reads further arguments from FD (none, from /dev/null) and closes it, first thing.
  for (const fd of spec.close ?? []) args.push("--args", String(fd));
  args.push(
    // Fresh user, pid, mount, network, ipc, uts and cgroup namespaces; no user namespaces inside.
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    // As root, bwrap would otherwise keep every capability inside the user namespace, enough to
    // remount the read-only binds read-write. Inside the sandbox the program is uid/gid 65534.
    "--cap-drop",
    "ALL",
    "--uid",
    String(SANDBOX_UID),
    "--gid",
    String(SANDBOX_UID),
    "--hostname",
    "sandbox",
    // SIGKILL everything if the evaluator dies; setsid so the program cannot reach our terminal.
    "--die-with-parent",
    "--new-session",
    "--clearenv",
  );
  for (const [k, v] of Object.entries(spec.env)) args.push("--setenv", k, v);
  // A system path under /tmp (an interpreter installed in a clone or cache there) would be hidden
  // by the /tmp tmpfs mounted below: those binds go on top of it instead, still read-only.
  // Strictly below it: /tmp itself stays hidden, so the host's /tmp never shows through.
  const underWorkdir = (p: string): boolean => p.startsWith(`${SANDBOX_WORKDIR}/`);
  for (const p of spec.layout.readOnly) if (!underWorkdir(p)) args.push("--ro-bind", p, p);
  for (const [target, path] of spec.layout.symlinks) if (!underWorkdir(path)) args.push("--symlink", target, path);
  args.push(
    "--proc",
    "/proc",
    // bwrap covers these only when they look writable to it; kernel sysctls are writable to a
    // process whose kernel uid is 0 (bwrap run as root), whatever namespace it is in.
    "--ro-bind",
    "/proc/sys",
    "/proc/sys",
    "--ro-bind-try",
    "/proc/sysrq-trigger",
    "/proc/sysrq-trigger",
    "--ro-bind-try",
    "/proc/pressure",
    "/proc/pressure",
    "--dev",
    "/dev",
    "--size",
    String(spec.diskBytes),
    "--tmpfs",
    "/dev/shm",
    // /dev itself is an unbounded tmpfs; only its size-capped /dev/shm stays writable.
    "--remount-ro",
    "/dev",
    "--size",
    String(spec.diskBytes),
    "--tmpfs",
    SANDBOX_WORKDIR,
  );
  for (const p of spec.layout.readOnly) if (underWorkdir(p)) args.push("--ro-bind", p, p);
  for (const [target, path] of spec.layout.symlinks) if (underWorkdir(path)) args.push("--symlink", target, path);
  for (const f of spec.files) args.push("--file", String(f.fd), `${SANDBOX_WORKDIR}/${f.name}`);
  // A bound file is a mount point: the program can write it, not remove or replace it.
  for (const b of spec.binds ?? []) args.push("--bind", b.host, `${SANDBOX_WORKDIR}/${b.name}`);
  args.push("--chdir", SANDBOX_WORKDIR, "--remount-ro", "/", "--json-status-fd", String(spec.statusFd), "--", ...spec.command);
  return args;
}
