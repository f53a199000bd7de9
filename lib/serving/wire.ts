/**
 * The API speaks snake_case JSON; the library speaks camelCase. These converters are the only
 * place the two meet, so a renamed field shows up as a type error here.
 */
import type {MovieInfo, PredictResult, RatedMovie, RecommendResult, UserInfo} from "./types.js";

/** PredictResult as sent by POST /predict. */
export function predictToWire(r: PredictResult) {
  return {
    user_id: r.userId,
    movie_id: r.movieId,
    rating: r.rating,
    expected: r.expected,
    probabilities: r.probabilities.map((c) => ({value: c.value, p: c.p})),
    cold_start: r.coldStart,
    user_rating: r.userRating,
    model_version: r.modelVersion
  };
}

/** MovieInfo as sent by GET /movies and inside other answers. */
export function movieToWire(m: MovieInfo) {
  return {movie_id: m.movieId, title: m.title, year: m.year, genres: m.genres};
}

/** RecommendResult as sent by POST /recommend. */
export function recommendToWire(r: RecommendResult) {
  return {
    user_id: r.userId,
    k: r.k,
    model: r.model,
    items: r.items.map((m) => ({...movieToWire(m), score: m.score})),
    cold_start: r.coldStart,
    model_version: r.modelVersion
  };
}

/** UserInfo as sent by GET /users/:id. */
export function userToWire(u: UserInfo) {
  return {
    user_id: u.userId,
    age: u.age,
    gender: u.gender,
    occupation: u.occupation,
    ratings: u.ratings,
    top_rated: u.topRated.map((m: RatedMovie) => ({...movieToWire(m), rating: m.rating}))
  };
}

export type PredictWire = ReturnType<typeof predictToWire>;
export type MovieWire = ReturnType<typeof movieToWire>;
export type RecommendWire = ReturnType<typeof recommendToWire>;
export type UserWire = ReturnType<typeof userToWire>;

/** Reads a POST /predict answer back into the library's shape (used by the HTTP client). */
export function predictFromWire(w: PredictWire): PredictResult {
  return {
    userId: w.user_id,
    movieId: w.movie_id,
    rating: w.rating,
    expected: w.expected,
    probabilities: w.probabilities.map((c) => ({value: c.value, p: c.p})),
    coldStart: w.cold_start,
    // An older server does not send it: unknown, so the widget says nothing rather than "not rated".
    userRating: w.user_rating ?? null,
    modelVersion: w.model_version
  };
}

/** Reads one movie of an answer back into MovieInfo. */
export function movieFromWire(w: MovieWire): MovieInfo {
  return {movieId: w.movie_id, title: w.title, year: w.year, genres: w.genres};
}

/** Reads a POST /recommend answer back into RecommendResult. */
export function recommendFromWire(w: RecommendWire): RecommendResult {
  return {
    userId: w.user_id,
    k: w.k,
    model: w.model,
    items: w.items.map((m) => ({...movieFromWire(m), score: m.score})),
    coldStart: w.cold_start,
    modelVersion: w.model_version
  };
}

/** Reads a GET /users/:id answer back into UserInfo. */
export function userFromWire(w: UserWire): UserInfo {
  return {
    userId: w.user_id,
    age: w.age,
    gender: w.gender,
    occupation: w.occupation,
    ratings: w.ratings,
    topRated: w.top_rated.map((m) => ({...movieFromWire(m), rating: m.rating}))
  };
}

/** GET /health answer. */
export interface HealthWire {
  status: "ok" | "closing";
  model_version: string;
  uptime_s: number;
  scale: {min: number; max: number; step: number};
}
