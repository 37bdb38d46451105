// passk → promptfoo, tested against promptfoo's assertion contract without installing promptfoo
// (it needs Node ≥ 22). The contract, from promptfoo's JavaScript-assertion docs and its loader:
// a `file://x.mjs` assertion is imported, its function (the named export after `:`, else the
// module itself if callable, else `default`) is called as `fn(output, context)`, where `context`
// has `vars`, `config` (the assertion's config), `prompt`, `test`, …; it returns a boolean, a
// number or a GradingResult `{ pass: boolean, score: number, reason: string }`. An exception out of
// a `file://` JavaScript assertion is not caught by the assertion: the test row becomes an error.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  VerificationFailedError,
  exactMatch,
  gsm8kMatch,
  promptfooAssertion,
  toPromptfooAssertion,
  type PromptfooAssertionContext,
  type PromptfooGradingResult,
  type Verifier,
} from "../../src/index.js";

const ROOT = join(import.meta.dirname, "..", "..");
const EXAMPLES = join(import.meta.dirname, "examples");

/** promptfoo's test of a GradingResult: boolean pass, finite score, string reason. */
function isGradingResult(r: unknown): r is PromptfooGradingResult {
  if (r === null || typeof r !== "object") return false;
  const o = r as Record<string, unknown>;
  return typeof o.pass === "boolean" && typeof o.score === "number" && Number.isFinite(o.score) && typeof o.reason === "string";
}

/** A context as promptfoo builds it for one test case. */
function contextFor(vars: Record<string, unknown>, config?: Record<string, unknown>): PromptfooAssertionContext {
  return {
    prompt: "Solve: …",
    vars,
    ...(config === undefined ? {} : { config }),
    test: { vars, assert: [] },
    logProbs: undefined,
    provider: undefined,
    providerResponse: { output: "" },
  } as PromptfooAssertionContext;
}

describe("toPromptfooAssertion", () => {
  it("returns promptfoo GradingResults named after the verifier", async () => {
    const assert = toPromptfooAssertion(gsm8kMatch(), { reference: (context) => context.vars.answer as string });
    expect(assert.name).toBe("gsm8kMatch");
    const pass = await assert("48 + 24 = 72\n#### 72", contextFor({ answer: "72" }));
    expect(isGradingResult(pass)).toBe(true);
    expect(pass).toEqual({ pass: true, score: 1, reason: 'gsm8kMatch: correct (extracted "72")', namedScores: { gsm8kMatch: 1 } });
    expect(await assert("#### 70", contextFor({ answer: "72" }))).toEqual({
      pass: false,
      score: 0,
      reason: 'gsm8kMatch: wrong (extracted "70"): expected 72, got 70',
      namedScores: { gsm8kMatch: 0 },
    });
    expect((await assert("seventy-two", contextFor({ answer: "72" }))).reason).toBe("gsm8kMatch: unparsed: no #### answer in the response");
  });

  it("throws (promptfoo's error channel) when the verifier cannot judge or the output is not text", async () => {
    const broken: Verifier<string> = function broken() {
      throw new Error("sandbox down");
    };
    const assert = toPromptfooAssertion(broken, { reference: () => "x" });
    await expect(assert("anything", contextFor({}))).rejects.toBeInstanceOf(VerificationFailedError);
    const exact = toPromptfooAssertion(exactMatch(), { reference: () => "Paris" });
    await expect(exact({ city: "Paris" }, contextFor({}))).rejects.toMatchObject({ code: "VERIFICATION_FAILED" });
    const mapped = toPromptfooAssertion(exactMatch(), { reference: () => "Paris", response: (output) => (output as { city: string }).city });
    expect((await mapped({ city: "Paris" }, contextFor({}))).pass).toBe(true);
    expect(() => toPromptfooAssertion(exactMatch(), {} as never)).toThrow(InvalidArgumentError);
  });
});

