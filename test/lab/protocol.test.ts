import {describe, expect, it} from "vitest";
import {randomRatingFolds} from "../../lib/data/folds.js";
import {PROTOCOLS} from "../../lib/eval/protocols/index.js";
import {foldCount, protocolFold, protocolFolds} from "../../lib/lab/protocol.js";
import {createCvHandler, type CvWorkerResponse} from "../../lib/workers/cross-validate.js";
import {cvDataset} from "../workers/cv-fixture.js";

const dataset = cvDataset();

describe("Lab protocols", () => {
  it("k-fold: fold i alone is randomRatingFolds' fold i", () => {
    const all = randomRatingFolds(dataset, 4, 9);
    for (let i = 0; i < 4; i++) expect(protocolFold(dataset, {kind: "k-fold", k: 4}, 9, i)).toEqual(all[i]);
  });

  it("temporal-global and temporal-user: fold i alone is lib/eval/protocols' fold i", () => {
    for (const kind of ["temporal-global", "temporal-user"] as const) {
      const shared = PROTOCOLS[kind].folds({dataset, official: null, seed: 9}, {}).folds;
      expect(foldCount({kind})).toBe(shared.length);
      for (let i = 0; i < shared.length; i++) {
        const f = protocolFold(dataset, {kind}, 9, i);
        expect([f.name, f.train, f.test]).toEqual([shared[i].name, shared[i].train, shared[i].test]);
      }
    }
  });

  it("hold-out: one seeded fold of the asked share, stratified by rating", () => {
    const [f] = protocolFolds(dataset, {kind: "hold-out", testFraction: 0.2}, 3);
    const n = dataset.ratings.rating.length;
    expect(f.name).toBe("holdout");
    expect(f.test.rating.length).toBe(Math.round(n * 0.2));
    expect(f.train.ratings.rating.length + f.test.rating.length).toBe(n);
    expect(protocolFolds(dataset, {kind: "hold-out", testFraction: 0.2}, 3)).toEqual([f]);
    expect(protocolFolds(dataset, {kind: "hold-out", testFraction: 0.2}, 4)[0].test).not.toEqual(f.test);
  });

  it("official: the given rows, named as given; bad protocols are named", () => {
    const rows = {name: "u1", train: Int32Array.from([0, 1, 2]), test: Int32Array.from([3])};
    const [f] = protocolFolds(dataset, {kind: "official", folds: [rows]}, 0);
    expect(f.name).toBe("u1");
    expect(f.test.rating).toEqual(Float32Array.from([dataset.ratings.rating[3]]));
    expect(foldCount({kind: "official", folds: [rows, rows]})).toBe(2);
    expect(() => protocolFold(dataset, {kind: "k-fold", k: 1}, 0, 0)).toThrow(/k is 1; expected an integer from 2/);
    expect(() => protocolFold(dataset, {kind: "hold-out", testFraction: 1}, 0, 0)).toThrow(/test fraction is 1/);
    expect(() => protocolFold(dataset, {kind: "k-fold", k: 3}, 0, 3)).toThrow(/fold 3: expected an index from 0 to 2/);
  });

  it("the worker runs only the folds asked for, of any protocol, with their own figures", async () => {
    const run = async (extra: object) => {
      const out: CvWorkerResponse[] = [];
      await createCvHandler((r) => out.push(r))({
        type: "run",
        id: 1,
        dataset,
        model: "baseline",
        folds: 3,
        seed: 7,
        ...extra
      });
      const r = out.find((x) => x.type === "result");
      if (r?.type !== "result") throw new Error(JSON.stringify(out.at(-1)));
      return r.summary.folds.map(({fitSeconds: _f, predictSeconds: _p, ...rest}) => rest);
    };
    const whole = await run({});
    expect([...(await run({only: [2]})), ...(await run({only: [0, 1]}))]).toEqual([whole[2], whole[0], whole[1]]);
    const holdout = await run({protocol: {kind: "hold-out", testFraction: 0.25}});
    expect(holdout.map((f) => f.fold)).toEqual(["holdout"]);
  });
});
