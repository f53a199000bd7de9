/**
 * Cleaning with a report: every rating that leaves the data is counted under one rule,
 * with up to 5 examples, so that rowsIn - Σ removed === rowsOut always holds.
 */
import type {CleaningExample, CleaningReport, CleaningRuleResult} from "./cleaning-report.js";
import {idLookup, sortedUniqueIds} from "./encode.js";
import {encodingWarnings} from "./encoding-check.js";
import {DataError} from "./errors.js";
import {beforeReleaseMask, releaseCutoffs} from "./release-noise.js";
import type {RawDataset, RawRatings} from "./types.js";

/** Options of {@link cleanDataset}. */
export interface CleanOptions {
  /** Remove ratings dated before their movie's release (the seed's noise rule). Default true. */
  beforeRelease?: boolean;
  /** Examples kept per rule, 0..∞. Default 5. */
  maxExamples?: number;
  /** Latest plausible rating time, unix seconds (default: now). Later ratings are removed. */
  now?: number;
}

/**
 * Earliest plausible rating time: 1995-01-01 UTC, unix seconds. The oldest MovieLens ratings
 * (ml-20m onwards) date from January 1995; earlier times are clock or unit errors.
 */
export const EARLIEST_RATING_TIME = Date.UTC(1995, 0, 1) / 1000;

/**
 * Applies, in order: missing values, implausible times (before 1995 or in the future), duplicate
 * (user, movie) pairs (the latest timestamp is kept), unknown movies, unknown users (when a users
 * table exists), ratings before release. Pure: returns new rating columns and shares the
 * (unchanged) movies and users tables with the input. A set left with no rating is an error
 * (DataError naming it and the rules that emptied it), never an empty result.
 */
export function cleanDataset(
  raw: RawDataset,
  options: CleanOptions = {}
): {
  /** The set without the removed rows (movies and users untouched). */
  data: RawDataset;
  /** What was removed, rule by rule. */
  report: CleaningReport;
} {
  const beforeRelease = options.beforeRelease ?? true;
  const maxExamples = options.maxExamples ?? 5;
  const r = raw.ratings;
  const n = r.userId.length;
  const removed = new Uint8Array(n);
  const rules: CleaningRuleResult[] = [];
  const notes: string[] = [];
  const example = (i: number, reason: string): CleaningExample => ({
    userId: r.userId[i],
    movieId: r.movieId[i],
    rating: r.rating[i],
    timestamp: r.timestamp[i],
    reason
  });

  // Rule 1: missing values.
  rules.push(
    applyRule(removed, "missing-values", "Ratings with a missing (NaN) rating or timestamp", maxExamples, (i) => {
      const noRating = Number.isNaN(r.rating[i]);
      const noTime = Number.isNaN(r.timestamp[i]);
      if (!noRating && !noTime) return null;
      const what = noRating && noTime ? "rating and timestamp are" : noRating ? "rating is" : "timestamp is";
      return () => example(i, `row ${i + 1}: ${what} missing`);
    })
  );

  // Rule 2: times no MovieLens rating can have. They would otherwise decide temporal splits.
  const latest = options.now ?? Date.now() / 1000;
  rules.push(
    applyRule(
      removed,
      "implausible-time",
      `Ratings dated before ${iso(EARLIEST_RATING_TIME).slice(0, 10)} (the oldest MovieLens ratings are from January 1995) or in the future (after ${iso(latest).slice(0, 10)})`,
      maxExamples,
      (i) => {
        const t = r.timestamp[i];
        if (t >= EARLIEST_RATING_TIME && t <= latest) return null;
        return () =>
          example(
            i,
            `row ${i + 1}: timestamp ${t} is ${t < EARLIEST_RATING_TIME ? "before 1995" : "in the future"} (${iso(t)})`
          );
      }
    )
  );

  // Rule 3: duplicates of (user, movie): the latest rating is the user's current opinion.
  const dupOf = duplicateLosers(r, removed);
  rules.push(
    applyRule(
      removed,
      "duplicates",
      "Repeated (user, movie) pairs: the rating with the latest timestamp is kept (on a tie, the last row), the others are removed",
      maxExamples,
      (i) => {
        const keep = dupOf[i];
        if (keep < 0) return null;
        return () =>
          example(
            i,
            `row ${i + 1} repeats (user ${r.userId[i]}, movie ${r.movieId[i]}); row ${keep + 1} (rating ${r.rating[keep]} at ${iso(r.timestamp[keep])}) is kept as the latest`
          );
      }
    )
  );

  // Rule 4: unknown movies.
  const movieRow = idLookup(raw.movies.id);
  rules.push(
    applyRule(removed, "unknown-movie", "Ratings of a movie id that is not in the movies table", maxExamples, (i) =>
      movieRow(r.movieId[i]) < 0
        ? () => example(i, `row ${i + 1}: movie ${r.movieId[i]} is not in the movies table`)
        : null
    )
  );

  // Rule 5: unknown users, only meaningful when the data set has a users table.
  const users = raw.users;
  if (users) {
    const userRow = idLookup(users.id);
    rules.push(
      applyRule(removed, "unknown-user", "Ratings by a user id that is not in the users table", maxExamples, (i) =>
        userRow(r.userId[i]) < 0
          ? () => example(i, `row ${i + 1}: user ${r.userId[i]} is not in the users table`)
          : null
      )
    );
  } else {
    notes.push("No users table: ratings are not checked against user demographics.");
  }

  // Rule 6: the seed's noise rule.
  const cutoff = releaseCutoffs(raw.movies);
  const early = beforeReleaseMask(r.movieId, r.timestamp, raw.movies, movieRow);
  if (beforeRelease) {
    rules.push(
      applyRule(
        removed,
        "before-release",
        "Ratings dated before the movie's release (release date at 00:00 UTC, or Jan 1 of the release year when only the year is known)",
        maxExamples,
        (i) => {
          if (early[i] === 0) return null;
          const m = movieRow(r.movieId[i]);
          return () =>
            example(
              i,
              `row ${i + 1}: rated ${iso(r.timestamp[i])}, movie ${r.movieId[i]} released ${iso(cutoff[m]).slice(0, 10)}`
            );
        }
      )
    );
  } else {
    let kept = 0;
    for (let i = 0; i < n; i++) if (removed[i] === 0 && early[i] === 1) kept++;
    notes.push(
      `Before-release rule is off: ${kept} ${plural(kept, "rating is", "ratings are")} dated before the movie's release and kept.`
    );
  }

  const data: RawDataset = {...raw, ratings: keepRows(r, removed)};
  notes.push(...movieNotes(raw, data.ratings, cutoff, movieRow));
  if (users) notes.push(...userNotes(users.id, data.ratings.userId));

  const rowsOut = data.ratings.userId.length;
  if (rowsOut === 0) {
    const by = rules.filter((x) => x.removed > 0).map((x) => `${x.rule} ${x.removed}`);
    throw new DataError({
      file: raw.source.dir ?? raw.name,
      value: n === 0 ? "no ratings" : `${n} ${plural(n, "rating", "ratings")}`,
      expected: `at least one rating left after cleaning${n === 0 ? "" : `, but the rules removed every one (${by.join(", ")})`}`
    });
  }
  return {data, report: {rowsIn: n, rowsOut, rules, notes, warnings: encodingWarnings(raw)}};
}

