import {describe, expect, it} from "vitest";
import {binMatrix, computeCuts, MISSING_CODE} from "../../../lib/models/gbdt/binning.js";
import {
  addNode,
  featureMissingCode,
  gradientSums,
  partitionBySplit,
  setLeaf,
  writeSplit
} from "../../../lib/models/gbdt/grow-common.js";
import {jsHistogramKernels} from "../../../lib/models/gbdt/histogram-kernels.js";
import {emptyCandidate} from "../../../lib/models/gbdt/split.js";
import {emptyTree} from "../../../lib/models/gbdt/tree.js";
import {binnedMatrix, partitionRows, type GrownTree, type GrowParams} from "../../../lib/models/gbdt/tree-builder.js";

const P: GrowParams = {maxDepth: 3, eta: 0.3, lambda: 1, alpha: 0, minChildWeight: 0, gamma: 0};

describe("grow-common", () => {
  it("writeSplit turns a leaf into a split with two consecutive leaf children", () => {
    const tree = emptyTree();
    addNode(tree);
    const best = {...emptyCandidate(), feature: 2, threshold: 1.5, defaultLeft: true, lossChange: 4.25};
    const lid = writeSplit(tree, 0, best);
    expect(lid).toBe(1);
    expect(tree.feature).toEqual([2, -1, -1]);
    expect(tree.threshold).toEqual([1.5, 0, 0]);
    expect(tree.default_left).toEqual([1, 0, 0]);
    expect(tree.left).toEqual([1, -1, -1]);
    expect(tree.right).toEqual([2, -1, -1]);
    expect(tree.gain).toEqual([4.25, 0, 0]);
  });

  it("setLeaf writes −G/(H+λ)·eta as float32 and the leaf's row range", () => {
    const tree = emptyTree();
    addNode(tree);
    const out: GrownTree = {tree, leafNodes: [], leafBegin: [], leafEnd: []};
    setLeaf(out, {id: 0, begin: 3, end: 9, G: -2, H: 3}, P);
    expect(tree.value[0]).toBe(Math.fround((2 / 4) * 0.3));
    expect([out.leafNodes, out.leafBegin, out.leafEnd]).toEqual([[0], [3], [9]]);
  });

  it("gradientSums adds g and h of the listed rows only", () => {
    const gh = Float64Array.from([1, 10, 2, 20, 4, 40, 8, 80]);
    expect(gradientSums(gh, Uint32Array.from([3, 1, 0]), 2)).toEqual([10, 100]);
  });

  it("partitionBySplit and partitionRows agree, with the missing code only for features with NaN", () => {
    const n = 40;
    const d = 2;
    const x = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      x[i * d] = (i * 7) % 11;
      x[i * d + 1] = i % 5 === 0 ? NaN : (i * 3) % 13;
    }
    const cuts = computeCuts(x, n, d, 256);
    const data = binnedMatrix(binMatrix(cuts, x, n), n, d, cuts);
    expect(featureMissingCode(cuts, 0)).toBe(256);
    expect(featureMissingCode(cuts, 1)).toBe(MISSING_CODE);
    for (const feature of [0, 1]) {
      for (const defaultLeft of [false, true]) {
        const a = Uint32Array.from({length: n}, (_, i) => i);
        const b = a.slice();
        const best = {...emptyCandidate(), feature, bin: 4, defaultLeft};
        const mid = partitionBySplit(jsHistogramKernels, a, new Uint32Array(n), data.columns, n, cuts, 5, 35, best);
        expect(partitionRows(data, b, new Uint32Array(n), 5, 35, feature, 4, defaultLeft)).toBe(mid);
        expect(a).toEqual(b);
        const left = Array.from(a.subarray(5, mid));
        expect(
          left.every((r) => (Number.isNaN(x[r * d + feature]) ? defaultLeft : data.bins[r * d + feature] <= 4))
        ).toBe(true);
      }
    }
  });
});
