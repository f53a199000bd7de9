// Fits shared within a scope: the same state for the same (model, parameters, training content),
// nothing shared outside a scope, and a leaderboard whose figures equal unshared fits bit for bit.
import {describe, expect, it} from "vitest";
import type {RatingScale} from "../../lib/data/types.js";
import type {Model, TrainSet} from "../../lib/models/estimator.js";
import {paramsKey, sharedFit, sharingFits, trainKey, typedBytes} from "../../lib/models/fit-cache.js";
import {crossValidate} from "../../lib/eval/cross-validate.js";
import {getModel} from "../../lib/models/registry.js";
import {runLeaderboard} from "../../lib/reports/leaderboard.js";
import {smallFolds} from "../helpers/small-folds.js";
import {trainOf} from "./fixtures.js";

/** Counts its fits; its state is a fresh object per fit, so sharing shows as the same object. */
function countingModel(): Pick<Model<{a: number}, {a: number; scale: RatingScale}>, "fit"> & {fits: number} {
  const m = {
    fits: 0,
    name: "counting",
    label: "counting",
    description: "counts its fits",
    task: "rating" as const,
    defaults: {a: 1},
    params: {},
    fit(t: TrainSet, p: {a?: number} = {}) {
      m.fits++;
      return {a: p.a ?? 1, scale: t.scale};
    },
    estimate: () => ({value: 3, fallback: false}),
    scoreAll: () => new Float32Array(1)
  };
  return m;
}

const triples: Array<[number, number, number]> = [
  [0, 0, 4],
  [0, 1, 3],
  [1, 0, 5],
  [1, 1, 2]
];

describe("sharedFit", () => {
  it("is model.fit outside a scope", () => {
    const m = countingModel();
    const t = trainOf(triples, 2, 2);
    expect(sharedFit(m, t, {a: 2})).not.toBe(sharedFit(m, t, {a: 2}));
    expect(m.fits).toBe(2);
  });

  it("serves an identical fit from the scope: same content in a new object, parameters in any key order", async () => {
    const m = countingModel();
    const {result, stats} = await sharingFits(
      async () => {
        const first = sharedFit(m, trainOf(triples, 2, 2), {a: 2, b: [1, 2]});
        const again = sharedFit(m, trainOf(triples, 2, 2), {b: [1, 2], a: 2});
        const otherParams = sharedFit(m, trainOf(triples, 2, 2), {a: 3, b: [1, 2]});
        const changed = trainOf(triples, 2, 2);
        changed.ratings.rating[3] = 1;
        const otherContent = sharedFit(m, changed, {a: 2, b: [1, 2]});
        const otherShape = sharedFit(m, trainOf(triples, 3, 2), {a: 2, b: [1, 2]});
        return {first, again, otherParams, otherContent, otherShape};
      },
      {minSeconds: 0}
    );
    expect(result.again).toBe(result.first);
    for (const s of [result.otherParams, result.otherContent, result.otherShape]) expect(s).not.toBe(result.first);
    expect(m.fits).toBe(4);
    expect(stats.hits).toBe(1);
    // The scope has ended: nothing is served any more.
    expect(sharedFit(m, trainOf(triples, 2, 2), {a: 2, b: [1, 2]})).not.toBe(result.first);
  });

  it("keeps nothing for a caller that only repeats others' fits, nor past maxBytes", async () => {
    const m = countingModel();
    const big = {
      fits: 0,
      fit(t: TrainSet) {
        big.fits++;
        return {w: new Float64Array(1000), scale: t.scale};
      }
    };
    await sharingFits(
      async () => {
        sharedFit(m, trainOf(triples, 2, 2), {a: 2}, false);
        sharedFit(m, trainOf(triples, 2, 2), {a: 2});
        sharedFit(big, trainOf(triples, 2, 2));
        sharedFit(big, trainOf(triples, 2, 2));
      },
      {minSeconds: 0, maxBytes: 4000}
    );
    expect(m.fits).toBe(2);
    // 8,000 bytes of state are over the 4,000 allowed: never kept, so fitted twice.
    expect(big.fits).toBe(2);
    expect(typedBytes({a: new Float32Array(3), b: [new Uint8Array(5)], c: {d: 1}})).toBe(17);
  });

  it("keeps only fits of at least minSeconds", async () => {
    const m = countingModel();
    await sharingFits(async () => {
      sharedFit(m, trainOf(triples, 2, 2), {a: 2});
      sharedFit(m, trainOf(triples, 2, 2), {a: 2});
    });
    expect(m.fits).toBe(2);
  });

  it("never shares parameters that are not plain data, and keys what it reads", () => {
    expect(paramsKey({a: new Float64Array(2)})).toBeNull();
    expect(paramsKey({f: () => 1})).toBeNull();
    expect(paramsKey({a: undefined})).not.toBe(paramsKey({}));
    expect(paramsKey({a: NaN})).not.toBe(paramsKey({a: null}));
    expect(paramsKey(undefined)).toBe(paramsKey({}));
    const t = trainOf(triples, 2, 2);
    const u = trainOf(triples, 2, 2);
    u.ratings.timestamp[0] = 1;
    expect(trainKey(t)).not.toBe(trainKey(u));
  });
});

describe("a leaderboard with shared fits", () => {
  it("gives the blend and BPMF the figures of unshared fits, and the blend reuses BPMF's selection fits", async () => {
    const folds = (await smallFolds()).slice(0, 1);
    const names = ["bpmf", "blend"];
    const unshared = [];
    for (const n of names) unshared.push(await crossValidate(getModel(n), folds, {metrics: ["rating"]}));
    const shared = await sharingFits(() => runLeaderboard(names.map(getModel), folds), {minSeconds: 0});
    const rows = shared.result;
    const stats = shared.stats;
    expect(rows.map((r) => [r.rmse.mean, r.mae.mean])).toEqual(
      unshared.map((u) => [u.metrics.rmse.mean, u.metrics.mae.mean])
    );
    // BPMF's three inner fits are the blend's BPMF member's (and so is the refit, when the blend keeps BPMF).
    expect(stats.hits).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
