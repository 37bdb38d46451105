/**
 * Decoding LiveCodeBench's compressed private tests (base64 → zlib → pickle → JSON) with a short
 * Python step run by a code runner, inside its sandbox: unpickling runs code. Internal.
 * @internal
 * @module
 */
import { randomUUID } from "node:crypto";
import { InvalidArgumentError } from "../../../errors/errors.js";
import { resolveLimits } from "../codeVerifier.js";
import type { CodeRunner, ExecutionLimits } from "../types.js";

// Reads the field from stdin and writes the JSON text the pickle holds, after a per-run marker
// (so nothing else on stdout can pass for it). A failure names its stage on stderr's last line.
const DECODE = String.raw`
import base64, binascii, json, os, pickle, sys, zlib
with open("marker.txt") as f:
    marker = f.read()
data = sys.stdin.read()
stage = "base64"
try:
    raw = base64.b64decode(data.encode("utf-8"), validate=False)
    stage = "zlib"
    raw = zlib.decompress(raw)
    stage = "pickle"
    text = pickle.loads(raw)
    stage = "JSON"
    if not isinstance(text, (str, bytes)):
        raise ValueError("the pickle holds a " + type(text).__name__ + ", not JSON text")
    tests = json.loads(text)
except Exception as e:
    sys.stderr.write("\n" + stage + ": " + type(e).__name__ + ": " + str(e)[:200] + "\n")
    sys.exit(3)
os.write(1, (marker + json.dumps(tests, ensure_ascii=True)).encode("ascii"))
`;

/** Default limits of one decoding run (private tests can decode to hundreds of MiB of JSON). */
export const DECODE_LIMITS: ExecutionLimits = { timeoutMs: 120_000, memoryMb: 4096, outputBytes: 1 << 30 };

/**
 * The private tests of `questionId`, decoded from the `private_test_cases` field by a Python run
 * of `runner`, parsed as JSON (not checked further here).
 *
 * @throws {@link index!InvalidArgumentError} naming the question when the field does not decode
 *   (bad base64, zlib, pickle or JSON) or the decoding run breaks its limits
 * @throws the runner's error when it cannot run Python at all (a machinery failure)
 */
export async function decodePrivateTests(questionId: string, field: string, runner: CodeRunner, limits: ExecutionLimits = DECODE_LIMITS): Promise<unknown> {
  const marker = `__passk_decoded_${randomUUID()}__`;
  const run = await runner(
    { language: "python", source: DECODE, stdin: field, files: { "marker.txt": marker }, limits: resolveLimits(limits) },
    new AbortController().signal,
  );
  const fail = (why: string): never => {
    throw new InvalidArgumentError(`LiveCodeBench record ${questionId}: private_test_cases does not decode (base64 → zlib → pickle → JSON): ${why}`, {
      field: "private_test_cases",
      problemId: questionId,
    });
  };
  if (run.termination !== "exited") fail(`the decoding run ended by ${run.termination.replace("_", " ")}`);
  if (run.exitCode !== 0) fail(run.stderr.trim().split("\n").pop()?.slice(0, 300) ?? `exit code ${String(run.exitCode)}`);
  if (!run.stdout.startsWith(marker)) fail("the decoding run printed no result");
  try {
    return JSON.parse(run.stdout.slice(marker.length)) as unknown;
  } catch (e) {
    return fail(`the decoded JSON does not parse here: ${e instanceof Error ? e.message : String(e)}`);
  }
}
