import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProblemSlots } from "../../src/tallies/problemSlots.js";

describe("problem slots", () => {
  it("numbers ids 0, 1, 2 in order of arrival; a repeat returns -1 - its slot and adds nothing", () => {
    const slots = new ProblemSlots();
    expect(slots.add("b")).toBe(0);
    expect(slots.add("a")).toBe(1);
    expect(slots.add("b")).toBe(-1);
    expect(slots.add("a")).toBe(-2);
    expect(slots.add("c")).toBe(2);
    expect(slots.size).toBe(3);
    expect(slots.ids).toEqual(["b", "a", "c"]);
    expect([slots.get("a"), slots.get("b"), slots.get("c"), slots.get("d")]).toEqual([1, 0, 2, undefined]);
    expect([slots.has("c"), slots.has("")]).toEqual([true, false]);
  });

  it("compares ids by content, not by string object; non-strings are never found", () => {
    const slots = new ProblemSlots();
    const id = ["gsm8k", "17"].join("/");
    expect(slots.add(id)).toBe(0);
    expect(slots.add(`gsm8k/${"1"}${7}`)).toBe(-1);
    expect(slots.add("gsm8k/017")).toBe(1);
    for (const v of [17, null, undefined, { toString: () => "gsm8k/17" }, ["gsm8k/17"]]) expect(slots.get(v)).toBeUndefined();
  });

  it("keeps every slot through table growth (3000 ids: the table doubles 9 times)", () => {
    const slots = new ProblemSlots();
    for (let i = 0; i < 3000; i++) expect(slots.add(`problem-${i}`)).toBe(i);
    for (let i = 2999; i >= 0; i--) expect(slots.add(`problem-${i}`)).toBe(-1 - i);
    for (let i = 0; i < 3000; i++) expect(slots.get(`problem-${i}`)).toBe(i);
    expect(slots.get("problem-3000")).toBeUndefined();
    expect(slots.size).toBe(3000);
  });

  it("tells apart ids differing only in case, length, surrogate pairs or a trailing NUL", () => {
    const ids = ["A", "a", "aa", "a\u0000", "\u0000a", "😀", "\ud83d", "\ude00", "\ud83d\ude01", "é", "e\u0301"];
    const slots = new ProblemSlots();
    ids.forEach((id, i) => expect(slots.add(id)).toBe(i));
    ids.forEach((id, i) => expect(slots.get(id)).toBe(i));
  });

  it("agrees with a Map numbering the same ids", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), (ids) => {
        const slots = new ProblemSlots();
        const reference = new Map<string, number>();
        for (const id of ids) {
          const known = reference.get(id);
          if (known === undefined) reference.set(id, reference.size);
          expect(slots.add(id)).toBe(known === undefined ? reference.size - 1 : -1 - known);
        }
        expect(slots.ids).toEqual([...reference.keys()]);
        for (const [id, slot] of reference) expect(slots.get(id)).toBe(slot);
      }),
      { numRuns: 200 },
    );
  });
});
