import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../../lib/data/clean.js";
import {encodeDataset} from "../../../lib/data/encode.js";
import {randomRatingFolds} from "../../../lib/data/folds.js";
import {generateSynthetic} from "../../../lib/data/synthetic.js";
import {predict, predictRatings, type TrainSet} from "../../../lib/models/estimator.js";
import {baselineModel} from "../../../lib/models/baselines/baseline-only.js";
import {
  BAYES_FM_CANDIDATES,
  BayesFmSampler,
  bayesFmEstimate,
  bayesFmModel,
  bayesFmSelectedModel,
  fitBayesFm
} from "../../../lib/models/factors/bayes-fm.js";
import {buildFmDesign, dayColumn, dayOf, type FmDesign} from "../../../lib/models/factors/fm-design.js";
import {createRng} from "../../../lib/random.js";
import {SCALE, syntheticSplit} from "../fixtures.js";

const DAY = 86_400;
const dataset = encodeDataset(
  cleanDataset(generateSynthetic({seed: 3, users: 50, movies: 40, ratings: 1200}), {beforeRelease: false}).data
);
const [fold] = randomRatingFolds(dataset, 4, 11);
const ALL = {date: true, implicitUser: true, implicitMovie: true, side: true};

/** ŷ of rating row r straight from the FM equation over its whole feature vector (no relational shortcut). */
function naivePrediction(s: BayesFmSampler, design: FmDesign, train: TrainSet, r: number): number {
  const x = new Map<number, number>();
  const d = dayColumn(design.days, dayOf(train.ratings.timestamp[r]));
  if (d >= 0) x.set(d, 1);
  const [users, movies] = design.blocks;
  for (const [block, row] of [
    [users, train.ratings.user[r]],
    [movies, train.ratings.movie[r]]
  ] as const) {
    for (let p = block.indptr[row]; p < block.indptr[row + 1]; p++) x.set(block.columns[p], block.values[p]);
  }
  let y = s.w0;
  for (const [j, xj] of x) y += xj * s.w[j];
  for (let f = 0; f < s.k; f++) {
    let sum = 0,
      sq = 0;
    for (const [j, xj] of x) {
      sum += xj * s.v[j * s.k + f];
      sq += (xj * s.v[j * s.k + f]) ** 2;
    }
    y += 0.5 * (sum * sum - sq);
  }
  return y;
}

describe("the factorization machine's relational design", () => {
  it("gives each user the movies they rated at |N(u)|^-½, each movie its raters, and the days of training only", () => {
    const train: TrainSet = {
      ratings: {
        user: Int32Array.of(0, 0, 1),
        movie: Int32Array.of(0, 1, 1),
        rating: Float32Array.of(4, 3, 5),
        timestamp: Float64Array.of(5 * DAY + 10, 2 * DAY, 5 * DAY + 3600)
      },
      nUsers: 3,
      nMovies: 3,
      scale: SCALE
    };
    const d = buildFmDesign(train, {date: true, implicitUser: true, implicitMovie: true, side: false});
    expect(Array.from(d.days)).toEqual([2, 5]);
    expect(d.groupNames).toEqual(["day", "user id", "movies rated", "movie id", "users who rated"]);
    expect(d.nFeatures).toBe(2 + 3 + 3 + 3 + 3);
    const row = (b: 0 | 1, r: number) => {
      const blk = d.blocks[b];
      const out: Array<[number, number]> = [];
      for (let p = blk.indptr[r]; p < blk.indptr[r + 1]; p++) out.push([blk.columns[p], blk.values[p]]);
      return out;
    };
    // user 0: id column 2 + 0, movies 0 and 1 at 1/√2 (columns 5 + 0, 5 + 1)
    expect(row(0, 0)).toEqual([
      [2, 1],
      [5, 1 / Math.sqrt(2)],
      [6, 1 / Math.sqrt(2)]
    ]);
    // user 2 rated nothing in training: no id, no implicit columns
    expect(row(0, 2)).toEqual([]);
    // movie 1 was rated by users 0 and 1: id column 8 + 1, users at 1/√2 (columns 11 + 0, 11 + 1)
    expect(row(1, 1)).toEqual([
      [9, 1],
      [11, 1 / Math.sqrt(2)],
      [12, 1 / Math.sqrt(2)]
    ]);
    expect(dayColumn(d.days, dayOf(5 * DAY + 86_399))).toBe(1);
    expect(dayColumn(d.days, 3)).toBe(-1);
  });

  it("refuses a training rating without a time when the day feature is on, naming the rating", () => {
    const train: TrainSet = {
      ratings: {
        user: Int32Array.of(0, 1),
        movie: Int32Array.of(0, 0),
        rating: Float32Array.of(4, 3),
        timestamp: Float64Array.of(DAY, NaN)
      },
      nUsers: 2,
      nMovies: 1,
      scale: SCALE
    };
    const features = {date: true, implicitUser: true, implicitMovie: true, side: false};
    expect(() => buildFmDesign(train, features)).toThrow(
      /training rating 1 has timestamp NaN; the day feature needs unix seconds on every rating \(or date: false\)/
    );
    expect(buildFmDesign(train, {...features, date: false}).days.length).toBe(0);
  });

  it("adds demographics, genres and the release decade as their own groups when asked", () => {
    const d = buildFmDesign(fold.train, ALL);
    expect(d.groupNames).toEqual([
      "day",
      "user id",
      "movies rated",
      "movie id",
      "users who rated",
      "gender",
      "age band",
      "occupation",
      "genre",
      "release decade"
    ]);
    expect(d.group.length).toBe(d.nFeatures);
  });
});

