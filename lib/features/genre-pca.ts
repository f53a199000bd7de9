/**
 * PCA of the movies' genre flags, fitted like the peer (scikit-learn's PCA on the training rating
 * rows' genre vectors) but without materialising one genre vector per rating: a rating row's genre
 * vector is its movie's, so the row-level mean and covariance are the movie-level ones weighted by
 * each movie's training count. The eigen decomposition of that weighted covariance is ml-pca's
 * (`isCovarianceMatrix: true`, symmetric EVD from ml-matrix); the flags are centred, not scaled
 * (binary flags share a unit, and the peer does not scale either).
 */
import {PCA} from "ml-pca";

/** Fitted genre PCA as plain data (typed arrays), serialisable and worker-transferable. */
export interface GenrePcaState {
  /** Genre flags per movie G (ml-100k: 19). */
  nGenres: number;
  /** Components kept as features, 1..nGenres. */
  nComponents: number;
  /** Weighted mean of each genre flag, length nGenres (share of training rows with the genre). */
  mean: Float64Array;
  /** Unit eigenvectors row-major, nComponents × nGenres; each row's largest-magnitude entry is positive. */
  components: Float64Array;
  /** Loadings row-major, nComponents × nGenres: component × sqrt(its variance) = covariance of the flag with the component score. */
  loadings: Float64Array;
  /** Variance of every component (all nGenres, descending), with n − 1 in the denominator like scikit-learn. */
  eigenvalues: Float64Array;
  /** Share of the total variance per component (all nGenres), 0..1. */
  explainedVarianceRatio: Float64Array;
  /** Running sum of explainedVarianceRatio, 0..1. */
  cumulativeVarianceRatio: Float64Array;
  /** Total weight fitted on (training rating rows, or distinct movies when unweighted). */
  weight: number;
}

/**
 * Fits PCA on genre flags (row-major nMovies × nGenres). ratedMovies: the movie index of every
 * training rating row (repeats weight a movie by its training count, as the peer's row-level fit);
 * omitted → each movie counts once. nComponents in 1..nGenres (seed: 5).
 */
export function fitGenrePca(
  genres: Uint8Array,
  nGenres: number,
  ratedMovies?: Int32Array,
  nComponents = 5
): GenrePcaState {
  if (!(Number.isInteger(nGenres) && nGenres >= 1) || genres.length % nGenres !== 0) {
    throw new RangeError(`genre matrix has ${genres.length} flags: expected a multiple of nGenres (${nGenres})`);
  }
  if (!(Number.isInteger(nComponents) && nComponents >= 1 && nComponents <= nGenres)) {
    throw new RangeError(`nComponents is ${nComponents}: expected an integer from 1 to ${nGenres}`);
  }
  const nMovies = genres.length / nGenres;
  const weights = new Float64Array(nMovies);
  if (ratedMovies) {
    for (let i = 0; i < ratedMovies.length; i++) {
      const m = ratedMovies[i];
      if (!(m >= 0 && m < nMovies))
        throw new RangeError(`ratedMovies[${i}] is ${m}: expected a movie index 0..${nMovies - 1}`);
      weights[m]++;
    }
  } else {
    weights.fill(1);
  }
  const {mean, cov, total} = weightedCovariance(genres, nGenres, weights);
  if (total < 2) throw new RangeError(`genre PCA needs at least 2 weighted rows, got ${total}`);

  const pca = new PCA(cov, {isCovarianceMatrix: true});
  const vectors = pca.getEigenvectors(); // nGenres × nGenres, columns = components, descending
  const eigenvalues = Float64Array.from(pca.getEigenvalues(), (v) => Math.max(0, v));
  const totalVar = eigenvalues.reduce((a, b) => a + b, 0);
  const explainedVarianceRatio = eigenvalues.map((v) => (totalVar > 0 ? v / totalVar : 0));
  const cumulativeVarianceRatio = new Float64Array(nGenres);
  let run = 0;
  explainedVarianceRatio.forEach((v, i) => (cumulativeVarianceRatio[i] = run += v));

  const components = new Float64Array(nComponents * nGenres);
  const loadings = new Float64Array(nComponents * nGenres);
  for (let c = 0; c < nComponents; c++) {
    // Eigenvector signs are arbitrary; fix them (largest |entry| positive, scikit-learn's svd_flip rule) so fits are reproducible.
    let big = 0;
    for (let g = 0; g < nGenres; g++) if (Math.abs(vectors.get(g, c)) > Math.abs(big)) big = vectors.get(g, c);
    const sign = big < 0 ? -1 : 1;
    const sd = Math.sqrt(eigenvalues[c]);
    for (let g = 0; g < nGenres; g++) {
      components[c * nGenres + g] = sign * vectors.get(g, c);
      loadings[c * nGenres + g] = sign * vectors.get(g, c) * sd;
    }
  }
  return {
    nGenres,
    nComponents,
    mean,
    components,
    loadings,
    eigenvalues,
    explainedVarianceRatio,
    cumulativeVarianceRatio,
    weight: total
  };
}

