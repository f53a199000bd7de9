import {describe, expect, it} from "vitest";
import {BundleError, parseBundle, serializeBundle, type Bundle} from "../../lib/bundle/bundle.js";
import {
  buildWorkbenchBundle,
  pruneRows,
  rankerScores,
  type SparseRanker,
  type WorkbenchState
} from "../../lib/bundle/workbench.js";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import type {Dataset} from "../../lib/data/types.js";
import {fitClassifier, predictPair} from "../../lib/models/classifier/pipeline.js";
import {createBundleService, lookupDataset} from "../../lib/serving/bundle-service.js";
import {foldText} from "../../lib/serving/search-movies.js";
import {NotFoundError} from "../../lib/serving/types.js";

const base = encodeDataset(cleanDataset(generateSynthetic({seed: 3, users: 200, movies: 250, ratings: 10000})).data);
// Accented titles to search for.
const title = base.movies.title.slice();
title[0] = "Café Society (1995)";
title[1] = "Cafe Noir (1990)";
title[2] = "Les Misérables (1995)";
const dataset: Dataset = {...base, movies: {...base.movies, title}};
const rows = Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
const classifier = fitClassifier(dataset, rows, {
  gbdt: {n_estimators: 10, learning_rate: 0.3, early_stopping_rounds: null},
  validationFraction: 0
});
const now = new Date("2026-01-01T00:00:00Z");
const withEase = parseBundle<WorkbenchState>(
  serializeBundle(buildWorkbenchBundle(dataset, classifier, {ranker: "ease", neighbours: 32, now}))
);
const noRanker = parseBundle<WorkbenchState>(
  serializeBundle(buildWorkbenchBundle(dataset, classifier, {ranker: "none", now}))
);
const service = createBundleService(withEase);
const userId = dataset.userIds[0];
const seenMovies = new Set(
  Array.from(
    rows.filter((r) => dataset.ratings.user[r] === 0),
    (r) => dataset.movies.id[dataset.ratings.movie[r]]
  )
);

