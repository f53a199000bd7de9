/** Ratings per calendar week (Monday 00:00 UTC to the next), with the week's mean rating. */

/** Seconds in a week. */
export const WEEK_SECONDS = 7 * 86400;
// 1970-01-01 was a Thursday; the first Monday is 4 days later.
const FIRST_MONDAY = 4 * 86400;

export interface WeeklyRatings {
  /** Start of each week in unix seconds (Monday 00:00 UTC), consecutive, empty weeks included. */
  weekStart: number[];
  count: number[];
  /** Mean rating of the week, null for a week without ratings. */
  mean: (number | null)[];
}

/** Monday 00:00 UTC (unix seconds) of the week holding unix time t (seconds). */
export function weekStartOf(t: number): number {
  return Math.floor((t - FIRST_MONDAY) / WEEK_SECONDS) * WEEK_SECONDS + FIRST_MONDAY;
}

/** Count and mean rating per week from the first to the last rated week; NaN timestamps are skipped. */
export function ratingsPerWeek(timestamp: ArrayLike<number>, rating: ArrayLike<number>): WeeklyRatings {
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < timestamp.length; i++) {
    const t = timestamp[i];
    if (t < first) first = t;
    if (t > last) last = t;
  }
  if (!Number.isFinite(first)) return {weekStart: [], count: [], mean: []};
  const w0 = weekStartOf(first);
  const weeks = Math.round((weekStartOf(last) - w0) / WEEK_SECONDS) + 1;
  const count = new Array<number>(weeks).fill(0);
  const sum = new Float64Array(weeks);
  for (let i = 0; i < timestamp.length; i++) {
    if (!Number.isFinite(timestamp[i])) continue;
    const w = Math.round((weekStartOf(timestamp[i]) - w0) / WEEK_SECONDS);
    count[w]++;
    sum[w] += rating[i];
  }
  return {
    weekStart: Array.from({length: weeks}, (_, w) => w0 + w * WEEK_SECONDS),
    count,
    mean: count.map((c, w) => (c > 0 ? sum[w] / c : null))
  };
}
