/**
 * Top-N evaluation under the Microsoft Recommenders protocol: a 75/25 split stratified by movie
 * (lib/eval/protocols/msr.ts cites their benchmark), the model
 * fitted on the training part, every movie the user did not rate in training ranked, binary
 * relevance against the user's test movies, metrics averaged over users with test movies.
 */
import {fitTimer, sharedFit} from "../models/fit-cache.js";
import type {Dataset, RatingScale, Ratings} from "../data/types.js";
import {selectRows, trainSetOf} from "../data/folds.js";
import type {Model, TrainSet} from "../models/estimator.js";
import {seenMask, seenMatrix, topK} from "../models/top-n.js";
import {
  scoreRankedList,
  summariseRanking,
  type RankingSummary,
  type UserListScores,
  type UserRankingScores
} from "./ranking-metrics.js";
import {distinctUsers, genreDiversityAtEachK, listMean, movieRatingCounts, selfInformation} from "./beyond-accuracy.js";
import {msrSplit} from "./protocols/msr.js";

/** A training set and the held-out ratings to rank against. */
export interface RankingSplit {
  train: TrainSet;
  test: Ratings;
}

/** Per-user metric names kept in memory for intervals, paired tests and group figures. */
export type PerUserRankingMetric =
  "precision" | "recall" | "ndcg" | "map" | "mapMsrOld" | "hitRate" | "novelty" | "diversity" | "arp";

/** The snake_case name of each per-user metric in run records and JSON ("map_msr_old"). */
export const RANKING_JSON_NAMES: Record<PerUserRankingMetric, string> = {
  precision: "precision",
  recall: "recall",
  ndcg: "ndcg",
  map: "map",
  mapMsrOld: "map_msr_old",
  hitRate: "hit_rate",
  novelty: "novelty",
  diversity: "diversity",
  arp: "arp"
};

/** Every evaluated user's value of each metric at each k (in memory only; summaries go to JSON). */
export interface RankingPerUser {
  /** Dense user indices, ascending; the arrays below are aligned with them. */
  users: Int32Array;
  /** Same order as byK. */
  byK: Array<Record<PerUserRankingMetric, Float64Array>>;
}

export interface RankingResult {
  model: string;
  /** One summary per requested cut-off k, in the order asked. */
  byK: RankingSummary[];
  /** Per-user values behind byK (for intervals and paired tests); not written to JSON. */
  perUser?: RankingPerUser;
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
  // A fit served from a shared one (sharingFits) counts at the seconds it took: the time this model costs alone.
  const fitTime = fitTimer();
  const state = sharedFit(model, split.train, params);
  const fitSeconds = fitTime();
  const t1 = performance.now();
  const {byK, perUser} = rankAll(model, state, split, ks);
  return {model: model.name, byK, perUser, fitSeconds, rankSeconds: (performance.now() - t1) / 1000};
}

/**
 * Ranks every test user's unseen movies with a fitted state and summarises at each k: accuracy (precision,
 * recall, nDCG, both MAPs, hit rate) and beyond it (coverage, distributional coverage, exposure Gini,
 * novelty and ARP from the training ratings' popularity, genre diversity when the training set knows its
 * data set's movies through `train.source`).
 */
export function rankAll<P, S extends {scale: RatingScale}>(
  model: Model<P, S>,
  state: S,
  split: RankingSplit,
  ks: number[]
): {byK: RankingSummary[]; perUser: RankingPerUser} {
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
  const counts = movieRatingCounts(split.train.ratings.movie, nMovies);
  const info = selfInformation(counts, Math.max(1, distinctUsers(split.train.ratings.user)));
  const popularity = Float64Array.from(counts);
  const movies = split.train.source?.dataset.movies;
  const nGenres = movies?.genreNames.length ?? 0;
  const perUser: RankingPerUser = {users: Int32Array.from(users), byK: []};
  // Diversity at every k from one pass per list (the pages ask for k = 1..20).
  const diversityAtK =
    movies && nGenres > 0 ? lists.map((list) => genreDiversityAtEachK(list, kMax, movies.genres, nGenres)) : null;
  const byK = ks.map((k) => {
    const per: UserRankingScores[] = users.map((u, i) => scoreRankedList(lists[i], truth.get(u)!, k));
    const beyond: UserListScores[] = lists.map((list, i) => ({
      novelty: listMean(list, k, info),
      diversity: diversityAtK ? diversityAtK[i][k - 1] : NaN,
      arp: listMean(list, k, popularity)
    }));
    const column = (f: (i: number) => number) => Float64Array.from({length: users.length}, (_, i) => f(i));
    perUser.byK.push({
      precision: column((i) => per[i].precision),
      recall: column((i) => per[i].recall),
      ndcg: column((i) => per[i].ndcg),
      map: column((i) => per[i].ap),
      mapMsrOld: column((i) => per[i].apMsrOld),
      hitRate: column((i) => per[i].hit),
      novelty: column((i) => beyond[i].novelty),
      diversity: column((i) => beyond[i].diversity),
      arp: column((i) => beyond[i].arp)
    });
    return summariseRanking(per, lists, nMovies, k, beyond);
  });
  return {byK, perUser};
}
