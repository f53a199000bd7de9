/**
 * The site build's budgets: how much of a data set each heavy loader runs on, so that the site
 * builds at any size (ml-100k to ml-32m) on a 2-core machine. A set within a budget runs whole and
 * every figure is as before; a larger one runs on a seeded, stated sample (lib/data/sample.ts),
 * and the page says what was sampled and why.
 *
 * The caps come from measured cost on this project's 2-core machines (ml-100k, 100k ratings):
 * classifier CV ~25 s of CPU per fold, the rating leaderboard ~60 s for all models on 5 folds,
 * the ranking curves ~40 s; each grows at least linearly with ratings (BPMF, the blend, kNN and
 * EASE faster). 120,000 ratings keeps ml-100k and ml-latest-small whole and a 1M-rating build near
 * the ml-100k build's time; 4,000 movies bounds EASE's dense movie × movie solve (O(n³): 30–150 s at 4,000 on a 2-core machine, measured); Slope One's 6,000 bounds the rating models' movie × movie
 * matrices (a 25M-rating build's user sample rates ~31,000 movies: 15 GB of them, measured OOM).
 */

import {MAX_MOVIES as SLOPE_ONE_MAX_MOVIES} from "../models/neighbours/slope-one.js";

/** How much one loader's heavy step may use. */
export interface Budget {
  /** Ratings the step runs on at most (a seeded user sample beyond). */
  maxRatings: number;
  /** Movies the step keeps at most (the most-rated), for movie × movie models. */
  maxMovies?: number;
  /** Seed of the user sample. */
  seed: number;
  /** Why this cap, as the page says it. */
  why: string;
}

const RATINGS = 120_000;

/** Every heavy loader's budget, by the data file it writes. */
export const BUDGETS = {
  "classifier-cv": {
    maxRatings: RATINGS,
    seed: 7,
    why: "each fold fits the tuned classifier (hundreds of boosted trees over every training rating)"
  },
  "classifier-holdout": {
    maxRatings: RATINGS,
    seed: 7,
    why: "the hold-out fits the tuned classifier with inner validation"
  },
  "classifier-sample": {
    maxRatings: RATINGS,
    seed: 7,
    why: "the retrain sample is drawn from the Training page's hold-out split, which is sampled"
  },
  model: {
    maxRatings: RATINGS,
    maxMovies: 4_000,
    seed: 7,
    why: "the page's model is shipped to the browser with each user's ratings, so its size must not grow with the data set"
  },
  "recommender-comparison": {
    maxRatings: RATINGS,
    // Slope One and item-kNN hold dense movie × movie matrices; Slope One refuses more than its MAX_MOVIES.
    maxMovies: SLOPE_ONE_MAX_MOVIES,
    seed: 7,
    why: "every rating model of the registry runs on five folds, BPMF, the Bayesian FM, the blend and SVD++ cost minutes per fold at full size, and Slope One and item-kNN hold movie × movie matrices"
  },
  "recommender-ranking": {
    maxRatings: RATINGS,
    maxMovies: 4_000,
    seed: 7,
    why: "EASE solves a dense movie × movie system and every model scores every unseen movie of every test user"
  },
  "recommender-users": {
    maxRatings: RATINGS,
    maxMovies: 4_000,
    seed: 7,
    why: "each explainable model is fitted on the whole sample, EASE and item-kNN over movie × movie"
  }
} as const satisfies Record<string, Budget>;

/** The loaders that declare a budget. */
export type BudgetName = keyof typeof BUDGETS;
