import {describe, expect, it} from "vitest";
import {
  aggregateFeatureNames,
  aggregateFolds,
  classCount,
  fitAggregates,
  pairAggregates,
  writeAggregateFeatures
} from "../../lib/features/aggregates.js";
import {fiveRatingSet, randomDataset, tinyDataset} from "./tiny-dataset.js";

// Genres: movie 0 = A, movie 1 = A+B, movie 2 = C. Rows 0..3 train, row 4 test.
const ds = fiveRatingSet();
const train = Int32Array.from([0, 1, 2, 3]);
const opts = {priorCount: 1, folds: 2, seed: 0, classShares: true, genreAffinity: true};

function features(state: ReturnType<typeof fitAggregates>, rows: Int32Array, forTraining: boolean): Float32Array[] {
  const d = aggregateFeatureNames(state).length;
  const out = new Float32Array(rows.length * d);
  writeAggregateFeatures(state, ds, rows, forTraining, out, d, 0);
  return Array.from({length: rows.length}, (_, i) => out.subarray(i * d, (i + 1) * d));
}

describe("aggregates", () => {
  it("names every column", () => {
    const state = fitAggregates(ds, train, opts);
    expect(aggregateFeatureNames(state)).toEqual([
      "u_mean",
      "u_sd",
      "u_bias",
      "u_count",
      "u_share_0",
      "u_share_1",
      "u_share_2",
      "u_share_3",
      "u_share_4",
      "i_mean",
      "i_sd",
      "i_bias",
      "i_count",
      "i_share_0",
      "i_share_1",
      "i_share_2",
      "i_share_3",
      "i_share_4",
      "u_genre_affinity"
    ]);
    expect(classCount({min: 0.5, max: 5, step: 0.5})).toBe(10);
  });

  it("computes test-row features from the whole training part (hand-computed, prior count 1)", () => {
    const state = fitAggregates(ds, train, opts);
    const [f] = features(state, Int32Array.from([4]), false);
    const expected = [
      // user 0: ratings 5, 3; μ = 3.5; movie damped means 4.1667, 3.25 → residuals 0.8333, −0.25
      11.5 / 3,
      Math.SQRT2,
      (5 - 12.5 / 3 + 3 - 3.25) / 3,
      2,
      0,
      0.25 / 3,
      1.25 / 3,
      0.25 / 3,
      1.25 / 3,
      // movie 2: rating 2 by user 1 (damped mean 9.5/3)
      5.5 / 2,
      NaN,
      (2 - 9.5 / 3) / 2,
      1,
      0,
      1.25 / 2,
      0.125,
      0.125,
      0.125,
      // user 0 never rated genre C
      0
    ];
    expected.forEach((v, j) => (Number.isNaN(v) ? expect(f[j]).toBeNaN() : expect(f[j]).toBeCloseTo(v, 5)));
  });

  it("gives the genre affinity as the damped mean residual over the movie's genres", () => {
    const state = fitAggregates(ds, train, opts);
    const f = pairAggregates(state, ds, 0, 1);
    // genre A: residuals 0.8333 and −0.25; genre B: −0.25; prior count 1 → (0.8333 − 0.25 − 0.25) / (1 + 3)
    expect(f[18]).toBeCloseTo((5 - 12.5 / 3 - 0.5) / 4, 5);
  });

  it("gives unknown users and movies the priors", () => {
    const state = fitAggregates(ds, train, opts);
    const f = pairAggregates(state, ds, -1, -1);
    expect(f[0]).toBeCloseTo(3.5, 6);
    expect(f[1]).toBeNaN();
    expect(f[2]).toBe(0);
    expect(f[3]).toBe(0);
    expect(f[5]).toBeCloseTo(0.25, 6);
    expect(f[9]).toBeCloseTo(3.5, 6);
    expect(f[18]).toBe(0);
  });

  it("gives each training row the statistics of the other folds, and full counts", () => {
    const big = randomDataset(12, 10, 3);
    const rows = Int32Array.from({length: big.ratings.user.length}, (_, i) => i).filter((i) => i % 5 !== 0);
    const o = {...opts, folds: 3, seed: 9};
    const state = fitAggregates(big, rows, o);
    const d = aggregateFeatureNames(state).length;
    const out = new Float32Array(rows.length * d);
    writeAggregateFeatures(state, big, rows, true, out, d, 0);
    const fold = aggregateFolds(rows.length, 3, 9);
    expect([0, 1, 2].map((f) => fold.filter((x) => x === f).length).sort()).toEqual(
      [Math.floor(rows.length / 3), Math.ceil(rows.length / 3), Math.ceil(rows.length / 3)].sort()
    );
    const partial = [0, 1, 2].map((f) =>
      fitAggregates(
        big,
        rows.filter((_, i) => fold[i] !== f),
        o
      )
    );
    for (let i = 0; i < rows.length; i++) {
      const ref = pairAggregates(partial[fold[i]], big, big.ratings.user[rows[i]], big.ratings.movie[rows[i]]);
      const full = pairAggregates(state, big, big.ratings.user[rows[i]], big.ratings.movie[rows[i]]);
      ref[3] = full[3]; // counts come from the whole training part
      ref[12] = full[12];
      expect(Array.from(out.subarray(i * d, (i + 1) * d))).toEqual(Array.from(ref));
    }
  });

  it("refuses training features for rows it was not fitted on, and bad options", () => {
    const state = fitAggregates(ds, train, opts);
    expect(() => features(state, Int32Array.from([0, 1, 3, 2]), true)).toThrow(/4 training rows/);
    expect(() => fitAggregates(ds, train, {folds: 1})).toThrow(/folds is 1/);
    const off = tinyDataset([[0, 0, 7, 2000]], 1, 1, [[0]]);
    expect(() => fitAggregates(off, Int32Array.from([0]))).toThrow(/rating 7 at row 0 is off the scale/);
  });
});
