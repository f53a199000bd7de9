/**
 * A seeded synthetic data set shaped like MovieLens 100K: demographics, release dates, 19 genres,
 * long-tailed activity and popularity, ratings from latent user/movie factors plus biases (so models
 * have signal to find) and a small share of ratings dated before the movie's release.
 *
 * Everything is typed arrays (no per-rating objects) so that 25 million ratings fit in well under 2 GB.
 */
import {aliasTable} from "../alias-table.js";
import {createRng, type Rng} from "../random.js";
import type {Movies, RawDataset, Users} from "./types.js";
import {ML100K_GENRES} from "./read-ml100k.js";

/** Size and seed of the synthetic set; every option defaults to ml-100k's shape. */
export interface SyntheticOptions {
  /** PRNG seed, any 32-bit integer. Default 42. */
  seed?: number;
  /** Number of users, ≥ 1. Default 943. */
  users?: number;
  /** Number of movies, ≥ 1. Default 1,682. */
  movies?: number;
  /** Number of ratings, 0..users×movies. Default 100,000. */
  ratings?: number;
}

// Movies per genre in ml-100k: sampling genres with these weights reproduces its genre frequencies.
const GENRE_MOVIES = [0, 251, 135, 42, 122, 505, 109, 50, 725, 22, 24, 92, 56, 61, 247, 101, 251, 71, 27];
// Genres whose films ml-100k users rate above or below the average (rating points, on the latent scale).
const GENRE_BIAS = [
  0, -0.1, 0, 0.05, -0.15, -0.1, 0.05, 0.15, 0.15, -0.1, 0.25, -0.3, 0, 0.1, 0.05, -0.05, 0, 0.2, 0.05
];

/** ml-100k's 21 occupations, in u.occupation's order. */
export const ML100K_OCCUPATIONS = [
  "administrator",
  "artist",
  "doctor",
  "educator",
  "engineer",
  "entertainment",
  "executive",
  "healthcare",
  "homemaker",
  "lawyer",
  "librarian",
  "marketing",
  "none",
  "other",
  "programmer",
  "retired",
  "salesman",
  "scientist",
  "student",
  "technician",
  "writer"
];
// Users per occupation in ml-100k (sums to 943).
const OCCUPATION_USERS = [79, 28, 7, 95, 67, 18, 32, 16, 7, 12, 51, 26, 9, 105, 66, 14, 12, 31, 196, 27, 45];
const STUDENT = 18;
const RETIRED = 15;

// ml-100k's rating shares for 1..5.
const RATING_SHARES = [0.0611, 0.1137, 0.2715, 0.3417, 0.212];
/** Share of ratings dated before their movie's release (ml-100k: 231 / 100,000). */
const BEFORE_RELEASE_SHARE = 0.0025;
/** Share of movies released inside the rating window (the only ones that can be rated "too early"). */
const NEW_RELEASE_SHARE = 0.04;
const MIN_RATINGS_PER_USER = 20;
const FACTORS = 8;
const DAY = 86400;
/** ml-100k's rating window: 1997-09-20 .. 1998-04-22 (UTC), in unix seconds. */
const WINDOW_START = Date.UTC(1997, 8, 20) / 1000;
const WINDOW_END = Date.UTC(1998, 3, 22, 23, 59, 59) / 1000;

const TITLE_ADJECTIVES = [
  "Silent",
  "Last",
  "Broken",
  "Golden",
  "Midnight",
  "Lost",
  "Wild",
  "Secret",
  "Crimson",
  "Distant",
  "Hidden",
  "Burning",
  "Frozen",
  "Little",
  "Dark",
  "Bright",
  "Lonely",
  "Electric",
  "Final",
  "Quiet",
  "Savage",
  "Sweet",
  "Hollow",
  "Endless"
];
const TITLE_NOUNS = [
  "River",
  "City",
  "Heart",
  "Summer",
  "Road",
  "Night",
  "Game",
  "Kingdom",
  "Garden",
  "Storm",
  "Island",
  "Letter",
  "Promise",
  "Shadow",
  "Dream",
  "Harbor",
  "Mountain",
  "Stranger",
  "Witness",
  "Echo",
  "Highway",
  "Season",
  "Empire",
  "Voyage"
];

