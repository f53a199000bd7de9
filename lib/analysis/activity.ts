/** How many ratings each user gives and each movie gets, and the long tail of those counts. */
import type {Dataset} from "../data/types.js";

/** Ratings per user, indexed by dense user index (users without ratings are 0). */
export function ratingsPerUser(d: Dataset): Int32Array {
  const out = new Int32Array(d.userIds.length);
  const user = d.ratings.user;
  for (let i = 0; i < user.length; i++) out[user[i]]++;
  return out;
}

/** Ratings per movie, indexed by movie row (unrated movies are 0). */
export function ratingsPerMovie(d: Dataset): Int32Array {
  const out = new Int32Array(d.movies.id.length);
  const movie = d.ratings.movie;
  for (let i = 0; i < movie.length; i++) out[movie[i]]++;
  return out;
}

export interface LogBins {
  /** Lower edge of each bin (inclusive), a count ≥ 1. */
  lo: number[];
  /** Upper edge of each bin (exclusive). */
  hi: number[];
  /** How many entities have a count in [lo, hi). */
  count: number[];
  /** Entities with a count of 0, which a log axis cannot show. */
  zeros: number;
}

/**
 * Histogram of counts on logarithmic bins: binsPerDecade (default 5) integer-edged bins per power of ten,
 * starting at 1. Empty bins are kept so the shape of the tail is honest.
 */
export function logBins(counts: ArrayLike<number>, binsPerDecade = 5): LogBins {
  let max = 0;
  let zeros = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > max) max = counts[i];
    if (counts[i] <= 0) zeros++;
  }
  const edges: number[] = [1];
  for (let k = 1; edges[edges.length - 1] <= max; k++) {
    const e = Math.ceil(10 ** (k / binsPerDecade));
    if (e > edges[edges.length - 1]) edges.push(e);
  }
  const count = new Array<number>(edges.length - 1).fill(0);
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c <= 0) continue;
    // Few edges (≈ 5 per decade): a linear scan is cheaper than a binary search setup.
    let b = 0;
    while (edges[b + 1] <= c) b++;
    count[b]++;
  }
  return {lo: edges.slice(0, -1), hi: edges.slice(1), count, zeros};
}

/** Share 0..1 of all ratings that the top `fraction` (0..1) of entities by count account for. */
export function topShare(counts: ArrayLike<number>, fraction: number): number {
  const sorted = Float64Array.from(counts).sort().reverse();
  const k = Math.ceil(sorted.length * fraction);
  let top = 0;
  let all = 0;
  for (let i = 0; i < sorted.length; i++) {
    all += sorted[i];
    if (i < k) top += sorted[i];
  }
  return all > 0 ? top / all : 0;
}

/** Number of entries with a count strictly below threshold. */
export function countBelow(counts: ArrayLike<number>, threshold: number): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] < threshold) n++;
  return n;
}
