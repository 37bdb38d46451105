import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal as ReExported, InvalidArgumentError, KExceedsSamplesError, passAtK, passAtKExact, passHatKExact } from "../src/index.js";
import { binom, relErr } from "./helpers/exact.js";

const D100 = Decimal.clone({ precision: 100 });

/** Reference: exact rational via BigInt binomials, divided at 100 digits, rounded half-even to `digits`. */
function ref(num: bigint, den: bigint, digits: number): string {
  return new D100(num.toString()).div(den.toString()).toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN).toString();
}

describe("passAtKExact", () => {
  it("gives hand-derived exact values", () => {
    expect(passAtKExact(10, 3, 2, { digits: 20 }).toString()).toBe("0.53333333333333333333");
    expect(passAtKExact(10, 3, 2, { digits: 1 }).toString()).toBe("0.5");
    expect(passAtKExact(4, 2, 2).toString()).toBe(new D100(5).div(6).toSignificantDigits(40).toString());
    expect(passAtKExact(5, 0, 5).toString()).toBe("0");
    expect(passAtKExact(5, 3, 3).toString()).toBe("1");
    expect(passAtKExact(100000, 1, 1).toString()).toBe("0.00001");
  });

  it("rounds half to even exactly at the boundary", () => {
    // pass@1 with n = 8, c = 1 is 0.125 exactly: at 2 digits half-even gives 0.12, at 1 digit 0.1.
    expect(passAtKExact(8, 1, 1, { digits: 2 }).toString()).toBe("0.12");
    // n = 8, c = 3: 0.375 → 0.38 (half-even rounds up to the even 8)
    expect(passAtKExact(8, 3, 1, { digits: 2 }).toString()).toBe("0.38");
    // Not a tie: 1/3 = 0.333… at 1 digit is 0.3
    expect(passAtKExact(3, 1, 1, { digits: 1 }).toString()).toBe("0.3");
  });

  it("matches BigInt binomials rounded to the requested digits", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: 60 })),
        ),
        ([n, c, k, digits]) => {
          const den = binom(n, k);
          return passAtKExact(n, c, k, { digits }).toString() === ref(den - binom(n - c, k), den, digits);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });

  it("handles n = 100,000 (small c: hand-checkable product; large c: runs)", () => {
    // 1 − C(99997, 50000)/C(100000, 50000) = 1 − (50000·49999·49998)/(100000·99999·99998)
    const num = 50000n * 49999n * 49998n;
    const den = 100000n * 99999n * 99998n;
    expect(passAtKExact(100000, 3, 50000, { digits: 50 }).toString()).toBe(ref(den - num, den, 50));
    // c = k = 50,000: C(50000, 50000)/C(100000, 50000) ≈ 1e-30101, so pass@k is 1 − (that): 40 nines would need 30,100.
    const v = passAtKExact(100000, 50000, 50000, { digits: 40 });
    expect(v.toString()).toBe("1");
    const far = passAtKExact(100000, 5, 99990, { digits: 30 });
    // C(99995, 99990)/C(100000, 99990) = C(99995,5)/C(100000,10) — compare with BigInt
    const f = binom(99995, 5);
    const d = binom(100000, 10);
    expect(far.toString()).toBe(ref(d - f, d, 30));
  });

  it("agrees with the float estimator", () => {
    for (const [n, c, k] of [[5000, 1, 1], [5000, 2500, 3], [1024, 17, 256]] as const) {
      expect(relErr(passAtK(n, c, k), passAtKExact(n, c, k).toNumber())).toBeLessThanOrEqual(1e-12);
    }
  });

  it("returns the decimal.js Decimal that passk re-exports", () => {
    const v = passAtKExact(10, 3, 2);
    expect(v).toBeInstanceOf(Decimal);
    expect(ReExported).toBe(Decimal);
  });

  it("validates inputs and digits", () => {
    expect(() => passAtKExact(4, 0, 8)).toThrow(KExceedsSamplesError);
    expect(() => passAtKExact(4, 5, 1)).toThrow(InvalidArgumentError);
    expect(() => passAtKExact(4, 1, 1, { digits: 0 })).toThrow(/digits must be an integer from 1 to 10000, got 0/);
    expect(() => passAtKExact(4, 1, 1, { digits: 2.5 })).toThrow(InvalidArgumentError);
    expect(() => passAtKExact(2_000_000, 1, 1)).toThrow(/above the exact-arithmetic limit/);
  });
});

describe("passHatKExact", () => {
  it("gives exact C(c,k)/C(n,k) without underflow", () => {
    expect(passHatKExact(10, 3, 2, { digits: 10 }).toString()).toBe("0.06666666667");
    expect(passHatKExact(10, 3, 4).toString()).toBe("0");
    // C(2500,2500)/C(5000,2500) ≈ 1e-1504: far below float64, exact here.
    const tiny = passHatKExact(5000, 2500, 2500, { digits: 25 });
    expect(tiny.toString()).toBe(ref(1n, binom(5000, 2500), 25));
    expect(tiny.lt("1e-1000")).toBe(true);
  });
});
