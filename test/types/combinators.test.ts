// anyOf / allOf / firstThatExtracts over verifiers of different reference types: the combined
// verifier accepts the references all of them accept, inferred without a type argument.
// `npm run typecheck` compiles this file; the @ts-expect-error lines fail the build if a wrong
// reference type ever compiles.
import { describe, expect, it } from "vitest";
import { allOf, anyOf, exactMatch, firstThatExtracts, numericMatch, regexMatch, runVerifier, type Verifier } from "../../src/index.js";

describe("combinators infer the shared reference type", () => {
  it("anyOf(exactMatch, numericMatch) grades a string reference", async () => {
    const v = anyOf(exactMatch(), numericMatch());
    const typed: Verifier<string> = v;
    // @ts-expect-error a number suits numericMatch but not exactMatch
    const notNumbers: Verifier<number> = v;
    void notNumbers;
    expect((await runVerifier(typed, "1,000", "1000")).status).toBe("correct");
    expect((await runVerifier(v, "999", "1000")).status).toBe("wrong");
  });

  it("allOf and firstThatExtracts type their result the same way", async () => {
    const both = allOf(numericMatch(), regexMatch(/^\d+$/u));
    const first = firstThatExtracts(exactMatch(), numericMatch());
    expect((await runVerifier(both, "42", "42")).status).toBe("correct");
    expect((await runVerifier(both, "42.0", "42")).status).toBe("unparsed");
    expect((await runVerifier(first, "42", "42")).status).toBe("correct");
  });

  it("an explicit reference type still works as before", async () => {
    const v = anyOf<string>(exactMatch(), numericMatch());
    expect((await runVerifier(v, "7", "7")).status).toBe("correct");
  });
});
