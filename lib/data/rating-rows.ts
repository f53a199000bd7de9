/**
 * The hot path of every reader: ratings files (`user SEP movie SEP rating SEP timestamp` per line)
 * parsed straight from bytes into typed columns, without decoding or splitting strings.
 * Used for ml-100k u.data and u1..u5 (tab), ml-1m ratings.dat ("::") and ratings.csv (",").
 */
import {decodeLatin1} from "./decode.js";
import {DataError, emptyFileError, loneCrError} from "./errors.js";
import {ID_EXPECTED, ID_MAX} from "./fields.js";
import type {RatingScale, RawRatings} from "./types.js";

const LF = 10,
  CR = 13,
  DOT = 46,
  ZERO = 48,
  NINE = 57,
  QUOTE = 34;
/** Timestamps are unix seconds; 1e12 s is ~31,000 years, so anything longer is a unit mistake. */
const MAX_TIMESTAMP = 1e12;

export const RATING_FIELDS = ["user id", "movie id", "rating", "timestamp"] as const;

export interface RatingRowsOptions {
  /** File name for error messages. */
  file: string;
  /** Field separator: "\t", "::" or ",". */
  separator: string;
  scale: RatingScale;
  /** Exact first line to require and skip (CSV header), if any. */
  header?: string;
  /** Field names in error messages (defaults to RATING_FIELDS). */
  fieldNames?: readonly string[];
}

