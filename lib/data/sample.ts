/**
 * Seeded, stated samples of a data set, for models that cannot run on a full-size set within a
 * loader's budget (lib/reports/budgets.ts). A set that already fits is returned as it is (the same
 * object), so every figure of a set under the budget is unchanged by sampling.
 *
 * Two kinds, as the pages name them:
 * - users: whole users drawn in a seeded order until the next one would pass the rating budget
 *   (every kept user keeps all their ratings, so per-user protocols still see whole histories);
 * - movies: the N most-rated movies and every rating of them (for item × item models like EASE).
 * Rows keep their order; users and movies keep their relative order (so ascending raw ids stay ascending).
 */
import {createRng} from "../random.js";
import type {Dataset, Users} from "./types.js";

/** What a sample kept of the set, and one sentence a page can show. */
export interface SampleNote {
  /** "all" when the set fitted and was not sampled. */
  kind: "all" | "users" | "movies";
  /** Seed of the user draw (null for "all" and "movies", which are deterministic). */
  seed: number | null;
  users: {kept: number; of: number};
  movies: {kept: number; of: number};
  ratings: {kept: number; of: number};
  /** E.g. "a seeded sample of 12,000 of 162,541 users (seed 7): 1,000,180 of 25,000,095 ratings (4.0 %)". */
  text: string;
}

/** The set itself and a note that says nothing was sampled. */
export function wholeSet(d: Dataset): {dataset: Dataset; note: SampleNote} {
  const nU = d.userIds.length,
    nM = d.movies.id.length,
    nR = d.ratings.rating.length;
  return {
    dataset: d,
    note: {
      kind: "all",
      seed: null,
      users: {kept: nU, of: nU},
      movies: {kept: nM, of: nM},
      ratings: {kept: nR, of: nR},
      text: `all ${fmt(nR)} ratings`
    }
  };
}

/**
 * Whole users in a seeded random order while their ratings fit in maxRatings (≥ 1); the set itself
 * when it has at most maxRatings ratings. Movies nobody in the sample rated are dropped.
 */
export function sampleUsers(d: Dataset, maxRatings: number, seed: number): {dataset: Dataset; note: SampleNote} {
  const {rows, note} = sampleUserRows(d, maxRatings, seed);
  return rows === null ? {dataset: d, note} : {dataset: restrict(d, rows, null), note};
}

/**
 * The rating rows of sampleUsers' users, in the set's own indices (null: every row, the set fits),
 * for a model fitted on a sample but shipped with the whole set (train classifier --max-ratings).
 */
export function sampleUserRows(
  d: Dataset,
  maxRatings: number,
  seed: number
): {rows: Int32Array | null; note: SampleNote} {
  checkBudget(maxRatings, "maxRatings");
  const nR = d.ratings.rating.length;
  if (nR <= maxRatings) return {rows: null, note: wholeSet(d).note};
  const nU = d.userIds.length;
  const perUser = new Int32Array(nU);
  for (let i = 0; i < nR; i++) perUser[d.ratings.user[i]]++;
  const order = createRng(seed).shuffle(Int32Array.from({length: nU}, (_, u) => u));
  const keepUser = new Uint8Array(nU);
  let kept = 0;
  let sU = 0;
  for (let k = 0; k < nU; k++) {
    const u = order[k];
    if (perUser[u] === 0) continue;
    // Skip a user who would pass the budget, but keep looking: a lighter user may still fit.
    if (kept + perUser[u] > maxRatings) continue;
    keepUser[u] = 1;
    sU++;
    kept += perUser[u];
    if (kept === maxRatings) break;
  }
  const rows = new Int32Array(kept);
  const rated = new Uint8Array(d.movies.id.length);
  let r = 0;
  for (let i = 0; i < nR; i++)
    if (keepUser[d.ratings.user[i]] === 1) {
      rows[r++] = i;
      rated[d.ratings.movie[i]] = 1;
    }
  const sM = rated.reduce((a, b) => a + b, 0);
  return {
    rows,
    note: {
      kind: "users",
      seed,
      users: {kept: sU, of: nU},
      movies: {kept: sM, of: d.movies.id.length},
      ratings: {kept, of: nR},
      text: `a seeded sample of ${fmt(sU)} of ${fmt(nU)} users (seed ${seed}): ${fmt(kept)} of ${fmt(nR)} ratings (${pct(kept, nR)})`
    }
  };
}

/**
 * The maxMovies most-rated movies (ties: the earlier movie row) and every rating of them; the set
 * itself when it has at most maxMovies movies. Users left without ratings are dropped.
 */
