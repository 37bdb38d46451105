// The consumer's own program, compiled by tsc under each project's settings and then run. It uses
// every entry point and asserts that objects and errors cross between them: one class per format.
// Expected values are hand-derived: pass@k(n=10, c=3) = 1 - C(7,k)/C(10,k).
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Decimal,
  InvalidArgumentError,
  PasskError,
  TallyAccumulator,
  passAtK,
  passAtKCurve,
  passAtKExact,
  type Tally,
} from "passk";
import { MathLimitError, mathEquivalent, mathVerifier } from "passk/math";
import { IngestError, flatReader, ingestJsonl } from "passk/node";

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`consumer check failed: ${what}`);
}

// Decimal as a type and a value.
const exact: Decimal = passAtKExact(10, 3, 2);
const two: Decimal = new Decimal(2);
check(exact instanceof Decimal, "passAtKExact returns a Decimal");
check(exact.mul(45).eq(24), `pass@2 = 24/45 exactly, got ${exact.toString()}`);
check(two.plus(1).eq(3), "new Decimal works");
check(passAtK(10, 3, 1) === 0.3, "pass@1 = 0.3");

const tallies: Tally[] = [
  { problemId: "a", n: 10, c: 3 },
  { problemId: "b", n: 10, c: 0 },
];
const curve = passAtKCurve(tallies, [1, 2]);
check(curve.length === 2 && curve[0]?.k === 1 && Math.abs((curve[0]?.value ?? NaN) - 0.15) < 1e-15, "curve at k=1");

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "passk-consumer-"));
  try {
    const file = join(dir, "samples.jsonl");
    writeFileSync(
      file,
      [
        { model: "m", problem_id: "p", sample_index: 0, correct: true },
        { model: "m", problem_id: "p", sample_index: 1, correct: false },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n") + "\n",
    );
    // A class from `passk` accepted by `passk/node`, and the other way round.
    const mine = new TallyAccumulator();
    const result = await ingestJsonl(file, { reader: flatReader(), accumulator: mine });
    check(result.accumulator === mine, "ingestJsonl fills the accumulator it was given");
    check(result.accumulator instanceof TallyAccumulator, "accumulator from passk/node is a passk TallyAccumulator");
    check(TallyAccumulator.name === "TallyAccumulator", `class names survive the build, got ${TallyAccumulator.name}`);
    const other = new TallyAccumulator();
    other.add({ model: "m", problemId: "q", sampleIndex: 0, correct: true });
    const merged = TallyAccumulator.mergeAll([other, result.accumulator]);
    check(merged.talliesFor("m").length === 2, "mergeAll across entry points");

    // Errors from every entry point are PasskErrors.
    try {
      await ingestJsonl(join(dir, "missing.jsonl"), { reader: flatReader() });
      check(false, "missing file must throw");
    } catch (e) {
      check(e instanceof IngestError && e instanceof PasskError, "IngestError from passk/node is a PasskError");
      check((e as Error).name === "IngestError", `error names survive the build, got ${(e as Error).name}`);
    }
    try {
      passAtK(1, 2, 1);
    } catch (e) {
      check(e instanceof InvalidArgumentError && e instanceof PasskError, "core errors are PasskErrors");
    }
    check(new MathLimitError("x") instanceof PasskError, "MathLimitError from passk/math is a PasskError");

    // One math verdict.
    check(mathEquivalent("\\frac{1}{2}", "0.5").equivalent, "1/2 = 0.5");
    const verdict = await mathVerifier()("so $\\boxed{4}$", "4", { signal: new AbortController().signal, deadline: Infinity });
    check(verdict.status === "correct", `math verdict, got ${verdict.status}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`consumer ok: pass@2 = ${exact.toString()}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
