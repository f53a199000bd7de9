/**
 * Neighbourhood collaborative filtering as in Surprise's KNNBasic / KNNWithMeans / KNNBaseline,
 * written once for both orientations. "Entities" are what similarities are computed between
 * (users for user-based, movies for item-based); "others" are the other side. To predict the
 * rating of (x, y), the k entities most similar to x among those that rated y vote:
 *   basic     r̂ = Σ s·r / Σ s
 *   means     r̂ = μ_x + Σ s·(r − μ_x') / Σ s
 *   baseline  r̂ = b_xy + Σ s·(r − b_x'y) / Σ s
 * over neighbours with s > 0 (Surprise's rule); fewer than minK of them falls back (the global mean
 * for basic, μ_x for means, b_xy for baseline). Similarities come from one pass over co-rated pairs.
 */
import type {ParamSchema} from "../estimator.js";
import type {Csr} from "../../linalg/sparse.js";
import {topK} from "../top-n.js";
import {fitBaselines, type BaselineParams, BASELINE_DEFAULTS} from "../baselines/baseline-only.js";
import {integerParam, numberParam} from "../param-specs.js";

export type SimilarityName = "cosine" | "pearson" | "pearson-baseline";
export type KnnVariant = "basic" | "means" | "baseline";

export interface KnnParams {
  /** Maximum number of neighbours (≥ 1). */
  k: number;
  /** Fewer positive-similarity neighbours than this falls back (≥ 1). */
  minK: number;
  similarity: SimilarityName;
  /** Shrinkage λ: similarity × (n − 1)/(n − 1 + λ), n = co-rated count (Surprise: 100 for pearson-baseline); 0 = none. */
  shrinkage: number;
  /** Pairs with fewer co-ratings than this get similarity 0. */
  minSupport: number;
  variant: KnnVariant;
  baseline: BaselineParams;
}

export const KNN_DEFAULTS: KnnParams = {
  k: 40,
  minK: 1,
  similarity: "pearson-baseline",
  shrinkage: 100,
  minSupport: 1,
  variant: "baseline",
  baseline: BASELINE_DEFAULTS
};

/** The schema of KnnParams, shared by user- and item-based kNN. */
export const KNN_PARAMS: ParamSchema<KnnParams> = {
  k: integerParam(1, 10000, "maximum number of neighbours"),
  minK: integerParam(1, 10000, "fewer positive-similarity neighbours than this falls back"),
  similarity: {
    type: "enum",
    values: ["cosine", "pearson", "pearson-baseline"],
    description: "similarity between neighbours"
  },
  shrinkage: numberParam(0, 10000, "shrinkage λ of similarities towards 0 (by co-rated count)"),
  minSupport: integerParam(1, 10000, "pairs with fewer co-ratings get similarity 0"),
  variant: {
    type: "enum",
    values: ["basic", "means", "baseline"],
    description: "what neighbours vote on: raw ratings, deviations from means, or from baselines"
  },
  baseline: {type: "json", description: "baseline ALS parameters {regItem, regUser, epochs}"}
};

/** Fitted neighbourhood state in one orientation. */
export interface KnnCore {
  params: KnnParams;
  nEntities: number;
  /** Row-major nEntities² similarities (symmetric, diagonal 1). */
  similarity: Float32Array;
  /** Ratings by other: row y lists the entities that rated y. */
  byOther: Csr;
  /** Ratings by entity: row x lists the others x rated. */
  byEntity: Csr;
  mean: number;
  /** Mean rating of each entity (NaN when it has none). */
  entityMean: Float64Array;
  /** Baseline biases of entities and others (zeros unless variant or similarity use baselines). */
  entityBias: Float64Array;
  otherBias: Float64Array;
}

/**
 * Similarities between the rows of byEntity (entities) from the pairs co-rated in byOther's rows.
 * residual(x, y, r) gives the value compared (raw rating, or rating minus baseline for pearson-baseline).
 */
