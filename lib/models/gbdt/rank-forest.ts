/**
 * A forest compiled for fast prediction: every split "x < t" becomes an integer compare on the
 * rank of x among the forest's sorted distinct thresholds of that feature, and every tree is laid
 * out as a complete binary tree of the forest's depth. Built once per model, never serialised.
 *
 * Ranks. For feature f with sorted distinct thresholds c_0 < … < c_{m−1}, rank(x) = #{j : c_j ≤ x}
 * (0..m). Since the c_j are sorted, c_j ≤ x ⟺ j < rank(x), so the split x < c_j is rank(x) ≤ j.
 * The ranks come from the float traversal's own IEEE compares (−0 = +0; −Infinity has rank 0,
 * +Infinity rank m), so both routes agree on every input. Codes are 16-bit: no slower than
 * 8-bit ones in bench/gbdt-predict.ts, and one element type keeps the kernel monomorphic.
 *
 * Missing values without a branch: each row is coded twice, d "high" columns (rank; NaN → 65535,
 * above every split code, so it goes right) then d "low" columns (rank + 1; NaN → 0, so it goes
 * left). A node whose missing values go left reads the low column with split code j + 1, the
 * others the high column with j; the row goes right when its code exceeds the split code. Every
 * node is then one load and one integer compare, and incomplete rows need no separate pass.
 */
import type {GbdtModel} from "./model.js";
import {KERNEL_ROWS, KERNEL_TREES, wasmKernel} from "../../wasm/rank-forest.js";
import {treeDepth} from "./tree.js";

/** Deeper trees would need 2^D nodes per tree: predict.ts traverses those node by node instead. */
export const RANK_FOREST_MAX_DEPTH = 10;

/** Code of a missing value in the high columns: above every rank and split code. */
const MISSING_HIGH = 65535;

export interface RankForest {
  /** Depth D of the complete layout (the deepest tree's depth), 0..RANK_FOREST_MAX_DEPTH. */
  depth: number;
  num_feature: number;
  /** Search table: per feature P slots, its sorted distinct split thresholds (float32 values), then +Infinity. */
  cuts: Float64Array;
  /** Slots per feature in cuts: the smallest power of two above every feature's threshold count (256..32768). */
  slots: number;
  /**
   * Per tree 2^D − 1 internal nodes, breadth-first (children of node p at 2p + 1, 2p + 2):
   * (2 × column) << 16 | split code s, for column 0..2d−1 (twice the column: the byte offset of its
   * 16-bit code, which the WebAssembly kernel uses as is); the row goes right when code[column] > s.
   */
  node: Int32Array;
  /** Per tree 2^D leaf values (float32). */
  leaf: Float32Array;
}

const cache = new WeakMap<GbdtModel, RankForest | null>();

/** The compiled forest of a model (cached per model object), or null when it cannot be compiled (depth > 10, > 32767 thresholds on a feature, or > 16384 features). */
export function rankForest(model: GbdtModel): RankForest | null {
  if (cache.has(model)) return cache.get(model)!;
  const out = compile(model);
  cache.set(model, out);
  return out;
}

function compile(model: GbdtModel): RankForest | null {
  const d = model.num_feature;
  if (4 * d > 1 << 16) return null;
  let depth = 0;
  for (const t of model.trees) depth = Math.max(depth, treeDepth(t));
  if (depth > RANK_FOREST_MAX_DEPTH) return null;

  // Thresholds as the float32 values the float traversal compares with (−0 folded into +0: equal under <).
  const sets: Set<number>[] = Array.from({length: d}, () => new Set<number>());
  for (const t of model.trees)
    for (let j = 0; j < t.feature.length; j++)
      if (t.feature[j] >= 0) sets[t.feature[j]].add(Math.fround(t.threshold[j]) || 0);
  const sorted = sets.map((s) => Float64Array.from(s).sort());
  let maxCuts = 0;
  for (const c of sorted) maxCuts = Math.max(maxCuts, c.length);
  // Ranks reach slots − 1 (see encodeRanks) and low codes slots: both must stay below MISSING_HIGH.
  if (maxCuts > 32767) return null;
  let slots = 256;
  while (slots <= maxCuts) slots *= 2;
  const cuts = new Float64Array(d * slots).fill(Infinity);
  sorted.forEach((c, f) => cuts.set(c, f * slots));
  // Index j of each threshold value in its feature's sorted list.
  const position = sorted.map((c) => new Map(Array.from(c, (v, j) => [v, j])));

  const nInternal = (1 << depth) - 1;
  const nLeaves = 1 << depth;
  const T = model.trees.length;
  // Pass-through nodes (a leaf above depth D) read column 0 with split code 65535: no code exceeds it, so they always go left.
  const node = new Int32Array(T * nInternal).fill(MISSING_HIGH);
  const leaf = new Float32Array(T * nLeaves);
  model.trees.forEach((t, ti) => {
    const place = (src: number, pos: number, level: number): void => {
      if (level === depth) {
        leaf[ti * nLeaves + pos - nInternal] = t.value[src];
        return;
      }
      if (t.feature[src] < 0) {
        place(src, 2 * pos + 1, level + 1);
        return;
      }
      const f = t.feature[src];
      const j = position[f].get(Math.fround(t.threshold[src]) || 0)!;
      // x < c_j ⟺ rank ≤ j (high column) ⟺ rank + 1 ≤ j + 1 (low column).
      node[ti * nInternal + pos] = t.default_left[src] === 1 ? ((2 * (d + f)) << 16) | (j + 1) : ((2 * f) << 16) | j;
      place(t.left[src], 2 * pos + 1, level + 1);
      place(t.right[src], 2 * pos + 2, level + 1);
    };
    place(0, 0, 0);
  });
  return {depth, num_feature: d, cuts, slots, node, leaf};
}

