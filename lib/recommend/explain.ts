/**
 * "Because you rated …": why a neighbour or item–item model recommends a movie, read from its
 * fitted state. Item models (item-kNN for ratings or implicit feedback, EASE) name the user's rated
 * movies that pushed the score up most; user-kNN names the similar users who rated the movie.
 * Models without such a structure (factor models, popularity) have no explanation (null).
 */
import type {Csr} from "../models/sparse.js";
import {explainItemKnn, type ItemKnnState} from "../models/recommenders/item-knn.js";
import {explainUserKnn, type UserKnnState} from "../models/recommenders/user-knn.js";
import type {ItemKnnImplicitState} from "../models/recommenders/item-knn-implicit.js";
import type {EaseState} from "../models/recommenders/ease.js";

/** One rated movie behind a recommendation: its weight (similarity or EASE weight, > 0) and the user's rating. */
export interface RatedReason {
  movie: number;
  weight: number;
  rating: number;
}

/** One similar user behind a recommendation: similarity (> 0) and their rating of the movie. */
export interface NeighbourReason {
  user: number;
  similarity: number;
  rating: number;
}

export type Explanation =
  | {kind: "rated"; reasons: RatedReason[]}
  | {kind: "neighbours"; neighbours: NeighbourReason[]};

/** Registry names of the models explain() understands. */
export const EXPLAINABLE = ["item-knn", "item-knn-implicit", "ease", "user-knn"] as const;

/** The user's rated movies i with the largest positive weights[i][movie] (row-major n × n), best first. */
function fromItemWeights(weights: Float32Array, n: number, ratings: Csr, user: number, movie: number, count: number): RatedReason[] {
  const out: RatedReason[] = [];
  for (let p = ratings.indptr[user]; p < ratings.indptr[user + 1]; p++) {
    const i = ratings.indices[p];
    const w = weights[i * n + movie];
    if (w > 0) out.push({movie: i, weight: w, rating: ratings.values[p]});
  }
  return out.sort((a, b) => b.weight - a.weight || a.movie - b.movie).slice(0, count);
}

/**
 * Up to `count` reasons why model `name` (registry name) scores `movie` for `user`; null for models
 * without an explanation or a user outside the training matrix. `ratings` is the training matrix (users × movies, ratings as values).
 */
export function explain(name: string, state: unknown, ratings: Csr, user: number, movie: number, count = 3): Explanation | null {
  if (!(user >= 0 && user < ratings.nRows)) return null;
  switch (name) {
    case "item-knn": {
      const reasons = explainItemKnn(state as ItemKnnState, user, movie).map((r) => ({movie: r.movie, weight: r.similarity, rating: r.rating}));
      return {kind: "rated", reasons: reasons.slice(0, count)};
    }
    case "item-knn-implicit": {
      const s = state as ItemKnnImplicitState;
      return {kind: "rated", reasons: fromItemWeights(s.similarity, s.nMovies, ratings, user, movie, count)};
    }
    case "ease": {
      const s = state as EaseState;
      return {kind: "rated", reasons: fromItemWeights(s.weights, s.nMovies, ratings, user, movie, count)};
    }
    case "user-knn": {
      const neighbours = explainUserKnn(state as UserKnnState, user, movie).map((n) => ({user: n.entity, similarity: n.similarity, rating: n.rating}));
      return {kind: "neighbours", neighbours: neighbours.slice(0, count)};
    }
    default:
      return null;
  }
}
