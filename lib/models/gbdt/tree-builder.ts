/**
 * Grows one tree depth-wise from byte-coded features and one group's gradients, as XGBoost's
 * `hist` method: the histogram of the smaller child is built from its rows, the larger child's is
 * the parent's minus it (in place), rows are partitioned stably inside one Uint32Array.
 * Histograms, subtraction and partition run on lib/wasm/histogram.ts's SIMD kernels over a copy of the
 * matrix in WebAssembly memory where available (bit-identical trees), else on the JavaScript loops.
 */
import type {BinCuts} from "./binning.js";
import {
  addNode,
  featureMissingCode,
  fillHistogram,
  gradientSums,
  partitionBySplit,
  setLeaf,
  writeSplit,
  type NodeRange
} from "./grow-common.js";
import {histogramLength, slotMatrix, type Slots} from "./histogram.js";
import {
  histogramWorkspace,
  jsHistogramKernels,
  partitionColumn,
  type HistogramKernels,
  type HistogramWorkspace
} from "./histogram-kernels.js";
import {emptyCandidate, findBestSplit, isValidSplit, type SplitCandidate, type SplitParams} from "./split.js";
import {emptyTree, type GbdtTree} from "./tree.js";

/** Binned training matrix shared by every tree. */
export interface BinnedMatrix {
  n: number;
  d: number;
  /** Row-major n × d byte codes (see binning.ts). */
  bins: Uint8Array;
  /** Histogram slots 256·f + code of every cell (see slotMatrix). */
  slots: Slots;
  /** The byte codes column-major d × n: the partition reads one feature of scattered rows, 64 rows per cache line here against about 5 row-major (partition's profile share 9.7% → 5.9%). */
  columns: Uint8Array;
  cuts: BinCuts;
}

/** The binned matrix of row-major byte codes (n × d) and their cuts, with its slot and column-major copies. */
export function binnedMatrix(bins: Uint8Array, n: number, d: number, cuts: BinCuts): BinnedMatrix {
  const columns = new Uint8Array(n * d);
  for (let f = 0; f < d; f++) for (let r = 0, p = f, q = f * n; r < n; r++, p += d, q++) columns[q] = bins[p];
  return {n, d, bins, slots: slotMatrix(bins, n, d), columns, cuts};
}

/** Growth parameters of one tree. */
export interface GrowParams extends SplitParams {
  maxDepth: number;
  /** Learning rate applied to leaf weights (float32). */
  eta: number;
}

/** A grown tree and where the grown rows ended: leaf j holds rows[leafBegin[j] .. leafEnd[j]). */
export interface GrownTree {
  tree: GbdtTree;
  leafNodes: number[];
  leafBegin: number[];
  leafEnd: number[];
}

/** Reusable scratch space (row buffers, histogram pool) for growing many trees on one matrix. */
export class TreeBuilder {
  readonly data: BinnedMatrix;
  readonly params: GrowParams;
  /** Row indices of the last tree, partitioned so that each leaf's rows are contiguous. */
  readonly rows: Uint32Array;
  private readonly tmp: Uint32Array;
  private readonly pool: Float64Array[] = [];
  /** Second accumulator of buildHistogram. */
  private readonly spare: Float64Array;
  private readonly allFeatures: Int32Array;
  private readonly candidate: SplitCandidate = emptyCandidate();

  /** The WebAssembly kernels' arena (null: the JavaScript loops on the JavaScript arrays). */
  private readonly ws: HistogramWorkspace | null;
  private readonly kernels: HistogramKernels;
  private readonly slots: Slots;
  private readonly columns: Uint8Array;

  /** wasm: run the hot loops on the WebAssembly kernels where the engine allows (false: always the JavaScript loops; trees are identical). */
  constructor(data: BinnedMatrix, params: GrowParams, wasm = true) {
    this.data = data;
    this.params = params;
    // Histograms alive at once: a level's nodes (at most 2^(depth−1) split) and the child being built.
    const ws = wasm ? histogramWorkspace(data, 2 ** Math.min(Math.max(0, params.maxDepth - 1), 10) + 2) : null;
    this.ws = ws;
    this.kernels = ws?.kernels ?? jsHistogramKernels;
    this.slots = ws?.slots ?? data.slots;
    this.columns = ws?.columns ?? data.columns;
    this.rows = ws?.rows ?? new Uint32Array(data.n);
    this.tmp = ws?.tmp ?? new Uint32Array(data.n);
    this.allFeatures = Int32Array.from({length: data.d}, (_, f) => f);
    this.spare = ws?.spare ?? new Float64Array(histogramLength(data.d));
  }

