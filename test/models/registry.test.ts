// The conformance suite every registered model inherits (as LensKit's scorer tests): a model added to the
// registry is checked here with no further line, on its declarations, its fit, its predictions and the harness.
import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import {crossValidate} from "../../lib/eval/cross-validate.js";
import {randomRatingFolds} from "../../lib/data/folds.js";
import {capabilities, effectiveDefaults, predict, predictRatings, seedParams} from "../../lib/models/estimator.js";
import {
  blendableNames,
  explainableNames,
  getModel,
  itemRankerNames,
  MODELS,
  modelNames
} from "../../lib/models/registry.js";
import {recommend, seenMatrix} from "../../lib/models/top-n.js";

// Small enough for every model, the blend's members and the classifier included, to fit in well under a second.
const dataset = encodeDataset(
  cleanDataset(generateSynthetic({seed: 21, users: 60, movies: 40, ratings: 1500}), {beforeRelease: false}).data
);
const nMovies = dataset.movies.id.length;
const folds = randomRatingFolds(dataset, 2, 7);
const train = folds[0].train;
const fast: Record<string, object> = {
  mf: {factors: 8, epochs: 5},
  svdpp: {factors: 5, epochs: 5},
  "svd-seed": {components: 5},
  bpr: {factors: 8, epochs: 5},
  ials: {factors: 4, epochs: 3},
  "rank-blend": {members: [{model: "ease"}, {model: "ials", params: {factors: 4, epochs: 3}}]},
  bpmf: {factors: 3, sweeps: 6, burnIn: 2},
  "bayes-fm": {factors: 3, sweeps: 6, burnIn: 2},
  "svd-centred": {components: 5},
  blend: {members: [{model: "baseline"}, {model: "item-knn"}, {model: "mf", params: {factors: 4, epochs: 10}}]},
  classifier: {gbdt: {n_estimators: 8, max_depth: 3, early_stopping_rounds: null}, validationFraction: 0}
};

