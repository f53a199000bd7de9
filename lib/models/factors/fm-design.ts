/**
 * The design matrix of a factorization machine over ratings, in relational form (Rendle 2013,
 * "Scaling factorization machines to relational data"; libFM's and myFM's relation blocks).
 * A rating's row is [day of the rating | user block row | movie block row]: the day is one-hot;
 * the user's block row holds the user's id, the movies the user rated in training (SVD++'s implicit
 * feedback, scaled by |N(u)|^-½) and demographics; the movie's holds its id, the users who rated it
 * in training (the "flipped" implicit feedback of Rendle, Zhang & Koren 2019) and its genres and
 * release decade. Every user's block row is shared by all of that user's ratings, which is what
 * makes a Gibbs sweep cost O(ratings + block entries) instead of O(ratings × |N(u)|).
 * Everything is built from the training part only: a user or movie with no training rating gets
 * neither an id nor implicit columns (its row holds only side information).
 */
import type {Dataset} from "../../data/types.js";
import type {TrainSet} from "../estimator.js";

/** Which feature groups the design holds. */
export interface FmFeatures {
  /** The day of the rating as a categorical feature (timeSVD's day-specific effects). */
  date: boolean;
  /** The movies the user rated, |N(u)|^-½ each (SVD++). */
  implicitUser: boolean;
  /** The users who rated the movie, |N(i)|^-½ each (the "flipped" SVD++ features). */
  implicitMovie: boolean;
  /** Gender, age band and occupation of users; genres and release decade of movies (when the data set has them). */
  side: boolean;
}

/** Rows of one relation block (users or movies) as a sparse matrix over the design's feature columns. */
export interface FmBlock {
  /** "user" or "movie": which index of a rating picks the block row. */
  kind: "user" | "movie";
  /** Block rows (nUsers or nMovies). */
  nRows: number;
  /** CSR of the block: row r holds columns[indptr[r]..indptr[r+1]) with values. */
  indptr: Int32Array;
  /** Global feature column of each entry. */
  columns: Int32Array;
  /** Value of each entry. */
  values: Float64Array;
}

/** The design: one-hot day columns first, then each block's columns; every column belongs to a group. */
export interface FmDesign {
  /** Number of feature columns. */
  nFeatures: number;
  /** Group of each feature column (hyperpriors are per group and factor). */
  group: Int32Array;
  /** Group names in index order, e.g. "day", "user id", "movies rated". */
  groupNames: string[];
  /** Day number (unix seconds / 86,400, floored) of each day column, ascending; the day columns are 0..days.length-1. */
  days: Int32Array;
  /** The user block and the movie block. */
  blocks: [FmBlock, FmBlock];
}

const DAY_SECONDS = 86_400;
const AGE_BANDS = [18, 25, 35, 45, 50, 56];

/** Day number of a unix time in seconds (UTC days). */
export function dayOf(seconds: number): number {
  return Math.floor(seconds / DAY_SECONDS);
}

