/** A seeded sample of the user × movie matrix, small enough to draw as a heat map. */
import type {Dataset} from "../data/types.js";
import {createRng} from "../random.js";

export interface BlockOptions {
  /** Users (rows) in the block (default 60). */
  users?: number;
  /** Movies (columns) in the block (default 100). */
  movies?: number;
  /** Seed of the draw (default 1). */
  seed?: number;
  /**
   * "random": users and movies drawn uniformly, so the block is as sparse as the matrix;
   * "dense": drawn among the 4× most active users and most rated movies, the matrix's dense core.
   */
  from?: "random" | "dense";
}

export interface MatrixBlock {
  from: "random" | "dense";
  /** Dense user indices of the rows, most active first. */
  user: number[];
  /** Raw user ids of the rows. */
  userId: number[];
  /** Movie rows of the columns, most rated first. */
  movie: number[];
  /** Raw movie ids of the columns. */
  movieId: number[];
  /** Row-major users × movies: the rating, 0 where the pair is not rated. */
  rating: number[];
  /** Rated cells / all cells, 0..1. */
  density: number;
}

/** Draws a block of the rating matrix (seeded); rows and columns are ordered by activity so structure shows. */
export function matrixBlock(d: Dataset, options: BlockOptions = {}): MatrixBlock {
  const from = options.from ?? "random";
  const nU = d.userIds.length;
  const nM = d.movies.id.length;
  const perUser = new Int32Array(nU);
  const perMovie = new Int32Array(nM);
  const {user, movie, rating} = d.ratings;
  for (let i = 0; i < user.length; i++) {
    perUser[user[i]]++;
    perMovie[movie[i]]++;
  }
  const rng = createRng(options.seed ?? 1);
  const draw = (counts: Int32Array, k: number): number[] => {
    let pool = Array.from(counts.keys());
    if (from === "dense") pool = pool.sort((a, b) => counts[b] - counts[a] || a - b).slice(0, 4 * k);
    rng.shuffle(pool);
    return pool.slice(0, Math.min(k, pool.length)).sort((a, b) => counts[b] - counts[a] || a - b);
  };
  const rows = draw(perUser, options.users ?? 60);
  const cols = draw(perMovie, options.movies ?? 100);
  const rowOf = new Int32Array(nU).fill(-1);
  rows.forEach((u, r) => (rowOf[u] = r));
  const colOf = new Int32Array(nM).fill(-1);
  cols.forEach((m, c) => (colOf[m] = c));
  const cells = new Array<number>(rows.length * cols.length).fill(0);
  let rated = 0;
  for (let i = 0; i < user.length; i++) {
    const r = rowOf[user[i]];
    const c = colOf[movie[i]];
    if (r < 0 || c < 0) continue;
    if (cells[r * cols.length + c] === 0) rated++;
    cells[r * cols.length + c] = rating[i];
  }
  return {
    from,
    user: rows,
    userId: rows.map((u) => d.userIds[u]),
    movie: cols,
    movieId: cols.map((m) => d.movies.id[m]),
    rating: cells,
    density: cells.length > 0 ? rated / cells.length : 0
  };
}
