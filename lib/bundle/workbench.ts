/**
 * The classifier bundle of the workbench: everything a server or a page needs to answer without
 * the data set. Beyond the fitted classifier it holds the movie table (years, release dates, genre
 * flags; titles and ids live in the bundle envelope), user demographics, optionally each user's
 * training ratings as compact CSR (for "movies they rated" and to exclude seen movies from top-N;
 * public bundles leave them out, see WorkbenchOptions.userRatings), optionally a pruned ranking model
 * for top-N, and the item side of a biased MF for visitors who are not in the data set (cold-start.ts).
 *
 * The ranker decision: EASE (or item-kNN on implicit feedback) scores a user's unseen movie j as
 * Σ over seen movies i of W[i][j]. The dense 1,682² matrix is 11 MB of float32; keeping, per
 * movie i, its `neighbours` (default 64) largest-magnitude weights as sparse rows (Uint16 indices
 * when there are < 65,536 movies, float32 weights) keeps the top-10 nearly unchanged and the
 * whole ml-100k bundle under 3 MB. Without a ranker, recommendations fall back to popularity.
 */
import {mostCounted} from "../data/sample.js";
import type {Dataset} from "../data/types.js";
import type {TrainSet} from "../models/estimator.js";
import {getModel, itemRankerNames} from "../models/registry.js";
import {binaryMatrix} from "../models/implicit/binary-matrix.js";
import {itemNeighbours, type NeighbourRows} from "../models/implicit/item-neighbours.js";
import {ITEM_KNN_IMPLICIT_DEFAULTS, itemKnnImplicitModel} from "../models/implicit/item-knn-implicit.js";
import type {GbdtModel} from "../models/gbdt/model.js";
import type {ClassifierState} from "../models/classifier/pipeline.js";
import {bundleMetadata, type Bundle} from "./bundle.js";
import type {FactorRanker} from "./factor-ranker.js";
import {fitColdStart, type ColdStartModel} from "./cold-start.js";
import type {MfParams} from "../models/factors/mf.js";

/** A ranking model a bundle can carry (a registered model with itemWeights, see rankerNames), or "none". */
export type RankerName = string;

/** The rankers a bundle can carry, from the registry, and "none". */
export function rankerNames(): string[] {
  return [...itemRankerNames(), "none"];
}

/** Per-movie sparse rows of a pruned item–item weight matrix: score_j = Σ_{i seen} w(i, j). */
export interface SparseRanker {
  /** The registry model the weights came from, e.g. "ease" (shown as the model of a recommendation). */
  name: string;
  /** Movies in the bundle; rows and targets are dense movie indices 0..nMovies-1. */
  nMovies: number;
  /** Weights kept per movie row (the last rows may keep fewer when a row has fewer non-zeros). */
  neighbours: number;
  /** Length nMovies + 1: movie i's entries are [indptr[i], indptr[i + 1]). */
  indptr: Int32Array;
  /** Target movie of each entry (Uint16Array when nMovies ≤ 65,536). */
  indices: Uint16Array | Int32Array;
  /** Weight w(i, j) of each entry, the model's own units (EASE weight or similarity). */
  weights: Float32Array;
}

/**
 * A GBDT model with its trees packed into typed arrays (tree t's nodes follow tree t − 1's): about
 * 35% smaller than the JSON text once base64-encoded, and exact (values are float32 already).
 * Unpacked and validated by parseModel on load.
 */
export interface PackedGbdt {
  /** Every field of the model but its trees. */
  header: Omit<GbdtModel, "trees">;
  /** Node count of each tree. */
  nodes: Int32Array;
  /** Split feature index of each node, −1 at a leaf. */
  feature: Int16Array | Int32Array;
  /** The threshold of a split node, the value of a leaf (feature −1): the other is 0 by construction. */
  split: Float32Array;
  /** 1 when a missing value (NaN) goes left at that node, else 0. */
  defaultLeft: Uint8Array;
  /** Left child's index within its tree (x < threshold), −1 at a leaf. */
  left: Int16Array | Int32Array;
  /** Right child's index within its tree, −1 at a leaf. */
  right: Int16Array | Int32Array;
  /** Loss change of the split (float32), 0 at a leaf. */
  gain: Float32Array;
}

/** The classifier as stored: its GBDT model packed (see PackedGbdt). */
export type StoredClassifier = Omit<ClassifierState, "model"> & {
  /** The fitted GBDT, its trees packed. */
  model: PackedGbdt;
};

