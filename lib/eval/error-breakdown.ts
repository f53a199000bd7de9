/**
 * Where a rating classifier's errors fall: accuracy and the RMSE/MAE of the expected rating per
 * bucket of a per-row count (the user's activity or the movie's popularity in the training part).
 * Buckets are quantiles of the evaluated rows' counts, so each holds about the same number of rows.
 */

/** Per-bucket figures; bucket b holds rows with lower[b] ≤ count ≤ upper[b]. */
export interface ErrorBreakdown {
  lower: number[];
  upper: number[];
  rows: number[];
  accuracy: number[];
  rmse: number[];
  mae: number[];
}

/** Training rows per dense index (users or movies): counts[index[row]] over trainRows. */
export function countsOf(index: Int32Array, trainRows: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size);
  for (let i = 0; i < trainRows.length; i++) out[index[trainRows[i]]]++;
  return out;
}

/**
 * Quantile bucket edges of counts (≈ equal rows per bucket, nBuckets ≥ 1): sorted distinct upper
 * bounds, the last being the maximum; ties keep equal counts in one bucket, so there may be fewer buckets.
 */
export function quantileUppers(counts: ArrayLike<number>, nBuckets: number): number[] {
  if (!(Number.isInteger(nBuckets) && nBuckets >= 1))
    throw new RangeError(`nBuckets is ${nBuckets}: expected an integer ≥ 1`);
  const sorted = Float64Array.from(counts).sort();
  if (sorted.length === 0) return [];
  const uppers: number[] = [];
  for (let b = 1; b <= nBuckets; b++) {
    const v = sorted[Math.min(sorted.length - 1, Math.ceil((b * sorted.length) / nBuckets) - 1)];
    if (uppers.length === 0 || v > uppers[uppers.length - 1]) uppers.push(v);
  }
  return uppers;
}

/**
 * Accuracy of the most probable class and RMSE/MAE of the expected rating per bucket of rowCount.
 * truth: class index per row (0..K−1); proba: row-major n × K; classValues: rating of each class;
 * rowCount: the integer count that buckets the row (e.g. its user's training ratings); nBuckets ≥ 1.
 */
export function errorBreakdown(
  truth: Int32Array,
  proba: Float32Array | Float64Array,
  classValues: readonly number[],
  rowCount: ArrayLike<number>,
  nBuckets = 5
): ErrorBreakdown {
  const K = classValues.length;
  const n = truth.length;
  if (proba.length !== n * K)
    throw new RangeError(`probabilities have ${proba.length} values: expected ${n} rows × ${K} classes`);
  if (rowCount.length !== n)
    throw new RangeError(`rowCount has ${rowCount.length} values: expected one per row (${n})`);
  const uppers = quantileUppers(rowCount, nBuckets);
  const B = uppers.length;
  const rows = new Array<number>(B).fill(0);
  const hits = new Array<number>(B).fill(0);
  const se = new Array<number>(B).fill(0);
  const ae = new Array<number>(B).fill(0);
  for (let i = 0; i < n; i++) {
    let b = 0;
    while (rowCount[i] > uppers[b]) b++;
    let best = 0;
    let expected = 0;
    for (let k = 0; k < K; k++) {
      const p = proba[i * K + k];
      expected += p * classValues[k];
      if (p > proba[i * K + best]) best = k;
    }
    const err = expected - classValues[truth[i]];
    rows[b]++;
    if (best === truth[i]) hits[b]++;
    se[b] += err * err;
    ae[b] += Math.abs(err);
  }
  let min = Infinity;
  for (let i = 0; i < n; i++) if (rowCount[i] < min) min = rowCount[i];
  // Counts are integers, so bucket b starts one above the previous upper bound.
  const lower = uppers.map((_, b) => (b === 0 ? min : uppers[b - 1] + 1));
  return {
    lower,
    upper: uppers,
    rows,
    accuracy: rows.map((r, b) => (r > 0 ? hits[b] / r : NaN)),
    rmse: rows.map((r, b) => (r > 0 ? Math.sqrt(se[b] / r) : NaN)),
    mae: rows.map((r, b) => (r > 0 ? ae[b] / r : NaN))
  };
}
