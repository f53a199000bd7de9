/**
 * Fold-in of a visitor into biased MF: with the item factors q_i, item biases b_i and global mean μ held
 * fixed, the visitor's bias b and factors p minimise
 *
 *   Σ_{i rated} (r_i − μ − b_i − b − p·q_i)² + λ·n·(b² + |p|²)
 *
 * which is ridge regression of y_i = r_i − μ − b_i on z_i = (1, q_i), solved in closed form:
 * x = (b, p) = (ZᵀZ + λ n I)⁻¹ Zᵀ y, one (k+1)×(k+1) Cholesky solve. The penalty λ·n is the one SGD
 * training applies (lib/models/factors/mf.ts: each of a user's n ratings shrinks b_u and p_u by
 * lr·reg, i.e. the gradient of reg·(b_u² + |p_u|²) per rating), so for a user of the training set the
 * fold-in is the point where SGD's update of that user would stop moving with the items held still.
 */
import {cholesky, solveCholesky} from "../linalg/cholesky.js";

/** The fixed item side of a biased MF model: what a bundle carries for cold start. */
export interface FoldInItems {
  /** Factors per movie, ≥ 1. */
  rank: number;
  /** Global mean rating μ, in stars. */
  mean: number;
  /** Per movie, in stars (length nMovies). */
  itemBias: Float32Array;
  /** nMovies × rank, row-major. */
  itemFactors: Float32Array;
  /** L2 regularisation per rating, as in training (MfParams.reg), > 0. */
  reg: number;
}

/** A visitor's ratings: dense movie indices and their stars (same length, distinct movies). */
export interface VisitorRatings {
  movies: ArrayLike<number>;
  ratings: ArrayLike<number>;
}

/** The visitor's fitted side: bias and factors, with the Cholesky factor of the system for explanations. */
export interface FoldInSolution {
  /** b, in stars. */
  bias: number;
  /** p, length rank. */
  factors: Float64Array;
  /** Lower Cholesky factor of ZᵀZ + λ n I, (rank+1)², row-major. */
  chol: Float64Array;
  /** y_i = r_i − μ − b_i of each rated movie, in the order given. */
  residuals: Float64Array;
}

/** Solves the visitor's bias and factors from their ratings (at least one); O(n k² + k³). */
export function foldIn(items: FoldInItems, visitor: VisitorRatings): FoldInSolution {
  const {rank: k, mean, itemBias, itemFactors, reg} = items;
  const n = visitor.movies.length;
  if (n === 0) throw new RangeError("fold-in needs at least one rating");
  if (visitor.ratings.length !== n)
    throw new RangeError(
      `fold-in got ${n} movies and ${visitor.ratings.length} ratings; expected one rating per movie`
    );
  if (!(reg > 0)) throw new RangeError(`fold-in regularisation is ${reg}: expected a number > 0`);
  const d = k + 1;
  const a = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  const residuals = new Float64Array(n);
  const z = new Float64Array(d);
  z[0] = 1;
  for (let t = 0; t < n; t++) {
    const m = visitor.movies[t];
    const y = visitor.ratings[t] - mean - itemBias[m];
    residuals[t] = y;
    for (let f = 0; f < k; f++) z[f + 1] = itemFactors[m * k + f];
    // Lower triangle only: cholesky reads no other.
    for (let r = 0; r < d; r++) {
      const zr = z[r];
      rhs[r] += zr * y;
      const row = r * d;
      for (let c = 0; c <= r; c++) a[row + c] += zr * z[c];
    }
  }
  const ridge = reg * n;
  for (let r = 0; r < d; r++) a[r * d + r] += ridge;
  cholesky(a, d, "fold-in normal equations");
  solveCholesky(a, d, rhs);
  return {bias: rhs[0], factors: rhs.subarray(1), chol: a, residuals};
}

/** Unclipped predictions μ + b_j + b + p·q_j of every movie, in stars. */
export function foldInPredictions(items: FoldInItems, x: FoldInSolution): Float64Array {
  const {rank: k, mean, itemBias, itemFactors} = items;
  const nMovies = itemBias.length;
  const out = new Float64Array(nMovies);
  const p = x.factors;
  const base = mean + x.bias;
  for (let j = 0; j < nMovies; j++) {
    let s = base + itemBias[j];
    const o = j * k;
    for (let f = 0; f < k; f++) s += p[f] * itemFactors[o + f];
    out[j] = s;
  }
  return out;
}

/**
 * How much each rated movie adds to the visitor's part of movie j's prediction, in stars: since
 * x = A⁻¹ Σ_i z_i y_i, the visitor term b + p·q_j = z_jᵀ x splits exactly into Σ_i y_i · z_jᵀ A⁻¹ z_i.
 * Term i is large when movie i's factors agree with j's (through A⁻¹) and the visitor rated i above
 * what μ + b_i predicted. Returned in the order of `visitor.movies`; they sum to b + p·q_j.
 */
export function foldInContributions(
  items: FoldInItems,
  visitor: VisitorRatings,
  x: FoldInSolution,
  movie: number
): Float64Array {
  const k = items.rank;
  const d = k + 1;
  const v = new Float64Array(d);
  v[0] = 1;
  for (let f = 0; f < k; f++) v[f + 1] = items.itemFactors[movie * k + f];
  solveCholesky(x.chol, d, v); // v = A⁻¹ z_j (A is symmetric)
  const out = new Float64Array(visitor.movies.length);
  for (let t = 0; t < out.length; t++) {
    const m = visitor.movies[t];
    let s = v[0];
    for (let f = 0; f < k; f++) s += v[f + 1] * items.itemFactors[m * k + f];
    out[t] = x.residuals[t] * s;
  }
  return out;
}
