/**
 * What an evaluation protocol is: a named, sourced way of cutting a data set into rating folds
 * (training part, test ratings) from the data set, its official split files when it has them, and a seed.
 * The protocols themselves are one file each beside this one; index.ts lists them.
 */
import type {FoldRows, RatingFold} from "../../data/folds.js";
import type {Dataset} from "../../data/types.js";

/** Every protocol's name, as `--protocol` takes it and run records store it. */
export type ProtocolName = "official" | "u1" | "kfold" | "msr" | "temporal-global" | "temporal-user";

/** What the folds are for: rating prediction (RMSE, MAE) or top-N lists. */
export type ProtocolTask = "rating" | "ranking";

/** What a protocol reads beyond the ratings. */
export interface ProtocolInput {
  /** The cleaned, encoded data set to cut. */
  dataset: Dataset;
  /** Rows of ml-100k's official splits u1..u5 (in that order) when the set has their files, else null. */
  official: readonly FoldRows[] | null;
  /** Seed of the split (unused by the fixed splits; the first of several seeds for msr). */
  seed: number;
}

/** Test rows a protocol removed, and why (never silently). */
export interface DroppedRows {
  /** Test rows removed in all. */
  rows: number;
  /** Of those rows, how many had a user with no training rating (a row may count here and in unseenMovie). */
  unseenUser: number;
  /** Of those rows, how many had a movie with no training rating. */
  unseenMovie: number;
}

/** The folds a protocol made, named, with the sentence a page or the CLI prints. */
export interface ProtocolFolds {
  /** The protocol that made them. */
  protocol: ProtocolName;
  /** E.g. "ml-100k's official split u1 (u1.base / u1.test)". */
  description: string;
  /** The folds, each with its training set and test ratings, in order. */
  folds: RatingFold[];
  /** Per fold (same order), test rows dropped for a user or movie unseen in training; absent when the protocol drops none. */
  dropped?: DroppedRows[];
}

/** One protocol: its definition and where it comes from. */
export interface Protocol<O = Record<string, never>> {
  /** Its name, as `--protocol` takes it. */
  name: ProtocolName;
  /** One line for --help and pages. */
  description: string;
  /** The published definition it reproduces (file and line, or paper). */
  source: string;
  /** What its folds are meant for. */
  tasks: readonly ProtocolTask[];
  /** What the data set must have: official split files, or timestamps that vary. */
  needs: "official" | "timestamps" | null;
  /** Makes the folds; throws a DataError when the set lacks what `needs` says. */
  folds(input: ProtocolInput, options?: Partial<O>): ProtocolFolds;
}