/** Each user's training ratings, CSR by dense user: movie indices and rating class indices (value = classValues[class]). */
export interface UserRatings {
  /** Length nUsers + 1: user u's entries are [indptr[u], indptr[u + 1]). */
  indptr: Int32Array;
  /** Dense movie index of each entry, ascending within a user (Uint16Array when nMovies ≤ 65,536). */
  movies: Uint16Array | Int32Array;
  /** Rating class index of each entry: the rating is the classifier's classValues[class]. */
  classes: Uint8Array;
}

/** The state of a classifier bundle: what a server or page needs to answer without the data set. */
export interface WorkbenchState {
  /** Version of this state's layout (the bundle envelope has its own). */
  version: 1;
  /** The fitted feature pipeline and GBDT. */
  classifier: StoredClassifier;
  /** The movie table in dense-index order (titles and ids are in the bundle envelope). */
  movies: {
    /** Release year, NaN when unknown. */
    year: Float64Array;
    /** Release date as unix seconds (UTC midnight), NaN when unknown. */
    releaseDate: Float64Array;
    /** Genre names in column order. */
    genreNames: string[];
    /** Genre flags, row-major: genres[m * genreNames.length + g] is 1 when movie m has genre g. */
    genres: Uint8Array;
  };
  /** Demographics aligned with idMaps.users (null when the data set has none). */
  users: {
    /** Age in years, NaN when unknown. */
    age: Float64Array;
    /** 0 = M, 1 = F, 255 = unknown. */
    gender: Uint8Array;
    /** Index into occupationNames. */
    occupation: Uint8Array;
    /** Occupation names in index order. */
    occupationNames: string[];
  } | null;
  /** Each user's training ratings; null in a public bundle (no user's rating history leaves the build). */
  ratings: UserRatings | null;
  /** Training rating count per movie (popularity fallback and search order). */
  popularity: Float32Array;
  /** Top-N: pruned item–item weights fitted here, latent factors imported (see factor-ranker.ts), or none (popularity). */
  ranker: SparseRanker | FactorRanker | null;
  /** Biased MF's item side for folding in visitors; absent in bundles written before it existed, null when not fitted. */
  coldStart?: ColdStartModel | null;
}

/** Options of {@link buildWorkbenchBundle}: the ranker, the rows, and what a public bundle leaves out. */
export interface WorkbenchOptions {
  /** Ranking model fitted on the same rows for top-N (default "ease"). */
  ranker?: RankerName;
  /** Weights kept per movie in the pruned ranker, ≥ 1 (default 64). */
  neighbours?: number;
  /** Rows the classifier and ranker were fitted on (default: every row of the data set). */
  rows?: Int32Array;
  /** Figures to record, e.g. cross-validated accuracy. */
  metrics?: Record<string, number>;
  /** Whether the data set is synthetic (recorded in the metadata). */
  synthetic?: boolean;
  /** Creation time (default now), for reproducible files in tests. */
  now?: Date;
  /**
   * Keep each user's training ratings (default true: `serve` shows "movies they rated" and excludes
   * them from top-N). False for public bundles: MovieLens' licence forbids redistributing its rows,
   * and visitors are served by cold start, which needs none of them.
   */
  userRatings?: boolean;
  /** Biased MF parameters of the cold-start part (default MF_DEFAULTS), or null to leave it out. */
  coldStart?: Partial<MfParams> | null;
}

