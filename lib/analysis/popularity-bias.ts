/** Mean rating against number of ratings per movie: do popular movies get better ratings? */
import {logBins} from "./activity.js";

export interface PopularityBias {
  /** Movies with at least one rating. */
  movies: number;
  /** Pearson correlation of a movie's mean rating with log10 of its rating count, over rated movies (NaN below 2). */
  correlation: number;
  /** Mean of movie means per log bin of counts (bins as in logBins), null for an empty bin. */
  bins: {lo: number[]; hi: number[]; movies: number[]; meanOfMeans: (number | null)[]};
}

/** Correlation and binned trend of per-movie mean vs count; unrated movies (count 0) are left out. */
export function popularityBias(count: ArrayLike<number>, mean: ArrayLike<number>, binsPerDecade = 4): PopularityBias {
  let n = 0,
    sx = 0,
    sy = 0,
    sxx = 0,
    syy = 0,
    sxy = 0;
  for (let m = 0; m < count.length; m++) {
    if (!(count[m] > 0)) continue;
    const x = Math.log10(count[m]);
    const y = mean[m];
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  const cov = sxy - (sx * sy) / n;
  const vx = sxx - (sx * sx) / n;
  const vy = syy - (sy * sy) / n;
  const correlation = n >= 2 && vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : NaN;
  const b = logBins(count, binsPerDecade);
  const sum = new Float64Array(b.lo.length);
  const k = new Float64Array(b.lo.length);
  for (let m = 0; m < count.length; m++) {
    const c = count[m];
    if (!(c > 0)) continue;
    let j = 0;
    while (b.hi[j] <= c) j++;
    sum[j] += mean[m];
    k[j]++;
  }
  return {
    movies: n,
    correlation,
    bins: {
      lo: b.lo,
      hi: b.hi,
      movies: Array.from(k),
      meanOfMeans: Array.from(k, (kk, j) => (kk > 0 ? sum[j] / kk : null))
    }
  };
}
