/**
 * What the HTTP API, the CLI and the prediction widget ask of a fitted model, whatever runs it:
 * a model bundle in this process (lib/serving/bundle-service.ts) or a remote movielab server
 * (lib/serving/http-service.ts). Ids are the data set's raw ids; every string is data, to be
 * rendered as text. Methods are async so both sources share one contract.
 */

/** Probability of one rating class, e.g. {value: 4, p: 0.41}. */
export interface ClassProbability {
  value: number;
  p: number;
}

export interface PredictResult {
  userId: number;
  movieId: number;
  /** The most probable rating class, on the data set's scale. */
  rating: number;
  /** Σ p_k × value_k: the expected rating, comparable with the recommenders' predictions. */
  expected: number;
  probabilities: ClassProbability[];
  /** True when the user or movie was unknown to the model and it answered from priors (cold start). */
  coldStart: boolean;
  /**
   * The user's own rating of this movie in the training ratings the model was built from, null when
   * they had not rated it there. The prediction above is still the model's, made without looking it up.
   */
  userRating: number | null;
  /** Identifies the bundle that answered (model name, library version, creation time). */
  modelVersion: string;
}

export interface MovieInfo {
  movieId: number;
  title: string;
  /** Release year, null when unknown. */
  year: number | null;
  genres: string[];
}

export interface RecommendedMovie extends MovieInfo {
  /** The ranking model's score (higher ranks first); not a rating. */
  score: number;
}

export interface RecommendResult {
  userId: number;
  k: number;
  /** Ranking model that produced the list, e.g. "ease". */
  model: string;
  items: RecommendedMovie[];
  coldStart: boolean;
  modelVersion: string;
}

export interface RatedMovie extends MovieInfo {
  rating: number;
}

export interface UserInfo {
  userId: number;
  age: number | null;
  gender: "M" | "F" | null;
  occupation: string | null;
  /** Number of ratings the model saw for this user. */
  ratings: number;
  /** A few of the user's highest-rated movies, best first. */
  topRated: RatedMovie[];
}

/** An unknown user or movie: the API answers 404 naming which. */
export class NotFoundError extends Error {
  constructor(
    readonly which: "user" | "movie",
    readonly id: number
  ) {
    super(`unknown ${which} id ${id}`);
    this.name = "NotFoundError";
  }
}

export interface PredictionService {
  /** modelVersion of every answer. */
  readonly version: string;
  /** Rating scale of the data set the model was fitted on. */
  readonly scale: {min: number; max: number; step: number};
  predict(userId: number, movieId: number): Promise<PredictResult>;
  /** Top k (1..100) movies the user has not rated, best first. */
  recommend(userId: number, k: number): Promise<RecommendResult>;
  /** Case- and accent-insensitive title search, at most limit results (1..100). */
  searchMovies(query: string, limit: number): Promise<MovieInfo[]>;
  user(userId: number): Promise<UserInfo>;
}

/** One star rating a visitor (someone not in the data set) gave in the page; never sent anywhere. */
export interface VisitorRating {
  movieId: number;
  /** On the bundle's scale (e.g. 1–5 in whole stars for ml-100k, 0.5–5 in halves for the CSV sets). */
  rating: number;
}

export interface VisitorPrediction extends MovieInfo {
  /** The predicted rating clipped to the scale (unrounded), in stars. */
  expected: number;
  /** The visitor's own rating when they rated this movie, else null. */
  visitorRating: number | null;
}

export interface VisitorPredictResult {
  items: VisitorPrediction[];
  /** How the predictions were made: "mf fold-in", or "mf item baseline" before any rating. */
  model: string;
  /** Ratings the predictions used. */
  ratings: number;
  modelVersion: string;
}

/** A rated movie that pushed a recommendation up: its term of the score (> 0, in score units). */
export interface BecauseRated extends MovieInfo {
  rating: number;
  contribution: number;
}

export interface VisitorRecommendation extends RecommendedMovie {
  /** Up to 3 of the visitor's rated movies that contributed most to the score, largest first. */
  because: BecauseRated[];
}

export interface VisitorRecommendResult {
  k: number;
  /** Ranking model, e.g. "ease" (item–item), "mf" (fold-in) or "popular" (no ratings yet). */
  model: string;
  items: VisitorRecommendation[];
  /** True when there were no ratings yet and the list is the most-rated movies. */
  coldStart: boolean;
  modelVersion: string;
}

/** Predictions and recommendations for a visitor from their own ratings, computed where the bundle runs. */
export interface VisitorService {
  /** Predicted ratings of `movieIds` (1..100 of them) after the visitor's ratings; throws RangeError on a bad rating. */
  predictForRatings(ratings: VisitorRating[], movieIds: number[]): Promise<VisitorPredictResult>;
  /** Top k (1..100) movies the visitor has not rated, each with "because you rated …". */
  recommendForRatings(ratings: VisitorRating[], k: number): Promise<VisitorRecommendResult>;
}

/** Whether a service answers visitors (a bundle in the page does; a remote server is never sent their ratings). */
export function isVisitorService(s: PredictionService): s is PredictionService & VisitorService {
  const v = s as Partial<VisitorService>;
  return typeof v.predictForRatings === "function" && typeof v.recommendForRatings === "function";
}
