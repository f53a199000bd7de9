/**
 * Inverse of a symmetric positive-definite matrix (EASE's (G + λI)⁻¹) by Cholesky, over row-major
 * Float64Arrays, in wasm SIMD row kernels where available. The work splits over threads without
 * changing a bit of the result: every element is computed by the same operations in the same order
 * whichever thread computes it (see InverseShare), so one thread and several give the same inverse.
 * Node's driver for several threads is ../node/threads/spd-inverse-threads.ts.
 */
import {linalgKernels, type Axpy4Fn, type Gather4Fn, type LinalgKernels} from "../wasm/linalg.js";

/** Row kernels over one Float64Array workspace; offsets and lengths in elements. */
export interface RowOps {
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

/**
 * The row operations in plain JavaScript over buf, in the kernels' order of operations (a dot
 * product sums even and odd terms apart, as the two SIMD lanes do, then adds the odd tail; a gather
 * adds its terms to y one at a time): the same bits as the kernels, where there is no wasm SIMD.
 */
export function jsRowOps(buf: Float64Array): RowOps {
  const dot = (a: number, b: number, n: number) => {
    const even = n & ~1;
    let l0 = 0,
      l1 = 0;
    for (let k = 0; k < even; k += 2) {
      l0 = l0 + buf[a + k] * buf[b + k];
      l1 = l1 + buf[a + k + 1] * buf[b + k + 1];
    }
    const s = l0 + l1;
    return even < n ? s + buf[a + even] * buf[b + even] : s;
  };
  const axpy = (y: number, x: number, c: number, n: number) => {
    for (let k = 0; k < n; k++) buf[y + k] = buf[y + k] + c * buf[x + k];
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
        buf[y + k] = buf[y + k] + c0 * buf[x0 + k] + c1 * buf[x1 + k] + c2 * buf[x2 + k] + c3 * buf[x3 + k];
    }
  };
}

/**
 * The wasm kernels k over memory as row operations on its first `size` doubles; dot4 writes its four
 * results to the doubles at element `scratch` (each thread needs its own).
 */
export function wasmRowOps(k: LinalgKernels, memory: WebAssembly.Memory, size: number, scratch: number): RowOps {
  const out = () => new Float64Array(memory.buffer, scratch * 8, 4);
  let results = out();
  return {
    buf: new Float64Array(memory.buffer, 0, size),
    dot: (a, b, n) => k.dot(a * 8, b * 8, n),
    axpy: (y, x, c, n) => k.axpy(y * 8, x * 8, c, n),
    dot4(a0, a1, a2, a3, b, n, dst) {
      k.dot4(a0 * 8, a1 * 8, a2 * 8, a3 * 8, b * 8, n, scratch * 8);
      if (results.buffer !== memory.buffer) results = out();
      dst.set(results);
    },
    axpy4: (y0, y1, y2, y3, x, c0, c1, c2, c3, n) => k.axpy4(y0 * 8, y1 * 8, y2 * 8, y3 * 8, x * 8, c0, c1, c2, c3, n),
    gather4: (y, x0, x1, x2, x3, c0, c1, c2, c3, n) =>
      k.gather4(y * 8, x0 * 8, x1 * 8, x2 * 8, x3 * 8, c0, c1, c2, c3, n)
  };
}

/** A workspace of `size` doubles (plus 4 scratch) in a new wasm memory with the SIMD kernels, or null without wasm SIMD. */
export function newWasmRowOps(size: number): RowOps | null {
  if (typeof WebAssembly === "undefined") return null;
  const memory = new WebAssembly.Memory({initial: Math.ceil(((size + 4) * 8) / 65536) + 1});
  const k = linalgKernels(memory);
  return k === null ? null : wasmRowOps(k, memory, size, size);
}

/**
 * One thread's share of an inversion and how it meets the others. The Cholesky rows go in blocks
 * of four, block b to thread b mod count, each waiting only for the rows it reads (a pipeline);
 * W = L⁻¹ splits by columns (a column of W needs only the same column of earlier rows); A⁻¹ = WᵀW
 * by rows of the output. A thread alone has index 0, count 1 and never waits.
 */
export interface InverseShare {
  /** This thread's index, 0 ≤ index < count. */
  readonly index: number;
  /** Threads taking part. */
  readonly count: number;
  /** Blocks until rows [0, rows) of L are final. */
  awaitRows(rows: number): void;
  /** Publishes that rows [0, rows) of L are final (rows only grow). */
  publishRows(rows: number): void;
  /** Blocks until every thread has reached this point. */
  sync(): void;
}

/** The share of a thread working alone. */
export const ALONE: InverseShare = {index: 0, count: 1, awaitRows() {}, publishRows() {}, sync() {}};

/** Doubles of the workspace an n×n inversion needs: L (in place of A) | W = L⁻¹ | A⁻¹. */
export function inverseWorkspace(n: number): number {
  return 3 * n * n;
}

/** Columns [lo, hi) of W that thread index of count computes: equal shares of the Σ (n − j)² work, even bounds. */
export function wColumns(n: number, index: number, count: number): [number, number] {
  const bound = (t: number) => (t >= count ? n : Math.min(n, 2 * Math.round((n - n * Math.cbrt(1 - t / count)) / 2)));
  return [bound(index), bound(index + 1)];
}

/** The thread that accumulates row p of A⁻¹: rows go in runs of eight, dealt in turn. */
function outputOwner(p: number, count: number): number {
  return (p >> 3) % count;
}

/**
 * This thread's share of inverting the SPD matrix held in ops.buf[0, n²) (lower triangle read):
 * leaves the lower triangle of A⁻¹ in ops.buf[2n², 3n²) once every thread has returned. About n³/2
 * multiply-adds in all. Throws when a pivot is not positive (the matrix is not positive definite).
 */
