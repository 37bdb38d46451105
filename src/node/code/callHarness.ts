/**
 * Turning a function-call test into a runnable program. Internal.
 * @internal
 * @module
 */
import type { CallTest, CodeLanguage } from "./types.js";

/** File the harness reads the call from (name and arguments as JSON). */
export const CALL_FILE = "__passk_call.json";

/**
 * The candidate source with a harness appended that reads {@link CALL_FILE}, calls the named
 * function and prints `marker` followed by the JSON result on a line of its own. Appending (as the
 * HumanEval harness does) keeps the candidate's top-level definitions in scope; the marker, a
 * per-run nonce, separates the result from anything the candidate prints itself.
 */
export function withCallHarness(language: CodeLanguage, source: string, marker: string): string {
  const m = JSON.stringify(marker);
  if (language === "python") {
    return `${source}

import json as __passk_json, sys as __passk_sys
with open(${JSON.stringify(CALL_FILE)}) as __passk_f:
    __passk_call = __passk_json.load(__passk_f)
__passk_result = globals()[__passk_call["fn"]](*__passk_call["args"])
__passk_sys.stdout.flush()
__passk_sys.stdout.write("\\n" + ${m} + __passk_json.dumps(__passk_result) + "\\n")
__passk_sys.stdout.flush()
`;
  }
  return `${source}
;(async () => {
  const __passk_call = JSON.parse(require("fs").readFileSync(${JSON.stringify(CALL_FILE)}, "utf8"));
  const __passk_fn = eval(__passk_call.fn);
  const __passk_result = await __passk_fn(...__passk_call.args);
  process.stdout.write("\\n" + ${m} + JSON.stringify(__passk_result === undefined ? null : __passk_result) + "\\n");
})().catch((e) => { console.error(e); process.exitCode = 1; });
`;
}

/** The call file's content for a test. */
export function callFile(test: CallTest): string {
  return JSON.stringify({ fn: test.fn, args: test.args });
}

/** The JSON text after the last marker in stdout, or `undefined`. */
export function resultAfterMarker(stdout: string, marker: string): string | undefined {
  const at = stdout.lastIndexOf(marker);
  if (at < 0) return undefined;
  const rest = stdout.slice(at + marker.length);
  const nl = rest.indexOf("\n");
  return nl < 0 ? rest : rest.slice(0, nl);
}
