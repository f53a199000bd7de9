/**
 * The one small interface every rating model shares (after Surprise's AlgoBase and
 * scikit-learn's estimators): `fit` is a pure function of the training part that returns
 * plain, serialisable state (numbers, strings, typed arrays); prediction reads only that state.
 * Users and movies are dense indices (see lib/data/encode.ts); unknown ones fall back and say so.
 */
import type {RatingScale, Ratings} from "../data/types.js";

/** What a model is fitted on: the training ratings only, with the index ranges and the scale. */
export interface TrainSet {
  ratings: Ratings;
  /** Users are 0..nUsers-1, movies 0..nMovies-1 (dense indices of the whole data set). */
  nUsers: number;
  nMovies: number;
  scale: RatingScale;
}

/** A predicted rating on the data set's scale (clipped to min..max). */
export interface Prediction {
  rating: number;
  /** True when the user or movie had no training data and the model fell back (e.g. to a mean). */
  fallback: boolean;
}

/** One recommended movie: dense movie index and the model's ranking score (higher is better). */
export interface Recommendation {
  movie: number;
  score: number;
}

export interface RecommendOptions {
  /** Leave out movies the user rated in the training part (default true). */
  excludeSeen?: boolean;
}

/** A model: hyperparameters P with defaults, fitted state S (plain data). */
export interface Model<P, S> {
  /** Short identifier used by the CLI and pages, e.g. "mf", "item-knn". */
  readonly name: string;
  readonly defaults: P;
  /** Fits on the training part only; the same seed in params gives the same state. */
  fit(train: TrainSet, params?: Partial<P>): S;
  /** Rating of movie by user on the scale, with a fallback flag for unknown users or movies. */
  predict(state: S, user: number, movie: number): Prediction;
  /** Ranking scores of every movie for one user (length nMovies); higher ranks first. */
  scoreAll(state: S, user: number): Float32Array;
}
