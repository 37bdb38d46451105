// Value-exact JavaScript call tests: arguments and results travel in the tagged encoding, so
// BigInts past 2^53, undefined, -0, NaN, Maps and Sets survive, and the result is compared in the
// evaluator (the expected value never enters the sandbox).
import { describe, expect, it } from "vitest";
import { runVerifier } from "../../src/index.js";
import {
  codeVerifier,
  decodeTagged,
  encodeTagged,
  localRunner,
  valueEqual,
  type CodeReference,
  type CodeVerifierResult,
  type TaggedValue,
} from "../../src/node/code/index.js";

describe("tagged encoding", () => {
  it("encodes what JSON loses and decodes it back", () => {
    const value = [2n ** 60n + 1n, -0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, undefined, null, 1.5, "s", new Map<unknown, unknown>([[1n, "a"], [[1], new Set([2])]]), { $: 1, a: undefined }];
    const tagged = encodeTagged(value);
    // Written out by hand from the format: tags for bigint, -0, NaN, Infinity, an integer past 2^53,
    // undefined; a plain object with a "$" key goes inside { $: "object" }.
    expect(tagged).toEqual([
      { $: "bigint", v: "1152921504606846977" },
      { $: "number", v: "-0" },
      { $: "number", v: "NaN" },
      { $: "number", v: "Infinity" },
      { $: "number", v: "1152921504606846976" },
      { $: "undefined" },
      null,
      1.5,
      "s",
      { $: "map", v: [[{ $: "bigint", v: "1" }, "a"], [[1], { $: "set", v: [2] }]] },
      { $: "object", v: { $: 1, a: { $: "undefined" } } },
    ]);
    const back = decodeTagged(JSON.parse(JSON.stringify(tagged))) as unknown[];
    expect(back[0]).toBe(2n ** 60n + 1n);
    expect(Object.is(back[1], -0)).toBe(true);
    expect(back[4]).toBe(2 ** 60);
    expect(back[5]).toBeUndefined();
    expect(valueEqual(back, value)).toBe(true);
  });

  it("keeps a __proto__ key as an own property", () => {
    const decoded = decodeTagged(JSON.parse('{"__proto__": 1, "a": 2}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(["__proto__", "a"]);
    expect(JSON.stringify(encodeTagged(decoded))).toBe('{"__proto__":1,"a":2}');
  });

  it("refuses lossy or malformed input, naming the path", () => {
    // JSON.parse has already rounded 2**60 + 1 to 2**60: a plain integer past 2^53 is refused.
    expect(() => decodeTagged(JSON.parse("[1152921504606846977]"), "expected")).toThrow("expected[0] is an integer past 2^53 written as a plain JSON number (1152921504606846976)");
    expect(() => decodeTagged({ $: "number", v: "1152921504606846977" })).toThrow("the nearest double is 1152921504606846976");
    expect(() => decodeTagged({ $: "number", v: "1.50" })).toThrow("value.v must be a double's exact integer digits or String(x)");
    // JavaScript's own form of 2**60 and its exact digits are both read as 2**60.
    expect([decodeTagged({ $: "number", v: "1152921504606847000" }), decodeTagged({ $: "number", v: "1152921504606846976" })]).toEqual([2 ** 60, 2 ** 60]);
    expect(() => decodeTagged({ $: "bigint", v: "012" })).toThrow("value.v must be decimal digits");
    expect(() => decodeTagged({ $: "date", v: "0" })).toThrow('value.$ must be one of "undefined", "number", "bigint", "map", "set", "object", got "date"');
    expect(() => decodeTagged({ $: "set", v: [1], extra: 2 })).toThrow('value (tag "set") must have exactly the keys $ and v, got $,extra,v');
    expect(() => decodeTagged({ $: "set", v: [1, 1] })).toThrow("value.v[1] repeats a member of the set");
    expect(() => decodeTagged({ $: "map", v: [[1, "a"], [1, "b"]] })).toThrow("value.v[1][0] repeats a key of the map");
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => encodeTagged(cyclic)).toThrow("value[0] is a cycle");
    expect(() => encodeTagged({ d: new Date(0) })).toThrow("value.d is a Date, which has no tagged encoding");
    expect(() => encodeTagged(() => 1)).toThrow("value is a function");
  });
});

describe("valueEqual", () => {
  it("distinguishes types and compares collections by content", () => {
    expect(valueEqual(2n ** 60n, 2n ** 60n + 1n)).toBe(false);
    expect(valueEqual(1n, 1)).toBe(false);
    expect(valueEqual(undefined, null)).toBe(false);
    expect(valueEqual([undefined], [null])).toBe(false);
    expect(valueEqual({ a: undefined }, {})).toBe(false);
    expect(valueEqual(new Map([[1, "a"]]), { 1: "a" })).toBe(false);
    expect(valueEqual(new Set([1]), [1])).toBe(false);
    expect(valueEqual(new Map<unknown, unknown>([["k", 1], [2n, [3]]]), new Map<unknown, unknown>([[2n, [3]], ["k", 1]]))).toBe(true);
    expect(valueEqual(new Map([["k", 1]]), new Map([["k", 2]]))).toBe(false);
    // 1 and 1n are different keys.
    expect(valueEqual(new Map<unknown, string>([[1, "a"]]), new Map<unknown, string>([[1n, "a"]]))).toBe(false);
    expect(valueEqual(new Set([3, 1, 2]), new Set([1, 2, 3]))).toBe(true);
    expect(valueEqual(new Set([1, 2]), new Set([1, 3]))).toBe(false);
    // Structurally equal object members pair up as a multiset.
    expect(valueEqual(new Set([[1], [1], [2]]), new Set([[2], [1], [1]]))).toBe(true);
    expect(valueEqual(new Set([[1], [1], [2]]), new Set([[2], [2], [1]]))).toBe(false);
    expect(valueEqual({ b: 1, a: [2] }, { a: [2], b: 1 })).toBe(true);
  });

  it("decides: NaN equals NaN, -0 equals 0 (SameValueZero)", () => {
    expect(valueEqual(Number.NaN, Number.NaN)).toBe(true);
    expect(valueEqual(Number.NaN, 0)).toBe(false);
    expect(valueEqual(-0, 0)).toBe(true);
    expect(valueEqual(new Set([-0]), new Set([0]))).toBe(true);
    expect(valueEqual(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(false);
  });

  it("applies the tolerance to numbers in values, not to Map keys or Set members", () => {
    expect(valueEqual(0.1 + 0.2, 0.3)).toBe(false);
    expect(valueEqual(0.1 + 0.2, 0.3, 1e-9)).toBe(true);
    expect(valueEqual(new Map([["x", 0.1 + 0.2]]), new Map([["x", 0.3]]), 1e-9)).toBe(true);
    expect(valueEqual(new Map([[0.1 + 0.2, "x"]]), new Map([[0.3, "x"]]), 1e-9)).toBe(false);
    expect(valueEqual(new Set([0.1 + 0.2]), new Set([0.3]), 1e-9)).toBe(false);
    // Entries whose keys look alike pair their values under the tolerance, in any order.
    expect(valueEqual(new Map([[[1], 1.0], [[1], 2.0]]), new Map([[[1], 2.0 + 1e-12], [[1], 1.0]]), 1e-9)).toBe(true);
    // The tolerance never makes a BigInt equal a number.
    expect(valueEqual(1n, 1, 0.5)).toBe(false);
  });
});

const runner = localRunner();
const v = codeVerifier({ language: "javascript", runner, extractCode: false, scoring: "fraction", limits: { timeoutMs: 5000, memoryMb: 256 } });
const program = `
function pow60() { return 2n ** 60n; }
function succ(x) { return x + 1n; }
function describe(x) { return [typeof x, Object.is(x, -0), x === undefined, x instanceof Map ? x.get(1n) : null]; }
function collections() { return { m: new Map([[1n, new Set(["a", "b"])], ["k", [undefined, null]]]), s: new Set([NaN]) }; }
function negZero() { return -0; }
function nan() { return 0 / 0; }
async function later() { return 7n; }
function leak() { return require("fs").readFileSync("__passk_tagged_call.json", "utf8"); }
function date() { return new Date(0); }
`;
const call = (fn: string, args: readonly unknown[], expected: unknown): CodeReference["tests"][number] => ({
  kind: "tagged-call",
  fn,
  args: args.map((a, i) => encodeTagged(a, `args[${i}]`)),
  expected: encodeTagged(expected) as TaggedValue,
});

describe("tagged-call tests in the sandbox", () => {
  it("grades 2n**60n against 2n**60n + 1n as wrong, and passes values through exactly", async () => {
    const r = (await runVerifier(v, program, {
      tests: [
        call("pow60", [], 2n ** 60n + 1n),
        call("pow60", [], 2n ** 60n),
        call("pow60", [], 2 ** 60),
        call("succ", [2n ** 60n], 2n ** 60n + 1n),
        call("describe", [-0], ["number", true, false, null]),
        call("describe", [undefined], ["undefined", false, true, null]),
        call("describe", [new Map([[1n, "one"]])], ["object", false, false, "one"]),
        call("collections", [], { s: new Set([Number.NaN]), m: new Map<unknown, unknown>([["k", [undefined, null]], [1n, new Set(["b", "a"])]]) }),
        call("collections", [], { s: new Set([Number.NaN]), m: new Map<unknown, unknown>([["k", [null, null]], [1n, new Set(["b", "a"])]]) }),
        call("later", [], 7n),
      ],
    })) as CodeVerifierResult;
    expect(r.tests.map((t) => t.status)).toEqual(["wrong_answer", "passed", "wrong_answer", "passed", "passed", "passed", "passed", "passed", "wrong_answer", "passed"]);
    expect(r.tests[0]?.reason).toBe('expected {"$":"bigint","v":"1152921504606846977"}, got {"$":"bigint","v":"1152921504606846976"}');
    // 2n**60n is not the number 2**60.
    expect(r.tests[2]?.reason).toBe('expected {"$":"number","v":"1152921504606846976"}, got {"$":"bigint","v":"1152921504606846976"}');
  });

  it("compares -0 with 0 and NaN with NaN as equal, and says why a Date cannot be compared", async () => {
    const r = (await runVerifier(v, program, {
      tests: [call("negZero", [], 0), call("negZero", [], -0), call("nan", [], Number.NaN), call("nan", [], 0), call("date", [], null)],
    })) as CodeVerifierResult;
    expect(r.tests.map((t) => t.status)).toEqual(["passed", "passed", "passed", "wrong_answer", "wrong_answer"]);
    expect(r.tests[4]?.reason).toBe("expected null, got a Date, which a tagged-call test cannot compare");
  });

  it("never gives the expected value to the program", async () => {
    const r = (await runVerifier(v, program, { tests: [call("leak", [1n], "SECRET-7f3a")] })) as CodeVerifierResult;
    expect(r.tests[0]?.status).toBe("wrong_answer");
    // The call file holds the function and the arguments only.
    expect(r.tests[0]?.reason).toContain('{\\"fn\\":\\"leak\\",\\"args\\":[{\\"$\\":\\"bigint\\",\\"v\\":\\"1\\"}]}');
    expect(r.tests[0]?.reason?.split("got")[1]).not.toContain("SECRET");
  });

  it("refuses malformed references and Python programs", async () => {
    const lossy = await runVerifier(v, program, { tests: [{ kind: "tagged-call", fn: "pow60", args: [], expected: JSON.parse("1152921504606846977") as number }] });
    expect([lossy.status, lossy.reason]).toEqual([
      "error",
      'InvalidArgumentError: reference.tests[0].expected is an integer past 2^53 written as a plain JSON number (1152921504606846976), which JSON may already have rounded: write { "$": "bigint", "v": "..." } or { "$": "number", "v": "..." }',
    ]);
    const badFn = await runVerifier(v, program, { tests: [{ kind: "tagged-call", fn: "a.b", args: [], expected: null }] });
    expect(badFn.reason).toBe('InvalidArgumentError: reference.tests[0].fn must be a JavaScript identifier, got "a.b"');
    const py = codeVerifier({ language: "python", runner, extractCode: false });
    const r = await runVerifier(py, "def f(): pass", { tests: [{ kind: "tagged-call", fn: "f", args: [], expected: null }] });
    expect(r.reason).toBe("InvalidArgumentError: tagged-call tests run JavaScript programs only; the verifier's language is python");
  });
});
