/**
 * Bayesian factorization machine by Gibbs sampling (Freudenthaler, Schmidt-Thieme & Rendle 2011;
 * libFM's MCMC engine; myFM), over the relational design of fm-design.ts: with the day, both
 * implicit-feedback blocks and no side information it is the "Bayesian timeSVD++ flipped" of
 * Rendle, Zhang & Koren 2019 ("On the difficulty of evaluating baselines").
 *
 * ŷ(x) = w0 + Σ_j x_j w_j + Σ_f ½[(Σ_j x_j v_jf)² − Σ_j x_j² v_jf²], y ~ N(ŷ, 1/α).
 * Priors: w_j ~ N(μ_w[g], 1/λ_w[g]) and v_jf ~ N(μ_v[g,f], 1/λ_v[g,f]) per feature group g;
 * μ ~ N(0, 1/(γ0 λ)), λ ~ Gamma(α0/2, β0/2), α ~ Gamma(α0/2, β0/2) with α0 = β0 = γ0 = 1 (libFM's
 * defaults); w0 has a flat prior. No parameter is tuned: the prior's hyperparameters are sampled.
 *
 * Each parameter is drawn from its Gaussian conditional, one at a time, with the residuals e_n and
 * the per-factor sums q_nf kept current. Inside a block (users, movies, days: a day is a block row
 * holding its own column) every rating of a block row moves together, so a block's draws read
 * per-row aggregates (Σe, Σq, Σq², Σqe over the row's ratings) and update them in O(1) per entry; the
 * ratings' e and q are written back once per block and factor, in the pass that gathers the next
 * block's aggregates. Residuals and block sums are recomputed from the parameters every
 * REFRESH_EVERY sweeps, so rounding does not accumulate. The prediction is the posterior mean of ŷ
 * over the sweeps kept after burn-in, so the state keeps, per sample, what a prediction reads: each
 * block row's Σ_j x_j v_j and its own terms.
 */
import {clip, type BatchPrediction, type Model, type TrainSet} from "../estimator.js";
import type {RatingScale, Ratings} from "../../data/types.js";
import {createRng, gammaSample, type Rng} from "../../random.js";
import {isUnknown, knownEstimate} from "../shared.js";
import {booleanParam, integerParam, numberParam, seedParam} from "../param-specs.js";
import {withInnerSelection} from "../composite/inner-selection.js";
import {buildFmDesign, dayColumn, dayOf, type FmDesign, type FmFeatures} from "./fm-design.js";

export interface BayesFmParams extends FmFeatures {
  /** Latent dimensions k. */
  factors: number;
  /** Gibbs sweeps in total, of which the first `burnIn` are discarded. */
  sweeps: number;
  burnIn: number;
  /** Standard deviation of the factors' normal initialisation. */
  initStd: number;
  seed: number;
}

/** What a prediction reads, for every kept sample; arrays are sample-major. */
export interface BayesFmState {
  factors: number;
  samples: number;
  /** w0 of each sample. */
  bias: Float64Array;
  /** Day number of each day column (see fm-design.ts), ascending. */
  days: Int32Array;
  /** samples × days: w of the day. */
  dayWeight: Float32Array;
  /** samples × days × k: v of the day. */
  dayFactors: Float32Array;
  nUsers: number;
  nMovies: number;
  /** samples × nUsers: the user block row's own terms Σ x w + ½Σ_f[(Σ x v)² − Σ x² v²]. */
  userTerm: Float32Array;
  /** samples × nUsers × k: the user block row's Σ x v. */
  userSum: Float32Array;
  /** samples × nMovies: as userTerm, for movies. */
  movieTerm: Float32Array;
  /** samples × nMovies × k: as userSum, for movies. */
  movieSum: Float32Array;
  knownUser: Uint8Array;
  knownMovie: Uint8Array;
  scale: RatingScale;
}

/**
 * Rendle et al.'s timeSVD++ flipped features, 10 factors (myFM's examples use 10); 300 sweeps with 50
 * of burn-in (on ml-100k u1, 100 / 150 / 200 / 300 sweeps gave 0.8865 / 0.8853 / 0.8842 / 0.8832: more
 * sweeps, more posterior samples averaged). Side information is a candidate of the registered model's
 * inner selection, not a default.
 */
