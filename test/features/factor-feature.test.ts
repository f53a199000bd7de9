import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {selectRows, trainSetOf} from "../../lib/data/folds.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import {buildFeatures, featuresForPair, fitFeaturePipeline} from "../../lib/features/feature-matrix.js";
import {fitFactorFeature} from "../../lib/features/factor-feature.js";
import {kFold} from "../../lib/eval/split.js";
import {predictRatings} from "../../lib/models/estimator.js";
import {mfModel} from "../../lib/models/factors/mf.js";

const dataset = encodeDataset(cleanDataset(generateSynthetic({seed: 3, users: 60, movies: 50, ratings: 1500})).data);
const n = dataset.ratings.rating.length;
const all = Int32Array.from({length: n}, (_, i) => i);
const train = all.filter((i) => i % 5 !== 0);
const test = all.filter((i) => i % 5 === 0);

describe("factor feature", () => {
  it("gives training rows out-of-fold estimates: each from a model fitted without that row's fold", () => {
    const f = fitFactorFeature(dataset, train, "mf", 4, 9);
    const sorted = Int32Array.from(train).sort();
    const parts = kFold(sorted.length, 4, 9);
    const p = parts[2];
    const rows = (idx: Int32Array) => Int32Array.from(idx, (i) => sorted[i]);
    const state = mfModel.fit(trainSetOf(dataset, rows(p.train)));
    const expected = predictRatings(mfModel, state, selectRows(dataset.ratings, rows(p.test))).rating;
    expect(Array.from(p.test, (i) => f.oofValues[i])).toEqual(Array.from(expected, (v) => Math.fround(v)));
    // In-sample estimates of the full model differ: the out-of-fold ones never saw their own rating.
    const inSample = predictRatings(mfModel, f.state as never, selectRows(dataset.ratings, sorted)).rating;
    expect(Array.from(f.oofValues).some((v, i) => Math.abs(v - inSample[i]) > 1e-3)).toBe(true);
  });

  it("adds one last column only when asked, and leaves every other column as it was", () => {
    const plain = fitFeaturePipeline(dataset, train);
    const withMf = fitFeaturePipeline(dataset, train, {factors: "mf"});
    expect(withMf.names).toEqual([...plain.names, "factor_mf"]);
    expect("factor" in plain).toBe(false);
    const a = buildFeatures(plain, dataset, test, {forTraining: false});
    const b = buildFeatures(withMf, dataset, test, {forTraining: false});
    const d = a.nFeatures;
    for (let i = 0; i < test.length; i++) {
      expect(b.features.subarray(i * (d + 1), i * (d + 1) + d)).toEqual(a.features.subarray(i * d, i * d + d));
    }
    // A pair's vector reads the same full model as the test rows.
    const row = test[0];
    const pair = featuresForPair(withMf, dataset, dataset.ratings.user[row], dataset.ratings.movie[row]);
    expect(pair[d]).toBeCloseTo(b.features[d], 5);
  });

  it("is deterministic for a seed, and rejects an unknown model", () => {
    const x = fitFactorFeature(dataset, train, "mf", 3, 1);
    const y = fitFactorFeature(dataset, train, "mf", 3, 1);
    expect(x.oofValues).toEqual(y.oofValues);
    expect(() => fitFactorFeature(dataset, train, "knn" as never, 3, 1)).toThrow(/expected one of mf, svdpp/);
  });
});
