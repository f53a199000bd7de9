import {describe, expect, it} from "vitest";
import type {RatingScale, Ratings} from "../../../lib/data/types.js";
import {predict, type Model} from "../../../lib/models/estimator.js";
import {crossValidate} from "../../../lib/eval/cross-validate.js";
import {
  innerHoldout,
  selectParams,
  withInnerSelection,
  type SelectedState
} from "../../../lib/models/composite/inner-selection.js";
import {mfModel, type MfParams, type MfState} from "../../../lib/models/factors/mf.js";
import {createRng} from "../../../lib/random.js";
import {syntheticSplit, trainOf} from "../fixtures.js";

/** Predicts the constant `c` for everyone: its hold-out RMSE is known in closed form. */
const constantModel: Model<{c: number}, {c: number; scale: RatingScale}> = {
  name: "constant",
  label: "constant",
  description: "a constant rating",
  task: "rating",
  defaults: {c: 3},
  params: {c: {type: "number", min: 1, max: 5, description: "the rating"}},
  fit: (t, p = {}) => ({c: p.c ?? 3, scale: t.scale}),
  estimate: (s) => ({value: s.c, fallback: false}),
  scoreAll: (s) => new Float32Array(1).fill(s.c)
};

const MF_CANDIDATES = [
  {factors: 4, epochs: 15, reg: 0.02, lr: 0.01},
  {factors: 4, epochs: 15, reg: 2, lr: 0.01},
  {factors: 8, epochs: 40, reg: 0.05, lr: 0.01}
];

describe("innerHoldout", () => {
  it("splits the training rows into disjoint sorted parts of the asked sizes, the same for the same seed", () => {
    const {train} = syntheticSplit(30, 20, 0.5, 3);
    const n = train.ratings.rating.length;
    const s = innerHoldout(train, 0.25, 9);
    expect(s.holdRows.length).toBe(Math.round(n * 0.25));
    expect(s.innerRows.length + s.holdRows.length).toBe(n);
    const seen = new Uint8Array(n);
    for (const r of [...s.innerRows, ...s.holdRows]) seen[r]++;
    expect(seen.every((c) => c === 1)).toBe(true);
    expect(Array.from(s.holdRows)).toEqual(Array.from(s.holdRows).sort((a, b) => a - b));
    expect(s.hold.rating[0]).toBe(train.ratings.rating[s.holdRows[0]]);
    expect(s.inner.ratings.user[5]).toBe(train.ratings.user[s.innerRows[5]]);
    expect(s.inner.nMovies).toBe(train.nMovies);
    expect(innerHoldout(train, 0.25, 9).holdRows).toEqual(s.holdRows);
    expect(innerHoldout(train, 0.25, 10).holdRows).not.toEqual(s.holdRows);
  });

  it("rejects hold-outs that leave nothing to fit or score", () => {
    const {train} = syntheticSplit(30, 20, 0.5, 3);
    expect(() => innerHoldout(train, 0, 1)).toThrow(/holdout 0 of \d+ training ratings/);
    expect(() => innerHoldout(train, 1, 1)).toThrow(/expected 0 < holdout < 1/);
    expect(() =>
      innerHoldout(
        trainOf(
          [
            [0, 0, 3],
            [0, 1, 4]
          ],
          1,
          2
        ),
        0.5,
        1
      )
    ).toThrow(/at least 2 ratings each side/);
  });
});

describe("selectParams", () => {
  it("scores every candidate by hold-out RMSE and picks the lowest", () => {
    const triples: Array<[number, number, number]> = Array.from({length: 100}, (_, i) => [
      i % 7,
      i % 11,
      i % 10 === 0 ? 5 : 3
    ]);
    const train = trainOf(triples, 7, 11);
    const sel = selectParams(constantModel, train, [{c: 1}, {c: 3}, {c: 5}], {holdout: 0.3, seed: 4});
    const split = innerHoldout(train, 0.3, 4);
    const expected = [1, 3, 5].map((c) =>
      Math.sqrt(split.hold.rating.reduce((a, r) => a + (r - c) ** 2, 0) / split.hold.rating.length)
    );
    expect(sel.scores.map((s) => s.rmse)).toEqual(expected);
    expect(sel.bestIndex).toBe(1);
    expect(sel.best).toEqual({c: 3});
    expect(sel.nHoldout).toBe(30);
    expect(sel.nInnerTrain).toBe(70);
    expect(() => selectParams(constantModel, train, [])).toThrow(/no candidates/);
  });

  it("picks a regularised MF over a starved one on real signal", () => {
    const {train} = syntheticSplit(60, 40, 0.4, 8);
    const sel = selectParams(mfModel, train, MF_CANDIDATES);
    expect(sel.scores).toHaveLength(3);
    // reg 2 shrinks every factor and bias to nothing: it must lose
    expect(sel.bestIndex).not.toBe(1);
    expect(sel.scores[sel.bestIndex].rmse).toBe(Math.min(...sel.scores.map((s) => s.rmse)));
  });
});

