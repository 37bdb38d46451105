// Field paths reach array elements both ways (`pred[0]`, `pred.0`) and refuse malformed paths.
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/index.js";
import { compilePath, getPath } from "../../src/node/fieldPath.js";
import { fieldMappingReader } from "../../src/node/index.js";

describe("compilePath / getPath", () => {
  const line = { pred: ["3", "4"], meta: { runs: [{ seeds: [7, 8] }] }, "a.b": 1 };

  it("indexes arrays with brackets or digit keys", () => {
    expect(compilePath("pred[0]", "o").keys).toEqual(["pred", "0"]);
    expect(getPath(line, compilePath("pred[1]", "o"))).toBe("4");
    expect(getPath(line, compilePath("pred.1", "o"))).toBe("4");
    expect(getPath(line, compilePath("meta.runs[0].seeds[1]", "o"))).toBe(8);
    expect(getPath(line, compilePath("meta.runs[0][0]", "o"))).toBeUndefined();
    expect(getPath(line, compilePath("pred[2]", "o"))).toBeUndefined();
    expect(getPath(line, compilePath(["a.b"], "o"))).toBe(1);
  });

  it("refuses empty keys and bad indices", () => {
    for (const bad of ["", "a..b", "pred[]", "pred[x]", "pred[-1]", "pred[01]", "[0]", "pred[0"]) {
      expect(() => compilePath(bad, "--response-field"), bad).toThrow(InvalidArgumentError);
    }
    expect(() => compilePath("pred[x]", "--response-field")).toThrow('--response-field must be a dotted path like "doc.id" or "pred[0]", or a non-empty array of keys, got "pred[x]"');
  });

  it("serve the field mapping reader", () => {
    const reader = fieldMappingReader({ modelName: "m", problem: "ids[1]", correct: "grades[0].ok" });
    expect(reader.read({ ids: ["x", "q7"], grades: [{ ok: true }] })).toEqual({ model: "m", problemId: "q7", correct: true });
  });
});
