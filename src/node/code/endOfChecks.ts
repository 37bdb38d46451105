/**
 * The end-of-checks marker of Python program tests, kept out of the candidate's reach: no file,
 * argument or environment variable of the run holds it. The runner passes it on an inherited pipe
 * ({@link SECRET_FD}) to a trusted bootstrap ({@link PYTHON_BOOT}, run as `python -c`), which reads
 * and closes the pipe, compiles `main.py` and runs it as `__main__` with one extra global,
 * `__passk_end`: a function that prints the marker when called from the module's own code on one of
 * the lines the verifier named (the line after the checks, and a benchmark driver's line), and
 * otherwise ends the run with exit code 1. Internal.
 *
 * What it cannot stop: the marker is in the interpreter's memory (the function's closure), so a
 * candidate that inspects the interpreter (`gc`, frames, `ctypes`, a trace function that moves
 * the module's frame) can still recover it or reach the call; see docs/verifiers.md.
 * @internal
 * @module
 */

/** Descriptor the secret is read from, in the program's process. */
export const SECRET_FD = 4;

/** The statement that ends the checks (a line of its own). */
export const END_CALL = "__passk_end()";

// Runs as `python -I -B -c PYTHON_BOOT main.py`. Names stay local to __passk_boot. The source is
// decoded as the compiler decodes it (coding cookie, universal newlines): a line count other than
// the verifier's means the lines it named are not the ones meant, and every call is refused.
export const PYTHON_BOOT = `def __passk_boot():
    import io, json, os, sys, tokenize
    parts = []
    while True:
        chunk = os.read(${SECRET_FD}, 65536)
        if not chunk:
            break
        parts.append(chunk)
    os.close(${SECRET_FD})
    spec = json.loads(b"".join(parts).decode("utf-8"))
    marker = ("\\n" + spec["marker"] + "\\n").encode("utf-8")
    with open("main.py", "rb") as f:
        source = f.read()
    try:
        encoding = tokenize.detect_encoding(io.BytesIO(source).readline)[0]
        text = source.decode(encoding).replace("\\r\\n", "\\n").replace("\\r", "\\n")
        lines = text.split("\\n")
        allowed = frozenset(n for n in spec["lines"] if text.count("\\n") == spec["newlines"] and 0 < n <= len(lines) and lines[n - 1] == ${JSON.stringify(END_CALL)})
    except Exception:
        allowed = frozenset()
    code = compile(source, "main.py", "exec", dont_inherit=True)
    getframe, write, exit_now, flush = sys._getframe, os.write, os._exit, sys.stdout.flush
    done = []
    def end():
        try:
            caller = getframe(1)
            ok = caller.f_code is code and caller.f_lineno in allowed and not done
        except BaseException:
            ok = False
        if not ok:
            write(2, b"\\nRuntimeError: the end-of-checks call did not come from the checks\\n")
            exit_now(1)
        done.append(True)
        try:
            flush()
        except BaseException:
            pass
        write(1, marker)
    main = sys.modules["__main__"].__dict__
    del main["__passk_boot"]
    main["__file__"] = "main.py"
    main["__passk_end"] = end
    sys.argv[:] = ["main.py"]
    del parts, spec, chunk, f, source
    exec(code, main)
__passk_boot()
`;

const NEWLINE = /\r\n|\r|\n/gu;

function newlines(text: string): number {
  return text.match(NEWLINE)?.length ?? 0;
}

/**
 * The secret of one run: the marker, the 1-based lines of `main` allowed to call {@link END_CALL}
 * (the last line of `main`, and each complete line of `trustedPrefix` that is exactly the call),
 * and `main`'s line-break count, all as Python counts them (`\r\n`, `\r`, `\n`).
 */
export function endOfChecksSecret(main: string, trustedPrefix: string, marker: string): string {
  const total = newlines(main);
  const lines = [main.endsWith("\n") ? total : total + 1];
  const cut = Math.max(trustedPrefix.lastIndexOf("\n"), trustedPrefix.lastIndexOf("\r"));
  if (main.startsWith(trustedPrefix) && cut >= 0) {
    trustedPrefix.slice(0, cut).split(NEWLINE).forEach((line, i) => {
      if (line === END_CALL) lines.push(i + 1);
    });
  }
  return JSON.stringify({ marker, lines, newlines: total });
}