export const BAYES_FM_DEFAULTS: BayesFmParams = {
  factors: 10,
  sweeps: 300,
  burnIn: 50,
  date: true,
  implicitUser: true,
  implicitMovie: true,
  side: false,
  initStd: 0.1,
  seed: 42
};

const ALPHA0 = 1,
  BETA0 = 1,
  GAMMA0 = 1;
/** Fields of a block row's record (BlockPlan.agg): count, Σe, Σq, Σq², Σqe, D, dSS, and a pad to 8 (64 bytes). */
const ROW = 8,
  C = 0,
  S = 1,
  Q1 = 2,
  Q2 = 3,
  QE = 4,
  D = 5,
  DSS = 6;
/** Sweeps between recomputations of the residuals and sums from the parameters. */
const REFRESH_EVERY = 10;

/**
 * One block of the design as the sweep reads it: the block row of each rating, the rows' entries by
 * row and by column, and scratch per block row (aggregates over the row's ratings, moves of a draw).
 */
interface BlockPlan {
  nRows: number;
  /** Block row of each rating (in the sampler's order). */
  rowOf: Int32Array;
  /** CSR by block row over global feature columns. */
  indptr: Int32Array;
  columns: Int32Array;
  values: Float64Array;
  /** This block's feature columns, ascending; CSC over them: column c's entries are colPtr[c]..colPtr[c+1]. */
  colList: Int32Array;
  colPtr: Int32Array;
  colRow: Int32Array;
  colVal: Float64Array;
  /**
   * Per block row, one record of ROW fields (one cache line): the row's rating count, then over its
   * ratings Σe, Σq, Σq², Σqe (for the factor being drawn), then what the block's draws moved: q by D,
   * Σx²v² by dSS.
   */
  agg: Float64Array;
}

/** A block's plan: its rows' rating counts, its entries by column, and zeroed aggregates. */
function planBlock(
  nRows: number,
  indptr: Int32Array,
  columns: Int32Array,
  values: Float64Array,
  rowOf: Int32Array
): BlockPlan {
  const agg = new Float64Array(nRows * ROW);
  for (let r = 0; r < rowOf.length; r++) agg[rowOf[r] * ROW + C]++;
  const seen = new Map<number, number>();
  for (const c of columns) seen.set(c, (seen.get(c) ?? 0) + 1);
  const colList = Int32Array.from(seen.keys()).sort();
  const slot = new Map<number, number>();
  colList.forEach((c, i) => slot.set(c, i));
  const colPtr = new Int32Array(colList.length + 1);
  for (let i = 0; i < colList.length; i++) colPtr[i + 1] = colPtr[i] + (seen.get(colList[i]) ?? 0);
  const fill = colPtr.slice(0, colList.length);
  const colRow = new Int32Array(columns.length),
    colVal = new Float64Array(columns.length);
  for (let r = 0; r < nRows; r++) {
    for (let p = indptr[r]; p < indptr[r + 1]; p++) {
      const at = fill[slot.get(columns[p]) as number]++;
      colRow[at] = r;
      colVal[at] = values[p];
    }
  }
  return {nRows, rowOf, indptr, columns, values, colList, colPtr, colRow, colVal, agg};
}

/** Zeroes fields from..to-1 of every record. */
function clearFields(agg: Float64Array, from: number, to: number): void {
  for (let at = 0; at < agg.length; at += ROW) for (let f = from; f < to; f++) agg[at + f] = 0;
}

/** A draw from the Gaussian conditional of one parameter: precision α·Σh² + λ, mean (α·Σh·(e + θh) + λμ) / precision. */
function drawGaussian(rng: Rng, alpha: number, sumHe: number, sumH2: number, lambda: number, mu: number): number {
  const precision = alpha * sumH2 + lambda;
  return (alpha * sumHe + lambda * mu) / precision + rng.normal() / Math.sqrt(precision);
}

/** The ratings sorted by user (then as given), so the user block's rows are runs and its sums stream. */
function byUser(r: Ratings): Ratings {
  const order = Int32Array.from({length: r.user.length}, (_, i) => i).sort((a, b) => r.user[a] - r.user[b] || a - b);
  return {
    user: Int32Array.from(order, (i) => r.user[i]),
    movie: Int32Array.from(order, (i) => r.movie[i]),
    rating: Float32Array.from(order, (i) => r.rating[i]),
    timestamp: Float64Array.from(order, (i) => r.timestamp[i])
  };
}

