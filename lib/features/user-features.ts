/**
 * Per-user demographic features for the classifier: age, gender and occupation where the data set
 * has users (ml-100k, ml-1m, synthetic). Occupation is one integer code: trees split on codes, and a
 * one-hot block would add 21 sparse columns for no gain. Activity (training count) is an aggregate.
 */
import type {Dataset} from "../data/types.js";

/** Names of the user columns for a data set with (true) or without (false) demographics. */
export function userFeatureNames(hasUsers: boolean): string[] {
  return hasUsers ? ["age", "gender", "occupation"] : [];
}

/** Writes age (years, NaN unknown), gender (0 M, 1 F, NaN unknown) and occupation code of dense user u (−1 = unknown user: all NaN) at out[o..o+2]. */
export function writeUserFeatures(dataset: Dataset, u: number, out: Float32Array, o: number): void {
  const users = dataset.users;
  if (!users) return;
  if (u < 0 || u >= users.age.length) {
    out[o] = out[o + 1] = out[o + 2] = NaN;
    return;
  }
  out[o] = users.age[u];
  out[o + 1] = users.gender[u] === 255 ? NaN : users.gender[u];
  out[o + 2] = users.occupation[u];
}
