/**
 * Item–item scores for a visitor from a bundle's pruned ranker (EASE or implicit item-kNN):
 * score_j = Σ_{i rated} w(i, j) · x_i. Both rankers were fitted on the binary "rated" matrix, so the
 * visitor's row is x_i = 1 for every rated movie (EASE: the row times B), which is also how the
 * bundle scores a user of the data set (rankerScores); the stars drive the MF prediction instead.
 * Rows of the ranker are sorted by column, so one weight is a binary search.
 */
import type {SparseRanker} from "../bundle/workbench.js";

/** Scores of every movie for a visitor who rated `movies` with row values `x` (length nMovies). */
export function itemItemScores(r: SparseRanker, movies: ArrayLike<number>, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(r.nMovies);
  for (let s = 0; s < movies.length; s++) {
    const i = movies[s];
    const xi = x[s];
    for (let p = r.indptr[i]; p < r.indptr[i + 1]; p++) out[r.indices[p]] += r.weights[p] * xi;
  }
  return out;
}

/** w(i, j) of the pruned ranker, 0 when row i kept no weight for j. */
export function rankerWeight(r: SparseRanker, i: number, j: number): number {
  let lo = r.indptr[i];
  let hi = r.indptr[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = r.indices[mid];
    if (c === j) return r.weights[mid];
    if (c < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** The terms w(i, j) · x_i of candidate j's score, in the order of `movies`; they sum to score_j. */
export function itemItemContributions(
  r: SparseRanker,
  movies: ArrayLike<number>,
  x: ArrayLike<number>,
  candidate: number
): Float64Array {
  return Float64Array.from({length: movies.length}, (_, s) => rankerWeight(r, movies[s], candidate) * x[s]);
}
