import {describe, expect, it} from "vitest";
import {msrProtocol, msrSplit} from "../../../lib/eval/protocols/msr.js";
import {foldRows, handMade, input, partitions, ROWS} from "./hand-made.js";

/** Train and test counts per movie (filterBy item) or per user of a fold's rows. */
function counts(rows: number[], column: 0 | 1, n: number): number[] {
  const c = new Array<number>(n).fill(0);
  for (const i of rows) c[ROWS[i][column]]++;
  return c;
}

describe("msr protocol (Microsoft Recommenders' python_stratified_split, filter_by item)", () => {
  it("keeps round-half-even(0.75 n) of each movie's ratings in train, one fold per seed", () => {
    const p = msrProtocol.folds(input(handMade(), 42));
    expect(p.folds.map((f) => f.name)).toEqual(["seed42", "seed43", "seed44", "seed45", "seed46"]);
    for (const f of p.folds) {
      const {train, test} = foldRows(f);
      // Movies 0, 1, 3: 3 ratings → round(2.25) = 2 train; movie 2: 2 → round(1.5) = 2; movie 4: 1 → round(0.75) = 1.
      expect(counts(train, 1, 5)).toEqual([2, 2, 2, 2, 1]);
      expect(counts(test, 1, 5)).toEqual([1, 1, 0, 1, 0]);
      expect(partitions(f)).toBe(true);
    }
    expect(p.description).toMatch(/stratified by movie.*seeds 42–46/);
  });

  it("stratifies by user when asked: user 0 (4) → 3 train, user 1 (5) → round(3.75) = 4, user 2 (3) → 2", () => {
    const p = msrProtocol.folds(input(handMade(), 1), {filterBy: "user", seeds: 1});
    const {train, test} = foldRows(p.folds[0]);
    expect(counts(train, 0, 3)).toEqual([3, 4, 2]);
    expect(counts(test, 0, 3)).toEqual([1, 1, 1]);
  });

  it("drops movies with fewer than min_rating ratings from both parts", () => {
    const p = msrProtocol.folds(input(handMade(), 1), {minRating: 3, seeds: 1});
    // Movies 2 (rows 2, 6) and 4 (row 11) have fewer than 3 ratings.
    expect(partitions(p.folds[0], [2, 6, 11])).toBe(true);
  });

  it("is deterministic per seed, and other seeds shuffle otherwise", () => {
    const d = handMade();
    const a = msrSplit(d.ratings, 7);
    expect(msrSplit(d.ratings, 7)).toEqual(a);
    const others = [8, 9, 10, 11, 12].map((s) => JSON.stringify(msrSplit(d.ratings, s)));
    expect(others.some((o) => o !== JSON.stringify(a))).toBe(true);
  });

  it("refuses a bad filterBy or seed count", () => {
    expect(() => msrProtocol.folds(input(handMade()), {seeds: 0})).toThrow(/seeds is 0/);
    expect(() => msrSplit(handMade().ratings, 1, {filterBy: "genre" as "user"})).toThrow(/filterBy is "genre"/);
  });
});
