import {describe, expect, it} from "vitest";
import {BundleError, parseBundle, serializeBundle, type Bundle} from "../../lib/bundle/bundle.js";
import type {FactorRanker} from "../../lib/bundle/factor-ranker.js";
import type {SparseRanker, WorkbenchState} from "../../lib/bundle/workbench.js";
import {validateWorkbench} from "../../lib/bundle/validate-workbench.js";
import {smallWorkbenchText} from "../helpers/small-workbench.js";
import {createBundleService} from "../../lib/serving/bundle-service.js";

const text = smallWorkbenchText({seed: 5, users: 60, movies: 80, ratings: 2500, trees: 4, neighbours: 16});

/** A fresh copy of the good bundle, changed by `mutate`, written again (so its CRC is valid) and read back. */
function mutated(mutate: (b: Bundle<WorkbenchState>) => void): Bundle<WorkbenchState> {
  const b = parseBundle<WorkbenchState>(text, "m.json");
  mutate(b);
  return parseBundle<WorkbenchState>(serializeBundle(b), "m.json");
}

const refuses = (mutate: (b: Bundle<WorkbenchState>) => void, message: RegExp) => {
  const b = mutated(mutate);
  expect(() => validateWorkbench(b, "m.json")).toThrow(BundleError);
  expect(() => createBundleService(b, "m.json")).toThrow(message);
};

