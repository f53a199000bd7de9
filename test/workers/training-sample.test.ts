import {describe, expect, it} from "vitest";
import {stratifiedSplit} from "../../lib/eval/split.js";
import {labelsOf} from "../../lib/features/feature-matrix.js";
import {buildTrainingSample, decodeTrainingSample, encodeTrainingSample} from "../../lib/workers/training-sample.js";
import {randomDataset, withRatings} from "../features/tiny-dataset.js";

const ds = randomDataset(40, 30, 5);
const all = Int32Array.from({length: ds.ratings.rating.length}, (_, i) => i);
const split = stratifiedSplit(labelsOf(ds, all), 0.25, 2);

describe("training sample", () => {
  it("samples the asked rows, capped at what exists, and round-trips exactly through JSON", () => {
    const s = buildTrainingSample(ds, split.train, split.test, {
      nTrain: 100,
      nValid: 10_000,
      seed: 1,
      features: {nComponents: 2}
    });
    const d = s.featureNames.length;
    expect(s.trainLabels).toHaveLength(100);
    expect(s.validLabels).toHaveLength(split.test.length);
    expect(s.trainFeatures).toHaveLength(100 * d);
    expect(s.classValues).toEqual([1, 2, 3, 4, 5]);
    const back = decodeTrainingSample(JSON.parse(JSON.stringify(encodeTrainingSample(s))));
    expect(back.featureNames).toEqual(s.featureNames);
    // toEqual treats NaN as equal to NaN: missing features survive.
    expect(Array.from(back.trainFeatures)).toEqual(Array.from(s.trainFeatures));
    expect(Array.from(back.validFeatures)).toEqual(Array.from(s.validFeatures));
    expect(Array.from(back.trainLabels)).toEqual(Array.from(s.trainLabels));
    expect(Array.from(back.validLabels)).toEqual(Array.from(s.validLabels));
  });

  it("is seeded", () => {
    const a = buildTrainingSample(ds, split.train, split.test, {
      nTrain: 50,
      nValid: 20,
      seed: 3,
      features: {nComponents: 2}
    });
    const b = buildTrainingSample(ds, split.train, split.test, {
      nTrain: 50,
      nValid: 20,
      seed: 3,
      features: {nComponents: 2}
    });
    expect(Array.from(a.trainFeatures)).toEqual(Array.from(b.trainFeatures));
  });

  it("never reads the validation ratings: permuting them leaves every feature unchanged", () => {
    const rating = ds.ratings.rating.slice();
    const testRatings = Array.from(split.test, (r) => rating[r]).reverse();
    split.test.forEach((r, i) => (rating[r] = testRatings[i]));
    const a = buildTrainingSample(ds, split.train, split.test, {
      nTrain: 80,
      nValid: 40,
      seed: 4,
      features: {nComponents: 2}
    });
    const b = buildTrainingSample(withRatings(ds, rating), split.train, split.test, {
      nTrain: 80,
      nValid: 40,
      seed: 4,
      features: {nComponents: 2}
    });
    expect(Array.from(b.trainFeatures)).toEqual(Array.from(a.trainFeatures));
    expect(Array.from(b.validFeatures)).toEqual(Array.from(a.validFeatures));
  });

  it("names the field of a damaged file", () => {
    const e = encodeTrainingSample(
      buildTrainingSample(ds, split.train, split.test, {nTrain: 20, nValid: 5, seed: 1, features: {nComponents: 2}})
    );
    expect(() => decodeTrainingSample({...e, nTrain: 21})).toThrow(/"trainFeatures": \d+ bytes, expected 21 rows/);
    expect(() => decodeTrainingSample({...e, validLabels: "%%%"})).toThrow(/"validLabels": not base64/);
    expect(() => decodeTrainingSample({...e, trainLabels: btoa("not zlib")})).toThrow(/"trainLabels": not zlib data/);
    expect(() => decodeTrainingSample({...e, classValues: [1, 2]})).toThrow(
      /label \d at row \d+, expected a class index 0..1/
    );
  });
});
