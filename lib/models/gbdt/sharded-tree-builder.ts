/**
 * Grows one tree depth-wise with its rows split across T threads (row sharding): every thread
 * keeps its own rows, partitions them and builds the histograms of its rows only; at the end of
 * each level a barrier makes all threads' histograms of the next level visible, and every thread
 * finds the same splits from their sum (summed in thread order, so the tree depends on T but not
 * on timing). Histograms of consecutive levels live in two slabs (parity), so a thread writing
 * level L+1 never touches what another thread may still read of level L.
 * With T = 1 and no barrier it grows exactly TreeBuilder's tree.
 */
import {MISSING_CODE} from "./binning.js";
import {histogramLength} from "./histogram.js";
import {
  addNode,
  fillHistogram,
  gradientSums,
  partitionBySplit,
  setLeaf,
  writeSplit,
  type NodeRange
} from "./grow-common.js";
import {jsHistogramKernels, type HistogramKernels} from "./histogram-kernels.js";
import {emptyCandidate, findBestSplit, isValidSplit, type SplitCandidate} from "./split.js";
import {emptyTree} from "./tree.js";
import type {BinnedMatrix, GrowParams, GrownTree} from "./tree-builder.js";

/** This thread's part of the rows: global rows [begin, end), thread index of count. */
export interface Shard {
  index: number;
  count: number;
  begin: number;
  end: number;
}

/** Memory and synchronisation shared by the threads growing one tree together. */
export interface ShardContext {
  shard: Shard;
  /** slabs[t][parity]: thread t's histograms of even / odd levels, shardSlabLength(d, maxDepth) each; written by thread t only. */
  slabs: Float64Array[][];
  /** Local gradient and hessian sums at the root, thread t at 2t (length 2·count). */
  sums: Float64Array;
  /** Returns when every thread has called it (a barrier); a no-op for one thread. */
  sync: () => void;
  /**
   * The WebAssembly kernels and this thread's buffers in their memory (the matrix's slots and
   * columns, gh and the slabs should live there too); absent: JavaScript loops and arrays.
   */
  wasm?: {kernels: HistogramKernels; rows: Uint32Array; tmp: Uint32Array; spare: Float64Array; scratch: Float64Array};
}

/** Histograms a level can need: 2^(maxDepth − 1) nodes at the deepest split level. */
export function shardSlabNodes(maxDepth: number): number {
  return 2 ** Math.max(0, maxDepth - 1);
}

/** Length (Float64 elements) of one slab for d features and a depth limit. */
export function shardSlabLength(d: number, maxDepth: number): number {
  return shardSlabNodes(maxDepth) * histogramLength(d);
}

/** Thread t's rows of n split in `count` contiguous, nearly equal parts. */
export function shardOf(n: number, index: number, count: number): Shard {
  return {index, count, begin: Math.floor((index * n) / count), end: Math.floor(((index + 1) * n) / count)};
}

/** begin, end: this thread's rows of the node. */
interface LevelNode extends NodeRange {
  /** Histogram slot in the level's slab, −1 when the node is a leaf for sure. */
  slot: number;
}

/** A tree being grown: its gradients, features, output so far and the level to split next. */
interface GrowState {
  gh: Float64Array;
  feats: Int32Array;
  allFeats: boolean;
  out: GrownTree;
  level: LevelNode[];
  depth: number;
  parity: number;
}

/** One thread's side of row-sharded tree growth; every thread calls grow with the same gradients, sample and features. */
export class ShardedTreeBuilder {
  readonly data: BinnedMatrix;
  readonly params: GrowParams;
  /** This thread's row indices (global) of the last tree, partitioned so that each leaf's rows are contiguous. */
  readonly rows: Uint32Array;
  private readonly tmp: Uint32Array;
  private readonly ctx: ShardContext;
  /** views[t][parity][slot]: histogram slot views of every thread's slabs. */
  private readonly views: Float64Array[][][];
  private readonly scratch: Float64Array;
  /** Second accumulator of buildHistogram. */
  private readonly spare: Float64Array;
  private readonly total: Float64Array;
  private readonly allFeatures: Int32Array;
  private readonly candidate: SplitCandidate = emptyCandidate();
  private readonly kernels: HistogramKernels;
  private state: GrowState | null = null;

