import {describe, expect, it} from "vitest";
import {predict} from "../../../lib/models/estimator.js";
import {baselineModel} from "../../../lib/models/baselines/baseline-only.js";
import {globalMeanModel} from "../../../lib/models/baselines/global-mean.js";
import {trainOf} from "../fixtures.js";

// 3 users × 3 movies, two ratings each; μ = 3.
const train = trainOf(
  [
    [0, 0, 5],
    [0, 1, 3],
    [1, 0, 4],
    [1, 2, 2],
    [2, 1, 1],
    [2, 2, 3]
  ],
  4,
  4
);

describe("BaselineOnly (ALS)", () => {
  it("matches one ALS epoch computed by hand", () => {
    const s = baselineModel.fit(train, {epochs: 1, regItem: 1, regUser: 2});
    expect(s.mean).toBe(3);
    // item step (b_u = 0): b_i = Σ(r − μ) / (reg_i + n_i)
    expect(Array.from(s.itemBias.slice(0, 3))).toEqual([1, -2 / 3, -1 / 3].map((x) => expect.closeTo(x, 12)));
    // user step: b_u = Σ(r − μ − b_i) / (reg_u + n_u)
    expect(s.userBias[0]).toBeCloseTo((1 + 2 / 3) / 4, 12);
    expect(s.userBias[1]).toBeCloseTo((0 - 2 / 3) / 4, 12);
    expect(s.userBias[2]).toBeCloseTo((-4 / 3 + 1 / 3) / 4, 12);
    expect(predict(baselineModel, s, 0, 0)).toEqual({rating: expect.closeTo(3 + 1 + 5 / 12, 12), fallback: false});
  });

  it("converges to unregularised biases that fit an additive matrix exactly", () => {
    const additive = trainOf(
      [
        [0, 0, 2],
        [0, 1, 3],
        [1, 0, 3],
        [1, 1, 4],
        [2, 0, 4],
        [2, 1, 5]
      ],
      3,
      2
    );
    const s = baselineModel.fit(additive, {epochs: 200, regItem: 0, regUser: 0});
    for (const [u, m, r] of [
      [0, 0, 2],
      [1, 1, 4],
      [2, 1, 5]
    ])
      expect(predict(baselineModel, s, u, m).rating).toBeCloseTo(r, 6);
  });

  it("flags unknown users and movies and clips to the scale", () => {
    const s = baselineModel.fit(train);
    expect(predict(baselineModel, s, 3, 0).fallback).toBe(true);
    expect(predict(baselineModel, s, 0, 3).fallback).toBe(true);
    expect(predict(baselineModel, s, 99, -1)).toEqual({rating: 3, fallback: true});
    const big = baselineModel.fit(train, {regItem: 0, regUser: 0, epochs: 1});
    const far = {...big, userBias: Float64Array.from([10, 0, 0, 0])};
    expect(predict(baselineModel, far, 0, 0).rating).toBe(5);
    expect(baselineModel.scoreAll(s, 0).length).toBe(4);
  });

  it("global mean predicts μ for everyone", () => {
    const s = globalMeanModel.fit(train);
    expect(predict(globalMeanModel, s, 2, 1)).toEqual({rating: 3, fallback: false});
    expect(Array.from(globalMeanModel.scoreAll(s, 0))).toEqual([3, 3, 3, 3]);
    expect(() => globalMeanModel.fit(trainOf([], 1, 1))).toThrow(/no ratings/);
  });
});
