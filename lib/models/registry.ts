/**
 * Name → model for the CLI, server and pages. Rating models estimate ratings (movielab cv);
 * ranking models are trained for top-N on implicit feedback (movielab rank); every model can rank.
 */
import type {Model} from "./estimator.js";
import {globalMeanModel} from "./recommenders/global-mean.js";
import {baselineModel} from "./recommenders/baseline-only.js";
import {userKnnModel} from "./recommenders/user-knn.js";
import {itemKnnModel} from "./recommenders/item-knn.js";
import {svdSeedModel} from "./recommenders/svd-seed.js";
import {svdCentredModel} from "./recommenders/svd-centred.js";
import {mfModel} from "./recommenders/mf.js";
import {svdppModel} from "./recommenders/svdpp.js";
import {bpmfSelectedModel} from "./recommenders/bpmf.js";
import {blendModel} from "./recommenders/blend.js";
import {popularModel} from "./recommenders/popular.js";
import {itemKnnImplicitModel} from "./recommenders/item-knn-implicit.js";
import {easeModel} from "./recommenders/ease.js";
import {bprModel} from "./recommenders/bpr.js";

export type ModelTask = "rating" | "ranking";

export interface RegisteredModel {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any, any>;
  task: ModelTask;
  /** One line for help texts and leaderboards. */
  description: string;
}

/** Every model by CLI name, in leaderboard order. */
export const MODELS: Readonly<Record<string, RegisteredModel>> = {
  "global-mean": {model: globalMeanModel, task: "rating", description: "training mean for everyone"},
  baseline: {model: baselineModel, task: "rating", description: "μ + user bias + movie bias, ALS (Surprise BaselineOnly)"},
  "user-knn": {model: userKnnModel, task: "rating", description: "user-based kNN, Pearson-baseline, k = 40 (Surprise KNNBaseline)"},
  "item-knn": {model: itemKnnModel, task: "rating", description: "item-based kNN, Pearson-baseline, k = 40 (Surprise KNNBaseline)"},
  "svd-seed": {model: svdSeedModel, task: "rating", description: "the seed's truncated SVD (k = 50) of the zero-filled matrix"},
  "svd-centred": {model: svdCentredModel, task: "rating", description: "truncated SVD (k = 50) of the user-mean-centred matrix"},
  mf: {model: mfModel, task: "rating", description: "biased MF by SGD, 100 factors, 20 epochs (Surprise SVD)"},
  svdpp: {model: svdppModel, task: "rating", description: "SVD++ with implicit feedback, 20 factors (Surprise SVDpp)"},
  bpmf: {model: bpmfSelectedModel, task: "rating", description: "Bayesian MF by Gibbs sampling (α = 2, posterior mean of 100 samples); factors 5/10/20 chosen on an inner hold-out of training"},
  blend: {model: blendModel, task: "rating", description: "feature-weighted linear stacking of kNN, MF, SVD++, BPMF and baselines; member grids and weights fitted on a held-out part of training"},
  popular: {model: popularModel, task: "ranking", description: "most-rated movies first"},
  "item-knn-implicit": {model: itemKnnImplicitModel, task: "ranking", description: "item kNN on binary feedback, cosine, 100 neighbours"},
  ease: {model: easeModel, task: "ranking", description: "EASE closed-form item model, λ = 500"},
  bpr: {model: bprModel, task: "ranking", description: "BPR pairwise ranking by SGD, 200 factors, 100 epochs (Cornac's settings)"},
};

/** The registered model called `name`; throws listing the known names otherwise. */
export function getModel(name: string): RegisteredModel {
  const m = MODELS[name];
  if (m === undefined) throw new RangeError(`unknown model "${name}"; expected one of ${Object.keys(MODELS).join(", ")}`);
  return m;
}

/** Names of the models for one task, in leaderboard order. */
export function modelNames(task?: ModelTask): string[] {
  return Object.entries(MODELS).filter(([, m]) => task === undefined || m.task === task).map(([n]) => n);
}
