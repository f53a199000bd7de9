/**
 * Rating time against release date for every rating: which ratings predate their movie (impossible,
 * the seed's noise rule), and a seeded sample of the ordinary ones small enough to draw.
 * Run it on a data set cleaned WITHOUT the before-release rule, or there is nothing to find.
 */
import {beforeReleaseMask, releaseCutoffs} from "../data/release-noise.js";
import type {Dataset} from "../data/types.js";
import {createRng} from "../random.js";

export interface ReleaseGapOptions {
  /** Ordinary (not before-release) ratings to draw at most (default 4000); every before-release one is kept. */
  ordinarySample?: number;
  /** Seed of the sample (default 1). */
  seed?: number;
}

/** Points for a scatter: typed columns, unix seconds. */
export interface ReleaseGapPoints {
  /** Release cutoff of the rated movie (unix seconds, UTC midnight of the release date). */
  release: number[];
  /** Rating time (unix seconds). */
  rated: number[];
  /** 1 when rated before release. */
  before: number[];
}

export interface ReleaseGap {
  /** Ratings examined. */
  total: number;
  /** Ratings dated before their movie's release. */
  before: number;
  /** Ratings of movies with neither release date nor year: the rule cannot judge them. */
  undated: number;
  /** Movies with at least one before-release rating. */
  moviesAffected: number;
  /** Users with at least one before-release rating. */
  usersAffected: number;
  /** Every before-release rating, in rating order: raw ids, rating, times in unix seconds. */
  rows: {userId: number[]; movieId: number[]; movieRow: number[]; rating: number[]; rated: number[]; release: number[]};
  /** Every before-release rating plus a seeded sample of the ordinary ones. */
  points: ReleaseGapPoints;
  /** First and last rating time (unix seconds; NaN without ratings). */
  ratedFrom: number;
  ratedTo: number;
  /** Ratings of movies released before the first rating of the data set: they can never be flagged. */
  releasedBeforePeriod: number;
  /** Ordinary ratings drawn, and how many there were. */
  ordinaryDrawn: number;
  ordinaryTotal: number;
}

/** Splits a data set's ratings into before-release (all kept) and ordinary (sampled) for the noise page. */
export function releaseGap(d: Dataset, options: ReleaseGapOptions = {}): ReleaseGap {
  const sampleSize = options.ordinarySample ?? 4000;
  const {movie, timestamp, user, rating} = d.ratings;
  const n = movie.length;
  const cutoff = releaseCutoffs(d.movies);
  const mask = beforeReleaseMask(movie, timestamp, d.movies);
  const rows: ReleaseGap["rows"] = {userId: [], movieId: [], movieRow: [], rating: [], rated: [], release: []};
  const ordinary: number[] = [];
  const movies = new Set<number>();
  const users = new Set<number>();
  let undated = 0;
  let ratedFrom = Infinity;
  let ratedTo = -Infinity;
  for (let i = 0; i < n; i++) {
    if (timestamp[i] < ratedFrom) ratedFrom = timestamp[i];
    if (timestamp[i] > ratedTo) ratedTo = timestamp[i];
  }
  let releasedBeforePeriod = 0;
  for (let i = 0; i < n; i++) {
    const c = cutoff[movie[i]];
    if (Number.isNaN(c)) {
      undated++;
      continue;
    }
    if (c < ratedFrom) releasedBeforePeriod++;
    if (mask[i] === 1) {
      rows.userId.push(d.userIds[user[i]]);
      rows.movieId.push(d.movies.id[movie[i]]);
      rows.movieRow.push(movie[i]);
      rows.rating.push(rating[i]);
      rows.rated.push(timestamp[i]);
      rows.release.push(c);
      movies.add(movie[i]);
      users.add(user[i]);
    } else {
      ordinary.push(i);
    }
  }
  // A partial Fisher–Yates draw: the first sampleSize entries become a uniform sample.
  const rng = createRng(options.seed ?? 1);
  const k = Math.min(sampleSize, ordinary.length);
  for (let j = 0; j < k; j++) {
    const r = j + rng.int(ordinary.length - j);
    const t = ordinary[j];
    ordinary[j] = ordinary[r];
    ordinary[r] = t;
  }
  const drawn = ordinary.slice(0, k).sort((a, b) => a - b);
  const points: ReleaseGapPoints = {release: [], rated: [], before: []};
  for (const i of drawn) {
    points.release.push(cutoff[movie[i]]);
    points.rated.push(timestamp[i]);
    points.before.push(0);
  }
  for (let j = 0; j < rows.rated.length; j++) {
    points.release.push(rows.release[j]);
    points.rated.push(rows.rated[j]);
    points.before.push(1);
  }
  return {
    total: n,
    before: rows.rated.length,
    undated,
    moviesAffected: movies.size,
    usersAffected: users.size,
    rows,
    points,
    ratedFrom: n > 0 ? ratedFrom : NaN,
    ratedTo: n > 0 ? ratedTo : NaN,
    releasedBeforePeriod,
    ordinaryDrawn: k,
    ordinaryTotal: ordinary.length
  };
}
