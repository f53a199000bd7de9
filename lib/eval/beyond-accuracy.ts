/**
 * Ranking metrics beyond accuracy: what the top-k lists expose of the catalogue and how surprising and
 * varied they are. Definitions follow Microsoft Recommenders'
 * `recommenders/evaluation/python_evaluation.py` (commit d5801436) and LensKit's `lenskit/metrics/`
 * (lkpy commit 3bd1c175); where they differ, the comment says which one is followed and why.
 * Lists are movie indices, best first; only the first k of each count.
 */

/** Training popularity of every movie: how many training ratings (= distinct users) it has. */
export function movieRatingCounts(movies: ArrayLike<number>, nMovies: number): Int32Array {
  const counts = new Int32Array(nMovies);
  for (let r = 0; r < movies.length; r++) counts[movies[r]]++;
  return counts;
}

/** Number of distinct users in a user column (the training users novelty normalises by). */
export function distinctUsers(users: ArrayLike<number>): number {
  return new Set(Array.from(users)).size;
}

/**
 * Gini coefficient of non-negative amounts (0 = spread evenly, → 1 = all on one), as LensKit's
 * `lenskit/stats.py` `gini` (lines 21-61): Σ (2i − n − 1)·x_(i) / (n·Σx) over the sorted values, floored at 0.
 */
export function gini(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new RangeError("gini: no values; expected at least one");
  const xs = Float64Array.from(values).sort();
  let num = 0,
    total = 0;
  for (let i = 0; i < n; i++) {
    if (xs[i] < 0) throw new RangeError(`gini: value ${xs[i]} < 0; expected non-negative amounts`);
    num += (2 * (i + 1) - n - 1) * xs[i];
    total += xs[i];
  }
  if (total <= 0) throw new RangeError("gini: all amounts are 0; expected a positive total");
  return Math.max(num / (n * total), 0);
}

/** How many of the lists' first k slots each movie takes (its exposure), over the nMovies catalogue. */
export function exposureCounts(lists: readonly ArrayLike<number>[], nMovies: number, k: number): Int32Array {
  const counts = new Int32Array(nMovies);
  for (const list of lists) {
    const n = Math.min(k, list.length);
    for (let i = 0; i < n; i++) counts[list[i]]++;
  }
  return counts;
}

/**
 * Gini of exposure over the whole catalogue (0..1; movies never recommended count as 0), as LensKit's
 * `ListGini` (`lenskit/metrics/ranking/_gini.py`, lines 53-56 and 100-102: the number of lists each item
 * appears in, over the full item vocabulary).
 */
export function exposureGini(lists: readonly ArrayLike<number>[], nMovies: number, k: number): number {
  return gini(exposureCounts(lists, nMovies, k));
}

/**
 * Distributional coverage in bits (0..log2 nMovies): the entropy −Σ p(i)·log2 p(i) of the share of all
 * recommendations going to each movie, as Microsoft Recommenders' `distributional_coverage`
 * (python_evaluation.py lines 1679-1714, Shani & Gunawardana's eq. 21).
 */
export function distributionalCoverage(lists: readonly ArrayLike<number>[], nMovies: number, k: number): number {
  const counts = exposureCounts(lists, nMovies, k);
  let total = 0;
  for (const c of counts) total += c;
  if (total === 0) throw new RangeError("distributionalCoverage: empty lists; expected at least one recommendation");
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log2(c / total);
  return h;
}

/**
 * Self-information −log2 p(i) of each movie in bits, with p(i) = share of training users who rated i
 * (Zhou et al. 2010's "mean self-information"; Castells et al.'s "discovery" model: the chance a random
 * user knows the movie). Microsoft Recommenders' `historical_item_novelty` (lines 1355-1401) divides by
 * the number of training *ratings* instead (the "choice" model), which only shifts every value by the
 * constant log2(ratings / users); per-user shares read as "x % of users know it", so this uses users.
 * Movies without training ratings get NaN (their self-information is infinite); novelty skips them,
 * as Microsoft's inner merge does (line 1432).
 */
export function selfInformation(counts: Int32Array, nTrainUsers: number): Float64Array {
  if (!(nTrainUsers >= 1)) throw new RangeError(`selfInformation: ${nTrainUsers} users; expected at least one`);
  return Float64Array.from(counts, (c) => (c > 0 ? Math.log2(nTrainUsers / c) : NaN));
}

/** Mean of a per-movie value over the first k of one list, skipping NaN; NaN when nothing is left. */
export function listMean(list: ArrayLike<number>, k: number, perMovie: ArrayLike<number>): number {
  const n = Math.min(k, list.length);
  let s = 0,
    c = 0;
  for (let i = 0; i < n; i++) {
    const v = perMovie[list[i]];
    if (!Number.isNaN(v)) {
      s += v;
      c++;
    }
  }
  return c > 0 ? s / c : NaN;
}

/**
 * Intra-list diversity over genres of one list (0..1): the mean over pairs of its first k movies of
 * 1 − cosine(genre vectors), i.e. 1 − LensKit's intra-list similarity (`lenskit/metrics/ranking/_ils.py`
 * lines 18-46, unit-normalised attribute vectors, mean over the upper triangle) and Microsoft's
 * `user_diversity` = 1 − mean intra-list similarity (lines 1247-1296) with item-feature cosine (lines
 * 1166-1197). Cosine rather than Jaccard because both sources use it and it weighs a one-genre movie's
 * genre fully. A movie with no genre flag has similarity 0 to every other. NaN for lists under 2 movies.
 * `genres` is row-major movie × nGenres 0/1 flags (lib/data/types.ts Movies.genres).
 */
export function genreDiversity(list: ArrayLike<number>, k: number, genres: Uint8Array, nGenres: number): number {
  const n = Math.min(k, list.length);
  return n < 2 ? NaN : genreDiversityAtEachK(list, n, genres, nGenres)[n - 1];
}

/**
 * genreDiversity of the first k movies for every k = 1..kMax at once (index k − 1; NaN for k = 1), in one
 * pass over the pairs: the sum over pairs grows by each new movie's pairs with those before it.
 */
export function genreDiversityAtEachK(
  list: ArrayLike<number>,
  kMax: number,
  genres: Uint8Array,
  nGenres: number
): Float64Array {
  const n = Math.min(kMax, list.length);
  const out = new Float64Array(kMax).fill(NaN);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const off = list[i] * nGenres;
    for (let g = 0; g < nGenres; g++) s += genres[off + g];
    norms[i] = Math.sqrt(s);
  }
  let total = 0;
  for (let j = 1; j < n; j++) {
    const b = list[j] * nGenres;
    for (let i = 0; i < j; i++) {
      let sim = 0;
      if (norms[i] > 0 && norms[j] > 0) {
        const a = list[i] * nGenres;
        let dot = 0;
        for (let g = 0; g < nGenres; g++) dot += genres[a + g] & genres[b + g];
        sim = dot / (norms[i] * norms[j]);
      }
      total += 1 - sim;
    }
    out[j] = total / ((j * (j + 1)) / 2);
  }
  // Lists shorter than kMax keep their full-length value for larger k, as the per-k function does.
  for (let k = n; k < kMax; k++) out[k] = n >= 2 ? out[n - 1] : NaN;
  return out;
}
