import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {evaluationFolds, holdoutSplit, loadEvaluationData} from "../../lib/node/evaluation-data.js";
import {hasOfficialFolds} from "../../lib/node/open-dataset.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";

describe("evaluation data", () => {
  it("recognises official fold files", () => {
    const dir = mkdtempSync(join(tmpdir(), "movielab-folds-"));
    expect(hasOfficialFolds(dir)).toBe(false);
    for (const f of ["u1", "u2", "u3", "u4", "u5"]) for (const ext of ["base", "test"]) writeFileSync(join(dir, `${f}.${ext}`), "");
    expect(hasOfficialFolds(dir)).toBe(true);
    expect(hasOfficialFolds(null)).toBe(false);
  });

  it("uses stratified folds and an 80/20 split on the synthetic set", async () => {
    const data = await loadEvaluationData({spec: "synthetic"});
    expect(data.synthetic).toBe(true);
    const f = await evaluationFolds(data, 3);
    expect(f).toEqual({protocol: "stratified-k-fold", description: "3 stratified folds (seed 42)", folds: 3});
    await expect(evaluationFolds(data, 6)).rejects.toThrow(/fold count is 6/);
    const s = await holdoutSplit(data);
    expect(s.train.length + s.test.length).toBe(data.dataset.ratings.rating.length);
    expect(s.test.length).toBe(Math.round(0.2 * data.dataset.ratings.rating.length));
  });
});

describe.skipIf(!HAS_ML100K)("evaluation data on ml-100k", () => {
  it("keeps every rating and uses the official folds", async () => {
    const data = await loadEvaluationData({spec: ML100K_DIR});
    expect(data.dataset.ratings.rating.length).toBe(100_000);
    const f = await evaluationFolds(data, 3);
    expect(f.protocol).toBe("official");
    expect(f.description).toBe("ml-100k's official folds u1–u3");
    expect((f.folds as {name: string}[]).map((x) => x.name)).toEqual(["u1", "u2", "u3"]);
    const s = await holdoutSplit(data);
    expect([s.train.length, s.test.length]).toEqual([80_000, 20_000]);
  });
});
