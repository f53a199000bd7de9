/**
 * MovieLens 100K: u.data (tab: user, item, rating 1..5, unix seconds), u.item ("|", latin-1, release
 * date DD-Mon-YYYY, genre flags named by u.genre), u.user ("|": id, age, gender, occupation, zip).
 * u.user, u.genre and u.occupation are optional: without u.user the set has no users table.
 */
import {decodeLatin1} from "./decode.js";
import {DataError} from "./errors.js";
import {
  DuplicateIdCheck,
  forEachLine,
  parseGender,
  parseId,
  parseReleaseDate,
  parseUint,
  requireFile,
  requireNonEmpty,
  requireText,
  splitFields,
  yearFromTitle,
  GrowableColumn
} from "./fields.js";
import {parseRatingRows} from "./rating-rows.js";
import type {DatasetFiles, FilesSource} from "./read-files.js";
import type {Movies, RatingScale, RawDataset, RawRatings, Users} from "./types.js";

/** ml-100k ratings are whole stars 1..5. */
export const ML100K_SCALE: RatingScale = {min: 1, max: 5, step: 1};

/** The 19 genre names of ml-100k's README and u.genre, used when u.genre is absent. */
export const ML100K_GENRES = [
  "unknown",
  "Action",
  "Adventure",
  "Animation",
  "Children's",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Fantasy",
  "Film-Noir",
  "Horror",
  "Musical",
  "Mystery",
  "Romance",
  "Sci-Fi",
  "Thriller",
  "War",
  "Western"
];

/** Reads an ml-100k set from its files (u.data and u.item required). */
export function readMl100k(files: DatasetFiles, source: FilesSource): RawDataset {
  const set = source.name;
  const ratings = readMl100kRatings(requireFile(files, "u.data", set, "ml-100k ratings (u.data)"), `${set}/u.data`);
  const genreNames = files["u.genre"] ? readGenreNames(files["u.genre"], `${set}/u.genre`) : ML100K_GENRES;
  const movies = readItems(requireFile(files, "u.item", set, "ml-100k movies (u.item)"), `${set}/u.item`, genreNames);
  const occupations = files["u.occupation"] ? readOccupations(files["u.occupation"], `${set}/u.occupation`) : undefined;
  const users = files["u.user"] ? readUsers(files["u.user"], `${set}/u.user`, occupations) : undefined;
  return {
    name: set,
    source: {kind: "files", format: "ml-100k", ...(source.dir !== undefined ? {dir: source.dir} : {})},
    scale: {...ML100K_SCALE},
    ratings,
    movies,
    ...(users ? {users} : {})
  };
}

/** Parses u.data or an official fold file (u1.base, ua.test, …): tab-separated user, item, rating 1..5, unix seconds. */
export function readMl100kRatings(bytes: Uint8Array, file: string): RawRatings {
  return parseRatingRows(bytes, {
    file,
    separator: "\t",
    scale: ML100K_SCALE,
    fieldNames: ["user id", "item id", "rating", "timestamp"]
  });
}

/** u.genre: "name|index" lines with indices 0, 1, 2, … in order. */
function readGenreNames(bytes: Uint8Array, file: string): string[] {
  const text = decodeLatin1(bytes);
  requireNonEmpty(text, file, "genre names");
  const names: string[] = [];
  forEachLine(text, file, (lineText, line) => {
    const ctx = {file, line};
    const [name, index] = splitFields(lineText, "|", ["genre", "index"], ctx);
    requireText(name, "genre", ctx);
    if (index !== String(names.length)) {
      throw new DataError({
        file,
        line,
        field: "index",
        value: index,
        expected: `the genre index ${names.length} (indices count up from 0 in order)`
      });
    }
    names.push(name);
  });
  return names;
}

/** u.occupation: one occupation name a line. */
function readOccupations(bytes: Uint8Array, file: string): string[] {
  const text = decodeLatin1(bytes);
  requireNonEmpty(text, file, "occupation names");
  const names: string[] = [];
  forEachLine(text, file, (lineText, line) => {
    requireText(lineText, "occupation", {file, line});
    if (names.includes(lineText))
      throw new DataError({file, line, field: "occupation", value: lineText, expected: "each occupation once"});
    names.push(lineText);
  });
  return names;
}

