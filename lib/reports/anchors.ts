/**
 * Published reference figures on ml-100k (from ../shared/docs/anchors.md), kept apart from ours so
 * pages can show them beside our measurements, always labelled as someone else's.
 */

export interface PublishedRating {
  system: string;
  /** The model of ours it corresponds to, when there is one. */
  ours: string | null;
  protocol: string;
  rmse: number;
  mae: number;
  source: string;
}

export interface PublishedRanking {
  system: string;
  ours: string | null;
  protocol: string;
  precision: number;
  recall: number;
  ndcg: number;
  source: string;
}

const SURPRISE = "Surprise README benchmark (5-fold random CV)";

/** Rating-prediction figures published for ml-100k (RMSE and MAE in stars). */
export const PUBLISHED_RATING: readonly PublishedRating[] = [
  {
    system: "Surprise NormalPredictor",
    ours: null,
    protocol: "5-fold random CV",
    rmse: 1.518,
    mae: 1.219,
    source: SURPRISE
  },
  {
    system: "Surprise BaselineOnly",
    ours: "baseline",
    protocol: "5-fold random CV",
    rmse: 0.944,
    mae: 0.748,
    source: SURPRISE
  },
  {
    system: "Surprise KNNBaseline",
    ours: "item-knn",
    protocol: "5-fold random CV",
    rmse: 0.931,
    mae: 0.733,
    source: SURPRISE
  },
  {
    system: "Surprise SlopeOne",
    ours: "slope-one",
    protocol: "5-fold random CV",
    rmse: 0.946,
    mae: 0.743,
    source: SURPRISE
  },
  {system: "Surprise SVD", ours: "mf", protocol: "5-fold random CV", rmse: 0.934, mae: 0.737, source: SURPRISE},
  {system: "Surprise SVD++", ours: "svdpp", protocol: "5-fold random CV", rmse: 0.919, mae: 0.721, source: SURPRISE},
  {system: "Cornac biased MF", ours: null, protocol: "80/20 random", rmse: 0.9, mae: 0.743, source: "Cornac benchmark"},
  {
    system: "GLocal-K (neural)",
    ours: null,
    protocol: "official u1 only",
    rmse: 0.889,
    mae: 0.695,
    source: "GLocal-K paper"
  },
  {
    system: "myFM Bayesian timeSVD++ flipped",
    ours: "bayes-fm",
    protocol: "official u1 only",
    rmse: 0.889,
    mae: 0.7,
    source: "myFM documentation (relation blocks tutorial: rank 10, 300 sweeps)"
  },
  {
    system: "C peer svd_sgd.c (biased MF)",
    ours: "mf",
    protocol: "official u1..u5",
    rmse: 0.938,
    mae: 0.739,
    source: "peer measured on this kind of machine"
  }
];

/** Top-N figures at k = 10 published for ml-100k. */
export const PUBLISHED_RANKING: readonly PublishedRanking[] = [
  {
    system: "SAR",
    ours: null,
    protocol: "Microsoft Recommenders",
    precision: 0.331,
    recall: 0.176,
    ndcg: 0.382,
    source: "Microsoft Recommenders benchmark"
  },
  {
    system: "BPR (Cornac)",
    ours: "bpr",
    protocol: "Microsoft Recommenders",
    precision: 0.388,
    recall: 0.213,
    ndcg: 0.442,
    source: "Microsoft Recommenders benchmark"
  },
  {
    system: "BiVAE (GPU)",
    ours: null,
    protocol: "Microsoft Recommenders",
    precision: 0.412,
    recall: 0.219,
    ndcg: 0.475,
    source: "Microsoft Recommenders benchmark"
  },
  {
    system: "biased SVD",
    ours: "mf",
    protocol: "Microsoft Recommenders",
    precision: 0.091,
    recall: 0.033,
    ndcg: 0.096,
    source: "Microsoft Recommenders benchmark"
  },
  {
    system: "EASE λ = 500 (numpy peer)",
    ours: "ease",
    protocol: "Microsoft protocol, numpy's split",
    precision: 0.425,
    recall: 0.229,
    ndcg: 0.489,
    source: "peer ease_msr.py"
  },
  {
    system: "most popular (peer)",
    ours: "popular",
    protocol: "Microsoft protocol, numpy's split",
    precision: 0.229,
    recall: 0.114,
    ndcg: 0.256,
    source: "peer ease_msr.py"
  }
];