export function similarityMatrix(
  byOther: Csr,
  nEntities: number,
  kind: SimilarityName,
  shrinkage: number,
  minSupport: number,
  residual: (value: number, entity: number, other: number) => number
): Float32Array {
  const n = nEntities;
  // Accumulators live in the upper triangle [a < b] of n² arrays.
  const freq = new Float64Array(n * n),
    prods = new Float64Array(n * n),
    sqa = new Float64Array(n * n),
    sqb = new Float64Array(n * n);
  const pearson = kind === "pearson";
  const sa = pearson ? new Float64Array(n * n) : null,
    sb = pearson ? new Float64Array(n * n) : null;
  const vals = new Float64Array(byOther.nCols);
  for (let y = 0; y < byOther.nRows; y++) {
    const lo = byOther.indptr[y],
      hi = byOther.indptr[y + 1];
    for (let p = lo; p < hi; p++) vals[p - lo] = residual(byOther.values[p], byOther.indices[p], y);
    for (let p = lo; p < hi; p++) {
      const a = byOther.indices[p],
        va = vals[p - lo],
        ra = a * n;
      for (let q = p + 1; q < hi; q++) {
        const idx = ra + byOther.indices[q],
          vb = vals[q - lo];
        freq[idx] += 1;
        prods[idx] += va * vb;
        sqa[idx] += va * va;
        sqb[idx] += vb * vb;
        if (sa !== null && sb !== null) {
          sa[idx] += va;
          sb[idx] += vb;
        }
      }
    }
  }
  const sim = new Float32Array(n * n);
  for (let a = 0; a < n; a++) {
    sim[a * n + a] = 1;
    for (let b = a + 1; b < n; b++) {
      const idx = a * n + b,
        f = freq[idx];
      let s = 0;
      if (f >= minSupport && f > 0) {
        if (sa !== null && sb !== null) {
          const num = f * prods[idx] - sa[idx] * sb[idx];
          const den = Math.sqrt((f * sqa[idx] - sa[idx] * sa[idx]) * (f * sqb[idx] - sb[idx] * sb[idx]));
          s = den > 0 ? num / den : 0;
        } else {
          const den = Math.sqrt(sqa[idx] * sqb[idx]);
          s = den > 0 ? prods[idx] / den : 0;
        }
        if (shrinkage > 0) s *= (f - 1) / (f - 1 + shrinkage);
      }
      sim[idx] = s;
      sim[b * n + a] = s;
    }
  }
  return sim;
}

/** Fits the neighbourhood model: baselines when needed, entity means, the similarity matrix. */
export function fitKnnCore(
  byEntity: Csr,
  byOther: Csr,
  entityIsUser: boolean,
  mean: number,
  params: KnnParams
): KnnCore {
  const p = params;
  if (!(p.k >= 1) || !(p.minK >= 1)) throw new RangeError(`knn: k = ${p.k}, minK = ${p.minK}; expected both ≥ 1`);
  const n = byEntity.nRows;
  let entityBias: Float64Array = new Float64Array(n),
    otherBias: Float64Array = new Float64Array(byOther.nRows);
  if (p.variant === "baseline" || p.similarity === "pearson-baseline") {
    const byUser = entityIsUser ? byEntity : byOther,
      byMovie = entityIsUser ? byOther : byEntity;
    const b = fitBaselines(byUser, byMovie, mean, p.baseline);
    entityBias = entityIsUser ? b.userBias : b.itemBias;
    otherBias = entityIsUser ? b.itemBias : b.userBias;
  }
  const entityMean = new Float64Array(n);
  for (let x = 0; x < n; x++) {
    let s = 0;
    for (let q = byEntity.indptr[x]; q < byEntity.indptr[x + 1]; q++) s += byEntity.values[q];
    entityMean[x] = s / (byEntity.indptr[x + 1] - byEntity.indptr[x]);
  }
  const residual =
    p.similarity === "pearson-baseline"
      ? (r: number, x: number, y: number) => r - mean - entityBias[x] - otherBias[y]
      : (r: number) => r;
  const similarity = similarityMatrix(byOther, n, p.similarity, p.shrinkage, p.minSupport, residual);
  return {params: p, nEntities: n, similarity, byOther, byEntity, mean, entityMean, entityBias, otherBias};
}

