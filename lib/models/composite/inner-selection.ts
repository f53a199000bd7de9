/**
 * Hyperparameter selection on the training part only. The training ratings are split (seeded)
 * into inner-train and an inner hold-out; each candidate parameter set is fitted on inner-train
 * and scored by RMSE on the hold-out; the lowest wins. Nothing but the TrainSet goes in, so a
 * fold's test ratings cannot influence the choice: run inside each outer fold, this is nested
 * validation, and the outer test RMSE of the chosen model is an honest estimate.
 */
import type {Ratings} from "../../data/types.js";
import {createRng} from "../../random.js";
import type {RatingScale} from "../../data/types.js";
import {isSeeded, predictRatings, type Model, type ParamSpec, type TrainSet} from "../estimator.js";
import {numberParam, seedParam} from "../param-specs.js";
import {fitTimer, sharedFit} from "../fit-cache.js";

/** The seeded inner split of a training set: inner-train to fit on, hold-out to score on. */
export interface InnerSplit {
  inner: TrainSet;
  hold: Ratings;
  /** Row indices (sorted) into the training ratings of each part. */
  innerRows: Int32Array;
  holdRows: Int32Array;
}

export interface SelectionOptions {
  /** Share of the training ratings held out for scoring (0..1, exclusive). */
  holdout: number;
  seed: number;
}

export const SELECTION_DEFAULTS: SelectionOptions = {holdout: 0.2, seed: 42};

/** One candidate's inner score: its parameters, hold-out RMSE (rating units) and inner fit time (s). */
export interface CandidateScore {
  params: Record<string, unknown>;
  rmse: number;
  fitSeconds: number;
}

/** The outcome of a selection, plain data: the chosen parameters and every candidate's score. */
export interface Selection {
  best: Record<string, unknown>;
  bestIndex: number;
  scores: CandidateScore[];
  nInnerTrain: number;
  nHoldout: number;
}

/** Rows `rows` of the ratings columns, as new columns. */
export function ratingRows(r: Ratings, rows: Int32Array): Ratings {
  const n = rows.length;
  const out: Ratings = {
    user: new Int32Array(n),
    movie: new Int32Array(n),
    rating: new Float32Array(n),
    timestamp: new Float64Array(n)
  };
  for (let k = 0; k < n; k++) {
    const j = rows[k];
    out.user[k] = r.user[j];
    out.movie[k] = r.movie[j];
    out.rating[k] = r.rating[j];
    out.timestamp[k] = r.timestamp[j];
  }
  return out;
}

/**
 * Seeded split of the training ratings: round(n · holdout) shuffled rows to the hold-out, the rest
 * to inner-train (both sorted). holdout in (0, 1) and leaving ≥ 2 rows on each side.
 */
export function innerHoldout(train: TrainSet, holdout: number, seed: number): InnerSplit {
  const n = train.ratings.rating.length;
  const nHold = Math.round(n * holdout);
  if (!(holdout > 0 && holdout < 1) || nHold < 2 || n - nHold < 2) {
    throw new RangeError(
      `model selection: holdout ${holdout} of ${n} training ratings leaves nothing to fit or score; expected 0 < holdout < 1 with at least 2 ratings each side`
    );
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  createRng(seed).shuffle(order);
  const holdRows = order.slice(0, nHold).sort(),
    innerRows = order.slice(nHold).sort();
  return {inner: trainSubset(train, innerRows), hold: ratingRows(train.ratings, holdRows), innerRows, holdRows};
}

/** The training set of rows `rows` of train's ratings (sorted indices), its source rows mapped along. */
export function trainSubset(train: TrainSet, rows: Int32Array): TrainSet {
  const source = train.source && {
    dataset: train.source.dataset,
    rows: Int32Array.from(rows, (r) => train.source!.rows[r])
  };
  return {...train, ratings: ratingRows(train.ratings, rows), source};
}

/**
 * Fits every candidate on split.inner and scores it on split.hold. onPredictions, when given,
 * receives each candidate's hold-out predictions (callers that stack models reuse them); keep says
 * whether the fits may be kept for others in a sharingFits scope (see sharedFit).
 */
export function scoreCandidates<P, S extends {scale: RatingScale}>(
  model: Model<P, S>,
  split: InnerSplit,
  candidates: readonly Record<string, unknown>[],
  onPredictions?: (index: number, predicted: Float64Array) => void,
  keep = true
): CandidateScore[] {
  if (candidates.length === 0)
    throw new RangeError(`model selection (${model.name}): no candidates; expected at least one parameter set`);
  const {hold} = split;
  const n = hold.rating.length;
  return candidates.map((params, i) => {
    const fitTime = fitTimer();
    const state = sharedFit(model, split.inner, params, keep);
    const fitSeconds = fitTime();
    // The batch path, so a model that reads more than (user, movie) (the rating's day) is scored as it predicts.
    const predicted = predictRatings(model, state, hold).rating;
    let s = 0;
    for (let k = 0; k < n; k++) s += (predicted[k] - hold.rating[k]) ** 2;
    onPredictions?.(i, predicted);
    return {params: {...params}, rmse: Math.sqrt(s / n), fitSeconds};
  });
}

/** Index of the lowest RMSE (the first on ties, so earlier candidates act as the preferred defaults). */
export function bestIndexOf(scores: readonly CandidateScore[]): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i].rmse < scores[best].rmse) best = i;
  return best;
}

