/**
 * Item-kNN on implicit feedback for top-N: cosine similarity of the movies' binary user columns,
 * c_ij / sqrt(n_i · n_j), each movie keeping its k most similar movies; the score of movie j for a
 * user is the sum of similarities between j and the movies the user rated (binary, ratings ignored).
 */
import type {Model} from "../estimator.js";
import {binaryMatrix, cooccurrence} from "./binary-matrix.js";
import {itemWeightMethods, ratingFallback, type ItemWeightState} from "./common.js";
import {topK} from "../top-n.js";
import {integerParam, numberParam} from "../param-specs.js";

export interface ItemKnnImplicitParams {
  /** Neighbours kept per movie (≥ 1). */
  k: number;
  /** Shrinkage λ: similarity × c/(c + λ) with c the co-occurrence count (0 = none). */
  shrinkage: number;
}

export interface ItemKnnImplicitState extends ItemWeightState {
  /** Row-major nMovies × nMovies similarities, zero outside each row's k nearest. */
  similarity: Float32Array;
}

export const ITEM_KNN_IMPLICIT_DEFAULTS: ItemKnnImplicitParams = {k: 100, shrinkage: 0};

/** Cosine similarities of binary columns from their Gram matrix, pruned to each row's k largest (diagonal excluded). */
export function prunedCosine(gram: Float64Array, n: number, k: number, shrinkage: number): Float32Array {
  const sim = new Float32Array(n * n);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const gii = gram[i * n + i];
    for (let j = 0; j < n; j++) {
      const c = gram[i * n + j],
        d = Math.sqrt(gii * gram[j * n + j]);
      row[j] = i === j || d === 0 ? NaN : (c / d) * (shrinkage > 0 ? c / (c + shrinkage) : 1);
    }
    for (const {movie, score} of topK(row, k)) if (score > 0) sim[i * n + movie] = score;
  }
  return sim;
}

export const itemKnnImplicitModel: Model<ItemKnnImplicitParams, ItemKnnImplicitState> = {
  name: "item-knn-implicit",
  label: "item-kNN (implicit)",
  description: "item kNN on binary feedback, cosine, 100 neighbours",
  task: "ranking",
  defaults: ITEM_KNN_IMPLICIT_DEFAULTS,
  params: {
    k: integerParam(1, 100000, "neighbours kept per movie"),
    shrinkage: numberParam(0, 100000, "shrinkage λ of similarities (by co-occurrence count)")
  },
  fit(train, params = {}) {
    const p = {...ITEM_KNN_IMPLICIT_DEFAULTS, ...params};
    if (!(p.k >= 1)) throw new RangeError(`item-knn-implicit: k = ${p.k}; expected k ≥ 1`);
    const seen = binaryMatrix(train);
    return {
      ...ratingFallback(train),
      nMovies: train.nMovies,
      similarity: prunedCosine(cooccurrence(seen), train.nMovies, p.k, p.shrinkage),
      seen
    };
  },
  ...itemWeightMethods((s) => s.similarity)
};