/**
 * Marks the rows a rule removes among those still kept; `test(i)` returns null to keep row i,
 * or a thunk building its example (built only for the first maxExamples).
 */
function applyRule(
  removed: Uint8Array,
  rule: string,
  description: string,
  maxExamples: number,
  test: (i: number) => (() => CleaningExample) | null
): CleaningRuleResult {
  const examples: CleaningExample[] = [];
  let count = 0;
  for (let i = 0; i < removed.length; i++) {
    if (removed[i] !== 0) continue;
    const hit = test(i);
    if (hit === null) continue;
    removed[i] = 1;
    if (count < maxExamples) examples.push(hit());
    count++;
  }
  return {rule, description, removed: count, examples};
}

/**
 * For each still-kept row that loses to another row with the same (user, movie), the row that is kept
 * (latest timestamp, last row on a tie); -1 for every other row.
 */
function duplicateLosers(r: RawRatings, removed: Uint8Array): Int32Array {
  const n = r.userId.length;
  const winner = new Int32Array(n).fill(-1);
  const userCode = denseCodes(r.userId);
  const movieCode = denseCodes(r.movieId);
  let rows = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (removed[i] === 0) rows[k++] = i;
  rows = rows.subarray(0, k);
  // Two stable counting sorts (movie, then user) group equal pairs while keeping file order inside a group.
  const byMovie = countingSort(rows, movieCode.code, movieCode.size);
  const byPair = countingSort(byMovie, userCode.code, userCode.size);
  for (let start = 0; start < byPair.length;) {
    const first = byPair[start];
    let end = start + 1;
    while (
      end < byPair.length &&
      userCode.code[byPair[end]] === userCode.code[first] &&
      movieCode.code[byPair[end]] === movieCode.code[first]
    )
      end++;
    if (end - start > 1) {
      let best = first;
      for (let j = start + 1; j < end; j++) if (r.timestamp[byPair[j]] >= r.timestamp[best]) best = byPair[j];
      for (let j = start; j < end; j++) if (byPair[j] !== best) winner[byPair[j]] = best;
    }
    start = end;
  }
  return winner;
}

