/**
 * The few dense linear-algebra routines the recommenders need, over row-major Float64Arrays:
 * SPD inversion by Cholesky (EASE), a symmetric eigensolver (small Gram matrices in the truncated SVD)
 * and thin QR by modified Gram–Schmidt. Inner loops walk contiguous rows.
 */
import {linalgKernels, type Axpy4Fn, type Gather4Fn} from "../wasm/linalg.js";

/** Row kernels over one Float64Array workspace; offsets and lengths in elements. */
interface RowOps {
  buf: Float64Array;
  dot(a: number, b: number, n: number): number;
  axpy(y: number, x: number, c: number, n: number): void;
  /** out[t] = dot(a_t, b) for four rows a_t. */
  dot4(a0: number, a1: number, a2: number, a3: number, b: number, n: number, out: Float64Array): void;
  /** y_t += c_t·x for four rows y_t (the kernel's signature, in elements rather than bytes). */
  axpy4: Axpy4Fn;
  /** y += Σ c_t·x_t over four rows x_t (likewise). */
  gather4: Gather4Fn;
}

function jsRowOps(buf: Float64Array): RowOps {
  const dot = (a: number, b: number, n: number) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += buf[a + k] * buf[b + k];
    return s;
  };
  const axpy = (y: number, x: number, c: number, n: number) => {
    for (let k = 0; k < n; k++) buf[y + k] += c * buf[x + k];
  };
  return {
    buf,
    dot,
    axpy,
    dot4(a0, a1, a2, a3, b, n, out) {
      out[0] = dot(a0, b, n);
      out[1] = dot(a1, b, n);
      out[2] = dot(a2, b, n);
      out[3] = dot(a3, b, n);
    },
    axpy4(y0, y1, y2, y3, x, c0, c1, c2, c3, n) {
      axpy(y0, x, c0, n);
      axpy(y1, x, c1, n);
      axpy(y2, x, c2, n);
      axpy(y3, x, c3, n);
    },
    gather4(y, x0, x1, x2, x3, c0, c1, c2, c3, n) {
      for (let k = 0; k < n; k++)
        buf[y + k] += c0 * buf[x0 + k] + c1 * buf[x1 + k] + c2 * buf[x2 + k] + c3 * buf[x3 + k];
    }
  };
}

/** A workspace of `size` doubles (plus 4 scratch) in wasm memory with the SIMD kernels, or null without wasm SIMD. */
function wasmRowOps(size: number): RowOps | null {
  if (typeof WebAssembly === "undefined") return null;
  const memory = new WebAssembly.Memory({initial: Math.ceil(((size + 4) * 8) / 65536) + 1});
  const k = linalgKernels(memory);
  if (k === null) return null;
  const scratch = new Float64Array(memory.buffer, size * 8, 4);
  return {
    buf: new Float64Array(memory.buffer, 0, size),
    dot: (a, b, n) => k.dot(a * 8, b * 8, n),
    axpy: (y, x, c, n) => k.axpy(y * 8, x * 8, c, n),
    dot4(a0, a1, a2, a3, b, n, out) {
      k.dot4(a0 * 8, a1 * 8, a2 * 8, a3 * 8, b * 8, n, size * 8);
      out.set(scratch);
    },
    axpy4: (y0, y1, y2, y3, x, c0, c1, c2, c3, n) => k.axpy4(y0 * 8, y1 * 8, y2 * 8, y3 * 8, x * 8, c0, c1, c2, c3, n),
    gather4: (y, x0, x1, x2, x3, c0, c1, c2, c3, n) =>
      k.gather4(y * 8, x0 * 8, x1 * 8, x2 * 8, x3 * 8, c0, c1, c2, c3, n)
  };
}

/**
 * Inverse of a symmetric positive-definite n×n matrix (row-major; only the lower triangle is read).
 * Cholesky A = L Lᵀ, W = L⁻¹ by row recurrences, A⁻¹ = Wᵀ W: about n³/2 multiply-adds over
 * contiguous rows, four rows per pass over the streamed row, in wasm SIMD when available
 * (useWasm) else plain JS. Throws when a pivot is not positive (matrix not positive definite).
 */
