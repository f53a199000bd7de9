/**
 * Gradient histograms of a node: for every feature f and byte code b, the sums of g and h over
 * the node's rows at hist[2·(256·f + b)] and hist[2·(256·f + b) + 1]. A fixed stride of 256 bins per
 * feature keeps the index a shift and an or; code 255 is the missing bin when the feature has one.
 */

/** Length of a histogram buffer for d features. */
export function histogramLength(d: number): number {
  return d * 512;
}

/** Histogram slot indices: 16-bit up to 256 features, 32-bit beyond. */
export type Slots = Uint16Array | Uint32Array;

/**
 * Histogram slot of every cell, 256·f + code, row-major n × d: precomputing it once
 * takes the shift and the or out of the hottest loop.
 */
export function slotMatrix(bins: Uint8Array, n: number, d: number): Slots {
  const out = d <= 256 ? new Uint16Array(n * d) : new Uint32Array(n * d);
  for (let r = 0, p = 0; r < n; r++) for (let f = 0; f < d; f++, p++) out[p] = (f << 8) | bins[p];
  return out;
}

/** Rows from which buildHistogram uses its second accumulator (below, zeroing and adding it back costs more than it saves). */
export const DUAL_MIN_ROWS = 2048;

/**
 * Adds rows[begin..end) into hist over all d features. slots: see slotMatrix;
 * gh: interleaved g, h per row (row r at 2r). With spare (a second buffer of hist's length) and
 * at least DUAL_MIN_ROWS rows, odd rows accumulate in spare, then spare is added into hist:
 * consecutive rows often hit the same bin, and two chains of dependent adds run in parallel.
 * spare's contents are overwritten.
 */
export function buildHistogram(
  hist: Float64Array,
  slots: Slots,
  d: number,
  gh: Float64Array,
  rows: Uint32Array,
  begin: number,
  end: number,
  spare: Float64Array | null = null
): void {
  let i = begin;
  if (spare !== null && end - begin >= DUAL_MIN_ROWS) {
    spare.fill(0);
    for (; i + 1 < end; i += 2) {
      const r = rows[i];
      const g = gh[2 * r];
      const h = gh[2 * r + 1];
      const r2 = rows[i + 1];
      const g2 = gh[2 * r2];
      const h2 = gh[2 * r2 + 1];
      let p = r * d;
      let q = r2 * d;
      const e = p + d;
      for (; p < e; p++, q++) {
        const s = slots[p] << 1;
        hist[s] += g;
        hist[s + 1] += h;
        const t = slots[q] << 1;
        spare[t] += g2;
        spare[t + 1] += h2;
      }
    }
    for (let s = 0; s < hist.length; s++) hist[s] += spare[s];
  }
  for (; i < end; i++) {
    const r = rows[i];
    const g = gh[2 * r];
    const h = gh[2 * r + 1];
    let p = r * d;
    const e = p + d;
    for (; p < e; p++) {
      const s = slots[p] << 1;
      hist[s] += g;
      hist[s + 1] += h;
    }
  }
}

/** As buildHistogram, restricted to the listed features (column subsampling). */
export function buildHistogramFeatures(
  hist: Float64Array,
  slots: Slots,
  d: number,
  gh: Float64Array,
  rows: Uint32Array,
  begin: number,
  end: number,
  features: Int32Array
): void {
  const nf = features.length;
  for (let i = begin; i < end; i++) {
    const r = rows[i];
    const g = gh[2 * r];
    const h = gh[2 * r + 1];
    const p = r * d;
    for (let j = 0; j < nf; j++) {
      const s = slots[p + features[j]] << 1;
      hist[s] += g;
      hist[s + 1] += h;
    }
  }
}

/** parent −= child over the listed features' slots: the sibling's histogram without a pass over its rows. */
export function subtractHistogram(parent: Float64Array, child: Float64Array, features: Int32Array): void {
  for (let j = 0; j < features.length; j++) {
    const start = features[j] << 9;
    const end = start + 512;
    for (let s = start; s < end; s++) parent[s] -= child[s];
  }
}
