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
  if (features.length !== n * d)
    throw new RangeError(`computeCuts: features has ${features.length} values, expected n × d = ${n} × ${d}`);
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
  if (features.length !== n * d)
    throw new RangeError(`binMatrix: features has ${features.length} values, expected n × d = ${n} × ${d}`);
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
        if (!missingOk)
          throw new RangeError(
            `binMatrix: row ${i}, feature ${f} is missing but the cuts were computed without missing values`
          );
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

/**
 * computeCuts and binMatrix of a training matrix in one go, with identical results: per feature
 * a radix sort of the values carrying their rows, then the codes by one walk along the sorted
 * values (the cut index only grows). Replaces d comparison sorts and n·d binary searches,
 * the largest fixed cost of a fit before the first tree.
 */
export function binTrainingMatrix(
  features: Float32Array,
  n: number,
  d: number,
  maxBin: number
): {cuts: BinCuts; bins: Uint8Array} {
  if (features.length !== n * d)
    throw new RangeError(`binTrainingMatrix: features has ${features.length} values, expected n × d = ${n} × ${d}`);
  const parts: Float32Array[] = [];
  const ptr = new Uint32Array(d + 1);
  const minValues = new Float32Array(d);
  const hasMissing = new Uint8Array(d);
  const bins = new Uint8Array(n * d);
  const scratch: ColumnScratch = {
    keys: new Uint32Array(n),
    rows: new Uint32Array(n),
    keys2: new Uint32Array(n),
    rows2: new Uint32Array(n),
    sorted: new Float32Array(n)
  };
  const bits = new Uint32Array(features.buffer, features.byteOffset, features.length);
  for (let f = 0; f < d; f++) {
    const m = sortColumn(features, bits, n, d, f, bins, scratch);
    hasMissing[f] = m < n ? 1 : 0;
    const values = scratch.sorted.subarray(0, m);
    const cuts = featureCuts(values, hasMissing[f] ? Math.min(maxBin, 255) : maxBin);
    parts.push(cuts);
    ptr[f + 1] = ptr[f] + cuts.length;
    const lo = m > 0 ? values[0] : 0;
    minValues[f] = Math.fround(lo - (Math.abs(lo) + 1e-5));
    codeColumn(values, scratch.rows, cuts, d, f, bins);
  }
  const all = new Float32Array(ptr[d]);
  for (let f = 0; f < d; f++) all.set(parts[f], ptr[f]);
  return {cuts: {d, cuts: all, ptr, minValues, hasMissing}, bins};
}

interface ColumnScratch {
  keys: Uint32Array;
  rows: Uint32Array;
  keys2: Uint32Array;
  rows2: Uint32Array;
  sorted: Float32Array;
}

/**
 * Sorts feature f's non-missing values into scratch.sorted (their rows in scratch.rows), codes
 * its missing cells MISSING_CODE in bins; returns the number of non-missing values.
 */
function sortColumn(
  features: Float32Array,
  bits: Uint32Array,
  n: number,
  d: number,
  f: number,
  bins: Uint8Array,
  scratch: ColumnScratch
): number {
  const {keys, rows, sorted} = scratch;
  let m = 0;
  for (let i = 0, p = f; i < n; i++, p += d) {
    if (features[p] !== features[p]) {
      bins[p] = MISSING_CODE;
      continue;
    }
    // Order-preserving unsigned key of a float: flip all bits of negatives, the sign bit of the rest.
    const b = bits[p];
    keys[m] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
    rows[m++] = i;
  }
  radixSort(keys, rows, scratch.keys2, scratch.rows2, m);
  const sortedBits = new Uint32Array(sorted.buffer, sorted.byteOffset, m);
  for (let i = 0; i < m; i++) {
    const k = keys[i];
    sortedBits[i] = k & 0x80000000 ? (k ^ 0x80000000) >>> 0 : ~k >>> 0;
  }
  return m;
}

/** Codes sorted values (rows alongside) of feature f: upper_bound over cuts clamped to the last bin, as binOf; the cut index only grows. */
function codeColumn(
  values: Float32Array,
  rows: Uint32Array,
  cuts: Float32Array,
  d: number,
  f: number,
  bins: Uint8Array
): void {
  const last = cuts.length - 1;
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    while (j < last && cuts[j] <= x) j++;
    bins[rows[i] * d + f] = j;
  }
}

/** Stable LSD radix sort of keys[0..m) (32-bit unsigned) carrying rows, 11 bits per pass; a2, b2 are scratch of the same length. */
function radixSort(keys: Uint32Array, rows: Uint32Array, a2: Uint32Array, b2: Uint32Array, m: number): void {
  const count = new Uint32Array(2048);
  let srcK = keys;
  let srcR = rows;
  let dstK = a2;
  let dstR = b2;
  for (let shift = 0; shift < 32; shift += 11) {
    count.fill(0);
    for (let i = 0; i < m; i++) count[(srcK[i] >>> shift) & 2047]++;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const k = srcK[i];
      const o = count[(k >>> shift) & 2047]++;
      dstK[o] = k;
      dstR[o] = srcR[i];
    }
    const tk = srcK;
    srcK = dstK;
    dstK = tk;
    const tr = srcR;
    srcR = dstR;
    dstR = tr;
  }
  // Three passes leave the result in the scratch arrays.
  if (srcK !== keys) {
    keys.set(srcK.subarray(0, m));
    rows.set(srcR.subarray(0, m));
  }
}
