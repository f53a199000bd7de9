/** The simplest rating model: every prediction is the training mean (Surprise's reference point). */
import type {Model} from "../estimator.js";
import type {RatingScale} from "../../data/types.js";
import {globalMean} from "../shared.js";

export type GlobalMeanParams = Record<string, never>;

export interface GlobalMeanState {
  mean: number;
  nMovies: number;
  scale: RatingScale;
}

/** Predicts the training mean for every user and movie; never a fallback (it ignores both). */
export const globalMeanModel: Model<GlobalMeanParams, GlobalMeanState> = {
  name: "global-mean",
  label: "global mean",
  description: "training mean for everyone",
  task: "rating",
  defaults: {},
  params: {},
  fit(train) {
    return {mean: globalMean(train), nMovies: train.nMovies, scale: train.scale};
  },
  estimate: (state) => ({value: state.mean, fallback: false}),
  scoreAll(state) {
    return new Float32Array(state.nMovies).fill(state.mean);
  }
};
