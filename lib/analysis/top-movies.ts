/** Most-rated and best-rated movies, with a minimum count and an optional damped (shrunk) mean. */

export interface RankOptions {
  /** "count": most rated first; "mean": best rated first. */
  by: "count" | "mean";
  /** Only movies with at least this many ratings (default 1). */
  minCount?: number;
  /**
   * Damping k ≥ 0 (default 0): rank by (sum + k · prior) / (count + k), which pulls movies with few
   * ratings toward the prior so that one 5-star rating does not top the list.
   */
  damping?: number;
  /** Prior of the damped mean, usually the global mean rating. Required when damping > 0. */
  prior?: number;
  /** How many movies to return (default 20). */
  limit?: number;
}

/** Damped mean rating: (count · mean + k · prior) / (count + k); the plain mean when k = 0. */
export function dampedMean(count: number, mean: number, k: number, prior: number): number {
  if (k === 0) return mean;
  return (count * (count > 0 ? mean : 0) + k * prior) / (count + k);
}

/**
 * Movie rows ranked by count or (damped) mean, ties broken by count then by row; movies below minCount
 * (and unrated movies) are left out.
 */
export function rankMovies(count: ArrayLike<number>, mean: ArrayLike<number>, options: RankOptions): number[] {
  const minCount = Math.max(1, options.minCount ?? 1);
  const k = options.damping ?? 0;
  if (k < 0 || !Number.isFinite(k)) throw new RangeError(`rankMovies: damping must be a finite number ≥ 0, got ${k}`);
  const prior = options.prior ?? NaN;
  if (k > 0 && !Number.isFinite(prior))
    throw new RangeError("rankMovies: damping > 0 needs a finite prior (the global mean rating)");
  const limit = options.limit ?? 20;
  const rows: number[] = [];
  const score = new Float64Array(count.length);
  for (let m = 0; m < count.length; m++) {
    if (count[m] < minCount) continue;
    rows.push(m);
    score[m] = options.by === "count" ? count[m] : dampedMean(count[m], mean[m], k, prior);
  }
  rows.sort((a, b) => score[b] - score[a] || count[b] - count[a] || a - b);
  return rows.slice(0, limit);
}
