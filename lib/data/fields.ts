/**
 * Line splitting and field validators shared by the MovieLens readers. Each validator either
 * returns a value or throws a DataError naming file, line, field, value and expectation:
 * nothing is coerced (Number("") is 0 and parseInt("5abc") is 5, so neither is used on raw text).
 */
import {isBlankToEnd} from "./csv.js";
import {DataError, emptyFileError} from "./errors.js";
import type {DatasetFiles} from "./read-files.js";
import type {Movies} from "./types.js";

/** Where a value sits, for error messages. */
export interface FieldContext {
  file: string;
  /** 1-based line number. */
  line: number;
}

/** Throws a DataError when the file holds no records (zero bytes, or only line breaks / spaces). */
export function requireNonEmpty(text: string, file: string, what: string): void {
  if (text.trim() === "") throw emptyFileError(file, what, text.length);
}

/**
 * Calls `onLine(text, line)` for each line (LF or CRLF endings; 1-based line numbers).
 * Blank lines at the end of the file are ignored; a blank line in the middle is a DataError.
 */
export function forEachLine(text: string, file: string, onLine: (text: string, line: number) => void): void {
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < n) {
    let end = text.indexOf("\n", pos);
    const next = end < 0 ? n : end + 1;
    if (end < 0) end = n;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    if (end === pos) {
      if (isBlankToEnd(text, pos)) return;
      throw new DataError({
        file,
        line,
        value: "",
        expected: "a record, not a blank line (blank lines are allowed only at the end of the file)"
      });
    }
    onLine(text.slice(pos, end), line);
    pos = next;
    line++;
  }
}

/** Splits a line on `separator` and checks the field count; `names` are the expected fields in order. */
export function splitFields(text: string, separator: string, names: readonly string[], ctx: FieldContext): string[] {
  const fields = text.split(separator);
  if (fields.length !== names.length) throw fieldCountError(fields.length, separator, names, text, ctx);
  return fields;
}

/** The DataError for a record with the wrong number of fields. */
export function fieldCountError(
  got: number,
  separator: string,
  names: readonly string[],
  text: string,
  ctx: FieldContext
): DataError {
  const sep = separator === "\t" ? "tab" : `"${separator}"`;
  return new DataError({
    file: ctx.file,
    line: ctx.line,
    value: text,
    expected: `${names.length} fields separated by ${sep} (${names.join(", ")}), found ${got}`
  });
}

const DIGITS = /^[0-9]+$/;

/** The largest raw user or movie id (2^31 − 1): ids live in Int32Array columns. The CLI and the API accept ids up to it. */
export const ID_MAX = 0x7fffffff;
/** What a bad id is told to be, by every reader. */
export const ID_EXPECTED = `a positive integer id (1 to ${ID_MAX})`;

/** Parses a positive integer id (1..ID_MAX) written as plain digits. */
export function parseId(text: string, field: string, ctx: FieldContext): number {
  if (DIGITS.test(text) && text.length <= 10) {
    const v = Number(text);
    if (v >= 1 && v <= ID_MAX) return v;
  }
  throw new DataError({file: ctx.file, line: ctx.line, field, value: text, expected: ID_EXPECTED});
}

/** Parses a non-negative integer written as plain digits, within 0..max. */
export function parseUint(text: string, field: string, max: number, expected: string, ctx: FieldContext): number {
  if (DIGITS.test(text) && text.length <= 15) {
    const v = Number(text);
    if (v <= max) return v;
  }
  throw new DataError({file: ctx.file, line: ctx.line, field, value: text, expected});
}

/** Requires a non-empty string (after nothing: the text is kept exactly as in the file). */
export function requireText(text: string, field: string, ctx: FieldContext): string {
  if (text.trim() === "")
    throw new DataError({file: ctx.file, line: ctx.line, field, value: text, expected: "a non-empty value"});
  return text;
}

/** Gender code of the Users table: "M" → 0, "F" → 1. */
export function parseGender(text: string, ctx: FieldContext): number {
  if (text === "M") return 0;
  if (text === "F") return 1;
  throw new DataError({file: ctx.file, line: ctx.line, field: "gender", value: text, expected: '"M" or "F"'});
}

const YEAR_IN_TITLE = /\((\d{4})\)\s*$/;

