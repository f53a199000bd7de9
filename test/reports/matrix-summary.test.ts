import {describe, expect, it} from "vitest";
import {labelEncodingSample, matrixStorage} from "../../lib/reports/matrix-summary.js";
import {tinyDataset} from "../analysis/tiny-dataset.js";

describe("matrixStorage", () => {
  it("counts bytes of dense, CSR and COO layouts", () => {
    // ml-100k: 943 × 1,682 float32 cells against 944 offsets + 100,000 (index, value) pairs.
    expect(matrixStorage(943, 1682, 100_000)).toEqual({denseBytes: 6_344_504, csrBytes: 803_776, cooBytes: 1_200_000});
  });
});

describe("labelEncodingSample", () => {
  it("lists both ends of the id maps and spots gaps in ids", () => {
    const e = labelEncodingSample(tinyDataset(), 2);
    // 3 users with edge 2: the first two and the last two overlap in user 1, listed once.
    expect(e.users).toEqual([
      {index: 0, id: 10},
      {index: 1, id: 20},
      {index: 2, id: 30}
    ]);
    expect(e.usersContiguous).toBe(false);
    expect(e.moviesContiguous).toBe(true);
    expect(e.movies.map((m) => m.title)).toEqual(["Alpha (1995)", "Beta (1998)", "Gamma (1990)", "Delta"]);
    expect(e.maxUserId).toBe(30);
  });
});
