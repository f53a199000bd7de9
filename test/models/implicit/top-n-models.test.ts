import {describe, expect, it} from "vitest";
import {predict} from "../../../lib/models/estimator.js";
import {easeModel, easeWeights} from "../../../lib/models/implicit/ease.js";
import {itemKnnImplicitModel} from "../../../lib/models/implicit/item-knn-implicit.js";
import {binaryMatrix, cooccurrence} from "../../../lib/models/implicit/binary-matrix.js";
import {invertSpd} from "../../../lib/linalg/spd-inverse.js";
import {evaluateRanking} from "../../../lib/eval/evaluate-ranking.js";
import {bprModel} from "../../../lib/models/implicit/bpr.js";
import {popularModel} from "../../../lib/models/baselines/popular.js";
import {createRng} from "../../../lib/random.js";
import {ratingsOf, trainOf} from "../fixtures.js";

/** Gauss–Jordan inverse, written independently of the Cholesky code under test. */
function gaussJordan(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    const p = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= p;
    for (let r = 0; r < n; r++)
      if (r !== c) {
        const f = m[r][c];
        for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
      }
  }
  return m.map((row) => row.slice(n));
}

describe("EASE", () => {
  // 4 users × 3 movies (binary)
  const train = trainOf(
    [
      [0, 0, 5],
      [0, 1, 3],
      [1, 0, 4],
      [1, 1, 4],
      [1, 2, 1],
      [2, 1, 2],
      [2, 2, 5],
      [3, 0, 3]
    ],
    4,
    3
  );

  it("matches the closed form B = I − P·diag(1/diag P) on a tiny example", () => {
    const g = cooccurrence(binaryMatrix(train));
    expect(Array.from(g)).toEqual([3, 2, 1, 2, 3, 2, 1, 2, 2]);
    const lambda = 2;
    const P = gaussJordan([
      [5, 2, 1],
      [2, 5, 2],
      [1, 2, 4]
    ]);
    const b = easeWeights(g, 3, lambda);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        expect(b[i * 3 + j]).toBeCloseTo(i === j ? 0 : -P[i][j] / P[j][j], 6);
      }
    const s = easeModel.fit(train, {lambda});
    // user 3 rated movie 0 only: scores are row 0 of B
    expect(Array.from(easeModel.scoreAll(s, 3))).toEqual(Array.from(b.slice(0, 3)));
  });

  it("SPD inversion (wasm and JS) agrees with Gauss–Jordan", () => {
    const rng = createRng(2);
    const n = 9;
    const x = Array.from({length: n * n}, () => rng.normal());
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = i === j ? 1 : 0;
        for (let k = 0; k < n; k++) s += x[i * n + k] * x[j * n + k];
        a[i * n + j] = s;
      }
    const ref = gaussJordan(Array.from({length: n}, (_, i) => Array.from(a.slice(i * n, i * n + n))));
    for (const useWasm of [true, false]) {
      const inv = invertSpd(a, n, useWasm);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(inv[i * n + j]).toBeCloseTo(ref[i][j], 8);
    }
    expect(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive-definite/);
  });

  it("rejects a non-positive λ", () => {
    expect(() => easeModel.fit(train, {lambda: 0})).toThrow(/expected a positive number/);
  });
});

describe("item-kNN on implicit feedback and popularity", () => {
  it("scores by summed cosine of binary columns, pruned to k neighbours", () => {
    const train = trainOf(
      [
        [0, 0, 5],
        [0, 1, 3],
        [1, 0, 4],
        [1, 1, 4],
        [1, 2, 1],
        [2, 1, 2],
        [2, 2, 5],
        [3, 0, 3]
      ],
      4,
      3
    );
    const s = itemKnnImplicitModel.fit(train, {k: 2});
    // cos(0,1) = 2/√(3·3), cos(0,2) = 1/√(3·2); user 3 rated movie 0
    const scores = itemKnnImplicitModel.scoreAll(s, 3);
    expect(scores[1]).toBeCloseTo(2 / 3, 6);
    expect(scores[2]).toBeCloseTo(1 / Math.sqrt(6), 6);
    const one = itemKnnImplicitModel.fit(train, {k: 1});
    expect(itemKnnImplicitModel.scoreAll(one, 3)[2]).toBe(0);
    expect(predict(itemKnnImplicitModel, s, 3, 1)).toEqual({rating: 3, fallback: false});
    expect(predict(itemKnnImplicitModel, s, 9, 1).fallback).toBe(true);
  });

  it("EASE and item-kNN beat popularity on block-structured data", () => {
    // two taste groups of 20 users over two blocks of 15 movies, plus a few globally popular movies
    const rng = createRng(9);
    const triples: Array<[number, number, number]> = [];
    for (let u = 0; u < 40; u++)
      for (let m = 0; m < 33; m++) {
        const inBlock = u < 20 === m < 15 && m < 30;
        const p = m >= 30 ? 0.5 : inBlock ? 0.45 : 0.03;
        if (rng.next() < p) triples.push([u, m, 4]);
      }
    const order = Array.from({length: triples.length}, (_, i) => i);
    rng.shuffle(order);
    const cut = Math.round(0.75 * order.length);
    const tr = trainOf(
      order.slice(0, cut).map((i) => triples[i]),
      40,
      33
    );
    const te = ratingsOf(order.slice(cut).map((i) => triples[i]));
    const pop = evaluateRanking(popularModel, {train: tr, test: te}, [5]).byK[0].ndcg;
    expect(evaluateRanking(easeModel, {train: tr, test: te}, [5], {lambda: 5}).byK[0].ndcg).toBeGreaterThan(pop);
    expect(evaluateRanking(itemKnnImplicitModel, {train: tr, test: te}, [5]).byK[0].ndcg).toBeGreaterThan(pop);
    const bpr = {factors: 8, epochs: 60, lr: 0.05, reg: 0.001};
    expect(evaluateRanking(bprModel, {train: tr, test: te}, [5], bpr).byK[0].ndcg).toBeGreaterThan(pop);
    expect(bprModel.fit(tr, bpr).itemFactors).toEqual(bprModel.fit(tr, bpr).itemFactors);
  });
});
