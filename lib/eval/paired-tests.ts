/**
 * Is a model distinguishable from the best one? Paired tests on the same units (the same folds, or the
 * same users of one split), so that the variation between units, which both models share, cancels:
 * - over folds, the paired t-test (folds are few, 2..5, and their differences close to normal);
 * - over users, the sign-flip permutation test of the mean per-user difference: under "no difference"
 *   each user's difference is as likely negative as positive, so flipping signs at random gives the
 *   null distribution exactly, with no normality assumption (per-user nDCG differences are far from
 *   normal: many ties at 0 and a mass at ±1). The paired bootstrap gives the difference's interval.
 * - for a pooled figure that is no mean of per-user values (RMSE over one fold's ratings), the paired
 *   bootstrap over users: both models' figures recomputed on the same resampled users.
 * `indistinguishable` is p ≥ 0.05.
 */
import {createRng} from "../random.js";
import {bootstrapMean, bootstrapStatistic, studentQuantile, studentTwoSidedP, type Interval} from "./intervals.js";

/** The outcome of a paired test of a against b (difference = a − b, in the metric's units). */
export interface PairedTest {
  /** Mean of the paired differences a − b. */
  meanDifference: number;
  /** 95 % interval of the mean difference (t over folds, bootstrap over users). */
  difference: Interval;
  /** Two-sided p-value, 0..1. */
  p: number;
  test: "paired-t" | "sign-flip" | "paired-bootstrap";
  /** Number of pairs. */
  n: number;
  /** p ≥ alpha (0.05): the data do not tell the two apart. */
  indistinguishable: boolean;
}

/** The significance level under which two models count as distinguishable. */
export const ALPHA = 0.05;

function differences(a: ArrayLike<number>, b: ArrayLike<number>, where: string): Float64Array {
  if (a.length !== b.length)
    throw new RangeError(`${where}: ${a.length} and ${b.length} values; expected the same units on both sides`);
  if (a.length === 0) throw new RangeError(`${where}: no pairs; expected at least one`);
  return Float64Array.from({length: a.length}, (_, i) => a[i] - b[i]);
}

/** Paired t-test over folds (n ≥ 2 pairs, df = n − 1); identical values give p = 1. */
export function pairedTTest(a: ArrayLike<number>, b: ArrayLike<number>): PairedTest {
  const d = differences(a, b, "pairedTTest");
  const n = d.length;
  if (n < 2) throw new RangeError("pairedTTest: one pair; expected at least two folds");
  let m = 0;
  for (const x of d) m += x;
  m /= n;
  let ss = 0;
  for (const x of d) ss += (x - m) ** 2;
  const se = Math.sqrt(ss / (n - 1) / n);
  // Every fold moved by exactly the same amount: no spread, so the sign of m is certain unless m is 0.
  const p = se === 0 ? (m === 0 ? 1 : 0) : studentTwoSidedP(m / se, n - 1);
  const half = studentQuantile(0.975, n - 1) * se;
  return {
    meanDifference: m,
    difference: {estimate: m, lo: m - half, hi: m + half, level: 0.95, method: "t", n},
    p,
    test: "paired-t",
    n,
    indistinguishable: p >= ALPHA
  };
}

/**
 * Sign-flip permutation test over users (B random sign vectors, seeded; p = (1 + #|mean| ≥ observed) / (B + 1),
 * so never 0), with the paired bootstrap interval of the mean difference.
 */
export function pairedSignFlip(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: {resamples?: number; seed?: number} = {}
): PairedTest {
  const {resamples = 1000, seed = 42} = options;
  const d = differences(a, b, "pairedSignFlip");
  const n = d.length;
  let observed = 0;
  for (const x of d) observed += x;
  observed /= n;
  const rng = createRng(seed);
  // A tolerance of rounding, so that flips reaching the observed mean up to float error count as "as extreme"
  // (and a mean that is 0 up to rounding gives p = 1).
  let scale = 0;
  for (const x of d) scale += Math.abs(x);
  const threshold = Math.abs(observed) - (1e-9 * scale) / n;
  let extreme = 0;
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += rng.next() < 0.5 ? -d[i] : d[i];
    if (Math.abs(s / n) >= threshold) extreme++;
  }
  const p = (1 + extreme) / (resamples + 1);
  return {
    meanDifference: observed,
    difference: bootstrapMean(d, {resamples, seed: seed + 1}),
    p,
    test: "sign-flip",
    n,
    indistinguishable: p >= ALPHA
  };
}

/**
 * Paired bootstrap over n shared units of a pooled statistic (B = 1000, seeded): the interval of
 * statA − statB over resamples, and the two-sided p = 2·min(share of resampled differences ≤ 0, share ≥ 0),
 * capped at 1 (the interval excludes 0 exactly when p < 0.05, up to ties).
 */
export function pairedBootstrap(
  n: number,
  statA: (indices: Int32Array) => number,
  statB: (indices: Int32Array) => number,
  options: {resamples?: number; seed?: number} = {}
): PairedTest {
  let below = 0,
    above = 0,
    draws = 0;
  const difference = bootstrapStatistic(
    n,
    (idx) => {
      const d = statA(idx) - statB(idx);
      // The first call is the full sample (the estimate), not a resample.
      if (draws++ > 0) {
        if (d <= 0) below++;
        if (d >= 0) above++;
      }
      return d;
    },
    options
  );
  const resamples = draws - 1;
  const p = Math.min(1, (2 * Math.min(below, above)) / resamples);
  return {
    meanDifference: difference.estimate,
    difference,
    p,
    test: "paired-bootstrap",
    n,
    indistinguishable: p >= ALPHA
  };
}

/** One model's values on the shared units (folds or users, same order for every model). */
export interface PairedEntry {
  name: string;
  values: ArrayLike<number>;
}

/** A model's standing against the best: null for the best itself. */
export interface VersusBest {
  name: string;
  /** Mean over units. */
  mean: number;
  /** The paired test of this model against the best (difference = this − best); null for the best. */
  test: PairedTest | null;
}

/**
 * Each model against the best by mean (lowest when lowerIsBetter, as RMSE; highest otherwise, as nDCG):
 * paired t over folds when `units` is "folds" (needs ≥ 2), sign-flip over users when "users".
 */
export function compareWithBest(
  entries: readonly PairedEntry[],
  options: {lowerIsBetter: boolean; units: "folds" | "users"; resamples?: number; seed?: number}
): {best: string; rows: VersusBest[]} {
  if (entries.length === 0) throw new RangeError("compareWithBest: no models; expected at least one");
  const means = entries.map((e) => {
    let s = 0;
    for (let i = 0; i < e.values.length; i++) s += e.values[i];
    return s / e.values.length;
  });
  let best = 0;
  for (let i = 1; i < entries.length; i++)
    if (options.lowerIsBetter ? means[i] < means[best] : means[i] > means[best]) best = i;
  const rows = entries.map((e, i) => ({
    name: e.name,
    mean: means[i],
    test:
      i === best
        ? null
        : options.units === "folds"
          ? pairedTTest(e.values, entries[best].values)
          : pairedSignFlip(e.values, entries[best].values, options)
  }));
  return {best: entries[best].name, rows};
}
