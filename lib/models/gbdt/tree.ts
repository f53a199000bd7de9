/**
 * One regression tree as plain, JSON-ready parallel arrays (node 0 is the root), and its
 * traversal on raw float features. A node with feature −1 is a leaf.
 */

/** One regression tree as parallel arrays indexed by node (node 0 is the root). */
export interface GbdtTree {
  /** Split feature index, −1 at a leaf. */
  feature: number[];
  /** Split test: x < threshold goes left (a float32 value); 0 at leaves. */
  threshold: number[];
  /** 1 when a missing value (NaN) goes left, else 0. */
  default_left: number[];
  /** Child index taken when x < threshold, −1 at leaves. */
  left: number[];
  /** Child index taken when x ≥ threshold, −1 at leaves. */
  right: number[];
  /** Leaf output with the learning rate applied (float32); 0 at internal nodes. */
  value: number[];
  /** Loss change of the split (float32), 0 at leaves: the "gain" of feature importance. */
  gain: number[];
}

/** An empty tree to push nodes into. */
export function emptyTree(): GbdtTree {
  return {feature: [], threshold: [], default_left: [], left: [], right: [], value: [], gain: []};
}

/** Leaf index reached by row i of a row-major n × d float matrix (NaN = missing). */
export function leafIndex(tree: GbdtTree, features: ArrayLike<number>, d: number, i: number): number {
  let node = 0;
  const base = i * d;
  while (tree.feature[node] >= 0) {
    const x = features[base + tree.feature[node]];
    const left = x !== x ? tree.default_left[node] === 1 : x < tree.threshold[node];
    node = left ? tree.left[node] : tree.right[node];
  }
  return node;
}

/** Adds the tree's leaf value of every listed row (all rows when rows is null) to out[row·stride + offset]. */
export function addTreeOutput(
  tree: GbdtTree,
  features: ArrayLike<number>,
  d: number,
  n: number,
  out: Float32Array,
  stride: number,
  offset: number,
  rows: Uint32Array | null = null
): void {
  const m = rows === null ? n : rows.length;
  for (let j = 0; j < m; j++) {
    const i = rows === null ? j : rows[j];
    out[i * stride + offset] += tree.value[leafIndex(tree, features, d, i)];
  }
}

/** Depth of the tree (a single leaf has depth 0). */
export function treeDepth(tree: GbdtTree): number {
  const depth = (node: number): number =>
    tree.feature[node] < 0 ? 0 : 1 + Math.max(depth(tree.left[node]), depth(tree.right[node]));
  return depth(0);
}
