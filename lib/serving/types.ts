/**
 * What the HTTP API, the CLI and the prediction widget ask of a fitted model, whatever runs it:
 * a model bundle in this process (lib/serving/bundle-service.ts) or a remote movielab server
 * (lib/serving/http-service.ts). Ids are the data set's raw ids; every string is data, to be
 * rendered as text. Methods are async so both sources share one contract.
 */

/** Probability of one rating class, e.g. {value: 4, p: 0.41}. */
export interface ClassProbability {
  /** The rating class, on the data set's scale (e.g. 1..5 stars). */
  value: number;
  /** Its probability, 0..1; a result's probabilities sum to 1. */
  p: number;
}

/** A predicted rating of one movie for one user, with the probability of each rating class. */
export interface PredictResult {
  /** The data set's raw user id, as asked. */
  userId: number;
  /** The data set's raw movie id, as asked. */
  movieId: number;
  /** The most probable rating class, on the data set's scale. */
  rating: number;
  /** Σ p_k × value_k: the expected rating, comparable with the recommenders' predictions. */
  expected: number;
  /** One entry per rating class, lowest class first; the p sum to 1. */
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

/** A movie as the service shows it. */
export interface MovieInfo {
  /** The data set's raw movie id. */
  movieId: number;
  /** The title as the data set spells it (year included for MovieLens); data, render as text. */
  title: string;
  /** Release year, null when unknown. */
  year: number | null;
  /** Genre names from the data set, in its order; empty when it lists none. */
  genres: string[];
}

/** A movie in a top-N list. */
export interface RecommendedMovie extends MovieInfo {
  /** The ranking model's score (higher ranks first); not a rating. */
  score: number;
}

/** A user's top-N list of movies they have not rated. */
export interface RecommendResult {
  /** The data set's raw user id, as asked. */
  userId: number;
  /** The list length asked for (1..100); items may be fewer when fewer movies are unseen. */
  k: number;
  /** Ranking model that produced the list, e.g. "ease". */
  model: string;
  /** Best first, at most k. */
  items: RecommendedMovie[];
  /** True when the user had no ratings in the bundle, so the list is the most popular movies (model "popular"). */
  coldStart: boolean;
  /** Identifies the bundle that answered (model name, library version, creation time). */
  modelVersion: string;
}

/** A movie a user rated in the training ratings. */
export interface RatedMovie extends MovieInfo {
  /** The user's rating, on the data set's scale. */
  rating: number;
}

/** What the service knows of one user of the data set. */
export interface UserInfo {
  /** The data set's raw user id, as asked. */
  userId: number;
  /** Age in years as the data set gives it (ml-1m gives age bands' lower bounds), null when unknown. */
  age: number | null;
  /** As the data set records it, null when it has no user file. */
  gender: "M" | "F" | null;
  /** The data set's occupation name, null when unknown. */
  occupation: string | null;
  /** Number of ratings the model saw for this user. */
  ratings: number;
  /** A few of the user's highest-rated movies, best first. */
  topRated: RatedMovie[];
}

/** An unknown user or movie: the API answers 404 naming which. */
export class NotFoundError extends Error {
  constructor(
    /** Which kind of id was unknown. */
    readonly which: "user" | "movie",
    /** The raw id that was asked for. */
    readonly id: number
  ) {
    super(`unknown ${which} id ${id}`);
    this.name = "NotFoundError";
  }
}

/** A fitted model as the HTTP API, the CLI and the widget ask of it, local bundle or remote server alike. */
export interface PredictionService {
  /** modelVersion of every answer. */
  readonly version: string;
  /** Rating scale of the data set the model was fitted on. */
  readonly scale: {
    /** Lowest rating, e.g. 1 (ml-100k) or 0.5 (the CSV sets). */
    min: number;
    /** Highest rating, e.g. 5. */
    max: number;
    /** Distance between allowed ratings, e.g. 1 (whole stars) or 0.5. */
    step: number;
  };
  /** The rating the model predicts; rejects with NotFoundError for an unknown user or movie. */
  predict(userId: number, movieId: number): Promise<PredictResult>;
  /** Top k (1..100) movies the user has not rated, best first. */
  recommend(userId: number, k: number): Promise<RecommendResult>;
  /** Case- and accent-insensitive title search, at most limit results (1..100). */
  searchMovies(query: string, limit: number): Promise<MovieInfo[]>;
  /** The user's demographics and top-rated movies; rejects with NotFoundError for an unknown user. */
  user(userId: number): Promise<UserInfo>;
}

/** One star rating a visitor (someone not in the data set) gave in the page; never sent anywhere. */
export interface VisitorRating {
  /** The data set's raw movie id. */
  movieId: number;
  /** On the bundle's scale (e.g. 1–5 in whole stars for ml-100k, 0.5–5 in halves for the CSV sets). */
  rating: number;
}

/** A predicted rating of one movie for a visitor. */
export interface VisitorPrediction extends MovieInfo {
  /** The predicted rating clipped to the scale (unrounded), in stars. */
  expected: number;
  /** The visitor's own rating when they rated this movie, else null. */
  visitorRating: number | null;
}

/** Predictions for a visitor, from their own ratings. */
export interface VisitorPredictResult {
  /** One per asked movie, in the order asked. */
  items: VisitorPrediction[];
  /** How the predictions were made: "mf fold-in", or "mf item baseline" before any rating. */
  model: string;
  /** Ratings the predictions used. */
  ratings: number;
  /** Identifies the bundle that answered (model name, library version, creation time). */
  modelVersion: string;
}

/** A rated movie that pushed a recommendation up: its term of the score (> 0, in score units). */
export interface BecauseRated extends MovieInfo {
  /** The visitor's rating of it, on the bundle's scale. */
  rating: number;
  /** Its term of the recommendation's score, > 0, in score units. */
  contribution: number;
}

/** A movie recommended to a visitor, with the rated movies that brought it up. */
export interface VisitorRecommendation extends RecommendedMovie {
  /** Up to 3 of the visitor's rated movies that contributed most to the score, largest first. */
  because: BecauseRated[];
}

/** A visitor's top-N list of movies they have not rated. */
export interface VisitorRecommendResult {
  /** The list length asked for (1..100). */
  k: number;
  /** Ranking model, e.g. "ease" (item–item), "mf" (fold-in) or "popular" (no ratings yet). */
  model: string;
  /** Best first, at most k. */
  items: VisitorRecommendation[];
  /** True when there were no ratings yet and the list is the most-rated movies. */
  coldStart: boolean;
  /** Identifies the bundle that answered (model name, library version, creation time). */
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
