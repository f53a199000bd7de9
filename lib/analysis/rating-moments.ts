/** Mean, spread and median of a rating column. */

export interface RatingMoments {
  n: number;
  /** Mean rating, NaN when n = 0. */
  mean: number;
  /** Population standard deviation, NaN when n = 0. */
  sd: number;
  /** Median (mean of the two middle values for even n), NaN when n = 0. */
  median: number;
}

/** Mean, population sd and median of ratings (any scale). */
export function ratingMoments(rating: ArrayLike<number>): RatingMoments {
  const n = rating.length;
  if (n === 0) return {n, mean: NaN, sd: NaN, median: NaN};
  let sum = 0;
  for (let i = 0; i < n; i++) sum += rating[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (rating[i] - mean) ** 2;
  const sorted = Float64Array.from(rating).sort();
  const mid = n >> 1;
  const median = n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {n, mean, sd: Math.sqrt(ss / n), median};
}