/**
 * Codes of a row-major n × d float32 matrix (NaN = missing) for the forest: row-major n × 2d,
 * the d high columns then the d low columns of each row (see the file comment).
 */
export function encodeRanks(forest: RankForest, features: Float32Array, n: number): Uint16Array {
  const d = forest.num_feature;
  const codes = new Uint16Array(n * 2 * d);
  const {cuts, slots} = forest;
  for (let i = 0, src = 0, dst = 0; i < n; i++, dst += d) {
    for (let f = 0, base = 0; f < d; f++, src++, dst++, base += slots) {
      const x = features[src];
      // rank = #{c ≤ x}: a branch-free binary search over the power-of-two table (the compares are
      // 0/1 and mispredict nothing; unrolled for one table of 256, so no loop-carried branch). The
      // +Infinity padding counts only for x = +Infinity, whose rank > m every split treats as m.
      let lo = base;
      if (slots === 256) {
        lo += ((cuts[lo + 127] <= x) as unknown as number) << 7;
        lo += ((cuts[lo + 63] <= x) as unknown as number) << 6;
        lo += ((cuts[lo + 31] <= x) as unknown as number) << 5;
        lo += ((cuts[lo + 15] <= x) as unknown as number) << 4;
        lo += ((cuts[lo + 7] <= x) as unknown as number) << 3;
        lo += ((cuts[lo + 3] <= x) as unknown as number) << 2;
        lo += ((cuts[lo + 1] <= x) as unknown as number) << 1;
        lo += (cuts[lo] <= x) as unknown as number;
      } else {
        for (let step = slots >> 1; step > 0; step >>= 1)
          lo += ((cuts[lo + step - 1] <= x) as unknown as number) * step;
      }
      const rank = lo - base;
      // A NaN fails every compare (rank 0): mask it to the missing codes instead.
      const nan = (x !== x) as unknown as number;
      codes[dst] = rank | -nan;
      codes[dst + d] = (rank + 1) & (nan - 1);
    }
  }
  return codes;
}

/** Which kernel addRankForest runs: WebAssembly when available ("auto"), or JavaScript only. */
export type RankKernel = "auto" | "js";

/**
 * Adds the forest on several threads: true when it did (every output as addRankForest on one thread
 * leaves it), false to have the caller add alone (threads busy, not started, or n too small).
 */
export type ThreadedForest = (
  forest: RankForest,
  codes: Uint16Array,
  n: number,
  nTrees: number,
  groups: number,
  out: Float32Array
) => boolean;

let threaded: ThreadedForest | null = null;

/** Installs (or with null removes) the several-thread forest that addRankForest tries first; Node's is useForestThreads. */
export function setThreadedForest(f: ThreadedForest | null): void {
  threaded = f;
}

/** The several-thread forest installed now, or null. */
export function currentThreadedForest(): ThreadedForest | null {
  return threaded;
}

/**
 * Adds trees [0, nTrees) of the forest to out (row-major n × groups; tree t adds its leaf to
 * group t mod groups) for codes from encodeRanks; every output's float32 sum runs in tree order.
 */
