import {describe, expect, it} from "vitest";
import {evaluateRanking, datasetRankingSplit} from "../../lib/eval/evaluate-ranking.js";
import {rankingIntervals, rankingVersusBest} from "../../lib/eval/ranking-intervals.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import {popularModel} from "../../lib/models/baselines/popular.js";
import {rankingLeaderboard} from "../../lib/reports/ranking-leaderboard.js";
import {globalMeanModel} from "../../lib/models/baselines/global-mean.js";

describe("ranking intervals and paired comparison", () => {
  const dataset = encodeDataset(generateSynthetic({users: 120, movies: 60, ratings: 3000, seed: 5}));
  const split = datasetRankingSplit(dataset, 3);
  const popular = evaluateRanking(popularModel, split, [5]);
  // Every movie scores the same: the list is the unseen movies in index order, close to a random pick.
  const random = evaluateRanking(globalMeanModel, split, [5]);

  it("brackets each per-user metric's mean with a seeded bootstrap interval", () => {
    const iv = rankingIntervals(popular.perUser!.byK[0]);
    const again = rankingIntervals(popular.perUser!.byK[0]);
    expect(iv).toEqual(again);
    for (const [m, s] of [
      ["ndcg", popular.byK[0].ndcg],
      ["map", popular.byK[0].map],
      ["novelty", popular.byK[0].novelty],
      ["diversity", popular.byK[0].diversity]
    ] as const) {
      expect(iv[m]!.estimate).toBeCloseTo(s, 12);
      expect(iv[m]!.lo).toBeLessThanOrEqual(s);
      expect(iv[m]!.hi).toBeGreaterThanOrEqual(s);
      expect(iv[m]!.method).toBe("bootstrap");
    }
  });

  it("tests each model against the best on the same users", () => {
    const c = rankingVersusBest(
      [
        {name: "popular", perUser: popular.perUser!},
        {name: "random", perUser: random.perUser!}
      ],
      "ndcg",
      0
    );
    expect(c.best).toBe("popular");
    expect(c.rows[1].test!.indistinguishable).toBe(false);
    expect(c.rows[1].test!.meanDifference).toBeCloseTo(random.byK[0].ndcg - popular.byK[0].ndcg, 12);
    const other = evaluateRanking(popularModel, datasetRankingSplit(dataset, 4), [5]);
    expect(() =>
      rankingVersusBest(
        [
          {name: "a", perUser: popular.perUser!},
          {name: "b", perUser: {...other.perUser!, users: other.perUser!.users.slice(1)}}
        ],
        "ndcg",
        0
      )
    ).toThrow(/other users/);
  });

  it("makes the page's leaderboard: metrics, intervals, the test against the best, groups", () => {
    const board = rankingLeaderboard(
      [
        {name: "popular", label: "Popular", result: popular},
        {name: "flat", label: "Flat", result: random}
      ],
      0,
      dataset.users
    );
    expect(board).toMatchObject({k: 5, metric: "ndcg", best: "popular", indistinguishable: []});
    const [best, other] = board.rows;
    expect(best.versusBest).toBeNull();
    expect(other.versusBest).toMatchObject({best: "popular", test: "sign-flip", indistinguishable: false});
    expect(best.metrics.ndcg).toBe(popular.byK[0].ndcg);
    expect(best.ci95.ndcg![0]).toBeLessThanOrEqual(best.metrics.ndcg);
    const men = best.groups.find((g) => g.dimension === "gender" && g.group === "male")!;
    expect(men.users).toBeGreaterThan(0);
    expect(men.metrics.ndcg).toBeGreaterThanOrEqual(0);
  });
});
