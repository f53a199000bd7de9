/**
 * Per-user leave-last-N-out, as LensKit's user-based cross-validation with its LastN holdout
 * (lenskit/lkpy, commit 3bd1c17):
 * - crossfold_users(data, partitions, LastN(n), rng) (src/lenskit/splitting/_users.py lines 27-81)
 *   shuffles the users (line 69) and cuts them with np.array_split into `partitions` contiguous groups,
 *   the first (users mod partitions) one longer (line 70); each group is one fold's test users;
 * - LastN(n, field="timestamp") (src/lenskit/splitting/_holdout.py lines 100-128) holds out a test
 *   user's n latest ratings by timestamp, or all of them when the user has n or fewer (line 121);
 * - training is every other rating: all ratings of the other users and the test users' earlier ones
 *   (_make_split, _users.py line 197). Test movies unseen in training are kept, as LensKit does.
 * LastN has no default n; we take 5 folds × 5 ratings, the counts of LensKit's own user-based 5-fold
 * example (docs/guide/splitting.rst line 28: crossfold_users(ratings, 5, SampleN(5))).
 * Ties: LensKit orders with np.argsort (line 127: quicksort, not stable), so among equal timestamps its
 * choice is unspecified; ours is fixed: rows ordered by (timestamp, row index in the data set), the
 * last n test. Only the generator of the user shuffle differs.
 */
import {ratingFoldsFromRows, type FoldRows} from "../../data/folds.js";
import {createRng} from "../../random.js";
import type {Protocol} from "./protocol.js";
import {requireTimestamps} from "./requirements.js";

export interface TemporalUserOptions {
  /** Ratings held out per test user, ≥ 1 (default 5). */
  n: number;
  /** Folds the users are partitioned into, ≥ 1 (default 5; 1 tests every user in one fold). */
  partitions: number;
}

export const TEMPORAL_USER_DEFAULTS: TemporalUserOptions = {n: 5, partitions: 5};

/** Each user's rows ordered by (timestamp, row index); index u holds user u's rows (dense user index). */
function rowsByUserInTime(user: Int32Array, timestamp: Float64Array, nUsers: number): Int32Array[] {
  const counts = new Int32Array(nUsers);
  for (let i = 0; i < user.length; i++) counts[user[i]]++;
  const groups = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(nUsers);
  for (let i = 0; i < user.length; i++) groups[user[i]][fill[user[i]]++] = i;
  // Rows were filled in index order, so sorting by time with index as the tie-break is a stable sort by time.
  for (const g of groups) g.sort((a, b) => timestamp[a] - timestamp[b] || a - b);
  return groups;
}

/** The folds' row indices: users shuffled and cut as np.array_split, each test user's last n ratings in test. */
export function lastNFoldRows(
  user: Int32Array,
  timestamp: Float64Array,
  nUsers: number,
  seed: number,
  options: Partial<TemporalUserOptions> = {}
): FoldRows[] {
  const {n, partitions} = {...TEMPORAL_USER_DEFAULTS, ...options};
  if (!(Number.isInteger(n) && n >= 1))
    throw new RangeError(`protocol temporal-user: n is ${n}; expected an integer ≥ 1`);
  if (!(Number.isInteger(partitions) && partitions >= 1 && partitions <= nUsers))
    throw new RangeError(
      `protocol temporal-user: partitions is ${partitions}; expected an integer from 1 to the number of users (${nUsers})`
    );
  const byUser = rowsByUserInTime(user, timestamp, nUsers);
  const order = createRng(seed).shuffle(Int32Array.from({length: nUsers}, (_, u) => u));
  const folds: FoldRows[] = [];
  let stop = 0;
  for (let f = 0; f < partitions; f++) {
    const start = stop;
    stop += Math.floor(nUsers / partitions) + (f < nUsers % partitions ? 1 : 0);
    const isTest = new Uint8Array(user.length);
    for (let i = start; i < stop; i++) {
      const rows = byUser[order[i]];
      for (let j = Math.max(0, rows.length - n); j < rows.length; j++) isTest[rows[j]] = 1;
    }
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < user.length; i++) (isTest[i] ? test : train).push(i);
    folds.push({name: `users${f + 1}`, train: Int32Array.from(train), test: Int32Array.from(test)});
  }
  return folds;
}

export const temporalUserProtocol: Protocol<TemporalUserOptions> = {
  name: "temporal-user",
  description:
    "per-user leave-last-5-out: users in 5 random groups (one per fold), each test user's 5 latest ratings tested (LensKit LastN)",
  source: "lenskit/lkpy src/lenskit/splitting/_users.py crossfold_users (line 27) with _holdout.py LastN (line 100)",
  tasks: ["rating", "ranking"],
  needs: "timestamps",
  folds(input, options = {}) {
    const o = {...TEMPORAL_USER_DEFAULTS, ...options};
    requireTimestamps(input.dataset, "temporal-user");
    const {user, timestamp} = input.dataset.ratings;
    const rows = lastNFoldRows(user, timestamp, input.dataset.userIds.length, input.seed, o);
    return {
      protocol: "temporal-user",
      description: `per-user leave-last-${o.n}-out: users in ${o.partitions} random groups (seed ${input.seed}), each test user's ${o.n} latest ratings tested (ties by data-set order)`,
      folds: ratingFoldsFromRows(input.dataset, rows)
    };
  }
};