/**
 * The sampler's working state: parameters, hyperparameters and the per-rating caches. Blocks are the
 * users', the movies' and (with the day feature) the days': a day is a block row holding its own column.
 */
export class BayesFmSampler {
  readonly k: number;
  readonly n: number;
  /** The training ratings in the sampler's order (sorted by user); e and q follow it. */
  readonly ratings: Ratings;
  readonly y: Float64Array;
  /** Residual y − ŷ of each rating. */
  readonly e: Float64Array;
  /** q[f·n + r]: Σ_j x_j v_jf of rating r, factor-major. */
  readonly q: Float64Array;
  w0 = 0;
  alpha = 1;
  readonly w: Float64Array;
  readonly v: Float64Array;
  readonly muW: Float64Array;
  readonly lamW: Float64Array;
  readonly muV: Float64Array;
  readonly lamV: Float64Array;
  /** The user block, the movie block, then the day block when the design has days. */
  readonly plans: BlockPlan[];
  /** Per block: Σ x v (rows × k), Σ x w (rows), Σ x² v² (rows × k), recomputed from the parameters. */
  readonly sums: Float64Array[];
  readonly lins: Float64Array[];
  readonly squares: Float64Array[];
  readonly nGroups: number;
  /** 1 for the columns some rating reads (hyperpriors are drawn over these only). */
  readonly active: Uint8Array;
  /** Sweeps done. */
  swept = 0;

  constructor(
    readonly design: FmDesign,
    ratings: Ratings,
    k: number,
    initStd: number,
    readonly rng: Rng
  ) {
    this.k = k;
    const sorted = (this.ratings = byUser(ratings));
    const n = (this.n = sorted.rating.length);
    this.y = Float64Array.from(sorted.rating);
    this.e = new Float64Array(n);
    this.q = new Float64Array(n * k);
    const nF = design.nFeatures;
    this.w = new Float64Array(nF);
    this.v = new Float64Array(nF * k);
    for (let x = 0; x < this.v.length; x++) this.v[x] = initStd * rng.normal();
    this.nGroups = design.groupNames.length;
    this.muW = new Float64Array(this.nGroups);
    this.lamW = new Float64Array(this.nGroups).fill(1);
    this.muV = new Float64Array(this.nGroups * k);
    this.lamV = new Float64Array(this.nGroups * k).fill(1);
    const [users, movies] = design.blocks;
    this.plans = [
      planBlock(users.nRows, users.indptr, users.columns, users.values, sorted.user),
      planBlock(movies.nRows, movies.indptr, movies.columns, movies.values, sorted.movie)
    ];
    const nD = design.days.length;
    if (nD > 0) {
      const dayOfRow = Int32Array.from(sorted.timestamp, (t) => dayColumn(design.days, dayOf(t)));
      const indptr = Int32Array.from({length: nD + 1}, (_, d) => d);
      const columns = Int32Array.from({length: nD}, (_, d) => d);
      this.plans.push(planBlock(nD, indptr, columns, new Float64Array(nD).fill(1), dayOfRow));
    }
    this.active = new Uint8Array(nF);
    for (const plan of this.plans) for (const j of plan.colList) this.active[j] = 1;
    this.sums = this.plans.map((p) => new Float64Array(p.nRows * k));
    this.lins = this.plans.map((p) => new Float64Array(p.nRows));
    this.squares = this.plans.map((p) => new Float64Array(p.nRows * k));
    let mean = 0;
    for (let r = 0; r < n; r++) mean += this.y[r];
    this.w0 = n > 0 ? mean / n : 0;
  }

  /** Each block row's Σ x v, Σ x w and Σ x² v² from the current parameters. */
  blockRows(): void {
    const {k, w, v} = this;
    this.plans.forEach((plan, b) => {
      const sum = this.sums[b].fill(0),
        lin = this.lins[b].fill(0),
        sq = this.squares[b].fill(0);
      for (let r = 0; r < plan.nRows; r++) {
        for (let p = plan.indptr[r]; p < plan.indptr[r + 1]; p++) {
          const j = plan.columns[p],
            x = plan.values[p];
          lin[r] += x * w[j];
          for (let f = 0; f < k; f++) {
            const xv = x * v[j * k + f];
            sum[r * k + f] += xv;
            sq[r * k + f] += xv * xv;
          }
        }
      }
    });
  }

