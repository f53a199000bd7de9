import {describe, expect, it} from "vitest";
import {
  buildCsr,
  denseBlock,
  getValue,
  multiplyDense,
  rowLength,
  rowMeans,
  transpose
} from "../../lib/linalg/sparse.js";

describe("sparse CSR", () => {
  // 3×4: row 0 = [_, 2, _, 1], row 1 = [], row 2 = [5, _, 3, _]
  const a = buildCsr([2, 0, 2, 0], [2, 3, 0, 1], [3, 1, 5, 2], 3, 4);

  it("builds sorted rows from unordered coordinates", () => {
    expect(Array.from(a.indptr)).toEqual([0, 2, 2, 4]);
    expect(Array.from(a.indices)).toEqual([1, 3, 0, 2]);
    expect(Array.from(a.values)).toEqual([2, 1, 5, 3]);
    expect(rowLength(a, 1)).toBe(0);
    expect(getValue(a, 2, 2)).toBe(3);
    expect(getValue(a, 1, 2)).toBeNaN();
  });

  it("transposes to column access and back", () => {
    const t = transpose(a);
    expect(t.nRows).toBe(4);
    expect(Array.from(t.indptr)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(t.indices)).toEqual([2, 0, 2, 0]);
    expect(Array.from(t.values)).toEqual([5, 2, 3, 1]);
    expect(transpose(t)).toEqual(a);
  });

  it("multiplies by dense vectors and gives row means and display blocks", () => {
    expect(Array.from(multiplyDense(a, Float64Array.from([1, 10, 100, 1000])))).toEqual([1020, 0, 305]);
    const means = rowMeans(a);
    expect(means[0]).toBe(1.5);
    expect(means[1]).toBeNaN();
    expect(means[2]).toBe(4);
    expect(Array.from(denseBlock(a, 0, 1, 0, 4))).toEqual([NaN, 2, NaN, 1]);
  });

  it("rejects out-of-range indices and repeated pairs, naming the entry", () => {
    expect(() => buildCsr([0, 3], [0, 0], [1, 1], 3, 4)).toThrow(/entry 1 has row 3/);
    expect(() => buildCsr([0, 0], [1, 1], [1, 2], 3, 4)).toThrow(/repeats \(row 0, column 1\)/);
  });
});