describe("createBundleService", () => {
  it("predicts with class probabilities equal to the classifier's, in raw ids", async () => {
    const movieId = dataset.movies.id[7];
    const p = await service.predict(userId, movieId);
    const direct = predictPair(classifier, dataset, 0, 7);
    expect(p.probabilities.map((c) => c.value)).toEqual([1, 2, 3, 4, 5]);
    expect(p.probabilities.map((c) => c.p)).toEqual(Array.from(direct.probabilities));
    expect(p.expected).toBeCloseTo(direct.expected, 12);
    expect(p.rating).toBe(direct.rating);
    expect(p.coldStart).toBe(false);
    expect(p.modelVersion).toBe(service.version);
    expect(service.version).toContain("2026-01-01T00:00:00.000Z");
    expect(service.scale).toEqual({min: 1, max: 5, step: 1});
  });

  it("answers the same from the lookup tables as from the full data set", () => {
    const lookup = lookupDataset(withEase);
    expect(lookup.ratings.rating.length).toBe(0);
    for (const [u, m] of [
      [0, 0],
      [5, 17],
      [199, 249]
    ]) {
      expect(Array.from(predictPair(classifier, lookup, u, m).probabilities)).toEqual(
        Array.from(predictPair(classifier, dataset, u, m).probabilities)
      );
    }
  });

  it("throws NotFoundError naming the unknown user or movie", async () => {
    await expect(service.predict(999999, dataset.movies.id[0])).rejects.toMatchObject({which: "user", id: 999999});
    await expect(service.predict(userId, -4)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.predict(userId, -4)).rejects.toMatchObject({which: "movie"});
    await expect(service.recommend(123456, 5)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.user(123456)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("recommends k unseen movies from the ranker, best first", async () => {
    const r = await service.recommend(userId, 10);
    expect(r.model).toBe("ease");
    expect(r.items).toHaveLength(10);
    for (const item of r.items) expect(seenMovies.has(item.movieId)).toBe(false);
    for (let i = 1; i < r.items.length; i++) expect(r.items[i - 1].score).toBeGreaterThanOrEqual(r.items[i].score);
    expect(r.items[0].title).toBe(dataset.movies.title[dataset.movies.id.indexOf(r.items[0].movieId)]);
    await expect(service.recommend(userId, 0)).rejects.toThrow(/k is 0/);
    await expect(service.recommend(userId, 101)).rejects.toThrow(/1 to 100/);
  });

  it("falls back to popularity without a ranker", async () => {
    const r = await createBundleService(noRanker).recommend(userId, 5);
    expect(r.model).toBe("popular");
    const pop = noRanker.state.popularity;
    const idx = r.items.map((i) => dataset.movies.id.indexOf(i.movieId));
    for (let i = 1; i < idx.length; i++) expect(pop[idx[i - 1]]).toBeGreaterThanOrEqual(pop[idx[i]]);
    for (const item of r.items) expect(seenMovies.has(item.movieId)).toBe(false);
  });

  it("searches titles ignoring case and accents", async () => {
    const hits = await service.searchMovies("CAFE", 10);
    expect(hits.map((h) => h.title).sort()).toEqual(["Cafe Noir (1990)", "Café Society (1995)"]);
    expect((await service.searchMovies("misérables", 5))[0].title).toBe("Les Misérables (1995)");
    expect((await service.searchMovies("MISERABLES", 5))[0].movieId).toBe(dataset.movies.id[2]);
    expect(await service.searchMovies("   ", 5)).toEqual([]);
    expect((await service.searchMovies("e", 3)).length).toBe(3);
    expect(foldText("Ÿes Ñ")).toBe("yes n");
  });

  it("describes a user with demographics and top-rated movies, best first", async () => {
    const u = await service.user(userId);
    expect(u.ratings).toBe(seenMovies.size);
    expect(u.age).toBe(dataset.users!.age[0]);
    expect(u.gender).toBe(dataset.users!.gender[0] === 0 ? "M" : "F");
    expect(u.occupation).toBe(dataset.users!.occupationNames[dataset.users!.occupation[0]]);
    expect(u.topRated.length).toBe(Math.min(5, seenMovies.size));
    for (let i = 1; i < u.topRated.length; i++)
      expect(u.topRated[i - 1].rating).toBeGreaterThanOrEqual(u.topRated[i].rating);
    for (const m of u.topRated) expect(seenMovies.has(m.movieId)).toBe(true);
  });

  it("refuses a bundle whose parts disagree", () => {
    const bad = (mutate: (s: WorkbenchState) => void): Bundle<WorkbenchState> => {
      const b = parseBundle<WorkbenchState>(serializeBundle(withEase));
      mutate(b.state);
      return b;
    };
    expect(() => createBundleService(bad((s) => ((s.ranker as SparseRanker).indices[0] = 60000)))).toThrow(BundleError);
    expect(() => createBundleService(bad((s) => (s.popularity = new Float32Array(3))))).toThrow(/popularity/);
    expect(() =>
      createBundleService(bad((s) => (s.classifier.model.split = s.classifier.model.split.slice(0, -1))))
    ).toThrow(/classifier.model/);
    expect(() => createBundleService(bad((s) => (s.classifier.model.left[0] = 0)))).toThrow(
      /classifier.model.*child 0/
    );
    expect(() => createBundleService({...withEase, kind: "recommender"})).toThrow(/classifier bundle/);
  });
});

describe("pruned ranker", () => {
  it("keeps the largest-magnitude weights per row and scores by summing seen rows", () => {
    const dense = Float32Array.from([0, 0.5, -0.9, 0.1, 0.2, 0, 0.3, -0.05, 0.4, 0.6, 0, 0.7, 0.0, 0.01, -0.02, 0]);
    const r = pruneRows(dense, 4, 2, "ease");
    expect(Array.from(r.indptr)).toEqual([0, 2, 4, 6, 8]);
    expect(Array.from(r.indices.subarray(0, 2))).toEqual([1, 2]);
    expect(Array.from(rankerScores(r, [0, 2]))).toEqual([
      0,
      Math.fround(0.5) + Math.fround(0.6),
      Math.fround(-0.9),
      Math.fround(0.7)
    ]);
    expect(() => pruneRows(dense, 4, 0, "ease")).toThrow(/neighbours/);
  });

  it("keeps top-10 lists close to the dense model's on real structure", async () => {
    const full = createBundleService(
      parseBundle<WorkbenchState>(
        serializeBundle(buildWorkbenchBundle(dataset, classifier, {ranker: "ease", neighbours: 250, now}))
      )
    );
    let overlap = 0;
    for (const id of Array.from(dataset.userIds.subarray(0, 20))) {
      const a = new Set((await full.recommend(id, 10)).items.map((i) => i.movieId));
      overlap += (await service.recommend(id, 10)).items.filter((i) => a.has(i.movieId)).length;
    }
    expect(overlap / 200).toBeGreaterThan(0.7);
  });
});