describe("validateWorkbench", () => {
  it("accepts a bundle without rating histories or cold-start part (public bundles, older bundles)", () => {
    const b = mutated((x) => {
      x.state.ratings = null;
      delete x.state.coldStart;
    });
    expect(() => validateWorkbench(b, "m.json")).not.toThrow();
  });

  it("accepts the bundle as written and returns the classifier ready to predict", () => {
    const c = validateWorkbench(parseBundle<WorkbenchState>(text, "m.json"), "m.json");
    expect(c.model.trees.length).toBe(4 * 5);
    expect(c.classValues).toEqual([1, 2, 3, 4, 5]);
  });

  it("refuses non-monotone ranker offsets, which once made POST /recommend spin for minutes", () => {
    refuses((b) => {
      const p = (b.state.ranker as SparseRanker).indptr;
      p[5] = p[6] + 1000;
    }, /m\.json: field "state\.ranker\.indptr" must never decrease: entry 6/);
    refuses((b) => ((b.state.ranker as SparseRanker).indptr[3] = -(2 ** 31)), /state\.ranker\.indptr/);
    refuses((b) => (b.state.ratings!.indptr[0] = 1), /m\.json: field "state\.ratings\.indptr" must start at 0/);
  });

  it("refuses a scale the classifier was not fitted on, which once made every /predict answer 500", () => {
    refuses((b) => (b.scale = {min: 0.5, max: 5, step: 0.5}), /field "state\.classifier\.classValues" must be/);
    refuses((b) => (b.scale = {min: 1, max: 5, step: 1e-300}), /field "scale" must be a grid/);
    refuses((b) => (b.scale = {min: 1, max: 4.5, step: 1}), /field "scale" must be a grid/);
    refuses(
      (b) => (b.state.classifier.features.scale = {min: 1, max: 10, step: 1}),
      /"state\.classifier\.features\.scale" must equal the bundle's scale/
    );
  });

  it("names the file and the field when classValues is missing (once a TypeError about 'length')", () => {
    refuses(
      (b) => delete (b.state.classifier as Partial<typeof b.state.classifier>).classValues,
      /^m\.json: field "state\.classifier\.classValues" must be the scale's rating values \[1, 2, 3, 4, 5\], got undefined$/
    );
  });

  it("checks an imported factor ranker's shapes and values", () => {
    const withFactors = (change: (r: FactorRanker) => void) => (b: Bundle<WorkbenchState>) => {
      const rank = 3;
      const r: FactorRanker = {
        kind: "factors",
        name: "als",
        rank,
        users: new Float32Array(60 * rank).fill(0.1),
        items: new Float32Array(80 * rank).fill(0.2),
        hasUser: new Uint8Array(60).fill(1),
        hasItem: new Uint8Array(80).fill(1)
      };
      change(r);
      b.state.ranker = r;
    };
    const good = mutated(withFactors(() => {}));
    expect(() => validateWorkbench(good, "m.json")).not.toThrow();
    refuses(
      withFactors((r) => (r.hasUser = new Uint8Array(59))),
      /state\.ranker\.hasUser" must hold 60/
    );
    refuses(
      withFactors((r) => (r.items[5] = Infinity)),
      /state\.ranker\.items" entry 5 is Infinity/
    );
    refuses(
      withFactors((r) => (r.hasItem[2] = 3)),
      /state\.ranker\.hasItem" entry 2 is 3/
    );
    refuses(
      withFactors((r) => (r.rank = 4)),
      /state\.ranker\.users" must hold 240/
    );
    refuses(
      withFactors((r) => (r.name = "")),
      /state\.ranker\.name" must be a non-empty string/
    );
  });

  it("checks every array's type, length and index range", () => {
    const cases: [string, (b: Bundle<WorkbenchState>) => void, RegExp][] = [
      ["ratings.movies range", (b) => (b.state.ratings!.movies[2] = 80), /state\.ratings\.movies" entry 2 is 80/],
      ["ratings.classes range", (b) => (b.state.ratings!.classes[0] = 5), /state\.ratings\.classes" entry 0 is 5/],
      ["movies.year length", (b) => (b.state.movies.year = new Float64Array(3)), /state\.movies\.year" must hold 80/],
      ["movies.genres flag", (b) => (b.state.movies.genres[7] = 9), /state\.movies\.genres" entry 7 is 9/],
      [
        "users.occupation range",
        (b) => (b.state.users!.occupation[0] = 200),
        /state\.users\.occupation" entry 0 is 200/
      ],
      ["users.gender code", (b) => (b.state.users!.gender[1] = 7), /state\.users\.gender" entry 1 is 7/],
      [
        "popularity type",
        (b) => ((b.state as {popularity: unknown}).popularity = [1, 2]),
        /state\.popularity" must be a Float32Array, got an array of 2/
      ],
      [
        "ranker weights",
        (b) => ((b.state.ranker as SparseRanker).weights[0] = NaN),
        /state\.ranker\.weights" entry 0 is NaN/
      ],
      [
        "coldStart factors length",
        (b) => (b.state.coldStart!.itemFactors = new Float32Array(3)),
        /state\.coldStart\.itemFactors" must hold 80/
      ],
      ["coldStart bias", (b) => (b.state.coldStart!.itemBias[4] = Infinity), /state\.coldStart\.itemBias" entry 4/],
      ["coldStart reg", (b) => (b.state.coldStart!.reg = 0), /state\.coldStart\.reg" must be > 0, got 0/],
      [
        "pca components",
        (b) => (b.state.classifier.features.pca.components = new Float64Array(1)),
        /features\.pca\.components" must hold/
      ],
      [
        "aggregate stats",
        (b) => (b.state.classifier.features.aggregates.stats.userCount = new Float64Array(59)),
        /aggregates\.stats\.userCount" must hold 60 values/
      ],
      [
        "column index",
        (b) => (b.state.classifier.columnIndex = Int32Array.from([0, 999])),
        /state\.classifier\.columnIndex" entry 1 is 999/
      ],
      ["feature names", (b) => b.state.classifier.features.names.pop(), /features\.names" must name the pipeline's/],
      [
        "GBDT feature count",
        (b) => (b.state.classifier.model.header.num_feature += 1),
        /state\.classifier\.model" is not a valid model|must read/
      ],
      ["state version", (b) => ((b.state as {version: unknown}).version = "1"), /state\.version" must be an integer/]
    ];
    for (const [, mutate, message] of cases) refuses(mutate, message);
  });
});
