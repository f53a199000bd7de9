// Small seeded data sets for the gbdt tests (not a test file itself).
import {createRng} from "../../../lib/random.js";

/** n rows × d features; class = which of K Gaussian blobs the row came from (well separated). */
export function blobs(
  n: number,
  d: number,
  K: number,
  seed: number,
  spread = 0.6
): {features: Float32Array; labels: Int32Array; n: number; d: number} {
  const rng = createRng(seed);
  const centres = Array.from({length: K}, () => Array.from({length: d}, () => rng.normal() * 2));
  const features = new Float32Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = rng.int(K);
    labels[i] = k;
    for (let f = 0; f < d; f++) features[i * d + f] = centres[k][f] + spread * rng.normal();
  }
  return {features, labels, n, d};
}

/** Rows [from, to) of a row-major matrix with labels. */
export function slice<T extends {features: Float32Array; labels: Int32Array; d: number}>(
  m: T,
  from: number,
  to: number
): {features: Float32Array; labels: Int32Array; n: number; d: number} {
  return {features: m.features.slice(from * m.d, to * m.d), labels: m.labels.slice(from, to), n: to - from, d: m.d};
}

/** Share of rows whose predicted class equals the label. */
export function accuracy(pred: Int32Array, labels: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < labels.length; i++) if (pred[i] === labels[i]) ok++;
  return ok / labels.length;
}