function denseCodes(ids: Int32Array): {code: Int32Array; size: number} {
  const unique = sortedUniqueIds(ids);
  const lookup = idLookup(unique);
  const code = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) code[i] = lookup(ids[i]);
  return {code, size: unique.length};
}

/** `rows` stably ordered by key[row] (keys 0..size-1). */
function countingSort(rows: Int32Array, key: Int32Array, size: number): Int32Array {
  const start = new Int32Array(size + 1);
  for (let i = 0; i < rows.length; i++) start[key[rows[i]] + 1]++;
  for (let k = 0; k < size; k++) start[k + 1] += start[k];
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[start[key[rows[i]]]++] = rows[i];
  return out;
}

function keepRows(r: RawRatings, removed: Uint8Array): RawRatings {
  let k = 0;
  for (let i = 0; i < removed.length; i++) if (removed[i] === 0) k++;
  const out: RawRatings = {
    userId: new Int32Array(k),
    movieId: new Int32Array(k),
    rating: new Float32Array(k),
    timestamp: new Float64Array(k)
  };
  for (let i = 0, j = 0; i < removed.length; i++) {
    if (removed[i] !== 0) continue;
    out.userId[j] = r.userId[i];
    out.movieId[j] = r.movieId[i];
    out.rating[j] = r.rating[i];
    out.timestamp[j] = r.timestamp[i];
    j++;
  }
  return out;
}

/** Facts about movies that removed nothing: no release cutoff, year-only cutoffs, movies left without ratings. */
function movieNotes(
  raw: RawDataset,
  kept: RawRatings,
  cutoff: Float64Array,
  movieRow: (id: number) => number
): string[] {
  const movies = raw.movies;
  const nMovies = movies.id.length;
  const count = new Int32Array(nMovies);
  for (let i = 0; i < kept.movieId.length; i++) count[movieRow(kept.movieId[i])]++;
  const notes: string[] = [];

  const undated: number[] = [];
  let undatedRatings = 0;
  let yearOnly = 0;
  const unrated: number[] = [];
  for (let m = 0; m < nMovies; m++) {
    if (Number.isNaN(cutoff[m])) {
      undated.push(m);
      undatedRatings += count[m];
    } else if (Number.isNaN(movies.releaseDate[m])) {
      yearOnly++;
    }
    if (count[m] === 0) unrated.push(m);
  }
  if (undated.length > 0) {
    const list = undated
      .slice(0, 5)
      .map((m) => `${movies.id[m]} "${movies.title[m]}"`)
      .join(", ");
    notes.push(
      `${undated.length} ${plural(undated.length, "movie has", "movies have")} no release date or year (${list}${undated.length > 5 ? ", …" : ""}): ` +
        `${plural(undated.length, "its", "their")} ${undatedRatings} ${plural(undatedRatings, "rating is", "ratings are")} kept, the before-release rule cannot apply.`
    );
  }
  if (yearOnly > 0) {
    notes.push(
      `${yearOnly} ${plural(yearOnly, "movie has", "movies have")} only a release year: the before-release rule compares with Jan 1 (UTC) of that year.`
    );
  }
  if (unrated.length > 0) {
    const list = unrated
      .slice(0, 5)
      .map((m) => movies.id[m])
      .join(", ");
    notes.push(
      `${unrated.length} ${plural(unrated.length, "movie has", "movies have")} no ratings after cleaning (ids ${list}${unrated.length > 5 ? ", …" : ""}); ${plural(unrated.length, "it stays", "they stay")} in the movies table.`
    );
  }
  return notes;
}

function userNotes(userIds: Int32Array, keptUsers: Int32Array): string[] {
  const row = idLookup(userIds);
  const count = new Int32Array(userIds.length);
  for (let i = 0; i < keptUsers.length; i++) count[row(keptUsers[i])]++;
  const silent: number[] = [];
  for (let u = 0; u < userIds.length; u++) if (count[u] === 0) silent.push(userIds[u]);
  if (silent.length === 0) return [];
  return [
    `${silent.length} ${plural(silent.length, "user has", "users have")} no ratings after cleaning (ids ${silent.slice(0, 5).join(", ")}${silent.length > 5 ? ", …" : ""}); ${plural(silent.length, "it stays", "they stay")} in the users table.`
  ];
}

function iso(unixSeconds: number): string {
  const ms = unixSeconds * 1000;
  // Date covers ±8.64e15 ms; beyond, toISOString throws.
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : "an impossible time";
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
