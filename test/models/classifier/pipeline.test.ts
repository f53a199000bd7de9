import {describe, expect, it} from "vitest";
import {parseBundle, serializeBundle} from "../../../lib/bundle/bundle.js";
import {buildWorkbenchBundle} from "../../../lib/bundle/workbench.js";
import {cleanDataset} from "../../../lib/data/clean.js";
import {encodeDataset} from "../../../lib/data/encode.js";
import {generateSynthetic} from "../../../lib/data/synthetic.js";
import type {Dataset} from "../../../lib/data/types.js";
import {accuracy, argmaxClasses} from "../../../lib/eval/classification-metrics.js";
import {fitMajority} from "../../../lib/eval/classifier-baselines.js";
import {stratifiedSplit} from "../../../lib/eval/split.js";
import {labelsOf} from "../../../lib/features/feature-matrix.js";
import {modelToJSON} from "../../../lib/models/gbdt/model.js";
import type {GbdtParams} from "../../../lib/models/gbdt/params.js";
import {trainGbdt, type TrainInput, type TrainOptions} from "../../../lib/models/gbdt/train.js";
import {
  fitClassifier,
  fitClassifierAsync,
  PEER_CLASSIFIER_PARAMS,
  PEER_COLUMNS,
  predictClassifier,
  predictPair,
  resolveClassifierParams,
  summarize,
  type ClassifierParams
} from "../../../lib/models/classifier/pipeline.js";
import {restoreClassifier} from "../../../lib/serving/bundle-service.js";
import type {WorkbenchState} from "../../../lib/bundle/workbench.js";

const dataset: Dataset = encodeDataset(
  cleanDataset(generateSynthetic({seed: 7, users: 300, movies: 400, ratings: 20000}), {beforeRelease: false}).data
);
const all = Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
const split = stratifiedSplit(labelsOf(dataset, all), 0.2, 1);
const FAST: Partial<ClassifierParams> = {
  gbdt: {n_estimators: 30, learning_rate: 0.3, max_depth: 5, early_stopping_rounds: null},
  validationFraction: 0
};

describe("fitClassifier / predictClassifier", () => {
  const state = fitClassifier(dataset, split.train, FAST);
  const {probabilities, classes} = predictClassifier(state, dataset, split.test);
  const truth = labelsOf(dataset, split.test);

  it("predicts a probability distribution over the scale's classes for every test row", () => {
    expect(classes).toEqual([1, 2, 3, 4, 5]);
    expect(probabilities.length).toBe(split.test.length * 5);
    for (let i = 0; i < split.test.length; i += 97) {
      const s = probabilities.subarray(i * 5, i * 5 + 5).reduce((a, b) => a + b, 0);
      expect(s).toBeCloseTo(1, 5);
    }
    expect(state.log.rounds).toBe(30);
    expect(state.log.trainRows).toBe(split.train.length - state.log.droppedBeforeRelease);
  });

  it("beats the majority baseline on held-out rows", () => {
    const acc = accuracy(truth, argmaxClasses(probabilities, 5));
    const maj = fitMajority(labelsOf(dataset, split.train), 5);
    const majAcc = accuracy(truth, new Int32Array(truth.length).fill(maj.majority));
    expect(acc).toBeGreaterThan(majAcc + 0.02);
  });

  it("is deterministic for a seed, also with row and column sampling", () => {
    const p = {...FAST, gbdt: {...FAST.gbdt, n_estimators: 8, subsample: 0.8, colsample_bytree: 0.7}, seed: 3};
    const a = fitClassifier(dataset, split.train, p);
    const b = fitClassifier(dataset, split.train, p);
    expect(modelToJSON(b.model)).toBe(modelToJSON(a.model));
    const c = fitClassifier(dataset, split.train, {...p, seed: 4});
    expect(modelToJSON(c.model)).not.toBe(modelToJSON(a.model));
  });

  it("predictPair gives the batch prediction of the same row", () => {
    const {timestamp, user, movie} = dataset.ratings;
    for (const i of [0, 5, 123, split.test.length - 1]) {
      const row = split.test[i];
      const p = predictPair(state, dataset, user[row], movie[row], timestamp[row]);
      expect(Array.from(p.probabilities)).toEqual(Array.from(probabilities.subarray(i * 5, i * 5 + 5)));
      expect(p.expected).toBeCloseTo(summarize(p.probabilities, state.classValues).expected, 12);
      expect(p.coldStart).toBe(false);
    }
  });

  it("flags unknown users and movies as cold start and still answers from priors", () => {
    const p = predictPair(state, dataset, -1, dataset.movies.id.length + 5);
    expect(p.coldStart).toBe(true);
    expect(p.expected).toBeGreaterThan(1);
    expect(p.expected).toBeLessThan(5);
  });

  it("never reads test ratings: permuting them leaves the fitted model unchanged", () => {
    const rating = dataset.ratings.rating.slice();
    for (let i = 0; i < split.test.length; i++) rating[split.test[i]] = 1 + ((i * 7) % 5);
    const shuffled: Dataset = {...dataset, ratings: {...dataset.ratings, rating}};
    const other = fitClassifier(shuffled, split.train, FAST);
    expect(modelToJSON(other.model)).toBe(modelToJSON(state.model));
  });

  it("round-trips through a bundle with identical predictions", () => {
    const bundle = buildWorkbenchBundle(dataset, state, {ranker: "none", rows: split.train});
    const parsed = parseBundle<WorkbenchState>(serializeBundle(bundle));
    const restored = restoreClassifier(parsed.state);
    expect(modelToJSON(restored.model)).toBe(modelToJSON(state.model));
    const again = predictClassifier(restored, dataset, split.test);
    expect(Array.from(again.probabilities)).toEqual(Array.from(probabilities));
  });
});

