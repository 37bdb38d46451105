// The framework examples in docs/verifiers.md are the files under test/verifiers/examples/ (which
// tsc type-checks and the suite runs where it can), and every built-in verifier has a name for
// the adapters to default to.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allOf, anyOf, exactMatch, firstThatExtracts, gsm8kMatch, multipleChoice, numericMatch, regexMatch, withTimeout } from "../../src/index.js";
import { mathVerifier } from "../../src/math/index.js";
import { codeVerifier } from "../../src/node/index.js";

const ROOT = join(import.meta.dirname, "..", "..");

describe("docs/verifiers.md framework examples", () => {
  const docs = readFileSync(join(ROOT, "docs", "verifiers.md"), "utf8");
  const blocks = [...docs.matchAll(/<!-- example: (\S+) -->\n```\w+\n([\s\S]*?)```\n/g)].map((m) => ({ file: m[1] as string, code: m[2] as string }));

  it("shows every example file verbatim, with the package's own import paths", () => {
    expect(blocks.map((b) => b.file).sort()).toEqual(
      [
        "autoevals.example.ts",
        "gsm8k-assert.mjs",
        "gsm8k.eval.ts",
        "passk-assert.mjs",
        "promptfooconfig.yaml",
        "vitest-evals.test.ts",
      ].map((f) => `test/verifiers/examples/${f}`),
    );
    for (const { file, code } of blocks) {
      const source = readFileSync(join(ROOT, file), "utf8")
        .replaceAll('"../../../src/index.js"', '"passk"')
        .replaceAll('"../../../src/node/index.js"', '"passk/node"');
      expect(code, file).toBe(source);
      expect(code, file).not.toContain("../src");
    }
  });

  it("the autoevals example runs", async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    try {
      const mod = (await import("./examples/autoevals.example.js")) as { tests: { name: string } };
      expect(mod.tests.name).toBe("unit tests");
    } finally {
      console.log = log;
    }
    expect(lines.slice(1)).toEqual(["correct", "correct"]);
  });
});

describe("built-in verifier names (the adapters' default scorer names)", () => {
  it("are the factory names; combinators list their parts", () => {
    const names = [exactMatch(), numericMatch(), multipleChoice(), gsm8kMatch(), regexMatch(/(\d+)/), mathVerifier(), codeVerifier({ language: "python" })].map((v) => v.name);
    expect(names).toEqual(["exactMatch", "numericMatch", "multipleChoice", "gsm8kMatch", "regexMatch", "mathVerifier", "codeVerifier"]);
    expect(anyOf<string>(exactMatch(), numericMatch()).name).toBe("anyOf(exactMatch, numericMatch)");
    expect(allOf<string>(exactMatch(), (() => () => ({ status: "wrong", correct: false }) as const)()).name).toBe("allOf(exactMatch, anonymous)");
    expect(firstThatExtracts(gsm8kMatch(), gsm8kMatch({ mode: "flexible" })).name).toBe("firstThatExtracts(gsm8kMatch, gsm8kMatch)");
    expect(withTimeout(gsm8kMatch(), 100).name).toBe("gsm8kMatch");
  });
});
