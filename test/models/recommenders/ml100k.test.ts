// On the real MovieLens 100K, one fold each to stay fast: MF on u1 near the C peer, EASE past BPR's nDCG.
import {describe, expect, it} from "vitest";
import {HAS_ML100K, ML100K_DIR} from "../../helpers/ml100k.js";
import {readOfficialFold, readRatingsFile} from "../../../bench/peers/read-ml100k.js";
import {evaluateRating} from "../../../lib/eval/evaluate-rating.js";
import {evaluateRanking, microsoftSplit} from "../../../lib/eval/evaluate-ranking.js";
import {mfModel} from "../../../lib/models/recommenders/mf.js";
import {easeModel} from "../../../lib/models/recommenders/ease.js";
import {join} from "node:path";

describe.skipIf(!HAS_ML100K)("recommenders on ml-100k", () => {
  it("biased MF (Surprise defaults) on u1: RMSE within 0.01 of the C peer's 0.951", () => {
    const fold = readOfficialFold(ML100K_DIR, 1);
    const r = evaluateRating(mfModel, [fold]);
    expect(r.folds[0].nTest).toBe(20000);
    expect(Math.abs(r.rmse.mean - 0.951)).toBeLessThan(0.01);
  });

  it("EASE (λ = 500) under the Microsoft protocol: nDCG@10 ≥ 0.44", () => {
    const all = readRatingsFile(join(ML100K_DIR, "u.data"));
    const split = microsoftSplit(all, 943, 1682, {min: 1, max: 5, step: 1}, 42);
    const r = evaluateRanking(easeModel, split, [10]);
    expect(r.byK[0].users).toBe(943);
    expect(r.byK[0].ndcg).toBeGreaterThanOrEqual(0.44);
  });
});