/** One neighbour that voted: entity index, similarity, its rating of the other and its weight in the estimate (0..1). */
export interface Neighbour {
  entity: number;
  similarity: number;
  rating: number;
  /** The neighbour's signed contribution to the estimate, in rating units. */
  contribution: number;
}

/** Estimate for (x, y) before clipping; fallback true when x or y is unknown or fewer than minK neighbours voted. */
export function knnEstimate(s: KnnCore, x: number, y: number, keep?: Neighbour[]): {value: number; fallback: boolean} {
  const known =
    x >= 0 &&
    x < s.nEntities &&
    s.byEntity.indptr[x + 1] > s.byEntity.indptr[x] &&
    y >= 0 &&
    y < s.byOther.nRows &&
    s.byOther.indptr[y + 1] > s.byOther.indptr[y];
  const v = s.params.variant;
  const base = (xi: number, yi: number) =>
    v === "baseline" ? s.mean + s.entityBias[xi] + s.otherBias[yi] : v === "means" ? s.entityMean[xi] : 0;
  const fallbackValue = () => {
    if (v === "basic") return s.mean;
    let b = s.mean;
    if (x >= 0 && x < s.nEntities)
      b = v === "means" ? (s.entityMean[x] === s.entityMean[x] ? s.entityMean[x] : s.mean) : b + s.entityBias[x];
    if (v === "baseline" && y >= 0 && y < s.otherBias.length) b += s.otherBias[y];
    return b;
  };
  if (!known) return {value: fallbackValue(), fallback: true};
  const k = s.params.k,
    n = s.nEntities;
  // The k most similar raters of y, kept in a small array sorted by decreasing similarity.
  const topSim = new Float64Array(k),
    topIdx = new Int32Array(k),
    topR = new Float64Array(k);
  let size = 0;
  const row = x * n;
  for (let q = s.byOther.indptr[y]; q < s.byOther.indptr[y + 1]; q++) {
    const e = s.byOther.indices[q];
    const sim = s.similarity[row + e];
    if (size === k && sim <= topSim[k - 1]) continue;
    let i = size < k ? size++ : k - 1;
    while (i > 0 && topSim[i - 1] < sim) {
      topSim[i] = topSim[i - 1];
      topIdx[i] = topIdx[i - 1];
      topR[i] = topR[i - 1];
      i--;
    }
    topSim[i] = sim;
    topIdx[i] = e;
    topR[i] = s.byOther.values[q];
  }
  let num = 0,
    den = 0,
    actual = 0;
  for (let i = 0; i < size; i++) {
    if (topSim[i] <= 0) continue;
    num += topSim[i] * (topR[i] - base(topIdx[i], y));
    den += topSim[i];
    actual++;
  }
  if (actual < s.params.minK) return {value: fallbackValue(), fallback: true};
  if (keep !== undefined) {
    for (let i = 0; i < size; i++) {
      if (topSim[i] <= 0) continue;
      keep.push({
        entity: topIdx[i],
        similarity: topSim[i],
        rating: topR[i],
        contribution: (topSim[i] * (topR[i] - base(topIdx[i], y))) / den
      });
    }
  }
  return {value: base(x, y) + num / den, fallback: false};
}

/** The `count` entities most similar to x (excluding x, similarity > 0), best first, by partial selection. */
export function mostSimilar(s: KnnCore, x: number, count: number): Array<{entity: number; similarity: number}> {
  if (x < 0 || x >= s.nEntities) return [];
  const row = Float64Array.from(s.similarity.subarray(x * s.nEntities, (x + 1) * s.nEntities));
  row[x] = NaN;
  return topK(row, count)
    .filter((r) => r.score > 0)
    .map((r) => ({entity: r.movie, similarity: r.score}));
}
