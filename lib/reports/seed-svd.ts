/**
 * Why the seed's zero-filled SVD is wrong, measured on one fold: the distribution of its predictions
 * against the true ratings and the mean-centred variant's, and how far its unclipped reconstruction
 * sits below the scale (unrated cells count as ratings of 0, so the low-rank fit is pulled to 0).
 */
import type {RatingFold} from "../data/folds.js";
import {svdSeedModel, reconstruct} from "../models/factors/svd-seed.js";
import {svdCentredModel} from "../models/factors/svd-centred.js";

export interface SeedSvdDiagnosis {
  fold: string;
  /** Rating values of the histogram bins (the scale's steps, min..max). */
  bins: number[];
  /** Share (0..1) of test pairs per bin: true ratings, and each model's prediction rounded to the scale. */
  shares: {truth: number[]; seed: number[]; centred: number[]};
  /** Mean of the true test ratings and of each model's unclipped estimate on the same pairs, in stars. */
  mean: {truth: number; seedRaw: number; centredRaw: number};
  /** Share (0..1) of test pairs whose seed estimate fell below the scale minimum and was clipped up to it. */
  seedClippedLow: number;
}

/** Fits both SVD variants on fold.train (k components) and compares their predictions on fold.test. */
export function diagnoseSeedSvd(fold: RatingFold, components = 50): SeedSvdDiagnosis {
  const {scale} = fold.train;
  const bins: number[] = [];
  for (let v = scale.min; v <= scale.max + 1e-9; v += scale.step) bins.push(Math.round(v * 1000) / 1000);
  const seed = svdSeedModel.fit(fold.train, {components});
  const centred = svdCentredModel.fit(fold.train, {components});
  const n = fold.test.rating.length;
  const counts = {
    truth: new Array<number>(bins.length).fill(0),
    seed: new Array<number>(bins.length).fill(0),
    centred: new Array<number>(bins.length).fill(0)
  };
  const binOf = (x: number) => Math.max(0, Math.min(bins.length - 1, Math.round((x - scale.min) / scale.step)));
  let sumTruth = 0,
    sumSeed = 0,
    sumCentred = 0,
    clipped = 0;
  for (let r = 0; r < n; r++) {
    const u = fold.test.user[r],
      m = fold.test.movie[r];
    const a = reconstruct(seed, u, m),
      b = reconstruct(centred, u, m);
    sumTruth += fold.test.rating[r];
    sumSeed += a;
    sumCentred += b;
    if (a < scale.min) clipped++;
    counts.truth[binOf(fold.test.rating[r])]++;
    counts.seed[binOf(a)]++;
    counts.centred[binOf(b)]++;
  }
  const share = (c: number[]) => c.map((x) => x / n);
  return {
    fold: fold.name,
    bins,
    shares: {truth: share(counts.truth), seed: share(counts.seed), centred: share(counts.centred)},
    mean: {truth: sumTruth / n, seedRaw: sumSeed / n, centredRaw: sumCentred / n},
    seedClippedLow: clipped / n
  };
}