describe("model registry", () => {
  it("lists the CLI names by task and rejects unknown names", () => {
    // Pinned as a subsequence, so that adding a model never means editing this test.
    const inOrder = (names: string[], expected: string[]) =>
      expect(names.filter((n) => expected.includes(n))).toEqual(expected);
    inOrder(modelNames("rating"), [
      "global-mean",
      "baseline",
      "user-knn",
      "item-knn",
      "svd-seed",
      "svd-centred",
      "mf",
      "svdpp",
      "bpmf",
      "blend",
      "classifier"
    ]);
    inOrder(modelNames("ranking"), ["popular", "item-knn-implicit", "ease", "bpr"]);
    expect([...modelNames("rating"), ...modelNames("ranking")].sort()).toEqual(Object.keys(MODELS).sort());
    for (const name of modelNames("rating")) expect(getModel(name).task).toBe("rating");
    expect(() => getModel("nope")).toThrow(/unknown model "nope"; expected one of global-mean, baseline/);
    expect(() => getModel("constructor")).toThrow(/unknown model/);
  });

  it("derives the blend's members and the explainable models from the models' declarations", () => {
    const all = Object.values(MODELS);
    expect(blendableNames()).toEqual(all.filter((m) => m.blendable === true && m.task === "rating").map((m) => m.name));
    expect(blendableNames()).toEqual(
      expect.arrayContaining(["baseline", "user-knn", "item-knn", "svd-centred", "mf", "svdpp", "bpmf", "classifier"])
    );
    expect(explainableNames()).toEqual(all.filter((m) => m.explain !== undefined).map((m) => m.name));
    expect(itemRankerNames()).toEqual(expect.arrayContaining(["ease", "item-knn-implicit"]));
    expect(itemRankerNames()).toEqual(
      all
        .filter((m) => m.itemWeights !== undefined)
        .map((m) => m.name)
        .sort()
    );
    expect(explainableNames()).toEqual(expect.arrayContaining(["user-knn", "item-knn", "item-knn-implicit", "ease"]));
    expect(capabilities(getModel("classifier"))).toEqual(["rating", "ranking", "classes", "blend"]);
  });

  for (const [name, model] of Object.entries(MODELS)) {
    describe(name, () => {
      it("declares a label, a description and a schema for every parameter, with defaults in range", () => {
        expect(model.name).toBe(name);
        expect(model.label.length).toBeGreaterThan(0);
        expect(model.description.length).toBeGreaterThan(10);
        for (const key of Object.keys(model.defaults as object))
          expect(model.params, `${name}.${key}`).toHaveProperty(key);
        for (const [key, spec] of Object.entries(model.params)) {
          expect(spec.description.length, `${name}.${key}`).toBeGreaterThan(5);
          // A selecting model (bpmf) declares its base model's parameters, whose defaults are the base's.
          const defaults = effectiveDefaults(model);
          const v = defaults[key];
          if (spec.type === "integer") expect(Number.isInteger(v), `${name}.${key}`).toBe(true);
          if (spec.type === "integer" || spec.type === "number") {
            if (spec.min !== undefined) expect(v as number).toBeGreaterThanOrEqual(spec.min);
            if (spec.max !== undefined) expect(v as number).toBeLessThanOrEqual(spec.max);
          }
          if (spec.type === "enum") expect(spec.values).toContain(v);
          if (spec.type === "boolean") expect(typeof v).toBe("boolean");
        }
      });

      it("scoreAll covers the catalogue, top-N excludes seen, predictions clipped, unknown users flagged, state is plain data", () => {
        const state = model.fit(train, fast[name]);
        expect(model.scoreAll(state, 0).length).toBe(nMovies);
        const seen = seenMatrix(train);
        const top = recommend(model, state, seen, 0, 10);
        expect(top.length).toBe(10);
        const rated = new Set(Array.from(seen.indices.subarray(seen.indptr[0], seen.indptr[1])));
        expect(top.some((r) => rated.has(r.movie))).toBe(false);
        for (let m = 0; m < nMovies; m++) {
          const p = predict(model, state, 1, m);
          expect(p.rating).toBeGreaterThanOrEqual(1);
          expect(p.rating).toBeLessThanOrEqual(5);
        }
        if (name !== "global-mean") expect(predict(model, state, 9999, 0).fallback).toBe(true);
        if (model.itemWeights !== undefined) {
          // An item–item ranker's scores are the sums of its weight rows over the user's seen movies.
          const w = model.itemWeights(state);
          expect(w.length).toBe(nMovies * nMovies);
          const expected = new Float64Array(nMovies);
          for (const i of rated) for (let j = 0; j < nMovies; j++) expected[j] += w[i * nMovies + j];
          const scores = model.scoreAll(state, 0);
          for (let j = 0; j < nMovies; j++) expect(scores[j]).toBeCloseTo(expected[j], 4);
        }
        // fitted state is plain data: survives structured cloning (workers, serialisation)
        expect(() => structuredClone(state)).not.toThrow();
      });

      it("gives the same predictions for the same seed (fitted on the training part only)", () => {
        const params = {...fast[name], ...seedParams(model, 5)};
        const a = predictRatings(model, model.fit(train, params), folds[0].test);
        const b = predictRatings(model, model.fit(train, params), folds[0].test);
        expect(b.rating).toEqual(a.rating);
        expect(b.fallback).toEqual(a.fallback);
        expect(a.rating.length).toBe(folds[0].test.rating.length);
      });

      it("runs through the harness on every fold, with progress, and stops when cancelled", async () => {
        const phases: string[] = [];
        const r = await crossValidate(model, folds, {
          params: fast[name] as never,
          onProgress: (p) => phases.push(`${p.fold}:${p.phase}`)
        });
        expect(r.folds.map((f) => f.fold)).toEqual(["fold1", "fold2"]);
        expect(r.metrics.rmse.mean).toBeGreaterThan(0);
        expect(r.metrics.rmse.mean).toBeLessThanOrEqual(4);
        if (model.classes) expect(r.metrics.accuracy.mean).toBeGreaterThan(0);
        expect(phases).toContain("1:done");
        const controller = new AbortController();
        controller.abort();
        await expect(
          crossValidate(model, folds, {params: fast[name] as never, signal: controller.signal})
        ).rejects.toThrow(/cancelled/);
      });
    });
  }
});
