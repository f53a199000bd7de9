/**
 * Quantile binning as XGBoost's `hist` method does it: per feature, cut points from the
 * (exact) quantiles of the training values, then every value coded to a byte.
 *
 * Cut layout follows XGBoost 1.7's HistogramCuts: with distinct sorted values v0 < … < vk-1
 * (k <= max_bin) the cuts are v1, …, vk-1 and a last cut above the maximum, so bin i holds
 * exactly vi and a split after bin i is the float test `x < cuts[i]`. Above max_bin distinct
 * values the cuts are the values at ranks i·N/max_bin. A value's bin is upper_bound(cuts, x).
 */

/** Byte code of a missing value (NaN) when a feature has missing values; such features get at most 255 value bins. */
export const MISSING_CODE = 255;

export interface BinCuts {
  /** Number of features d. */
  d: number;
  /** Concatenated cut values of all features (float32); feature f owns cuts[ptr[f] .. ptr[f+1]). */
  cuts: Float32Array;
  /** Offsets into cuts, length d + 1; feature f has ptr[f+1] − ptr[f] value bins (1..256). */
  ptr: Uint32Array;
  /** Per feature, a value below the minimum (the threshold that sends every value right). */
  minValues: Float32Array;
  /** Per feature, 1 when the training data had a missing value (code MISSING_CODE is then reserved). */
  hasMissing: Uint8Array;
}

/**
 * Computes per-feature cut points from a row-major n × d float32 matrix (NaN = missing).
 * maxBin in 2..256; features with missing values get at most 255 bins so that code 255 stays free.
 */
export function computeCuts(features: Float32Array, n: number, d: number, maxBin: number): BinCuts {
  if (features.length !== n * d) throw new RangeError(`computeCuts: features has ${features.length} values, expected n × d = ${n} × ${d}`);
  const parts: Float32Array[] = [];
  const ptr = new Uint32Array(d + 1);
  const minValues = new Float32Array(d);
  const hasMissing = new Uint8Array(d);
  const column = new Float32Array(n);
  for (let f = 0; f < d; f++) {
    let m = 0;
    for (let i = 0, p = f; i < n; i++, p += d) {
      const v = features[p];
      if (v !== v) hasMissing[f] = 1;
      else column[m++] = v;
    }
    const values = column.subarray(0, m).sort();
    const cuts = featureCuts(values, hasMissing[f] ? Math.min(maxBin, 255) : maxBin);
    parts.push(cuts);
    ptr[f + 1] = ptr[f] + cuts.length;
    const lo = m > 0 ? values[0] : 0;
    minValues[f] = Math.fround(lo - (Math.abs(lo) + 1e-5));
  }
  const all = new Float32Array(ptr[d]);
  for (let f = 0; f < d; f++) all.set(parts[f], ptr[f]);
  return {d, cuts: all, ptr, minValues, hasMissing};
}

/** Cut points of one feature from its sorted non-missing values; always at least one cut (one bin). */
function featureCuts(sorted: Float32Array, maxBin: number): Float32Array {
  const m = sorted.length;
  if (m === 0) return Float32Array.of(1e-5);
  const distinct: number[] = [sorted[0]];
  for (let i = 1; i < m && distinct.length <= maxBin; i++) if (sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  const out: number[] = [];
  if (distinct.length <= maxBin) {
    for (let i = 1; i < distinct.length; i++) out.push(distinct[i]);
  } else {
    // Exact quantiles: the value at rank i·m/maxBin, kept only when strictly increasing.
    for (let i = 1; i < maxBin; i++) {
      const v = sorted[Math.floor((i * m) / maxBin)];
      if (v > sorted[0] && (out.length === 0 || v > out[out.length - 1])) out.push(v);
    }
  }
  const top = sorted[m - 1];
  out.push(Math.fround(top + (Math.abs(top) + 1e-5)));
  return Float32Array.from(out);
}

/** Bin of value x of feature f: upper_bound over its cuts, clamped to the last bin (values above the training maximum). */
export function binOf(cuts: BinCuts, f: number, x: number): number {
  const c = cuts.cuts;
  let lo = cuts.ptr[f];
  const end = cuts.ptr[f + 1];
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, end - 1) - cuts.ptr[f];
}

/**
 * Codes a row-major n × d float32 matrix to bytes: bin index 0..255, or MISSING_CODE for NaN.
 * NaN is only allowed in features that had missing values when the cuts were computed (else RangeError).
 */
export function binMatrix(cuts: BinCuts, features: Float32Array, n: number): Uint8Array {
  const d = cuts.d;
  if (features.length !== n * d) throw new RangeError(`binMatrix: features has ${features.length} values, expected n × d = ${n} × ${d}`);
  const out = new Uint8Array(n * d);
  const c = cuts.cuts;
  for (let f = 0; f < d; f++) {
    const start = cuts.ptr[f];
    const end = cuts.ptr[f + 1];
    const last = end - 1;
    const missingOk = cuts.hasMissing[f] === 1;
    for (let i = 0, p = f; i < n; i++, p += d) {
      const x = features[p];
      if (x !== x) {
        if (!missingOk) throw new RangeError(`binMatrix: row ${i}, feature ${f} is missing but the cuts were computed without missing values`);
        out[p] = MISSING_CODE;
        continue;
      }
      let lo = start;
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (c[mid] <= x) lo = mid + 1;
        else hi = mid;
      }
      out[p] = (lo > last ? last : lo) - start;
    }
  }
  return out;
}
