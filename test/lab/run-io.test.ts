import {describe, expect, it} from "vitest";
import {randomRatingFolds} from "../../lib/data/folds.js";
import {DataError} from "../../lib/data/errors.js";
import {crossValidate, type MetricFamily} from "../../lib/eval/cross-validate.js";
import {parseRuns, parseRunsCsv, runsToCsv, runsToJson} from "../../lib/lab/run-io.js";
import {memoryRunStore} from "../../lib/lab/run-store.js";
import {getModel} from "../../lib/models/registry.js";
import {cvToJson, type RecommenderCvJson} from "../../lib/reports/cv-result.js";
import {cvDataset} from "../workers/cv-fixture.js";

const dataset = cvDataset();

async function record(
  model: string,
  params: Record<string, unknown>,
  created_at: string,
  metrics?: MetricFamily[]
): Promise<RecommenderCvJson> {
  const m = getModel(model);
  const summary = await crossValidate(m, randomRatingFolds(dataset, 3, 7), {params: params as never, metrics});
  return cvToJson(summary, {
    source: "lab",
    dataset: 'synthetic, "small"',
    fingerprint: "sha256:" + "0".repeat(64),
    n_ratings: dataset.ratings.rating.length,
    model,
    description: m.description,
    protocol: "k-fold",
    seed: 7,
    params: {...(m.defaults as object), ...params},
    wall_seconds: 1.25,
    created_at
  });
}

describe("run export and import", () => {
  it("JSON and CSV round-trip every field, the classifier's metrics included", async () => {
    const runs = [
      await record("baseline", {}, "2026-12-06T23:00:00.000Z"),
      await record(
        "classifier",
        {gbdt: {n_estimators: 4, max_depth: 2, early_stopping_rounds: null}, validationFraction: 0},
        "2026-12-06T23:01:00.000Z"
      )
    ];
    expect(runs[0].id).toMatch(/^lab-20261206T230000Z-[0-9a-f]{8}$/);
    expect(parseRuns(runsToJson(runs), "runs.json")).toEqual(runs);
    const csv = runsToCsv(runs);
    expect(csv.split("\r\n")[0]).toMatch(
      /^id,source,created_at,dataset,fingerprint,model,.*,fold,.*,rmse,mae,accuracy,log_loss,macro_f1,weighted_f1$/
    );
    expect(csv.trim().split("\r\n")).toHaveLength(1 + 6);
    expect(parseRuns(csv, "runs.csv")).toEqual(runs);
  });

  it("a ranking model's run has no RMSE or MAE, and round-trips too", async () => {
    const run = await record("popular", {}, "2026-12-06T23:02:00.000Z", ["ranking"]);
    expect(run.rmse).toBeUndefined();
    expect(Object.keys(run.metrics!)).toContain("ndcg@10");
    expect(parseRuns(runsToJson([run]), "r.json")).toEqual([run]);
    expect(parseRuns(runsToCsv([run]), "r.csv")).toEqual([run]);
  });

  it("takes one record as `movielab cv --json` prints it", async () => {
    const one = await record("baseline", {}, "2026-12-06T23:00:00.000Z");
    expect(parseRuns(JSON.stringify(one, null, 2), "cli.json")).toEqual([one]);
  });

  it("names the file, run or line, and field of a bad import", async () => {
    const one = await record("baseline", {}, "2026-12-06T23:00:00.000Z");
    expect(() => parseRuns("{nope", "x.json")).toThrow(/^x\.json: expected JSON run records, but it does not parse/);
    expect(() => parseRuns(JSON.stringify([{...one, record: "other"}]), "x.json")).toThrow(
      /^x\.json run 1, field "record": got "other", expected "movielab-cv-run\/1"/
    );
    expect(() => parseRuns(JSON.stringify({...one, rmse: 3}), "x.json")).toThrow(DataError);
    const lines = runsToCsv([one]).trim().split("\r\n");
    const csv = [...lines.slice(0, 3), lines[3].replace(`,${one.folds[2].rmse},`, ",oops,")].join("\r\n");
    expect(() => parseRunsCsv(csv, "x.csv")).toThrow(/^x\.csv line 4, field "rmse": got "oops", expected a number/);
    expect(() => parseRunsCsv("id,model\r\n", "x.csv")).toThrow(/x\.csv: expected a header row/);
  });

  it("the memory store keeps, lists oldest first, deletes and clears", async () => {
    const store = memoryRunStore();
    const a = await record("baseline", {}, "2026-12-06T23:05:00.000Z");
    const b = await record("global-mean", {}, "2026-12-06T23:00:00.000Z");
    await store.put(a);
    await store.put(b);
    expect((await store.list()).map((r) => r.id)).toEqual([b.id, a.id]);
    await store.delete(b.id);
    expect(await store.list()).toEqual([a]);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });
});
