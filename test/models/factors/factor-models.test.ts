import {describe, expect, it} from "vitest";
import {predict, predictRatings, type AnyModel} from "../../../lib/models/estimator.js";
import {fitMf, mfModel} from "../../../lib/models/factors/mf.js";
import {mfSgdAvailable} from "../../../lib/wasm/mf-sgd.js";
import {svdppModel} from "../../../lib/models/factors/svdpp.js";
import {bpmfModel} from "../../../lib/models/factors/bpmf.js";
import {svdSeedModel, reconstruct} from "../../../lib/models/factors/svd-seed.js";
import {svdCentredModel} from "../../../lib/models/factors/svd-centred.js";
import {truncatedSvd} from "../../../lib/linalg/truncated-svd.js";
import {baselineModel} from "../../../lib/models/baselines/baseline-only.js";
import {buildCsr} from "../../../lib/linalg/sparse.js";
import {createRng} from "../../../lib/random.js";
import {rmse} from "../../../lib/eval/rating-metrics.js";

import {syntheticSplit} from "../fixtures.js";

const data = syntheticSplit(80, 60, 0.35, 11);
const testRmse = (model: AnyModel, s: unknown) =>
  rmse(data.test.rating, predictRatings(model, s as never, data.test).rating);

describe("truncated SVD", () => {
  it("reconstructs a fully observed rank-3 matrix", () => {
    const rng = createRng(5);
    const n = 20,
      m = 15,
      r = 3;
    const a = Array.from({length: n * r}, () => rng.normal()),
      b = Array.from({length: m * r}, () => rng.normal());
    const rows: number[] = [],
      cols: number[] = [],
      vals: number[] = [];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        let v = 0;
        for (let f = 0; f < r; f++) v += a[i * r + f] * b[j * r + f];
        rows.push(i);
        cols.push(j);
        vals.push(v);
      }
    const svd = truncatedSvd(buildCsr(rows, cols, vals, n, m), r, 1);
    let maxErr = 0;
    for (let k = 0; k < rows.length; k++) {
      let v = 0;
      for (let f = 0; f < r; f++) v += svd.u[rows[k] * r + f] * svd.sigma[f] * svd.v[cols[k] * r + f];
      maxErr = Math.max(maxErr, Math.abs(v - Math.fround(vals[k])));
    }
    expect(maxErr).toBeLessThan(1e-4);
    expect(svd.sigma[0]).toBeGreaterThanOrEqual(svd.sigma[1]);
  });

  it("the seed's zero-filled SVD predicts near 0 for unrated cells; centring fixes it", () => {
    const seed = svdSeedModel.fit(data.train, {components: 5});
    const centred = svdCentredModel.fit(data.train, {components: 5});
    let nearZero = 0;
    for (let k = 0; k < data.test.user.length; k++)
      if (reconstruct(seed, data.test.user[k], data.test.movie[k]) < 2) nearZero++;
    expect(nearZero / data.test.user.length).toBeGreaterThan(0.5);
    expect(testRmse(svdCentredModel, centred)).toBeLessThan(testRmse(svdSeedModel, seed) - 0.5);
    expect(svdSeedModel.scoreAll(seed, 0).length).toBe(60);
  });
});

describe("biased MF by SGD", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = mfModel.fit(data.train, {factors: 8, epochs: 5, seed: 3});
    const b = mfModel.fit(data.train, {factors: 8, epochs: 5, seed: 3});
    const c = mfModel.fit(data.train, {factors: 8, epochs: 5, seed: 4});
    expect(a.userFactors).toEqual(b.userFactors);
    expect(a.itemBias).toEqual(b.itemBias);
    expect(a.userFactors).not.toEqual(c.userFactors);
  });

  it("the wasm kernel and the JS loop give the same model up to float rounding", () => {
    // Without the kernel both fits would run the JS loop and agree trivially.
    expect(mfSgdAvailable()).toBe(true);
    const w = fitMf(data.train, {factors: 10, epochs: 10}, true);
    const j = fitMf(data.train, {factors: 10, epochs: 10}, false);
    expect(w.userFactors).not.toEqual(j.userFactors);
    let maxDiff = 0;
    for (let x = 0; x < w.userFactors.length; x++)
      maxDiff = Math.max(maxDiff, Math.abs(w.userFactors[x] - j.userFactors[x]));
    expect(maxDiff).toBeLessThan(1e-3);
    expect(Math.abs(testRmse(mfModel, w) - testRmse(mfModel, j))).toBeLessThan(1e-3);
  });

  it("learns: beats the baseline's biases alone with tuned regularisation; predictions clipped; fallbacks flagged", () => {
    const s = mfModel.fit(data.train, {factors: 10, epochs: 60, lr: 0.01, reg: 0.05});
    expect(testRmse(mfModel, s)).toBeLessThan(testRmse(baselineModel, baselineModel.fit(data.train)));
    expect(predict(mfModel, s, -1, 0).fallback).toBe(true);
    const wild = {...s, userBias: Float32Array.from(s.userBias, () => 100)};
    expect(predict(mfModel, wild, 0, 0).rating).toBe(5);
    expect(mfModel.scoreAll(s, 0).length).toBe(60);
  });
});

describe("SVD++", () => {
  it("is seeded and learns from explicit plus implicit feedback", () => {
    const a = svdppModel.fit(data.train, {epochs: 30, lr: 0.01, reg: 0.05});
    const b = svdppModel.fit(data.train, {epochs: 30, lr: 0.01, reg: 0.05});
    expect(a.userVectors).toEqual(b.userVectors);
    expect(testRmse(svdppModel, a)).toBeLessThan(testRmse(baselineModel, baselineModel.fit(data.train)));
    expect(predict(svdppModel, a, 0, 999).fallback).toBe(true);
  });
});

describe("BPMF (Gibbs sampling)", () => {
  it("is seeded, beats the baseline, and averages clipped samples into the scale", () => {
    const p = {factors: 3, sweeps: 40, burnIn: 10};
    const a = bpmfModel.fit(data.train, p);
    expect(a.samples).toBe(30);
    expect(bpmfModel.fit(data.train, p).itemSamples).toEqual(a.itemSamples);
    expect(testRmse(bpmfModel, a)).toBeLessThan(testRmse(baselineModel, baselineModel.fit(data.train)));
    for (let m = 0; m < 60; m++) {
      const r = predict(bpmfModel, a, 0, m).rating;
      expect(r >= 1 && r <= 5).toBe(true);
    }
    expect(predict(bpmfModel, a, 999, 0)).toEqual({rating: expect.closeTo(a.mean, 12), fallback: true});
    expect(() => bpmfModel.fit(data.train, {sweeps: 5, burnIn: 5})).toThrow(/expected sweeps > burnIn/);
  });
});