  constructor(data: BinnedMatrix, params: GrowParams, ctx: ShardContext) {
    const {shard} = ctx;
    if (ctx.slabs.length !== shard.count)
      throw new RangeError(`ShardedTreeBuilder: ${ctx.slabs.length} slabs for ${shard.count} threads`);
    this.data = data;
    this.params = params;
    this.ctx = ctx;
    const m = shard.end - shard.begin;
    const w = ctx.wasm;
    if (w !== undefined && (w.rows.length < m || w.tmp.length < m))
      throw new RangeError(`ShardedTreeBuilder: wasm row buffers of ${w.rows.length}, ${w.tmp.length}, expected ${m}`);
    this.kernels = w?.kernels ?? jsHistogramKernels;
    this.rows = w?.rows.subarray(0, m) ?? new Uint32Array(m);
    this.tmp = w?.tmp.subarray(0, m) ?? new Uint32Array(m);
    const hl = histogramLength(data.d);
    const nodes = shardSlabNodes(params.maxDepth);
    this.views = ctx.slabs.map((pair) =>
      pair.map((slab) => {
        if (slab.length < nodes * hl)
          throw new RangeError(`ShardedTreeBuilder: slab of ${slab.length} values, expected ${nodes * hl}`);
        return Array.from({length: nodes}, (_, s) => slab.subarray(s * hl, (s + 1) * hl));
      })
    );
    this.scratch = w?.scratch ?? new Float64Array(hl);
    this.spare = w?.spare ?? new Float64Array(hl);
    this.total = new Float64Array(hl);
    this.allFeatures = Int32Array.from({length: data.d}, (_, f) => f);
  }

  /**
   * Grows a tree on gh (interleaved g, h per global row, length 2n) over the sampled rows
   * (ascending global indices; null: every row) using the listed features (null: all).
   * Leaf ranges in the result index this thread's rows. Same as begin, then step after every
   * sync until it returns false, then result: the phases let a thread grow several trees in
   * lockstep with one barrier per level for all of them.
   */
  grow(gh: Float64Array, sample: Uint32Array | null, features: Int32Array | null): GrownTree {
    this.begin(gh, sample, features);
    this.ctx.sync();
    while (this.step()) this.ctx.sync();
    this.ctx.sync();
    return this.result();
  }

  /** Starts a tree: this thread's rows, its gradient sums and root histogram. Call ctx.sync before step. */
  begin(gh: Float64Array, sample: Uint32Array | null, features: Int32Array | null): void {
    const {d} = this.data;
    const p = this.params;
    const {shard, sums} = this.ctx;
    const me = shard.index;
    const feats = features ?? this.allFeatures;
    const allFeats = feats.length === d;
    const rows = this.rows;
    let m: number;
    if (sample === null) {
      m = shard.end - shard.begin;
      for (let i = 0; i < m; i++) rows[i] = shard.begin + i;
    } else {
      const own = rowsInShard(sample, shard);
      rows.set(own);
      m = own.length;
    }
    const [g, h] = gradientSums(gh, rows, m);
    sums[2 * me] = g;
    sums[2 * me + 1] = h;
    // The root's histogram is built before the global sums are known: it almost always splits.
    const rootHist = p.maxDepth > 0;
    if (rootHist) {
      const root = this.views[me][0][0];
      root.fill(0);
      this.fill(root, gh, 0, m, feats, allFeats);
    }
    const tree = emptyTree();
    addNode(tree);
    this.state = {
      gh,
      feats,
      allFeats,
      out: {tree, leafNodes: [], leafBegin: [], leafEnd: []},
      level: [{id: 0, begin: 0, end: m, G: NaN, H: NaN, slot: rootHist ? 0 : -1}],
      depth: 0,
      parity: 0
    };
  }