/** Picks the candidate with the lowest RMSE on a seeded inner hold-out of `train` (training ratings only). */
export function selectParams<P, S extends {scale: RatingScale}>(
  model: Model<P, S>,
  train: TrainSet,
  candidates: readonly Record<string, unknown>[],
  options: Partial<SelectionOptions> = {}
): Selection {
  const o = {...SELECTION_DEFAULTS, ...options};
  const split = innerHoldout(train, o.holdout, o.seed);
  const scores = scoreCandidates(model, split, candidates);
  const bestIndex = bestIndexOf(scores);
  return {
    best: scores[bestIndex].params,
    bestIndex,
    scores,
    nInnerTrain: split.innerRows.length,
    nHoldout: split.holdRows.length
  };
}

/**
 * Parameters of a selecting model: the candidates and the inner split, plus any of the model's own
 * parameters, which are fixed for every candidate (a candidate's own values win).
 */
export type SelectedParams<P> = SelectionOptions & {candidates: Record<string, unknown>[]} & Partial<P>;

/** A selecting model's state: the selection (plain data) and the chosen model fitted on all of train. */
export interface SelectedState<S> {
  selection: Selection;
  state: S;
  scale: RatingScale;
}

/** A model that selects its parameters; `base` is the model it selects for (what a blend member uses). */
export interface SelectingModel<P, S extends {scale: RatingScale}> extends Model<SelectedParams<P>, SelectedState<S>> {
  readonly base: Model<P, S>;
}

const SELECTION_PARAMS = {
  holdout: numberParam(0, 1, "share of the training ratings held out to score the candidates"),
  seed: seedParam("the inner split (and of every candidate that takes one)"),
  candidates: {type: "json", description: "parameter sets to choose between, each merged over the model's own"}
} as const satisfies Record<string, ParamSpec>;

/**
 * A model whose fit selects among `candidates` on an inner hold-out of its training part and then
 * refits the winner on the whole training part; predict and scoreAll are the winner's. A seed given
 * to fit seeds the inner split and, when the model takes one, every candidate (so `--seed` reseeds all).
 */
export function withInnerSelection<P, S extends {scale: RatingScale}>(
  model: Model<P, S>,
  candidates: Record<string, unknown>[],
  description: string,
  options: Partial<SelectionOptions> & {
    /**
     * Parameters of the inner fits only (a cheaper fit that ranks the candidates as the full one
     * does, e.g. fewer Gibbs sweeps); a parameter the caller or the candidate sets wins. The winner
     * is refitted without them.
     */
    scoring?: Record<string, unknown>;
  } = {}
): SelectingModel<P, S> {
  const {scoring = {}, ...selectionOptions} = options;
  const defaults = {...SELECTION_DEFAULTS, ...selectionOptions, candidates} as SelectedParams<P>;
  return {
    name: model.name,
    label: model.label,
    description,
    task: model.task,
    blendable: model.blendable,
    slow: true,
    base: model,
    defaults,
    params: {...model.params, ...SELECTION_PARAMS} as SelectingModel<P, S>["params"],
    fit(train, params = {}) {
      const {candidates: grid, holdout, seed, ...fixed} = {...defaults, ...params} as SelectedParams<P>;
      const reseed = params.seed !== undefined && isSeeded(model);
      const full = grid.map((c) => ({...fixed, ...c, ...(reseed ? {seed} : {})}));
      const scored = selectParams(
        model,
        train,
        full.map((c) => ({...scoring, ...c})),
        {holdout, seed}
      );
      const selection = {...scored, best: full[scored.bestIndex]};
      return {selection, state: sharedFit(model, train, selection.best), scale: train.scale};
    },
    estimate: (s, user, movie) => model.estimate(s.state, user, movie),
    scoreAll: (s, user) => model.scoreAll(s.state, user),
    ...(model.predictBatch && {predictBatch: (s, test) => model.predictBatch!(s.state, test)})
  };
}