/** Year from a trailing "(YYYY)" in a title (trailing spaces allowed), NaN when the title has none. */
export function yearFromTitle(title: string): number {
  const m = YEAR_IN_TITLE.exec(title);
  return m ? Number(m[1]) : NaN;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DATE = /^(\d{1,2})-([A-Z][a-z]{2})-(\d{4})$/;

/** Parses ml-100k's "DD-Mon-YYYY" (e.g. 01-Jan-1995; u.item also has a one-digit day, 4-Feb-1971) to unix seconds at UTC midnight; "" → NaN. */
export function parseReleaseDate(text: string, ctx: FieldContext): number {
  if (text === "") return NaN;
  const m = DATE.exec(text);
  if (m) {
    const day = Number(m[1]);
    const month = MONTHS.indexOf(m[2]);
    const year = Number(m[3]);
    if (month >= 0) {
      const ms = Date.UTC(year, month, day);
      const d = new Date(ms);
      // Date.UTC rolls 31-Feb over into March; a round trip catches days that do not exist.
      if (d.getUTCDate() === day && d.getUTCMonth() === month) return ms / 1000;
    }
  }
  throw new DataError({
    file: ctx.file,
    line: ctx.line,
    field: "release date",
    value: text,
    expected: "a date as DD-Mon-YYYY (e.g. 01-Jan-1995) or empty"
  });
}

/** First line of each id seen so far, to report duplicates with both lines. */
export class DuplicateIdCheck {
  private readonly seen = new Map<number, number>();
  constructor(
    private readonly field: string,
    private readonly what: string
  ) {}
  /** Throws a DataError when `id` was already seen; records it otherwise. */
  check(id: number, ctx: FieldContext): void {
    const first = this.seen.get(id);
    if (first !== undefined) {
      throw new DataError({
        file: ctx.file,
        line: ctx.line,
        field: this.field,
        value: String(id),
        expected: `a unique ${this.what} id (already on line ${first})`
      });
    }
    this.seen.set(id, ctx.line);
  }
}

/** Doubling-growth typed column: push values, then take the exact-length array. */
export class GrowableColumn<A extends Int32Array | Float64Array | Uint8Array> {
  private data: A;
  length = 0;
  constructor(
    private readonly make: (n: number) => A,
    capacity = 1024
  ) {
    this.data = make(Math.max(1, capacity));
  }
  /** Appends one value, doubling the storage when full. */
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  /** The values pushed so far, as an array of exactly that length (a copy when storage has spare room). */
  finish(): A {
    return (this.length === this.data.length ? this.data : this.data.slice(0, this.length)) as A;
  }
}

/** Genre flags, row-major movies × genres, from each movie's list of genre indices. */
export function genreFlags(perMovie: readonly (readonly number[])[], genreCount: number): Uint8Array {
  const flags = new Uint8Array(perMovie.length * genreCount);
  for (let m = 0; m < perMovie.length; m++) {
    for (const g of perMovie[m]) flags[m * genreCount + g] = 1;
  }
  return flags;
}

/** The file's bytes, or a DataError naming `<set>/<file>` and what the file should hold when the set lacks it. */
export function requireFile(files: DatasetFiles, name: string, setName: string, what: string): Uint8Array {
  const bytes = files[name];
  if (bytes === undefined)
    throw new DataError({file: `${setName}/${name}`, expected: `${what}, but the file is missing`});
  return bytes;
}

const NO_GENRES = "(no genres listed)";

/**
 * Genres given as names joined by "|" (ml-1m, CSV). Names are collected over the whole file and
 * sorted, so the column order does not depend on which movie comes first.
 */
export class GenreCollector {
  private readonly perMovie: string[][] = [];
  private readonly names = new Set<string>();
  /** Adds one movie's genres: "A|B|C", or "(no genres listed)" for none. */
  add(text: string, ctx: FieldContext): void {
    if (text === NO_GENRES) {
      this.perMovie.push([]);
      return;
    }
    const list = text.split("|");
    for (const g of list) {
      if (g.trim() === "" || g !== g.trim()) {
        throw new DataError({
          file: ctx.file,
          line: ctx.line,
          field: "genres",
          value: text,
          expected: `genre names joined by "|" (no empty names or spaces around them), or "${NO_GENRES}"`
        });
      }
      this.names.add(g);
    }
    this.perMovie.push(list);
  }
  /** Sorted genre names and the row-major flag matrix (movies in the order added). */
  finish(): {genreNames: string[]; genres: Uint8Array} {
    const genreNames = [...this.names].sort();
    const index = new Map(genreNames.map((g, i) => [g, i]));
    const genres = genreFlags(
      this.perMovie.map((list) => list.map((g) => index.get(g)!)),
      genreNames.length
    );
    return {genreNames, genres};
  }
}

const DECIMAL = /^[0-9]{1,6}(\.[0-9]{1,6})?$/;

/** Parses a rating written as digits with an optional decimal part and checks it lies on `scale`. */
export function parseRating(text: string, scale: {min: number; max: number; step: number}, ctx: FieldContext): number {
  const {min, max, step} = scale;
  if (!DECIMAL.test(text))
    throw new DataError({
      file: ctx.file,
      line: ctx.line,
      field: "rating",
      value: text,
      expected: `a number (a rating from ${min} to ${max} in steps of ${step})`
    });
  const r = Number(text);
  const k = (r - min) / step;
  if (!(r >= min && r <= max) || Math.abs(k - Math.round(k)) > 1e-9) {
    throw new DataError({
      file: ctx.file,
      line: ctx.line,
      field: "rating",
      value: text,
      expected: `a rating from ${min} to ${max} in steps of ${step}`
    });
  }
  return r;
}

/** Parses a timestamp in whole unix seconds (digits only, at most 1e12). */
export function parseTimestamp(text: string, ctx: FieldContext): number {
  return parseUint(text, "timestamp", 1e12, "a timestamp in whole unix seconds (digits only, at most 10^12)", ctx);
}

/** The movies table of a set that knows only titles with "(year)" and no release dates (ml-1m, the CSV family). */
export function moviesFromTitles(
  id: Int32Array,
  title: string[],
  genres: {genreNames: string[]; genres: Uint8Array}
): Movies {
  return {
    id,
    title,
    year: Float64Array.from(title, yearFromTitle),
    releaseDate: new Float64Array(title.length).fill(NaN),
    ...genres
  };
}
