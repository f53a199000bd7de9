/**
 * Ranking of a title search, shared by the bundle service (API, CLI, Predict page) and the widget's
 * search box. A plain substring search put "Bastard Out of Carolina" first for "star"; here a match
 * at the start of the title beats one at the start of a later word, which beats one inside a word,
 * and at each place a whole-word match ("Star Wars") beats a word prefix ("Stargate"). Ties go to
 * the more rated movie when counts are known, then to the title.
 */

/** Lower case without accents or other combining marks, whitespace runs as one space: "Café  Noir" → "cafe noir". */
export function foldText(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/gu, " ");
}

/** How far down a match ranks: 0 best … 4 inside a word; −1 when the title does not contain the query. */
export type MatchTier = -1 | 0 | 1 | 2 | 3 | 4;

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * The best tier of a folded query in a folded title: 0 the title starts with the query as a whole
 * word, 1 the title starts with it, 2 a later word is the query, 3 a later word starts with it, 4
 * inside a word, −1 no match.
 */
export function matchTier(foldedTitle: string, foldedQuery: string): MatchTier {
  if (foldedQuery === "") return -1;
  let best: MatchTier = -1;
  for (let at = foldedTitle.indexOf(foldedQuery); at >= 0; at = foldedTitle.indexOf(foldedQuery, at + 1)) {
    // A query that starts or ends inside a word ("ar w") is judged by its own ends, so look at both sides.
    const startsWord = at === 0 || !isWordChar(foldedTitle[at - 1]) || !isWordChar(foldedQuery[0]);
    const endsWord =
      !isWordChar(foldedTitle[at + foldedQuery.length]) || !isWordChar(foldedQuery[foldedQuery.length - 1]);
    const tier: MatchTier = !startsWord ? 4 : at === 0 ? (endsWord ? 0 : 1) : endsWord ? 2 : 3;
    if (best === -1 || tier < best) best = tier;
    if (best === 0) break;
  }
  return best;
}

export interface SearchIndex {
  /** The titles as shown (ties are ordered by them). */
  titles: readonly string[];
  /** foldText of each title, computed once. */
  folded: readonly string[];
  /** Ratings per movie, when known: the more rated first among equal matches. */
  popularity?: ArrayLike<number>;
}

/** Folds the titles once for repeated searches. */
export function searchIndex(titles: readonly string[], popularity?: ArrayLike<number>): SearchIndex {
  return {titles, folded: titles.map(foldText), popularity};
}

/** Indices of the titles matching the query (case- and accent-insensitive), best first, at most limit. */
export function searchMovies(index: SearchIndex, query: string, limit: number): number[] {
  const q = foldText(query).trim();
  if (q === "") return [];
  const tiers = new Map<number, MatchTier>();
  index.folded.forEach((t, m) => {
    const tier = matchTier(t, q);
    if (tier >= 0) tiers.set(m, tier);
  });
  const pop = index.popularity;
  const hits = [...tiers.keys()].sort(
    (a, b) =>
      tiers.get(a)! - tiers.get(b)! ||
      (pop ? pop[b] - pop[a] : 0) ||
      compareText(index.titles[a], index.titles[b]) ||
      a - b
  );
  return hits.slice(0, limit);
}

/** Re-orders results that arrive already ranked (e.g. from a server) by match tier only, keeping their order within a tier. */
export function orderByMatch<T>(items: readonly T[], title: (item: T) => string, query: string): T[] {
  const q = foldText(query).trim();
  const tier = (item: T): number => {
    const t = matchTier(foldText(title(item)), q);
    return t < 0 ? 5 : t;
  };
  return items
    .map((item, i) => ({item, i, tier: tier(item)}))
    .sort((a, b) => a.tier - b.tier || a.i - b.i)
    .map((x) => x.item);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
