/** Most-popular baseline for top-N: every user gets the movies rated most often in training. */
import type {Model} from "../estimator.js";
import {binaryMatrix} from "../implicit/binary-matrix.js";
import {movieCounts, ratingFallback, userMeanEstimate, type RatingFallback} from "../implicit/common.js";

export type PopularParams = Record<string, never>;

export interface PopularState extends RatingFallback {
  /** Training rating count per movie. */
  counts: Float32Array;
}

export const popularModel: Model<PopularParams, PopularState> = {
  name: "popular",
  label: "most popular",
  description: "most-rated movies first",
  task: "ranking",
  defaults: {},
  params: {},
  fit(train) {
    return {...ratingFallback(train), counts: movieCounts(binaryMatrix(train))};
  },
  estimate: (s, user) => userMeanEstimate(s, user),
  scoreAll: (s) => Float32Array.from(s.counts)
};
