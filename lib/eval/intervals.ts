/**
 * 95 % confidence intervals for evaluation figures, browser-safe and seeded: Student's t over folds
 * (where folds are the unit, e.g. ml-100k's u1..u5) and the percentile bootstrap over users (where
 * users are the unit, e.g. per-user nDCG under the per-user split). Same seed, same interval.
 */
import {createRng} from "../random.js";

/** A point estimate and its confidence interval, in the metric's own units. */
export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
  /** Confidence level, 0..1 (0.95 unless asked). */
  level: number;
  /** How the interval was made: "t" over n folds, "bootstrap" over n users, "none" for one value. */
  method: "t" | "bootstrap" | "none";
  /** Number of units (folds or users) behind the interval. */
  n: number;
}

/** Natural log of Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz), valid for x < (a + 1) / (a + b + 2). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1,
    d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b), x in 0..1, a, b > 0. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** Two-sided tail probability P(|T| ≥ |t|) of Student's t with df > 0 degrees of freedom, 0..1. */
export function studentTwoSidedP(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTwoSidedP: df = ${df}; expected df > 0`);
  if (!Number.isFinite(t)) return Number.isNaN(t) ? NaN : 0;
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/** Quantile of Student's t with df > 0 degrees of freedom at probability p in (0, 1) (bisection on the CDF). */
export function studentQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentQuantile: p = ${p}; expected 0 < p < 1`);
  if (p === 0.5) return 0;
  const upper = p > 0.5;
  const tail = upper ? 2 * (1 - p) : 2 * p;
  let lo = 0,
    hi = 1;
  while (studentTwoSidedP(hi, df) > tail) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (studentTwoSidedP(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  const q = (lo + hi) / 2;
  return upper ? q : -q;
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Student-t interval of the mean of xs (one value per fold; n ≥ 2 for an interval, n = 1 gives lo = hi = the value). */
export function tInterval(xs: ArrayLike<number>, level = 0.95): Interval {
  const n = xs.length;
  if (n === 0) throw new RangeError("tInterval: no values; expected at least one");
  checkLevel(level, "tInterval");
  const m = mean(xs);
  if (n === 1) return {estimate: m, lo: m, hi: m, level, method: "none", n};
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - m) ** 2;
  const half = studentQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(ss / (n - 1) / n);
  return {estimate: m, lo: m - half, hi: m + half, level, method: "t", n};
}

/** Options of the bootstrap: B resamples (default 1000), a seed (default 42), the level (default 0.95). */
export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  level?: number;
}

function checkLevel(level: number, where: string): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`${where}: level = ${level}; expected 0 < level < 1`);
}

/** The q-quantile (0..1) of sorted values, linear between order statistics (numpy's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < sorted.length ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/**
 * Percentile bootstrap over units (users): `statistic(indices)` computes the figure from a resample of
 * unit indices 0..n-1 (drawn with replacement, seeded); the estimate is the statistic on all units.
 * A ratio statistic (RMSE = √(Σ squared errors / Σ counts) over resampled users) resamples correctly
 * this way, where averaging per-user RMSEs would not.
 */
export function bootstrapStatistic(
  n: number,
  statistic: (indices: Int32Array) => number,
  options: BootstrapOptions = {}
): Interval {
  const {resamples = 1000, seed = 42, level = 0.95} = options;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`bootstrap: n = ${n}; expected at least one unit`);
  if (!(Number.isInteger(resamples) && resamples >= 1))
    throw new RangeError(`bootstrap: resamples = ${resamples}; expected an integer ≥ 1`);
  checkLevel(level, "bootstrap");
  const all = Int32Array.from({length: n}, (_, i) => i);
  const estimate = statistic(all);
  const rng = createRng(seed);
  const draws = new Float64Array(resamples);
  const idx = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    draws[b] = statistic(idx);
  }
  draws.sort();
  const alpha = (1 - level) / 2;
  return {
    estimate,
    lo: quantileSorted(draws, alpha),
    hi: quantileSorted(draws, 1 - alpha),
    level,
    method: "bootstrap",
    n
  };
}

/** Percentile bootstrap interval of the mean of per-user values (B = 1000, seed 42 unless asked). */
export function bootstrapMean(values: ArrayLike<number>, options: BootstrapOptions = {}): Interval {
  if (values.length === 0) throw new RangeError("bootstrapMean: no values; expected at least one");
  return bootstrapStatistic(
    values.length,
    (idx) => {
      let s = 0;
      for (let i = 0; i < idx.length; i++) s += values[idx[i]];
      return s / idx.length;
    },
    options
  );
}
