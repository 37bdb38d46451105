/**
 * Problem ids → dense slots, the index of a model's tally columns.
 * @internal
 * @module
 */

/**
 * Numbers distinct strings 0, 1, 2, … in order of arrival and finds a string's number: an
 * open-addressing hash table (linear probing, at most half full) whose cells hold slot + 1 in an
 * Int32Array, with each slot's hash kept beside it so that a probe compares strings only when the
 * full 32-bit hashes agree.
 *
 * Why not a `Map<string, number>`: a counts table or a details file brings one freshly decoded
 * string per row, and a Map lookup plus insert of such a string cost about 1 µs here (the hash is
 * computed outside the JIT-compiled code and the lookup chases pointers through the map's
 * entries), as much as hyparquet takes to decode the row; hashing the code units in JavaScript
 * and probing flat arrays takes about half (measured: 40 000 fresh ids in 18–23 ms against
 * 43–49 ms; bench/parquetCounts.bench.ts went from 0.6× to 0.9× hyparquet's rows/s with it and
 * the flat count arrays of TallyColumns).
 *
 * The hash is FNV-1a over UTF-16 code units from a random per-table seed, finished with
 * MurmurHash3's 32-bit mix; the seed keeps an input from being written to collide.
 * @internal
 */
export class ProblemSlots {
  /** Slot → id. */
  readonly ids: string[] = [];
  #hashes: Int32Array = new Int32Array(8);
  /** Table cell → slot + 1 (0: empty). Its length is a power of two. */
  #cells: Int32Array = new Int32Array(16);
  readonly #seed: number = (Math.random() * 0x1_0000_0000) | 0;

  /** Number of ids. */
  get size(): number {
    return this.ids.length;
  }

  #hash(id: string): number {
    let h = this.#seed;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x0100_0193);
    h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2_ae35);
    return h ^ (h >>> 16);
  }

  /** The slot of `id`, or undefined (also for a value that is not a string). */
  get(id: unknown): number | undefined {
    if (typeof id !== "string") return undefined;
    const h = this.#hash(id);
    const cells = this.#cells;
    const mask = cells.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = (cells[i] as number) - 1;
      if (s < 0) return undefined;
      if (this.#hashes[s] === h && this.ids[s] === id) return s;
    }
  }

  /** Whether `id` has a slot. */
  has(id: unknown): boolean {
    return this.get(id) !== undefined;
  }

  /** Gives `id` the next slot and returns it when it has none; else returns `-1 - slot` of its slot. */
  add(id: string): number {
    const h = this.#hash(id);
    let cells = this.#cells;
    let mask = cells.length - 1;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const s = (cells[i] as number) - 1;
      if (s < 0) break;
      if (this.#hashes[s] === h && this.ids[s] === id) return -1 - s;
    }
    const slot = this.ids.length;
    this.ids.push(id);
    if (slot === this.#hashes.length) {
      const hashes = new Int32Array(slot * 2);
      hashes.set(this.#hashes);
      this.#hashes = hashes;
    }
    this.#hashes[slot] = h;
    if ((slot + 1) * 2 <= cells.length) {
      cells[i] = slot + 1;
      return slot;
    }
    // More than half full: double the table and place every slot again.
    cells = new Int32Array(cells.length * 2);
    mask = cells.length - 1;
    for (let s = 0; s <= slot; s++) {
      let j = (this.#hashes[s] as number) & mask;
      while (cells[j] !== 0) j = (j + 1) & mask;
      cells[j] = s + 1;
    }
    this.#cells = cells;
    return slot;
  }
}
