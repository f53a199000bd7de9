/**
 * Top-N selection from a score vector: a bounded min-heap (O(n log k)), no full sort,
 * with the user's seen movies excluded. Ties go to the lower movie index so results are deterministic.
 */
import type {Csr} from "../linalg/sparse.js";
import type {RatingScale} from "../data/types.js";
import type {Model, Recommendation, RecommendOptions, TrainSet} from "./estimator.js";
import {buildCsr} from "../linalg/sparse.js";

/** Indices of the k highest scores, best first; entries where skip[m] is non-zero or the score is NaN are left out. */
export function topK(scores: ArrayLike<number>, k: number, skip?: Uint8Array): Recommendation[] {
  const n = scores.length;
  const kk = Math.max(0, Math.min(k, n));
  const heapIdx = new Int32Array(kk);
  const heapVal = new Float64Array(kk);
  let size = 0;
  // worse(a, b): a ranks below b (lower score, or equal score and higher index)
  const worse = (va: number, ia: number, vb: number, ib: number) => va < vb || (va === vb && ia > ib);
  for (let m = 0; m < n; m++) {
    if (skip !== undefined && skip[m]) continue;
    const v = scores[m];
    if (v !== v) continue;
    if (size < kk) {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(v, m, heapVal[parent], heapIdx[parent])) break;
        heapVal[i] = heapVal[parent];
        heapIdx[i] = heapIdx[parent];
        i = parent;
      }
      heapVal[i] = v;
      heapIdx[i] = m;
    } else if (kk > 0 && worse(heapVal[0], heapIdx[0], v, m)) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && worse(heapVal[r], heapIdx[r], heapVal[l], heapIdx[l]) ? r : l;
        if (!worse(heapVal[c], heapIdx[c], v, m)) break;
        heapVal[i] = heapVal[c];
        heapIdx[i] = heapIdx[c];
        i = c;
      }
      heapVal[i] = v;
      heapIdx[i] = m;
    }
  }
  const out: Recommendation[] = [];
  for (let i = 0; i < size; i++) out.push({movie: heapIdx[i], score: heapVal[i]});
  out.sort((a, b) => b.score - a.score || a.movie - b.movie);
  return out;
}

/** The user–movie matrix of a training set (users as rows), for seen-movie lookups. */
export function seenMatrix(train: TrainSet): Csr {
  return buildCsr(train.ratings.user, train.ratings.movie, train.ratings.rating, train.nUsers, train.nMovies);
}

/** Mask of length nMovies with 1 for each movie the user rated in `seen`. */
export function seenMask(seen: Csr, user: number, out = new Uint8Array(seen.nCols)): Uint8Array {
  out.fill(0);
  if (user >= 0 && user < seen.nRows) {
    for (let p = seen.indptr[user]; p < seen.indptr[user + 1]; p++) out[seen.indices[p]] = 1;
  }
  return out;
}

/** Top-k movies for one user from any model's scoreAll, excluding movies seen in training unless excludeSeen is false. */
export function recommend<P, S extends {scale: RatingScale}>(
  model: Model<P, S>,
  state: S,
  seen: Csr,
  user: number,
  k: number,
  options: RecommendOptions = {}
): Recommendation[] {
  const scores = model.scoreAll(state, user);
  const skip = options.excludeSeen === false ? undefined : seenMask(seen, user);
  return topK(scores, k, skip);
}
