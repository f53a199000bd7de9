/**
 * A data set's fingerprint: SHA-256 of what the models read, in row order: the scale and counts, each
 * rating's raw user id, raw movie id, rating and time (as the SHA-256 of each chunk of 262,144 rows), the
 * movies' ids, years, release dates and genre flags, and the users' ids. The same cleaned set gives the
 * same fingerprint in Node and in the browser, so a run of `movielab cv` and a run of the Lab can be matched
 * on it. Names and titles are left out: a set renamed is the same data. SHA-256 is Web Crypto's where it
 * exists; a page served over plain http from another host than localhost is not a secure context and
 * has no `crypto.subtle`, so there it is @noble/hashes' audited implementation (the same digest).
 */
import {sha256 as jsSha256} from "@noble/hashes/sha2";
import type {Dataset} from "../data/types.js";

/** Rating rows hashed per chunk (8 MiB of row data), so that a 32M-rating set needs no 1 GiB buffer. */
const CHUNK_ROWS = 1 << 18;

/** SHA-256 of bytes: Web Crypto when the context has it (null: it has not), else JavaScript (same digest, slower). */
export async function sha256(
  bytes: Uint8Array,
  subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null
): Promise<Uint8Array> {
  if (subtle === null) return jsSha256(bytes);
  return new Uint8Array(await subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
}

function concat(parts: readonly ArrayBufferView[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
    at += p.byteLength;
  }
  return bytes;
}

/** "sha256:" and 64 hex digits: SHA-256 of the header, the SHA-256 of each chunk of rating rows, and the tables. */
export async function datasetFingerprint(
  dataset: Dataset,
  subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null
): Promise<string> {
  const {ratings, movies, userIds, scale} = dataset;
  const n = ratings.rating.length;
  const chunkHashes: Uint8Array[] = [];
  let start = 0;
  do {
    const end = Math.min(n, start + CHUNK_ROWS);
    const rows = new Float64Array(4 * (end - start));
    for (let i = start; i < end; i++) {
      const o = 4 * (i - start);
      rows[o] = userIds[ratings.user[i]];
      rows[o + 1] = movies.id[ratings.movie[i]];
      rows[o + 2] = ratings.rating[i];
      rows[o + 3] = ratings.timestamp[i];
    }
    chunkHashes.push(await sha256(new Uint8Array(rows.buffer), subtle));
    start = end;
  } while (start < n);
  const digest = await sha256(
    concat([
      new Float64Array([scale.min, scale.max, scale.step, n, movies.id.length, userIds.length]),
      ...chunkHashes,
      movies.id,
      movies.year,
      movies.releaseDate,
      movies.genres,
      userIds
    ]),
    subtle
  );
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