  /** Recomputes every rating's q and residual from the parameters (start of a sweep). */
  refresh(): void {
    this.blockRows();
    const {k, n, q, e, y, plans} = this;
    const B = plans.length;
    for (let r = 0; r < n; r++) {
      let yhat = this.w0;
      for (let b = 0; b < B; b++) yhat += this.lins[b][plans[b].rowOf[r]];
      for (let f = 0; f < k; f++) {
        let s = 0,
          sq = 0;
        for (let b = 0; b < B; b++) {
          const at = plans[b].rowOf[r] * k + f;
          s += this.sums[b][at];
          sq += this.squares[b][at];
        }
        q[f * n + r] = s;
        yhat += 0.5 * (s * s - sq);
      }
      e[r] = y[r] - yhat;
    }
  }

  drawAlpha(): void {
    let ss = 0;
    for (let r = 0; r < this.n; r++) ss += this.e[r] * this.e[r];
    this.alpha = gammaSample(this.rng, (ALPHA0 + this.n) / 2) / ((BETA0 + ss) / 2);
  }

  drawBias(): void {
    const {e, n} = this;
    let se = 0;
    for (let r = 0; r < n; r++) se += e[r];
    const next = drawGaussian(this.rng, this.alpha, se + this.w0 * n, n, 0, 0);
    const delta = next - this.w0;
    for (let r = 0; r < n; r++) e[r] -= delta;
    this.w0 = next;
  }

  /** λ then μ of each group, over the active columns' values[j·stride + offset]; mu and lam at g·stride + offset. */
  drawHyper(values: Float64Array, stride: number, offset: number, mu: Float64Array, lam: Float64Array): void {
    const G = this.nGroups,
      group = this.design.group;
    const count = new Float64Array(G),
      sum = new Float64Array(G),
      dev = new Float64Array(G);
    for (let j = 0; j < group.length; j++) {
      if (!this.active[j]) continue;
      const g = group[j],
        x = values[j * stride + offset];
      count[g]++;
      sum[g] += x;
      const d = x - mu[g * stride + offset];
      dev[g] += d * d;
    }
    for (let g = 0; g < G; g++) {
      const at = g * stride + offset,
        m = mu[at];
      const l = gammaSample(this.rng, (ALPHA0 + count[g] + 1) / 2) / ((BETA0 + dev[g] + GAMMA0 * m * m) / 2);
      lam[at] = l;
      const n = count[g] + GAMMA0;
      mu[at] = sum[g] / n + this.rng.normal() / Math.sqrt(l * n);
    }
  }

  /** Draws every linear weight, block by block, through each block row's sum of residuals. */
  drawLinear(): void {
    const {e, w, alpha, rng, n} = this;
    const group = this.design.group;
    this.plans.forEach((plan, b) => {
      const {agg, rowOf, colPtr, colRow, colVal} = plan;
      clearFields(agg, S, D + 1);
      for (let r = 0; r < n; r++) agg[rowOf[r] * ROW + S] += e[r];
      for (let c = 0; c < plan.colList.length; c++) {
        const j = plan.colList[c],
          g = group[j];
        let she = 0,
          sh2 = 0;
        for (let p = colPtr[c]; p < colPtr[c + 1]; p++) {
          const at = colRow[p] * ROW,
            x = colVal[p];
          she += x * agg[at + S];
          sh2 += x * x * agg[at + C];
        }
        const old = w[j];
        const next = drawGaussian(rng, alpha, she + old * sh2, sh2, this.lamW[g], this.muW[g]);
        const delta = next - old;
        for (let p = colPtr[c]; p < colPtr[c + 1]; p++) {
          const at = colRow[p] * ROW,
            x = colVal[p];
          agg[at + S] -= delta * x * agg[at + C];
          agg[at + D] += delta * x;
        }
        w[j] = next;
      }
      for (let r = 0; r < n; r++) e[r] -= agg[rowOf[r] * ROW + D];
      const lin = this.lins[b];
      for (let r = 0; r < plan.nRows; r++) lin[r] += agg[r * ROW + D];
    });
  }