/**
 * Generates a RawDataset shaped like ml-100k (defaults: seed 42, 943 users, 1,682 movies, 100,000 ratings).
 * User ids are 1..users and movie ids 1..movies; ratings come grouped by user. The same options always give
 * identical arrays. Throws a RangeError for counts that are not integers or cannot be met without duplicates.
 */
export function generateSynthetic(options: SyntheticOptions = {}): RawDataset {
  const seed = options.seed ?? 42;
  const nUsers = checkCount("users", options.users ?? 943, 1);
  const nMovies = checkCount("movies", options.movies ?? 1682, 1);
  const nRatings = checkCount("ratings", options.ratings ?? 100_000, 0);
  if (nRatings > nUsers * nMovies) {
    throw new RangeError(
      `generateSynthetic: ${nRatings} ratings cannot fit ${nUsers} users × ${nMovies} movies without duplicate pairs`
    );
  }
  const rng = createRng(seed);

  const users = makeUsers(rng, nUsers);
  const movieInfo = makeMovies(rng, nMovies);
  const userFactors = latentUsers(rng, nUsers);
  const itemFactors = latentMovies(rng, movieInfo);
  const perUser = allocateActivity(rng, nUsers, nMovies, nRatings);

  const userId = new Int32Array(nRatings);
  const movieId = new Int32Array(nRatings);
  const rating = new Float32Array(nRatings);
  const timestamp = new Float64Array(nRatings);
  sampleMovies(rng, perUser, movieInfo.popularity, userId, movieId);
  coverAllMovies(rng, nMovies, movieId);
  scoreRatings(rng, perUser, userFactors, itemFactors, {movieId, rating, timestamp});
  discretize(rng, rating);
  placeBeforeRelease(rng, movieId, timestamp, movieInfo.movies.releaseDate, movieInfo.isNew);

  return {
    name: "synthetic",
    source: {kind: "synthetic", format: "synthetic", seed},
    scale: {min: 1, max: 5, step: 1},
    ratings: {userId, movieId, rating, timestamp},
    movies: movieInfo.movies,
    users
  };
}

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`generateSynthetic: option "${name}" must be an integer ≥ ${min}, got ${value}`);
  }
  return value;
}

