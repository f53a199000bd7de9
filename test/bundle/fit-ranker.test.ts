import {describe, expect, it} from "vitest";
import {fitRanker, rankerNote} from "../../lib/bundle/workbench.js";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {fullTrainSet} from "../../lib/data/folds.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import type {TrainSet} from "../../lib/models/estimator.js";

const train = fullTrainSet(
  encodeDataset(cleanDataset(generateSynthetic({seed: 9, users: 80, movies: 120, ratings: 3000})).data)
);

/** The `max` most-rated movies, ties to the lower index, ascending. */
function mostRated(t: TrainSet, max: number): number[] {
  const counts = new Array<number>(t.nMovies).fill(0);
  for (const m of t.ratings.movie) counts[m]++;
  return [...counts.keys()]
    .sort((a, b) => counts[b] - counts[a] || a - b)
    .slice(0, max)
    .sort((a, b) => a - b);
}

describe("fitRanker over more movies than EASE solves", () => {
  it("fits EASE on the most-rated movies only, its rows and columns in the whole set's indices", () => {
    const kept = mostRated(train, 50);
    const big = fitRanker("ease", train, 8, 50);
    expect(big.nMovies).toBe(120);
    // The same EASE, fitted by hand on the kept movies' ratings and mapped back.
    const local = new Map(kept.map((m, i) => [m, i]));
    const rows = [...train.ratings.movie.keys()].filter((i) => local.has(train.ratings.movie[i]));
    const pick = <T extends Int32Array | Float32Array | Float64Array>(a: T) =>
      a.filter((_, i) => rows.includes(i)) as T;
    const small = fitRanker(
      "ease",
      {
        ratings: {
          user: pick(train.ratings.user),
          movie: Int32Array.from(rows, (i) => local.get(train.ratings.movie[i])!),
          rating: pick(train.ratings.rating),
          timestamp: pick(train.ratings.timestamp)
        },
        nUsers: train.nUsers,
        nMovies: 50,
        scale: train.scale
      },
      8
    );
    for (let m = 0; m < 120; m++) {
      const cols = Array.from(big.indices.subarray(big.indptr[m], big.indptr[m + 1]));
      const weights = Array.from(big.weights.subarray(big.indptr[m], big.indptr[m + 1]));
      const i = local.get(m);
      if (i === undefined) {
        expect(cols).toEqual([]);
        continue;
      }
      expect(cols).toEqual(Array.from(small.indices.subarray(small.indptr[i], small.indptr[i + 1]), (j) => kept[j]));
      expect(weights).toEqual(Array.from(small.weights.subarray(small.indptr[i], small.indptr[i + 1])));
      expect(cols.every((c) => local.has(c))).toBe(true);
    }
  });

  it("says so in the bundle's words only when movies were left out", () => {
    expect(rankerNote("ease", train)).toBeNull();
    expect(rankerNote("item-knn-implicit", train)).toBeNull();
  });
});
