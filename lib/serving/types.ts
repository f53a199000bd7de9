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
