/**
 * Models trained through the WebAssembly kernels, pinned by sha256 of their numbers: moving or
 * rewriting a kernel must leave every bit of them unchanged. The hashes were recorded before the
 * kernels moved to lib/wasm; a deliberate change of results updates them in the same commit.
 */
import {createHash} from "node:crypto";
import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import type {TrainSet} from "../../lib/models/estimator.js";
import {modelToJSON} from "../../lib/models/gbdt/model.js";
import {predictMargin} from "../../lib/models/gbdt/predict.js";
import {syntheticClassification} from "../../lib/models/gbdt/synthetic.js";
import {trainGbdt} from "../../lib/models/gbdt/train.js";
import {invertSpd} from "../../lib/linalg/spd-inverse.js";
import {easeModel} from "../../lib/models/implicit/ease.js";
import {fitMf} from "../../lib/models/factors/mf.js";
import {trainGbdtParallel} from "../../lib/node/threads/gbdt-parallel.js";

/** sha256 of the bytes of each typed array (or the UTF-8 of each string), in order. */
function sha256(...parts: Array<ArrayBufferView | string>): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(typeof p === "string" ? p : new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  return h.digest("hex");
}

/** A small seeded MovieLens-shaped training set; 203 movies so that row lengths hit the kernels' odd tails. */
function ratingTrainSet(): TrainSet {
  const data = encodeDataset(cleanDataset(generateSynthetic({seed: 5, users: 150, movies: 203, ratings: 7000})).data);
  return {ratings: data.ratings, nUsers: data.userIds.length, nMovies: data.movies.id.length, scale: data.scale};
}

const train = ratingTrainSet();

/** Hashes printed by the test run, so that a failing comparison shows all of them at once. */
const got: Record<string, string> = {};

const PINNED: Record<string, string> = {
  "mf k=10 wasm": "a9a2ba3ec9d3cb64cbf3c70c42561db836d0dc2f4c3e4886bf883af35d20934c",
  "mf k=16 wasm": "f1c2b9588072360fbefc2935e6b59baff11e77336223db7c9349d98a343c857e",
  "mf k=10 js": "b443830939cfe874c5cf26e849fe62b652d9b3b7ee677d19307c204d979d5c2b",
  "ease weights": "30f0990c649b2285fe51c551ef6a042c23755871663790f3da67ab722a5c65eb",
  "invertSpd n=37 wasm": "537e7cd9fce00fefdcd7db24ce0faa07c9ab1553c7cdafcc0752e48bf4243393",
  // The JavaScript inversion follows the kernels' order of operations since the SPD inverse went to threads: the same bits.
  "invertSpd n=37 js": "537e7cd9fce00fefdcd7db24ce0faa07c9ab1553c7cdafcc0752e48bf4243393",
  "gbdt multiclass model": "e4f263f2ae073dd290b82ba771a9c33d6bc241364d32a76d4dc89b145579acf2",
  "gbdt multiclass margins": "4ef538a38fb63f215c92e1b3a06864946dda855d11068dec2fb7b732c3d2ba33",
  "gbdt binary model": "2c5cccb34348696bc59f00711b08bbfa8870792b9599fe42ee78cffcc2217aa9",
  "gbdt binary margins": "f1a69ef317f59506e1f5ba8bc59175a41c254c19ebb4cc72d2cfbf98e5f34deb",
  "gbdt binary 2 threads model": "25bcfe96ebea783ea73533066b4b88445b8c65c22742306ab7c83a16e2dfd21d"
};

describe("models trained through the WebAssembly kernels keep every bit", () => {
  it("biased MF (SGD kernel; factors 10 pads to 12, factors 16 does not) and its JavaScript fallback", () => {
    for (const [factors, useWasm] of [
      [10, true],
      [16, true],
      [10, false]
    ] as const) {
      const s = fitMf(train, {factors, epochs: 6}, useWasm);
      got[`mf k=${factors} ${useWasm ? "wasm" : "js"}`] = sha256(
        Float64Array.of(s.mean),
        s.userBias,
        s.itemBias,
        s.userFactors,
        s.itemFactors
      );
    }
  });

  it("EASE weights (dense linear algebra kernels) and the JavaScript inversion", () => {
    const s = easeModel.fit(train, {lambda: 50});
    got["ease weights"] = sha256(s.weights);
    const n = 37;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) a[i * n + j] = (i === j ? n : 0) + Math.sin(1 + i * j + i + j);
    got["invertSpd n=37 wasm"] = sha256(invertSpd(a, n, true));
    got["invertSpd n=37 js"] = sha256(invertSpd(a, n, false));
  });

  it("GBDT fits (histogram and partition kernels) and their rank-forest predictions", async () => {
    const s = syntheticClassification(4000, 3, 17);
    const nTrain = 3000;
    const fit = {features: s.features.slice(0, nTrain * s.d), labels: s.labels.slice(0, nTrain), n: nTrain};
    const x = s.features.slice(nTrain * s.d);
    const n = s.n - nTrain;
    const multi = trainGbdt(fit, {
      num_class: 3,
      n_estimators: 12,
      max_depth: 6,
      subsample: 0.8,
      colsample_bytree: 0.8,
      seed: 4
    });
    got["gbdt multiclass model"] = sha256(modelToJSON(multi));
    got["gbdt multiclass margins"] = sha256(predictMargin(multi, x, n));
    const binary = trainGbdt(
      {...fit, labels: Int32Array.from(fit.labels, (y) => (y === 2 ? 1 : 0))},
      {objective: "binary:logistic", n_estimators: 10, max_depth: 5}
    );
    got["gbdt binary model"] = sha256(modelToJSON(binary));
    got["gbdt binary margins"] = sha256(predictMargin(binary, x, n));
    const sharded = await trainGbdtParallel(
      {...fit, labels: Int32Array.from(fit.labels, (y) => (y === 2 ? 1 : 0))},
      {objective: "binary:logistic", n_estimators: 6, max_depth: 5},
      {threads: 2, strategy: "rows"}
    );
    got["gbdt binary 2 threads model"] = sha256(modelToJSON(sharded));
  });

  it("matches the hashes recorded before the kernels moved", () => {
    expect(got).toEqual(PINNED);
  });
});