export function invertSpd(a: Float64Array, n: number, useWasm = true): Float64Array {
  if (a.length !== n * n) throw new RangeError(`invertSpd: ${a.length} values for n = ${n}; expected n²`);
  const nn = n * n;
  // Workspace: L (lower, in place of A) | W = L⁻¹ | A⁻¹
  const ops = (useWasm ? wasmRowOps(3 * nn) : null) ?? jsRowOps(new Float64Array(3 * nn));
  const m = ops.buf;
  m.set(a);
  const L = 0,
    W = nn,
    OUT = 2 * nn;
  const tmp = new Float64Array(4);
  const row = (base: number, i: number) => base + i * n;
  const cholRow = (i: number, from: number) => {
    const ri = row(L, i);
    for (let j = from; j <= i; j++) {
      const rj = row(L, j);
      const s = m[ri + j] - ops.dot(ri, rj, j);
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`invertSpd: pivot ${i} is ${s}; expected a positive-definite matrix`);
        m[ri + i] = Math.sqrt(s);
      } else {
        m[ri + j] = s / m[rj + j];
      }
    }
  };
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = row(L, i),
      r1 = r0 + n,
      r2 = r1 + n,
      r3 = r2 + n;
    for (let j = 0; j < i; j++) {
      const rj = row(L, j),
        d = m[rj + j];
      ops.dot4(r0, r1, r2, r3, rj, j, tmp);
      m[r0 + j] = (m[r0 + j] - tmp[0]) / d;
      m[r1 + j] = (m[r1 + j] - tmp[1]) / d;
      m[r2 + j] = (m[r2 + j] - tmp[2]) / d;
      m[r3 + j] = (m[r3 + j] - tmp[3]) / d;
    }
    for (let t = 0; t < 4; t++) cholRow(i + t, i);
  }
  for (; i < n; i++) cholRow(i, 0);
  // W[i] = (e_i − Σ_{k<i} L[i][k]·W[k]) / L[i][i]; W is lower triangular so row k has k+1 entries.
  const finishW = (i: number, from: number) => {
    const ri = row(L, i),
      wi = row(W, i);
    for (let k = from; k < i; k++) {
      const c = m[ri + k];
      if (c !== 0) ops.axpy(wi, row(W, k), -c, k + 1);
    }
    m[wi + i] += 1;
    const d = 1 / m[ri + i];
    for (let j = 0; j <= i; j++) m[wi + j] *= d;
  };
  i = 0;
  for (; i + 3 < n; i += 4) {
    const l0 = row(L, i),
      w0 = row(W, i);
    for (let k = 0; k < i; k++)
      ops.axpy4(
        w0,
        w0 + n,
        w0 + 2 * n,
        w0 + 3 * n,
        row(W, k),
        -m[l0 + k],
        -m[l0 + n + k],
        -m[l0 + 2 * n + k],
        -m[l0 + 3 * n + k],
        k + 1
      );
    for (let t = 0; t < 4; t++) finishW(i + t, i);
  }
  for (; i < n; i++) finishW(i, 0);
  // A⁻¹ = Wᵀ W: lower triangle accumulated from rows of W (entries above W's diagonal are 0), then mirrored.
  let k = 0;
  for (; k + 3 < n; k += 4) {
    const w0 = row(W, k),
      w1 = w0 + n,
      w2 = w1 + n,
      w3 = w2 + n;
    for (let p = 0; p <= k + 3; p++)
      ops.gather4(row(OUT, p), w0, w1, w2, w3, m[w0 + p], m[w1 + p], m[w2 + p], m[w3 + p], p + 1);
  }
  for (; k < n; k++) {
    const wk = row(W, k);
    for (let p = 0; p <= k; p++) {
      const c = m[wk + p];
      if (c !== 0) ops.axpy(row(OUT, p), wk, c, p + 1);
    }
  }
  const out = m.slice(OUT, OUT + nn);
  for (let p = 0; p < n; p++) for (let q = 0; q < p; q++) out[q * n + p] = out[p * n + q];
  return out;
}

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
