// Command-line wrapper of the runtime smoke for Node, Bun and Deno (the browser bundles
// runtime-smoke.mjs itself). Loads the entry points named on the command line, runs the smoke
// and, with --probe-node-only, the Node-only feature probes, and prints:
//   I <key> <value>                          runtime version, where each entry point resolved
//   Q <name> <kind> <float64 bits> <json>    one per quantity (see runtime-smoke.mjs)
//   F <feature> <outcome> <detail>           one per Node-only feature probe
// Exit 0 when the smoke ran (probe outcomes are judged by the matrix), 1 with an `E` line otherwise.
//
//   <runtime> runtime-smoke-main.mjs --root SPEC [--math SPEC] [--node SPEC] [--probe-node-only]
//
// SPEC is whatever this runtime's import() takes: "passk", "npm:passk" (Deno), a file URL.
import { formatQuantities, smoke } from "./runtime-smoke.mjs";
import { probeNodeOnly, runtimeName, scratchFiles } from "./runtime-smoke-node.mjs";

const args = typeof globalThis.Deno !== "undefined" ? globalThis.Deno.args : process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const exit = (code) => (typeof globalThis.Deno !== "undefined" ? globalThis.Deno.exit(code) : process.exit(code));

const lines = [];
const files = scratchFiles();
let code = 0;
try {
  const runtime = runtimeName();
  const version = runtime === "deno" ? globalThis.Deno.version.deno : runtime === "bun" ? globalThis.Bun.version : process.versions.node;
  lines.push(`I runtime ${runtime} ${version}`);
  const specs = { root: option("--root"), math: option("--math"), node: option("--node") };
  if (specs.root === undefined) throw new Error("--root SPEC is required");
  const entries = {};
  for (const [key, spec] of Object.entries(specs)) {
    if (spec === undefined) continue;
    entries[key] = await import(spec);
    let resolved = "(import.meta.resolve unavailable)";
    try {
      resolved = import.meta.resolve(spec);
    } catch {
      // Kept as the placeholder: where it resolved is information, not a check.
    }
    lines.push(`I resolved.${key} ${resolved}`);
  }
  const quantities = await smoke({ core: entries.root, math: entries.math, node: entries.node, files: entries.node === undefined ? undefined : files });
  lines.push(...formatQuantities(quantities));
  if (args.includes("--probe-node-only")) {
    if (entries.node === undefined) throw new Error("--probe-node-only needs --node SPEC");
    for (const r of await probeNodeOnly({ core: entries.root, node: entries.node, files })) {
      lines.push(`F ${JSON.stringify(r.feature)} ${r.outcome} ${r.detail.replaceAll("\n", " ")}`);
    }
  }
} catch (e) {
  lines.push(`E ${(e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e)).replaceAll("\n", "\nE ")}`);
  code = 1;
} finally {
  files.remove();
}
// Explicit exit once the output is flushed: a runtime whose worker pool or child process hangs
// must not keep the smoke alive.
if (typeof globalThis.Deno !== "undefined") {
  console.log(lines.join("\n")); // synchronous in Deno
  exit(code);
} else {
  process.stdout.write(`${lines.join("\n")}\n`, () => exit(code));
}
