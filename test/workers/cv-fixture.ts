// The data set and runs the harness-in-a-worker tests share, in Node and in Chromium: a seeded
// synthetic set, encoded, and small parameters so that each model fits in well under a second.
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import type {Dataset} from "../../lib/data/types.js";
import type {CvSummary} from "../../lib/eval/cross-validate.js";

/** A 60-user, 40-movie synthetic set with 1,500 ratings (seed 21), cleaned and encoded. */
export function cvDataset(): Dataset {
  return encodeDataset(
    cleanDataset(generateSynthetic({seed: 21, users: 60, movies: 40, ratings: 1500}), {beforeRelease: false}).data
  );
}

/** Models and parameters run in both places: a baseline, neighbours, SGD on WebAssembly, and the GBDT classifier. */
export const CV_RUNS: ReadonlyArray<{model: string; params?: Record<string, unknown>}> = [
  {model: "baseline"},
  {model: "item-knn"},
  {model: "slope-one"},
  {model: "mf", params: {factors: 8, epochs: 5}},
  {
    model: "classifier",
    params: {gbdt: {n_estimators: 8, max_depth: 3, early_stopping_rounds: null}, validationFraction: 0}
  },
  {model: "ease"}
];

/** A summary without its timings, which differ from run to run. */
export function figures(s: CvSummary) {
  return {
    model: s.model,
    metrics: s.metrics,
    folds: s.folds.map(({fitSeconds: _fit, predictSeconds: _predict, ...rest}) => rest)
  };
}