  /**
   * The moves of block `write`'s draws of factor fw reach each rating (its f-term ½(q² − Σx²v²) moved
   * by D·q + ½D² − ½ΔΣx²v², its q by D); then every rating joins block `gather`'s row aggregates for
   * factor fg. Either side may be absent (null).
   */
  pass(write: BlockPlan | null, fw: number, gather: BlockPlan | null, fg: number): void {
    const {e, n, q} = this;
    if (write && gather) {
      // Both in one loop: each rating's e and q are read once.
      const qw = q.subarray(fw * n, (fw + 1) * n),
        qg = q.subarray(fg * n, (fg + 1) * n),
        wRow = write.rowOf,
        wAgg = write.agg,
        gRow = gather.rowOf,
        gAgg = gather.agg;
      clearFields(gAgg, S, QE + 1);
      for (let r = 0; r < n; r++) {
        const at = wRow[r] * ROW,
          d = wAgg[at + D],
          ds = wAgg[at + DSS];
        let er = e[r];
        if (d !== 0 || ds !== 0) {
          const s = qw[r];
          er -= d * s + 0.5 * d * d - 0.5 * ds;
          e[r] = er;
          qw[r] = s + d;
        }
        const to = gRow[r] * ROW,
          s = qg[r];
        gAgg[to + S] += er;
        gAgg[to + Q1] += s;
        gAgg[to + Q2] += s * s;
        gAgg[to + QE] += s * er;
      }
      return;
    }
    if (write) {
      const qw = q.subarray(fw * n, (fw + 1) * n),
        {rowOf, agg} = write;
      for (let r = 0; r < n; r++) {
        const at = rowOf[r] * ROW,
          d = agg[at + D],
          ds = agg[at + DSS];
        if (d !== 0 || ds !== 0) {
          const s = qw[r];
          e[r] -= d * s + 0.5 * d * d - 0.5 * ds;
          qw[r] = s + d;
        }
      }
    }
    if (gather) {
      const qg = q.subarray(fg * n, (fg + 1) * n),
        {rowOf, agg} = gather;
      clearFields(agg, S, QE + 1);
      for (let r = 0; r < n; r++) {
        const at = rowOf[r] * ROW,
          s = qg[r],
          er = e[r];
        agg[at + S] += er;
        agg[at + Q1] += s;
        agg[at + Q2] += s * s;
        agg[at + QE] += s * er;
      }
    }
  }

  /** Draws factor f of every column of one block from the block rows' aggregates, keeping them current. */
  drawColumns(plan: BlockPlan, f: number): void {
    const {v, k, alpha, rng} = this;
    const group = this.design.group;
    const {agg, colPtr, colRow, colVal} = plan;
    clearFields(agg, D, DSS + 1);
    for (let c = 0; c < plan.colList.length; c++) {
      const j = plan.colList[c],
        g = group[j],
        old = v[j * k + f];
      let she = 0,
        sh2 = 0;
      for (let p = colPtr[c]; p < colPtr[c + 1]; p++) {
        const at = colRow[p] * ROW,
          x = colVal[p],
          xv = x * old;
        // h = x(q − x·v) for each rating of the row: Σh·e and Σh² from the row's aggregates.
        she += x * (agg[at + QE] - xv * agg[at + S]);
        sh2 += x * x * (agg[at + Q2] - 2 * xv * agg[at + Q1] + xv * xv * agg[at + C]);
      }
      const next = drawGaussian(rng, alpha, she + old * sh2, sh2, this.lamV[g * k + f], this.muV[g * k + f]);
      const delta = next - old;
      if (delta !== 0) {
        const dss = next * next - old * old;
        for (let p = colPtr[c]; p < colPtr[c + 1]; p++) {
          const at = colRow[p] * ROW,
            x = colVal[p];
          const dq = delta * x,
            xv = x * old,
            cnt = agg[at + C],
            s0 = agg[at + S],
            q1 = agg[at + Q1],
            q2 = agg[at + Q2];
          // Each rating of the row: e −= dq·(q − x·v_old), then q += dq; the aggregates follow.
          const dS = -dq * (q1 - xv * cnt);
          const sumQEps = -dq * (q2 - xv * q1);
          agg[at + QE] += dq * s0 + sumQEps + dq * dS;
          agg[at + S] = s0 + dS;
          agg[at + Q2] = q2 + 2 * dq * q1 + dq * dq * cnt;
          agg[at + Q1] = q1 + dq * cnt;
          agg[at + D] += dq;
          agg[at + DSS] += x * x * dss;
        }
      }
      v[j * k + f] = next;
    }
  }

