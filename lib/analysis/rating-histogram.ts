/** Rating histogram on a data set's own scale (whole stars on ml-100k, half stars on ml-latest-small). */
import type {RatingScale} from "../data/types.js";

export interface RatingHistogram {
  scale: RatingScale;
  /** Every value of the scale, min..max by step. */
  values: number[];
  /** Ratings at each value. */
  counts: number[];
  /** counts / total, 0..1 (all 0 when there are no ratings). */
  shares: number[];
  /** Ratings counted, including off-scale ones. */
  total: number;
  /** Ratings that are not on the scale's grid (0 for validated data). */
  offScale: number;
}

/** The values of a scale, min..max in steps of step, rounded to 6 decimals so 0.5 steps print cleanly. */
export function scaleValues(scale: RatingScale): number[] {
  const levels = Math.round((scale.max - scale.min) / scale.step) + 1;
  return Array.from({length: levels}, (_, k) => Math.round((scale.min + k * scale.step) * 1e6) / 1e6);
}

/** Index of rating r on the scale (0..levels-1), or -1 when r is off the grid. */
export function scaleLevel(r: number, scale: RatingScale): number {
  const k = (r - scale.min) / scale.step;
  const kr = Math.round(k);
  const levels = Math.round((scale.max - scale.min) / scale.step) + 1;
  return Math.abs(k - kr) < 1e-6 && kr >= 0 && kr < levels ? kr : -1;
}

/** Counts and shares of each scale value over a rating column. */
export function ratingHistogram(rating: ArrayLike<number>, scale: RatingScale): RatingHistogram {
  const values = scaleValues(scale);
  const counts = new Array<number>(values.length).fill(0);
  let offScale = 0;
  for (let i = 0; i < rating.length; i++) {
    const k = scaleLevel(rating[i], scale);
    if (k < 0) offScale++;
    else counts[k]++;
  }
  const total = rating.length;
  return {scale: {...scale}, values, counts, shares: counts.map((c) => (total > 0 ? c / total : 0)), total, offScale};
}