/** u.item: id|title|release date|video release date|IMDb URL|one 0/1 flag per genre. */
function readItems(bytes: Uint8Array, file: string, genreNames: readonly string[]): Movies {
  const text = decodeLatin1(bytes);
  requireNonEmpty(text, file, "movie rows");
  const fieldNames = ["movie id", "title", "release date", "video release date", "IMDb URL", ...genreNames];
  const g = genreNames.length;
  const ids = new GrowableColumn((n) => new Int32Array(n), 2048);
  const years = new GrowableColumn((n) => new Float64Array(n), 2048);
  const dates = new GrowableColumn((n) => new Float64Array(n), 2048);
  const flags = new GrowableColumn((n) => new Uint8Array(n), 2048 * g);
  const titles: string[] = [];
  const dup = new DuplicateIdCheck("movie id", "movie");
  forEachLine(text, file, (lineText, line) => {
    const ctx = {file, line};
    const f = splitFields(lineText, "|", fieldNames, ctx);
    const id = parseId(f[0], "movie id", ctx);
    dup.check(id, ctx);
    const title = requireText(f[1], "title", ctx);
    const date = parseReleaseDate(f[2], ctx);
    // Year as the title states it (the release date can be a later re-release); the date's year when the title has none.
    let year = yearFromTitle(title);
    if (Number.isNaN(year) && !Number.isNaN(date)) year = new Date(date * 1000).getUTCFullYear();
    for (let k = 0; k < g; k++) {
      const v = f[5 + k];
      if (v !== "0" && v !== "1")
        throw new DataError({file, line, field: genreNames[k], value: v, expected: "a genre flag 0 or 1"});
      flags.push(v === "1" ? 1 : 0);
    }
    ids.push(id);
    titles.push(title);
    years.push(year);
    dates.push(date);
  });
  return {
    id: ids.finish(),
    title: titles,
    year: years.finish(),
    releaseDate: dates.finish(),
    genreNames: [...genreNames],
    genres: flags.finish()
  };
}

/** u.user: id|age|gender|occupation|zip. Occupations must be in u.occupation when it is given. */
function readUsers(bytes: Uint8Array, file: string, occupations: string[] | undefined): Users {
  const text = decodeLatin1(bytes);
  requireNonEmpty(text, file, "user rows");
  const fieldNames = ["user id", "age", "gender", "occupation", "zip code"];
  const ids = new GrowableColumn((n) => new Int32Array(n), 1024);
  const ages = new GrowableColumn((n) => new Float64Array(n), 1024);
  const genders = new GrowableColumn((n) => new Uint8Array(n), 1024);
  const occupationText: string[] = [];
  const zips: string[] = [];
  const dup = new DuplicateIdCheck("user id", "user");
  forEachLine(text, file, (lineText, line) => {
    const ctx = {file, line};
    const f = splitFields(lineText, "|", fieldNames, ctx);
    const id = parseId(f[0], "user id", ctx);
    dup.check(id, ctx);
    const age = parseUint(f[1], "age", 120, "an age in whole years from 1 to 120", ctx);
    if (age < 1)
      throw new DataError({file, line, field: "age", value: f[1], expected: "an age in whole years from 1 to 120"});
    const gender = parseGender(f[2], ctx);
    const occupation = requireText(f[3], "occupation", ctx);
    if (occupations && !occupations.includes(occupation)) {
      throw new DataError({
        file,
        line,
        field: "occupation",
        value: occupation,
        expected: `one of the occupations in u.occupation (${occupations.join(", ")})`
      });
    }
    ids.push(id);
    ages.push(age);
    genders.push(gender);
    occupationText.push(occupation);
    zips.push(requireText(f[4], "zip code", ctx));
  });
  // Without u.occupation the names are the distinct values, sorted (ml-100k's u.occupation is sorted too).
  const occupationNames = occupations ? [...occupations] : [...new Set(occupationText)].sort();
  if (occupationNames.length > 255)
    throw new DataError({
      file,
      field: "occupation",
      value: String(occupationNames.length),
      expected: "at most 255 distinct occupations"
    });
  const index = new Map(occupationNames.map((o, i) => [o, i]));
  const occupation = Uint8Array.from(occupationText, (o) => index.get(o)!);
  return {id: ids.finish(), age: ages.finish(), gender: genders.finish(), occupation, occupationNames, zip: zips};
}
