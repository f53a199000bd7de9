/**
 * "Because you rated …": why a model recommends a movie, read from its fitted state by the model's own
 * `explain` (item models name the user's rated movies that pushed the score up most; user-kNN names
 * the similar users who rated the movie). Models without one (factor models, popularity) give null.
 */
import type {AnyModel, Explanation} from "../models/estimator.js";
import type {Csr} from "../linalg/sparse.js";
import type {RatingScale} from "../data/types.js";

export type {Explanation, NeighbourReason, RatedReason} from "../models/estimator.js";

/**
 * Up to `count` reasons why `model` scores `movie` for `user`; null for models without an explanation or
 * a user outside the training matrix. `ratings` is the training matrix (users × movies, ratings as values).
 */
export function explain(
  model: AnyModel,
  state: unknown,
  ratings: Csr,
  user: number,
  movie: number,
  count = 3
): Explanation | null {
  if (!model.explain || !(user >= 0 && user < ratings.nRows)) return null;
  // The caller pairs each model with the state its own fit returned (AnyModel cannot say so in a type).
  return model.explain(state as {scale: RatingScale}, ratings, user, movie, count);
}