/** Builds the bundle of a classifier fitted on `dataset` (kind "classifier", model "gbdt"). */
export function buildWorkbenchBundle(
  dataset: Dataset,
  classifier: ClassifierState,
  options: WorkbenchOptions = {}
): Bundle<WorkbenchState> {
  if (classifier.features.factor)
    throw new RangeError(
      `a classifier with the factor feature "${classifier.features.factor.model}" cannot be bundled yet (the bundle validates every part it carries, and a factor model's state is not one of them); fit it without features.factors`
    );
  const rows = options.rows ?? Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
  const rankerName = options.ranker ?? "ease";
  const neighbours = options.neighbours ?? 64;
  const nMovies = dataset.movies.id.length;
  const trainSet = subsetTrainSet(dataset, rows);
  const ratings = options.userRatings === false ? null : userRatings(trainSet, classifier.classValues);
  const popularity = new Float32Array(nMovies);
  for (let i = 0; i < trainSet.ratings.movie.length; i++) popularity[trainSet.ratings.movie[i]]++;
  const u = dataset.users;
  const {model, ...rest} = classifier;
  const state: WorkbenchState = {
    version: 1,
    classifier: {...rest, model: packModel(model)},
    movies: {
      year: dataset.movies.year,
      releaseDate: dataset.movies.releaseDate,
      genreNames: dataset.movies.genreNames.slice(),
      genres: dataset.movies.genres
    },
    users: u
      ? {age: u.age, gender: u.gender, occupation: u.occupation, occupationNames: u.occupationNames.slice()}
      : null,
    ratings,
    popularity,
    ranker: rankerName === "none" ? null : fitRanker(rankerName, trainSet, neighbours),
    coldStart: options.coldStart === null ? null : fitColdStart(trainSet, options.coldStart)
  };
  const note = rankerNote(rankerName, trainSet);
  return {
    kind: "classifier",
    model: "gbdt",
    scale: {...dataset.scale},
    idMaps: {users: dataset.userIds, movies: dataset.movies.id},
    titles: dataset.movies.title.slice(),
    meta: bundleMetadata(
      {
        dataset: {
          name: dataset.name,
          format: dataset.source.format,
          synthetic: options.synthetic ?? dataset.source.kind === "synthetic",
          ratings: rows.length,
          users: dataset.userIds.length,
          movies: nMovies
        },
        params: {
          classifier: classifier.params,
          ranker: rankerName,
          neighbours: rankerName === "none" ? 0 : neighbours,
          userRatings: ratings !== null,
          coldStart: state.coldStart ? state.coldStart.params : null,
          ...(note === null ? {} : {rankerNote: note})
        },
        metrics: options.metrics ?? {}
      },
      options.now
    ),
    state
  };
}

/** Fits a ranking model on the training set and prunes its item–item weights to `neighbours` per movie. */
export function fitRanker(
  name: string,
  train: TrainSet,
  neighbours: number,
  easeMaxMovies = EASE_MAX_MOVIES
): SparseRanker {
  const model = getModel(name);
  if (model.itemWeights === undefined) {
    throw new RangeError(`ranker "${name}" has no item–item weights; expected one of ${itemRankerNames().join(", ")}`);
  }
  // item-kNN's neighbourhoods come sparse (no movie × movie matrix, so any number of movies fits);
  // EASE's weights are the inverse of a dense Gram matrix and have no sparse path.
  if (name === itemKnnImplicitModel.name) {
    const {k, shrinkage} = ITEM_KNN_IMPLICIT_DEFAULTS;
    return pruneSparse(itemNeighbours(binaryMatrix(train), k, shrinkage), train.nMovies, neighbours, name);
  }
  if (name === "ease" && train.nMovies > easeMaxMovies) return onTopMovies(train, easeMaxMovies, neighbours, name);
  return pruneRows(model.itemWeights(model.fit(train)), train.nMovies, neighbours, name);
}

/** Movies EASE solves over at most: its dense Gram inverse is O(n³) time and 8n² bytes (128 MB and 30–150 s at 4,000 on a 2-core machine, measured). */
export const EASE_MAX_MOVIES = 4_000;

/** What a ranker was fitted on, in words, when it is not every movie (null otherwise). */
export function rankerNote(name: string, train: TrainSet): string | null {
  if (name !== "ease" || train.nMovies <= EASE_MAX_MOVIES) return null;
  const counts = movieRatingCounts(train);
  const kept = mostCounted(counts, EASE_MAX_MOVIES);
  let share = 0;
  for (const m of kept) share += counts[m];
  return (
    `EASE on the ${EASE_MAX_MOVIES.toLocaleString("en-US")} most-rated of ${train.nMovies.toLocaleString("en-US")} movies ` +
    `(${Math.round((100 * share) / train.ratings.movie.length)} % of ratings); the others are never recommended by it`
  );
}

/** A ranker fitted on the `max` most-rated movies only, its rows and columns mapped back to every movie's index. */
function onTopMovies(train: TrainSet, max: number, neighbours: number, name: string): SparseRanker {
  const kept = mostCounted(movieRatingCounts(train), max); // ascending, so the column order survives the mapping
  const local = new Int32Array(train.nMovies).fill(-1);
  kept.forEach((m, i) => (local[m] = i));
  const r = train.ratings;
  const rows: number[] = [];
  for (let i = 0; i < r.movie.length; i++) if (local[r.movie[i]] >= 0) rows.push(i);
  const sub: TrainSet = {
    ratings: {
      user: Int32Array.from(rows, (i) => r.user[i]),
      movie: Int32Array.from(rows, (i) => local[r.movie[i]]),
      rating: Float32Array.from(rows, (i) => r.rating[i]),
      timestamp: Float64Array.from(rows, (i) => r.timestamp[i])
    },
    nUsers: train.nUsers,
    nMovies: kept.length,
    scale: train.scale
  };
  const small = fitRanker(name, sub, neighbours);
  const n = train.nMovies;
  const indptr = new Int32Array(n + 1);
  const indices = n <= 65536 ? new Uint16Array(small.indices.length) : new Int32Array(small.indices.length);
  for (let p = 0; p < small.indices.length; p++) indices[p] = kept[small.indices[p]];
  for (let m = 0, i = 0; m < n; m++) {
    if (i < kept.length && kept[i] === m) {
      indptr[m + 1] = small.indptr[i + 1];
      i++;
    } else indptr[m + 1] = indptr[m];
  }
  return {name, nMovies: n, neighbours: small.neighbours, indptr, indices, weights: small.weights};
}