describe("bayes-fm's Gibbs sampler", () => {
  it("keeps every rating's residual equal to the FM equation over its full feature vector, through a sweep", () => {
    const design = buildFmDesign(fold.train, ALL);
    const s = new BayesFmSampler(design, fold.train.ratings, 4, 0.1, createRng(9));
    // The first sweep starts from a recomputation; the second keeps everything current draw by draw only.
    for (let sweep = 0; sweep < 2; sweep++) s.sweep();
    // e and q were updated draw by draw (per-row aggregates inside the blocks); the equation recomputes them.
    // The sampler keeps the ratings sorted by user; its e and q follow that order.
    const sorted = {...fold.train, ratings: s.ratings};
    expect(Array.from(s.ratings.rating).sort()).toEqual(Array.from(fold.train.ratings.rating).sort());
    const y = s.ratings.rating;
    for (let r = 0; r < y.length; r += 7) {
      expect(y[r] - s.e[r]).toBeCloseTo(naivePrediction(s, design, sorted, r), 9);
    }
    const e = Float64Array.from(s.e),
      q = Float64Array.from(s.q),
      sums = s.sums.map((a) => Float64Array.from(a));
    s.refresh();
    s.sums.forEach((a, b) => a.forEach((x, i) => expect(x).toBeCloseTo(sums[b][i], 9)));
    for (let r = 0; r < e.length; r++) expect(s.e[r]).toBeCloseTo(e[r], 9);
    for (let x = 0; x < q.length; x++) expect(s.q[x]).toBeCloseTo(q[x], 9);
  });

  it("refuses a burn-in that leaves no sample, naming both", () => {
    expect(() => fitBayesFm(fold.train, {sweeps: 5, burnIn: 5})).toThrow(
      /sweeps 5, burnIn 5; expected sweeps > burnIn/
    );
  });

  it("learns: beats the baseline on held-out ratings of a set with latent structure", () => {
    const {train, test} = syntheticSplit(60, 50, 0.4, 2);
    const rmse = (pred: Float64Array) => {
      let se = 0;
      for (let r = 0; r < pred.length; r++) se += (pred[r] - test.rating[r]) ** 2;
      return Math.sqrt(se / pred.length);
    };
    const fm = rmse(predictRatings(bayesFmModel, fitBayesFm(train, {sweeps: 60, burnIn: 10, factors: 4}), test).rating);
    const base = rmse(predictRatings(baselineModel, baselineModel.fit(train), test).rating);
    // 0.56 against 0.86: the factors find the set's three latent dimensions.
    expect(fm).toBeLessThan(0.8 * base);
  });

  it("adds the day's terms only for a day the training part saw; estimate() has no day", () => {
    const s = fitBayesFm(fold.train, {sweeps: 8, burnIn: 2, factors: 3});
    const seenDay = fold.train.ratings.timestamp[0];
    const test = {
      user: Int32Array.of(fold.train.ratings.user[0], fold.train.ratings.user[0]),
      movie: Int32Array.of(fold.train.ratings.movie[0], fold.train.ratings.movie[0]),
      rating: Float32Array.of(3, 3),
      timestamp: Float64Array.of(seenDay, 1e10)
    };
    const batch = predictRatings(bayesFmModel, s, test);
    const [u, m] = [test.user[0], test.movie[0]];
    const day = dayColumn(s.days, dayOf(seenDay));
    expect(day).toBeGreaterThanOrEqual(0);
    expect(batch.rating[0]).toBeCloseTo(Math.min(5, Math.max(1, bayesFmEstimate(s, u, m, day))), 12);
    expect(batch.rating[1]).toBe(predict(bayesFmModel, s, u, m).rating);
    expect(batch.rating[0]).not.toBe(batch.rating[1]);
  });
});

describe("bayes-fm with its feature set chosen on training data", () => {
  it("chooses between the timeSVD++ flipped features with and without side information only, scored at 100 sweeps", () => {
    expect(BAYES_FM_CANDIDATES).toEqual([{side: false}, {side: true}]);
    const s = bayesFmSelectedModel.fit(fold.train, {factors: 2});
    expect(s.selection.scores.map((c) => [c.params.side, c.params.sweeps])).toEqual([
      [false, 100],
      [true, 100]
    ]);
    expect(s.selection.best.sweeps).toBeUndefined();
    expect(s.state.samples).toBe(250);
  });

  it("scores the candidates on the inner hold-out with their days, then refits the winner on all of train", () => {
    const s = bayesFmSelectedModel.fit(fold.train, {sweeps: 8, burnIn: 2, factors: 3});
    expect(s.selection.scores).toHaveLength(2);
    const direct = fitBayesFm(fold.train, {sweeps: 8, burnIn: 2, factors: 3, ...s.selection.best});
    expect(s.state.userSum).toEqual(direct.userSum);
    // The selecting model predicts with the winner's batch path (the day included).
    expect(predictRatings(bayesFmSelectedModel, s, fold.test).rating).toEqual(
      predictRatings(bayesFmModel, direct, fold.test).rating
    );
  });
});
