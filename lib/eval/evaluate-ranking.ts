/**
 * Top-N evaluation under the Microsoft Recommenders protocol: a 75/25 split stratified by movie
 * (lib/eval/protocols/msr.ts cites their benchmark), the model
 * fitted on the training part, every movie the user did not rate in training ranked, binary
 * relevance against the user's test movies, metrics averaged over users with test movies.
 */
import type {Dataset, RatingScale, Ratings} from "../data/types.js";
import {selectRows, trainSetOf} from "../data/folds.js";
import type {Model, TrainSet} from "../models/estimator.js";
import {seenMask, seenMatrix, topK} from "../models/top-n.js";
import {scoreRankedList, summariseRanking, type RankingSummary, type UserRankingScores} from "./ranking-metrics.js";
import {msrSplit} from "./protocols/msr.js";

/** A training set and the held-out ratings to rank against. */
export interface RankingSplit {
  train: TrainSet;
  test: Ratings;
}

export interface RankingResult {
  model: string;
  /** One summary per requested cut-off k, in the order asked. */
  byK: RankingSummary[];
  fitSeconds: number;
  /** Seconds spent scoring and ranking every evaluated user. */
  rankSeconds: number;
}

/** The protocol's split of all ratings (one seed): per movie, round(0.75·n) random ratings train, the rest test. */
export function microsoftSplit(
  ratings: Ratings,
  nUsers: number,
  nMovies: number,
  scale: TrainSet["scale"],
  seed = 42,
  testFraction = 0.25
): RankingSplit {
  const rows = msrSplit(ratings, seed, {ratio: 1 - testFraction});
  return {
    train: {ratings: selectRows(ratings, rows.train), nUsers, nMovies, scale},
    test: selectRows(ratings, rows.test)
  };
}

/** microsoftSplit of a whole data set, whose training part knows its source rows (models that read the movie and user tables need them). */
export function datasetRankingSplit(dataset: Dataset, seed = 42, testFraction = 0.25): RankingSplit {
  const rows = msrSplit(dataset.ratings, seed, {ratio: 1 - testFraction});
  const train = trainSetOf(dataset, rows.train);
  return {train, test: selectRows(dataset.ratings, rows.test)};
}

/** Fits the model on split.train and scores its top-k lists (k in ks, each ≥ 1) against split.test. */
export function evaluateRanking<P, S extends {scale: RatingScale}>(
  model: Model<P, S>,
  split: RankingSplit,
  ks: number[] = [10],
  params?: Partial<P>
): RankingResult {
  const t0 = performance.now();
  const state = model.fit(split.train, params);
  const fitSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const {byK} = rankAll(model, state, split, ks);
  return {model: model.name, byK, fitSeconds, rankSeconds: (performance.now() - t1) / 1000};
}

/** Ranks every test user's unseen movies with a fitted state and summarises at each k. */
export function rankAll<P, S extends {scale: RatingScale}>(
  model: Model<P, S>,
  state: S,
  split: RankingSplit,
  ks: number[]
): {byK: RankingSummary[]} {
  for (const k of ks)
    if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`evaluateRanking: k = ${k}; expected integers ≥ 1`);
  const nMovies = split.train.nMovies;
  const truth = new Map<number, Set<number>>();
  for (let r = 0; r < split.test.user.length; r++) {
    const u = split.test.user[r];
    let set = truth.get(u);
    if (set === undefined) truth.set(u, (set = new Set()));
    set.add(split.test.movie[r]);
  }
  const seen = seenMatrix(split.train);
  const kMax = Math.max(...ks);
  const mask = new Uint8Array(nMovies);
  const users = [...truth.keys()].sort((a, b) => a - b);
  const lists: Int32Array[] = [];
  for (const u of users) {
    const top = topK(model.scoreAll(state, u), kMax, seenMask(seen, u, mask));
    lists.push(Int32Array.from(top, (t) => t.movie));
  }
  const byK = ks.map((k) => {
    const per: UserRankingScores[] = users.map((u, i) => scoreRankedList(lists[i], truth.get(u)!, k));
    return summariseRanking(per, lists, nMovies, k);
  });
  return {byK};
}
