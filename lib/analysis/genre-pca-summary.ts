/**
 * What the PCA page shows of the genre PCA: the variance each component explains, the loadings of
 * every genre, and each movie's position in the plane of the first two components with its main
 * genre. The PCA is the classifier's own (fitGenrePca on the rating rows, each movie weighted by its
 * rating count), fitted here on every rating of the data set because the page describes the catalogue.
 */
import type {Dataset} from "../data/types.js";
import {mostCounted} from "../data/sample.js";
import {fitGenrePca, transformAllMovies} from "../features/genre-pca.js";

export interface GenrePcaSummary {
  genres: string[];
  /** Share of the genre variance per component (all components, descending), 0..1. */
  explained: number[];
  /** Running sum of `explained`, 0..1. */
  cumulative: number[];
  /** Components kept for the loadings (the classifier's default, 5, at most the genre count). */
  nComponents: number;
  /** Loadings row-major nComponents × genres: covariance of each genre flag with the component score. */
  loadings: number[];
  /** Rated movies in the plane (the most-rated when there are more than the cap) of all rated movies. */
  plotted: {kept: number; of: number};
  /** The movies in the plane; index i below describes movie movieId[i]. */
  movies: {
    movieId: number[];
    title: string[];
    /** Scores on the first two components (the second is 0 when there is one genre). */
    pc1: number[];
    pc2: number[];
    /** Index into genres of the movie's main genre (its rarest one), −1 for a movie without genres. */
    mainGenre: number[];
    /** Genre flags as a bit mask per movie (bit g = genre g; at most 31 genres, else 0). */
    genreMask: number[];
    ratings: number[];
  };
}

/** Movies the plane shows at most, so the page's data stays ~300 KB at ml-25m's 59,000 rated movies. */
export const PLANE_MAX_MOVIES = 5_000;

/** Fits the genre PCA on every rating (nComponents ≥ 1, capped at the genre count) and summarises it for charts. */
export function genrePcaSummary(dataset: Dataset, nComponents = 5, maxMovies = PLANE_MAX_MOVIES): GenrePcaSummary {
  const G = dataset.movies.genreNames.length;
  const k = Math.max(1, Math.min(nComponents, G));
  // At least two components are fitted so that every movie has a point in the plane.
  const pca = fitGenrePca(dataset.movies.genres, G, dataset.ratings.movie, Math.max(k, Math.min(2, G)));
  const nMovies = dataset.movies.id.length;
  const count = new Int32Array(nMovies);
  for (const m of dataset.ratings.movie) count[m]++;
  const scores = transformAllMovies(pca, dataset.movies.genres);
  const nc = pca.nComponents;
  // Main genre = the rarest of the movie's genres (by movies in the catalogue): "Drama" or "Comedy"
  // say little when a movie is also a "Film-Noir".
  const genreMovies = new Int32Array(G);
  for (let m = 0; m < nMovies; m++) for (let g = 0; g < G; g++) genreMovies[g] += dataset.movies.genres[m * G + g];
  const movies: GenrePcaSummary["movies"] = {
    movieId: [],
    title: [],
    pc1: [],
    pc2: [],
    mainGenre: [],
    genreMask: [],
    ratings: []
  };
  // The most-rated movies when there are more than the cap (ties to the earlier movie), in catalogue order.
  const rated = count.reduce((n, c) => n + (c > 0 ? 1 : 0), 0);
  const shown = new Uint8Array(nMovies);
  // Unrated movies (count 0) sort last, so they are only among the kept when fewer than the cap are rated.
  for (const m of mostCounted(count, Math.min(maxMovies, rated))) shown[m] = 1;
  for (let m = 0; m < nMovies; m++) {
    if (shown[m] === 0) continue;
    let main = -1;
    let mask = 0;
    for (let g = 0; g < G; g++) {
      if (dataset.movies.genres[m * G + g] !== 1) continue;
      if (G <= 31) mask |= 1 << g;
      if (main < 0 || genreMovies[g] < genreMovies[main]) main = g;
    }
    movies.movieId.push(dataset.movies.id[m]);
    movies.title.push(dataset.movies.title[m]);
    movies.pc1.push(round4(scores[m * nc]));
    movies.pc2.push(nc > 1 ? round4(scores[m * nc + 1]) : 0);
    movies.mainGenre.push(main);
    movies.genreMask.push(mask);
    movies.ratings.push(count[m]);
  }
  return {
    genres: [...dataset.movies.genreNames],
    explained: Array.from(pca.explainedVarianceRatio),
    cumulative: Array.from(pca.cumulativeVarianceRatio),
    nComponents: k,
    loadings: Array.from(pca.loadings.subarray(0, k * G)),
    plotted: {kept: Math.min(maxMovies, rated), of: rated},
    movies
  };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
