/**
 * A small seeded pseudo-random generator whose output is identical on every platform.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";

const TWO_32 = 4294967296;

/** splitmix32 step: spreads a 32-bit seed word into well-mixed state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32. Every step is 32-bit integer
 * arithmetic (`Math.imul`, shifts, xor), so a seed yields the same sequence in every JavaScript engine
 * on every platform, unlike `Math.random`.
 *
 * @example
 * ```ts
 * import { SeededRandom } from "passk";
 * const a = new SeededRandom(42);
 * const b = new SeededRandom(42);
 * console.log(a.nextUint32() === b.nextUint32(), a.nextIndex(10) < 10); // => true true
 * ```
 */
export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * @param seed - a non-negative safe integer; both of its 32-bit halves feed the state
   * @throws {@link InvalidArgumentError} for anything else
   */
  constructor(seed: number) {
    if (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0) {
      throw new InvalidArgumentError(`seed must be a non-negative safe integer, got ${String(seed)}`, {
        field: "seed",
        value: seed,
      });
    }
    const low = seed % TWO_32;
    const high = Math.floor(seed / TWO_32);
    const st = { s: (low ^ Math.imul(high, 0x27d4eb2d)) | 0 };
    this.s0 = splitmix32(st);
    this.s1 = splitmix32(st);
    this.s2 = splitmix32(st);
    this.s3 = splitmix32(st);
    // The all-zero state is the one fixed point of xoshiro; splitmix32 practically never yields it.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /**
   * A generator started from an explicit xoshiro128** state (four 32-bit words, not all zero), for
   * checking against the published reference sequence.
   * @internal
   */
  static fromState(s0: number, s1: number, s2: number, s3: number): SeededRandom {
    const r = new SeededRandom(0);
    r.s0 = s0 >>> 0;
    r.s1 = s1 >>> 0;
    r.s2 = s2 >>> 0;
    r.s3 = s3 >>> 0;
    return r;
  }

  /** The next 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /**
   * A uniform double in [0, 1) with 53 random bits: (hi · 2^21 + lo) / 2^53 from the top 32 bits of one
   * output and the top 21 bits of the next, so every representable multiple of 2^−53 is equally likely.
   *
   * @example
   * ```ts
   * import { SeededRandom } from "passk";
   * const u = new SeededRandom(7).nextDouble();
   * console.log(u >= 0 && u < 1, u === new SeededRandom(7).nextDouble()); // => true true
   * ```
   */
  nextDouble(): number {
    const hi = this.nextUint32();
    const lo = this.nextUint32() >>> 11;
    return (hi * 2097152 + lo) / 9007199254740992;
  }

  /**
   * A uniform integer in [0, size), without modulo bias (Lemire 2019, "Fast Random Integer Generation
   * in an Interval"): the 32-bit output times `size` is exact in float64 for size ≤ 2^21, and draws
   * whose low part falls below (2^32 − size) mod size are rejected.
   *
   * @param size - safe integer, 1 ≤ size ≤ 2^21
   * @throws {@link InvalidArgumentError} for a size outside that range
   */
  nextIndex(size: number): number {
    if (!Number.isSafeInteger(size) || size < 1 || size > 2097152) {
      throw new InvalidArgumentError(`size must be an integer from 1 to 2^21, got ${String(size)}`, {
        field: "size",
        value: size,
      });
    }
    return this.index(size, (TWO_32 - size) % size);
  }

  /** nextIndex without the argument check, for hot loops; `threshold` = (2^32 − size) mod size. @internal */
  index(size: number, threshold: number): number {
    for (;;) {
      const m = this.nextUint32() * size;
      const high = Math.floor(m / TWO_32);
      if (m - high * TWO_32 >= threshold) return high;
    }
  }
}