describe("withInnerSelection", () => {
  it("refits the chosen candidate on the whole training part and predicts with it", () => {
    const {train} = syntheticSplit(60, 40, 0.4, 8);
    const model = withInnerSelection(mfModel, MF_CANDIDATES, "selected MF");
    const s = model.fit(train);
    const direct = mfModel.fit(train, s.selection.best);
    expect(s.state.userFactors).toEqual(direct.userFactors);
    expect(predict(model, s, 3, 5)).toEqual(predict(mfModel, direct, 3, 5));
    expect(model.scoreAll(s, 3)).toEqual(mfModel.scoreAll(direct, 3));
    // a seed given to fit reseeds the split and every candidate
    const reseeded = model.fit(train, {seed: 7});
    expect(reseeded.selection.scores.every((c) => c.params.seed === 7)).toBe(true);
    expect(reseeded.state.userFactors).toEqual(mfModel.fit(train, reseeded.selection.best).userFactors);
  });

  it("scores the candidates with the cheaper scoring parameters, then refits the winner without them", () => {
    const {train} = syntheticSplit(60, 40, 0.4, 8);
    const model = withInnerSelection(mfModel, MF_CANDIDATES, "selected MF", {scoring: {epochs: 3, lr: 0.02}});
    const s = model.fit(train);
    // each candidate's own value wins over the scoring one (every candidate sets lr; none is left at 0.02)
    expect(s.selection.scores.map((c) => [c.params.epochs, c.params.lr])).toEqual(
      MF_CANDIDATES.map((c) => [c.epochs, c.lr])
    );
    const cheap = withInnerSelection(mfModel, [{factors: 4}, {factors: 8}], "selected MF", {scoring: {epochs: 3}});
    const c = cheap.fit(train);
    expect(c.selection.scores.map((x) => x.params.epochs)).toEqual([3, 3]);
    expect(c.selection.scores.map((x) => x.rmse)).toEqual(
      selectParams(mfModel, train, [
        {factors: 4, epochs: 3},
        {factors: 8, epochs: 3}
      ]).scores.map((x) => x.rmse)
    );
    expect(c.selection.best).toEqual([{factors: 4}, {factors: 8}][c.selection.bestIndex]);
    expect(c.state.userFactors).toEqual(mfModel.fit(train, c.selection.best).userFactors);
    // a parameter the caller fixes wins over the scoring one
    expect(cheap.fit(train, {epochs: 5}).selection.scores.map((x) => x.params.epochs)).toEqual([5, 5]);
  });

  it("never sees the outer test part: the choice ignores test ratings, and no test pair is fitted or predicted during fit", async () => {
    const {train, test} = syntheticSplit(60, 40, 0.4, 8);
    const testPairs = new Set(Array.from(test.user, (u, k) => u * 1000 + test.movie[k]));
    let inFit = false,
      touched = 0;
    const spy: Model<MfParams, MfState> = {
      ...mfModel,
      fit(t, p) {
        for (let k = 0; k < t.ratings.user.length; k++)
          if (testPairs.has(t.ratings.user[k] * 1000 + t.ratings.movie[k])) touched++;
        return mfModel.fit(t, p);
      },
      estimate(s, u, m) {
        if (inFit && testPairs.has(u * 1000 + m)) touched++;
        return mfModel.estimate(s, u, m);
      }
    };
    const selecting = withInnerSelection(spy, MF_CANDIDATES, "selected spy");
    // fit times vary run to run; everything else about the choice must not
    const selections: Array<
      Omit<SelectedState<MfState>["selection"], "scores"> & {scores: Array<{params: object; rmse: number}>}
    > = [];
    const recorded = {
      ...selecting,
      fit: (t: typeof train, p?: Parameters<typeof selecting.fit>[1]) => {
        inFit = true;
        const s = selecting.fit(t, p);
        inFit = false;
        selections.push({...s.selection, scores: s.selection.scores.map((c) => ({params: c.params, rmse: c.rmse}))});
        return s;
      }
    };
    const rng = createRng(5);
    const permuted: Ratings = {...test, rating: rng.shuffle(Float32Array.from(test.rating))};
    const replaced: Ratings = {...test, rating: Float32Array.from(test.rating, () => 1 + rng.int(5))};
    const results = [];
    for (const t of [test, permuted, replaced])
      results.push(await crossValidate(recorded, [{name: "f", train, test: t}]));
    expect(touched).toBe(0);
    expect(selections[1]).toEqual(selections[0]);
    expect(selections[2]).toEqual(selections[0]);
    // the test ratings did change what is measured, just not what was chosen
    expect(results[2].metrics.rmse.mean).not.toBe(results[0].metrics.rmse.mean);
  });
});
