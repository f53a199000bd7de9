/** A user's top-N from a fitted model, each movie with the model's explanation when it has one. */
import type {RatingScale} from "../data/types.js";
import type {Model} from "../models/estimator.js";
import type {Csr} from "../linalg/sparse.js";
import {recommend} from "../models/top-n.js";
import {explain, type Explanation} from "./explain.js";

export interface ExplainedRecommendation {
  /** Dense movie index. */
  movie: number;
  /** The model's ranking score (a rating estimate for rating models, an arbitrary score for ranking models). */
  score: number;
  because: Explanation | null;
}

/**
 * Top-k unseen movies (k ≥ 1) for a dense user index from a fitted state, each with the model's own
 * explanation; seen is the training matrix (users × movies, ratings as values).
 */
export function recommendWithReasons<P, S extends {scale: RatingScale}>(
  model: Model<P, S>,
  state: S,
  seen: Csr,
  user: number,
  k: number,
  reasons = 3
): ExplainedRecommendation[] {
  return recommend(model, state, seen, user, k).map((r) => ({
    movie: r.movie,
    score: r.score,
    because: explain(model, state, seen, user, r.movie, reasons)
  }));
}

/** The user's highest-rated training movies, best first (ties to the lower movie index), at most `count`. */
export function topRated(seen: Csr, user: number, count: number): Array<{movie: number; rating: number}> {
  if (!(user >= 0 && user < seen.nRows)) return [];
  const out: Array<{movie: number; rating: number}> = [];
  for (let p = seen.indptr[user]; p < seen.indptr[user + 1]; p++)
    out.push({movie: seen.indices[p], rating: seen.values[p]});
  return out.sort((a, b) => b.rating - a.rating || a.movie - b.movie).slice(0, count);
}
