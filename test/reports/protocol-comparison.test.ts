import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import type {FoldRows} from "../../lib/data/folds.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import {kFold} from "../../lib/eval/split.js";
import {getModel} from "../../lib/models/registry.js";
import {cellOf, compareProtocols, flattery, type ProtocolComparison} from "../../lib/reports/protocol-comparison.js";

const dataset = encodeDataset(cleanDataset(generateSynthetic({seed: 5, users: 120, movies: 150, ratings: 3000})).data);
// Stand-in "official" splits u1..u5 (five seeded folds named as ml-100k's).
const official: FoldRows[] = kFold(dataset.ratings.rating.length, 5, 3).map((s, i) => ({name: `u${i + 1}`, ...s}));

describe("compareProtocols", () => {
  it("runs every model under every protocol, reads u1 off the official run, and caps folds when asked", async () => {
    const steps: string[] = [];
    const c = await compareProtocols(
      {dataset, official, seed: 42},
      {
        task: "rating",
        models: [getModel("global-mean"), getModel("baseline")],
        protocols: ["official", "u1", "kfold", "temporal-global"],
        maxFolds: {kfold: 2}
      },
      (m, p) => steps.push(`${m}/${p}`)
    );
    expect(c.cells).toHaveLength(8);
    // u1 is not fitted again: no step for it.
    expect(steps.filter((s) => s.endsWith("/u1"))).toEqual([]);
    const off = cellOf(c, "baseline", "official")!;
    const u1 = cellOf(c, "baseline", "u1")!;
    expect(off.folds).toEqual(["u1", "u2", "u3", "u4", "u5"]);
    expect(u1.folds).toEqual(["u1"]);
    expect(u1.metrics.rmse.mean).toBe(off.perFold[0].rmse);
    const kf = cellOf(c, "baseline", "kfold")!;
    expect(kf.folds).toEqual(["fold1", "fold2"]);
    expect(kf.protocolFolds).toBe(5);
    expect(c.protocols.map((p) => p.protocol)).toEqual(["official", "u1", "kfold", "temporal-global"]);
    expect(c.protocols[3].made).toMatch(/global time cut/);
    // The biases beat the global mean under every protocol.
    for (const p of ["official", "kfold", "temporal-global"] as const)
      expect(cellOf(c, "baseline", p)!.metrics.rmse.mean).toBeLessThan(cellOf(c, "global-mean", p)!.metrics.rmse.mean);
  });
});

describe("flattery", () => {
  const cell = (model: string, protocol: "kfold" | "temporal-global" | "msr", value: number) => ({
    model,
    label: model.toUpperCase(),
    protocol,
    folds: ["f"],
    protocolFolds: 1,
    metrics: {m: {mean: value, sd: 0}},
    perFold: [{m: value}],
    fitSeconds: 0
  });
  const c: ProtocolComparison = {
    task: "rating",
    protocols: [],
    cells: [cell("a", "kfold", 0.9), cell("a", "temporal-global", 1.0), cell("b", "kfold", 0.95)]
  };

  it("is temporal − random for a lower-is-better metric, random − temporal otherwise; models without both are left out", () => {
    const lower = flattery(c, "m", "kfold", ["temporal-global"], true);
    expect(lower).toHaveLength(1);
    expect(lower[0]).toMatchObject({model: "a", label: "A", randomValue: 0.9, temporalValue: 1.0});
    expect(lower[0].flattery).toBeCloseTo(0.1, 12);
    expect(flattery(c, "m", "kfold", ["temporal-global"], false)[0].flattery).toBeCloseTo(-0.1, 12);
  });
});