/** Parses a ratings file; every row is validated (ids positive, rating on `scale`, timestamp integer seconds ≥ 0). */
export function parseRatingRows(bytes: Uint8Array, options: RatingRowsOptions): RawRatings {
  const {file, separator, scale} = options;
  const names = options.fieldNames ?? RATING_FIELDS;
  const sep0 = separator.charCodeAt(0);
  const sep1 = separator.length > 1 ? separator.charCodeAt(1) : -1;
  const sepLen = separator.length;
  const len = bytes.length;

  let pos = len >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;
  if (isBlankBytes(bytes, pos)) throw emptyFileError(file, "rating rows", len);
  if (options.header !== undefined) {
    let end = bytes.indexOf(LF, pos);
    if (end < 0) end = len;
    const next = end < len ? end + 1 : len;
    if (end > pos && bytes[end - 1] === CR) end--;
    const got = decodeLatin1(bytes.subarray(pos, end));
    // Lone CRs glue every line into the first: say so rather than quote a mile-long "header".
    if (got.includes("\r")) throw loneCrError(file, 1);
    if (got !== options.header) {
      throw new DataError({file, line: 1, field: "header", value: got, expected: `the header "${options.header}"`});
    }
    pos = next;
    line = 2;
    if (isBlankBytes(bytes, pos))
      throw new DataError({file, expected: "rating rows after the header, but there are none"});
  }

  // Each record ends at a LF, so LFs + 1 bounds the row count: one exact allocation, no regrowth.
  let capacity = 1;
  for (let p = bytes.indexOf(LF, pos); p >= 0; p = bytes.indexOf(LF, p + 1)) capacity++;
  const userId = new Int32Array(capacity);
  const movieId = new Int32Array(capacity);
  const rating = new Float32Array(capacity);
  const timestamp = new Float64Array(capacity);
  const cols: RawRatings = {userId, movieId, rating, timestamp};
  const ctx: RowContext = {file, separator, names, scale};
  const {min, max, step} = scale;
  const wholeStars = step === 1 && Number.isInteger(min);
  let n = 0;

  // Fast path for well-formed rows; anything unusual goes to parseRowCarefully, which accepts the
  // same rows but knows how to explain a bad one. Undefined reads past the end compare false.
  while (pos < len) {
    const lineStart = pos;
    let p = pos,
      v = 0,
      b = bytes[p];
    while (b >= ZERO && b <= NINE) {
      v = v * 10 + (b - ZERO);
      b = bytes[++p];
    }
    if (p === pos || p - pos > 10 || v < 1 || v > ID_MAX || b !== sep0 || (sepLen === 2 && bytes[p + 1] !== sep1)) {
      pos = parseRowCarefully(bytes, lineStart, line, ctx, cols, n);
    } else {
      const user = v;
      pos = p + sepLen;
      v = 0;
      b = bytes[pos];
      p = pos;
      while (b >= ZERO && b <= NINE) {
        v = v * 10 + (b - ZERO);
        b = bytes[++p];
      }
      if (p === pos || p - pos > 10 || v < 1 || v > ID_MAX || b !== sep0 || (sepLen === 2 && bytes[p + 1] !== sep1)) {
        pos = parseRowCarefully(bytes, lineStart, line, ctx, cols, n);
      } else {
        const movie = v;
        pos = p + sepLen;
        v = 0;
        b = bytes[pos];
        p = pos;
        while (b >= ZERO && b <= NINE) {
          v = v * 10 + (b - ZERO);
          b = bytes[++p];
        }
        let r = v;
        let ok = p > pos && p - pos <= 6;
        if (b === DOT) {
          const fracStart = ++p;
          let frac = 0,
            div = 1;
          b = bytes[p];
          while (b >= ZERO && b <= NINE) {
            frac = frac * 10 + (b - ZERO);
            div *= 10;
            b = bytes[++p];
          }
          ok = ok && p > fracStart && p - fracStart <= 6;
          r = (v * div + frac) / div;
        }
        if (ok && wholeStars) ok = r >= min && r <= max && r === Math.floor(r);
        else if (ok) {
          const k = (r - min) / step;
          ok = r >= min && r <= max && Math.abs(k - Math.round(k)) <= 1e-9;
        }
        if (!ok || b !== sep0 || (sepLen === 2 && bytes[p + 1] !== sep1)) {
          pos = parseRowCarefully(bytes, lineStart, line, ctx, cols, n);
        } else {
          pos = p + sepLen;
          v = 0;
          b = bytes[pos];
          p = pos;
          while (b >= ZERO && b <= NINE) {
            v = v * 10 + (b - ZERO);
            b = bytes[++p];
          }
          // The row must end here: LF, CRLF or the end of the file.
          let next = -1;
          if (b === LF) next = p + 1;
          else if (p === len) next = p;
          else if (b === CR && bytes[p + 1] === LF) next = p + 2;
          if (p === pos || p - pos > 13 || v > MAX_TIMESTAMP || next < 0) {
            pos = parseRowCarefully(bytes, lineStart, line, ctx, cols, n);
          } else {
            userId[n] = user;
            movieId[n] = movie;
            rating[n] = r;
            timestamp[n] = v;
            pos = next;
          }
        }
      }
    }
    if (pos < 0) break; // blank lines to the end of the file
    line++;
    n++;
  }
  if (n === capacity) return cols;
  return {
    userId: userId.slice(0, n),
    movieId: movieId.slice(0, n),
    rating: rating.slice(0, n),
    timestamp: timestamp.slice(0, n)
  };
}

interface RowContext {
  file: string;
  separator: string;
  names: readonly string[];
  scale: RatingScale;
}

/**
 * Parses one row field by field into row `n` of `cols` and returns the offset of the next row,
 * or -1 when only blank lines remain; a bad row throws the DataError that explains it.
 */