describe("classifier parameters", () => {
  it("the peer configuration keeps the peer's 13 columns", () => {
    const s = fitClassifier(
      dataset,
      split.train,
      {...PEER_CLASSIFIER_PARAMS, gbdt: {...PEER_CLASSIFIER_PARAMS.gbdt, n_estimators: 3}},
      {}
    );
    expect(s.columnNames).toEqual([...PEER_COLUMNS]);
    expect(s.model.num_feature).toBe(13);
  });

  it("early stopping uses a stratified inner validation part of the training rows", async () => {
    const rounds: number[] = [];
    const s = await fitClassifierAsync(
      dataset,
      split.train,
      {gbdt: {n_estimators: 200, learning_rate: 0.5, early_stopping_rounds: 3}, validationFraction: 0.2},
      {onRound: (r) => void rounds.push(r)}
    );
    expect(s.log.validationRows).toBe(Math.round(split.train.length * 0.2));
    expect(s.log.stopReason).toBe("early_stopping");
    expect(s.log.rounds).toBeLessThan(200);
    expect(s.log.rounds - 1 - s.log.bestIteration).toBe(3);
    expect(s.log.evalsResult.eval?.mlogloss?.length).toBe(s.log.rounds);
    expect(rounds).toEqual(Array.from({length: s.log.rounds}, (_, i) => i));
  });

  it("an injected trainer grows the trees of the async fit, with the built-in trainer's contract", async () => {
    const calls: number[] = [];
    const trainer = async (train: TrainInput, params: Partial<GbdtParams>, options: TrainOptions) => {
      calls.push(train.n);
      return trainGbdt(train, params, options);
    };
    const injected = await fitClassifierAsync(dataset, split.train, FAST, {trainer});
    expect(calls).toEqual([injected.log.trainRows]);
    expect(modelToJSON(injected.model)).toBe(modelToJSON(fitClassifier(dataset, split.train, FAST).model));
  });

  it("refit trains on all rows with the best round count", () => {
    const s = fitClassifier(dataset, split.train, {
      gbdt: {n_estimators: 100, learning_rate: 0.5, early_stopping_rounds: 3},
      validationFraction: 0.2,
      refit: true
    });
    expect(s.log.validationRows).toBe(0);
    expect(s.log.stopReason).toBe("early_stopping");
    expect(s.model.num_rounds).toBeLessThan(100);
    expect(s.log.trainRows).toBe(split.train.length - s.log.droppedBeforeRelease);
  });

  it("rejects unknown columns and bad fractions with the parameter named", () => {
    expect(() => fitClassifier(dataset, split.train, {columns: ["u_mean", "nope"]})).toThrow(/no feature "nope"/);
    expect(() => resolveClassifierParams({validationFraction: 1})).toThrow(/validationFraction/);
    expect(() => fitClassifier(dataset, new Int32Array(0))).toThrow(/no training rows/);
  });
});
