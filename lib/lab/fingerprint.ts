/**
 * A data set's fingerprint: SHA-256 of what the models read, in row order: the scale, each rating's raw
 * user id, raw movie id, rating and time, the movies' ids, years, release dates and genre flags, and
 * the users' ids. The same cleaned set gives the same fingerprint in Node and in the browser (Web Crypto
 * in both), so a run of `movielab cv` and a run of the Lab can be matched on it. Names and titles are
 * left out: a set renamed is the same data.
 */
import type {Dataset} from "../data/types.js";

/** "sha256:" and 64 hex digits. */
export async function datasetFingerprint(dataset: Dataset): Promise<string> {
  const {ratings, movies, userIds, scale} = dataset;
  const n = ratings.rating.length;
  const rows = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    rows[4 * i] = userIds[ratings.user[i]];
    rows[4 * i + 1] = movies.id[ratings.movie[i]];
    rows[4 * i + 2] = ratings.rating[i];
    rows[4 * i + 3] = ratings.timestamp[i];
  }
  const parts: ArrayBufferView[] = [
    new Float64Array([scale.min, scale.max, scale.step, n, movies.id.length, userIds.length]),
    rows,
    movies.id,
    movies.year,
    movies.releaseDate,
    movies.genres,
    userIds
  ];
  const total = parts.reduce((s, p) => s + p.byteLength, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
    at += p.byteLength;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