function parseRowCarefully(
  bytes: Uint8Array,
  lineStart: number,
  line: number,
  ctx: RowContext,
  cols: RawRatings,
  n: number
): number {
  const {file, separator, names} = ctx;
  const {min, max, step} = ctx.scale;
  const sep0 = separator.charCodeAt(0);
  const sep1 = separator.length > 1 ? separator.charCodeAt(1) : -1;
  const sepLen = separator.length;
  const len = bytes.length;
  let pos = lineStart;
  if (bytes[pos] === LF || bytes[pos] === CR) {
    if (isBlankBytes(bytes, pos)) return -1;
    throw new DataError({
      file,
      line,
      value: "",
      expected: "a rating row, not a blank line (blank lines are allowed only at the end of the file)"
    });
  }
  for (let f = 0; f < 4; f++) {
    const start = pos;
    // Scan the field: it ends at the separator, CR, LF or the end of the file.
    let end = pos;
    while (end < len) {
      const b = bytes[end];
      if (b === LF || b === CR) break;
      if (b === sep0 && (sepLen === 1 || bytes[end + 1] === sep1)) break;
      end++;
    }
    if (f === 2) {
      // Rating: digits, optionally "." and digits; checked against the scale.
      let v = 0,
        scaleDiv = 1,
        ok = end > start;
      let seenDot = false,
        digitsBefore = 0,
        digitsAfter = 0;
      for (let p = start; ok && p < end; p++) {
        const b = bytes[p];
        if (b >= ZERO && b <= NINE) {
          v = v * 10 + (b - ZERO);
          if (seenDot) {
            scaleDiv *= 10;
            digitsAfter++;
          } else digitsBefore++;
        } else if (b === DOT && !seenDot) seenDot = true;
        else ok = false;
      }
      if (!ok || digitsBefore === 0 || digitsBefore > 6 || (seenDot && (digitsAfter === 0 || digitsAfter > 6))) {
        fieldError(
          bytes,
          file,
          line,
          names[f],
          start,
          end,
          `a number (a rating from ${min} to ${max} in steps of ${step})`
        );
      }
      const r = v / scaleDiv;
      const k = (r - min) / step;
      if (!(r >= min && r <= max) || Math.abs(k - Math.round(k)) > 1e-9)
        fieldError(bytes, file, line, names[f], start, end, `a rating from ${min} to ${max} in steps of ${step}`);
      cols.rating[n] = r;
    } else {
      let v = 0,
        ok = end > start && end - start <= (f === 3 ? 13 : 10);
      for (let p = start; ok && p < end; p++) {
        const b = bytes[p];
        if (b >= ZERO && b <= NINE) v = v * 10 + (b - ZERO);
        else ok = false;
      }
      if (f === 3) {
        if (!ok || v > MAX_TIMESTAMP)
          fieldError(
            bytes,
            file,
            line,
            names[f],
            start,
            end,
            "a timestamp in whole unix seconds (digits only, at most 10^12)"
          );
        cols.timestamp[n] = v;
      } else {
        if (!ok || v < 1 || v > ID_MAX) fieldError(bytes, file, line, names[f], start, end, ID_EXPECTED);
        if (f === 0) cols.userId[n] = v;
        else cols.movieId[n] = v;
      }
    }
    pos = end;
    const atSep = pos < len && bytes[pos] === sep0 && (sepLen === 1 || bytes[pos + 1] === sep1);
    if (f < 3) {
      if (!atSep) countError(bytes, file, line, separator, names, lineStart);
      pos += sepLen;
    } else if (atSep) countError(bytes, file, line, separator, names, lineStart);
  }
  if (pos < len) {
    if (bytes[pos] === CR) {
      if (pos + 1 < len && bytes[pos + 1] !== LF) {
        throw loneCrError(file, line);
      }
      pos += pos + 1 < len ? 2 : 1;
    } else pos++;
  }
  return pos;
}

// Errors are built outside the hot loop: closures over its mutable locals would keep them off registers.
function fieldError(
  bytes: Uint8Array,
  file: string,
  line: number,
  field: string,
  start: number,
  end: number,
  expected: string
): never {
  throw new DataError({file, line, field, value: decodeLatin1(bytes.subarray(start, end)), expected});
}

function countError(
  bytes: Uint8Array,
  file: string,
  line: number,
  separator: string,
  names: readonly string[],
  lineStart: number
): never {
  let end = bytes.indexOf(LF, lineStart);
  if (end < 0) end = bytes.length;
  if (end > lineStart && bytes[end - 1] === CR) end--;
  const text = decodeLatin1(bytes.subarray(lineStart, end));
  const sepName = separator === "\t" ? "tab" : `"${separator}"`;
  throw new DataError({
    file,
    line,
    value: text,
    expected: `${names.length} fields separated by ${sepName} (${names.join(", ")}), found ${text.split(separator).length}`
  });
}

/** True when bytes[from..] holds only CR, LF, space or tab. */
function isBlankBytes(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== LF && b !== CR && b !== 32 && b !== 9) return false;
  }
  return true;
}

/** True when the bytes contain a double quote (the CSV readers then take the quoting-aware path). */
export function hasQuote(bytes: Uint8Array): boolean {
  return bytes.indexOf(QUOTE) >= 0;
}
