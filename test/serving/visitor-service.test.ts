import {describe, expect, it} from "vitest";
import {parseBundle, serializeBundle} from "../../lib/bundle/bundle.js";
import {buildWorkbenchBundle, type SparseRanker, type WorkbenchState} from "../../lib/bundle/workbench.js";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import {fitClassifier} from "../../lib/models/classifier/pipeline.js";
import {topK} from "../../lib/models/top-n.js";
import {foldIn, foldInPredictions} from "../../lib/recommend/fold-in.js";
import {itemItemScores} from "../../lib/recommend/item-item-cold.js";
import {createBundleService} from "../../lib/serving/bundle-service.js";
import {NotFoundError, type VisitorRating} from "../../lib/serving/types.js";

const dataset = encodeDataset(cleanDataset(generateSynthetic({seed: 4, users: 150, movies: 200, ratings: 8000})).data);
const rows = Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
const classifier = fitClassifier(dataset, rows, {
  gbdt: {n_estimators: 6, max_depth: 3, early_stopping_rounds: null},
  validationFraction: 0
});
const now = new Date("2026-01-01T00:00:00Z");
const build = (ranker: string) =>
  parseBundle<WorkbenchState>(
    serializeBundle(
      buildWorkbenchBundle(dataset, classifier, {
        ranker,
        neighbours: 32,
        now,
        userRatings: false,
        coldStart: {factors: 16}
      })
    )
  );
const bundle = build("ease");
const service = createBundleService(bundle);
const ids = dataset.movies.id;
const mf = bundle.state.coldStart!;
const visitor: VisitorRating[] = [
  {movieId: ids[3], rating: 5},
  {movieId: ids[17], rating: 4},
  {movieId: ids[40], rating: 1},
  {movieId: ids[41], rating: 3},
  {movieId: ids[90], rating: 5}
];
const dense = {movies: [3, 17, 40, 41, 90], ratings: [5, 4, 1, 3, 5]};

describe("a visitor's predictions", () => {
  it("are the fold-in's predictions, clipped to the scale, with the visitor's own rating beside", async () => {
    const want = foldInPredictions(mf, foldIn(mf, dense));
    const r = await service.predictForRatings(visitor, [ids[0], ids[17], ids[150]]);
    expect(r.model).toBe("mf fold-in");
    expect(r.ratings).toBe(5);
    [0, 17, 150].forEach((j, t) => expect(r.items[t].expected).toBeCloseTo(Math.min(5, Math.max(1, want[j])), 10));
    expect(r.items.map((i) => i.visitorRating)).toEqual([null, 4, null]);
    expect(r.items[0].title).toBe(dataset.movies.title[0]);
  });

  it("before any rating are the MF's item baseline μ + b_j", async () => {
    const r = await service.predictForRatings([], [ids[5]]);
    expect(r.model).toBe("mf item baseline");
    expect(r.items[0].expected).toBeCloseTo(Math.min(5, Math.max(1, mf.mean + mf.itemBias[5])), 6);
  });

  it("change with each rating given", async () => {
    const a = await service.predictForRatings(visitor.slice(0, 4), [ids[7]]);
    const b = await service.predictForRatings(visitor, [ids[7]]);
    expect(a.items[0].expected).not.toBe(b.items[0].expected);
  });
});

describe("a visitor's recommendations", () => {
  it("rank by the item–item ranker, skip rated movies and name the rated movies with the largest terms", async () => {
    const r = await service.recommendForRatings(visitor, 10);
    expect(r.model).toBe("ease");
    expect(r.coldStart).toBe(false);
    const skip = new Uint8Array(ids.length);
    for (const m of dense.movies) skip[m] = 1;
    const ranker = bundle.state.ranker as SparseRanker;
    const want = topK(itemItemScores(ranker, dense.movies, [1, 1, 1, 1, 1]), 10, skip);
    expect(r.items.map((i) => i.movieId)).toEqual(want.map((w) => ids[w.movie]));
    const rated = new Map(visitor.map((v) => [v.movieId, v.rating]));
    for (const item of r.items) {
      expect(item.because.length).toBeGreaterThan(0);
      expect(item.because.length).toBeLessThanOrEqual(3);
      for (const b of item.because) expect(rated.get(b.movieId)).toBe(b.rating);
      const terms = item.because.map((b) => b.contribution);
      expect(terms).toEqual([...terms].sort((x, y) => y - x));
      // The terms are parts of the score: the positive ones named cannot exceed it by more than the negative ones.
      expect(terms[0]).toBeGreaterThan(0);
    }
  });

  it("come from the fold-in when the bundle has no item–item ranker", async () => {
    const s = createBundleService(build("none"));
    const r = await s.recommendForRatings(visitor, 5);
    expect(r.model).toBe("mf");
    const p = foldInPredictions(mf, foldIn(mf, dense));
    const skip = new Uint8Array(ids.length);
    for (const m of dense.movies) skip[m] = 1;
    expect(r.items.map((i) => i.movieId)).toEqual(topK(p, 5, skip).map((w) => ids[w.movie]));
    expect(r.items.every((i) => i.because.length > 0)).toBe(true);
  });

  it("are the most-rated movies before any rating", async () => {
    const r = await service.recommendForRatings([], 3);
    expect(r).toMatchObject({model: "popular", coldStart: true});
    expect(r.items.every((i) => i.because.length === 0)).toBe(true);
  });
});

describe("a visitor's bad input", () => {
  it("names the movie and the scale for a rating off the scale", async () => {
    const bad = [{movieId: ids[3], rating: 6}];
    await expect(service.recommendForRatings(bad, 5)).rejects.toThrow(
      new RegExp(`rating 6 of movie ${ids[3]} \\(.*\\) is not on the scale: expected 1 to 5 in steps of 1`)
    );
    await expect(service.predictForRatings([{movieId: ids[3], rating: 3.5}], [ids[1]])).rejects.toThrow(
      /rating 3\.5 of movie .* not on the scale/
    );
    await expect(service.predictForRatings([{movieId: ids[3], rating: Number.NaN}], [ids[1]])).rejects.toThrow(
      /rating null of movie/
    );
  });

  it("refuses an unknown movie and a movie rated twice", async () => {
    await expect(service.recommendForRatings([{movieId: 999_999, rating: 3}], 5)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.recommendForRatings([visitor[0], visitor[0]], 5)).rejects.toThrow(/rated twice/);
  });
});

describe("a public bundle", () => {
  it("carries no user's rating history, and still counts and predicts for users of the data set", async () => {
    expect(bundle.state.ratings).toBeNull();
    expect(bundle.meta.params.userRatings).toBe(false);
    const u = dataset.userIds[0];
    let count = 0;
    for (let i = 0; i < dataset.ratings.user.length; i++) if (dataset.ratings.user[i] === 0) count++;
    const info = await service.user(u);
    expect(info.ratings).toBe(count);
    expect(info.topRated).toEqual([]);
    const top = await service.recommend(u, 5);
    expect(top).toMatchObject({model: "popular", coldStart: false});
    const p = await service.predict(u, ids[0]);
    expect(p.userRating).toBeNull();
    expect(p.coldStart).toBe(false);
  });
});
