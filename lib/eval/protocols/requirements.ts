/** The checks protocols share: a set's official split rows, and timestamps that can order its ratings. */
import type {FoldRows} from "../../data/folds.js";
import {DataError} from "../../data/errors.js";
import type {Dataset} from "../../data/types.js";
import type {ProtocolInput} from "./protocol.js";

/** The official split rows of the input, or a DataError naming the set and the protocol that needs them. */
export function requireOfficial(input: ProtocolInput, protocol: string): readonly FoldRows[] {
  if (input.official === null || input.official.length === 0)
    throw new DataError({
      file: input.dataset.name,
      expected: `ml-100k's official split files (u1.base/u1.test … u5.base/u5.test) for protocol ${protocol}, but this set has none (use --protocol kfold)`
    });
  return input.official;
}

/** Throws a DataError unless every timestamp is a finite number and they are not all equal (a set without rating times). */
export function requireTimestamps(dataset: Dataset, protocol: string): void {
  const t = dataset.ratings.timestamp;
  let min = Infinity,
    max = -Infinity;
  for (let i = 0; i < t.length; i++) {
    const v = t[i];
    if (!Number.isFinite(v))
      throw new DataError({
        file: dataset.name,
        line: i + 1,
        field: "timestamp",
        value: String(v),
        expected: `a finite unix time on every rating for protocol ${protocol}`
      });
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min))
    throw new DataError({
      file: dataset.name,
      field: "timestamp",
      value: t.length === 0 ? "no ratings" : String(min),
      expected: `ratings at different times for protocol ${protocol} (every rating has the same timestamp: the set records no rating times)`
    });
}
