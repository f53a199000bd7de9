/**
 * Truncated SVD of a sparse matrix by seeded randomized subspace iteration (Halko, Martinsson &
 * Tropp; what scikit-learn's TruncatedSVD does by default: k + 10 oversampled columns, 5 power
 * iterations). Only sparse × dense products touch the matrix; the small l×l problem is solved by
 * a symmetric eigen-decomposition of B·Bᵀ.
 */
import {createRng} from "../random.js";
import {multiplyDense, transpose, type Csr} from "./sparse.js";
import {orthonormaliseColumns, symmetricEigen} from "./dense.js";

export interface SvdResult {
  k: number;
  /** Row-major nRows × k left singular vectors. */
  u: Float64Array;
  /** Singular values, descending. */
  sigma: Float64Array;
  /** Row-major nCols × k right singular vectors. */
  v: Float64Array;
}

/** The k leading singular triplets of a (nRows × nCols) CSR matrix; k ≤ min(nRows, nCols). */
export function truncatedSvd(a: Csr, k: number, seed: number, powerIterations = 5, oversamples = 10): SvdResult {
  const l = Math.min(k + oversamples, a.nRows, a.nCols);
  if (!(k >= 1 && k <= l))
    throw new RangeError(`truncatedSvd: k = ${k}; expected 1 ≤ k ≤ ${Math.min(a.nRows, a.nCols)}`);
  const at = transpose(a);
  const rng = createRng(seed);
  const omega = new Float64Array(a.nCols * l);
  for (let i = 0; i < omega.length; i++) omega[i] = rng.normal();
  let q = multiplyDense(a, omega, l);
  for (let it = 0; it < powerIterations; it++) {
    orthonormaliseColumns(q, a.nRows, l);
    const z = multiplyDense(at, q, l);
    orthonormaliseColumns(z, a.nCols, l);
    q = multiplyDense(a, z, l);
  }
  orthonormaliseColumns(q, a.nRows, l);
  const bt = multiplyDense(at, q, l); // Bᵀ = Aᵀ Q, nCols × l
  const gram = new Float64Array(l * l); // B Bᵀ = (Bᵀ)ᵀ Bᵀ
  for (let r = 0; r < a.nCols; r++) {
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const x = bt[o + i];
      if (x === 0) continue;
      for (let j = 0; j < l; j++) gram[i * l + j] += x * bt[o + j];
    }
  }
  const {values, vectors} = symmetricEigen(gram, l);
  const sigma = new Float64Array(k);
  for (let f = 0; f < k; f++) sigma[f] = Math.sqrt(Math.max(0, values[f]));
  // U = Q Ũ, V = Bᵀ Ũ Σ⁻¹ (first k columns)
  const u = new Float64Array(a.nRows * k);
  for (let r = 0; r < a.nRows; r++) {
    for (let f = 0; f < k; f++) {
      let s = 0;
      for (let i = 0; i < l; i++) s += q[r * l + i] * vectors[i * l + f];
      u[r * k + f] = s;
    }
  }
  const v = new Float64Array(a.nCols * k);
  for (let r = 0; r < a.nCols; r++) {
    for (let f = 0; f < k; f++) {
      if (sigma[f] === 0) continue;
      let s = 0;
      for (let i = 0; i < l; i++) s += bt[r * l + i] * vectors[i * l + f];
      v[r * k + f] = s / sigma[f];
    }
  }
  return {k, u, sigma, v};
}
