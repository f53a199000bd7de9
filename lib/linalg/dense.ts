/**
 * Small dense routines over row-major Float64Arrays for the truncated SVD: a symmetric eigensolver
 * (small Gram matrices) and thin QR by modified Gram–Schmidt. The SPD inverse EASE needs is
 * ./spd-inverse.ts.
 */

/**
 * Eigen-decomposition of a small symmetric n×n matrix by cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and eigenvectors as the columns of a row-major n×n matrix.
 */
export function symmetricEigen(a: Float64Array, n: number): {values: Float64Array; vectors: Float64Array} {
  const A = Float64Array.from(a);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0,
      diag = 0;
    for (let p = 0; p < n; p++) {
      diag += A[p * n + p] * A[p * n + p];
      for (let q = p + 1; q < n; q++) off += A[p * n + q] * A[p * n + q];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1),
          s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p],
            akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k],
            aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p],
            vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({length: n}, (_, i) => i).sort((x, y) => A[y * n + y] - A[x * n + x]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = A[src * n + src];
    for (let k = 0; k < n; k++) vectors[k * n + dst] = V[k * n + src];
  });
  return {values, vectors};
}

/** Orthonormalises the columns of a row-major rows×cols matrix in place (modified Gram–Schmidt, twice for stability). */
export function orthonormaliseColumns(x: Float64Array, rows: number, cols: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < cols; j++) {
      for (let i = 0; i < j; i++) {
        let d = 0;
        for (let r = 0; r < rows; r++) d += x[r * cols + i] * x[r * cols + j];
        for (let r = 0; r < rows; r++) x[r * cols + j] -= d * x[r * cols + i];
      }
      let norm = 0;
      for (let r = 0; r < rows; r++) norm += x[r * cols + j] * x[r * cols + j];
      norm = Math.sqrt(norm);
      // A column that collapsed to zero (rank-deficient input) stays zero rather than becoming NaN.
      const inv = norm > 1e-300 ? 1 / norm : 0;
      for (let r = 0; r < rows; r++) x[r * cols + j] *= inv;
    }
  }
}