function movieRatingCounts(train: TrainSet): Float64Array {
  const counts = new Float64Array(train.nMovies);
  for (let i = 0; i < train.ratings.movie.length; i++) counts[train.ratings.movie[i]]++;
  return counts;
}

/** pruneRows for rows already sparse: each row's k largest-magnitude entries (ties to the lower index), sorted by column. */
export function pruneSparse(rows: NeighbourRows, n: number, k: number, name: SparseRanker["name"]): SparseRanker {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`neighbours is ${k}: expected an integer ≥ 1`);
  const keep = Math.min(k, n);
  const indptr = new Int32Array(n + 1);
  const indices = n <= 65536 ? new Uint16Array(n * keep) : new Int32Array(n * keep);
  const weights = new Float32Array(n * keep);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const a = rows.indptr[i];
    const w = rows.weights;
    const cand = Int32Array.from({length: rows.indptr[i + 1] - a}, (_, t) => a + t);
    cand.sort((x, y) => Math.abs(w[y]) - Math.abs(w[x]) || rows.indices[x] - rows.indices[y]);
    const kept = cand.subarray(0, Math.min(keep, cand.length)).sort((x, y) => rows.indices[x] - rows.indices[y]);
    for (const p of kept) {
      indices[nnz] = rows.indices[p];
      weights[nnz++] = w[p];
    }
    indptr[i + 1] = nnz;
  }
  return {name, nMovies: n, neighbours: keep, indptr, indices: indices.slice(0, nnz), weights: weights.slice(0, nnz)};
}

/** Keeps the k largest-magnitude non-zero entries of each row of a dense n × n row-major matrix, as sparse rows sorted by column. */
export function pruneRows(dense: Float32Array, n: number, k: number, name: SparseRanker["name"]): SparseRanker {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`neighbours is ${k}: expected an integer ≥ 1`);
  if (dense.length !== n * n) throw new RangeError(`ranker weights have ${dense.length} values, expected ${n} × ${n}`);
  const keep = Math.min(k, n);
  const indptr = new Int32Array(n + 1);
  const indices = n <= 65536 ? new Uint16Array(n * keep) : new Int32Array(n * keep);
  const weights = new Float32Array(n * keep);
  const order = new Int32Array(n);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const row = dense.subarray(i * n, (i + 1) * n);
    let m = 0;
    for (let j = 0; j < n; j++) if (row[j] !== 0 && row[j] === row[j]) order[m++] = j;
    const cand = order.subarray(0, m);
    // Largest magnitude first, ties to the lower index, so pruning is deterministic.
    cand.sort((a, b) => Math.abs(row[b]) - Math.abs(row[a]) || a - b);
    const kept = cand.subarray(0, Math.min(keep, m)).sort();
    for (let t = 0; t < kept.length; t++) {
      indices[nnz] = kept[t];
      weights[nnz++] = row[kept[t]];
    }
    indptr[i + 1] = nnz;
  }
  return {name, nMovies: n, neighbours: keep, indptr, indices: indices.slice(0, nnz), weights: weights.slice(0, nnz)};
}

/** Ranking scores of every movie for a user who saw `seen` movies: Σ_{i ∈ seen} w(i, ·). */
export function rankerScores(r: SparseRanker, seen: ArrayLike<number>): Float32Array {
  const out = new Float32Array(r.nMovies);
  for (let s = 0; s < seen.length; s++) {
    const i = seen[s];
    for (let p = r.indptr[i]; p < r.indptr[i + 1]; p++) out[r.indices[p]] += r.weights[p];
  }
  return out;
}