describe("promptfooAssertion (config-driven)", () => {
  it("builds the configured verifier and reads the reference variable", async () => {
    const r = await promptfooAssertion("#### 72", contextFor({ answer: "72" }, { verifier: "gsm8k", referenceVar: "answer" }));
    expect(r).toEqual({ pass: true, score: 1, reason: 'gsm8kMatch: correct (extracted "72")', namedScores: { gsm8kMatch: 1 } });
    const choice = await promptfooAssertion("I'd go with D", contextFor({}, { verifier: "choice", reference: "D", name: "mmlu", options: { choices: "ABCD" } }));
    expect(choice).toEqual({ pass: true, score: 1, reason: 'mmlu: correct (extracted "D")', namedScores: { mmlu: 1 } });
    const flexible = await promptfooAssertion("so 72 in total", contextFor({ a: 72 }, { verifier: "gsm8k", referenceVar: "a", options: { mode: "flexible" } }));
    expect(flexible.pass).toBe(true);
    expect((await promptfooAssertion("Paris", contextFor({ city: "paris" }, { verifier: "exact", referenceVar: "city" }))).pass).toBe(true);
  });

  it("rejects a bad config with a typed error naming the field", async () => {
    const bad: Array<[Record<string, unknown> | undefined, string]> = [
      [undefined, "config.verifier"],
      [{ verifier: "math", reference: "1" }, "config.verifier"],
      [{ verifier: "gsm8k" }, "config.referenceVar"],
      [{ verifier: "gsm8k", reference: "1", referenceVar: "answer" }, "config.referenceVar"],
      [{ verifier: "gsm8k", referenceVar: "missing" }, "config.referenceVar"],
      [{ verifier: "gsm8k", reference: "1", threshold: 0.5 }, "config.threshold"],
      [{ verifier: "gsm8k", reference: "1", options: { relTol: 0.1 } }, "config.options.relTol"],
      [{ verifier: "numeric", reference: "1", options: [] }, "config.options"],
    ];
    for (const [config, field] of bad) {
      const p = promptfooAssertion("#### 1", contextFor({ answer: "1" }, config));
      await expect(p, JSON.stringify(config)).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(p, JSON.stringify(config)).rejects.toMatchObject({ field });
    }
    // the verifiers' own option checks apply
    await expect(promptfooAssertion("1", contextFor({}, { verifier: "numeric", reference: 1, options: { relTol: -1 } }))).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe("the documented file:// modules, loaded as promptfoo loads them", () => {
  const run = promisify(execFile);
  // promptfoo's loader: import the file, take the named function, else the module, else `default`,
  // call it with (output, context). Run in a child process on the built package ("passk" resolves
  // to this package by self-reference, as it resolves to node_modules/passk for a user).
  const LOADER = `
    import { pathToFileURL } from "node:url";
    const [file, fnName, output, context] = process.argv.slice(1);
    const mod = await import(pathToFileURL(file).href);
    const fn = fnName ? mod[fnName] : typeof mod === "function" ? mod : mod.default;
    try {
      console.log(JSON.stringify({ result: await fn(output, JSON.parse(context)) }));
    } catch (e) {
      console.log(JSON.stringify({ threw: { name: e.name, code: e.code, message: e.message } }));
    }`;
  const load = async (file: string, output: string, context: PromptfooAssertionContext): Promise<{ result?: unknown; threw?: Record<string, string> }> => {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", LOADER, join(EXAMPLES, file), "", output, JSON.stringify(context)], { cwd: EXAMPLES });
    return JSON.parse(stdout) as { result?: unknown; threw?: Record<string, string> };
  };

  it("the one-line re-export and the wrapped verifier grade as documented", async () => {
    expect(existsSync(join(ROOT, "dist", "node", "index.js")), "build passk first (npm run build)").toBe(true);
    expect(readFileSync(join(EXAMPLES, "passk-assert.mjs"), "utf8")).toBe('export { promptfooAssertion as default } from "passk";\n');
    const config = readFileSync(join(EXAMPLES, "promptfooconfig.yaml"), "utf8");
    expect(config).toContain("value: file://passk-assert.mjs\n        config: { verifier: gsm8k, referenceVar: answer }");
    const vars = { question: "…", answer: "72" };
    const ready = await load("passk-assert.mjs", "48 + 24 = 72\n#### 72", contextFor(vars, { verifier: "gsm8k", referenceVar: "answer" }));
    expect(ready).toEqual({ result: { pass: true, score: 1, reason: 'gsm8kMatch: correct (extracted "72")', namedScores: { gsm8kMatch: 1 } } });
    const own = await load("gsm8k-assert.mjs", "They sold 72 clips altogether.", contextFor(vars));
    expect(own).toEqual({ result: { pass: true, score: 1, reason: 'gsm8kMatch: correct (extracted "72")', namedScores: { gsm8kMatch: 1 } } });
    expect(isGradingResult(own.result)).toBe(true);
    const misconfigured = await load("passk-assert.mjs", "#### 72", contextFor(vars, { verifier: "gsm8k", referenceVar: "solution" }));
    expect(misconfigured.threw).toMatchObject({ name: "InvalidArgumentError", code: "INVALID_ARGUMENT" });
  });
});