export function inverseSteps(ops: RowOps, n: number, share: InverseShare): void {
  const m = ops.buf;
  const nn = n * n;
  const L = 0,
    W = nn,
    OUT = 2 * nn;
  const {index, count} = share;
  const tmp = new Float64Array(4);
  const row = (base: number, i: number) => base + i * n;

  // Cholesky A = L Lᵀ, row by row (left-looking), four rows per pass over each earlier row.
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
  let i = 0,
    block = 0;
  for (; i + 3 < n; i += 4, block++) {
    if (block % count !== index) continue;
    const r0 = row(L, i),
      r1 = r0 + n,
      r2 = r1 + n,
      r3 = r2 + n;
    for (let j = 0; j < i; j++) {
      share.awaitRows(j + 1);
      const rj = row(L, j),
        d = m[rj + j];
      ops.dot4(r0, r1, r2, r3, rj, j, tmp);
      m[r0 + j] = (m[r0 + j] - tmp[0]) / d;
      m[r1 + j] = (m[r1 + j] - tmp[1]) / d;
      m[r2 + j] = (m[r2 + j] - tmp[2]) / d;
      m[r3 + j] = (m[r3 + j] - tmp[3]) / d;
    }
    for (let t = 0; t < 4; t++) cholRow(i + t, i);
    share.publishRows(i + 4);
  }
  if (i < n && block % count === index) {
    share.awaitRows(i);
    for (; i < n; i++) cholRow(i, 0);
    share.publishRows(n);
  }
  share.sync();

  // W[i] = (e_i − Σ_{k<i} L[i][k]·W[k]) / L[i][i]; W is lower triangular so row k has k+1 entries.
  // This thread computes columns [lo, hi) of every row; rows k < lo have no entry there.
  const [lo, hi] = wColumns(n, index, count);
  const span = (k: number) => Math.min(k + 1, hi) - lo;
  const finishW = (i: number, from: number) => {
    const ri = row(L, i),
      wi = row(W, i);
    for (let k = Math.max(from, lo); k < i; k++) {
      const c = m[ri + k];
      if (c !== 0) ops.axpy(wi + lo, row(W, k) + lo, -c, span(k));
    }
    if (i >= lo && i < hi) m[wi + i] += 1;
    const d = 1 / m[ri + i];
    for (let j = lo, end = Math.min(i + 1, hi); j < end; j++) m[wi + j] *= d;
  };
  i = 0;
  for (; i + 3 < n; i += 4) {
    if (i + 3 < lo) continue;
    const l0 = row(L, i),
      w0 = row(W, i) + lo;
    for (let k = lo; k < i; k++)
      ops.axpy4(
        w0,
        w0 + n,
        w0 + 2 * n,
        w0 + 3 * n,
        row(W, k) + lo,
        -m[l0 + k],
        -m[l0 + n + k],
        -m[l0 + 2 * n + k],
        -m[l0 + 3 * n + k],
        span(k)
      );
    for (let t = 0; t < 4; t++) finishW(i + t, i);
  }
  for (; i < n; i++) if (i >= lo) finishW(i, 0);
  share.sync();

  // A⁻¹ = Wᵀ W: lower triangle accumulated from rows of W (entries above W's diagonal are 0).
  let k = 0;
  for (; k + 3 < n; k += 4) {
    const w0 = row(W, k),
      w1 = w0 + n,
      w2 = w1 + n,
      w3 = w2 + n;
    for (let p = 0; p <= k + 3; p++)
      if (outputOwner(p, count) === index)
        ops.gather4(row(OUT, p), w0, w1, w2, w3, m[w0 + p], m[w1 + p], m[w2 + p], m[w3 + p], p + 1);
  }
  for (; k < n; k++) {
    const wk = row(W, k);
    for (let p = 0; p <= k; p++) {
      const c = m[wk + p];
      if (c !== 0 && outputOwner(p, count) === index) ops.axpy(row(OUT, p), wk, c, p + 1);
    }
  }
  share.sync();
}

/** A⁻¹ as a new full n×n array from the lower triangle inverseSteps left in buf[2n², 3n²). */
export function mirroredInverse(buf: Float64Array, n: number): Float64Array {
  const out = buf.slice(2 * n * n, 3 * n * n);
  for (let p = 0; p < n; p++) for (let q = 0; q < p; q++) out[q * n + p] = out[p * n + q];
  return out;
}

/** Inverts on several threads: the inverse, or null to have the caller invert alone (threads busy or not worth it). */
export type ThreadedInverse = (a: Float64Array, n: number) => Float64Array | null;

let threaded: ThreadedInverse | null = null;

/** Installs (or with null removes) the several-thread inversion that invertSpd tries first; Node's is useInverseThreads. */
export function setThreadedInverse(f: ThreadedInverse | null): void {
  threaded = f;
}

/**
 * Inverse of a symmetric positive-definite n×n matrix (row-major; only the lower triangle is read):
 * on the installed threads when there are any (useWasm), else on this thread in wasm SIMD
 * (useWasm, where available) or plain JS. Threads, one thread and plain JS all give the same bits.
 * Throws when a pivot is not positive.
 */
export function invertSpd(a: Float64Array, n: number, useWasm = true): Float64Array {
  if (a.length !== n * n) throw new RangeError(`invertSpd: ${a.length} values for n = ${n}; expected n²`);
  if (useWasm && threaded !== null) {
    const out = threaded(a, n);
    if (out !== null) return out;
  }
  const size = inverseWorkspace(n);
  const ops = (useWasm ? newWasmRowOps(size) : null) ?? jsRowOps(new Float64Array(size));
  ops.buf.set(a);
  inverseSteps(ops, n, ALONE);
  return mirroredInverse(ops.buf, n);
}
