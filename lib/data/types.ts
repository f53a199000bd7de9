/**
 * The one columnar representation of every MovieLens data set.
 *
 * Readers produce a {@link RawDataset} (raw ids as they appear in the files);
 * cleaning filters it and reports every removed row; encoding maps raw ids to
 * dense indices once and yields a {@link Dataset}. Columns are typed arrays so
 * hot paths never touch per-row objects, and so the state is plain data that
 * can be posted to a Web Worker or serialised.
 */

/** The rating scale of a data set: min..max in steps of step (ml-100k: 1..5 by 1; ml-latest: 0.5..5 by 0.5). */
export interface RatingScale {
  /** Lowest rating, e.g. 1 (ml-100k) or 0.5 (ml-latest). */
  min: number;
  /** Highest rating, e.g. 5. */
  max: number;
  /** Distance between allowed ratings, e.g. 1 (whole stars) or 0.5 (half stars). */
  step: number;
}

/** Which MovieLens layout a directory holds. */
export type DatasetFormat = "ml-100k" | "ml-1m" | "csv" | "synthetic";

/** Where a data set came from, for banners and licence notes. */
export interface DatasetSource {
  /** "files" for a directory on disk, "synthetic" for the seeded generator. */
  kind: "files" | "synthetic";
  /** The layout the files were read as ("synthetic" for the generator). */
  format: DatasetFormat;
  /** Directory the files were read from (absent for synthetic data). */
  dir?: string;
  /** Seed of the synthetic generator (absent for files). */
  seed?: number;
}

/** Ratings with raw ids, one entry per row of the ratings file, in file order. */
export interface RawRatings {
  /** The user id as written in the file. */
  userId: Int32Array;
  /** The movie id as written in the file. */
  movieId: Int32Array;
  /** Rating on the data set's scale. */
  rating: Float32Array;
  /** Unix time in seconds. */
  timestamp: Float64Array;
}

/** Movies, one entry per row of the movies file, in file order. */
export interface Movies {
  /** Raw movie id as written in the file. */
  id: Int32Array;
  /** Title as the file spells it (MovieLens appends the year); data, render as text. */
  title: string[];
  /** Release year, NaN when unknown. */
  year: Float64Array;
  /** Release date as unix seconds (UTC midnight), NaN when unknown (ml-1m and CSV sets only know the year). */
  releaseDate: Float64Array;
  /** Genre names in column order (ml-100k: 19 names from u.genre). */
  genreNames: string[];
  /** Genre flags, row-major: genres[m * genreNames.length + g] is 1 when movie m has genre g. */
  genres: Uint8Array;
}

/** Users, when the data set has demographics (ml-100k, ml-1m, synthetic). */
export interface Users {
  /** Raw user id as written in the file. */
  id: Int32Array;
  /** Age in years (ml-1m: the lower bound of the age bucket), NaN when unknown. */
  age: Float64Array;
  /** 0 = M, 1 = F, 255 = unknown. */
  gender: Uint8Array;
  /** Index into occupationNames. */
  occupation: Uint8Array;
  /** Occupation names in index order (ml-100k: from u.occupation; ml-1m: the names of its occupation codes). */
  occupationNames: string[];
  /** Zip code as written (a string: some are not numeric, e.g. Canadian codes). */
  zip: string[];
}

/** What a reader returns: everything in the files, validated, ids still raw. */
export interface RawDataset {
  /** The set's label (the reader's `FilesSource.name`, e.g. "ml-100k", or "synthetic"); prefixes file names in errors. */
  name: string;
  /** Where the files came from. */
  source: DatasetSource;
  /** The set's rating scale. */
  scale: RatingScale;
  /** Every rating row, in file order. */
  ratings: RawRatings;
  /** Every movie row, in file order. */
  movies: Movies;
  /** Demographics, absent when the set has none (the CSV family). */
  users?: Users;
}

/** Dense-index lookups both ways: ids[index] is the raw id; indexOf(raw) the dense index or -1. */
export interface IdMap {
  /** Raw ids in dense-index order. */
  ids: Int32Array;
}

/** Ratings with dense indices into Dataset.movies / Dataset.users. */
export interface Ratings {
  /** Dense user index, 0..nUsers-1. */
  user: Int32Array;
  /** Dense movie index, 0..nMovies-1 (row of Dataset.movies). */
  movie: Int32Array;
  /** Rating on the data set's scale. */
  rating: Float32Array;
  /** Unix time in seconds. */
  timestamp: Float64Array;
}

/** A cleaned, encoded data set: the input of every model and chart. */
export interface Dataset {
  /** The set's label, e.g. "ml-100k" or "synthetic". */
  name: string;
  /** Where the files came from. */
  source: DatasetSource;
  /** The set's rating scale. */
  scale: RatingScale;
  /** The cleaned ratings, users and movies as dense indices. */
  ratings: Ratings;
  /** Movies in dense-index order (movies.id is the movie IdMap). */
  movies: Movies;
  /** Raw user ids in dense-index order. Users with demographics are in `users`, aligned with this order. */
  userIds: Int32Array;
  /** Demographics aligned with userIds, absent when the set has none (the CSV family). */
  users?: Users;
}
