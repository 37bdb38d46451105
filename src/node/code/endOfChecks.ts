/**
 * The end-of-checks marker of program tests, kept out of the candidate's reach: no file, argument
 * or environment variable of the run holds it. The runner passes it on an inherited pipe
 * ({@link SECRET_FD}) to a trusted bootstrap that reads and closes the pipe before any of the
 * program runs. Internal.
 *
 * - Python ({@link PYTHON_BOOT}, run as `python -c`): compiles `main.py` and runs it as `__main__`
 *   with one extra global, `__passk_end`: a function that prints the marker when called from the
 *   module's own code on one of the lines the verifier named (the line after the checks, and a
 *   benchmark driver's line), and otherwise ends the run with exit code 1.
 * - JavaScript ({@link NODE_BOOT}, run as `node -e`): runs `main.js` as a classic script
 *   (`vm.Script`) in the main context with CommonJS's `require`, `module`, `exports`,
 *   `__filename` and `__dirname`, and prints the marker when the script has run to its end. A
 *   script has no top-level `return` (a syntax error there, unlike in a CommonJS module), so the
 *   only ways out before the checks are an exception or exiting, and neither prints the marker;
 *   there is no function the candidate could call.
 *
 * What it cannot stop: the marker is in the interpreter's memory, so a candidate that inspects the
 * interpreter (Python: `gc`, frames, `ctypes`, a trace function that moves the module's frame;
 * Node: the inspector, a heap snapshot) can still recover it or reach the call; see docs/verifiers.md.
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

// Runs as `node --max-old-space-size=… -e NODE_BOOT main.js`. Everything the bootstrap uses is
// taken before main.js runs (the candidate may replace fs.writeSync, process.exit, JSON, String).
// A throw from the script is reported as Node reports an uncaught one, plus a last line naming the
// error ("AssertionError [ERR_ASSERTION]: …"), which the verifier reads as the reason.
export const NODE_BOOT = `(() => {
  "use strict";
  const fs = require("fs"), path = require("path"), util = require("util"), vm = require("vm");
  const { createRequire } = require("module");
  const parts = [];
  const chunk = Buffer.alloc(65536);
  for (;;) {
    const n = fs.readSync(${SECRET_FD}, chunk, 0, chunk.length, null);
    if (n === 0) break;
    parts.push(Buffer.from(chunk.subarray(0, n)));
  }
  fs.closeSync(${SECRET_FD});
  const marker = Buffer.from("\\n" + JSON.parse(Buffer.concat(parts).toString("utf8")).marker + "\\n", "utf8");
  chunk.fill(0);
  for (const p of parts) p.fill(0);
  const writeSync = fs.writeSync, exit = process.exit.bind(process), inspect = util.inspect, Error = globalThis.Error, String = globalThis.String;
  const file = path.resolve("main.js"), dir = path.dirname(file);
  const source = fs.readFileSync(file, "utf8");
  const req = createRequire(file);
  const mod = { id: ".", filename: file, path: dir, loaded: false, exports: {}, children: [], paths: [], require: req };
  req.main = mod;
  for (const [name, value] of [["require", req], ["module", mod], ["exports", mod.exports], ["__filename", file], ["__dirname", dir]]) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
  process.argv[1] = file;
  let failure;
  try {
    // import() inside a vm.Script needs a loader: the main context's, as a CommonJS module has
    // (vm.constants exists from Node 20.12 / 21.7; the option is ignored where it does not).
    new vm.Script(source, { filename: file, importModuleDynamically: vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }).runInThisContext();
  } catch (e) {
    failure = { error: e };
  }
  if (failure !== undefined) {
    let text, last;
    try {
      const e = failure.error;
      text = inspect(e);
      if (e instanceof Error) {
        const code = typeof e.code === "string" ? " [" + e.code + "]" : "";
        last = String(e.name) + code + ": " + String(e.message).split("\\n")[0];
      } else last = text.split("\\n")[0];
    } catch {
      text = last = "uncaught exception";
    }
    writeSync(2, "\\n" + text + "\\n\\n" + last + "\\n");
    exit(1);
  }
  writeSync(1, marker);
})();
`;

const NEWLINE = /\r\n|\r|\n/gu;

function newlines(text: string): number {
  return text.match(NEWLINE)?.length ?? 0;
}

/** The secret of a JavaScript run: the marker alone (the bootstrap needs no line numbers). */
export function nodeEndOfChecksSecret(marker: string): string {
  return JSON.stringify({ marker });
}

/**
 * The secret of one Python run: the marker, the 1-based lines of `main` allowed to call {@link END_CALL}
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