/** Index drawn with probability weights[i] / Σ weights (small tables only). */
function pickWeighted(rng: Rng, weights: ArrayLike<number>, total: number): number {
  let x = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

function makeUsers(rng: Rng, n: number): Users {
  const id = new Int32Array(n);
  const age = new Float64Array(n);
  const gender = new Uint8Array(n);
  const occupation = new Uint8Array(n);
  const zip: string[] = new Array(n);
  const occupationTotal = OCCUPATION_USERS.reduce((a, b) => a + b, 0);
  for (let u = 0; u < n; u++) {
    id[u] = u + 1;
    gender[u] = rng.next() < 0.7105 ? 0 : 1;
    const occ = pickWeighted(rng, OCCUPATION_USERS, occupationTotal);
    occupation[u] = occ;
    // Students are young and retirees old, as in ml-100k (ages 7..73, mean 34).
    const [mean, sd] = occ === STUDENT ? [22, 5] : occ === RETIRED ? [62, 7] : [36, 10.5];
    age[u] = Math.min(73, Math.max(7, Math.round(mean + sd * rng.normal())));
    zip[u] = String(rng.int(100000)).padStart(5, "0");
  }
  return {id, age, gender, occupation, occupationNames: ML100K_OCCUPATIONS.slice(), zip};
}

interface MovieInfo {
  movies: Movies;
  /** Relative probability of being rated (long-tailed), > 0. */
  popularity: Float64Array;
  /** Standardised log popularity, used to tie quality to popularity as in real data. */
  popZ: Float64Array;
  /** 1 for movies released inside the rating window. */
  isNew: Uint8Array;
}

function makeMovies(rng: Rng, n: number): MovieInfo {
  const nGenres = ML100K_GENRES.length;
  const id = new Int32Array(n);
  const title: string[] = new Array(n);
  const year = new Float64Array(n);
  const releaseDate = new Float64Array(n);
  const genres = new Uint8Array(n * nGenres);
  const popularity = new Float64Array(n);
  const popZ = new Float64Array(n);
  const isNew = new Uint8Array(n);
  const genreTotal = GENRE_MOVIES.reduce((a, b) => a + b, 0);
  const yearWeights = releaseYearWeights();
  const yearTotal = yearWeights.reduce((a, b) => a + b, 0);
  // Last day a non-new movie may be released: a week before the rating window opens.
  const lastOld = WINDOW_START - 7 * DAY;
  const newFirst = WINDOW_START + 7 * DAY;
  const newLast = WINDOW_END - 14 * DAY;

  for (let m = 0; m < n; m++) {
    id[m] = m + 1;
    if (rng.next() < 0.0012) {
      genres[m * nGenres] = 1; // ml-100k has a couple of movies whose only genre is "unknown"
    } else {
      const x = rng.next();
      const k = x < 0.45 ? 1 : x < 0.83 ? 2 : 3;
      for (let have = 0; have < k;) {
        const g = pickWeighted(rng, GENRE_MOVIES, genreTotal);
        if (genres[m * nGenres + g] === 0) {
          genres[m * nGenres + g] = 1;
          have++;
        }
      }
    }

    let date: number;
    if (rng.next() < NEW_RELEASE_SHARE) {
      isNew[m] = 1;
      date = newFirst + rng.int(Math.floor((newLast - newFirst) / DAY) + 1) * DAY;
    } else {
      const y = 1920 + pickWeighted(rng, yearWeights, yearTotal);
      const first = Date.UTC(y, 0, 1) / 1000;
      const last = Math.min(Date.UTC(y, 11, 31) / 1000, lastOld);
      date = first + rng.int(Math.floor((last - first) / DAY) + 1) * DAY;
    }
    releaseDate[m] = date;
    year[m] = new Date(date * 1000).getUTCFullYear();
    title[m] = `${movieTitle(rng)} (${year[m]})`;

    const z = Math.max(-3, Math.min(2.6, rng.normal()));
    popZ[m] = z;
    popularity[m] = Math.exp(1.3 * z);
  }
  return {movies: {id, title, year, releaseDate, genreNames: ML100K_GENRES.slice(), genres}, popularity, popZ, isNew};
}

/** Weights of release years 1920..1997: mostly the 1990s, with a tail that thins out towards the 1920s. */
function releaseYearWeights(): number[] {
  const nineties = [2.5, 3, 4, 7, 12.5, 13, 21, 16]; // 1990..1997 (1997 also gets the new releases)
  const w: number[] = [];
  for (let y = 1920; y <= 1997; y++) w.push(y >= 1990 ? nineties[y - 1990] : 0.9 * Math.exp((y - 1989) / 14));
  return w;
}

function movieTitle(rng: Rng): string {
  const adj = TITLE_ADJECTIVES[rng.int(TITLE_ADJECTIVES.length)];
  const noun = TITLE_NOUNS[rng.int(TITLE_NOUNS.length)];
  const other = TITLE_NOUNS[rng.int(TITLE_NOUNS.length)];
  switch (rng.int(4)) {
    case 0:
      return `The ${adj} ${noun}`;
    case 1:
      return `${adj} ${noun}`;
    case 2:
      return `${noun} of the ${adj} ${other}`;
    default:
      return `The ${noun}`;
  }
}

interface UserFactors {
  bias: Float64Array;
  /** Row-major nUsers × FACTORS. */
  p: Float64Array;
}

function latentUsers(rng: Rng, n: number): UserFactors {
  const bias = new Float64Array(n);
  const p = new Float64Array(n * FACTORS);
  for (let u = 0; u < n; u++) {
    bias[u] = 0.42 * rng.normal();
    for (let k = 0; k < FACTORS; k++) p[u * FACTORS + k] = 0.6 * rng.normal();
  }
  return {bias, p};
}

interface ItemFactors {
  bias: Float64Array;
  /** Row-major nMovies × FACTORS, pre-divided by √FACTORS so the dot product has unit scale. */
  q: Float64Array;
}

/** Movie factors share a per-genre direction, so users' tastes act as genre affinities. */
function latentMovies(rng: Rng, info: MovieInfo): ItemFactors {
  const nGenres = ML100K_GENRES.length;
  const n = info.movies.id.length;
  const genreVec = new Float64Array(nGenres * FACTORS);
  for (let i = 0; i < genreVec.length; i++) genreVec[i] = rng.normal();
  const bias = new Float64Array(n);
  const q = new Float64Array(n * FACTORS);
  const scale = 1 / Math.sqrt(FACTORS);
  for (let m = 0; m < n; m++) {
    let count = 0;
    let genreBias = 0;
    for (let g = 0; g < nGenres; g++) {
      if (info.movies.genres[m * nGenres + g] === 0) continue;
      count++;
      genreBias += GENRE_BIAS[g];
      for (let k = 0; k < FACTORS; k++) q[m * FACTORS + k] += genreVec[g * FACTORS + k];
    }
    const norm = count > 0 ? 0.8 / Math.sqrt(count) : 0;
    for (let k = 0; k < FACTORS; k++) q[m * FACTORS + k] = (q[m * FACTORS + k] * norm + 0.5 * rng.normal()) * scale;
    // Popular films are rated higher, as in every MovieLens set.
    bias[m] = 0.4 * rng.normal() + 0.22 * info.popZ[m] + (count > 0 ? genreBias / count : 0);
  }
  return {bias, q};
}

/**
 * Ratings per user: at least 20 (or ratings / users when that is fewer), the rest long-tailed
 * (log-normal weights), at most 45% of the movies when that still fits, else all of them.
 */
function allocateActivity(rng: Rng, nUsers: number, nMovies: number, nRatings: number): Int32Array {
  const floor = Math.min(MIN_RATINGS_PER_USER, Math.floor(nRatings / nUsers), nMovies);
  let cap = Math.max(floor, Math.floor(0.45 * nMovies));
  if (cap * nUsers < nRatings) cap = nMovies;
  const count = new Int32Array(nUsers).fill(floor);
  const weight = new Float64Array(nUsers);
  for (let u = 0; u < nUsers; u++) weight[u] = Math.exp(1.05 * Math.max(-3, Math.min(3, rng.normal())));
  let left = nRatings - floor * nUsers;
  // Proportional shares, capped; what the capped users cannot take goes round again to the others.
  for (let round = 0; left > 0 && round < 50; round++) {
    let total = 0;
    for (let u = 0; u < nUsers; u++) if (count[u] < cap) total += weight[u];
    if (total === 0) break;
    let given = 0;
    for (let u = 0; u < nUsers; u++) {
      if (count[u] >= cap) continue;
      const add = Math.min(cap - count[u], Math.floor((left * weight[u]) / total));
      count[u] += add;
      given += add;
    }
    left -= given;
    if (given === 0) break;
  }
  // The rounding remainder: one more rating each for random users with room.
  while (left > 0) {
    const u = rng.int(nUsers);
    if (count[u] < cap) {
      count[u]++;
      left--;
    }
  }
  return count;
}

/**
 * Each user's movies, drawn by popularity without replacement (rejection against a per-user stamp array);
 * fills userId and movieId, ratings grouped by user.
 */
function sampleMovies(
  rng: Rng,
  perUser: Int32Array,
  popularity: Float64Array,
  userId: Int32Array,
  movieId: Int32Array
): void {
  const nMovies = popularity.length;
  const {prob, alias} = aliasTable(popularity);
  // stamp[m] === u + 1 when user u already has movie m: no clearing between users.
  const stamp = new Int32Array(nMovies);
  let i = 0;
  for (let u = 0; u < perUser.length; u++) {
    const want = perUser[u];
    const mark = u + 1;
    let got = 0;
    let tries = 0;
    const maxTries = 64 * want + 1000;
    while (got < want && tries < maxTries) {
      tries++;
      const c = rng.int(nMovies);
      const m = rng.next() < prob[c] ? c : alias[c];
      if (stamp[m] === mark) continue;
      stamp[m] = mark;
      movieId[i + got++] = m + 1;
    }
    // Popularity mass nearly exhausted (a user rating most movies): take the rest uniformly.
    for (let c = rng.int(nMovies), seen = 0; got < want && seen < nMovies; c = (c + 1) % nMovies, seen++) {
      if (stamp[c] === mark) continue;
      stamp[c] = mark;
      movieId[i + got++] = c + 1;
    }
    userId.fill(u + 1, i, i + want);
    i += want;
  }
}

/**
 * Gives every movie at least one rating, as in ml-100k, when there are enough ratings: a random rating of a
 * movie rated twice or more moves to each unrated movie. No pair can repeat, since nobody has rated that movie.
 */
function coverAllMovies(rng: Rng, nMovies: number, movieId: Int32Array): void {
  const n = movieId.length;
  if (n < 2 * nMovies) return;
  const count = new Int32Array(nMovies);
  for (let i = 0; i < n; i++) count[movieId[i] - 1]++;
  for (let m = 0; m < nMovies; m++) {
    if (count[m] > 0) continue;
    let i = rng.int(n);
    while (count[movieId[i] - 1] < 2) i = rng.int(n);
    count[movieId[i] - 1]--;
    movieId[i] = m + 1;
    count[m] = 1;
  }
}

/** A continuous latent score in `rating` (biases + factor dot product + noise) and a timestamp inside the user's active period. */
function scoreRatings(
  rng: Rng,
  perUser: Int32Array,
  uf: UserFactors,
  mf: ItemFactors,
  out: {movieId: Int32Array; rating: Float32Array; timestamp: Float64Array}
): void {
  const windowLength = WINDOW_END - WINDOW_START;
  let i = 0;
  for (let u = 0; u < perUser.length; u++) {
    const want = perUser[u];
    // Most users rate in a few bursts: an active period of days to months inside the window.
    const span = Math.min(windowLength, DAY * Math.exp(Math.log(5) + 1.5 * rng.normal()));
    const start = WINDOW_START + rng.next() * (windowLength - span);
    const pu = u * FACTORS;
    for (let j = i; j < i + want; j++) {
      const m = out.movieId[j] - 1;
      const qm = m * FACTORS;
      let dot = 0;
      for (let k = 0; k < FACTORS; k++) dot += uf.p[pu + k] * mf.q[qm + k];
      out.rating[j] = uf.bias[u] + mf.bias[m] + dot + 0.75 * rng.normal();
      out.timestamp[j] = Math.floor(start + rng.next() * span);
    }
    i += want;
  }
}

/** Turns latent scores into 1..5 in place, with thresholds at the quantiles of ml-100k's rating shares. */
function discretize(rng: Rng, score: Float32Array): void {
  const n = score.length;
  if (n === 0) return;
  const sampleSize = Math.min(n, 200_000);
  const sample = new Float64Array(sampleSize);
  for (let s = 0; s < sampleSize; s++) sample[s] = score[sampleSize === n ? s : rng.int(n)];
  sample.sort();
  const thresholds: number[] = [];
  let cum = 0;
  for (let k = 0; k < RATING_SHARES.length - 1; k++) {
    cum += RATING_SHARES[k];
    thresholds.push(sample[Math.min(sampleSize - 1, Math.floor(cum * sampleSize))]);
  }
  const [t1, t2, t3, t4] = thresholds;
  for (let i = 0; i < n; i++) {
    const s = score[i];
    score[i] = s < t1 ? 1 : s < t2 ? 2 : s < t3 ? 3 : s < t4 ? 4 : 5;
  }
}

/**
 * Makes exactly round(0.25% × ratings) ratings (as many as the new releases allow) fall before their
 * movie's release date, and every other rating of a new release fall on or after it.
 */
function placeBeforeRelease(
  rng: Rng,
  movieId: Int32Array,
  timestamp: Float64Array,
  releaseDate: Float64Array,
  isNew: Uint8Array
): void {
  let candidates = 0;
  for (let i = 0; i < movieId.length; i++) if (isNew[movieId[i] - 1] === 1) candidates++;
  const pool = new Int32Array(candidates);
  for (let i = 0, c = 0; i < movieId.length; i++) {
    const m = movieId[i] - 1;
    if (isNew[m] === 0) continue;
    pool[c++] = i;
    const release = releaseDate[m];
    if (timestamp[i] < release) timestamp[i] = release + Math.floor(rng.next() * (WINDOW_END - release));
  }
  const early = Math.min(candidates, Math.round(BEFORE_RELEASE_SHARE * movieId.length));
  for (let k = 0; k < early; k++) {
    const j = k + rng.int(candidates - k);
    const i = pool[j];
    pool[j] = pool[k];
    pool[k] = i;
    const release = releaseDate[movieId[i] - 1];
    timestamp[i] = WINDOW_START + Math.floor(rng.next() * (release - WINDOW_START));
  }
}