export function topMovies(d: Dataset, maxMovies: number): {dataset: Dataset; note: SampleNote} {
  checkBudget(maxMovies, "maxMovies");
  const nM = d.movies.id.length,
    nR = d.ratings.rating.length,
    nU = d.userIds.length;
  if (nM <= maxMovies) return wholeSet(d);
  const count = new Int32Array(nM);
  for (let i = 0; i < nR; i++) count[d.ratings.movie[i]]++;
  const keepMovie = new Uint8Array(nM);
  for (const m of mostCounted(count, maxMovies)) keepMovie[m] = 1;
  let kept = 0;
  for (let i = 0; i < nR; i++) kept += keepMovie[d.ratings.movie[i]];
  const rows = new Int32Array(kept);
  let r = 0;
  for (let i = 0; i < nR; i++) if (keepMovie[d.ratings.movie[i]] === 1) rows[r++] = i;
  const out = restrict(d, rows, keepMovie);
  return {
    dataset: out,
    note: {
      kind: "movies",
      seed: null,
      users: {kept: out.userIds.length, of: nU},
      movies: {kept: maxMovies, of: nM},
      ratings: {kept, of: nR},
      text: `the ${fmt(maxMovies)} most-rated of ${fmt(nM)} movies: ${fmt(kept)} of ${fmt(nR)} ratings (${pct(kept, nR)})`
    }
  };
}

/** The rows given, users and movies re-indexed densely over those that still have a rating (or, for movies, are marked kept). */
function restrict(d: Dataset, rows: Int32Array, keepMovie: Uint8Array | null): Dataset {
  const nU = d.userIds.length,
    nM = d.movies.id.length;
  const hasUser = new Uint8Array(nU),
    hasMovie = new Uint8Array(nM);
  for (let k = 0; k < rows.length; k++) {
    hasUser[d.ratings.user[rows[k]]] = 1;
    hasMovie[d.ratings.movie[rows[k]]] = 1;
  }
  // A movies sample keeps every chosen movie even without ratings left; a users sample keeps rated movies only.
  const movieKept = keepMovie ?? hasMovie;
  const userMap = denseMap(hasUser),
    movieMap = denseMap(movieKept);
  const n = rows.length;
  const user = new Int32Array(n),
    movie = new Int32Array(n),
    rating = new Float32Array(n),
    timestamp = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    user[k] = userMap.index[d.ratings.user[i]];
    movie[k] = movieMap.index[d.ratings.movie[i]];
    rating[k] = d.ratings.rating[i];
    timestamp[k] = d.ratings.timestamp[i];
  }
  const mk = movieMap.kept,
    uk = userMap.kept;
  const G = d.movies.genreNames.length;
  const genres = new Uint8Array(mk.length * G);
  for (let j = 0; j < mk.length; j++) genres.set(d.movies.genres.subarray(mk[j] * G, mk[j] * G + G), j * G);
  return {
    name: d.name,
    source: {...d.source},
    scale: {...d.scale},
    ratings: {user, movie, rating, timestamp},
    movies: {
      id: pickTyped(d.movies.id, mk, new Int32Array(mk.length)),
      title: Array.from(mk, (m) => d.movies.title[m]),
      year: pickTyped(d.movies.year, mk, new Float64Array(mk.length)),
      releaseDate: pickTyped(d.movies.releaseDate, mk, new Float64Array(mk.length)),
      genreNames: d.movies.genreNames.slice(),
      genres
    },
    userIds: pickTyped(d.userIds, uk, new Int32Array(uk.length)),
    users: d.users ? pickUsers(d.users, uk) : undefined
  };
}

/** Old index → new dense index (-1 when dropped), and the kept old indices in order. */
function denseMap(kept: Uint8Array): {index: Int32Array; kept: Int32Array} {
  const index = new Int32Array(kept.length).fill(-1);
  let n = 0;
  for (let i = 0; i < kept.length; i++) if (kept[i] === 1) index[i] = n++;
  const list = new Int32Array(n);
  for (let i = 0; i < kept.length; i++) if (kept[i] === 1) list[index[i]] = i;
  return {index, kept: list};
}

function pickTyped<T extends Int32Array | Float64Array | Uint8Array>(src: T, idx: Int32Array, out: T): T {
  for (let k = 0; k < idx.length; k++) out[k] = src[idx[k]];
  return out;
}

function pickUsers(u: Users, idx: Int32Array): Users {
  const n = idx.length;
  return {
    id: pickTyped(u.id, idx, new Int32Array(n)),
    age: pickTyped(u.age, idx, new Float64Array(n)),
    gender: pickTyped(u.gender, idx, new Uint8Array(n)),
    occupation: pickTyped(u.occupation, idx, new Uint8Array(n)),
    occupationNames: u.occupationNames.slice(),
    zip: Array.from(idx, (i) => u.zip[i])
  };
}

function checkBudget(n: number, name: string): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${name} is ${n}: expected an integer ≥ 1`);
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

function pct(a: number, b: number): string {
  return `${((100 * a) / b).toFixed(a / b < 0.1 ? 1 : 0)} %`;
}

/** Indices of the `max` largest counts (ties to the lower index), in ascending index order: "the N most-rated movies". */
export function mostCounted(counts: ArrayLike<number>, max: number): Int32Array {
  const order = Int32Array.from({length: counts.length}, (_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b);
  return order.subarray(0, Math.min(max, counts.length)).sort();
}
