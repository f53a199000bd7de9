/**
 * Evaluation figures per user group (gender, age group) where the data set has a users table: who does
 * a model serve well? Groups come from lib/analysis/ratings-by-group.ts (MovieLens 1M's age buckets).
 */
import type {Users} from "../data/types.js";
import {userGroupsOf} from "../analysis/ratings-by-group.js";
import {nanMean} from "./ranking-metrics.js";
import type {PerUserErrors} from "./per-user-errors.js";

/** The dimensions reported per group. */
export type GroupDimension = "gender" | "age";

/** One group's figures: metric name → value (mean over the group's users, or pooled RMSE/MAE). */
export interface GroupFigures {
  dimension: GroupDimension;
  group: string;
  /** Evaluated users in the group. */
  users: number;
  metrics: Record<string, number>;
}

/** Mean of each per-user metric (aligned with `users`) within each gender and age group; empty groups left out. */
export function groupMeans(
  users: Int32Array,
  values: Record<string, ArrayLike<number>>,
  table: Users,
  dimensions: readonly GroupDimension[] = ["gender", "age"]
): GroupFigures[] {
  return dimensions.flatMap((dimension) => {
    const {labels, groupOf} = userGroupsOf(table, dimension);
    return labels.flatMap((group, g): GroupFigures[] => {
      const members: number[] = [];
      for (let i = 0; i < users.length; i++) if (groupOf[users[i]] === g) members.push(i);
      if (members.length === 0) return [];
      const metrics: Record<string, number> = {};
      for (const [name, column] of Object.entries(values)) metrics[name] = nanMean(members.map((i) => column[i]));
      return [{dimension, group, users: members.length, metrics}];
    });
  });
}

/** RMSE and MAE (stars) per gender and age group, pooled over the given folds' per-user errors. */
export function groupRatingErrors(
  folds: readonly PerUserErrors[],
  table: Users,
  dimensions: readonly GroupDimension[] = ["gender", "age"]
): GroupFigures[] {
  const out: GroupFigures[] = [];
  for (const dimension of dimensions) {
    const {labels, groupOf} = userGroupsOf(table, dimension);
    const sse = new Float64Array(labels.length);
    const sae = new Float64Array(labels.length);
    const n = new Float64Array(labels.length);
    const seen = labels.map(() => new Set<number>());
    for (const e of folds)
      for (let i = 0; i < e.users.length; i++) {
        const g = groupOf[e.users[i]];
        sse[g] += e.sse[i];
        sae[g] += e.sae[i];
        n[g] += e.count[i];
        seen[g].add(e.users[i]);
      }
    labels.forEach((group, g) => {
      if (n[g] > 0)
        out.push({
          dimension,
          group,
          users: seen[g].size,
          metrics: {rmse: Math.sqrt(sse[g] / n[g]), mae: sae[g] / n[g], ratings: n[g]}
        });
    });
  }
  return out;
}
