import {describe, expect, it} from "vitest";
import {protocolLabel, runListRows} from "../../lib/runs/run-list.js";
import {cvRecord} from "./fixture.js";

const machine = {node: "v20", platform: "linux", arch: "x64", cpus: 2, cpu_model: "cpu", load_average: [1, 1, 1]};

describe("runListRows", () => {
  const old = cvRecord([0.9, 0.95], {id: "cli-a", created_at: "2026-12-01T00:00:00.000Z"});
  const recent = cvRecord([1.0, 1.1], {id: "cli-b", model: "mf", created_at: "2026-12-05T00:00:00.000Z"});
  const other = cvRecord([1.0, 1.1], {id: "lab-c", dataset: "ml-1m", protocol: "official"});

  it("lists newest first with the headline metric and the mean fit time", () => {
    const rows = runListRows([old, recent]);
    expect(rows.map((r) => r.id)).toEqual(["cli-b", "cli-a"]);
    expect(rows[1]).toEqual({
      id: "cli-a",
      created_at: "2026-12-01T00:00:00.000Z",
      dataset: "tiny",
      model: "baseline",
      protocol: "k-fold ×2 seed 42",
      metric: "rmse",
      mean: old.rmse!.mean,
      sd: old.rmse!.sd,
      fit_seconds: 1,
      peak_rss_mib: null
    });
    const measured = {...old, machine: {...machine, peak_rss_mib: 812.5}};
    expect(runListRows([measured])[0].peak_rss_mib).toBe(812.5);
  });

  it("filters by model and data set", () => {
    expect(runListRows([old, recent, other], {model: "mf"}).map((r) => r.id)).toEqual(["cli-b"]);
    expect(runListRows([old, recent, other], {dataset: "ml-1m"}).map((r) => r.id)).toEqual(["lab-c"]);
  });

  it("leaves the seed out of an official protocol's label", () => {
    expect(protocolLabel(other)).toBe("official ×2");
  });
});
