/**
 * "Because you rated …" for a visitor: of the movies they rated, the (up to `count`) whose terms in a
 * recommendation's score are largest and positive. The terms come from an exact split of the score
 * (foldInContributions for MF, itemItemContributions for item–item), so the movies named are the ones
 * that pushed this movie up the most; a movie whose term is ≤ 0 pulled it down and is never named.
 */

/** One rated movie behind a recommendation: its dense index and its term of the score (> 0, score units). */
export interface RatedContribution {
  movie: number;
  contribution: number;
}

/** The `count` (≥ 0) largest positive terms, largest first, ties to the lower movie index. */
export function becauseYouRated(
  movies: ArrayLike<number>,
  contributions: ArrayLike<number>,
  count = 3
): RatedContribution[] {
  const out: RatedContribution[] = [];
  for (let t = 0; t < movies.length; t++) {
    const c = contributions[t];
    if (c > 0) out.push({movie: movies[t], contribution: c});
  }
  out.sort((a, b) => b.contribution - a.contribution || a.movie - b.movie);
  return out.slice(0, Math.max(0, count));
}
