/**
 * The per-node steps TreeBuilder (one thread) and ShardedTreeBuilder (row shards) share: root
 * gradient sums, histogram fill, partition by a split, writing a split or a leaf into the tree.
 * Free functions over the kernels object each builder already holds, so the row loops stay inside
 * the kernels (no callback per row) and both builders grow the same trees as before.
 */
import {MISSING_CODE, type BinCuts} from "./binning.js";
import type {Slots} from "./histogram.js";
import type {HistogramKernels} from "./histogram-kernels.js";
import {leafWeight, type SplitCandidate} from "./split.js";
import type {GbdtTree} from "./tree.js";
import type {GrownTree, GrowParams} from "./tree-builder.js";

/** A node's rows rows[begin .. end) and gradient sums G, H. */
export interface NodeRange {
  id: number;
  begin: number;
  end: number;
  G: number;
  H: number;
}

/** Appends a leaf node (no split yet) to the tree; returns its index. */
export function addNode(tree: GbdtTree): number {
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.default_left.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.value.push(0);
  tree.gain.push(0);
  return tree.feature.length - 1;
}

/** The code partition treats as missing for feature f: MISSING_CODE, or 256 (no byte) when f has no missing values. */
export function featureMissingCode(cuts: BinCuts, f: number): number {
  return cuts.hasMissing[f] === 1 ? MISSING_CODE : 256;
}

/** Gradient and hessian sums [G, H] of gh (interleaved g, h) over rows[0 .. m), added in row order. */
export function gradientSums(gh: Float64Array, rows: Uint32Array, m: number): [G: number, H: number] {
  let G = 0;
  let H = 0;
  for (let i = 0; i < m; i++) {
    const r = rows[i];
    G += gh[2 * r];
    H += gh[2 * r + 1];
  }
  return [G, H];
}

/** Adds rows[begin .. end)'s gradients to hist (zeroed by the caller): over all d features, or only the listed ones. */
export function fillHistogram(
  kernels: HistogramKernels,
  hist: Float64Array,
  slots: Slots,
  d: number,
  gh: Float64Array,
  rows: Uint32Array,
  begin: number,
  end: number,
  feats: Int32Array,
  allFeats: boolean,
  spare: Float64Array
): void {
  if (allFeats) kernels.build(hist, slots, d, gh, rows, begin, end, spare);
  else kernels.buildFeatures(hist, slots, d, gh, rows, begin, end, feats);
}

/** Stable partition of rows[begin .. end) by the split (columns: column-major n × d codes); returns the split point. */
export function partitionBySplit(
  kernels: HistogramKernels,
  rows: Uint32Array,
  tmp: Uint32Array,
  columns: Uint8Array,
  n: number,
  cuts: BinCuts,
  begin: number,
  end: number,
  best: SplitCandidate
): number {
  const f = best.feature;
  return kernels.partition(
    rows,
    tmp,
    columns.subarray(f * n, (f + 1) * n),
    begin,
    end,
    best.bin,
    featureMissingCode(cuts, f),
    best.defaultLeft
  );
}

/** Turns leaf `id` into the split `best` with two new leaf children; returns the left child's index (the right one's is one more). */
export function writeSplit(tree: GbdtTree, id: number, best: SplitCandidate): number {
  const lid = addNode(tree);
  const rid = addNode(tree);
  tree.feature[id] = best.feature;
  tree.threshold[id] = best.threshold;
  tree.default_left[id] = best.defaultLeft ? 1 : 0;
  tree.left[id] = lid;
  tree.right[id] = rid;
  tree.gain[id] = best.lossChange;
  return lid;
}

/** Makes the node a leaf of the grown tree: its float32 weight times eta, and its row range. */
export function setLeaf(out: GrownTree, node: NodeRange, p: GrowParams): void {
  out.tree.value[node.id] = Math.fround(leafWeight(node.G, node.H, p) * p.eta);
  out.leafNodes.push(node.id);
  out.leafBegin.push(node.begin);
  out.leafEnd.push(node.end);
}
