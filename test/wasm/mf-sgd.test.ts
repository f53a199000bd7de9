/**
 * The MF SGD kernel: it compiles here, fitMf really runs it (calls counted), and its numbers are
 * bit for bit those of a plain single-precision transcription of its arithmetic. fitMf's
 * JavaScript loop computes in double precision, so it agrees with the kernel only up to rounding;
 * the transcription below is the strict reference instead.
 */
import {describe, expect, it} from "vitest";
import type {TrainSet} from "../../lib/models/estimator.js";
import {fitMf} from "../../lib/models/factors/mf.js";
import {globalMean} from "../../lib/models/shared.js";
import {createRng} from "../../lib/random.js";
import {countKernelCalls, kernelCalls} from "../../lib/wasm/assembler.js";
import {mfSgdAvailable, mfSgdKernel, mfSgdModuleBytes} from "../../lib/wasm/mf-sgd.js";
import {syntheticSplit} from "../models/fixtures.js";

countKernelCalls(true);
const f32 = Math.fround;

interface Factors {
  K4: number;
  P: Float32Array;
  Q: Float32Array;
  bu: Float32Array;
  bi: Float32Array;
}

/** One epoch of the kernel in plain JavaScript: every operation rounded to float32 in the kernel's order. */
function referenceEpoch(
  s: Factors,
  users: Int32Array,
  movies: Int32Array,
  ratings: Float32Array,
  mean: number,
  lrIn: number,
  regIn: number
): void {
  const {K4, P, Q, bu, bi} = s;
  const mu = f32(mean),
    lr = f32(lrIn),
    reg = f32(regIn);
  const dec = f32(1 - f32(lr * reg));
  for (let z = 0; z < ratings.length; z++) {
    const u = users[z],
      i = movies[z];
    const po = u * K4,
      qo = i * K4;
    const lane = [0, 0, 0, 0];
    for (let f = 0; f < K4; f++) lane[f % 4] = f32(lane[f % 4] + f32(P[po + f] * Q[qo + f]));
    const dot = f32(f32(lane[0] + lane[1]) + f32(lane[2] + lane[3]));
    const b = bu[u],
      c = bi[i];
    const err = f32(ratings[z] - f32(f32(f32(mu + b) + c) + dot));
    bu[u] = f32(b + f32(lr * f32(err - f32(reg * b))));
    bi[i] = f32(c + f32(lr * f32(err - f32(reg * c))));
    const le = f32(lr * err);
    for (let f = 0; f < K4; f++) {
      const p = P[po + f],
        q = Q[qo + f];
      P[po + f] = f32(f32(p * dec) + f32(le * q));
      Q[qo + f] = f32(f32(q * dec) + f32(le * p));
    }
  }
}

/** fitMf's WebAssembly path transcribed: the same draws, shuffles and padding, with referenceEpoch for the kernel. */
function referenceFit(
  train: TrainSet,
  K: number,
  epochs: number,
  lr: number,
  reg: number,
  seed: number
): {P: Float32Array; Q: Float32Array; bu: Float32Array; bi: Float32Array} {
  const rng = createRng(seed);
  const K4 = Math.ceil(K / 4) * 4;
  const P = new Float32Array(train.nUsers * K4),
    Q = new Float32Array(train.nMovies * K4);
  for (let u = 0; u < train.nUsers; u++) for (let f = 0; f < K; f++) P[u * K4 + f] = 0.1 * rng.normal();
  for (let m = 0; m < train.nMovies; m++) for (let f = 0; f < K; f++) Q[m * K4 + f] = 0.1 * rng.normal();
  const s: Factors = {K4, P, Q, bu: new Float32Array(train.nUsers), bi: new Float32Array(train.nMovies)};
  const {user, movie, rating} = train.ratings;
  const n = rating.length;
  const order = Int32Array.from({length: n}, (_, x) => x);
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    referenceEpoch(
      s,
      Int32Array.from(order, (k) => user[k]),
      Int32Array.from(order, (k) => movie[k]),
      Float32Array.from(order, (k) => rating[k]),
      globalMean(train),
      lr,
      reg
    );
  }
  const unpad = (a: Float32Array, rows: number) =>
    Float32Array.from({length: rows * K}, (_, x) => a[Math.floor(x / K) * K4 + (x % K)]);
  return {P: unpad(P, train.nUsers), Q: unpad(Q, train.nMovies), bu: s.bu, bi: s.bi};
}

