/**
 * Rating errors summed per user, so that RMSE and MAE can be recomputed over any set of users (a
 * bootstrap resample, a gender or age group) without keeping every prediction: RMSE over users U is
 * √(Σ_U sse / Σ_U n), the same figure as over their ratings.
 */

/** Per-user sums over one fold's test ratings, aligned with `users` (ascending dense indices). */
export interface PerUserErrors {
  /** Dense indices of the fold's test users, ascending. */
  users: Int32Array;
  /** Σ (truth − prediction)², stars². */
  sse: Float64Array;
  /** Σ |truth − prediction|, stars. */
  sae: Float64Array;
  /** Test ratings of the user. */
  count: Float64Array;
}

/** Sums each test user's squared and absolute errors (columns aligned: user, true rating, prediction). */
export function perUserErrors(
  user: ArrayLike<number>,
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>
): PerUserErrors {
  if (user.length !== truth.length || truth.length !== predicted.length)
    throw new RangeError(
      `perUserErrors: ${user.length} users, ${truth.length} ratings, ${predicted.length} predictions; expected equal lengths`
    );
  const slot = new Map<number, number>();
  for (let i = 0; i < user.length; i++) if (!slot.has(user[i])) slot.set(user[i], 0);
  const users = Int32Array.from([...slot.keys()]).sort();
  users.forEach((u, i) => slot.set(u, i));
  const sse = new Float64Array(users.length);
  const sae = new Float64Array(users.length);
  const count = new Float64Array(users.length);
  for (let i = 0; i < user.length; i++) {
    const s = slot.get(user[i])!;
    const d = truth[i] - predicted[i];
    sse[s] += d * d;
    sae[s] += Math.abs(d);
    count[s]++;
  }
  return {users, sse, sae, count};
}

/** Σ of one per-user column and Σ counts over the users at the given positions (repeats count again). */
function pooled(column: Float64Array, count: Float64Array, positions: ArrayLike<number>): [number, number] {
  let s = 0,
    n = 0;
  for (let i = 0; i < positions.length; i++) {
    s += column[positions[i]];
    n += count[positions[i]];
  }
  return [s, n];
}

/** RMSE (stars) over the users at the given positions of `e` (repeats count again, as a bootstrap resample needs). */
export function rmseOfUsers(e: PerUserErrors, positions: ArrayLike<number>): number {
  const [s, n] = pooled(e.sse, e.count, positions);
  return Math.sqrt(s / n);
}

/** MAE (stars) over the users at the given positions of `e`. */
export function maeOfUsers(e: PerUserErrors, positions: ArrayLike<number>): number {
  const [s, n] = pooled(e.sae, e.count, positions);
  return s / n;
}
