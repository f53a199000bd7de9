// The seed's public pipeline computed user and movie means on all data before splitting. These tests
// prove that here the test part cannot reach the features: fitted state and test features depend on
// training rows only, and a training row's own rating never enters its own features.
import {describe, expect, it} from "vitest";
import {buildFeatures, fitFeaturePipeline} from "../../lib/features/feature-matrix.js";
import type {Dataset} from "../../lib/data/types.js";
import {createRng} from "../../lib/random.js";
import {randomDataset, withRatings} from "./tiny-dataset.js";
import {stratifiedSplit} from "../../lib/eval/split.js";

const ds = randomDataset(30, 25, 11);
const n = ds.ratings.rating.length;
const labels = Int32Array.from(ds.ratings.rating, (r) => r - 1);
const {train, test} = stratifiedSplit(labels, 0.2, 5);
const opts = {nComponents: 2, aggregates: {priorCount: 3, folds: 4}};

function bytes(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function featuresOf(data: Dataset) {
  const state = fitFeaturePipeline(data, train, opts);
  return {
    state,
    train: buildFeatures(state, data, train, {forTraining: true}),
    test: buildFeatures(state, data, test, {forTraining: false})
  };
}

describe("no leakage", () => {
  it("permuting the test rows' ratings leaves every feature bit-identical", () => {
    const base = featuresOf(ds);
    const rating = ds.ratings.rating.slice();
    const testRatings = Array.from(test, (r) => rating[r]);
    createRng(1).shuffle(testRatings);
    test.forEach((r, i) => (rating[r] = testRatings[i] === rating[r] ? 1 + (rating[r] % 5) : testRatings[i]));
    let changed = 0;
    test.forEach((r) => (changed += rating[r] !== ds.ratings.rating[r] ? 1 : 0));
    expect(changed).toBe(test.length);
    const moved = featuresOf(withRatings(ds, rating));
    expect(bytes(moved.test.features)).toEqual(bytes(base.test.features));
    expect(bytes(moved.train.features)).toEqual(bytes(base.train.features));
    expect(moved.state).toEqual(base.state);
  });

  it("changing a training row's rating leaves that row's own features unchanged but changes others'", () => {
    const base = featuresOf(ds);
    const d = base.train.nFeatures;
    for (const pick of [0, 17, 101]) {
      const row = train[pick];
      const rating = ds.ratings.rating.slice();
      rating[row] = rating[row] === 5 ? 1 : 5;
      const moved = featuresOf(withRatings(ds, rating));
      const i = Array.from(base.train.rows).indexOf(row);
      expect(bytes(moved.train.features.subarray(i * d, (i + 1) * d))).toEqual(
        bytes(base.train.features.subarray(i * d, (i + 1) * d))
      );
      let otherTrain = 0;
      for (let j = 0; j < base.train.rows.length; j++) {
        if (j === i) continue;
        for (let c = 0; c < d; c++)
          if (!Object.is(moved.train.features[j * d + c], base.train.features[j * d + c])) otherTrain++;
      }
      expect(otherTrain).toBeGreaterThan(0);
      // Test rows read the whole training part, so they do see the change.
      expect(bytes(moved.test.features)).not.toEqual(bytes(base.test.features));
    }
  });

  it("adding rows outside the training part to the data set does not change the fitted state", () => {
    const base = fitFeaturePipeline(ds, train, opts);
    const extra = 50;
    const rng = createRng(4);
    const grow = <T extends Int32Array | Float32Array | Float64Array>(a: T, f: () => number): T => {
      const out = new (a.constructor as new (n: number) => T)(a.length + extra);
      out.set(a);
      for (let i = a.length; i < out.length; i++) out[i] = f();
      return out;
    };
    const bigger: Dataset = {
      ...ds,
      ratings: {
        user: grow(ds.ratings.user, () => rng.int(30)),
        movie: grow(ds.ratings.movie, () => rng.int(25)),
        rating: grow(ds.ratings.rating, () => 1 + rng.int(5)),
        timestamp: grow(ds.ratings.timestamp, () => 2100 * 86400)
      }
    };
    expect(bigger.ratings.user.length).toBe(n + extra);
    expect(fitFeaturePipeline(bigger, train, opts)).toEqual(base);
  });
});
