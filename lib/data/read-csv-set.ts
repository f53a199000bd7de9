/**
 * The CSV family (ml-latest-small, ml-25m, ml-32m, and the seed's generic ratings.csv + movies.csv):
 * a header row, RFC 4180 quoting, UTF-8, LF or CRLF, half-star ratings 0.5..5, genres joined by "|"
 * with "(no genres listed)" for none, the year as a trailing "(YYYY)" in the title. No users table.
 */
import {forEachCsvRecord} from "./csv.js";
import {decodeUtf8Strict} from "./decode.js";
import {DataError} from "./errors.js";
import {
  DuplicateIdCheck,
  GenreCollector,
  GrowableColumn,
  fieldCountError,
  parseId,
  parseRating,
  parseTimestamp,
  requireFile,
  requireNonEmpty,
  requireText,
  moviesFromTitles
} from "./fields.js";
import {hasQuote, parseRatingRows, RATING_FIELDS} from "./rating-rows.js";
import type {DatasetFiles, FilesSource} from "./read-files.js";
import type {Movies, RatingScale, RawDataset, RawRatings} from "./types.js";

/** MovieLens' documented scale for the CSV sets: 0.5 to 5 stars in half stars. */
export const CSV_SCALE: RatingScale = {min: 0.5, max: 5, step: 0.5};
export const RATINGS_HEADER = "userId,movieId,rating,timestamp";
export const MOVIES_HEADER = "movieId,title,genres";

/** Reads a CSV-family set from its files (ratings.csv and movies.csv required; tags.csv and links.csv are not used). */
export function readCsvSet(files: DatasetFiles, source: FilesSource): RawDataset {
  const set = source.name;
  const ratings = readCsvRatings(
    requireFile(files, "ratings.csv", set, "CSV ratings (ratings.csv)"),
    `${set}/ratings.csv`
  );
  const movies = readCsvMovies(requireFile(files, "movies.csv", set, "CSV movies (movies.csv)"), `${set}/movies.csv`);
  return {
    name: set,
    source: {kind: "files", format: "csv", ...(source.dir !== undefined ? {dir: source.dir} : {})},
    scale: {...CSV_SCALE},
    ratings,
    movies
  };
}

/** Parses ratings.csv (header userId,movieId,rating,timestamp); bytes are parsed directly unless some field is quoted. */
export function readCsvRatings(bytes: Uint8Array, file: string): RawRatings {
  if (!hasQuote(bytes)) return parseRatingRows(bytes, {file, separator: ",", scale: CSV_SCALE, header: RATINGS_HEADER});
  // MovieLens never quotes numbers, but RFC 4180 allows it: take the general (slower) path then.
  const text = decodeUtf8Strict(bytes, file);
  requireNonEmpty(text, file, "rating rows");
  const userId = new GrowableColumn((n) => new Int32Array(n));
  const movieId = new GrowableColumn((n) => new Int32Array(n));
  const rating = new GrowableColumn((n) => new Float64Array(n));
  const timestamp = new GrowableColumn((n) => new Float64Array(n));
  forEachCsvRecord(text, {file}, (f, line) => {
    const ctx = {file, line};
    if (line === 1 && userId.length === 0 && f.join(",") === RATINGS_HEADER) return;
    if (userId.length === 0 && line === 1)
      throw new DataError({
        file,
        line,
        field: "header",
        value: f.join(","),
        expected: `the header "${RATINGS_HEADER}"`
      });
    if (f.length !== 4) throw fieldCountError(f.length, ",", RATING_FIELDS, f.join(","), ctx);
    userId.push(parseId(f[0], "user id", ctx));
    movieId.push(parseId(f[1], "movie id", ctx));
    rating.push(parseRating(f[2], CSV_SCALE, ctx));
    timestamp.push(parseTimestamp(f[3], ctx));
  });
  if (userId.length === 0) throw new DataError({file, expected: "rating rows after the header, but there are none"});
  return {
    userId: userId.finish(),
    movieId: movieId.finish(),
    rating: Float32Array.from(rating.finish()),
    timestamp: timestamp.finish()
  };
}

/** Parses movies.csv (header movieId,title,genres). */
export function readCsvMovies(bytes: Uint8Array, file: string): Movies {
  const text = decodeUtf8Strict(bytes, file);
  requireNonEmpty(text, file, "movie rows");
  const names = ["movie id", "title", "genres"];
  const ids = new GrowableColumn((n) => new Int32Array(n), 4096);
  const titles: string[] = [];
  const genres = new GenreCollector();
  const dup = new DuplicateIdCheck("movie id", "movie");
  let sawHeader = false;
  forEachCsvRecord(text, {file}, (f, line) => {
    const ctx = {file, line};
    if (!sawHeader) {
      if (f.join(",") !== MOVIES_HEADER)
        throw new DataError({
          file,
          line,
          field: "header",
          value: f.join(","),
          expected: `the header "${MOVIES_HEADER}"`
        });
      sawHeader = true;
      return;
    }
    if (f.length !== 3) throw fieldCountError(f.length, ",", names, f.join(","), ctx);
    const id = parseId(f[0], "movie id", ctx);
    dup.check(id, ctx);
    titles.push(requireText(f[1], "title", ctx));
    genres.add(f[2], ctx);
    ids.push(id);
  });
  if (titles.length === 0) throw new DataError({file, expected: "movie rows after the header, but there are none"});
  return moviesFromTitles(ids.finish(), titles, genres.finish());
}
