import {describe, expect, it} from "vitest";
import {predict, predictRatings} from "../../../lib/models/estimator.js";
import {similarityMatrix} from "../../../lib/models/neighbours/knn-core.js";
import {explainItemKnn, itemKnnModel, similarMovies} from "../../../lib/models/neighbours/item-knn.js";
import {explainUserKnn, userKnnModel} from "../../../lib/models/neighbours/user-knn.js";
import {buildCsr} from "../../../lib/linalg/sparse.js";
import {rmse} from "../../../lib/eval/rating-metrics.js";

import {globalMeanModel} from "../../../lib/models/baselines/global-mean.js";
import {syntheticSplit, trainOf} from "../fixtures.js";

// by user (rows users, cols movies): movie 0 = [1, 2, 3], movie 1 = [2, 2, _], movie 2 = [3, 2, 2]
const users = [0, 1, 2, 0, 1, 0, 1, 2],
  movies = [0, 0, 0, 1, 1, 2, 2, 2],
  ratings = [1, 2, 3, 2, 2, 3, 2, 2];
const byUser = buildCsr(users, movies, ratings, 3, 3);

describe("kNN similarities", () => {
  it("cosine over co-rating users, with shrinkage (n − 1)/(n − 1 + λ)", () => {
    const sim = similarityMatrix(byUser, 3, "cosine", 0, 1, (r) => r);
    // movies 0 and 1 share users 0, 1: (1·2 + 2·2) / √((1 + 4)(4 + 4))
    expect(sim[0 * 3 + 1]).toBeCloseTo(6 / Math.sqrt(40), 6);
    expect(sim[1 * 3 + 0]).toBe(sim[0 * 3 + 1]);
    expect(sim[0]).toBe(1);
    const shrunk = similarityMatrix(byUser, 3, "cosine", 1, 1, (r) => r);
    expect(shrunk[1]).toBeCloseTo((6 / Math.sqrt(40)) * (1 / 2), 6);
  });

  it("Pearson centres on the co-rated means", () => {
    const sim = similarityMatrix(byUser, 3, "pearson", 0, 1, (r) => r);
    // movie 0 [1,2,3] vs movie 2 [3,2,2]: centred [−1,0,1] and [2/3,−1/3,−1/3] → −1 / √(2 · 2/3)
    expect(sim[0 * 3 + 2]).toBeCloseTo(-1 / Math.sqrt(4 / 3), 6);
    // movie 1 is constant on its co-rated users → zero variance → 0
    expect(sim[0 * 3 + 1]).toBe(0);
    const minSupport = similarityMatrix(byUser, 3, "pearson", 0, 3, (r) => r);
    expect(minSupport[0 * 3 + 1]).toBe(0);
  });
});

describe("kNN predictions", () => {
  // users 0..3, movies 0..2; user 3 rated 0 and 1 only
  const train = trainOf(
    [
      [0, 0, 5],
      [0, 1, 4],
      [0, 2, 5],
      [1, 0, 1],
      [1, 1, 2],
      [1, 2, 1],
      [2, 0, 4],
      [2, 1, 4],
      [2, 2, 4],
      [3, 0, 5],
      [3, 1, 4]
    ],
    5,
    4
  );

  it("item-based basic is the similarity-weighted mean of the user's ratings of positive neighbours", () => {
    const s = itemKnnModel.fit(train, {variant: "basic", similarity: "cosine", shrinkage: 0, k: 40});
    const n = 4,
      sim = s.core.similarity;
    const w0 = sim[2 * n + 0],
      w1 = sim[2 * n + 1];
    expect(predict(itemKnnModel, s, 3, 2).rating).toBeCloseTo((w0 * 5 + w1 * 4) / (w0 + w1), 6);
    // k = 1 keeps only the most similar rated movie
    const one = itemKnnModel.fit(train, {variant: "basic", similarity: "cosine", shrinkage: 0, k: 1});
    expect(predict(itemKnnModel, one, 3, 2).rating).toBeCloseTo(w0 > w1 ? 5 : 4, 6);
    const why = explainItemKnn(s, 3, 2);
    expect(why.map((w) => w.movie).sort()).toEqual([0, 1]);
    expect(why.reduce((a, w) => a + w.contribution, 0)).toBeCloseTo(predict(itemKnnModel, s, 3, 2).rating, 6);
    expect(similarMovies(s, 2, 5)[0].movie).toBe(w0 >= w1 ? 0 : 1);
  });

  it("user-based with means adds the neighbours' deviations to the user's mean", () => {
    const s = userKnnModel.fit(train, {variant: "means", similarity: "pearson", shrinkage: 0, k: 40});
    const n = 5,
      sim = s.core.similarity,
      mean = s.core.entityMean;
    let num = 0,
      den = 0;
    for (const [v, r] of [
      [0, 5],
      [1, 1],
      [2, 4]
    ]) {
      const w = sim[3 * n + v];
      if (w > 0) {
        num += w * (r - mean[v]);
        den += w;
      }
    }
    expect(den).toBeGreaterThan(0);
    expect(predict(userKnnModel, s, 3, 2).rating).toBeCloseTo(Math.min(5, mean[3] + num / den), 6);
    expect(explainUserKnn(s, 3, 2).every((nb) => nb.similarity > 0)).toBe(true);
  });

  it("falls back for unknown users or movies and when fewer than minK neighbours vote", () => {
    const s = itemKnnModel.fit(train);
    expect(predict(itemKnnModel, s, 4, 0).fallback).toBe(true);
    expect(predict(itemKnnModel, s, 0, 3).fallback).toBe(true);
    const strict = itemKnnModel.fit(train, {minK: 3, variant: "basic", similarity: "cosine", shrinkage: 0});
    expect(predict(itemKnnModel, strict, 3, 2)).toEqual({rating: expect.closeTo(39 / 11, 12), fallback: true});
    expect(itemKnnModel.scoreAll(s, 0).length).toBe(4);
    expect(userKnnModel.scoreAll(userKnnModel.fit(train), 0).length).toBe(4);
  });

  it("beats the global mean on latent-factor data, every variant in range", () => {
    const {train: tr, test} = syntheticSplit(60, 50, 0.4, 3);
    const base = rmse(test.rating, predictRatings(globalMeanModel, globalMeanModel.fit(tr), test).rating);
    for (const model of [itemKnnModel, userKnnModel]) {
      for (const variant of ["basic", "means", "baseline"] as const) {
        const s = model.fit(tr, {variant});
        const pred = predictRatings(model, s, test).rating;
        expect(pred.every((p) => p >= 1 && p <= 5)).toBe(true);
        expect(rmse(test.rating, pred)).toBeLessThan(base);
      }
    }
  });
});
