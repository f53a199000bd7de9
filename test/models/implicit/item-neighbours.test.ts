import {describe, expect, it} from "vitest";
import {fitRanker, pruneRows} from "../../../lib/bundle/workbench.js";
import {cleanDataset} from "../../../lib/data/clean.js";
import {encodeDataset} from "../../../lib/data/encode.js";
import {fullTrainSet} from "../../../lib/data/folds.js";
import {generateSynthetic} from "../../../lib/data/synthetic.js";
import type {TrainSet} from "../../../lib/models/estimator.js";
import {binaryMatrix} from "../../../lib/models/implicit/binary-matrix.js";
import {itemNeighbours} from "../../../lib/models/implicit/item-neighbours.js";
import {itemKnnImplicitModel, prunedCosine} from "../../../lib/models/implicit/item-knn-implicit.js";
import {cooccurrence} from "../../../lib/models/implicit/binary-matrix.js";
import {openDataset} from "../../../lib/node/open-dataset.js";
import {HAS_ML100K, ML100K_DIR} from "../../helpers/ml100k.js";

/** The dense path the bundle used before: the model's n × n similarities, pruned to `neighbours` per movie. */
function denseRanker(train: TrainSet, neighbours: number) {
  const m = itemKnnImplicitModel;
  return pruneRows(m.itemWeights!(m.fit(train)), train.nMovies, neighbours, m.name);
}

const synthetic = (seed: number) =>
  fullTrainSet(encodeDataset(cleanDataset(generateSynthetic({seed, users: 120, movies: 90, ratings: 2500})).data));

describe("itemNeighbours (sparse item-kNN)", () => {
  it("keeps the dense cosine's neighbours bit for bit, shrinkage and ties included", () => {
    for (const seed of [1, 2, 3]) {
      const train = synthetic(seed);
      const seen = binaryMatrix(train);
      for (const [k, shrinkage] of [
        [5, 0],
        [20, 10],
        [200, 0]
      ]) {
        const dense = prunedCosine(cooccurrence(seen), train.nMovies, k, shrinkage);
        const sparse = itemNeighbours(seen, k, shrinkage);
        const rebuilt = new Float32Array(train.nMovies * train.nMovies);
        for (let i = 0; i < train.nMovies; i++)
          for (let p = sparse.indptr[i]; p < sparse.indptr[i + 1]; p++)
            rebuilt[i * train.nMovies + sparse.indices[p]] = sparse.weights[p];
        expect(rebuilt).toEqual(dense);
        // best first within a row
        for (let i = 0; i < train.nMovies; i++)
          for (let p = sparse.indptr[i] + 1; p < sparse.indptr[i + 1]; p++)
            expect(sparse.weights[p - 1]).toBeGreaterThanOrEqual(sparse.weights[p]);
      }
    }
  });

  it("gives the bundle the same item-kNN ranker as the dense path", () => {
    const train = synthetic(4);
    for (const neighbours of [1, 8, 64])
      expect(fitRanker("item-knn-implicit", train, neighbours)).toEqual(denseRanker(train, neighbours));
  });

  it.skipIf(!HAS_ML100K)("matches the dense ranker on MovieLens 100K", async () => {
    const {dataset} = await openDataset({spec: ML100K_DIR, cache: false});
    const train = fullTrainSet(dataset);
    expect(fitRanker("item-knn-implicit", train, 32)).toEqual(denseRanker(train, 32));
  });
});
