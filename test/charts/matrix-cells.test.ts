import {describe, expect, it} from "vitest";
import {matrixCells} from "../../lib/charts/matrix-cells.js";

describe("matrixCells", () => {
  const labels = ["a", "b", "c"];
  const counts = [6, 2, 0, 0, 0, 0, 1, 3, 4];

  it("keeps every cell row by row; counts or shares of the row sum (0 for an empty row)", () => {
    const c = matrixCells(counts, labels, false, false);
    expect(c.cells.map((x) => `${x.row}${x.col}`)).toEqual(["aa", "ab", "ac", "ba", "bb", "bc", "ca", "cb", "cc"]);
    expect(c.cells.map((x) => x.value)).toEqual(counts);
    expect(c.max).toBe(6);
    const s = matrixCells(counts, labels, true, false);
    expect(s.cells.map((x) => x.value)).toEqual([0.75, 0.25, 0, 0, 0, 0, 1 / 8, 3 / 8, 4 / 8]);
    expect(s.cells.map((x) => x.count)).toEqual(counts);
    expect(s.max).toBe(0.75);
  });

  it("with diagonal totals leaves the diagonal out and divides by it", () => {
    const c = matrixCells(counts, labels, true, true);
    expect(c.cells.map((x) => `${x.row}${x.col}`)).toEqual(["ab", "ac", "ba", "bc", "ca", "cb"]);
    expect(c.cells.map((x) => x.value)).toEqual([2 / 6, 0, 0, 0, 1 / 4, 3 / 4]);
    expect(c.max).toBe(0.75);
  });

  it("has max 0 for an all-zero matrix", () => {
    expect(matrixCells([0, 0, 0, 0], ["x", "y"], true, false).max).toBe(0);
  });
});
