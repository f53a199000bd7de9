/** Implicit-feedback building blocks shared by the top-N models: who rated what, as 0/1, and co-occurrence counts. */
import type {TrainSet} from "../estimator.js";
import {buildCsr, type Csr} from "../../linalg/sparse.js";

/** The binary user×movie matrix (1 where the user rated the movie in training, whatever the rating). */
export function binaryMatrix(train: TrainSet): Csr {
  const ones = new Float32Array(train.ratings.user.length).fill(1);
  return buildCsr(train.ratings.user, train.ratings.movie, ones, train.nUsers, train.nMovies);
}

/** Co-occurrence Gram matrix XᵀX of the binary matrix (nMovies × nMovies, row-major, symmetric): [i][j] = users who rated both. */
export function cooccurrence(x: Csr): Float64Array {
  const n = x.nCols;
  const g = new Float64Array(n * n);
  for (let u = 0; u < x.nRows; u++) {
    const a = x.indptr[u],
      b = x.indptr[u + 1];
    for (let p = a; p < b; p++) {
      const ri = x.indices[p] * n;
      for (let q = a; q <= p; q++) g[ri + x.indices[q]] += 1;
    }
  }
  // Only the lower triangle was filled (indices are sorted, so q ≤ p means column ≤ row): mirror it.
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) g[j * n + i] = g[i * n + j];
  return g;
}

/** Adds rows of a dense nCols-wide matrix M for every movie the user has: scores = x_u · M (length nCols). */
export function sumRowsOfSeen(x: Csr, user: number, m: Float32Array, nCols: number): Float32Array {
  const out = new Float32Array(nCols);
  if (user < 0 || user >= x.nRows) return out;
  for (let p = x.indptr[user]; p < x.indptr[user + 1]; p++) {
    const ro = x.indices[p] * nCols;
    for (let j = 0; j < nCols; j++) out[j] += m[ro + j];
  }
  return out;
}
