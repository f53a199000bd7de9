import {describe, expect, it} from "vitest";
import {binMatrix, computeCuts} from "../../../lib/models/gbdt/binning.js";
import {binnedMatrix, TreeBuilder, type GrowParams} from "../../../lib/models/gbdt/tree-builder.js";
import {leafIndex} from "../../../lib/models/gbdt/tree.js";

const P: GrowParams = {maxDepth: 6, eta: 1, lambda: 1, alpha: 0, minChildWeight: 0, gamma: 0};

function builderFor(x: number[], n: number, d: number, p: GrowParams = P): {b: TreeBuilder; features: Float32Array} {
  const features = Float32Array.from(x);
  const cuts = computeCuts(features, n, d, 256);
  const bins = binMatrix(cuts, features, n);
  return {b: new TreeBuilder(binnedMatrix(bins, n, d, cuts), p), features};
}

/** Interleaved g, h with h = 1. */
function grads(g: number[]): Float64Array {
  return Float64Array.from(g.flatMap((v) => [v, 1]));
}

describe("TreeBuilder", () => {
  it("splits a tiny data set at its known best split and puts −G/(H+λ) in the leaves", () => {
    // Feature 0 is noise, feature 1 separates gradients −1 (x1 < 5) from +1 (x1 >= 5).
    const x = [3, 1, 1, 2, 2, 3, 3, 7, 1, 8, 2, 9];
    const g = [-1, -1, -1, 1, 1, 1];
    const {b} = builderFor(x, 6, 2, {...P, maxDepth: 1});
    const {tree} = b.grow(grads(g), null, null);
    expect(tree.feature[0]).toBe(1);
    expect(tree.threshold[0]).toBe(7); // x < 7 left: values 1, 2, 3 vs 7, 8, 9
    // Leaves: −(−3)/(3+1) = 0.75 and −3/4.
    expect(tree.value[tree.left[0]]).toBeCloseTo(0.75, 6);
    expect(tree.value[tree.right[0]]).toBeCloseTo(-0.75, 6);
    // Gain: 9/4 + 9/4 − 0 = 4.5.
    expect(tree.gain[0]).toBeCloseTo(4.5, 5);
  });

  it("learns the default direction of missing values from their gradients", () => {
    // Rows with NaN have the gradients of the low values: they must default left.
    const x = [1, 2, 3, 10, 11, 12, NaN, NaN];
    const g = [-1, -1, -1, 1, 1, 1, -1, -1];
    const {b, features} = builderFor(x, 8, 1, {...P, maxDepth: 1});
    const {tree} = b.grow(grads(g), null, null);
    expect(tree.default_left[0]).toBe(1);
    expect(leafIndex(tree, features, 1, 6)).toBe(tree.left[0]);
    const g2 = [-1, -1, -1, 1, 1, 1, 1, 1];
    const t2 = b.grow(grads(g2), null, null).tree;
    expect(t2.default_left[0]).toBe(0);
    expect(leafIndex(t2, features, 1, 7)).toBe(t2.right[0]);
  });

  it("stops at max_depth and reports every grown row in exactly one leaf", () => {
    const n = 500;
    const x: number[] = [];
    const g: number[] = [];
    for (let i = 0; i < n; i++) {
      x.push(i % 37, (i * 7) % 11);
      g.push(Math.sin(i));
    }
    const {b, features} = builderFor(x, n, 2, {...P, maxDepth: 3});
    const grown = b.grow(grads(g), null, null);
    const seen = new Uint8Array(n);
    grown.leafNodes.forEach((leaf, j) => {
      for (let i = grown.leafBegin[j]; i < grown.leafEnd[j]; i++) {
        const r = b.rows[i];
        seen[r]++;
        // The partition and the float traversal agree on every row.
        expect(leafIndex(grown.tree, features, 2, r)).toBe(leaf);
      }
    });
    expect(seen.every((v) => v === 1)).toBe(true);
    expect(grown.leafNodes.length).toBeLessThanOrEqual(8);
  });

  it("respects gamma: no split whose loss change is below it", () => {
    const x = [1, 2, 3, 4];
    const g = [-1, -1, 1, 1];
    const {b} = builderFor(x, 4, 1, {...P, gamma: 100});
    expect(b.grow(grads(g), null, null).tree.feature).toEqual([-1]);
  });
});
