import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  InvalidArgumentError,
  VerificationFailedError,
  allOf,
  anyOf,
  checkVerifierResult,
  exactMatch,
  firstThatExtracts,
  fromAutoevalsScorer,
  fromEvaliteScorer,
  gsm8kMatch,
  judged,
  numericMatch,
  runVerifier,
  toAutoevalsScorer,
  toEvaliteScorer,
  unparsed,
  verifierContext,
  verifierError,
  verifyBatch,
  withTimeout,
  type Verifier,
  type VerifierResult,
  type VerifierStatus,
} from "../../src/index.js";

const fixed = (status: VerifierStatus, score?: number): Verifier<unknown> => () =>
  ({ status, correct: status === "correct", ...(score === undefined ? {} : { score }) }) as VerifierResult;
const thrower: Verifier<unknown> = () => {
  throw new TypeError("boom");
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("runVerifier", () => {
  it("turns throws, rejections and malformed results into errors", async () => {
    expect(await runVerifier(thrower, "x", 1)).toEqual({ status: "error", correct: false, reason: "TypeError: boom" });
    expect((await runVerifier(() => Promise.reject(new Error("nope")), "x", 1)).reason).toBe("Error: nope");
    const bad = [
      null,
      { status: "correct", correct: false },
      { status: "ok", correct: true },
      { status: "wrong", correct: false, score: Number.NaN },
      { status: "wrong", correct: false, score: -0.1 },
      { status: "wrong", correct: false, extracted: 5 },
    ];
    for (const b of bad) {
      const r = await runVerifier(() => b as unknown as VerifierResult, "x", 1);
      expect(r.status, JSON.stringify(b)).toBe("error");
      expect(r.reason).toMatch(/^malformed verifier result/);
    }
    expect(checkVerifierResult({ status: "unparsed", correct: false, score: 0 })).toBeUndefined();
    expect((await runVerifier(exactMatch(), 5 as unknown as string, "5")).status).toBe("error");
  });
  it("builds contexts", () => {
    expect(verifierContext({ now: 100, timeoutMs: 50 }).deadline).toBe(150);
    const c = new AbortController();
    expect(verifierContext({ signal: c.signal }).signal).toBe(c.signal);
  });
});

describe("combinators", () => {
  const statuses: VerifierStatus[] = ["correct", "wrong", "unparsed", "timeout", "error"];
  it("anyOf: correct if any is correct, unknown if an error could have been correct", async () => {
    const s = async (...v: VerifierStatus[]) => (await runVerifier(anyOf(...v.map((x) => fixed(x))), "r", 0)).status;
    expect(await s("wrong", "correct")).toBe("correct");
    expect(await s("error", "correct")).toBe("correct");
    expect(await s("wrong", "error")).toBe("error");
    expect(await s("timeout", "wrong")).toBe("timeout");
    expect(await s("unparsed", "wrong")).toBe("wrong");
    expect(await s("unparsed", "unparsed")).toBe("unparsed");
    expect((await runVerifier(anyOf(thrower, fixed("wrong")), "r", 0)).reason).toBe("TypeError: boom");
  });
  it("allOf: rejects on any conclusive rejection, score is the minimum", async () => {
    const s = async (...v: VerifierStatus[]) => (await runVerifier(allOf(...v.map((x) => fixed(x))), "r", 0)).status;
    expect(await s("correct", "correct")).toBe("correct");
    expect(await s("correct", "wrong")).toBe("wrong");
    expect(await s("error", "wrong")).toBe("wrong");
    expect(await s("error", "correct")).toBe("error");
    expect(await s("correct", "timeout")).toBe("timeout");
    expect(await s("unparsed", "correct")).toBe("unparsed");
    expect((await runVerifier(allOf(fixed("correct", 0.9), fixed("correct", 0.7)), "r", 0)).score).toBe(0.7);
  });
  it("agree with their boolean definition on conclusive inputs (property)", async () => {
    const conclusive = fc.array(fc.constantFrom<VerifierStatus>("correct", "wrong"), { minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(conclusive, async (list) => {
        const vs = list.map((x) => fixed(x));
        const any = await runVerifier(anyOf(...vs), "r", 0);
        const all = await runVerifier(allOf(...vs), "r", 0);
        return any.correct === list.includes("correct") && all.correct === list.every((x) => x === "correct");
      }),
      { numRuns: 100, seed: 7 },
    );
    void statuses;
  });
  it("firstThatExtracts returns the first non-unparsed result and never skips errors", async () => {
    const v = firstThatExtracts(gsm8kMatch(), gsm8kMatch({ mode: "flexible" }));
    expect((await runVerifier(v, "#### 5", "5")).status).toBe("correct");
    expect((await runVerifier(v, "so it is 5", "5")).status).toBe("correct");
    expect((await runVerifier(v, "no digits", "5")).status).toBe("unparsed");
    expect((await runVerifier(firstThatExtracts(fixed("unparsed"), thrower, fixed("correct")), "r", 0)).status).toBe("error");
    expect(() => anyOf()).toThrow(InvalidArgumentError);
    expect(() => allOf(5 as unknown as Verifier<unknown>)).toThrow(InvalidArgumentError);
  });
  it("withTimeout times out, aborts the inner signal, and passes fast results through", async () => {
    let abortedInside = false;
    const slow: Verifier<unknown> = (_r, _ref, ctx) =>
      new Promise((resolve) => {
        const t = setTimeout(() => resolve(judged(true)), 2000);
        ctx.signal.addEventListener("abort", () => {
          abortedInside = true;
          clearTimeout(t);
        });
      });
    const t0 = Date.now();
    const r = await runVerifier(withTimeout(slow, 30), "r", 0);
    expect(r).toMatchObject({ status: "timeout", correct: false });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(abortedInside).toBe(true);
    expect((await runVerifier(withTimeout(fixed("wrong"), 1000), "r", 0)).status).toBe("wrong");
    let deadlineSeen = 0;
    await runVerifier(withTimeout((_r, _f, ctx) => ((deadlineSeen = ctx.deadline), judged(true)), 500), "r", 0, verifierContext({ now: 0, timeoutMs: 10 }));
    expect(deadlineSeen).toBe(10); // the earlier of the outer and inner deadlines
    const outer = new AbortController();
    const p = runVerifier(withTimeout(slow, 5000), "r", 0, verifierContext({ signal: outer.signal }));
    outer.abort(new Error("user cancelled"));
    expect(await p).toMatchObject({ status: "error", reason: "aborted: Error: user cancelled" });
    expect(() => withTimeout(slow, 0)).toThrow(InvalidArgumentError);
  });
});

describe("verifyBatch", () => {
  const items = Array.from({ length: 20 }, (_, i) => ({
    model: "m",
    problemId: `p${i % 5}`,
    sampleIndex: Math.floor(i / 5),
    response: String(i),
    reference: i % 3 === 0 ? i : i + 1,
  }));
  it("keeps input order under bounded concurrency and reports progress", async () => {
    let active = 0;
    let peak = 0;
    const v: Verifier<number> = async (response, ref) => {
      active++;
      peak = Math.max(peak, active);
      await sleep((Number(response) * 7) % 5); // completion order differs from input order
      active--;
      return judged(Number(response) === ref, { extracted: response });
    };
    const progress: number[] = [];
    const out = await verifyBatch(items, v, { concurrency: 3, onProgress: (p) => progress.push(p.done) });
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(out.results.map((r) => r.extracted)).toEqual(items.map((i) => i.response));
    expect(out.records.map((r) => [r.problemId, r.sampleIndex, r.correct])).toEqual(
      items.map((i) => [i.problemId, i.sampleIndex, Number(i.response) % 3 === 0]),
    );
    expect(out.counts).toEqual({ correct: 7, wrong: 13, unparsed: 0, timeout: 0, error: 0 });
  });
  it("isolates failures: a throwing sample is an error, excluded by default, never a wrong", async () => {
    const v: Verifier<number> = (response, ref) => {
      if (response === "4") throw new Error("grader crashed");
      if (response === "5") return unparsed("nothing");
      return judged(Number(response) === ref);
    };
    const out = await verifyBatch(items.slice(0, 8), v);
    expect(out.counts).toEqual({ correct: 3, wrong: 3, unparsed: 1, timeout: 0, error: 1 });
    expect(out.records).toHaveLength(7);
    expect(out.records.find((r) => r.problemId === "p4")).toBeUndefined();
    expect(out.failed).toEqual([{ index: 4, model: "m", problemId: "p4", sampleIndex: 0, result: verifierError("Error: grader crashed") }]);
    const unp = out.records.find((r) => r.problemId === "p0" && r.sampleIndex === 1);
    expect(unp?.correct).toBe(false);
    const asWrong = await verifyBatch(items.slice(0, 8), v, { onFailure: "wrong" });
    expect(asWrong.records).toHaveLength(8);
    expect(asWrong.records[4]?.correct).toBe(false);
    expect(asWrong.failed).toHaveLength(1);
  });
  it("applies per-sample timeouts, thresholds and response copies", async () => {
    const v: Verifier<number> = async (response, _ref, ctx) => {
      if (response === "1") await new Promise((r) => ctx.signal.addEventListener("abort", r));
      return { status: "correct", correct: true, score: 0.5 };
    };
    const out = await verifyBatch(items.slice(0, 3), v, { timeoutMs: 50, threshold: 0.5, keepResponses: true });
    expect(out.counts.timeout).toBe(1);
    expect(out.records).toEqual([
      { model: "m", problemId: "p0", sampleIndex: 0, correct: true, score: 0.5, threshold: 0.5, response: "0" },
      { model: "m", problemId: "p2", sampleIndex: 0, correct: true, score: 0.5, threshold: 0.5, response: "2" },
    ]);
  });
  it("validates items and options before running", async () => {
    await expect(verifyBatch([{ model: "m", problemId: 3, response: "x", reference: 1 }] as never, numericMatch())).rejects.toThrow(/items\[0\]\.problemId/);
    await expect(verifyBatch([{ model: "m", problemId: "p", sampleIndex: -1, response: "x", reference: 1 }], numericMatch())).rejects.toThrow(/sampleIndex/);
    await expect(verifyBatch(items, numericMatch(), { concurrency: 0 })).rejects.toThrow(InvalidArgumentError);
    for (const timeoutMs of [0, -5, Number.NaN, "100" as unknown as number]) {
      await expect(verifyBatch(items, numericMatch(), { timeoutMs }), String(timeoutMs)).rejects.toMatchObject({ code: "INVALID_ARGUMENT", field: "timeoutMs" });
    }
    expect((await verifyBatch([], numericMatch())).records).toEqual([]);
    // Infinity turns the per-sample budget off explicitly.
    expect((await verifyBatch(items.slice(0, 2), numericMatch(), { timeoutMs: Infinity })).counts.wrong).toBe(1);
  });

  it("resolves an abort with the results finished so far and marks the rest", async () => {
    const ac = new AbortController();
    // Samples with an even response finish at once; odd ones wait for the abort.
    const v: Verifier<number> = (response, ref, ctx) =>
      Number(response) % 2 === 0 ? judged(Number(response) === ref) : new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve(judged(true))));
    const six = items.slice(0, 6); // responses 0..5; references 0, 2, 3, 3, 5, 6: sample 0 right, sample 2 wrong
    const seen: number[] = [];
    const p = verifyBatch(six, v, { concurrency: 2, signal: ac.signal, onFailure: "wrong", onProgress: (x) => seen.push(x.index) });
    await vi.waitFor(() => expect(seen.length).toBe(2)); // samples 0 and 2 finished; 1 and 3 wait, 4 and 5 not started
    ac.abort(new Error("stop"));
    const out = await p;
    expect(out.aborted).toBe(true);
    expect(out.unverified).toEqual([1, 3, 4, 5]);
    expect(out.results.map((r) => r.status)).toEqual(["correct", "error", "wrong", "error", "error", "error"]);
    expect(out.results[1]?.reason).toBe("not verified: the batch was aborted (Error: stop)");
    // Unverified samples are never recorded as wrong, even with onFailure: "wrong".
    expect(out.records.map((r) => r.problemId)).toEqual(["p0", "p2"]);
    expect(out.failed.map((f) => f.index)).toEqual([1, 3, 4, 5]);
    expect(out.counts).toEqual({ correct: 1, wrong: 1, unparsed: 0, timeout: 0, error: 4 });
    // A signal that is already aborted leaves everything unverified, without calling the verifier.
    let calls = 0;
    const pre = await verifyBatch(six, () => (calls++, judged(true)), { signal: AbortSignal.abort(new Error("early")) });
    expect([pre.aborted, pre.unverified.length, pre.records.length, calls]).toEqual([true, 6, 0, 0]);
    // A batch that ends normally says so.
    const ok = await verifyBatch(six, numericMatch());
    expect([ok.aborted, ok.unverified]).toEqual([false, []]);
  });

  it("rejects when onProgress throws, and aborts the verifications in flight", async () => {
    let abortedInside = 0;
    const slow: Verifier<number> = (response, _ref, ctx) =>
      response === "0" ? judged(true) : new Promise((resolve) => ctx.signal.addEventListener("abort", () => (abortedInside++, resolve(judged(false)))));
    const p = verifyBatch(items.slice(0, 3), slow, {
      concurrency: 3,
      onProgress: () => {
        throw new Error("progress bar broke");
      },
    });
    await expect(p).rejects.toThrow("progress bar broke");
    expect(abortedInside).toBe(2);
  });
});

