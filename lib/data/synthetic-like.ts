/**
 * Seeded look-alikes of the big MovieLens sets (ml-1m to ml-32m), for the machines that cannot
 * download them. What is copied from the real sets, and how:
 * - sizes: the published user, movie and rating counts (or a fraction of them);
 * - activity: log-normal ratings per user above a floor of 20, scaled to the exact total, so a
 *   few users rate thousands of movies and most rate dozens (ml-25m: median 71, max 32,202);
 * - popularity: Zipf-like movie weights (exponent 1) with a random order of ids, so a long tail of
 *   movies has few or no ratings; each user picks distinct movies by weight (no repeated pair);
 * - ratings: a latent-factor score (user and movie biases, 8 factors, noise), cut at the quantiles
 *   that give the real set's share of each star, so models have signal and the histogram matches;
 * - time: each user rates within an active span inside the set's window, never before the movie's
 *   release year;
 * - movies: ids with gaps in increasing order, titles with years (some with commas, to exercise
 *   CSV quoting), 1–3 genres from the set's vocabulary, a few with none.
 * Users are produced one at a time (movies ascending, as in ratings.csv), so writing 32 million
 * ratings needs memory for the movies and one user, not for the ratings. Browser-safe.
 */
import {aliasTable, drawAlias, type AliasTable} from "../alias-table.js";
import {createRng, type Rng} from "../random.js";
import type {SetShape} from "./synthetic-shapes.js";

export interface LikeOptions {
  /** PRNG seed (default 42). */
  seed?: number;
  /** Fraction of the published size, in (0, 1] (default 1): users and ratings scale with it, movies with its square root. */
  fraction?: number;
}

/** The movies table of a generated set. */
export interface LikeMovies {
  id: Int32Array;
  title: string[];
  year: Int32Array;
  /** Genre names joined by "|", or "(no genres listed)". */
  genres: string[];
}

/** One user's ratings: movies ascending, ratings on the set's scale, unix seconds. */
export interface LikeUser {
  userId: number;
  movieId: Int32Array;
  rating: Float32Array;
  timestamp: Int32Array;
}

/** Everything drawn up front: sizes, the movies table, and the state each user is drawn from. */
export interface LikePlan {
  shape: SetShape;
  seed: number;
  users: number;
  ratings: number;
  movies: LikeMovies;
  /** Ratings of each user, summing to `ratings`. */
  perUser: Int32Array;
}

const FACTORS = 8;
/**
 * Spread of each latent factor and of the noise: the factor term's variance (8 × 0.42⁴ = 0.25) is
 * about half the noise's (0.56), so MF finds structure beyond the biases, as it does on real MovieLens
 * (5-fold on the ml-1m look-alike: baseline RMSE 0.957, MF 0.898; Surprise on ml-1m: 0.909 and 0.873).
 */
const FACTOR_SD = 0.42;
const NOISE_SD = 0.75;
const NO_GENRES = "(no genres listed)";
const TITLE_WORDS = [
  "Night",
  "River",
  "Return",
  "Secret",
  "Summer",
  "City",
  "Last",
  "Dream",
  "Road",
  "Shadow",
  "Garden",
  "Storm"
];