export function addRankForest(
  forest: RankForest,
  codes: Uint16Array,
  n: number,
  nTrees: number,
  groups: number,
  out: Float32Array,
  kernel: RankKernel = "auto"
): void {
  if (nTrees <= 0 || n === 0) return;
  // Rows are independent and each output's sum runs in tree order on any thread: the same bits.
  if (kernel === "auto" && threaded !== null && forest.depth > 0 && threaded(forest, codes, n, nTrees, groups, out))
    return;
  if (forest.depth === 0) {
    for (let t = 0; t < nTrees; t++) for (let i = 0, o = t % groups; i < n; i++, o += groups) out[o] += forest.leaf[t];
    return;
  }
  // WebAssembly takes whole blocks of KERNEL_ROWS rows and KERNEL_TREES trees; the rest is then
  // added in tree order: the last n mod KERNEL_ROWS rows for those trees, then the last trees for every row.
  const rows = n - (n % KERNEL_ROWS);
  const trees = nTrees - (nTrees % KERNEL_TREES);
  if (kernel === "auto" && rows > 0 && trees > 0 && addRankForestWasm(forest, codes, rows, trees, groups, out)) {
    for (let t = 0; t < trees; t++) addTreeRows(forest, codes, t, rows, n, groups, out);
    for (let t = trees; t < nTrees; t++) addTreeRows(forest, codes, t, 0, n, groups, out);
    return;
  }
  addRankForestJs(forest, codes, n, nTrees, groups, out);
}

/** Rows per WebAssembly call: bounds the kernel's memory (about 0.3 MB of codes and outputs here) for any n. */
const WASM_CHUNK_ROWS = 4096;

/** Runs the WebAssembly kernel on rows [0, rows) and trees [0, trees) (multiples of KERNEL_ROWS and KERNEL_TREES); false when WebAssembly is unavailable or its memory cannot grow. */
function addRankForestWasm(
  forest: RankForest,
  codes: Uint16Array,
  rows: number,
  trees: number,
  groups: number,
  out: Float32Array
): boolean {
  const wasm = wasmKernel();
  if (wasm === null) return false;
  const nInternal = (1 << forest.depth) - 1;
  const nLeaves = 1 << forest.depth;
  const w = 2 * forest.num_feature;
  const chunk = Math.min(rows, WASM_CHUNK_ROWS - (WASM_CHUNK_ROWS % KERNEL_ROWS));
  const nodeOff = 0;
  const leafOff = nodeOff + 4 * trees * nInternal;
  const outOff = leafOff + 4 * trees * nLeaves;
  const codesOff = outOff + 4 * chunk * groups;
  const bytes = codesOff + 2 * chunk * w;
  try {
    const have = wasm.memory.buffer.byteLength;
    if (bytes > have) wasm.memory.grow(Math.ceil((bytes - have) / 65536));
  } catch {
    return false;
  }
  const buf = wasm.memory.buffer;
  new Int32Array(buf, nodeOff, trees * nInternal).set(forest.node.subarray(0, trees * nInternal));
  new Float32Array(buf, leafOff, trees * nLeaves).set(forest.leaf.subarray(0, trees * nLeaves));
  const wasmOut = new Float32Array(buf, outOff, chunk * groups);
  const wasmCodes = new Uint16Array(buf, codesOff, chunk * w);
  for (let r0 = 0; r0 < rows; r0 += chunk) {
    const m = Math.min(chunk, rows - r0);
    wasmOut.set(out.subarray(r0 * groups, (r0 + m) * groups));
    wasmCodes.set(codes.subarray(r0 * w, (r0 + m) * w));
    wasm.kernel(nodeOff, leafOff, codesOff, outOff, m, trees, groups, forest.depth, w);
    out.set(wasmOut.subarray(0, m * groups), r0 * groups);
  }
  return true;
}