  /** One Gibbs sweep: α, w0, the linear weights' hyperpriors and weights, then factor by factor, block by block. */
  sweep(): void {
    // Everything is kept current draw by draw; recomputing from the parameters now and then stops rounding drift.
    if (this.swept % REFRESH_EVERY === 0) this.refresh();
    this.drawAlpha();
    this.drawBias();
    this.drawHyper(this.w, 1, 0, this.muW, this.lamW);
    this.drawLinear();
    for (let f = 0; f < this.k; f++) this.drawHyper(this.v, this.k, f, this.muV, this.lamV);
    // Each pass writes back one block's draws, then gathers the next block's aggregates.
    let written: BlockPlan | null = null,
      fw = 0;
    for (let f = 0; f < this.k; f++) {
      this.plans.forEach((plan, b) => {
        this.pass(written, fw, plan, f);
        this.drawColumns(plan, f);
        // The block rows' Σxv and Σx²v² follow the draws, so a kept sample needs no recomputation.
        const sum = this.sums[b],
          sq = this.squares[b],
          k = this.k;
        for (let r = 0; r < plan.nRows; r++) {
          sum[r * k + f] += plan.agg[r * ROW + D];
          sq[r * k + f] += plan.agg[r * ROW + DSS];
        }
        written = plan;
        fw = f;
      });
    }
    this.pass(written, fw, null, 0);
    this.swept++;
  }
}

/** Runs the sampler and keeps, for each sweep after burn-in, what a prediction reads. */
export function fitBayesFm(train: TrainSet, params: Partial<BayesFmParams> = {}): BayesFmState {
  const p = {...BAYES_FM_DEFAULTS, ...params};
  if (!(p.sweeps > p.burnIn && p.burnIn >= 0))
    throw new RangeError(`bayes-fm: sweeps ${p.sweeps}, burnIn ${p.burnIn}; expected sweeps > burnIn ≥ 0`);
  const k = p.factors;
  const design = buildFmDesign(train, p);
  const sampler = new BayesFmSampler(design, train.ratings, k, p.initStd, createRng(p.seed));
  const kept = p.sweeps - p.burnIn,
    nD = design.days.length,
    nU = train.nUsers,
    nM = train.nMovies;
  const state: BayesFmState = {
    factors: k,
    samples: kept,
    bias: new Float64Array(kept),
    days: design.days,
    dayWeight: new Float32Array(kept * nD),
    dayFactors: new Float32Array(kept * nD * k),
    nUsers: nU,
    nMovies: nM,
    userTerm: new Float32Array(kept * nU),
    userSum: new Float32Array(kept * nU * k),
    movieTerm: new Float32Array(kept * nM),
    movieSum: new Float32Array(kept * nM * k),
    knownUser: new Uint8Array(0),
    knownMovie: new Uint8Array(0),
    scale: train.scale
  };
  for (let s = 0; s < p.sweeps; s++) {
    sampler.sweep();
    if (s >= p.burnIn) keepSample(sampler, state, s - p.burnIn);
  }
  // Who was seen in training is already counted in the blocks' records (no rating matrices to build).
  const [users, movies] = sampler.plans;
  state.knownUser = Uint8Array.from({length: nU}, (_, u) => (users.agg[u * ROW + C] > 0 ? 1 : 0));
  state.knownMovie = Uint8Array.from({length: nM}, (_, m) => (movies.agg[m * ROW + C] > 0 ? 1 : 0));
  return state;
}

/** Writes sample t's bias, day parameters and block rows' sums and own terms into the state. */
function keepSample(sampler: BayesFmSampler, state: BayesFmState, t: number): void {
  const k = sampler.k;
  state.bias[t] = sampler.w0;
  const targets: Array<[Float32Array, Float32Array]> = [
    [state.userTerm, state.userSum],
    [state.movieTerm, state.movieSum],
    [state.dayWeight, state.dayFactors]
  ];
  // A day row holds only its own column, so its own term is w_d and its sum v_d.
  sampler.plans.forEach((plan, b) => {
    const [term, sum] = targets[b];
    const R = plan.nRows,
      s = sampler.sums[b],
      sq = sampler.squares[b],
      lin = sampler.lins[b];
    for (let r = 0; r < R; r++) {
      let own = lin[r];
      for (let f = 0; f < k; f++) own += 0.5 * (s[r * k + f] * s[r * k + f] - sq[r * k + f]);
      term[t * R + r] = own;
    }
    sum.set(s, t * R * k);
  });
}

