// iALS: each half-epoch is the exact minimiser of its side (zero gradient of the paper's loss), so the
// loss never rises; the solver is exact; the model recovers held-out structure; bad settings are refused.
import {describe, expect, it} from "vitest";
import {choleskySolve, fitIals, gramian, solveSide, type IalsParams} from "../../../lib/models/implicit/ials.js";
import {binaryMatrix} from "../../../lib/models/implicit/binary-matrix.js";
import type {TrainSet} from "../../../lib/models/estimator.js";
import {createRng} from "../../../lib/random.js";
import {trainOf} from "../fixtures.js";

/** Two user groups, each rating (most of) its own half of the movies. */
function blocks(nUsers: number, nMovies: number, keep: number, seed: number): TrainSet {
  const rng = createRng(seed);
  const t: Array<[number, number, number]> = [];
  for (let u = 0; u < nUsers; u++)
    for (let m = 0; m < nMovies; m++) if (u % 2 === m % 2 && rng.next() < keep) t.push([u, m, 4]);
  return trainOf(t, nUsers, nMovies);
}

/** The paper's loss over every (user, movie) pair, written out directly. */
function loss(train: TrainSet, W: Float64Array, H: Float64Array, d: number, p: IalsParams): number {
  const x = binaryMatrix(train);
  const nU = train.nUsers,
    nM = train.nMovies;
  const observed = new Set<number>();
  for (let k = 0; k < train.ratings.user.length; k++) observed.add(train.ratings.user[k] * nM + train.ratings.movie[k]);
  let l = 0;
  for (let u = 0; u < nU; u++)
    for (let i = 0; i < nM; i++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += W[u * d + f] * H[i * d + f];
      l += p.alpha0 * s * s + (observed.has(u * nM + i) ? (s - 1) ** 2 : 0);
    }
  const byMovie = new Float64Array(nM);
  for (const m of train.ratings.movie) byMovie[m]++;
  for (let u = 0; u < nU; u++) {
    let n2 = 0;
    for (let f = 0; f < d; f++) n2 += W[u * d + f] ** 2;
    l += p.reg * Math.pow(x.indptr[u + 1] - x.indptr[u] + p.alpha0 * nM, p.nu) * n2;
  }
  for (let i = 0; i < nM; i++) {
    let n2 = 0;
    for (let f = 0; f < d; f++) n2 += H[i * d + f] ** 2;
    l += p.reg * Math.pow(byMovie[i] + p.alpha0 * nU, p.nu) * n2;
  }
  return l;
}

const P: IalsParams = {factors: 3, epochs: 1, reg: 0.05, alpha0: 0.2, nu: 1, initStd: 0.5, seed: 3};

describe("choleskySolve and gramian", () => {
  it("solve an SPD system exactly and sum the rows' outer products", () => {
    const a = Float64Array.from([4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2]);
    const x = Float64Array.from([1, -2, 0.5]);
    const b = Float64Array.from([0, 1, 2], (i) => a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2]);
    choleskySolve(Float64Array.from(a), b, 3);
    for (let i = 0; i < 3; i++) expect(b[i]).toBeCloseTo(x[i], 12);
    expect(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), new Float64Array(2), 2)).toThrow(
      /not positive definite/
    );
    expect(Array.from(gramian(Float64Array.from([1, 2, 3, 4]), 2, 2))).toEqual([10, 14, 14, 20]);
  });
});

describe("iALS", () => {
  const train = blocks(12, 10, 0.8, 5);
  it("makes each user's factors the exact minimiser of the loss given the movies' (zero gradient)", () => {
    const d = P.factors;
    const rng = createRng(9);
    const H = Float64Array.from({length: train.nMovies * d}, () => rng.normal());
    const W = new Float64Array(train.nUsers * d);
    const x = binaryMatrix(train);
    solveSide(x, H, W, d, P);
    for (let u = 0; u < train.nUsers; u++) {
      const grad = new Float64Array(d);
      const rated = new Set(Array.from(x.indices.subarray(x.indptr[u], x.indptr[u + 1])));
      for (let i = 0; i < train.nMovies; i++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += W[u * d + f] * H[i * d + f];
        const r = P.alpha0 * s + (rated.has(i) ? s - 1 : 0);
        for (let f = 0; f < d; f++) grad[f] += r * H[i * d + f];
      }
      const lambda = P.reg * Math.pow(rated.size + P.alpha0 * train.nMovies, P.nu);
      for (let f = 0; f < d; f++) expect(Math.abs(grad[f] + lambda * W[u * d + f])).toBeLessThan(1e-9);
    }
  });

  it("never raises the loss from one epoch to the next, and is seeded", () => {
    const losses = [1, 2, 3, 4].map((epochs) => {
      const s = fitIals(train, {...P, epochs});
      return loss(train, s.userFactors, s.itemFactors, P.factors, P);
    });
    for (let k = 1; k < losses.length; k++) expect(losses[k]).toBeLessThanOrEqual(losses[k - 1] + 1e-9);
    expect(fitIals(train, P).userFactors).toEqual(fitIals(train, P).userFactors);
    expect(fitIals(train, {...P, seed: 4}).userFactors).not.toEqual(fitIals(train, P).userFactors);
  });

  it("ranks a user's unrated movies of their own group above the other group's", () => {
    const s = fitIals(train, {factors: 4, epochs: 10, reg: 0.01, alpha0: 0.1, seed: 1});
    let own = 0,
      other = 0,
      nOwn = 0,
      nOther = 0;
    const x = binaryMatrix(train);
    for (let u = 0; u < train.nUsers; u++) {
      const rated = new Set(Array.from(x.indices.subarray(x.indptr[u], x.indptr[u + 1])));
      for (let m = 0; m < train.nMovies; m++) {
        if (rated.has(m)) continue;
        let score = 0;
        for (let f = 0; f < 4; f++) score += s.userFactors[u * 4 + f] * s.itemFactors[m * 4 + f];
        if (u % 2 === m % 2) {
          own += score;
          nOwn++;
        } else {
          other += score;
          nOther++;
        }
      }
    }
    expect(nOwn).toBeGreaterThan(0);
    expect(own / nOwn).toBeGreaterThan(other / nOther + 0.2);
  });

  it("refuses settings that leave a system without a unique solution", () => {
    expect(() => fitIals(train, {reg: 0, alpha0: 0})).toThrow(/not both 0/);
    expect(() => fitIals(train, {factors: 0})).toThrow(/factors is 0/);
  });
});
