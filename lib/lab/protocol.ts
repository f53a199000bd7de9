/**
 * The Lab's evaluation protocols as rating folds: seeded random k-fold (the folds of `movielab cv --folds
 * K`), a seeded hold-out stratified by rating (as the Training and Evaluation pages' split), given fold
 * rows (ml-100k's official u1..u5), and the two temporal protocols of lib/eval/protocols (built by that
 * module, so the Lab's folds are the CLI's `--protocol temporal-global|temporal-user` folds). One fold can
 * be built alone, so that a pool of workers each builds only the fold it runs; the fold is the same as in
 * the whole list.
 */
import {lazyFold, ratingFoldsFromRows, type FoldRows, type RatingFold} from "../data/folds.js";
import type {Dataset} from "../data/types.js";
import {PROTOCOLS} from "../eval/protocols/index.js";
import {TEMPORAL_USER_DEFAULTS} from "../eval/protocols/temporal-user.js";
import {kFold, stratifiedSplit} from "../eval/split.js";
import {labelsOf} from "../features/feature-matrix.js";

/** How a run splits the set. */
export type LabProtocol =
  | {kind: "k-fold"; k: number}
  | {kind: "hold-out"; testFraction: number}
  | {kind: "official"; folds: FoldRows[]}
  | {kind: "temporal-global"}
  | {kind: "temporal-user"};

/** The run record's name of a protocol. */
export type ProtocolName = LabProtocol["kind"];

/** The protocol's name in run records, as lib/eval/protocols names it (the CLI's `--protocol` of that name makes the same folds). */
export function recordProtocolName(
  protocol: LabProtocol
): "kfold" | "hold-out" | "official" | "temporal-global" | "temporal-user" {
  return protocol.kind === "k-fold" ? "kfold" : protocol.kind;
}

/** How many folds the protocol has. */
export function foldCount(protocol: LabProtocol): number {
  if (protocol.kind === "k-fold") return protocol.k;
  if (protocol.kind === "hold-out" || protocol.kind === "temporal-global") return 1;
  if (protocol.kind === "temporal-user") return TEMPORAL_USER_DEFAULTS.partitions;
  return protocol.folds.length;
}

/** Checks a protocol's numbers (k ≥ 2 and ≤ ratings, 0 < testFraction < 1, at least one fold). */
export function checkProtocol(protocol: LabProtocol, nRatings: number): void {
  if (protocol.kind === "k-fold" && !(Number.isInteger(protocol.k) && protocol.k >= 2 && protocol.k <= nRatings))
    throw new RangeError(`k-fold: k is ${protocol.k}; expected an integer from 2 to ${nRatings}`);
  if (protocol.kind === "hold-out" && !(protocol.testFraction > 0 && protocol.testFraction < 1))
    throw new RangeError(`hold-out: test fraction is ${protocol.testFraction}; expected a number between 0 and 1`);
  if (protocol.kind === "official" && protocol.folds.length === 0)
    throw new RangeError("official folds: none given; expected ml-100k's u1..u5");
}

/** Fold `index` (0-based) of the protocol on the data set, with `seed` for the random ones. */
export function protocolFold(dataset: Dataset, protocol: LabProtocol, seed: number, index: number): RatingFold {
  checkProtocol(protocol, dataset.ratings.rating.length);
  const n = foldCount(protocol);
  if (!(Number.isInteger(index) && index >= 0 && index < n))
    throw new RangeError(`fold ${index}: expected an index from 0 to ${n - 1}`);
  if (protocol.kind === "official") return ratingFoldsFromRows(dataset, [protocol.folds[index]])[0];
  // The shared protocols cut every fold at once, as row indices; only the fold asked for is copied (lazy folds).
  if (protocol.kind === "temporal-global" || protocol.kind === "temporal-user")
    return PROTOCOLS[protocol.kind].folds({dataset, official: null, seed}, {}).folds[index];
  const split =
    protocol.kind === "k-fold"
      ? kFold(dataset.ratings.rating.length, protocol.k, seed)[index]
      : stratifiedSplit(labelsOf(dataset, allRows(dataset)), protocol.testFraction, seed);
  return lazyFold(dataset, protocol.kind === "k-fold" ? `fold${index + 1}` : "holdout", split.train, split.test);
}

/** Every fold of the protocol. */
export function protocolFolds(dataset: Dataset, protocol: LabProtocol, seed: number): RatingFold[] {
  return Array.from({length: foldCount(protocol)}, (_, i) => protocolFold(dataset, protocol, seed, i));
}

function allRows(dataset: Dataset): Int32Array {
  return Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
}
