/**
 * A seeded synthetic classification matrix shaped like the rating classifier's features
 * (continuous components, integer-valued ages and years, categorical codes, counts, a feature
 * with missing values), for benchmarks, tests and demos that must not depend on MovieLens.
 */
import {createRng} from "../../random.js";

export interface SyntheticMatrix {
  features: Float32Array;
  labels: Int32Array;
  n: number;
  d: number;
  numClass: number;
  featureNames: string[];
}

const NAMES = [
  "pc0",
  "pc1",
  "pc2",
  "pc3",
  "pc4",
  "release_year",
  "age",
  "gender",
  "occupation",
  "u_mean",
  "u_count",
  "i_mean",
  "i_count",
  "i_age"
];

/**
 * n rows × 14 features, labels 0..numClass-1 (2..10) from a noisy non-linear score cut at
 * rating-like class shares; feature 13 is missing in 5% of rows. noise: sd of the label noise (default 1).
 */
export function syntheticClassification(n: number, numClass = 5, seed = 1, noise = 1): SyntheticMatrix {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`syntheticClassification: n = ${n}, expected an integer >= 1`);
  if (!Number.isInteger(numClass) || numClass < 2 || numClass > 10)
    throw new RangeError(`syntheticClassification: numClass = ${numClass}, expected 2..10`);
  const rng = createRng(seed);
  const d = NAMES.length;
  const x = new Float32Array(n * d);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < 5; j++) x[o + j] = rng.normal() * (1 - j * 0.15);
    const year = 1998 - Math.min(70, Math.floor(-Math.log(1 - rng.next()) * 8));
    const age = 7 + rng.int(67);
    const gender = rng.next() < 0.29 ? 1 : 0;
    const occ = rng.int(21);
    const uMean = 3.5 + 0.45 * rng.normal();
    const uCount = Math.floor(Math.exp(3 + 1.1 * rng.normal())) + 1;
    const iMean = 3.2 + 0.6 * rng.normal();
    const iCount = Math.floor(Math.exp(3.5 + 1.3 * rng.normal())) + 1;
    x[o + 5] = year;
    x[o + 6] = age;
    x[o + 7] = gender;
    x[o + 8] = occ;
    x[o + 9] = uMean;
    x[o + 10] = uCount;
    x[o + 11] = iMean;
    x[o + 12] = iCount;
    x[o + 13] = rng.next() < 0.05 ? NaN : 1998 - year + rng.int(3);
    score[i] =
      (1.1 * (uMean - 3.5)) / 0.45 +
      (1.0 * (iMean - 3.2)) / 0.6 +
      0.3 * Math.tanh(Math.log(iCount) - 3.5) +
      0.25 * x[o] * x[o + 1] +
      0.2 * Math.sin(x[o + 2] * 2) +
      (occ % 5 === 0 ? 0.3 : 0) +
      0.01 * (age - 35) * (gender === 1 ? 1 : -1) +
      (year < 1970 ? 0.3 : 0) +
      noise * 1.6 * rng.normal();
  }
  // Class shares like MovieLens ratings 1..5 (spread over numClass classes).
  const shares = [0.06, 0.11, 0.27, 0.34, 0.22];
  const cum: number[] = [];
  let acc = 0;
  for (let k = 0; k < numClass - 1; k++) {
    acc += numClass === 5 ? shares[k] : 1 / numClass;
    cum.push(acc);
  }
  const sorted = Float64Array.from(score).sort();
  const edges = cum.map((c) => sorted[Math.min(n - 1, Math.floor(c * n))]);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let k = 0;
    while (k < edges.length && score[i] >= edges[k]) k++;
    labels[i] = k;
  }
  return {features: x, labels, n, d, numClass, featureNames: [...NAMES]};
}
