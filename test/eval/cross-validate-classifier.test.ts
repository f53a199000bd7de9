import {beforeAll, describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import {
  crossValidateClassifier,
  CV_METRICS,
  summarizeMetrics,
  type CvProgress,
  type CvResult,
  type MetricValues
} from "../../lib/eval/cross-validate-classifier.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import type {ClassifierParams} from "../../lib/models/classifier/pipeline.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";

const dataset = encodeDataset(
  cleanDataset(generateSynthetic({seed: 11, users: 250, movies: 300, ratings: 15000}), {beforeRelease: false}).data
);
const FAST: Partial<ClassifierParams> = {
  gbdt: {n_estimators: 15, learning_rate: 0.3, max_depth: 4, early_stopping_rounds: null},
  validationFraction: 0
};

describe("crossValidateClassifier", () => {
  const progress: CvProgress[] = [];
  let r: CvResult;
  beforeAll(async () => {
    r = await crossValidateClassifier(dataset, {folds: 3, params: FAST, seed: 5, onProgress: (p) => progress.push(p)});
  });

  it("reports every metric per fold and mean ± sd over the folds", () => {
    expect(r.protocol).toBe("stratified-k-fold");
    expect(r.folds.map((f) => f.name)).toEqual(["fold1", "fold2", "fold3"]);
    expect(r.folds.reduce((a, f) => a + f.nTest, 0)).toBe(dataset.ratings.rating.length);
    for (const m of CV_METRICS) {
      const xs = r.folds.map((f) => f.metrics[m]);
      expect(r.summary.mean[m]).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / 3, 12);
      expect(Number.isFinite(r.summary.sd[m])).toBe(true);
    }
    expect(r.folds[0].metrics.fit_seconds).toBeGreaterThan(0);
  });

  it("gives confusion matrices and per-class scores that agree with the accuracy", () => {
    for (const f of r.folds) {
      const K = f.perClass.value.length;
      const total = f.confusion.reduce((a, b) => a + b, 0);
      let diag = 0;
      for (let k = 0; k < K; k++) diag += f.confusion[k * K + k];
      expect(total).toBe(f.nTest);
      expect(diag / total).toBeCloseTo(f.metrics.accuracy, 12);
      expect(f.perClass.support.reduce((a, b) => a + b, 0)).toBe(f.nTest);
    }
    expect(r.confusion.reduce((a, b) => a + b, 0)).toBe(dataset.ratings.rating.length);
  });

  it("beats both baselines on the same folds", () => {
    expect(r.summary.mean.accuracy).toBeGreaterThan(r.baselines.majority.mean.accuracy);
    expect(r.summary.mean.rmse).toBeLessThan(r.baselines.majority.mean.rmse);
    expect(r.summary.mean.log_loss).toBeLessThan(r.baselines.bias.mean.log_loss);
  });

  it("reports progress per round and per fold", () => {
    const fits = progress.filter((p) => p.phase === "fit");
    expect(fits.length).toBe(3 * 16);
    expect(progress.filter((p) => p.phase === "done").map((p) => p.fold)).toEqual([0, 1, 2]);
  });

  it("trains every round whatever the progress listener returns", async () => {
    const quiet = await crossValidateClassifier(dataset, {
      folds: 2,
      params: FAST,
      seed: 5,
      onProgress: () => false as unknown as void
    });
    expect(quiet.folds.map((f) => f.training.rounds)).toEqual([15, 15]);
  });

  it("is reproducible", async () => {
    const again = await crossValidateClassifier(dataset, {folds: 3, params: FAST, seed: 5});
    expect(again.folds.map((f) => f.metrics.log_loss)).toEqual(r.folds.map((f) => f.metrics.log_loss));
    expect(again.confusion).toEqual(r.confusion);
  });

  it("runs predefined folds as the official protocol", async () => {
    const n = dataset.ratings.rating.length;
    const test = Int32Array.from({length: Math.floor(n / 4)}, (_, i) => i * 4);
    const train = Int32Array.from({length: n}, (_, i) => i).filter((i) => i % 4 !== 0);
    const one = await crossValidateClassifier(dataset, {folds: [{name: "quarter", train, test}], params: FAST});
    expect(one.protocol).toBe("official");
    expect(one.folds[0].nTest).toBe(test.length);
    expect(one.summary.sd.accuracy).toBe(0);
  });

  it("summarizeMetrics uses the sample standard deviation", () => {
    const v = (x: number) => Object.fromEntries(CV_METRICS.map((m) => [m, x])) as MetricValues;
    const s = summarizeMetrics([v(1), v(2), v(3)]);
    expect(s.mean.accuracy).toBe(2);
    expect(s.sd.accuracy).toBe(1);
  });

  it("refuses bad fold counts", async () => {
    await expect(crossValidateClassifier(dataset, {folds: 1, params: FAST})).rejects.toThrow(/k is 1/);
    await expect(crossValidateClassifier(dataset, {folds: [], params: FAST})).rejects.toThrow(/at least one fold/);
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    const run = crossValidateClassifier(dataset, {
      folds: 2,
      params: FAST,
      signal: controller.signal,
      onProgress: (p) => p.round === 3 && controller.abort()
    });
    await expect(run).rejects.toThrow(/cancelled/);
  });
});

describe.skipIf(!HAS_ML100K)("crossValidateClassifier on ml-100k (official u1)", () => {
  it("reaches accuracy > 0.43 on u1 with features fitted on u1.base only", async () => {
    const opened = await openDataset({
      target: {kind: "dir", dir: ML100K_DIR, name: "ml-100k"},
      clean: {beforeRelease: false}
    });
    const ml = opened.dataset;
    const folds = await opened.folds.official(["u1"]);
    // The tuned features with a faster learning rate keep this test short.
    const r = await crossValidateClassifier(ml, {
      folds,
      params: {gbdt: {learning_rate: 0.2, early_stopping_rounds: 10}}
    });
    const f = r.folds[0];
    expect(f.nTrain).toBe(80000);
    expect(f.nTest).toBe(20000);
    expect(f.metrics.accuracy).toBeGreaterThan(0.43);
    expect(f.metrics.accuracy).toBeGreaterThan(f.baselines.bias.accuracy);
    expect(f.metrics.rmse).toBeLessThan(0.96);
  }, 180_000);
});