/** Posterior-mean ŷ of (user, movie) on day column `day` (-1: no day term), unclipped. */
export function bayesFmEstimate(s: BayesFmState, user: number, movie: number, day = -1): number {
  const k = s.factors,
    nU = s.nUsers,
    nM = s.nMovies,
    nD = s.days.length;
  const hasUser = user >= 0 && user < nU,
    hasMovie = movie >= 0 && movie < nM;
  let acc = 0;
  for (let t = 0; t < s.samples; t++) {
    let y = s.bias[t];
    const uo = (t * nU + user) * k,
      mo = (t * nM + movie) * k,
      dd = (t * nD + day) * k;
    if (hasUser) y += s.userTerm[t * nU + user];
    if (hasMovie) y += s.movieTerm[t * nM + movie];
    for (let f = 0; f < k; f++) {
      const a = hasUser ? s.userSum[uo + f] : 0,
        b = hasMovie ? s.movieSum[mo + f] : 0;
      y += a * b;
      if (day >= 0) y += s.dayFactors[dd + f] * (a + b);
    }
    if (day >= 0) y += s.dayWeight[t * nD + day];
    acc += y;
  }
  return acc / s.samples;
}

/** Predictions of test ratings with their day (a day the training part never saw gets no day term). */
function bayesFmBatch(s: BayesFmState, test: Ratings): BatchPrediction {
  const n = test.rating.length;
  const rating = new Float64Array(n),
    fallback = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const u = test.user[r],
      m = test.movie[r];
    const day = s.days.length > 0 ? dayColumn(s.days, dayOf(test.timestamp[r])) : -1;
    rating[r] = clip(bayesFmEstimate(s, u, m, day), s.scale);
    fallback[r] = isUnknown(s.knownUser, s.knownMovie, u, m) ? 1 : 0;
  }
  return {rating, fallback};
}

export const bayesFmModel: Model<BayesFmParams, BayesFmState> = {
  name: "bayes-fm",
  label: "Bayesian FM",
  description:
    "Bayesian factorization machine by Gibbs sampling (libFM's MCMC) over the day and implicit user and movie features: Bayesian timeSVD++ flipped",
  task: "rating",
  // Not a blend member: the blend predicts pair by pair, without the rating's day this model reads.
  blendable: false,
  defaults: BAYES_FM_DEFAULTS,
  params: {
    factors: integerParam(1, 200, "latent dimensions k"),
    sweeps: integerParam(1, 10000, "Gibbs sweeps in total"),
    burnIn: integerParam(0, 10000, "first sweeps discarded (fewer than sweeps)"),
    date: booleanParam("the day of the rating as a categorical feature"),
    implicitUser: booleanParam("the movies the user rated, |N(u)|^-½ each (SVD++)"),
    implicitMovie: booleanParam("the users who rated the movie, |N(i)|^-½ each (flipped)"),
    side: booleanParam("gender, age band, occupation, genres and release decade"),
    initStd: numberParam(0, 10, "standard deviation of the factors' normal initialisation"),
    seed: seedParam("the sampler")
  },
  fit: fitBayesFm,
  estimate: (s, user, movie) => knownEstimate(s, user, movie, bayesFmEstimate(s, user, movie)),
  predictBatch: bayesFmBatch,
  scoreAll(s, user) {
    const out = new Float32Array(s.nMovies);
    for (let m = 0; m < out.length; m++) out[m] = bayesFmEstimate(s, user, m);
    return out;
  }
};

/** Feature sets the registered model chooses between on an inner hold-out of each training part. */
export const BAYES_FM_CANDIDATES: Array<Partial<BayesFmParams>> = [{side: false}, {side: true}];

/** The inner fits that rank the candidates: a third of the sweeps (on u1 and u2 they rank the two feature sets as 300 do). */
export const BAYES_FM_SCORING: Partial<BayesFmParams> = {sweeps: 100, burnIn: 20};

/** The Bayesian FM with or without side information, chosen on a seeded 20% inner hold-out of the training part. */
export const bayesFmSelectedModel = withInnerSelection(
  bayesFmModel,
  BAYES_FM_CANDIDATES,
  "Bayesian factorization machine by Gibbs sampling (libFM's MCMC): Bayesian timeSVD++ flipped (day, implicit user and movie features), with or without demographics, genres and decade as chosen on an inner hold-out of training",
  {scoring: BAYES_FM_SCORING}
);
