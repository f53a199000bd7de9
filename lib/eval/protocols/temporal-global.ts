/**
 * A global time cut: train on every rating before T, test on every rating at or after T, T the
 * q-quantile of all timestamps. As LensKit defines it (lenskit/lkpy, commit 3bd1c17):
 * - split_temporal_fraction (src/lenskit/splitting/_temporal.py line 139) takes
 *   T = timestamps.quantile(1 − test_fraction), pandas' default linear interpolation;
 * - split_global_time tests rows with timestamp ≥ T (line 88) and trains on rows < T
 *   (filter_interactions(max_time=T) keeps timestamp < max_time, src/lenskit/data/_builder.py line 679);
 * - by default (filter_test_users=False, line 37) LensKit keeps test rows of users and items unseen in
 *   training; filter_test_users=True drops test users without training rows, and it never drops items.
 * Ours drops, by default, every test row whose user or movie has no training rating (a model cannot
 * have learnt them; rating models would fall back), and reports how many it dropped;
 * `keepUnseen: true` keeps them, as LensKit's default.
 */
import {ratingFoldsFromRows} from "../../data/folds.js";
import type {Dataset} from "../../data/types.js";
import type {DroppedRows, Protocol} from "./protocol.js";
import {requireTimestamps} from "./requirements.js";

export interface TemporalGlobalOptions {
  /** Quantile of the timestamps where the cut falls, in (0, 1) (default 0.8: the last 20 % of the time-ordered ratings test). */
  quantile: number;
  /** Keep test rows whose user or movie is unseen in training (LensKit's default); default false: drop and count them. */
  keepUnseen: boolean;
}

export const TEMPORAL_GLOBAL_DEFAULTS: TemporalGlobalOptions = {quantile: 0.8, keepUnseen: false};

/** The q-quantile of values by linear interpolation between order statistics (pandas' and numpy's default): h = (n − 1)·q. */
export function quantileLinear(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) throw new RangeError("quantileLinear: no values");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile is ${q}: expected a number from 0 to 1`);
  const sorted = Float64Array.from(values).sort();
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The cut's row indices: train (time < t), test (time ≥ t, unseen users/movies dropped unless keepUnseen) and the dropped count. */
export function globalTimeRows(
  dataset: Dataset,
  t: number,
  keepUnseen: boolean
): {train: Int32Array; test: Int32Array; dropped: DroppedRows} {
  const {user, movie, timestamp} = dataset.ratings;
  const n = timestamp.length;
  const userSeen = new Uint8Array(dataset.userIds.length);
  const movieSeen = new Uint8Array(dataset.movies.id.length);
  const train: number[] = [];
  const later: number[] = [];
  for (let i = 0; i < n; i++) {
    if (timestamp[i] < t) {
      train.push(i);
      userSeen[user[i]] = 1;
      movieSeen[movie[i]] = 1;
    } else later.push(i);
  }
  const dropped: DroppedRows = {rows: 0, unseenUser: 0, unseenMovie: 0};
  const test = later.filter((i) => {
    const noUser = userSeen[user[i]] === 0;
    const noMovie = movieSeen[movie[i]] === 0;
    if (keepUnseen || (!noUser && !noMovie)) return true;
    dropped.rows++;
    if (noUser) dropped.unseenUser++;
    if (noMovie) dropped.unseenMovie++;
    return false;
  });
  return {train: Int32Array.from(train), test: Int32Array.from(test), dropped};
}

export const temporalGlobalProtocol: Protocol<TemporalGlobalOptions> = {
  name: "temporal-global",
  description:
    "global time cut: train before T, test at or after T (T the 0.8 quantile of rating times); unseen users/movies dropped and counted",
  source:
    "lenskit/lkpy src/lenskit/splitting/_temporal.py split_global_time (line 33) and split_temporal_fraction (line 124)",
  tasks: ["rating", "ranking"],
  needs: "timestamps",
  folds(input, options = {}) {
    const o = {...TEMPORAL_GLOBAL_DEFAULTS, ...options};
    if (!(o.quantile > 0 && o.quantile < 1))
      throw new RangeError(
        `protocol temporal-global: quantile is ${o.quantile}; expected a number strictly between 0 and 1`
      );
    requireTimestamps(input.dataset, "temporal-global");
    const t = quantileLinear(input.dataset.ratings.timestamp, o.quantile);
    const {train, test, dropped} = globalTimeRows(input.dataset, t, o.keepUnseen);
    if (train.length === 0 || test.length === 0)
      throw new RangeError(
        `protocol temporal-global: the cut at ${new Date(t * 1000).toISOString()} leaves ${train.length} training and ${test.length} test ratings; expected both non-empty`
      );
    const when = new Date(t * 1000).toISOString().slice(0, 10);
    const drop = o.keepUnseen
      ? "test rows of unseen users/movies kept"
      : `${dropped.rows} test ratings of users or movies unseen in training dropped (${dropped.unseenUser} for the user, ${dropped.unseenMovie} for the movie)`;
    return {
      protocol: "temporal-global",
      description: `global time cut at the ${o.quantile} quantile of rating times (T = ${when}): ${train.length} ratings before T train, ${test.length} at or after test; ${drop}`,
      folds: ratingFoldsFromRows(input.dataset, [{name: `t${o.quantile}`, train, test}]),
      ...(o.keepUnseen ? {} : {dropped: [dropped]})
    };
  }
};
