/**
 * Seeded train/test splits over row indices: stratified by rating class (hold-out and k-fold),
 * plain random k-fold (Surprise's KFold cut), and the per-group hold-out of Microsoft Recommenders'
 * python_stratified_split (the msr protocol). Every split returns sorted row indices so that
 * downstream column reads walk memory forward.
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

/**
 * Plain random k-fold over n rows, cut as Surprise's KFold.split (surprise/model_selection/split.py
 * lines 100-115, commit 2381fb1): the row indices are shuffled, then cut into k contiguous chunks in
 * order, the first n mod k chunks one row longer. Only the shuffle's generator differs (ours is
 * lib/random.ts, theirs numpy's RandomState), so the same seed gives other folds than Surprise's.
 */
export function kFold(n: number, k: number, seed: number): RowSplit[] {
  checkK(k, n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  createRng(seed).shuffle(order);
  const fold = new Int32Array(n);
  let stop = 0;
  for (let f = 0; f < k; f++) {
    const start = stop;
    stop += Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let i = start; i < stop; i++) fold[order[i]] = f;
  }
  return foldsFromAssignment(fold, k);
}

/**
 * Microsoft Recommenders' python_stratified_split (recommenders/datasets/python_splitters.py,
 * _do_stratification, lines 47-116, commit d580143): rows are grouped by `groups` (user or item index
 * per row); groups with fewer than minRows rows are dropped from both parts (min_rating_filter_pandas,
 * split_utils.py line 83; line 81 only filters when min_rating > 1); each group's rows are put in
 * random order (lines 91-97: a uniform random number per row, sorted within the group) and the first
 * round(trainRatio · n_g) go to train, the rest to test (line 110). Python's round() on the pandas
 * column rounds half to even (round(4.5) = 4), which Math.round does not, so roundHalfEven is used.
 * Only the generator differs. trainRatio in (0, 1); minRows ≥ 1.
 */
export function stratifiedSplitBy(groups: Int32Array, trainRatio = 0.75, seed = 42, minRows = 1): RowSplit {
  checkFraction(trainRatio);
  if (!(Number.isInteger(minRows) && minRows >= 1))
    throw new RangeError(`minRows is ${minRows}: expected an integer ≥ 1 (Microsoft's min_rating)`);
  const members = groupByValue(groups, "groups");
  const rng = createRng(seed);
  const part = new Int8Array(groups.length).fill(-1);
  let nTrain = 0,
    nTest = 0;
  for (const rows of members) {
    if (rows.length === 0 || rows.length < minRows) continue;
    rng.shuffle(rows);
    const cut = roundHalfEven(trainRatio * rows.length);
    for (let i = 0; i < rows.length; i++) part[rows[i]] = i < cut ? 0 : 1;
    nTrain += cut;
    nTest += rows.length - cut;
  }
  const train = new Int32Array(nTrain);
  const test = new Int32Array(nTest);
  let a = 0,
    b = 0;
  for (let i = 0; i < part.length; i++) {
    if (part[i] === 0) train[a++] = i;
    else if (part[i] === 1) test[b++] = i;
  }
  return {train, test};
}

/** Rounds to the nearest integer, halves to the even one (Python's and numpy's round): 2.5 → 2, 3.5 → 4. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
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
