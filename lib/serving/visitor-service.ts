/**
 * Answers a visitor who is not in the data set from their own ratings, in the process that holds the
 * bundle (the page, a server): predictions by folding them into the bundle's biased MF
 * (lib/recommend/fold-in.ts), recommendations from the bundle's item–item ranker (EASE or implicit
 * item-kNN; lib/recommend/item-item-cold.ts) or, for a bundle whose ranker is imported factors, from the
 * fold-in's predictions; each recommendation names the rated movies that drove it
 * (lib/recommend/because-you-rated.ts). Browser-safe; the ratings are arguments, never stored or sent.
 */
import type {Bundle} from "../bundle/bundle.js";
import type {WorkbenchState} from "../bundle/workbench.js";
import {isFactorRanker} from "../bundle/factor-ranker.js";
import {topK} from "../models/top-n.js";
import {foldIn, foldInContributions, foldInPredictions, type VisitorRatings} from "../recommend/fold-in.js";
import {itemItemContributions, itemItemScores} from "../recommend/item-item-cold.js";
import {becauseYouRated} from "../recommend/because-you-rated.js";
import type {MovieInfo, VisitorPredictResult, VisitorRating, VisitorRecommendResult, VisitorService} from "./types.js";

/** Rated movies named under each recommendation. */
const BECAUSE = 3;

/** What the visitor service needs from the bundle service that hosts it. */
export interface VisitorServiceDeps {
  bundle: Bundle<WorkbenchState>;
  /** Dense index of a raw movie id; throws NotFoundError for an unknown id. */
  movieOf(movieId: number): number;
  info(movie: number): MovieInfo;
  version: string;
}

/** Creates the visitor half of a bundle service. */
export function createVisitorService({bundle, movieOf, info, version}: VisitorServiceDeps): VisitorService {
  const state = bundle.state;
  const nMovies = bundle.idMaps.movies.length;
  const mf = state.coldStart ?? null;

  /** Checks the ratings (scale, known movies, one each) and maps them to dense indices. */
  const dense = (ratings: VisitorRating[]): VisitorRatings => {
    if (!Array.isArray(ratings)) throw new TypeError("ratings must be an array of {movieId, rating}");
    const movies = new Int32Array(ratings.length);
    const values = new Float64Array(ratings.length);
    const seen = new Set<number>();
    ratings.forEach((r, t) => {
      const m = movieOf(r.movieId);
      if (seen.has(m)) throw new RangeError(`movie ${r.movieId} is rated twice; expected one rating per movie`);
      seen.add(m);
      checkRating(r.rating, bundle.scale, `movie ${r.movieId} (${info(m).title})`);
      movies[t] = m;
      values[t] = r.rating;
    });
    return {movies, ratings: values};
  };

  return {
    async predictForRatings(ratings, movieIds): Promise<VisitorPredictResult> {
      if (!Array.isArray(movieIds) || movieIds.length < 1 || movieIds.length > 100)
        throw new RangeError(
          `movieIds holds ${Array.isArray(movieIds) ? movieIds.length : "no"} ids: expected 1 to 100`
        );
      const v = dense(ratings);
      const targets = movieIds.map(movieOf);
      if (mf === null)
        throw new Error(
          "this bundle has no cold-start model (state.coldStart): retrain it with `movielab train classifier`"
        );
      const n = v.movies.length;
      // Before any rating the visitor term is 0: the MF's item baseline μ + b_j.
      const predict =
        n === 0
          ? (j: number) => mf.mean + mf.itemBias[j]
          : (
              (p: Float64Array) => (j: number) =>
                p[j]
            )(foldInPredictions(mf, foldIn(mf, v)));
      const mine = new Map<number, number>();
      for (let t = 0; t < n; t++) mine.set(v.movies[t], v.ratings[t]);
      return {
        items: targets.map((j) => ({
          ...info(j),
          expected: Math.min(bundle.scale.max, Math.max(bundle.scale.min, predict(j))),
          visitorRating: mine.get(j) ?? null
        })),
        model: n === 0 ? "mf item baseline" : "mf fold-in",
        ratings: n,
        modelVersion: version
      };
    },

    async recommendForRatings(ratings, k): Promise<VisitorRecommendResult> {
      if (!(Number.isInteger(k) && k >= 1 && k <= 100))
        throw new RangeError(`k is ${k}: expected an integer from 1 to 100`);
      const v = dense(ratings);
      const n = v.movies.length;
      const skip = new Uint8Array(nMovies);
      for (let t = 0; t < n; t++) skip[v.movies[t]] = 1;
      const ranker = state.ranker;
      const stars = new Map<number, number>();
      for (let t = 0; t < n; t++) stars.set(v.movies[t], v.ratings[t]);
      const because = (terms: Float64Array) =>
        becauseYouRated(v.movies, terms, BECAUSE).map(({movie, contribution}) => ({
          ...info(movie),
          rating: stars.get(movie)!,
          contribution
        }));
      if (n > 0 && ranker !== null && !isFactorRanker(ranker)) {
        const x = new Float64Array(n).fill(1);
        const scores = itemItemScores(ranker, v.movies, x);
        const items = topK(scores, k, skip).map(({movie, score}) => ({
          ...info(movie),
          score,
          because: because(itemItemContributions(ranker, v.movies, x, movie))
        }));
        return {k, model: ranker.name, items, coldStart: false, modelVersion: version};
      }
      if (n > 0 && mf !== null) {
        const x = foldIn(mf, v);
        const items = topK(foldInPredictions(mf, x), k, skip).map(({movie, score}) => ({
          ...info(movie),
          score,
          because: because(foldInContributions(mf, v, x, movie))
        }));
        return {k, model: "mf", items, coldStart: false, modelVersion: version};
      }
      const items = topK(state.popularity, k, skip).map(({movie, score}) => ({...info(movie), score, because: []}));
      return {k, model: "popular", items, coldStart: true, modelVersion: version};
    }
  };
}

/** Throws a RangeError naming `what` unless `r` is a value of the scale (min..max in steps of step). */
export function checkRating(r: unknown, scale: {min: number; max: number; step: number}, what: string): void {
  const onScale =
    typeof r === "number" &&
    Number.isFinite(r) &&
    r >= scale.min &&
    r <= scale.max &&
    Math.abs((r - scale.min) / scale.step - Math.round((r - scale.min) / scale.step)) < 1e-9;
  if (!onScale)
    throw new RangeError(
      `rating ${JSON.stringify(r)} of ${what} is not on the scale: expected ${scale.min} to ${scale.max} in steps of ${scale.step}`
    );
}