/** Component scores of one genre vector (length nGenres, flags 0/1): (x − mean) · components, length nComponents. */
export function transformGenres(state: GenrePcaState, genreRow: ArrayLike<number>): Float32Array {
  if (genreRow.length !== state.nGenres)
    throw new RangeError(`genre row has ${genreRow.length} flags: expected ${state.nGenres}`);
  const out = new Float32Array(state.nComponents);
  projectInto(state, genreRow, 0, out, 0);
  return out;
}

/** Component scores of every movie (genres row-major nMovies × nGenres) → Float32Array nMovies × nComponents. */
export function transformAllMovies(state: GenrePcaState, genres: Uint8Array): Float32Array {
  if (genres.length % state.nGenres !== 0)
    throw new RangeError(`genre matrix has ${genres.length} flags: expected a multiple of ${state.nGenres}`);
  const nMovies = genres.length / state.nGenres;
  const out = new Float32Array(nMovies * state.nComponents);
  for (let m = 0; m < nMovies; m++) projectInto(state, genres, m * state.nGenres, out, m * state.nComponents);
  return out;
}

function projectInto(
  state: GenrePcaState,
  x: ArrayLike<number>,
  xOff: number,
  out: Float32Array,
  outOff: number
): void {
  const {nGenres, nComponents, mean, components} = state;
  for (let c = 0; c < nComponents; c++) {
    let s = 0;
    for (let g = 0; g < nGenres; g++) s += (x[xOff + g] - mean[g]) * components[c * nGenres + g];
    out[outOff + c] = s;
  }
}

/** Weighted mean and covariance (denominator total weight − 1, i.e. the row-level sample covariance). */
function weightedCovariance(
  genres: Uint8Array,
  nGenres: number,
  weights: Float64Array
): {mean: Float64Array; cov: number[][]; total: number} {
  const nMovies = weights.length;
  const mean = new Float64Array(nGenres);
  let total = 0;
  for (let m = 0; m < nMovies; m++) {
    const w = weights[m];
    if (w === 0) continue;
    total += w;
    for (let g = 0; g < nGenres; g++) mean[g] += w * genres[m * nGenres + g];
  }
  for (let g = 0; g < nGenres; g++) mean[g] /= total || 1;
  const acc = new Float64Array(nGenres * nGenres);
  const d = new Float64Array(nGenres);
  for (let m = 0; m < nMovies; m++) {
    const w = weights[m];
    if (w === 0) continue;
    for (let g = 0; g < nGenres; g++) d[g] = genres[m * nGenres + g] - mean[g];
    for (let a = 0; a < nGenres; a++) {
      const wa = w * d[a];
      for (let b = a; b < nGenres; b++) acc[a * nGenres + b] += wa * d[b];
    }
  }
  const cov: number[][] = [];
  for (let a = 0; a < nGenres; a++) cov.push(new Array<number>(nGenres));
  for (let a = 0; a < nGenres; a++) {
    for (let b = a; b < nGenres; b++) cov[a][b] = cov[b][a] = acc[a * nGenres + b] / (total - 1);
  }
  return {mean, cov, total};
}
