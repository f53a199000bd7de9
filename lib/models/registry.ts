/**
 * The only list of models. The CLI (help, `movielab cv`, `movielab rank`), the pages' loaders, the blend
 * (its members), the bundle (its rankers) and explanations all read it. Adding a model is one file,
 * its test and one line below; it then shows up everywhere its declarations say it can (see
 * CONTRIBUTING.md). Order here is leaderboard order.
 */
import type {AnyModel, ModelTask} from "./estimator.js";
import {globalMeanModel} from "./baselines/global-mean.js";
import {baselineModel} from "./baselines/baseline-only.js";
import {userKnnModel} from "./neighbours/user-knn.js";
import {itemKnnModel} from "./neighbours/item-knn.js";
import {slopeOneModel} from "./neighbours/slope-one.js";
import {svdSeedModel} from "./factors/svd-seed.js";
import {svdCentredModel} from "./factors/svd-centred.js";
import {mfModel} from "./factors/mf.js";
import {svdppModel} from "./factors/svdpp.js";
import {bpmfSelectedModel} from "./factors/bpmf.js";
import {bayesFmSelectedModel} from "./factors/bayes-fm.js";
import {createBlendModel} from "./composite/blend.js";
import {createRankBlendModel} from "./composite/rank-blend.js";
import {classifierModel} from "./classifier/model.js";
import {popularModel} from "./baselines/popular.js";
import {itemKnnImplicitModel} from "./implicit/item-knn-implicit.js";
import {easeModel} from "./implicit/ease.js";
import {bprModel} from "./implicit/bpr.js";
import {rp3betaModel} from "./implicit/rp3beta.js";
import {ialsModel} from "./implicit/ials.js";

const blendModel = createBlendModel(
  blendMember,
  "feature-weighted linear stacking of kNN, MF, SVD++, BPMF and baselines; member grids and weights fitted on a held-out part of training"
);

const rankBlendModel = createRankBlendModel(
  rankMember,
  "ranking blend of EASE and iALS: per-user standardised scores, iALS's weight chosen on an inner split of training"
);

const LIST: readonly AnyModel[] = [
  globalMeanModel,
  baselineModel,
  userKnnModel,
  itemKnnModel,
  slopeOneModel,
  svdSeedModel,
  svdCentredModel,
  mfModel,
  svdppModel,
  bpmfSelectedModel,
  bayesFmSelectedModel,
  blendModel,
  classifierModel,
  popularModel,
  itemKnnImplicitModel,
  easeModel,
  rp3betaModel,
  bprModel,
  ialsModel,
  rankBlendModel
];

/** Every model by name, in leaderboard order. */
export const MODELS: Readonly<Record<string, AnyModel>> = Object.freeze(
  Object.fromEntries(LIST.map((m) => [m.name, m]))
);

/** The registered model called `name`; throws listing the known names otherwise. */
export function getModel(name: string): AnyModel {
  const m = Object.hasOwn(MODELS, name) ? MODELS[name] : undefined;
  if (m === undefined)
    throw new RangeError(`unknown model "${name}"; expected one of ${Object.keys(MODELS).join(", ")}`);
  return m;
}

/** Names of the models for one task, in leaderboard order. */
export function modelNames(task?: ModelTask): string[] {
  return LIST.filter((m) => task === undefined || m.task === task).map((m) => m.name);
}

/** Names of the rating models that declare themselves blend members. */
export function blendableNames(): string[] {
  return LIST.filter((m) => m.blendable && m.task === "rating").map((m) => m.name);
}

/** Names of the models that explain their scores ("because you rated …"). */
export function explainableNames(): string[] {
  return LIST.filter((m) => m.explain !== undefined).map((m) => m.name);
}

/** Names of the item–item rankers a model bundle can carry (models with itemWeights), in alphabetical order. */
export function itemRankerNames(): string[] {
  return LIST.filter((m) => m.itemWeights !== undefined)
    .map((m) => m.name)
    .sort();
}

/** The model a blend member name stands for: a blendable rating model, unwrapped from its own parameter selection (the blend selects). */
function blendMember(name: string): AnyModel {
  const m = Object.hasOwn(MODELS, name) ? MODELS[name] : undefined;
  if (m === undefined || !m.blendable || m.task !== "rating") {
    throw new RangeError(`blend: unknown member "${name}"; expected one of ${blendableNames().join(", ")}`);
  }
  return "base" in m ? (m.base as AnyModel) : m;
}

/** The model a ranking blend member name stands for: any registered model but the ranking blend itself. */
function rankMember(name: string): AnyModel {
  const m = Object.hasOwn(MODELS, name) ? MODELS[name] : undefined;
  if (m === undefined || m.name === "rank-blend")
    throw new RangeError(
      `rank-blend: unknown member "${name}"; expected one of ${Object.keys(MODELS)
        .filter((n) => n !== "rank-blend")
        .join(", ")}`
    );
  return m;
}
