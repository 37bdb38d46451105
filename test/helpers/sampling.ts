// Seeded draws for synthetic test data (beta, binomial), built on the library's SeededRandom only
// for its uniform integers; the distributions themselves are written here independently.
import { SeededRandom } from "../../src/analysis/seededRandom.js";

export class Draws {
  private readonly rng: SeededRandom;
  constructor(seed: number) {
    this.rng = new SeededRandom(seed);
  }
  /** Uniform in (0, 1) with 53 random bits. */
  uniform(): number {
    for (;;) {
      const u = this.rng.nextDouble();
      if (u > 0) return u;
    }
  }
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.uniform())) * Math.cos(2 * Math.PI * this.uniform());
  }
  /** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the U^(1/a) boost for shape < 1. */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      if (Math.log(this.uniform()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }
  binomial(n: number, p: number): number {
    let c = 0;
    for (let i = 0; i < n; i++) if (this.uniform() < p) c++;
    return c;
  }
}
