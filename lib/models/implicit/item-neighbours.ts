/**
 * Each movie's k nearest movies by cosine of binary user columns, without a movie × movie matrix:
 * for movie i, the co-occurrence counts c_ij are summed over the users who rated i (a row of XᵀX at a
 * time, O(Σ_u n_u²) in all), so memory is O(nMovies · k) and the full ml-25m/ml-32m movie sets fit.
 * The similarity, shrinkage and tie rules are prunedCosine's (item-knn-implicit.ts), so the
 * neighbours are the same, bit for bit, as the dense path's non-zero entries.
 */
import {topK} from "../top-n.js";
import {transpose, type Csr} from "../../linalg/sparse.js";

/** Sparse neighbour rows: row i holds i's neighbours, best first (score descending, ties to the lower index). */
export interface NeighbourRows {
  indptr: Int32Array;
  indices: Int32Array;
  /** Cosine similarity in (0, 1], rounded to float32 as the dense matrix stores it. */
  weights: Float32Array;
}

/** The k most similar movies of every movie (positive similarities only) from the binary users × movies matrix. */
export function itemNeighbours(seen: Csr, k: number, shrinkage: number): NeighbourRows {
  const n = seen.nCols;
  const byMovie = transpose(seen);
  const count = new Float64Array(n);
  const row = new Float64Array(n).fill(NaN);
  const touched = new Int32Array(n);
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) diag[i] = byMovie.indptr[i + 1] - byMovie.indptr[i];
  const kk = Math.min(k, n);
  const indptr = new Int32Array(n + 1);
  let indices = new Int32Array(Math.min(n * kk, 1 << 20));
  let weights = new Float32Array(indices.length);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let p = byMovie.indptr[i]; p < byMovie.indptr[i + 1]; p++) {
      const u = byMovie.indices[p];
      for (let q = seen.indptr[u]; q < seen.indptr[u + 1]; q++) {
        const j = seen.indices[q];
        if (count[j] === 0) touched[t++] = j;
        count[j] += 1;
      }
    }
    for (let s = 0; s < t; s++) {
      const j = touched[s];
      const c = count[j];
      const d = Math.sqrt(diag[i] * diag[j]);
      row[j] = i === j || d === 0 ? NaN : (c / d) * (shrinkage > 0 ? c / (c + shrinkage) : 1);
    }
    // Movies with no common user are NaN here (0 in the dense path): neither is ever kept.
    for (const {movie, score} of topK(row, kk)) {
      if (!(score > 0)) continue;
      if (nnz === indices.length) {
        indices = grow(indices, Int32Array);
        weights = grow(weights, Float32Array);
      }
      indices[nnz] = movie;
      weights[nnz++] = score;
    }
    indptr[i + 1] = nnz;
    for (let s = 0; s < t; s++) {
      count[touched[s]] = 0;
      row[touched[s]] = NaN;
    }
  }
  return {indptr, indices: indices.slice(0, nnz), weights: weights.slice(0, nnz)};
}

function grow<T extends Int32Array | Float32Array>(a: T, C: {new (n: number): T}): T {
  const b = new C(a.length * 2);
  b.set(a);
  return b;
}
