/**
 * A small but real PredictionService for tests of the API and the widget, independent of any
 * trained model: class probabilities are the smoothed mix of the movie's and the user's rating
 * histograms on a seeded synthetic set; recommendations rank unseen movies by a shrunk mean.
 * One movie title is hostile HTML, so every consumer is tested for text-only rendering.
 */
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import type {Dataset} from "../../lib/data/types.js";
import {
  NotFoundError,
  type MovieInfo,
  type PredictionService,
  type PredictResult,
  type UserInfo
} from "../../lib/serving/types.js";

export const HOSTILE_TITLE = "<img src=x onerror=alert(1)>";

export interface TinyService extends PredictionService {
  data: Dataset;
  /** Raw id of the movie titled HOSTILE_TITLE. */
  hostileMovieId: number;
  /** Number of calls per method, to check what a consumer asked for. */
  calls: Record<"predict" | "recommend" | "searchMovies" | "user", number>;
}

/** Builds the service on a seeded synthetic set (default 40 users, 60 movies, 900 ratings). */
export function createTinyService(
  options: {seed?: number; users?: number; movies?: number; ratings?: number; delayMs?: number} = {}
): TinyService {
  const raw = generateSynthetic({
    seed: options.seed ?? 7,
    users: options.users ?? 40,
    movies: options.movies ?? 60,
    ratings: options.ratings ?? 900
  });
  raw.movies.title[1] = HOSTILE_TITLE;
  const data = encodeDataset(raw);
  const {min, max, step} = data.scale;
  const classes = Math.round((max - min) / step) + 1;
  const nUsers = data.userIds.length;
  const nMovies = data.movies.id.length;
  const userHist = new Float64Array(nUsers * classes);
  const movieHist = new Float64Array(nMovies * classes);
  const movieSum = new Float64Array(nMovies);
  const movieCount = new Float64Array(nMovies);
  const r = data.ratings;
  for (let i = 0; i < r.rating.length; i++) {
    const c = Math.round((r.rating[i] - min) / step);
    userHist[r.user[i] * classes + c]++;
    movieHist[r.movie[i] * classes + c]++;
    movieSum[r.movie[i]] += r.rating[i];
    movieCount[r.movie[i]]++;
  }
  let total = 0;
  for (let i = 0; i < r.rating.length; i++) total += r.rating[i];
  const globalMean = total / r.rating.length;
  const userIndex = new Map<number, number>(Array.from(data.userIds, (id, i) => [id, i]));
  const movieIndex = new Map<number, number>(Array.from(data.movies.id, (id, i) => [id, i]));
  const version = "tiny-histogram@test";
  const calls = {predict: 0, recommend: 0, searchMovies: 0, user: 0};
  const delay = (): Promise<void> => new Promise((res) => setTimeout(res, options.delayMs ?? 0));

  const movieInfo = (m: number): MovieInfo => ({
    movieId: data.movies.id[m],
    title: data.movies.title[m],
    year: Number.isNaN(data.movies.year[m]) ? null : data.movies.year[m],
    genres: data.movies.genreNames.filter((_, g) => data.movies.genres[m * data.movies.genreNames.length + g] === 1)
  });
  const userOf = (id: number): number => {
    const u = userIndex.get(id);
    if (u === undefined) throw new NotFoundError("user", id);
    return u;
  };
  const movieOf = (id: number): number => {
    const m = movieIndex.get(id);
    if (m === undefined) throw new NotFoundError("movie", id);
    return m;
  };
  const fold = (s: string): string => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

  return {
    data,
    hostileMovieId: data.movies.id[data.movies.title.indexOf(HOSTILE_TITLE)],
    calls,
    version,
    scale: {min, max, step},
    async predict(userId, movieId): Promise<PredictResult> {
      calls.predict++;
      await delay();
      const u = userOf(userId);
      const m = movieOf(movieId);
      const w = new Float64Array(classes);
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        w[c] = movieHist[m * classes + c] + 0.5 * userHist[u * classes + c] + 1;
        sum += w[c];
      }
      let best = 0;
      let expected = 0;
      const probabilities = Array.from(w, (x, c) => {
        if (x > w[best]) best = c;
        expected += (x / sum) * (min + c * step);
        return {value: min + c * step, p: x / sum};
      });
      let userRating: number | null = null;
      for (let i = 0; i < r.user.length; i++) if (r.user[i] === u && r.movie[i] === m) userRating = r.rating[i];
      return {
        userId,
        movieId,
        rating: min + best * step,
        expected,
        probabilities,
        coldStart: false,
        userRating,
        modelVersion: version
      };
    },
    async recommend(userId, k) {
      calls.recommend++;
      await delay();
      const u = userOf(userId);
      const seen = new Set<number>();
      for (let i = 0; i < r.user.length; i++) if (r.user[i] === u) seen.add(r.movie[i]);
      const scored: {m: number; s: number}[] = [];
      for (let m = 0; m < nMovies; m++)
        if (!seen.has(m)) scored.push({m, s: (movieSum[m] + 3 * globalMean) / (movieCount[m] + 3)});
      scored.sort((a, b) => b.s - a.s || a.m - b.m);
      return {
        userId,
        k,
        model: "shrunk-mean",
        items: scored.slice(0, k).map(({m, s}) => ({...movieInfo(m), score: s})),
        coldStart: false,
        modelVersion: version
      };
    },
    async searchMovies(query, limit) {
      calls.searchMovies++;
      await delay();
      const q = fold(query.trim());
      const out: MovieInfo[] = [];
      for (let m = 0; m < nMovies && out.length < limit; m++)
        if (fold(data.movies.title[m]).includes(q)) out.push(movieInfo(m));
      return out;
    },
    async user(userId): Promise<UserInfo> {
      calls.user++;
      await delay();
      const u = userOf(userId);
      const rated: {m: number; rating: number}[] = [];
      for (let i = 0; i < r.user.length; i++) if (r.user[i] === u) rated.push({m: r.movie[i], rating: r.rating[i]});
      rated.sort((a, b) => b.rating - a.rating || a.m - b.m);
      const users = data.users;
      const age = users ? users.age[u] : NaN;
      const g = users ? users.gender[u] : 255;
      return {
        userId,
        age: Number.isNaN(age) ? null : age,
        gender: g === 0 ? "M" : g === 1 ? "F" : null,
        occupation: users ? users.occupationNames[users.occupation[u]] : null,
        ratings: rated.length,
        topRated: rated.slice(0, 5).map(({m, rating}) => ({...movieInfo(m), rating}))
      };
    }
  };
}