  /**
   * Grows a tree on the gradients gh (interleaved g, h per row, length 2n) over the sampled rows
   * (null: every row) using the listed features (null: all).
   */
  grow(gh: Float64Array, sample: Uint32Array | null, features: Int32Array | null): GrownTree {
    const {n, d, cuts} = this.data;
    if (this.ws !== null && gh.buffer !== this.ws.arena.buffer) {
      this.ws.gh.set(gh.subarray(0, 2 * n));
      gh = this.ws.gh;
    }
    const p = this.params;
    const feats = features ?? this.allFeatures;
    const allFeats = feats.length === d;
    const rows = this.rows;
    let m = n;
    if (sample === null) for (let i = 0; i < n; i++) rows[i] = i;
    else {
      rows.set(sample);
      m = sample.length;
    }
    const tree = emptyTree();
    const out: GrownTree = {tree, leafNodes: [], leafBegin: [], leafEnd: []};
    const [G, H] = gradientSums(gh, rows, m);
    addNode(tree);
    const mcw2 = 2 * p.minChildWeight;
    let level: LevelNode[] = [{id: 0, begin: 0, end: m, G, H, hist: null}];
    if (p.maxDepth > 0 && H >= mcw2 && m >= 2) {
      level[0].hist = this.acquire();
      this.fill(level[0].hist, gh, 0, m, feats, allFeats);
    }
    const best = this.candidate;
    for (let depth = 0; level.length > 0; depth++) {
      const next: LevelNode[] = [];
      for (const node of level) {
        const hist = node.hist;
        if (hist === null) {
          setLeaf(out, node, p);
          continue;
        }
        findBestSplit(hist, node.G, node.H, cuts, feats, p, best);
        if (!isValidSplit(best, p)) {
          setLeaf(out, node, p);
          this.release(hist);
          continue;
        }
        const mid = partitionBySplit(this.kernels, rows, this.tmp, this.columns, n, cuts, node.begin, node.end, best);
        const lid = writeSplit(tree, node.id, best);
        const left: LevelNode = {id: lid, begin: node.begin, end: mid, G: best.GL, H: best.HL, hist: null};
        const right: LevelNode = {id: lid + 1, begin: mid, end: node.end, G: best.GR, H: best.HR, hist: null};
        if (depth + 1 < p.maxDepth) {
          const lOk = left.H >= mcw2 && mid - node.begin >= 2;
          const rOk = right.H >= mcw2 && node.end - mid >= 2;
          if (lOk || rOk) {
            const leftSmaller = mid - node.begin <= node.end - mid;
            const small = leftSmaller ? left : right;
            const large = leftSmaller ? right : left;
            const smallHist = this.acquire();
            this.fill(smallHist, gh, small.begin, small.end, feats, allFeats);
            if (large === left ? lOk : rOk) {
              this.kernels.subtract(hist, hist, smallHist, feats);
              large.hist = hist;
            } else this.release(hist);
            if (small === left ? lOk : rOk) small.hist = smallHist;
            else this.release(smallHist);
          } else this.release(hist);
        } else this.release(hist);
        next.push(left, right);
      }
      level = next;
    }
    return out;
  }

  private fill(
    hist: Float64Array,
    gh: Float64Array,
    begin: number,
    end: number,
    feats: Int32Array,
    allFeats: boolean
  ): void {
    fillHistogram(this.kernels, hist, this.slots, this.data.d, gh, this.rows, begin, end, feats, allFeats, this.spare);
  }

  private acquire(): Float64Array {
    const h = this.pool.pop();
    if (h === undefined) return this.ws?.newHistogram() ?? new Float64Array(histogramLength(this.data.d));
    h.fill(0);
    return h;
  }

  private release(h: Float64Array): void {
    this.pool.push(h);
  }
}

interface LevelNode extends NodeRange {
  hist: Float64Array | null;
}

/**
 * Stable partition of rows[begin..end) by feature f: codes <= bin (and missing when defaultLeft)
 * first; tmp is scratch of rows' length. Returns the split point.
 */
export function partitionRows(
  data: BinnedMatrix,
  rows: Uint32Array,
  tmp: Uint32Array,
  begin: number,
  end: number,
  f: number,
  bin: number,
  defaultLeft: boolean
): number {
  const {n, columns, cuts} = data;
  return partitionColumn(
    rows,
    tmp,
    columns.subarray(f * n, (f + 1) * n),
    begin,
    end,
    bin,
    featureMissingCode(cuts, f),
    defaultLeft
  );
}
