/**
 * A ranker of latent factors, as Spark MLlib's ALS leaves them: score(u, j) = p_u · q_j. A bundle
 * carries it in place of the pruned item–item ranker when its factors were trained elsewhere (see
 * `movielab train import-als`). Rows are aligned with the bundle's idMaps; a user or movie the
 * factor tables did not name has a zero row and a 0 in `hasUser` / `hasItem`, so the service falls
 * back to popularity for that user and never recommends that movie from the factors.
 */

/** Latent factors of every user and movie of a bundle, float32, row-major. */
export interface FactorRanker {
  /** Tells it from an item–item ranker, which has no kind. */
  kind: "factors";
  /** Where the factors came from, e.g. "als" (shown as the model of a recommendation). */
  name: string;
  /** Factors per row, ≥ 1. */
  rank: number;
  /** nUsers × rank, aligned with idMaps.users. */
  users: Float32Array;
  /** nMovies × rank, aligned with idMaps.movies. */
  items: Float32Array;
  /** 1 where the factor table had the user (length nUsers). */
  hasUser: Uint8Array;
  /** 1 where the factor table had the movie (length nMovies). */
  hasItem: Uint8Array;
}

/** Whether a bundle's ranker is a factor ranker (item–item rankers carry no `kind`). */
export function isFactorRanker(r: unknown): r is FactorRanker {
  return typeof r === "object" && r !== null && (r as {kind?: unknown}).kind === "factors";
}

/** Scores p_u · q_j of every movie for dense user `u`, summed in float64; NaN (never recommended) for movies without factors. */
export function factorScores(r: FactorRanker, u: number): Float64Array {
  const {rank, users, items, hasItem} = r;
  const n = hasItem.length;
  const out = new Float64Array(n);
  const p = users.subarray(u * rank, (u + 1) * rank);
  for (let j = 0; j < n; j++) {
    if (hasItem[j] === 0) {
      out[j] = NaN;
      continue;
    }
    let s = 0;
    const o = j * rank;
    for (let f = 0; f < rank; f++) s += p[f] * items[o + f];
    out[j] = s;
  }
  return out;
}
