/**
 * Compressed sparse rows over typed arrays: the user–item matrix without a dense pivot.
 * A CSC matrix is the CSR of the transpose, so `transpose` gives column access.
 * Column indices inside each row are sorted ascending (pair loops in the kNN code rely on it).
 */

/** A sparse matrix in CSR form: row r holds indices[indptr[r]..indptr[r+1]) with values alongside. */
export interface Csr {
  /** Rows, e.g. users. */
  nRows: number;
  /** Columns, e.g. movies. */
  nCols: number;
  /** Length nRows + 1; indptr[r] is the offset of row r's first entry. */
  indptr: Int32Array;
  /** Column index of each stored entry, ascending within a row. */
  indices: Int32Array;
  /** Value of each stored entry, e.g. the rating. */
  values: Float32Array;
}

/**
 * Builds a CSR matrix from coordinate columns (row, col, value), e.g. (user, movie, rating).
 * Throws a RangeError naming the entry when an index is outside 0..n-1 or a (row, col) pair repeats.
 */
export function buildCsr(
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  values: ArrayLike<number>,
  nRows: number,
  nCols: number
): Csr {
  const nnz = rows.length;
  if (cols.length !== nnz || values.length !== nnz) {
    throw new RangeError(`buildCsr: column lengths differ (rows ${nnz}, cols ${cols.length}, values ${values.length})`);
  }
  const indptr = new Int32Array(nRows + 1);
  for (let k = 0; k < nnz; k++) {
    const r = rows[k],
      c = cols[k];
    if (!(r >= 0 && r < nRows && Number.isInteger(r)))
      throw new RangeError(`buildCsr: entry ${k} has row ${r}, expected an integer in 0..${nRows - 1}`);
    if (!(c >= 0 && c < nCols && Number.isInteger(c)))
      throw new RangeError(`buildCsr: entry ${k} has column ${c}, expected an integer in 0..${nCols - 1}`);
    indptr[r + 1]++;
  }
  for (let r = 0; r < nRows; r++) indptr[r + 1] += indptr[r];
  const fill = indptr.slice(0, nRows);
  const order = new Int32Array(nnz);
  for (let k = 0; k < nnz; k++) order[fill[rows[k]]++] = k;
  const indices = new Int32Array(nnz);
  const vals = new Float32Array(nnz);
  for (let r = 0; r < nRows; r++) {
    const a = indptr[r],
      b = indptr[r + 1];
    // Entry numbers of one row, ordered by column (rows are at most a few thousand long).
    const seg = order.subarray(a, b);
    seg.sort((x, y) => cols[x] - cols[y]);
    for (let p = a; p < b; p++) {
      const k = order[p];
      indices[p] = cols[k];
      vals[p] = values[k];
      if (p > a && indices[p] === indices[p - 1]) {
        throw new RangeError(`buildCsr: entry ${k} repeats (row ${r}, column ${indices[p]}); expected each pair once`);
      }
    }
  }
  return {nRows, nCols, indptr, indices, values: vals};
}

/** The transpose (CSR of Aᵀ, i.e. A in CSC form); rows of the result are sorted by construction. */
export function transpose(a: Csr): Csr {
  const nnz = a.indices.length;
  const indptr = new Int32Array(a.nCols + 1);
  for (let k = 0; k < nnz; k++) indptr[a.indices[k] + 1]++;
  for (let c = 0; c < a.nCols; c++) indptr[c + 1] += indptr[c];
  const fill = indptr.slice(0, a.nCols);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let r = 0; r < a.nRows; r++) {
    for (let p = a.indptr[r]; p < a.indptr[r + 1]; p++) {
      const q = fill[a.indices[p]]++;
      indices[q] = r;
      values[q] = a.values[p];
    }
  }
  return {nRows: a.nCols, nCols: a.nRows, indptr, indices, values};
}

/** Number of stored entries in row r. */
export function rowLength(a: Csr, r: number): number {
  return a.indptr[r + 1] - a.indptr[r];
}

/** Stored value at (r, c), or NaN when absent (binary search in the sorted row). */
export function getValue(a: Csr, r: number, c: number): number {
  let lo = a.indptr[r],
    hi = a.indptr[r + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = a.indices[mid];
    if (v === c) return a.values[mid];
    if (v < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return NaN;
}

/** Mean of the stored values of each row (NaN for an empty row). */
export function rowMeans(a: Csr): Float64Array {
  const out = new Float64Array(a.nRows);
  for (let r = 0; r < a.nRows; r++) {
    let s = 0;
    for (let p = a.indptr[r]; p < a.indptr[r + 1]; p++) s += a.values[p];
    out[r] = s / (a.indptr[r + 1] - a.indptr[r]);
  }
  return out;
}

/** y = A x for a dense x of length nCols (row-major), optionally for `width` columns at once: X is nCols×width, Y nRows×width. */
export function multiplyDense(a: Csr, x: Float64Array, width = 1): Float64Array {
  const y = new Float64Array(a.nRows * width);
  for (let r = 0; r < a.nRows; r++) {
    const yo = r * width;
    for (let p = a.indptr[r]; p < a.indptr[r + 1]; p++) {
      const v = a.values[p],
        xo = a.indices[p] * width;
      for (let f = 0; f < width; f++) y[yo + f] += v * x[xo + f];
    }
  }
  return y;
}

/** A block of the matrix as a dense row-major Float32Array (missing = NaN), for display only. */
export function denseBlock(a: Csr, rowStart: number, rowEnd: number, colStart: number, colEnd: number): Float32Array {
  const w = colEnd - colStart;
  const out = new Float32Array((rowEnd - rowStart) * w).fill(NaN);
  for (let r = rowStart; r < rowEnd; r++) {
    for (let p = a.indptr[r]; p < a.indptr[r + 1]; p++) {
      const c = a.indices[p];
      if (c >= colStart && c < colEnd) out[(r - rowStart) * w + c - colStart] = a.values[p];
    }
  }
  return out;
}
