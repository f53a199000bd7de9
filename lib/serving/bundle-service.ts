/**
 * The PredictionService answered from a classifier bundle in this process (server, CLI, page):
 * rating predictions with class probabilities, top-N of unseen movies from the bundle's pruned
 * ranker (popularity when it has none), ranked accent-insensitive title search (search-movies.ts) and user summaries.
 * Unknown user or movie ids throw NotFoundError (the API answers 404). Browser-safe.
 */
import {BundleError, type Bundle} from "../bundle/bundle.js";
import {rankerScores, unpackModel, type WorkbenchState} from "../bundle/workbench.js";
import {factorScores, isFactorRanker} from "../bundle/factor-ranker.js";
import {validateWorkbench} from "../bundle/validate-workbench.js";
import type {Dataset} from "../data/types.js";
import {parseModel} from "../models/gbdt/model.js";
import {topK} from "../models/top-n.js";
import {predictPair, type ClassifierState} from "../models/classifier/pipeline.js";
import {
  NotFoundError,
  type MovieInfo,
  type PredictionService,
  type PredictResult,
  type RatedMovie,
  type RecommendResult,
  type UserInfo,
  type VisitorService
} from "./types.js";
import {searchIndex, searchMovies} from "./search-movies.js";
import {createVisitorService} from "./visitor-service.js";

/** Movies shown in a user's summary. */
const TOP_RATED = 5;

/**
 * Creates the service; checks that the bundle's parts agree (throws BundleError naming the field otherwise).
 * It also answers visitors from their own ratings (VisitorService, see visitor-service.ts).
 */
export function createBundleService(
  bundle: Bundle<WorkbenchState>,
  source = "bundle"
): PredictionService & VisitorService {
  const state = bundle.state;
  const classifier = validateWorkbench(bundle, source);
  const lookup = lookupDataset(bundle);
  const userIndex = indexOf(bundle.idMaps.users);
  const movieIndex = indexOf(bundle.idMaps.movies);
  const titles = bundle.titles ?? Array.from(bundle.idMaps.movies, (id) => `movie ${id}`);
  const index = searchIndex(titles, state.popularity);
  const version = `${bundle.model}@movielab-${bundle.meta.library}/${bundle.meta.createdAt}`;
  const nMovies = bundle.idMaps.movies.length;

  const userOf = (userId: number): number => {
    const u = userIndex.get(userId);
    if (u === undefined) throw new NotFoundError("user", userId);
    return u;
  };
  const movieOf = (movieId: number): number => {
    const m = movieIndex.get(movieId);
    if (m === undefined) throw new NotFoundError("movie", movieId);
    return m;
  };
  const info = (m: number): MovieInfo => {
    const G = state.movies.genreNames.length;
    const genres: string[] = [];
    for (let g = 0; g < G; g++) if (state.movies.genres[m * G + g]) genres.push(state.movies.genreNames[g]);
    const year = state.movies.year[m];
    return {movieId: bundle.idMaps.movies[m], title: titles[m], year: Number.isFinite(year) ? year : null, genres};
  };
  const none = {movies: new Int32Array(0), classes: new Uint8Array(0)};
  // A public bundle carries no user's ratings: nothing is "seen", and the user's count comes from the aggregates.
  const seenOf = (u: number) =>
    state.ratings === null
      ? none
      : {
          movies: state.ratings.movies.subarray(state.ratings.indptr[u], state.ratings.indptr[u + 1]),
          classes: state.ratings.classes.subarray(state.ratings.indptr[u], state.ratings.indptr[u + 1])
        };
  const ratingCount = (u: number) =>
    state.ratings === null
      ? classifier.features.aggregates.stats.userCount[u]
      : state.ratings.indptr[u + 1] - state.ratings.indptr[u];

  return {
    ...createVisitorService({bundle, movieOf, info, version}),
    version,
    scale: {...bundle.scale},

    async predict(userId, movieId): Promise<PredictResult> {
      const u = userOf(userId);
      const m = movieOf(movieId);
      const p = predictPair(classifier, lookup, u, m);
      const seen = seenOf(u);
      // A scan, not a binary search: the bundle's validation does not promise sorted rows, and a user's row is short.
      const at = seen.movies.indexOf(m);
      return {
        userId,
        movieId,
        rating: p.rating,
        expected: p.expected,
        probabilities: classifier.classValues.map((value, k) => ({value, p: p.probabilities[k]})),
        coldStart: p.coldStart,
        userRating: at < 0 ? null : classifier.classValues[seen.classes[at]],
        modelVersion: version
      };
    },

    async recommend(userId, k): Promise<RecommendResult> {
      checkCount("k", k);
      const u = userOf(userId);
      const seen = seenOf(u).movies;
      const skip = new Uint8Array(nMovies);
      for (let i = 0; i < seen.length; i++) skip[seen[i]] = 1;
      const coldStart = ratingCount(u) === 0;
      const ranker = state.ranker;
      // Imported factors may lack a user (Spark's ALS drops users it never saw): popularity for them.
      // An item–item ranker needs the user's rated movies, which a public bundle does not carry.
      const useRanker =
        ranker !== null && !coldStart && (isFactorRanker(ranker) ? ranker.hasUser[u] === 1 : state.ratings !== null);
      const scores = !useRanker
        ? state.popularity
        : isFactorRanker(ranker)
          ? factorScores(ranker, u)
          : rankerScores(ranker!, seen);
      const items = topK(scores, k, skip).map(({movie, score}) => ({...info(movie), score}));
      return {userId, k, model: useRanker ? ranker!.name : "popular", items, coldStart, modelVersion: version};
    },

    async searchMovies(query, limit): Promise<MovieInfo[]> {
      checkCount("limit", limit);
      return searchMovies(index, query, limit).map(info);
    },

    async user(userId): Promise<UserInfo> {
      const u = userOf(userId);
      const {movies, classes} = seenOf(u);
      const order = Array.from(movies.keys()).sort(
        (a, b) =>
          classes[b] - classes[a] || state.popularity[movies[b]] - state.popularity[movies[a]] || movies[a] - movies[b]
      );
      const topRated: RatedMovie[] = order
        .slice(0, TOP_RATED)
        .map((i) => ({...info(movies[i]), rating: classifier.classValues[classes[i]]}));
      const d = state.users;
      const age = d ? d.age[u] : NaN;
      const gender = d ? d.gender[u] : 255;
      return {
        userId,
        age: Number.isFinite(age) ? age : null,
        gender: gender === 0 ? "M" : gender === 1 ? "F" : null,
        occupation: d ? (d.occupationNames[d.occupation[u]] ?? null) : null,
        ratings: ratingCount(u),
        topRated
      };
    }
  };
}

