/**
 * The seed's label encoding, done once: raw user and movie ids become dense indices
 * (users by ascending raw id, movies in movies-file order) and the rating columns are re-mapped.
 */
import {DataError} from "./errors.js";
import type {Dataset, RawDataset, Users} from "./types.js";

/** Raw id → position in `ids` (0..ids.length-1); throws a RangeError if an id appears twice. */
export function indexOfIds(ids: Int32Array): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const prev = map.get(ids[i]);
    if (prev !== undefined) throw new RangeError(`id ${ids[i]} appears twice (positions ${prev} and ${i})`);
    map.set(ids[i], i);
  }
  return map;
}

/** First id that appears twice in `ids` with both positions, or null when all ids are unique. */
export function firstDuplicateId(ids: Int32Array): {id: number; first: number; second: number} | null {
  const seen = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const prev = seen.get(ids[i]);
    if (prev !== undefined) return {id: ids[i], first: prev, second: i};
    seen.set(ids[i], i);
  }
  return null;
}

// A direct table beats a Map by ~10x on 25M lookups; use it when the id range is not much wider than the table.
const MAX_TABLE = 1 << 26;

/**
 * Fast raw id → position lookup over `ids` (positions 0..ids.length-1, -1 when absent).
 * Uses a typed table when the id range is compact, a Map otherwise; throws a RangeError on a repeated id.
 */
export function idLookup(ids: Int32Array): (id: number) => number {
  if (ids.length === 0) return () => -1;
  let lo = ids[0],
    hi = ids[0];
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] < lo) lo = ids[i];
    if (ids[i] > hi) hi = ids[i];
  }
  const span = hi - lo + 1;
  if (span > MAX_TABLE || span > 8 * ids.length + 65536) {
    const map = indexOfIds(ids);
    return (id) => map.get(id) ?? -1;
  }
  const table = new Int32Array(span).fill(-1);
  for (let i = 0; i < ids.length; i++) {
    const k = ids[i] - lo;
    if (table[k] !== -1) throw new RangeError(`id ${ids[i]} appears twice (positions ${table[k]} and ${i})`);
    table[k] = i;
  }
  return (id) => (id >= lo && id <= hi ? table[id - lo] : -1);
}

/** Distinct values of `ids` in ascending order. */
export function sortedUniqueIds(ids: Int32Array): Int32Array {
  if (ids.length === 0) return new Int32Array(0);
  let lo = ids[0],
    hi = ids[0];
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] < lo) lo = ids[i];
    if (ids[i] > hi) hi = ids[i];
  }
  const span = hi - lo + 1;
  if (span <= MAX_TABLE && span <= 8 * ids.length + 65536) {
    const seen = new Uint8Array(span);
    let count = 0;
    for (let i = 0; i < ids.length; i++) {
      const k = ids[i] - lo;
      if (seen[k] === 0) {
        seen[k] = 1;
        count++;
      }
    }
    const out = new Int32Array(count);
    for (let k = 0, j = 0; k < span; k++) if (seen[k] === 1) out[j++] = k + lo;
    return out;
  }
  const sorted = Int32Array.from(ids).sort();
  let count = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[count++] = sorted[i];
  return sorted.slice(0, count);
}

/**
 * Encodes a (cleaned) raw data set: users densely indexed by ascending raw id, movies in file order,
 * rating columns re-mapped and copied. Throws a DataError when a rating references a movie (or, when
 * a users table exists, a user) that is not in its table: run cleanDataset first, it removes and reports them.
 */
export function encodeDataset(raw: RawDataset): Dataset {
  const {ratings, movies, users} = raw;
  const n = ratings.userId.length;
  checkUnique(raw.name, "movies", movies.id);
  const movieRow = idLookup(movies.id);
  const movie = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const m = movieRow(ratings.movieId[i]);
    if (m < 0) {
      throw new DataError({
        file: `${raw.name} ratings`,
        field: "movieId",
        value: String(ratings.movieId[i]),
        expected: `a movie id listed in the movies table (rating row ${i + 1}); run cleanDataset before encodeDataset: it removes and reports ratings of unknown movies`
      });
    }
    movie[i] = m;
  }

  let userIds: Int32Array;
  let sortedUsers: Users | undefined;
  if (users) {
    checkUnique(raw.name, "users", users.id);
    sortedUsers = sortUsersById(users);
    userIds = sortedUsers.id;
  } else {
    userIds = sortedUniqueIds(ratings.userId);
  }
  const userIndex = idLookup(userIds);
  const user = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = userIndex(ratings.userId[i]);
    if (u < 0) {
      throw new DataError({
        file: `${raw.name} ratings`,
        field: "userId",
        value: String(ratings.userId[i]),
        expected: `a user id listed in the users table (rating row ${i + 1}); run cleanDataset before encodeDataset: it removes and reports ratings of unknown users`
      });
    }
    user[i] = u;
  }

  return {
    name: raw.name,
    source: {...raw.source},
    scale: {...raw.scale},
    ratings: {user, movie, rating: Float32Array.from(ratings.rating), timestamp: Float64Array.from(ratings.timestamp)},
    movies,
    userIds,
    users: sortedUsers
  };
}

function checkUnique(name: string, table: string, ids: Int32Array): void {
  const dup = firstDuplicateId(ids);
  if (dup) {
    throw new DataError({
      file: `${name} ${table}`,
      field: "id",
      value: String(dup.id),
      expected: `unique ids (rows ${dup.first + 1} and ${dup.second + 1} share this one)`
    });
  }
}

/** The users table re-ordered by ascending raw id (a new object; the input is not touched). */
function sortUsersById(users: Users): Users {
  const order = Array.from(users.id.keys()).sort((a, b) => users.id[a] - users.id[b]);
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(src: T, dst: T): T => {
    for (let i = 0; i < order.length; i++) dst[i] = src[order[i]];
    return dst;
  };
  const n = order.length;
  return {
    id: pick(users.id, new Int32Array(n)),
    age: pick(users.age, new Float64Array(n)),
    gender: pick(users.gender, new Uint8Array(n)),
    occupation: pick(users.occupation, new Uint8Array(n)),
    occupationNames: users.occupationNames.slice(),
    zip: order.map((i) => users.zip[i])
  };
}
