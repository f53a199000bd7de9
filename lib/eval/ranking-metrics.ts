/**
 * Top-N metrics with binary relevance, as in the Microsoft Recommenders benchmark and the
 * EASE peer (ease_msr.py): a recommended movie is relevant when it is in the user's test set.
 * nDCG@k = Σ hit_i / log2(i + 2) divided by the ideal DCG of min(|truth|, k) hits.
 * Per-user values are averaged over users with at least one test movie.
 */

/** Ranking quality of one user's list against their relevant set. All values in 0..1. */
export interface UserRankingScores {
  precision: number;
  recall: number;
  ndcg: number;
  /** Average precision at k: Σ precision@i over hit positions i, divided by min(|truth|, k). */
  ap: number;
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
    hit: hits > 0 ? 1 : 0
  };
}

/** Mean ranking metrics over users plus catalogue coverage. */
export interface RankingSummary {
  k: number;
  precision: number;
  recall: number;
  ndcg: number;
  /** Mean average precision at k. */
  map: number;
  hitRate: number;
  /** Share of the catalogue (0..1) that appears in at least one user's top k. */
  coverage: number;
  /** Number of users averaged over. */
  users: number;
}

/** Averages per-user scores; `recommendedLists` are every evaluated user's top-k, `nMovies` the catalogue size for coverage. */
export function summariseRanking(
  perUser: readonly UserRankingScores[],
  recommendedLists: readonly ArrayLike<number>[],
  nMovies: number,
  k: number
): RankingSummary {
  if (perUser.length === 0) throw new RangeError("summariseRanking: no users; expected at least one");
  let p = 0,
    r = 0,
    n = 0,
    a = 0,
    h = 0;
  for (const s of perUser) {
    p += s.precision;
    r += s.recall;
    n += s.ndcg;
    a += s.ap;
    h += s.hit;
  }
  const u = perUser.length;
  return {
    k,
    precision: p / u,
    recall: r / u,
    ndcg: n / u,
    map: a / u,
    hitRate: h / u,
    coverage: catalogueCoverage(recommendedLists, nMovies, k),
    users: u
  };
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
