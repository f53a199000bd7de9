/**
 * Cholesky factorisation of small symmetric positive-definite matrices (row-major Float64Array) and the
 * two triangular solves that use it: BPMF's d×d precisions and the visitor fold-in's (k+1)×(k+1) normal
 * equations. O(d³/6) multiply-adds; for large matrices see invertSpd in dense.ts.
 */

/** In-place lower Cholesky of an SPD d×d matrix (upper triangle zeroed); `what` names the matrix in the error. */
export function cholesky(a: Float64Array, d: number, what = "matrix"): void {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= a[i * d + k] * a[j * d + k];
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`${what} not positive definite at pivot ${i} (${s})`);
        a[i * d + i] = Math.sqrt(s);
      } else a[i * d + j] = s / a[j * d + j];
    }
    for (let j = i + 1; j < d; j++) a[i * d + j] = 0;
  }
}

/** Solves L y = b in place (forward substitution). */
export function solveLower(l: Float64Array, d: number, b: Float64Array): void {
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * d + k] * b[k];
    b[i] = s / l[i * d + i];
  }
}

/** Solves Lᵀ x = b in place (backward substitution). */
export function solveUpperT(l: Float64Array, d: number, b: Float64Array): void {
  for (let i = d - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < d; k++) s -= l[k * d + i] * b[k];
    b[i] = s / l[i * d + i];
  }
}

/** Solves (L Lᵀ) x = b in place, given the factor L from cholesky. */
export function solveCholesky(l: Float64Array, d: number, b: Float64Array): void {
  solveLower(l, d, b);
  solveUpperT(l, d, b);
}