/** The classifier of a workbench bundle, its GBDT model parsed and validated (GbdtModelError → BundleError). */
export function restoreClassifier(state: WorkbenchState, source = "bundle"): ClassifierState {
  try {
    return {...state.classifier, model: parseModel(unpackModel(state.classifier.model))};
  } catch (e) {
    throw new BundleError(source, `field "state.classifier.model": ${(e as Error).message}`);
  }
}

/** A Dataset view of the bundle's tables (no ratings), enough for the classifier's pair features. */
export function lookupDataset(bundle: Bundle<WorkbenchState>): Dataset {
  const s = bundle.state;
  const movieIds = bundle.idMaps.movies;
  return {
    name: bundle.meta.dataset.name,
    source: {
      kind: bundle.meta.dataset.synthetic ? "synthetic" : "files",
      format: bundle.meta.dataset.format as Dataset["source"]["format"]
    },
    scale: {...bundle.scale},
    ratings: {
      user: new Int32Array(0),
      movie: new Int32Array(0),
      rating: new Float32Array(0),
      timestamp: new Float64Array(0)
    },
    movies: {
      id: movieIds,
      title: bundle.titles ?? Array.from(movieIds, (id) => `movie ${id}`),
      year: s.movies.year,
      releaseDate: s.movies.releaseDate,
      genreNames: s.movies.genreNames,
      genres: s.movies.genres
    },
    userIds: bundle.idMaps.users,
    users: s.users
      ? {
          id: bundle.idMaps.users,
          age: s.users.age,
          gender: s.users.gender,
          occupation: s.users.occupation,
          occupationNames: s.users.occupationNames,
          zip: []
        }
      : undefined
  };
}

function indexOf(ids: Int32Array): Map<number, number> {
  const map = new Map<number, number>();
  ids.forEach((id, i) => map.set(id, i));
  return map;
}

function checkCount(name: string, v: number): void {
  if (!(Number.isInteger(v) && v >= 1 && v <= 100))
    throw new RangeError(`${name} is ${v}: expected an integer from 1 to 100`);
}