describe("verifyBatch containment of hostile results and hung verifiers", () => {
  const items = Array.from({ length: 4 }, (_, i) => ({ model: "m", problemId: `p${i}`, response: String(i), reference: i }));
  afterEach(() => {
    vi.useRealTimers();
  });

  it("turns results whose getters throw into errors instead of crashing the batch", async () => {
    const throwingStatus = { get status(): never { throw new Error("gotcha"); }, correct: true };
    const throwingKeys = new Proxy({ status: "correct", correct: true }, { ownKeys: () => { throw new Error("no keys"); } });
    const throwingString = { status: "wrong", correct: { toString: () => { throw new Error("no string"); } } };
    const hostile = [throwingStatus, throwingKeys, throwingString];
    const v: Verifier<number> = (response) => (Number(response) < 3 ? (hostile[Number(response)] as VerifierResult) : judged(true));
    const out = await verifyBatch(items.slice(0, 4), v);
    expect(out.results.map((r) => r.status)).toEqual(["error", "error", "error", "correct"]);
    expect(out.results.map((r) => r.reason)).toEqual([
      "malformed verifier result: Error: gotcha",
      "malformed verifier result: Error: no keys",
      "malformed verifier result: Error: no string",
      undefined,
    ]);
    expect(out.records.map((r) => r.problemId)).toEqual(["p3"]);
  });

  it("reads a result once: a getter cannot pass the check as one thing and be tallied as another", async () => {
    let reads = 0;
    const shifty = {
      get status() {
        reads++;
        return reads === 1 ? "wrong" : "correct";
      },
      correct: false,
    };
    const r = await runVerifier(() => shifty as VerifierResult, "x", 0);
    expect(r).toEqual({ status: "wrong", correct: false });
    expect(Object.getOwnPropertyDescriptor(r, "status")?.get).toBeUndefined();
    expect(reads).toBe(1);
    const out = await verifyBatch([{ model: "m", problemId: "p", response: "x", reference: 0 }], () => {
      reads = 0;
      return shifty as VerifierResult;
    });
    expect([out.counts.wrong, out.counts.correct, out.records[0]?.correct]).toEqual([1, 0, false]);
  });

  it("settles a verifier that never settles at the default budget of 10 minutes", async () => {
    vi.useFakeTimers();
    const hung: Verifier<number> = () => new Promise(() => undefined);
    const p = verifyBatch([{ model: "m", problemId: "p", response: "x", reference: 0 }], hung);
    await vi.advanceTimersByTimeAsync(599_999);
    let settled = false;
    void p.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const out = await p;
    expect(out.results[0]).toEqual({ status: "timeout", correct: false, reason: "verifier exceeded 600000 ms" });
    expect(out.failed).toHaveLength(1);
  });
});

