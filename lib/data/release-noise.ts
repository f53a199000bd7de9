/**
 * The seed's noise rule: a rating dated before its movie's release is noise.
 * ml-100k has 231 such ratings (unix timestamp < UTC midnight of the release date).
 */
import type {Movies} from "./types.js";

/** Release cutoff of movie row m in unix seconds: the release date if known, else Jan 1 (UTC) of the year, else NaN. */
export function releaseCutoff(movies: Movies, m: number): number {
  const date = movies.releaseDate[m];
  if (Number.isFinite(date)) return date;
  const year = movies.year[m];
  if (Number.isFinite(year)) return Date.UTC(year, 0, 1) / 1000;
  return NaN;
}

/** Cutoffs of every movie row (unix seconds, NaN when neither date nor year is known). */
export function releaseCutoffs(movies: Movies): Float64Array {
  const out = new Float64Array(movies.id.length);
  for (let m = 0; m < out.length; m++) out[m] = releaseCutoff(movies, m);
  return out;
}

/** Maps a raw movie id to its row in Movies, or -1 / undefined when the id is unknown. */
export type MovieRowLookup = Map<number, number> | ((movieId: number) => number);

/**
 * 1 where a rating's timestamp (unix seconds) is before its movie's release cutoff, else 0.
 *
 * `movieIndexOrRow` holds dense movie rows (Dataset.ratings.movie) when `rowOfMovie` is absent,
 * or raw movie ids (RawDataset.ratings.movieId) resolved through `rowOfMovie`. Ratings of unknown
 * movies and of movies without a cutoff are never flagged: other rules (or notes) deal with them.
 */
export function beforeReleaseMask(
  movieIndexOrRow: Int32Array,
  timestamp: Float64Array,
  movies: Movies,
  rowOfMovie?: MovieRowLookup
): Uint8Array {
  const n = movieIndexOrRow.length;
  if (timestamp.length !== n) {
    throw new RangeError(`beforeReleaseMask: ${n} movie entries but ${timestamp.length} timestamps`);
  }
  const cutoff = releaseCutoffs(movies);
  const nMovies = cutoff.length;
  const rowOf = toRowFunction(rowOfMovie);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const m = rowOf ? rowOf(movieIndexOrRow[i]) : movieIndexOrRow[i];
    if (!(m >= 0 && m < nMovies)) continue;
    // NaN cutoff compares false, so movies without a date are kept.
    if (timestamp[i] < cutoff[m]) mask[i] = 1;
  }
  return mask;
}

function toRowFunction(lookup: MovieRowLookup | undefined): ((id: number) => number) | undefined {
  if (lookup === undefined) return undefined;
  if (typeof lookup === "function") return lookup;
  return (id: number) => lookup.get(id) ?? -1;
}