/** Bit patterns, so that −0 vs 0 counts as a difference. */
const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe("MF SGD kernel", () => {
  it("is available here (no silent JavaScript fallback in these tests) and small enough for synchronous compilation", () => {
    expect(mfSgdAvailable()).toBe(true);
    const bytes = mfSgdModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(4096);
  });

  it("one epoch called directly equals the float32 transcription bit for bit (padded factors, repeated users and movies)", () => {
    const rng = createRng(3);
    const nU = 7,
      nM = 9,
      K4 = 12,
      n = 200;
    const users = Int32Array.from({length: n}, () => rng.int(nU));
    const movies = Int32Array.from({length: n}, () => rng.int(nM));
    const ratings = Float32Array.from({length: n}, () => 1 + rng.int(5));
    const P = Float32Array.from({length: nU * K4}, (_, x) => (x % K4 < 10 ? 0.1 * rng.normal() : 0));
    const Q = Float32Array.from({length: nM * K4}, (_, x) => (x % K4 < 10 ? 0.1 * rng.normal() : 0));
    const bu = Float32Array.from({length: nU}, () => 0.2 * rng.normal());
    const bi = Float32Array.from({length: nM}, () => 0.2 * rng.normal());
    const memory = new WebAssembly.Memory({initial: 1});
    const epoch = mfSgdKernel(memory)!;
    expect(epoch).not.toBeNull();
    const at = {u: 0, i: 1024, r: 2048, p: 4096, q: 8192, bu: 12288, bi: 12544};
    const buf = memory.buffer;
    new Int32Array(buf, at.u, n).set(users);
    new Int32Array(buf, at.i, n).set(movies);
    new Float32Array(buf, at.r, n).set(ratings);
    new Float32Array(buf, at.p, P.length).set(P);
    new Float32Array(buf, at.q, Q.length).set(Q);
    new Float32Array(buf, at.bu, nU).set(bu);
    new Float32Array(buf, at.bi, nM).set(bi);
    const s: Factors = {K4, P: P.slice(), Q: Q.slice(), bu: bu.slice(), bi: bi.slice()};
    for (let e = 0; e < 3; e++) {
      epoch(at.u, at.i, at.r, n, at.p, at.q, at.bu, at.bi, K4 * 4, 3.6, 0.01, 0.05);
      referenceEpoch(s, users, movies, ratings, 3.6, 0.01, 0.05);
    }
    expect(bits(new Float32Array(buf, at.p, P.length))).toEqual(bits(s.P));
    expect(bits(new Float32Array(buf, at.q, Q.length))).toEqual(bits(s.Q));
    expect(bits(new Float32Array(buf, at.bu, nU))).toEqual(bits(s.bu));
    expect(bits(new Float32Array(buf, at.bi, nM))).toEqual(bits(s.bi));
    // The factors moved: the comparison is not between two untouched copies.
    expect(bits(s.P)).not.toEqual(bits(P));
  });

  for (const factors of [10, 16]) {
    it(`fitMf runs the kernel once per epoch and equals the transcription bit for bit (${factors} factors)`, () => {
      const {train} = syntheticSplit(60, 50, 0.3, 7);
      const before = kernelCalls.get("mf-sgd.epoch") ?? 0;
      const w = fitMf(train, {factors, epochs: 4, lr: 0.01, reg: 0.05, seed: 9});
      expect((kernelCalls.get("mf-sgd.epoch") ?? 0) - before).toBe(4);
      const ref = referenceFit(train, factors, 4, 0.01, 0.05, 9);
      expect(bits(w.userFactors)).toEqual(bits(ref.P));
      expect(bits(w.itemFactors)).toEqual(bits(ref.Q));
      expect(bits(w.userBias)).toEqual(bits(ref.bu));
      expect(bits(w.itemBias)).toEqual(bits(ref.bi));
      // The JavaScript loop (double arithmetic) does not run the kernel and lands within rounding of it.
      const calls = kernelCalls.get("mf-sgd.epoch");
      const j = fitMf(train, {factors, epochs: 4, lr: 0.01, reg: 0.05, seed: 9}, false);
      expect(kernelCalls.get("mf-sgd.epoch")).toBe(calls);
      expect(bits(j.userFactors)).not.toEqual(bits(w.userFactors));
      for (let x = 0; x < w.userFactors.length; x++)
        expect(Math.abs(w.userFactors[x] - j.userFactors[x])).toBeLessThan(1e-4);
    });
  }
});
