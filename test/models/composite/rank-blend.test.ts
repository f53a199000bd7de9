// The ranking blend: per-user standardised scores, weights chosen by inner nDCG on the training part
// only (the highest, ties to the smaller weight), one member ranking as that member alone.
import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../../lib/data/clean.js";
import {encodeDataset} from "../../../lib/data/encode.js";
import {randomRatingFolds} from "../../../lib/data/folds.js";
import {generateSynthetic} from "../../../lib/data/synthetic.js";
import {getModel} from "../../../lib/models/registry.js";
import {fitRankBlend, standardise, WEIGHT_GRID} from "../../../lib/models/composite/rank-blend.js";
import {topK} from "../../../lib/models/top-n.js";
import {ratingRows} from "../../../lib/models/composite/inner-selection.js";
import type {TrainSet} from "../../../lib/models/estimator.js";

/** The first training row of each movie. */
function firstOfEachMovie(t: TrainSet): Int32Array {
  const seen = new Set<number>();
  const rows: number[] = [];
  t.ratings.movie.forEach((m, r) => {
    if (!seen.has(m)) rows.push(r);
    seen.add(m);
  });
  return Int32Array.from(rows);
}

const dataset = encodeDataset(
  cleanDataset(generateSynthetic({seed: 5, users: 80, movies: 60, ratings: 2500}), {beforeRelease: false}).data
);
const train = randomRatingFolds(dataset, 2, 3)[0].train;
const blend = getModel("rank-blend");
const ials = {model: "ials", params: {factors: 4, epochs: 4}};

describe("standardise", () => {
  it("gives mean 0 and sd 1, and zeros for constant scores", () => {
    const z = standardise(Float32Array.from([1, 2, 3, 6]));
    const mean = z.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    expect(mean).toBeCloseTo(0, 6);
    expect(sd).toBeCloseTo(1, 6);
    expect(Array.from(standardise(new Float32Array(3).fill(2)))).toEqual([0, 0, 0]);
  });
});

describe("rank-blend", () => {
  it("keeps the weight with the highest inner nDCG, ties going to the smaller", () => {
    const s = fitRankBlend(train, {members: [{model: "ease"}, ials]}, getModel);
    expect(s.selection).toHaveLength(1);
    const tried = s.selection[0];
    expect(tried.map((t) => t.weight)).toEqual(WEIGHT_GRID);
    const best = Math.max(...tried.map((t) => t.ndcg));
    expect(s.weights).toEqual([1, tried.find((t) => t.ndcg === best)!.weight]);
    // A member whose scores are constant adds nothing: every weight ties and the smallest, 0, is kept.
    const flat = fitRankBlend(train, {members: [{model: "ease"}, {model: "global-mean"}]}, getModel);
    expect(flat.weights).toEqual([1, 0]);
    expect(flat.states[1]).toBeNull();
  });

  it("ranks as its only member does, and is seeded by its inner split", () => {
    const one = blend.fit(train, {members: [{model: "ease"}]});
    const ease = getModel("ease");
    const easeState = ease.fit(train, {});
    for (const u of [0, 7, 31]) {
      const a = topK(blend.scoreAll(one, u), 10).map((t) => t.movie);
      const b = topK(ease.scoreAll(easeState, u), 10).map((t) => t.movie);
      expect(a).toEqual(b);
    }
    const p = {members: [{model: "ease"}, ials]};
    const seeded = fitRankBlend(train, {...p, seed: 1}, getModel).selection;
    expect(fitRankBlend(train, {...p, seed: 1}, getModel).selection).toEqual(seeded);
    // Another seed, another inner split: other inner nDCGs.
    expect(fitRankBlend(train, {...p, seed: 2}, getModel).selection).not.toEqual(seeded);
  });

  it("refuses no members, a bad hold-out share and itself as a member", () => {
    expect(() => blend.fit(train, {members: []})).toThrow(/no members/);
    expect(() => blend.fit(train, {holdout: 1})).toThrow(/holdout is 1/);
    expect(() => blend.fit(train, {k: 0})).toThrow(/k is 0/);
    // Every movie rated once: the per-movie split keeps each in training and holds nothing out.
    const once = {...train, ratings: ratingRows(train.ratings, firstOfEachMovie(train))};
    expect(() => blend.fit(once, {})).toThrow(/held out no rating/);
    expect(() => blend.fit(train, {members: [{model: "rank-blend"}]})).toThrow(/unknown member "rank-blend"/);
  });
});
