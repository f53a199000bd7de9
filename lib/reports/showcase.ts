/**
 * What the Recommendations page shows, precomputed at build time: for a spread of users (from the
 * least to the most active), their highest-rated movies and each model's top-N with "because you
 * rated …" reasons; for the most-rated movies, their nearest movies by two similarities. Movies are
 * referred to by raw id, with one title table for every movie mentioned.
 */
import {idLookup} from "../data/encode.js";
import type {Dataset} from "../data/types.js";
import {fullTrainSet} from "../data/folds.js";
import type {Model} from "../models/estimator.js";
import {similarMovies, type ItemKnnState} from "../models/neighbours/item-knn.js";
import type {ItemKnnImplicitState} from "../models/implicit/item-knn-implicit.js";
import {seenMatrix, topK} from "../models/top-n.js";
import type {Explanation} from "../recommend/explain.js";
import {recommendWithReasons, topRated} from "../recommend/recommend-user.js";

export interface ShowcaseModel {
  /** Registry name (selects the explanation). */
  name: string;
  label: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any, any>;
}

/** An explanation with raw ids: movies the user rated (id, rating, weight) or similar users (id, similarity, rating). */
export type ShowcaseReason =
  | {kind: "rated"; movies: Array<[number, number, number]>}
  | {kind: "neighbours"; users: Array<[number, number, number]>};

export interface ShowcaseUser {
  userId: number;
  ratings: number;
  /** [movie id, rating] of the user's highest-rated movies. */
  topRated: Array<[number, number]>;
  /** Model name → [movie id, score, reason or null] best first. */
  recommendations: Record<string, Array<[number, number, ShowcaseReason | null]>>;
}

export interface Showcase {
  models: Array<{name: string; label: string; fitSeconds: number}>;
  users: ShowcaseUser[];
  /** Movie id → [(similar movie id, similarity)] by rating similarity (item-kNN's Pearson-baseline) and by co-occurrence (cosine on who rated what). */
  similar: {rating: Record<number, Array<[number, number]>>; implicit: Record<number, Array<[number, number]>>};
  /** Title of every movie id mentioned above. */
  titles: Record<number, string>;
}

/** `count` dense user indices spread evenly over the users sorted by number of ratings (fewest first). */
export function spreadOfUsers(d: Dataset, count: number): number[] {
  const n = d.userIds.length;
  const per = new Int32Array(n);
  for (let i = 0; i < d.ratings.user.length; i++) per[d.ratings.user[i]]++;
  const order = Array.from({length: n}, (_, u) => u)
    .filter((u) => per[u] > 0)
    .sort((a, b) => per[a] - per[b] || a - b);
  if (order.length <= count) return order;
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) picked.add(order[Math.round((i * (order.length - 1)) / Math.max(1, count - 1))]);
  return [...picked].sort((a, b) => d.userIds[a] - d.userIds[b]);
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function reasonOf(d: Dataset, e: Explanation | null): ShowcaseReason | null {
  if (e === null) return null;
  if (e.kind === "rated")
    return {kind: "rated", movies: e.reasons.map((r) => [d.movies.id[r.movie], r.rating, round(r.weight, 4)])};
  return {kind: "neighbours", users: e.neighbours.map((n) => [d.userIds[n.user], round(n.similarity, 4), n.rating])};
}

/**
 * Fits each model on every rating of d and builds the showcase for `users` (dense indices): top `k`
 * per model, `rated` highest-rated movies, and `similarCount` neighbours of the `similarMovies` most-rated movies
 * (from the fitted "item-knn" and "item-knn-implicit" states when those models are in the list).
 */
export function buildShowcase(
  d: Dataset,
  models: readonly ShowcaseModel[],
  users: readonly number[],
  options: {k?: number; rated?: number; similarMovies?: number; similarCount?: number} = {}
): Showcase {
  const k = options.k ?? 10,
    rated = options.rated ?? 10;
  const train = fullTrainSet(d);
  const seen = seenMatrix(train);
  const mentioned = new Set<number>();
  const movieIndexOf = idLookup(d.movies.id);
  const fitted = models.map((m) => {
    const t0 = performance.now();
    const state = m.model.fit(train);
    return {...m, state, fitSeconds: (performance.now() - t0) / 1000};
  });
  const showUsers: ShowcaseUser[] = users.map((u) => {
    const recommendations: ShowcaseUser["recommendations"] = {};
    for (const f of fitted) {
      recommendations[f.name] = recommendWithReasons(f.model, f.state, seen, u, k).map((r) => {
        const reason = reasonOf(d, r.because);
        mentioned.add(r.movie);
        if (reason?.kind === "rated") for (const [id] of reason.movies) mentioned.add(movieIndexOf(id));
        return [d.movies.id[r.movie], round(r.score, 4), reason];
      });
    }
    const top = topRated(seen, u, rated);
    for (const t of top) mentioned.add(t.movie);
    return {
      userId: d.userIds[u],
      ratings: seen.indptr[u + 1] - seen.indptr[u],
      topRated: top.map((t) => [d.movies.id[t.movie], t.rating]),
      recommendations
    };
  });
  // The most-rated movies get precomputed neighbours, so the page can offer them in a picker.
  const counts = new Float64Array(d.movies.id.length);
  for (let i = 0; i < d.ratings.movie.length; i++) counts[d.ratings.movie[i]]++;
  const popular = topK(counts, options.similarMovies ?? 300).map((r) => r.movie);
  const similar: Showcase["similar"] = {rating: {}, implicit: {}};
  const count = options.similarCount ?? 10;
  const knn = fitted.find((f) => f.name === "item-knn");
  const implicit = fitted.find((f) => f.name === "item-knn-implicit");
  for (const m of popular) {
    mentioned.add(m);
    if (knn) {
      similar.rating[d.movies.id[m]] = similarMovies(knn.state as ItemKnnState, m, count).map((s) => {
        mentioned.add(s.movie);
        return [d.movies.id[s.movie], round(s.similarity, 4)];
      });
    }
    if (implicit) {
      const s = implicit.state as ItemKnnImplicitState;
      const row = Float64Array.from(s.similarity.subarray(m * s.nMovies, (m + 1) * s.nMovies));
      row[m] = NaN;
      similar.implicit[d.movies.id[m]] = topK(row, count)
        .filter((r) => r.score > 0)
        .map((r) => {
          mentioned.add(r.movie);
          return [d.movies.id[r.movie], round(r.score, 4)];
        });
    }
  }
  const titles: Record<number, string> = {};
  for (const m of mentioned) titles[d.movies.id[m]] = d.movies.title[m];
  return {
    models: fitted.map((f) => ({name: f.name, label: f.label, fitSeconds: f.fitSeconds})),
    users: showUsers,
    similar,
    titles
  };
}