  /**
   * One level, after a sync: every node's split from the summed histograms, this thread's
   * partition, the next level's histograms of its rows. False when the tree is complete
   * (after a last sync, result may be read and begin may start the next tree).
   */
  step(): boolean {
    const st = this.state;
    if (st === null) throw new Error("ShardedTreeBuilder.step before begin");
    const {cuts} = this.data;
    const p = this.params;
    const {gh, feats, allFeats, out} = st;
    const tree = out.tree;
    const rows = this.rows;
    const mcw2 = 2 * p.minChildWeight;
    if (st.depth === 0) {
      const {shard, sums} = this.ctx;
      let G = 0;
      let H = 0;
      for (let t = 0; t < shard.count; t++) {
        G += sums[2 * t];
        H += sums[2 * t + 1];
      }
      const root = st.level[0];
      root.G = G;
      root.H = H;
      if (H < mcw2) root.slot = -1;
    }
    const own = this.views[this.ctx.shard.index];
    const best = this.candidate;
    const parity = st.parity;
    const np = parity ^ 1;
    const next: LevelNode[] = [];
    let nextSlot = 0;
    for (const node of st.level) {
      if (node.slot < 0) {
        setLeaf(out, node, p);
        continue;
      }
      findBestSplit(this.summed(parity, node.slot, feats), node.G, node.H, cuts, feats, p, best);
      if (!isValidSplit(best, p)) {
        setLeaf(out, node, p);
        continue;
      }
      const mid = partitionBySplit(
        this.kernels,
        rows,
        this.tmp,
        this.data.columns,
        this.data.n,
        cuts,
        node.begin,
        node.end,
        best
      );
      const lid = writeSplit(tree, node.id, best);
      const left: LevelNode = {id: lid, begin: node.begin, end: mid, G: best.GL, H: best.HL, slot: -1};
      const right: LevelNode = {id: lid + 1, begin: mid, end: node.end, G: best.GR, H: best.HR, slot: -1};
      // Which children get histograms depends on global sums only, so slots agree across threads.
      if (st.depth + 1 < p.maxDepth) {
        if (left.H >= mcw2) left.slot = nextSlot++;
        if (right.H >= mcw2) right.slot = nextSlot++;
        if (left.slot >= 0 || right.slot >= 0) {
          // Smaller and larger by this thread's rows: each thread's histograms stand alone.
          const leftSmaller = mid - node.begin <= node.end - mid;
          const small = leftSmaller ? left : right;
          const large = leftSmaller ? right : left;
          const smallHist = small.slot >= 0 ? own[np][small.slot] : this.scratch;
          smallHist.fill(0);
          this.fill(smallHist, gh, small.begin, small.end, feats, allFeats);
          if (large.slot >= 0) this.kernels.subtract(own[np][large.slot], own[parity][node.slot], smallHist, feats);
        }
      }
      next.push(left, right);
    }
    st.level = next;
    st.parity = np;
    st.depth++;
    return next.length > 0;
  }

  /** The tree grown since begin (once step returned false). */
  result(): GrownTree {
    if (this.state === null || this.state.level.length > 0)
      throw new Error("ShardedTreeBuilder.result before the tree is complete");
    const out = this.state.out;
    this.state = null;
    return out;
  }

  /** The node's histogram summed over threads in thread order (only value and missing bins of the listed features). */
  private summed(parity: number, slot: number, feats: Int32Array): Float64Array {
    const T = this.ctx.shard.count;
    if (T === 1) return this.views[0][parity][slot];
    const total = this.total;
    const {ptr, hasMissing} = this.data.cuts;
    for (let j = 0; j < feats.length; j++) {
      const f = feats[j];
      const base = f << 9;
      const end = base + 2 * (ptr[f + 1] - ptr[f]);
      const first = this.views[0][parity][slot];
      for (let s = base; s < end; s++) total[s] = first[s];
      const ms = base + 2 * MISSING_CODE;
      if (hasMissing[f] === 1) {
        total[ms] = first[ms];
        total[ms + 1] = first[ms + 1];
      }
      for (let t = 1; t < T; t++) {
        const h = this.views[t][parity][slot];
        for (let s = base; s < end; s++) total[s] += h[s];
        if (hasMissing[f] === 1) {
          total[ms] += h[ms];
          total[ms + 1] += h[ms + 1];
        }
      }
    }
    return total;
  }

  private fill(
    hist: Float64Array,
    gh: Float64Array,
    begin: number,
    end: number,
    feats: Int32Array,
    allFeats: boolean
  ): void {
    fillHistogram(
      this.kernels,
      hist,
      this.data.slots,
      this.data.d,
      gh,
      this.rows,
      begin,
      end,
      feats,
      allFeats,
      this.spare
    );
  }
}

/** The part of ascending global row indices that falls in the shard (a view, no copy). */
export function rowsInShard(rows: Uint32Array, shard: Shard): Uint32Array {
  return rows.subarray(lowerBound(rows, shard.begin), lowerBound(rows, shard.end));
}

/** First index i with a[i] >= x in ascending a. */
function lowerBound(a: Uint32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