/** Index of `day` among the design's day columns, or -1 when the training part has no rating that day. */
export function dayColumn(days: Int32Array, day: number): number {
  let lo = 0,
    hi = days.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] === day) return mid;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Age band of an age in years (ml-1m's bands: under 18, 18–24, 25–34, 35–44, 45–49, 50–55, 56+), -1 when unknown. */
function ageBand(age: number): number {
  if (!(age >= 0)) return -1;
  let b = 0;
  while (b < AGE_BANDS.length && age >= AGE_BANDS[b]) b++;
  return b;
}

/** Collects one block's rows as lists of (column, value) before they are packed. */
class BlockRows {
  readonly cols: number[][];
  readonly vals: number[][];
  constructor(n: number) {
    this.cols = Array.from({length: n}, () => []);
    this.vals = Array.from({length: n}, () => []);
  }
  add(r: number, c: number, v: number): void {
    this.cols[r].push(c);
    this.vals[r].push(v);
  }
  pack(kind: "user" | "movie"): FmBlock {
    const n = this.cols.length;
    const indptr = new Int32Array(n + 1);
    for (let r = 0; r < n; r++) indptr[r + 1] = indptr[r] + this.cols[r].length;
    const columns = new Int32Array(indptr[n]),
      values = new Float64Array(indptr[n]);
    for (let r = 0; r < n; r++) {
      columns.set(this.cols[r], indptr[r]);
      values.set(this.vals[r], indptr[r]);
    }
    return {kind, nRows: n, indptr, columns, values};
  }
}

/** Allocates feature columns group by group. */
class Columns {
  next = 0;
  readonly groups: number[] = [];
  readonly names: string[] = [];
  /** Opens a group of `size` columns and returns its first column. */
  open(name: string, size: number): number {
    const g = this.names.length,
      start = this.next;
    this.names.push(name);
    for (let c = 0; c < size; c++) this.groups.push(g);
    this.next += size;
    return start;
  }
}

/** Builds the design from the training part; side information comes from `train.source.dataset` when present. */
export function buildFmDesign(train: TrainSet, features: FmFeatures): FmDesign {
  const {user, movie, timestamp} = train.ratings;
  const n = user.length,
    nU = train.nUsers,
    nM = train.nMovies;
  const cols = new Columns();

  let days = new Int32Array(0);
  if (features.date) {
    const seen = new Set<number>();
    for (let k = 0; k < n; k++) {
      if (!Number.isFinite(timestamp[k]))
        throw new RangeError(
          `factorization machine: training rating ${k} has timestamp ${timestamp[k]}; the day feature needs unix seconds on every rating (or date: false)`
        );
      seen.add(dayOf(timestamp[k]));
    }
    days = Int32Array.from(seen).sort();
    cols.open("day", days.length);
  }

  const perUser: number[][] = Array.from({length: nU}, () => []);
  const perMovie: number[][] = Array.from({length: nM}, () => []);
  for (let k = 0; k < n; k++) {
    perUser[user[k]].push(movie[k]);
    perMovie[movie[k]].push(user[k]);
  }
  for (const list of perUser) list.sort((a, b) => a - b);
  for (const list of perMovie) list.sort((a, b) => a - b);

  const users = new BlockRows(nU),
    movies = new BlockRows(nM);
  const userId = cols.open("user id", nU);
  for (let u = 0; u < nU; u++) if (perUser[u].length > 0) users.add(u, userId + u, 1);
  if (features.implicitUser) implicitColumns(users, perUser, cols.open("movies rated", nM));
  const movieId = cols.open("movie id", nM);
  for (let m = 0; m < nM; m++) if (perMovie[m].length > 0) movies.add(m, movieId + m, 1);
  if (features.implicitMovie) implicitColumns(movies, perMovie, cols.open("users who rated", nU));
  const dataset = train.source?.dataset;
  if (features.side && dataset) sideColumns(dataset, users, movies, cols);

  return {
    nFeatures: cols.next,
    group: Int32Array.from(cols.groups),
    groupNames: cols.names,
    days,
    blocks: [users.pack("user"), movies.pack("movie")]
  };
}

/** Row r gets column start + j with value |list_r|^-½ for each j in list_r (the implicit-feedback features). */
function implicitColumns(rows: BlockRows, lists: number[][], start: number): void {
  for (let r = 0; r < lists.length; r++) {
    const list = lists[r];
    if (list.length === 0) continue;
    const v = 1 / Math.sqrt(list.length);
    for (const j of list) rows.add(r, start + j, v);
  }
}

/** Demographics of users and genres and release decades of movies, one group each, one-hot (genres scaled by count^-½). */
function sideColumns(dataset: Dataset, users: BlockRows, movies: BlockRows, cols: Columns): void {
  const du = dataset.users;
  if (du && du.id.length === users.cols.length) {
    const gender = cols.open("gender", 2);
    const age = cols.open("age band", AGE_BANDS.length + 1);
    const occupation = cols.open("occupation", du.occupationNames.length);
    for (let u = 0; u < du.id.length; u++) {
      if (du.gender[u] <= 1) users.add(u, gender + du.gender[u], 1);
      const band = ageBand(du.age[u]);
      if (band >= 0) users.add(u, age + band, 1);
      if (du.occupation[u] < du.occupationNames.length) users.add(u, occupation + du.occupation[u], 1);
    }
  }
  const dm = dataset.movies;
  if (dm.id.length !== movies.cols.length) return;
  const nG = dm.genreNames.length;
  const genre = cols.open("genre", nG);
  for (let m = 0; m < dm.id.length; m++) {
    let count = 0;
    for (let g = 0; g < nG; g++) count += dm.genres[m * nG + g];
    for (let g = 0; g < nG; g++) if (dm.genres[m * nG + g]) movies.add(m, genre + g, 1 / Math.sqrt(count));
  }
  let lo = Infinity,
    hi = -Infinity;
  for (const y of dm.year)
    if (y === y) {
      lo = Math.min(lo, Math.floor(y / 10));
      hi = Math.max(hi, Math.floor(y / 10));
    }
  if (lo > hi) return;
  const decade = cols.open("release decade", hi - lo + 1);
  for (let m = 0; m < dm.id.length; m++) {
    const y = dm.year[m];
    if (y === y) movies.add(m, decade + Math.floor(y / 10) - lo, 1);
  }
}
