/**
 * Seeded train/test splits over row indices: stratified by rating class (hold-out and k-fold),
 * plain random k-fold, and per-user hold-out for ranking (Microsoft Recommenders' protocol).
 * Every split returns sorted row indices so that downstream column reads walk memory forward.
 */
import {createRng} from "../random.js";

/** One train/test partition as sorted row indices. */
export interface RowSplit {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Stratified hold-out: round(n · testFraction) rows go to test, shared out between the classes by
 * largest remainder so each class's test share is as close to testFraction as integers allow.
 * labels: class index per row (≥ 0); testFraction in (0, 1); same seed → same split.
 */
export function stratifiedSplit(labels: Int32Array, testFraction: number, seed: number): RowSplit {
  checkFraction(testFraction);
  const n = labels.length;
  const members = groupByValue(labels, "labels");
  const nTest = Math.round(n * testFraction);
  const quota = largestRemainder(
    members.map((m) => m.length),
    nTest
  );
  const rng = createRng(seed);
  const isTest = new Uint8Array(n);
  members.forEach((rows, c) => {
    rng.shuffle(rows);
    for (let i = 0; i < quota[c]; i++) isTest[rows[i]] = 1;
  });
  return partition(isTest, n - nTest, nTest);
}

/**
 * Stratified k-fold: each class's rows are shuffled and dealt round-robin over the folds, so every
 * fold holds floor or ceil of (class count / k) rows of each class and fold sizes differ by at most 1.
 * k ≥ 2 and ≤ n; returns k partitions whose test parts are disjoint and cover every row.
 */
export function stratifiedKFold(labels: Int32Array, k: number, seed: number): RowSplit[] {
  checkK(k, labels.length);
  const members = groupByValue(labels, "labels");
  const rng = createRng(seed);
  const fold = new Int32Array(labels.length);
  // Dealing continues across classes (position p → fold p mod k) so fold sizes stay within ±1 overall.
  let p = 0;
  for (const rows of members) {
    rng.shuffle(rows);
    for (let i = 0; i < rows.length; i++) fold[rows[i]] = p++ % k;
  }
  return foldsFromAssignment(fold, k);
}

/** Plain random k-fold over n rows: shuffled, cut into k contiguous chunks of size floor or ceil of n/k. */
export function kFold(n: number, k: number, seed: number): RowSplit[] {
  checkK(k, n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  createRng(seed).shuffle(order);
  const fold = new Int32Array(n);
  for (let i = 0; i < n; i++) fold[order[i]] = Math.floor((i * k) / n);
  return foldsFromAssignment(fold, k);
}

/**
 * Per-user hold-out for ranking: each user's rows are shuffled and round((1 − testFraction) · n_u)
 * of them go to train, the rest to test (Microsoft Recommenders' python_stratified_split, 0.75 train).
 * users: user index per row (≥ 0); testFraction in (0, 1), default 0.25.
 */
export function splitByUser(users: Int32Array, testFraction = 0.25, seed = 42): RowSplit {
  checkFraction(testFraction);
  const members = groupByValue(users, "users");
  const rng = createRng(seed);
  const isTest = new Uint8Array(users.length);
  let nTest = 0;
  for (const rows of members) {
    if (rows.length === 0) continue;
    rng.shuffle(rows);
    const nTrain = Math.round((1 - testFraction) * rows.length);
    for (let i = nTrain; i < rows.length; i++) isTest[rows[i]] = 1;
    nTest += rows.length - nTrain;
  }
  return partition(isTest, users.length - nTest, nTest);
}

/** Splits quotas: integer shares of total proportional to sizes, largest remainders rounded up (ties to the lower index). */
export function largestRemainder(sizes: number[], total: number): Int32Array {
  const sum = sizes.reduce((a, b) => a + b, 0);
  const out = new Int32Array(sizes.length);
  if (sum === 0) return out;
  const rema: Array<[number, number]> = [];
  let given = 0;
  sizes.forEach((s, i) => {
    const exact = (s * total) / sum;
    out[i] = Math.floor(exact);
    given += out[i];
    rema.push([exact - out[i], i]);
  });
  rema.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; given < total; j++, given++) out[rema[j][1]]++;
  return out;
}

function groupByValue(values: Int32Array, what: string): Int32Array[] {
  let max = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < 0) throw new RangeError(`${what}[${i}] is ${v}: expected a non-negative integer index`);
    if (v > max) max = v;
  }
  const counts = new Int32Array(max + 1);
  for (let i = 0; i < values.length; i++) counts[values[i]]++;
  const groups = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(max + 1);
  for (let i = 0; i < values.length; i++) groups[values[i]][fill[values[i]]++] = i;
  return groups;
}

function partition(isTest: Uint8Array, nTrain: number, nTest: number): RowSplit {
  const train = new Int32Array(nTrain);
  const test = new Int32Array(nTest);
  let a = 0,
    b = 0;
  for (let i = 0; i < isTest.length; i++) {
    if (isTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  return {train, test};
}

function foldsFromAssignment(fold: Int32Array, k: number): RowSplit[] {
  const sizes = new Int32Array(k);
  for (let i = 0; i < fold.length; i++) sizes[fold[i]]++;
  const out: RowSplit[] = [];
  const isTest = new Uint8Array(fold.length);
  for (let f = 0; f < k; f++) {
    for (let i = 0; i < fold.length; i++) isTest[i] = fold[i] === f ? 1 : 0;
    out.push(partition(isTest, fold.length - sizes[f], sizes[f]));
  }
  return out;
}

function checkFraction(f: number): void {
  if (!(f > 0 && f < 1)) throw new RangeError(`testFraction is ${f}: expected a number strictly between 0 and 1`);
}

function checkK(k: number, n: number): void {
  if (!Number.isInteger(k) || k < 2 || k > n)
    throw new RangeError(`k is ${k}: expected an integer from 2 to the number of rows (${n})`);
}
