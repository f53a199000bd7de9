/**
 * Minimal reader of ml-100k's tab-separated rating files (u.data, u1.base …) for benches and tests:
 * ml-100k ids are contiguous from 1, so the dense index is id − 1 (943 users, 1,682 movies).
 * The project's validating readers live in lib/node/; this one only feeds the model benchmarks.
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import type {Ratings} from "../../lib/data/types.js";
import type {TrainSet} from "../../lib/models/estimator.js";

export const ML100K_USERS = 943;
export const ML100K_MOVIES = 1682;

/** Reads one ml-100k rating file into dense-index columns; throws naming the line on a malformed row. */
export function readRatingsFile(path: string): Ratings {
  const lines = readFileSync(path, "latin1").split("\n");
  const u: number[] = [], m: number[] = [], r: number[] = [], t: number[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const f = line.split("\t");
    const vals = f.map(Number);
    if (f.length !== 4 || vals.some((v) => !Number.isInteger(v))) {
      throw new Error(`${path} line ${i + 1}: got "${line}", expected four tab-separated integers`);
    }
    u.push(vals[0] - 1);
    m.push(vals[1] - 1);
    r.push(vals[2]);
    t.push(vals[3]);
  });
  return {user: Int32Array.from(u), movie: Int32Array.from(m), rating: Float32Array.from(r), timestamp: Float64Array.from(t)};
}

/** A training set over all ml-100k users and movies on the 1..5 scale. */
export function trainSetOf(ratings: Ratings): TrainSet {
  return {ratings, nUsers: ML100K_USERS, nMovies: ML100K_MOVIES, scale: {min: 1, max: 5, step: 1}};
}

/** Official fold uN (N = 1..5): training set and test ratings. */
export function readOfficialFold(dir: string, n: number): {name: string; train: TrainSet; test: Ratings} {
  return {name: `u${n}`, train: trainSetOf(readRatingsFile(join(dir, `u${n}.base`))), test: readRatingsFile(join(dir, `u${n}.test`))};
}