describe("framework adapters", () => {
  it("exposes passk verifiers as autoevals and evalite scorers", async () => {
    const s = toAutoevalsScorer(numericMatch(), { name: "num" });
    expect(await s({ output: "x = 4", expected: 4 })).toEqual({ name: "num", score: 1, metadata: { status: "correct", correct: true, extracted: "4" } });
    expect((await s({ output: "nothing", expected: 4 })).score).toBe(0);
    await expect(s({ output: "4", expected: "four" })).rejects.toBeInstanceOf(VerificationFailedError);
    const e = toEvaliteScorer(allOf(fixed("correct", 0.25)), { name: "frac", description: "d" });
    expect(e.description).toBe("d");
    expect(await e.scorer({ output: "x", expected: 0 })).toEqual({ score: 0.25, metadata: { status: "correct", correct: true } });
    await expect(toEvaliteScorer(thrower, { name: "t" }).scorer({ output: "x" })).rejects.toMatchObject({ code: "VERIFICATION_FAILED", status: "error" });
    expect(() => toAutoevalsScorer(numericMatch(), { name: "" })).toThrow(InvalidArgumentError);
  });
  it("wraps autoevals and evalite scorers as verifiers", async () => {
    const levenshteinish = ({ output, expected }: { output: string; expected?: string }) => ({
      name: "Sim",
      score: output === expected ? 1 : 0.6,
      metadata: { rationale: "close" },
    });
    expect(await runVerifier(fromAutoevalsScorer(levenshteinish, { threshold: 0.5 }), "ab", "abc")).toEqual({
      status: "correct",
      correct: true,
      score: 0.6,
      reason: "close",
    });
    expect((await runVerifier(fromAutoevalsScorer(levenshteinish), "ab", "abc")).status).toBe("wrong");
    expect((await runVerifier(fromAutoevalsScorer(() => ({ name: "skip", score: null })), "a", "b")).status).toBe("error");
    expect((await runVerifier(fromAutoevalsScorer(() => ({ name: "big", score: 2 })), "a", "b")).status).toBe("error");
    expect((await runVerifier(fromEvaliteScorer(({ output }) => (output === "y" ? 1 : 0)), "y", undefined)).status).toBe("correct");
    expect((await runVerifier(fromEvaliteScorer({ name: "n", scorer: async () => ({ score: 0.2 }) }), "y", undefined)).score).toBe(0.2);
    expect((await runVerifier(fromEvaliteScorer(() => { throw new Error("llm down"); }), "y", undefined)).status).toBe("error");
    expect(() => fromEvaliteScorer({} as never)).toThrow(InvalidArgumentError);
    expect(() => fromAutoevalsScorer(levenshteinish, { threshold: 1.5 })).toThrow(InvalidArgumentError);
  });
  it("round-trips: passk → autoevals → passk keeps the judgement", async () => {
    const back = fromAutoevalsScorer(toAutoevalsScorer(gsm8kMatch(), { name: "g" }));
    expect((await runVerifier(back, "#### 7", "7")).status).toBe("correct");
    expect((await runVerifier(back, "#### 8", "7")).status).toBe("wrong");
    expect((await runVerifier(back, "#### 8", "x")).status).toBe("error");
  });
});