/** The JavaScript kernel of addRankForest (depth >= 1). */
// Two rows × four trees per pass: each level's load depends on the previous level's compare, so
// one traversal alone is latency-bound; eight independent chains overlap (more spill registers).
// The root split is the same for every row, so it is read once per tree. `| 0` keeps V8 on int32
// adds without overflow checks. Timed as js_kernel in bench/gbdt-predict.ts.
function addRankForestJs(
  forest: RankForest,
  codes: Uint16Array,
  n: number,
  nTrees: number,
  groups: number,
  out: Float32Array
): void {
  const D = forest.depth;
  const {node, leaf} = forest;
  const nInternal = (1 << D) - 1;
  const nLeaves = 1 << D;
  const w = 2 * forest.num_feature;
  let t = 0;
  for (; t + 4 <= nTrees; t += 4) {
    const n0 = t * nInternal;
    const n1 = (n0 + nInternal) | 0;
    const n2 = (n1 + nInternal) | 0;
    const n3 = (n2 + nInternal) | 0;
    const l0 = (t * nLeaves - nInternal) | 0;
    const l1 = (l0 + nLeaves) | 0;
    const l2 = (l1 + nLeaves) | 0;
    const l3 = (l2 + nLeaves) | 0;
    const k0 = t % groups;
    const k1 = (t + 1) % groups;
    const k2 = (t + 2) % groups;
    const k3 = (t + 3) % groups;
    const c0 = node[n0] >>> 17;
    const c1 = node[n1] >>> 17;
    const c2 = node[n2] >>> 17;
    const c3 = node[n3] >>> 17;
    const s0 = node[n0] & 0xffff;
    const s1 = node[n1] & 0xffff;
    const s2 = node[n2] & 0xffff;
    const s3 = node[n3] & 0xffff;
    let i = 0;
    for (; i + 2 <= n; i += 2) {
      const a = (i * w) | 0;
      const b = (a + w) | 0;
      // Position in the tree: 2p + 1 + (code > split), i.e. + 1 when the row goes right.
      let a0 = (1 + ((s0 - codes[(a + c0) | 0]) >>> 31)) | 0;
      let a1 = (1 + ((s1 - codes[(a + c1) | 0]) >>> 31)) | 0;
      let a2 = (1 + ((s2 - codes[(a + c2) | 0]) >>> 31)) | 0;
      let a3 = (1 + ((s3 - codes[(a + c3) | 0]) >>> 31)) | 0;
      let b0 = (1 + ((s0 - codes[(b + c0) | 0]) >>> 31)) | 0;
      let b1 = (1 + ((s1 - codes[(b + c1) | 0]) >>> 31)) | 0;
      let b2 = (1 + ((s2 - codes[(b + c2) | 0]) >>> 31)) | 0;
      let b3 = (1 + ((s3 - codes[(b + c3) | 0]) >>> 31)) | 0;
      for (let level = 1; level < D; level++) {
        const x0 = node[(n0 + a0) | 0];
        const x1 = node[(n1 + a1) | 0];
        const x2 = node[(n2 + a2) | 0];
        const x3 = node[(n3 + a3) | 0];
        const y0 = node[(n0 + b0) | 0];
        const y1 = node[(n1 + b1) | 0];
        const y2 = node[(n2 + b2) | 0];
        const y3 = node[(n3 + b3) | 0];
        a0 = (2 * a0 + 1 + (((x0 & 0xffff) - codes[(a + (x0 >>> 17)) | 0]) >>> 31)) | 0;
        a1 = (2 * a1 + 1 + (((x1 & 0xffff) - codes[(a + (x1 >>> 17)) | 0]) >>> 31)) | 0;
        a2 = (2 * a2 + 1 + (((x2 & 0xffff) - codes[(a + (x2 >>> 17)) | 0]) >>> 31)) | 0;
        a3 = (2 * a3 + 1 + (((x3 & 0xffff) - codes[(a + (x3 >>> 17)) | 0]) >>> 31)) | 0;
        b0 = (2 * b0 + 1 + (((y0 & 0xffff) - codes[(b + (y0 >>> 17)) | 0]) >>> 31)) | 0;
        b1 = (2 * b1 + 1 + (((y1 & 0xffff) - codes[(b + (y1 >>> 17)) | 0]) >>> 31)) | 0;
        b2 = (2 * b2 + 1 + (((y2 & 0xffff) - codes[(b + (y2 >>> 17)) | 0]) >>> 31)) | 0;
        b3 = (2 * b3 + 1 + (((y3 & 0xffff) - codes[(b + (y3 >>> 17)) | 0]) >>> 31)) | 0;
      }
      // Tree order within each output: with one group all four trees add to the same cell.
      const oa = (i * groups) | 0;
      const ob = (oa + groups) | 0;
      out[oa + k0] += leaf[(l0 + a0) | 0];
      out[oa + k1] += leaf[(l1 + a1) | 0];
      out[oa + k2] += leaf[(l2 + a2) | 0];
      out[oa + k3] += leaf[(l3 + a3) | 0];
      out[ob + k0] += leaf[(l0 + b0) | 0];
      out[ob + k1] += leaf[(l1 + b1) | 0];
      out[ob + k2] += leaf[(l2 + b2) | 0];
      out[ob + k3] += leaf[(l3 + b3) | 0];
    }
    // An odd last row: its four trees one after the other.
    for (let u = t; u < t + 4; u++) addTreeRows(forest, codes, u, i, n, groups, out);
  }
  for (; t < nTrees; t++) addTreeRows(forest, codes, t, 0, n, groups, out);
}

/** Adds tree t's leaf for rows [from, to) to out: one row at a time (the tails of addRankForest). */
function addTreeRows(
  forest: RankForest,
  codes: Uint16Array,
  t: number,
  from: number,
  to: number,
  groups: number,
  out: Float32Array
): void {
  const D = forest.depth;
  const nInternal = (1 << D) - 1;
  const nb = t * nInternal;
  const lb = t * (1 << D) - nInternal;
  const w = 2 * forest.num_feature;
  const {node, leaf} = forest;
  for (let i = from; i < to; i++) {
    const a = i * w;
    let p = 0;
    for (let level = 0; level < D; level++) {
      const x = node[nb + p];
      p = 2 * p + 1 + (((x & 0xffff) - codes[a + (x >>> 17)]) >>> 31);
    }
    out[i * groups + (t % groups)] += leaf[lb + p];
  }
}
