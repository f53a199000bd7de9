/**
 * The tags table of the sets that have one: tags.csv (ml-latest-small, ml-20m to ml-32m: header
 * userId,movieId,tag,timestamp, RFC 4180 quoting, UTF-8) and tags.dat (ml-10m:
 * UserID::MovieID::Tag::Timestamp). Tags are free text written by users; a tag may hold commas
 * (quoted in CSV) or "::" (ml-10m: the tag is everything between the second and the last "::").
 */
import {forEachCsvRecord} from "./csv.js";
import {decodeUtf8Strict} from "./decode.js";
import {DataError} from "./errors.js";
import {
  fieldCountError,
  forEachLine,
  GrowableColumn,
  parseId,
  parseTimestamp,
  requireNonEmpty,
  requireText
} from "./fields.js";

/** One entry per row of the tags file, in file order. */
export interface RawTags {
  userId: Int32Array;
  movieId: Int32Array;
  tag: string[];
  /** Unix time in seconds. */
  timestamp: Float64Array;
}

export const TAGS_HEADER = "userId,movieId,tag,timestamp";
const TAG_FIELDS = ["user id", "movie id", "tag", "timestamp"];

/** Parses tags.csv (header userId,movieId,tag,timestamp); `file` names it in errors. */
export function readCsvTags(bytes: Uint8Array, file: string): RawTags {
  const text = decodeUtf8Strict(bytes, file);
  requireNonEmpty(text, file, "the header");
  const cols = columns();
  let header = false;
  forEachCsvRecord(text, {file}, (f, line) => {
    const ctx = {file, line};
    if (!header) {
      if (f.join(",") !== TAGS_HEADER)
        throw new DataError({file, line, field: "header", value: f.join(","), expected: `the header "${TAGS_HEADER}"`});
      header = true;
      return;
    }
    if (f.length !== 4) throw fieldCountError(f.length, ",", TAG_FIELDS, f.join(","), ctx);
    cols.push(f[0], f[1], f[2], f[3], ctx);
  });
  return cols.finish();
}

/** Parses ml-10m's tags.dat (UserID::MovieID::Tag::Timestamp, no header). */
export function readDatTags(bytes: Uint8Array, file: string): RawTags {
  const text = decodeUtf8Strict(bytes, file);
  const cols = columns();
  forEachLine(text, file, (lineText, line) => {
    const ctx = {file, line};
    const a = lineText.indexOf("::");
    const b = a < 0 ? -1 : lineText.indexOf("::", a + 2);
    const c = lineText.lastIndexOf("::");
    if (a < 0 || b < 0 || c <= b) {
      const n = lineText.split("::").length;
      throw fieldCountError(n, "::", TAG_FIELDS, lineText, ctx);
    }
    cols.push(lineText.slice(0, a), lineText.slice(a + 2, b), lineText.slice(b + 2, c), lineText.slice(c + 2), ctx);
  });
  return cols.finish();
}

function columns() {
  const userId = new GrowableColumn((n) => new Int32Array(n));
  const movieId = new GrowableColumn((n) => new Int32Array(n));
  const timestamp = new GrowableColumn((n) => new Float64Array(n));
  const tag: string[] = [];
  // Interned: ml-25m has 1.09M tag rows but only ~73k distinct tags.
  const seen = new Map<string, string>();
  return {
    push(u: string, m: string, t: string, ts: string, ctx: {file: string; line: number}) {
      userId.push(parseId(u, "user id", ctx));
      movieId.push(parseId(m, "movie id", ctx));
      const text = requireText(t, "tag", ctx);
      let kept = seen.get(text);
      if (kept === undefined) seen.set(text, (kept = text));
      tag.push(kept);
      timestamp.push(parseTimestamp(ts, ctx));
    },
    finish: (): RawTags => ({userId: userId.finish(), movieId: movieId.finish(), tag, timestamp: timestamp.finish()})
  };
}
