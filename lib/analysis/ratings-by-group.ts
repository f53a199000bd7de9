/** Ratings split by a user attribute (gender, age group, occupation): count, mean, sd and level shares. */
import type {Dataset, Users} from "../data/types.js";
import {scaleLevel, scaleValues} from "./rating-histogram.js";

export type UserDimension = "gender" | "age" | "occupation";

/** Age buckets as MovieLens 1M defines them (lower bounds in years; the last is open). */
export const AGE_GROUPS: {label: string; min: number}[] = [
  {label: "under 18", min: 0},
  {label: "18–24", min: 18},
  {label: "25–34", min: 25},
  {label: "35–44", min: 35},
  {label: "45–49", min: 45},
  {label: "50–55", min: 50},
  {label: "56+", min: 56}
];

export interface GroupRatings {
  dimension: UserDimension;
  /** Group labels; groups with no user are left out. */
  groups: string[];
  /** Users in each group (with or without ratings). */
  users: number[];
  /** Ratings given by each group. */
  ratings: number[];
  /** Mean rating per group (NaN when the group gave none). */
  mean: number[];
  /** Population sd per group (NaN when the group gave none). */
  sd: number[];
  /** shares[g][k]: share 0..1 of group g's ratings at scale value values[k]. */
  shares: number[][];
  values: number[];
}

/** Age group index of an age in years (-1 when unknown). */
export function ageGroup(age: number): number {
  if (!Number.isFinite(age)) return -1;
  for (let g = AGE_GROUPS.length - 1; g >= 0; g--) if (age >= AGE_GROUPS[g].min) return g;
  return 0;
}

/** Each user's group (index into labels) by gender, age group or occupation; unknown values form a last group. */
export function userGroupsOf(users: Users, dimension: UserDimension): {labels: string[]; groupOf: Int32Array} {
  let labels: string[];
  const groupOf = new Int32Array(users.id.length);
  if (dimension === "gender") {
    labels = ["male", "female", "unknown"];
    for (let u = 0; u < groupOf.length; u++) groupOf[u] = users.gender[u] === 0 ? 0 : users.gender[u] === 1 ? 1 : 2;
  } else if (dimension === "age") {
    labels = [...AGE_GROUPS.map((a) => a.label), "unknown"];
    for (let u = 0; u < groupOf.length; u++) {
      const g = ageGroup(users.age[u]);
      groupOf[u] = g < 0 ? AGE_GROUPS.length : g;
    }
  } else {
    labels = users.occupationNames.slice();
    for (let u = 0; u < groupOf.length; u++) groupOf[u] = users.occupation[u];
  }
  return {labels, groupOf};
}

/** Ratings by gender, age group or occupation; null when the data set has no users table. */
export function ratingsByUserGroup(d: Dataset, dimension: UserDimension): GroupRatings | null {
  const users = d.users;
  if (!users) return null;
  const {labels, groupOf} = userGroupsOf(users, dimension);
  const values = scaleValues(d.scale);
  const nG = labels.length;
  const userCount = new Float64Array(nG);
  const n = new Float64Array(nG);
  const sum = new Float64Array(nG);
  const sumSq = new Float64Array(nG);
  const levels = Array.from({length: nG}, () => new Float64Array(values.length));
  for (let u = 0; u < groupOf.length; u++) userCount[groupOf[u]]++;
  const {user, rating} = d.ratings;
  for (let i = 0; i < rating.length; i++) {
    const g = groupOf[user[i]];
    const r = rating[i];
    n[g]++;
    sum[g] += r;
    sumSq[g] += r * r;
    const k = scaleLevel(r, d.scale);
    if (k >= 0) levels[g][k]++;
  }
  const out: GroupRatings = {dimension, groups: [], users: [], ratings: [], mean: [], sd: [], shares: [], values};
  for (let g = 0; g < nG; g++) {
    if (userCount[g] === 0) continue;
    const mean = n[g] > 0 ? sum[g] / n[g] : NaN;
    out.groups.push(labels[g]);
    out.users.push(userCount[g]);
    out.ratings.push(n[g]);
    out.mean.push(mean);
    out.sd.push(n[g] > 0 ? Math.sqrt(Math.max(0, sumSq[g] / n[g] - mean * mean)) : NaN);
    out.shares.push(Array.from(levels[g], (c) => (n[g] > 0 ? c / n[g] : 0)));
  }
  return out;
}
