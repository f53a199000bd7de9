// Small seeded rating sets for model tests: latent user/movie factors so models have signal to find.
import {createRng} from "../../lib/random.js";
import type {Ratings} from "../../lib/data/types.js";
import type {TrainSet} from "../../lib/models/estimator.js";

export const SCALE = {min: 1, max: 5, step: 1};

/** Ratings from explicit triples (user, movie, rating). */
export function ratingsOf(triples: Array<[number, number, number]>): Ratings {
  return {
    user: Int32Array.from(triples, (t) => t[0]),
    movie: Int32Array.from(triples, (t) => t[1]),
    rating: Float32Array.from(triples, (t) => t[2]),
    timestamp: new Float64Array(triples.length)
  };
}

export function trainOf(triples: Array<[number, number, number]>, nUsers: number, nMovies: number): TrainSet {
  return {ratings: ratingsOf(triples), nUsers, nMovies, scale: SCALE};
}

/** A seeded train/test pair: each (user, movie) rated with probability `density`, rating = rounded latent score; ~20% to test. */
export function syntheticSplit(
  nUsers: number,
  nMovies: number,
  density: number,
  seed: number
): {train: TrainSet; test: Ratings} {
  const rng = createRng(seed);
  const F = 3;
  const pu = Array.from({length: nUsers * F}, () => rng.normal());
  const qi = Array.from({length: nMovies * F}, () => rng.normal());
  const bi = Array.from({length: nMovies}, () => 0.5 * rng.normal());
  const train: Array<[number, number, number]> = [],
    test: Array<[number, number, number]> = [];
  for (let u = 0; u < nUsers; u++) {
    for (let m = 0; m < nMovies; m++) {
      if (rng.next() >= density) continue;
      let s = 3.5 + bi[m] + 0.25 * rng.normal();
      for (let f = 0; f < F; f++) s += 0.5 * pu[u * F + f] * qi[m * F + f];
      const r = Math.min(5, Math.max(1, Math.round(s)));
      (rng.next() < 0.2 ? test : train).push([u, m, r]);
    }
  }
  return {train: trainOf(train, nUsers, nMovies), test: ratingsOf(test)};
}