/** The rows as a TrainSet over the whole data set's index ranges. */
function subsetTrainSet(dataset: Dataset, rows: Int32Array): TrainSet {
  const r = dataset.ratings;
  return {
    ratings: {
      user: Int32Array.from(rows, (i) => r.user[i]),
      movie: Int32Array.from(rows, (i) => r.movie[i]),
      rating: Float32Array.from(rows, (i) => r.rating[i]),
      timestamp: Float64Array.from(rows, (i) => r.timestamp[i])
    },
    nUsers: dataset.userIds.length,
    nMovies: dataset.movies.id.length,
    scale: dataset.scale
  };
}

/** Packs a model's trees into typed arrays (Int16 indices when every tree and feature index fits). */
export function packModel(model: GbdtModel): PackedGbdt {
  const {trees, ...header} = model;
  const nodes = Int32Array.from(trees, (t) => t.feature.length);
  const total = nodes.reduce((a, b) => a + b, 0);
  const small = header.num_feature < 32768 && nodes.every((n) => n < 32768);
  const ints = () => (small ? new Int16Array(total) : new Int32Array(total));
  const p: PackedGbdt = {
    header: structuredClone(header),
    nodes,
    feature: ints(),
    split: new Float32Array(total),
    defaultLeft: new Uint8Array(total),
    left: ints(),
    right: ints(),
    gain: new Float32Array(total)
  };
  let o = 0;
  for (const t of trees) {
    p.feature.set(t.feature, o);
    for (let j = 0; j < t.feature.length; j++) p.split[o + j] = t.feature[j] < 0 ? t.value[j] : t.threshold[j];
    p.defaultLeft.set(t.default_left, o);
    p.left.set(t.left, o);
    p.right.set(t.right, o);
    p.gain.set(t.gain, o);
    o += t.feature.length;
  }
  return p;
}

/** The model object of packed trees, for parseModel to validate; throws a RangeError when the arrays disagree. */
export function unpackModel(p: PackedGbdt): unknown {
  if (!p || typeof p !== "object" || !(p.nodes instanceof Int32Array))
    throw new RangeError("expected packed trees with a node count per tree (Int32Array)");
  const total = p.nodes.reduce((a, b) => a + b, 0);
  for (const k of ["feature", "split", "defaultLeft", "left", "right", "gain"] as const) {
    if (!ArrayBuffer.isView(p[k]) || p[k].length !== total)
      throw new RangeError(`packed trees: "${k}" must hold ${total} values (the sum of the node counts)`);
  }
  const trees = [];
  let o = 0;
  for (let t = 0; t < p.nodes.length; t++) {
    const n = p.nodes[t];
    if (!(n >= 1)) throw new RangeError(`packed trees: tree ${t} has ${n} nodes, expected ≥ 1`);
    const part = <T extends ArrayLike<number>>(a: T) => Array.from({length: n}, (_, j) => a[o + j]);
    const feature = part(p.feature);
    const split = part(p.split);
    trees.push({
      feature,
      threshold: split.map((x, j) => (feature[j] < 0 ? 0 : x)),
      default_left: part(p.defaultLeft),
      left: part(p.left),
      right: part(p.right),
      value: split.map((x, j) => (feature[j] < 0 ? x : 0)),
      gain: part(p.gain)
    });
    o += n;
  }
  return {...p.header, trees};
}

/** CSR of the training ratings by user (movies ascending within a user), ratings as class indices of classValues. */
function userRatings(train: TrainSet, classValues: readonly number[]): UserRatings {
  const {user, movie, rating} = train.ratings;
  const n = user.length;
  const indptr = new Int32Array(train.nUsers + 1);
  for (let i = 0; i < n; i++) indptr[user[i] + 1]++;
  for (let u = 0; u < train.nUsers; u++) indptr[u + 1] += indptr[u];
  const fill = indptr.slice(0, train.nUsers);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[user[i]]++] = i;
  for (let u = 0; u < train.nUsers; u++) order.subarray(indptr[u], indptr[u + 1]).sort((a, b) => movie[a] - movie[b]);
  const movies = train.nMovies <= 65536 ? new Uint16Array(n) : new Int32Array(n);
  const classes = new Uint8Array(n);
  const {min, step} = train.scale;
  for (let p = 0; p < n; p++) {
    movies[p] = movie[order[p]];
    const k = Math.round((rating[order[p]] - min) / step);
    if (!(k >= 0 && k < classValues.length && k < 256))
      throw new RangeError(`rating ${rating[order[p]]} is not one of the classes ${classValues.join(", ")}`);
    classes[p] = k;
  }
  return {indptr, movies, classes};
}
