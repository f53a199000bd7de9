/**
 * Split gain and the best split of a node from its histogram, as XGBoost 1.7's hist evaluator:
 * gain of a side G²/(H+λ) (G soft-thresholded by α), loss change = gain(L) + gain(R) − gain(parent)
 * in float32, both sides need a hessian sum >= min_child_weight, a forward scan (missing values go
 * right) and, when the node has missing values, a backward scan (missing values go left).
 */
import {MISSING_CODE, type BinCuts} from "./binning.js";

/** The regularisation a split and a leaf need (float32 values, as XGBoost stores them). */
export interface SplitParams {
  lambda: number;
  alpha: number;
  minChildWeight: number;
  gamma: number;
}

/** Soft threshold of a gradient sum by alpha (L1). */
export function thresholdL1(g: number, alpha: number): number {
  if (g > alpha) return g - alpha;
  if (g < -alpha) return g + alpha;
  return 0;
}

/** Structure score of one side: ThresholdL1(G)² / (H + λ); 0 when H <= 0. */
export function sideGain(G: number, H: number, p: SplitParams): number {
  if (H <= 0) return 0;
  const t = thresholdL1(G, p.alpha);
  return (t * t) / (H + p.lambda);
}

/** Gain of a node itself, float32; 0 when H < min_child_weight (XGBoost's CalcGain). */
export function nodeGain(G: number, H: number, p: SplitParams): number {
  if (H < p.minChildWeight || H <= 0) return 0;
  return Math.fround(sideGain(G, H, p));
}

/** Optimal leaf weight −ThresholdL1(G)/(H+λ) in float32, 0 when H < min_child_weight (before eta). */
export function leafWeight(G: number, H: number, p: SplitParams): number {
  if (H < p.minChildWeight || H <= 0) return 0;
  return Math.fround(-thresholdL1(G, p.alpha) / (H + p.lambda));
}

/** Loss change of splitting a node with gain parentGain into (GL, HL) and (GR, HR), float32. */
export function splitLossChange(
  GL: number,
  HL: number,
  GR: number,
  HR: number,
  parentGain: number,
  p: SplitParams
): number {
  return Math.fround(Math.fround(sideGain(GL, HL, p) + sideGain(GR, HR, p)) - parentGain);
}

/** The best split found for a node; feature −1 when none. */
export interface SplitCandidate {
  feature: number;
  /** Last bin (0-based) that goes left; −1 when only missing values go left. */
  bin: number;
  /** x < threshold goes left (float32). */
  threshold: number;
  defaultLeft: boolean;
  lossChange: number;
  GL: number;
  HL: number;
  GR: number;
  HR: number;
}

/** A fresh "no split" candidate. */
export function emptyCandidate(): SplitCandidate {
  return {feature: -1, bin: -1, threshold: 0, defaultLeft: false, lossChange: 0, GL: 0, HL: 0, GR: 0, HR: 0};
}

/**
 * Best split of a node over the listed features from its histogram (feature f's bin b at
 * 2·(256·f + b), g then h; missing at bin MISSING_CODE). G, H: the node's sums. Writes into best.
 */
export function findBestSplit(
  hist: Float64Array,
  G: number,
  H: number,
  cuts: BinCuts,
  features: Int32Array,
  p: SplitParams,
  best: SplitCandidate
): void {
  best.feature = -1;
  best.lossChange = 0;
  const parentGain = nodeGain(G, H, p);
  const mcw = p.minChildWeight;
  const c = cuts.cuts;
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi];
    const nb = cuts.ptr[f + 1] - cuts.ptr[f];
    const cutBase = cuts.ptr[f];
    const base = f << 9;
    // Forward: bins 0..b go left, missing goes right.
    let lg = 0;
    let lh = 0;
    for (let b = 0; b < nb; b++) {
      const s = base + 2 * b;
      // An empty bin leaves the sums, hence the loss change, as they were: it cannot beat the best (strict >).
      if (hist[s + 1] === 0 && hist[s] === 0) continue;
      lg += hist[s];
      lh += hist[s + 1];
      const rg = G - lg;
      const rh = H - lh;
      if (lh >= mcw && rh >= mcw) {
        const loss = Math.fround(Math.fround(sideGain(lg, lh, p) + sideGain(rg, rh, p)) - parentGain);
        if (loss > best.lossChange && loss !== Infinity) {
          best.feature = f;
          best.bin = b;
          best.threshold = c[cutBase + b];
          best.defaultLeft = false;
          best.lossChange = loss;
          best.GL = lg;
          best.HL = lh;
          best.GR = rg;
          best.HR = rh;
        }
      }
    }
    // XGBoost runs the backward scan only when the forward sums miss some of the node (missing values).
    if (cuts.hasMissing[f] === 0 || (lg === G && lh === H)) continue;
    const ms = base + 2 * MISSING_CODE;
    if (hist[ms + 1] === 0 && hist[ms] === 0) continue;
    // Backward: bins b..nb-1 go right, missing and bins < b go left.
    let ag = 0;
    let ah = 0;
    for (let b = nb - 1; b >= 0; b--) {
      const s = base + 2 * b;
      if (hist[s + 1] === 0 && hist[s] === 0) continue;
      ag += hist[s];
      ah += hist[s + 1];
      const lgb = G - ag;
      const lhb = H - ah;
      if (ah >= mcw && lhb >= mcw) {
        const loss = Math.fround(Math.fround(sideGain(ag, ah, p) + sideGain(lgb, lhb, p)) - parentGain);
        if (loss > best.lossChange && loss !== Infinity) {
          best.feature = f;
          best.bin = b - 1;
          best.threshold = b === 0 ? cuts.minValues[f] : c[cutBase + b - 1];
          best.defaultLeft = true;
          best.lossChange = loss;
          best.GL = lgb;
          best.HL = lhb;
          best.GR = ag;
          best.HR = ah;
        }
      }
    }
  }
}

/** Whether a candidate may be applied (XGBoost's IsValid): loss change > 1e-6 and >= gamma, both sides with hessian. */
export function isValidSplit(c: SplitCandidate, p: SplitParams): boolean {
  return c.feature >= 0 && c.lossChange > 1e-6 && c.lossChange >= p.gamma && c.HL !== 0 && c.HR !== 0;
}
