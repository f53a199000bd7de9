/**
 * Factors trained outside movielab (a bundle's imported FactorRanker, e.g. Spark ALS) as a Model, so the
 * Recommendations page can show them beside movielab's own models. `fit` learns nothing: it aligns the
 * bundle's factor rows with the training set's users and movies by MovieLens id (train.source names
 * them), so it works on a sample of the data set too. As in `serve`, a user without factors gets the
 * most-rated movies of the training part, and a movie without factors is never recommended.
 */
import type {Bundle} from "./bundle.js";
import {isFactorRanker} from "./factor-ranker.js";
import type {WorkbenchState} from "./workbench.js";
import type {Model} from "../models/estimator.js";
import {binaryMatrix} from "../models/implicit/binary-matrix.js";
import {movieCounts, ratingFallback, userMeanEstimate, type RatingFallback} from "../models/implicit/common.js";

/** The factors in the training set's dense order (zero rows where the import had none). */
export interface ImportedFactorsState extends RatingFallback {
  rank: number;
  users: Float32Array;
  items: Float32Array;
  hasUser: Uint8Array;
  hasItem: Uint8Array;
  /** Training rating count per movie: the ranking for users without factors. */
  counts: Float32Array;
}

/** A Model over the bundle's imported factors; throws when the bundle's ranker is not a factor ranker. */
export function importedFactorsModel(
  bundle: Bundle<WorkbenchState>,
  source = "bundle"
): Model<Record<string, never>, ImportedFactorsState> {
  const r = bundle.state.ranker;
  if (!isFactorRanker(r))
    throw new Error(`${source}: its ranker is not imported factors; expected a bundle from movielab train import-als`);
  const rowOf = (ids: Int32Array) => new Map(Array.from(ids, (id, i) => [id, i] as const));
  const userRow = rowOf(bundle.idMaps.users);
  const movieRow = rowOf(bundle.idMaps.movies);
  const {rank} = r;
  /** Copies the bundle's rows for `ids` into dense order; has = 0 where the bundle lacks the id or its factors. */
  const align = (ids: ArrayLike<number>, rows: Map<number, number>, from: Float32Array, had: Uint8Array) => {
    const out = new Float32Array(ids.length * rank);
    const has = new Uint8Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const j = rows.get(ids[i]);
      if (j === undefined || had[j] === 0) continue;
      has[i] = 1;
      out.set(from.subarray(j * rank, (j + 1) * rank), i * rank);
    }
    return {out, has};
  };
  const dot = (s: ImportedFactorsState, u: number, m: number) => {
    let x = 0;
    for (let f = 0; f < rank; f++) x += s.users[u * rank + f] * s.items[m * rank + f];
    return x;
  };
  return {
    name: r.name,
    label: `${r.name} (imported)`,
    description: `latent factors of rank ${rank} trained outside movielab and imported into the bundle`,
    task: "ranking",
    defaults: {},
    params: {},
    fit(train) {
      const d = train.source?.dataset;
      if (d === undefined) throw new Error(`${source}: imported factors need a training set that names its ids`);
      const u = align(d.userIds, userRow, r.users, r.hasUser);
      const m = align(d.movies.id, movieRow, r.items, r.hasItem);
      return {
        ...ratingFallback(train),
        rank,
        users: u.out,
        items: m.out,
        hasUser: u.has,
        hasItem: m.has,
        counts: movieCounts(binaryMatrix(train))
      };
    },
    estimate: (s, user, movie) =>
      s.hasUser[user] === 1 && s.hasItem[movie] === 1
        ? {value: dot(s, user, movie), fallback: false}
        : {...userMeanEstimate(s, user), fallback: true},
    scoreAll(s, user) {
      if (s.hasUser[user] !== 1) return Float32Array.from(s.counts);
      const out = new Float32Array(s.hasItem.length);
      for (let m = 0; m < out.length; m++) out[m] = s.hasItem[m] === 1 ? dot(s, user, m) : NaN;
      return out;
    }
  };
}
