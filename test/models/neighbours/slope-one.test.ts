import {describe, expect, it} from "vitest";
import {predict} from "../../../lib/models/estimator.js";
import {MAX_MOVIES, slopeOneModel} from "../../../lib/models/neighbours/slope-one.js";
import {crossValidate} from "../../../lib/eval/cross-validate.js";
import {randomRatingFolds} from "../../../lib/data/folds.js";
import {openDataset} from "../../../lib/node/open-dataset.js";
import {HAS_ML100K, ML100K_DIR} from "../../helpers/ml100k.js";
import {syntheticSplit, trainOf} from "../fixtures.js";

describe("Slope One", () => {
  it("matches the paper's example: B rated I 2, A rated I 1 and J 1.5, so B's J is 2 + (1.5 − 1)", () => {
    // users A = 0, B = 1; movies I = 0, J = 1 (ratings on a half-star scale would be 1.5; here ×2 to stay integer)
    const s = slopeOneModel.fit(
      trainOf(
        [
          [0, 0, 2],
          [0, 1, 3],
          [1, 0, 4]
        ],
        2,
        2
      )
    );
    expect(predict(slopeOneModel, s, 1, 1)).toEqual({rating: 5, fallback: false});
    expect(s.dev[1 * 2 + 0]).toBe(1);
    expect(s.dev[0 * 2 + 1]).toBe(-1);
    expect(s.support[1 * 2 + 0]).toBe(1);
  });

  it("equals Surprise's formula computed directly, for every pair of a random set", () => {
    const {train} = syntheticSplit(30, 25, 0.3, 7);
    const s = slopeOneModel.fit(train);
    const r = train.ratings;
    const rated = (u: number) =>
      [...r.user.keys()].filter((k) => r.user[k] === u).map((k) => [r.movie[k], r.rating[k]] as const);
    for (let u = 0; u < 30; u++) {
      const mine = rated(u);
      if (mine.length === 0) continue;
      const mu = mine.reduce((a, [, x]) => a + x, 0) / mine.length;
      for (let i = 0; i < 25; i++) {
        if (s.knownMovie[i] === 0) continue;
        let sum = 0,
          count = 0;
        for (const [j] of mine) {
          // dev(i, j) over users who rated both
          let d = 0,
            c = 0;
          for (let v = 0; v < 30; v++) {
            const theirs = new Map(rated(v));
            if (theirs.has(i) && theirs.has(j)) {
              d += theirs.get(i)! - theirs.get(j)!;
              c++;
            }
          }
          if (c > 0) {
            sum += d / c;
            count++;
          }
        }
        const expected = count > 0 ? mu + sum / count : mu;
        expect(slopeOneModel.estimate(s, u, i).value).toBeCloseTo(expected, 10);
      }
    }
  });

  it("uses the user's mean without co-rated movies, the global mean for unknown users or movies", () => {
    const s = slopeOneModel.fit(
      trainOf(
        [
          [0, 0, 5],
          [0, 1, 3],
          [1, 2, 2]
        ],
        3,
        4
      )
    );
    expect(predict(slopeOneModel, s, 1, 0)).toEqual({rating: 2, fallback: false});
    expect(predict(slopeOneModel, s, 2, 0)).toEqual({rating: 10 / 3, fallback: true});
    expect(predict(slopeOneModel, s, 0, 3)).toEqual({rating: 10 / 3, fallback: true});
    expect(Array.from(slopeOneModel.scoreAll(s, 0))).toEqual([5, 3, 4, 10 / 3].map(Math.fround));
  });

  it("drops pairs with fewer common raters than minSupport", () => {
    const s = slopeOneModel.fit(
      trainOf(
        [
          [0, 0, 2],
          [0, 1, 3],
          [1, 0, 4]
        ],
        2,
        2
      ),
      {minSupport: 2}
    );
    expect(predict(slopeOneModel, s, 1, 1).rating).toBe(4);
    expect(() => slopeOneModel.fit(trainOf([[0, 0, 2]], 1, 1), {minSupport: 0})).toThrow(
      /minSupport 0; expected an integer ≥ 1/
    );
  });

  it("refuses catalogues above MAX_MOVIES with the limit in the message", () => {
    expect(() => slopeOneModel.fit(trainOf([[0, 0, 2]], 1, MAX_MOVIES + 1))).toThrow(/expected at most 6000 movies/);
  });

  it.skipIf(!HAS_ML100K)(
    "on ml-100k, 5 random folds as Surprise's benchmark: RMSE and MAE within 0.005 of its 0.946 and 0.743",
    async () => {
      const {dataset} = await openDataset({spec: ML100K_DIR, clean: {beforeRelease: false}});
      const r = await crossValidate(slopeOneModel, randomRatingFolds(dataset, 5, 42));
      expect(Math.abs(r.metrics.rmse.mean - 0.946)).toBeLessThan(0.005);
      expect(Math.abs(r.metrics.mae.mean - 0.743)).toBeLessThan(0.005);
    }
  );
});
