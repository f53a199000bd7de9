// On the real MovieLens 100K, one fold each to stay fast: MF on u1 near the C peer, EASE past BPR's nDCG.
import {describe, expect, it} from "vitest";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {crossValidate} from "../../lib/eval/cross-validate.js";
import {evaluateRanking, datasetRankingSplit} from "../../lib/eval/evaluate-ranking.js";
import {mfModel} from "../../lib/models/factors/mf.js";
import {easeModel} from "../../lib/models/implicit/ease.js";

describe.skipIf(!HAS_ML100K)("recommenders on ml-100k", () => {
  it("biased MF (Surprise defaults) on u1: RMSE within 0.01 of the C peer's 0.951", async () => {
    const folds = await (
      await openDataset({spec: ML100K_DIR, clean: {beforeRelease: false}})
    ).folds.officialRating(["u1"]);
    const r = await crossValidate(mfModel, folds);
    expect(r.folds[0].nTest).toBe(20000);
    expect(Math.abs(r.metrics.rmse.mean - 0.951)).toBeLessThan(0.01);
  });

  it("EASE (λ = 500) under the Microsoft protocol: nDCG@10 ≥ 0.44", async () => {
    const {dataset} = await openDataset({spec: ML100K_DIR, clean: {beforeRelease: false}});
    expect(dataset.userIds.length).toBe(943);
    const split = datasetRankingSplit(dataset, 42);
    const r = evaluateRanking(easeModel, split, [10]);
    // The split is stratified by movie, so a user may have no test rating: every user with one is ranked.
    expect(r.byK[0].users).toBe(new Set(split.test.user).size);
    expect(r.byK[0].users).toBeGreaterThan(930);
    expect(r.byK[0].ndcg).toBeGreaterThanOrEqual(0.44);
  });
});
