/**
 * Top-N metrics with binary relevance, as in the Microsoft Recommenders benchmark and the
 * EASE peer (ease_msr.py): a recommended movie is relevant when it is in the user's test set.
 * nDCG@k = Σ hit_i / log2(i + 2) divided by the ideal DCG of min(|truth|, k) hits.
 * Per-user values are averaged over users with at least one test movie.
 * MAP comes in Microsoft Recommenders' two definitions (python_evaluation.py at commit d5801436): today's
 * `map_at_k` (lines 788-834) divides each user's Σ precision@hit by min(|truth|, k), as Spark's MAP@k does;
 * before their PR #2004 (commit ec770258, Nov 2023) `map_at_k` divided by |truth|, the definition their
 * `map` keeps (lines 734-785) and that their older README table reports (BiVAE MAP 0.1461).
 */

import {distributionalCoverage, exposureGini} from "./beyond-accuracy.js";

/** Ranking quality of one user's list against their relevant set. All values in 0..1. */
export interface UserRankingScores {
  /** Relevant movies among the k, divided by k. */
  precision: number;
  /** Relevant movies among the k, divided by |truth|. */
  recall: number;
  /** DCG of the k divided by the ideal DCG of min(|truth|, k) hits. */
  ndcg: number;
  /** Average precision at k: Σ precision@i over hit positions i, divided by min(|truth|, k). */
  ap: number;
  /** Microsoft Recommenders' MAP before Nov 2023: Σ precision@i over hit positions i, divided by |truth| (≤ ap). */
  apMsrOld: number;
  /** 1 when at least one of the k is relevant. */
  hit: number;
}

/** Scores of one ranked list (movie indices, best first; only the first k count) against a set of relevant movies. */
export function scoreRankedList(
  ranked: ArrayLike<number>,
  relevant: ReadonlySet<number>,
  k: number
): UserRankingScores {
  if (relevant.size === 0)
    throw new RangeError("scoreRankedList: empty relevant set; expected users with at least one test movie");
  if (!(k >= 1)) throw new RangeError(`scoreRankedList: k = ${k}; expected k ≥ 1`);
  const n = Math.min(k, ranked.length);
  let hits = 0,
    dcg = 0,
    apSum = 0;
  for (let i = 0; i < n; i++) {
    if (relevant.has(ranked[i])) {
      hits++;
      dcg += 1 / Math.log2(i + 2);
      apSum += hits / (i + 1);
    }
  }
  const ideal = Math.min(relevant.size, k);
  let idcg = 0;
  for (let i = 0; i < ideal; i++) idcg += 1 / Math.log2(i + 2);
  return {
    precision: hits / k,
    recall: hits / relevant.size,
    ndcg: dcg / idcg,
    ap: apSum / ideal,
    apMsrOld: apSum / relevant.size,
    hit: hits > 0 ? 1 : 0
  };
}

/** Mean ranking metrics over users plus catalogue coverage. */
export interface RankingSummary {
  /** The cut-off: lists are scored on their first k movies. */
  k: number;
  /** Mean precision@k over users, 0..1. */
  precision: number;
  /** Mean recall@k over users, 0..1. */
  recall: number;
  /** Mean nDCG@k over users, 0..1. */
  ndcg: number;
  /** Mean average precision at k, Microsoft Recommenders' current definition (÷ min(|truth|, k)). */
  map: number;
  /** Mean average precision at k, Microsoft Recommenders' definition before Nov 2023 (÷ |truth|). */
  mapMsrOld: number;
  /** Share of users with at least one relevant movie in their k, 0..1. */
  hitRate: number;
  /** Share of the catalogue (0..1) that appears in at least one user's top k. */
  coverage: number;
  /** Entropy of the recommendations' spread over movies, in bits (0..log2 nMovies); NaN without lists. */
  distributionalCoverage: number;
  /** Gini of exposure over the catalogue, 0 (even) .. 1 (one movie takes every slot). */
  exposureGini: number;
  /** Mean self-information of the recommended movies, bits (−log2 share of training users who rated it). */
  novelty: number;
  /** Mean intra-list diversity over genres (1 − cosine), 0..1; NaN when the set has no genres. */
  diversity: number;
  /** Average recommendation popularity: mean training-rating count of the recommended movies. */
  arp: number;
  /** Number of users averaged over. */
  users: number;
}

/** Per-user values of the beyond-accuracy metrics, aligned with the per-user scores (NaN where undefined). */
export interface UserListScores {
  /** Mean self-information of the user's recommended movies, bits. */
  novelty: number;
  /** Intra-list diversity over genres (1 − cosine), 0..1. */
  diversity: number;
  /** Mean training-rating count of the user's recommended movies. */
  arp: number;
}

/**
 * Averages per-user scores; `recommendedLists` are every evaluated user's top-k, `nMovies` the catalogue
 * size for coverage and exposure; `perUserLists` the beyond-accuracy values (averaged skipping NaN;
 * without them those figures are NaN).
 */
export function summariseRanking(
  perUser: readonly UserRankingScores[],
  recommendedLists: readonly ArrayLike<number>[],
  nMovies: number,
  k: number,
  perUserLists?: readonly UserListScores[]
): RankingSummary {
  if (perUser.length === 0) throw new RangeError("summariseRanking: no users; expected at least one");
  let p = 0,
    r = 0,
    n = 0,
    a = 0,
    o = 0,
    h = 0;
  for (const s of perUser) {
    p += s.precision;
    r += s.recall;
    n += s.ndcg;
    a += s.ap;
    o += s.apMsrOld;
    h += s.hit;
  }
  const meanOf = (key: keyof UserListScores) => nanMean((perUserLists ?? []).map((s) => s[key]));
  const exposed = recommendedLists.some((l) => l.length > 0);
  const u = perUser.length;
  return {
    k,
    precision: p / u,
    recall: r / u,
    ndcg: n / u,
    map: a / u,
    mapMsrOld: o / u,
    hitRate: h / u,
    coverage: catalogueCoverage(recommendedLists, nMovies, k),
    distributionalCoverage: exposed ? distributionalCoverage(recommendedLists, nMovies, k) : NaN,
    exposureGini: exposed ? exposureGini(recommendedLists, nMovies, k) : NaN,
    novelty: meanOf("novelty"),
    diversity: meanOf("diversity"),
    arp: meanOf("arp"),
    users: u
  };
}

/** Mean of the non-NaN values; NaN when there are none. */
export function nanMean(xs: ArrayLike<number>): number {
  let s = 0,
    c = 0;
  for (let i = 0; i < xs.length; i++)
    if (!Number.isNaN(xs[i])) {
      s += xs[i];
      c++;
    }
  return c > 0 ? s / c : NaN;
}

/** Share (0..1) of the nMovies catalogue appearing in the first k of at least one list. */
export function catalogueCoverage(lists: readonly ArrayLike<number>[], nMovies: number, k: number): number {
  const seen = new Uint8Array(nMovies);
  let count = 0;
  for (const list of lists) {
    const n = Math.min(k, list.length);
    for (let i = 0; i < n; i++) {
      const m = list[i];
      if (!seen[m]) {
        seen[m] = 1;
        count++;
      }
    }
  }
  return count / nMovies;
}
