import {describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {parseRuns} from "../../lib/lab/run-io.js";
import {checkRunRecord, headlineMetric, isTiming, lowerIsBetter} from "../../lib/runs/record.js";
import {cvRecord} from "./fixture.js";

const full = () => ({
  ...cvRecord([0.9, 0.95]),
  kind: "cv",
  invocation: {command: ["cv", "recommender"], options: {model: "baseline", json: true}, data: "synthetic", cwd: "/x"},
  code: {version: "0.1.0", commit: "c399b6b8bcf167f47aad7c9bfa6fc3ea38223a7c", dirty: null},
  machine: {node: "v20", platform: "linux", arch: "x64", cpus: 2, cpu_model: "cpu", load_average: [1, 2, 3]}
});

describe("checkRunRecord", () => {
  it("accepts a full record and a record with none of the optional fields (the Lab's)", () => {
    expect(checkRunRecord(full(), "r.json").invocation?.command).toEqual(["cv", "recommender"]);
    expect(checkRunRecord(cvRecord([0.9, 0.95]), "r.json").invocation).toBeUndefined();
  });

  it.each([
    [["kind"], "train", "kind", `expected "cv" or "rank"`],
    [["invocation", "command"], [], "invocation.command", "a list of command names"],
    [["invocation", "options", "seed"], 5, "invocation.options.seed", "a string or a boolean"],
    [["invocation", "cwd"], undefined, "invocation.cwd", "a non-empty string"],
    [["code", "commit"], "HEAD", "code.commit", "a git commit"],
    [["code", "dirty"], "no", "code.dirty", "true, false or null"],
    [["machine", "load_average"], "high", "machine.load_average", "a list of numbers"],
    [["machine", "peak_rss_mib"], -1, "machine.peak_rss_mib", "a positive number of MiB"],
    [["created_at"], "yesterday", "created_at", "an ISO 8601 time"],
    [["folds", "1", "rmse"], null, "folds[1].rmse", "a number"],
    [["record"], "movielab-cv-run/9", "record", "movielab-cv-run/1"]
  ])("names the file and the field: %j", (path, value, field, expected) => {
    const r: Record<string, unknown> = full();
    // full() is built fresh for each case, so setting the value in place spoils only this case.
    let at = r;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
    at[path.at(-1)!] = value;
    let error: unknown;
    try {
      checkRunRecord(r, "runs/x.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toContain(`runs/x.json, field "${field}"`);
    expect((error as DataError).message).toContain(expected);
  });
});

describe("one format with the Lab", () => {
  it("the Lab's import reads a CLI record and keeps its optional fields; a rank record's protocol msr too", () => {
    const cli = full();
    const [back] = parseRuns(JSON.stringify(cli), "cli.json");
    expect(back).toEqual(cli);
    const rank = {...cli, kind: "rank", protocol: "msr"};
    expect(parseRuns(JSON.stringify([rank]), "export.json")[0]).toMatchObject({kind: "rank", protocol: "msr"});
  });
});

describe("headline metric and field kinds", () => {
  it("is RMSE for rating runs, nDCG at the first cut-off for ranking runs, else accuracy", () => {
    const cv = cvRecord([0.9, 0.95]);
    expect(headlineMetric(cv)).toEqual({name: "rmse", value: cv.rmse});
    const ndcg = {mean: 0.3, sd: 0.01};
    const rank = cvRecord([0.9, 0.95], {
      rmse: undefined,
      metrics: {"precision@5": {mean: 0.2, sd: 0}, "ndcg@5": ndcg, "ndcg@10": {mean: 0.4, sd: 0}}
    });
    expect(headlineMetric(rank)).toEqual({name: "ndcg@5", value: ndcg});
    const cls = cvRecord([0.9, 0.95], {rmse: undefined, metrics: {log_loss: ndcg, accuracy: ndcg}});
    expect(headlineMetric(cls)?.name).toBe("accuracy");
    expect(headlineMetric(cvRecord([0.9, 0.95], {rmse: undefined}))).toBeNull();
  });

  it("knows errors are lower-better and timings are *_seconds", () => {
    expect([lowerIsBetter("rmse"), lowerIsBetter("log_loss"), lowerIsBetter("ndcg@10")]).toEqual([true, true, false]);
    expect([isTiming("fit_seconds"), isTiming("predict_seconds"), isTiming("n_test")]).toEqual([true, true, false]);
  });
});
