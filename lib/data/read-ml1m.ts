/**
 * MovieLens 1M and 10M: "::"-separated, latin-1. ratings.dat (user, movie, rating 1..5, or 0.5..5 in
 * half stars for ml-10m, unix seconds),
 * movies.dat (id, "Title (YYYY)", genres joined by "|"), users.dat (id, gender, age bucket,
 * occupation code 0..20, zip). users.dat is optional. Only the year of release is known.
 */
import {decodeLatin1} from "./decode.js";
import {DataError} from "./errors.js";
import {
  DuplicateIdCheck,
  GenreCollector,
  GrowableColumn,
  forEachLine,
  parseGender,
  parseId,
  requireFile,
  requireNonEmpty,
  requireText,
  splitFields,
  moviesFromTitles
} from "./fields.js";
import {parseRatingRows} from "./rating-rows.js";
import type {DatasetFiles, FilesSource} from "./read-files.js";
import type {Movies, RatingScale, RawDataset, Users} from "./types.js";

/** ml-1m ratings are whole stars 1..5. */
export const ML1M_SCALE: RatingScale = {min: 1, max: 5, step: 1};

/** ml-10m, in the same "::" layout, has half stars 0.5..5 (and no users.dat). */
export const ML10M_SCALE: RatingScale = {min: 0.5, max: 5, step: 0.5};

/** Occupation names by code 0..20, as in the ml-1m README. */
export const ML1M_OCCUPATIONS = [
  "other/not specified",
  "academic/educator",
  "artist",
  "clerical/admin",
  "college/grad student",
  "customer service",
  "doctor/health care",
  "executive/managerial",
  "farmer",
  "homemaker",
  "K-12 student",
  "lawyer",
  "programmer",
  "retired",
  "sales/marketing",
  "scientist",
  "self-employed",
  "technician/engineer",
  "tradesman/craftsman",
  "unemployed",
  "writer"
];

/** The age buckets of ml-1m's README, each the lower bound of its range (1 = "under 18", 56 = "56+"). */
export const ML1M_AGE_BUCKETS = [1, 18, 25, 35, 45, 50, 56];

/** Reads an ml-1m set from its files (ratings.dat and movies.dat required). */
export function readMl1m(files: DatasetFiles, source: FilesSource): RawDataset {
  const set = source.name;
  const bytes = requireFile(files, "ratings.dat", set, "ml-1m ratings (ratings.dat)");
  // Read on ml-10m's half-star scale; a set whose every rating is a whole star from 1 is ml-1m's.
  const ratings = parseRatingRows(bytes, {file: `${set}/ratings.dat`, separator: "::", scale: ML10M_SCALE});
  const scale = ratings.rating.every((r) => r >= 1 && Number.isInteger(r)) ? ML1M_SCALE : ML10M_SCALE;
  const movies = readMovies(requireFile(files, "movies.dat", set, "ml-1m movies (movies.dat)"), `${set}/movies.dat`);
  const users = files["users.dat"] ? readUsers(files["users.dat"], `${set}/users.dat`) : undefined;
  return {
    name: set,
    source: {kind: "files", format: "ml-1m", ...(source.dir !== undefined ? {dir: source.dir} : {})},
    scale: {...scale},
    ratings,
    movies,
    ...(users ? {users} : {})
  };
}

function readMovies(bytes: Uint8Array, file: string): Movies {
  const text = decodeLatin1(bytes);
  requireNonEmpty(text, file, "movie rows");
  const ids = new GrowableColumn((n) => new Int32Array(n), 4096);
  const titles: string[] = [];
  const genres = new GenreCollector();
  const dup = new DuplicateIdCheck("movie id", "movie");
  forEachLine(text, file, (lineText, line) => {
    const ctx = {file, line};
    const f = splitFields(lineText, "::", ["movie id", "title", "genres"], ctx);
    const id = parseId(f[0], "movie id", ctx);
    dup.check(id, ctx);
    titles.push(requireText(f[1], "title", ctx));
    genres.add(f[2], ctx);
    ids.push(id);
  });
  return moviesFromTitles(ids.finish(), titles, genres.finish());
}

function readUsers(bytes: Uint8Array, file: string): Users {
  const text = decodeLatin1(bytes);
  requireNonEmpty(text, file, "user rows");
  const ids = new GrowableColumn((n) => new Int32Array(n), 8192);
  const ages = new GrowableColumn((n) => new Float64Array(n), 8192);
  const genders = new GrowableColumn((n) => new Uint8Array(n), 8192);
  const occupations = new GrowableColumn((n) => new Uint8Array(n), 8192);
  const zips: string[] = [];
  const dup = new DuplicateIdCheck("user id", "user");
  forEachLine(text, file, (lineText, line) => {
    const ctx = {file, line};
    const f = splitFields(lineText, "::", ["user id", "gender", "age", "occupation", "zip code"], ctx);
    const id = parseId(f[0], "user id", ctx);
    dup.check(id, ctx);
    const gender = parseGender(f[1], ctx);
    const age = ML1M_AGE_BUCKETS.find((b) => String(b) === f[2]);
    if (age === undefined)
      throw new DataError({
        file,
        line,
        field: "age",
        value: f[2],
        expected: `an ml-1m age bucket (${ML1M_AGE_BUCKETS.join(", ")})`
      });
    const occupation = ML1M_OCCUPATIONS.findIndex((_, code) => String(code) === f[3]);
    if (occupation < 0)
      throw new DataError({file, line, field: "occupation", value: f[3], expected: "an occupation code from 0 to 20"});
    ids.push(id);
    genders.push(gender);
    ages.push(age);
    occupations.push(occupation);
    zips.push(requireText(f[4], "zip code", ctx));
  });
  return {
    id: ids.finish(),
    age: ages.finish(),
    gender: genders.finish(),
    occupation: occupations.finish(),
    occupationNames: [...ML1M_OCCUPATIONS],
    zip: zips
  };
}
