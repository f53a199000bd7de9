/**
 * The exported module's cold-start calls as plain functions: a host page with a bundle service
 * (createBundleService or loadBundleService) asks for a visitor's predictions and recommendations from
 * ratings it holds itself. Computed in the page; the ratings are never sent anywhere.
 */
import type {PredictionService, VisitorPredictResult, VisitorRating, VisitorRecommendResult} from "../serving/types.js";
import {isVisitorService} from "../serving/types.js";

/** The visitor's predicted ratings (stars, clipped to the scale) of 1..100 movies by raw id. */
export function predictForRatings(
  service: PredictionService,
  ratings: VisitorRating[],
  movieIds: number[]
): Promise<VisitorPredictResult> {
  return visitor(service).predictForRatings(ratings, movieIds);
}

/** The visitor's top k (1..100) unrated movies, each with the rated movies that drove it ("because you rated"). */
export function recommendForRatings(
  service: PredictionService,
  ratings: VisitorRating[],
  k = 10
): Promise<VisitorRecommendResult> {
  return visitor(service).recommendForRatings(ratings, k);
}

function visitor(service: PredictionService) {
  if (!isVisitorService(service))
    throw new Error(
      "this service cannot answer visitors: use a model bundle in the page (loadBundleService), never a remote API, so the ratings stay here"
    );
  return service;
}
