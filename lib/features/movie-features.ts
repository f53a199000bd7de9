/**
 * Per-movie and per-rating movie features: release year, the movie's age when it was rated, and
 * the genre PCA scores. Popularity (training count) is an aggregate (see aggregates.ts).
 */
import type {Dataset} from "../data/types.js";

const SECONDS_PER_YEAR = 365.2425 * 86400;

/** Names of the movie columns, with nComponents genre PCA scores named pc0.. */
export function movieFeatureNames(nComponents: number): string[] {
  const names = ["release_year", "movie_age"];
  for (let c = 0; c < nComponents; c++) names.push(`pc${c}`);
  return names;
}

/**
 * Age of movie m when rated at timestamp (unix seconds), in years: from the release date when
 * known, else from mid-year of the release year; NaN when neither or the timestamp is unknown.
 * Negative for ratings dated before release (the seed's noise).
 */
export function movieAgeYears(dataset: Dataset, m: number, timestamp: number): number {
  const release = dataset.movies.releaseDate[m];
  if (!Number.isNaN(release)) return (timestamp - release) / SECONDS_PER_YEAR;
  const year = dataset.movies.year[m];
  return 1970 + timestamp / SECONDS_PER_YEAR - (year + 0.5);
}

/**
 * Writes release year, movie age at timestamp and the movie's nc PCA scores (read from
 * pcScores[pcOffset..], e.g. transformAllMovies' table at m * nc) at out[o..].
 * m = −1 (unknown movie): all NaN, since its genres are unknown too.
 */
export function writeMovieFeatures(
  dataset: Dataset,
  m: number,
  timestamp: number,
  pcScores: Float32Array,
  pcOffset: number,
  nc: number,
  out: Float32Array,
  o: number
): void {
  if (m < 0 || m >= dataset.movies.id.length) {
    out.fill(NaN, o, o + 2 + nc);
    return;
  }
  out[o] = dataset.movies.year[m];
  out[o + 1] = movieAgeYears(dataset, m, timestamp);
  for (let c = 0; c < nc; c++) out[o + 2 + c] = pcScores[pcOffset + c];
}
