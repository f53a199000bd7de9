/**
 * The user–item matrix as the models see it: its shape and sparsity, the bytes it takes stored
 * dense against CSR, and the label encoding (raw id ↔ dense index) for a few users and movies.
 */
import type {Dataset} from "../data/types.js";

export interface MatrixStorage {
  /** nUsers × nMovies float32 cells. */
  denseBytes: number;
  /** CSR: (nUsers + 1) int32 offsets, nnz int32 column indices, nnz float32 values. */
  csrBytes: number;
  /** Coordinate list: nnz × (int32 user, int32 movie, float32 rating). */
  cooBytes: number;
}

export interface LabelEncodingSample {
  /** Raw ids in dense-index order for the first and last few users and movies. */
  users: Array<{index: number; id: number}>;
  movies: Array<{index: number; id: number; title: string}>;
  /** True when raw ids are exactly 1..n in index order (as in ml-100k), so index = id − 1. */
  usersContiguous: boolean;
  moviesContiguous: boolean;
  maxUserId: number;
  maxMovieId: number;
}

/** Bytes of the rating matrix in three layouts (nnz = number of ratings). */
export function matrixStorage(nUsers: number, nMovies: number, nnz: number): MatrixStorage {
  return {denseBytes: nUsers * nMovies * 4, csrBytes: (nUsers + 1) * 4 + nnz * 8, cooBytes: nnz * 12};
}

/** The first and last `edge` entries of the user and movie id maps, and whether ids are contiguous. */
export function labelEncodingSample(d: Dataset, edge = 5): LabelEncodingSample {
  const pick = (n: number) => [
    ...new Set([
      ...Array.from({length: Math.min(edge, n)}, (_, i) => i),
      ...Array.from({length: Math.min(edge, n)}, (_, i) => n - 1 - i).reverse()
    ])
  ];
  const contiguous = (ids: Int32Array) => ids.every((id, i) => id === i + 1);
  const nU = d.userIds.length,
    nM = d.movies.id.length;
  let maxU = 0,
    maxM = 0;
  for (const id of d.userIds) maxU = Math.max(maxU, id);
  for (const id of d.movies.id) maxM = Math.max(maxM, id);
  return {
    users: pick(nU).map((i) => ({index: i, id: d.userIds[i]})),
    movies: pick(nM).map((i) => ({index: i, id: d.movies.id[i], title: d.movies.title[i]})),
    usersContiguous: contiguous(d.userIds),
    moviesContiguous: contiguous(d.movies.id),
    maxUserId: maxU,
    maxMovieId: maxM
  };
}