/** Sizes and the movies table of a look-alike of `shape`. */
export function planLikeSet(shape: SetShape, options: LikeOptions = {}): LikePlan {
  const seed = options.seed ?? 42;
  const fraction = options.fraction ?? 1;
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction is ${fraction}: expected a number in (0, 1]`);
  // A share of the users still rates most of the catalogue: movies shrink with the square root.
  const nMovies = Math.min(shape.movies, Math.max(200, Math.round(shape.movies * Math.sqrt(fraction))));
  const nUsers = Math.max(5, Math.round(shape.users * fraction));
  const nRatings = Math.max(nUsers * shape.minPerUser, Math.round(shape.ratings * fraction));
  const rng = createRng(seed);
  const movies = drawMovies(rng, shape, nMovies);
  const perUser = drawActivity(rng, nUsers, nRatings, shape.minPerUser, Math.floor(nMovies * 0.6));
  return {shape, seed, users: nUsers, ratings: nRatings, movies, perUser};
}

/** Calls onUser for each user in id order (1, 2, …); the arrays are reused between calls. */
export function forEachLikeUser(plan: LikePlan, onUser: (u: LikeUser) => void): void {
  const {shape, movies} = plan;
  const M = movies.id.length;
  const rng = createRng(plan.seed ^ 0x5bd1e995);
  // Popularity: weight 1/(rank + 10) on a random order of movies (rank 0 the most popular).
  const order = rng.shuffle(Int32Array.from({length: M}, (_, i) => i));
  const weight = new Float64Array(M);
  for (let r = 0; r < M; r++) weight[order[r]] = 1 / (r + 10);
  const alias = aliasTable(weight);
  // Movie side of the score: bias (popular movies rate higher) and factors.
  const movieBias = new Float32Array(M);
  const movieFactors = new Float32Array(M * FACTORS);
  for (let r = 0; r < M; r++) {
    const m = order[r];
    movieBias[m] = 0.45 * rng.normal() + 0.25 * (1 - Math.log1p(r) / Math.log1p(M));
    for (let f = 0; f < FACTORS; f++) movieFactors[m * FACTORS + f] = FACTOR_SD * rng.normal();
  }
  const releaseStart = Int32Array.from(movies.year, (y) => Date.UTC(y, 0, 1) / 1000);
  const cuts = scoreCuts(rng, shape.ratingShares, movieBias, movieFactors, alias);
  const values = shape.ratingShares.map((_, k) => shape.scale.min + k * shape.scale.step);

  const maxCount = plan.perUser.reduce((a, b) => Math.max(a, b), 0);
  const picked = new Int32Array(maxCount);
  const stamp = new Int32Array(M);
  const keys = new Float64Array(M);
  const userFactors = new Float32Array(FACTORS);
  const out: LikeUser = {
    userId: 0,
    movieId: new Int32Array(maxCount),
    rating: new Float32Array(maxCount),
    timestamp: new Int32Array(maxCount)
  };
  const span = shape.to - shape.from;
  for (let u = 0; u < plan.users; u++) {
    const c = plan.perUser[u];
    pickMovies(rng, alias, weight, c, picked, stamp, keys, u + 1);
    const sel = picked.subarray(0, c).sort();
    const userBias = 0.4 * rng.normal();
    for (let f = 0; f < FACTORS; f++) userFactors[f] = FACTOR_SD * rng.normal();
    // Active span: most users rate in a few days, some over years.
    const start = shape.from + Math.floor(rng.next() ** 0.7 * span);
    const active = Math.min(shape.to - start, Math.floor(86400 * Math.exp(rng.normal() * 2.2 + 1.5)));
    for (let i = 0; i < c; i++) {
      const m = sel[i];
      let s = userBias + movieBias[m] + NOISE_SD * rng.normal();
      for (let f = 0; f < FACTORS; f++) s += userFactors[f] * movieFactors[m * FACTORS + f];
      let k = 0;
      while (k < cuts.length && s > cuts[k]) k++;
      let t = start + Math.floor(rng.next() * (active + 1));
      if (t < releaseStart[m]) t = releaseStart[m] + Math.floor(rng.next() * Math.max(1, shape.to - releaseStart[m]));
      out.movieId[i] = movies.id[m];
      out.rating[i] = values[k];
      out.timestamp[i] = Math.min(t, shape.to);
    }
    out.userId = u + 1;
    onUser({
      userId: out.userId,
      movieId: out.movieId.subarray(0, c),
      rating: out.rating.subarray(0, c),
      timestamp: out.timestamp.subarray(0, c)
    });
  }
}

function drawMovies(rng: Rng, shape: SetShape, n: number): LikeMovies {
  const id = new Int32Array(n);
  const year = new Int32Array(n);
  const title: string[] = [];
  const genres: string[] = [];
  const lastYear = new Date(shape.to * 1000).getUTCFullYear();
  const G = shape.genres.length;
  let next = 1;
  for (let m = 0; m < n; m++) {
    id[m] = next;
    // Gaps in the ids, as in the real sets (ml-25m's ids reach 209,171 for 62,423 movies).
    next += 1 + (rng.next() < 0.3 ? rng.int(5) : 0);
    year[m] = Math.max(1902, lastYear - Math.floor(-Math.log(1 - rng.next()) * 18));
    const a = TITLE_WORDS[rng.int(TITLE_WORDS.length)];
    const b = TITLE_WORDS[rng.int(TITLE_WORDS.length)];
    title.push(rng.next() < 0.05 ? `${a} of the ${b} ${m + 1}, The (${year[m]})` : `${a} ${b} ${m + 1} (${year[m]})`);
    if (rng.next() < 0.01) {
      genres.push(NO_GENRES);
      continue;
    }
    const k = 1 + rng.int(3);
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(rng.int(G));
    genres.push(
      [...chosen]
        .sort((x, y) => x - y)
        .map((g) => shape.genres[g])
        .join("|")
    );
  }
  return {id, title, year, genres};
}

/** Ratings per user: log-normal above the floor, scaled so they sum to exactly n, each at most cap. */
function drawActivity(rng: Rng, users: number, n: number, floor: number, cap: number): Int32Array {
  const raw = new Float64Array(users);
  let sum = 0;
  for (let u = 0; u < users; u++) sum += raw[u] = Math.exp(1.25 * rng.normal());
  if (n > users * cap)
    throw new RangeError(
      `${n} ratings cannot be spread over ${users} users with at most ${cap} each: use a larger fraction`
    );
  const extra = n - users * floor;
  const counts = new Int32Array(users);
  let total = 0;
  for (let u = 0; u < users; u++) {
    counts[u] = Math.min(cap, floor + Math.floor((raw[u] / sum) * extra));
    total += counts[u];
  }
  // Hand out what rounding and the cap left, one rating at a time to random users below the cap.
  for (let left = n - total; left > 0;) {
    const u = rng.int(users);
    if (counts[u] < cap) {
      counts[u]++;
      left--;
    }
  }
  return counts;
}

/**
 * c distinct movies drawn by weight into out[0..c). Light users draw with rejection of repeats
 * (stamp marks this user's picks); heavy ones, for whom rejection would stall once the popular
 * movies are taken, use Efraimidis–Spirakis keys u^(1/w) and keep the c largest.
 */
function pickMovies(
  rng: Rng,
  table: AliasTable,
  weight: Float64Array,
  c: number,
  out: Int32Array,
  stamp: Int32Array,
  keys: Float64Array,
  mark: number
): void {
  const M = weight.length;
  if (c <= M / 8) {
    for (let i = 0; i < c;) {
      const m = drawAlias(rng, table);
      if (stamp[m] === mark) continue;
      stamp[m] = mark;
      out[i++] = m;
    }
    return;
  }
  for (let m = 0; m < M; m++) keys[m] = Math.log(1 - rng.next()) / weight[m]; // log of u^(1/w), larger is kept
  const idx = Int32Array.from({length: M}, (_, i) => i).sort((a, b) => keys[b] - keys[a]);
  out.set(idx.subarray(0, c));
}

/** Score thresholds that cut a sample of scores at the cumulative shares of each rating value. */
function scoreCuts(
  rng: Rng,
  shares: readonly number[],
  movieBias: Float32Array,
  movieFactors: Float32Array,
  table: AliasTable
): Float64Array {
  const n = 200_000;
  const sample = new Float64Array(n);
  const uf = new Float32Array(FACTORS);
  let ub = 0;
  for (let i = 0; i < n; i++) {
    // Drawn as the ratings are: a user's bias and factors for a run of movies picked by popularity.
    if (i % 100 === 0) {
      ub = 0.4 * rng.normal();
      for (let f = 0; f < FACTORS; f++) uf[f] = FACTOR_SD * rng.normal();
    }
    const m = drawAlias(rng, table);
    let s = ub + movieBias[m] + NOISE_SD * rng.normal();
    for (let f = 0; f < FACTORS; f++) s += uf[f] * movieFactors[m * FACTORS + f];
    sample[i] = s;
  }
  sample.sort();
  const cuts = new Float64Array(shares.length - 1);
  let cum = 0;
  for (let k = 0; k < cuts.length; k++) {
    cum += shares[k];
    cuts[k] = sample[Math.min(n - 1, Math.floor(cum * n))];
  }
  return cuts;
}
