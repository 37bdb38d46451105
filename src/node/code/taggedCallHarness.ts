/**
 * Turning a tagged-call test (JavaScript, values in the tagged encoding) into a runnable program,
 * and reading its result back. Internal.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import { resultAfterMarker } from "./callHarness.js";
import { decodeTagged, TAGGED_MAX_DEPTH, type TaggedValue } from "./taggedValue.js";
import type { TaggedCallTest, TestStatus } from "./types.js";
import { valueEqual } from "./valueEqual.js";

/** File the harness reads the call from: the function's name and the encoded arguments. */
export const TAGGED_CALL_FILE = "__passk_tagged_call.json";

// The harness decodes the arguments, calls the function, awaits the result and prints the marker
// followed by "ok <encoded result>" or "unsupported <why>" straight to file descriptor 1. The
// expected value never enters the sandbox: the result is compared by the evaluator. The decoder
// here trusts its input (the evaluator checked it with decodeTagged); the encoder mirrors
// encodeTagged in taggedValue.ts.
const HARNESS = (marker: string): string => `
;(async () => {
  const __passk_fs = require("fs");
  const __passk_max = ${TAGGED_MAX_DEPTH};
  const __passk_own = (o, k, v) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  const __passk_special = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };
  const __passk_dec = (t) => {
    if (t === null || typeof t !== "object") return t;
    if (Array.isArray(t)) return t.map(__passk_dec);
    if (!Object.prototype.hasOwnProperty.call(t, "$")) {
      const o = {};
      for (const k of Object.keys(t)) __passk_own(o, k, __passk_dec(t[k]));
      return o;
    }
    switch (t.$) {
      case "undefined": return undefined;
      case "number": return Object.prototype.hasOwnProperty.call(__passk_special, t.v) ? __passk_special[t.v] : Number(t.v);
      case "bigint": return BigInt(t.v);
      case "set": return new Set(t.v.map(__passk_dec));
      case "map": return new Map(t.v.map(([k, v]) => [__passk_dec(k), __passk_dec(v)]));
      default: {
        const o = {};
        for (const k of Object.keys(t.v)) __passk_own(o, k, __passk_dec(t.v[k]));
        return o;
      }
    }
  };
  const __passk_stack = new Set();
  const __passk_enc = (x, depth) => {
    if (x === undefined) return { $: "undefined" };
    if (x === null || typeof x === "boolean" || typeof x === "string") return x;
    if (typeof x === "number") {
      if (Object.is(x, -0)) return { $: "number", v: "-0" };
      if (!Number.isFinite(x)) return { $: "number", v: String(x) };
      return Number.isInteger(x) && !Number.isSafeInteger(x) ? { $: "number", v: BigInt(x).toString() } : x;
    }
    if (typeof x === "bigint") return { $: "bigint", v: x.toString() };
    if (typeof x !== "object") throw new Error("a " + typeof x);
    if (depth >= __passk_max) throw new Error("a value nested deeper than " + __passk_max + " levels");
    if (__passk_stack.has(x)) throw new Error("a cycle");
    __passk_stack.add(x);
    try {
      if (Array.isArray(x)) {
        const out = [];
        for (let i = 0; i < x.length; i++) out.push(__passk_enc(x[i], depth + 1));
        return out;
      }
      if (x instanceof Map) return { $: "map", v: [...x].map(([k, v]) => [__passk_enc(k, depth + 1), __passk_enc(v, depth + 1)]) };
      if (x instanceof Set) return { $: "set", v: [...x].map((m) => __passk_enc(m, depth + 1)) };
      const proto = Object.getPrototypeOf(x);
      if (proto !== Object.prototype && proto !== null) {
        const name = x.constructor && x.constructor.name;
        throw new Error("a " + (typeof name === "string" && name !== "" ? name : "non-plain object"));
      }
      const out = {};
      for (const k of Object.keys(x)) __passk_own(out, k, __passk_enc(x[k], depth + 1));
      return Object.prototype.hasOwnProperty.call(out, "$") ? { $: "object", v: out } : out;
    } finally {
      __passk_stack.delete(x);
    }
  };
  const __passk_call = JSON.parse(__passk_fs.readFileSync(${JSON.stringify(TAGGED_CALL_FILE)}, "utf8"));
  const __passk_fn = eval(__passk_call.fn);
  const __passk_result = await __passk_fn(...__passk_call.args.map(__passk_dec));
  let __passk_line;
  try {
    __passk_line = "ok " + JSON.stringify(__passk_enc(__passk_result, 0));
  } catch (e) {
    __passk_line = "unsupported " + String(e && e.message).slice(0, 200);
  }
  const __passk_buf = Buffer.from("\\n" + ${JSON.stringify(marker)} + __passk_line + "\\n");
  for (let off = 0; off < __passk_buf.length; ) {
    try {
      off += __passk_fs.writeSync(1, __passk_buf, off);
    } catch (e) {
      if (!e || e.code !== "EAGAIN") throw e;
    }
  }
})().catch((e) => { console.error(e); process.exitCode = 1; });
`;

/** The candidate with the harness appended (JavaScript only). */
export function withTaggedCallHarness(source: string, marker: string): string {
  return `${source}\n${HARNESS(marker)}`;
}

/** The call file's content: the function's name and the encoded arguments (never the expected value). */
export function taggedCallFile(test: TaggedCallTest): string {
  return JSON.stringify({ fn: test.fn, args: test.args });
}

/**
 * Checks a tagged-call test's shape and that its arguments and expected value decode.
 *
 * @throws {@link InvalidArgumentError} naming `reference.tests[i]` and the malformed part
 */
export function checkTaggedCallTest(test: Record<string, unknown>, i: number): void {
  const at = `reference.tests[${i}]`;
  if (typeof test.fn !== "string" || !/^[A-Za-z_$][\w$]*$/u.test(test.fn)) {
    throw new InvalidArgumentError(`${at}.fn must be a JavaScript identifier, got ${JSON.stringify(test.fn)}`, { field: `${at}.fn`, value: test.fn });
  }
  if (!Array.isArray(test.args)) throw new InvalidArgumentError(`${at}.args must be a list of tagged values`, { field: `${at}.args`, value: test.args });
  if (!("expected" in test)) throw new InvalidArgumentError(`${at}.expected is missing`, { field: `${at}.expected` });
  decodeTagged(test.args, `${at}.args`);
  decodeTagged(test.expected, `${at}.expected`);
}

/** The verdict on a run that exited 0: the result line after the marker, decoded and compared. */
export function judgeTaggedCall(test: TaggedCallTest, stdout: string, marker: string, tolerance: number): { status: TestStatus; reason?: string } {
  const text = resultAfterMarker(stdout, marker);
  if (text === undefined) return { status: "runtime_error", reason: "the harness printed no result" };
  const want = JSON.stringify(test.expected).slice(0, 100);
  if (text.startsWith("unsupported ")) return { status: "wrong_answer", reason: `expected ${want}, got ${text.slice(12)}, which a tagged-call test cannot compare` };
  if (!text.startsWith("ok ")) return { status: "wrong_answer", reason: `malformed result line: ${text.slice(0, 100)}` };
  let actual: unknown;
  try {
    actual = decodeTagged(JSON.parse(text.slice(3)) as TaggedValue, "result");
  } catch (e) {
    return { status: "wrong_answer", reason: `malformed result: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}` };
  }
  return valueEqual(actual, decodeTagged(test.expected, "expected"), tolerance)
    ? { status: "passed" }
    : { status: "wrong_answer", reason: `expected ${want}, got ${text.slice(3, 203)}` };
}
