import {describe, expect, it} from "vitest";
import {catalogueCoverage, scoreRankedList, summariseRanking} from "../../lib/eval/ranking-metrics.js";
import {datasetRankingSplit, evaluateRanking, microsoftSplit} from "../../lib/eval/evaluate-ranking.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import {popularModel} from "../../lib/models/baselines/popular.js";
import {ratingsOf, SCALE, trainOf} from "../models/fixtures.js";

describe("ranking metrics", () => {
  it("scores one list by hand (binary relevance, as ease_msr.py)", () => {
    // k = 4, hits at ranks 1 and 3, three relevant movies
    const s = scoreRankedList([7, 1, 9, 2], new Set([7, 9, 5]), 4);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
    const dcg = 1 + 1 / Math.log2(4),
      idcg = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(s.ndcg).toBeCloseTo(dcg / idcg, 12);
    expect(s.ap).toBeCloseTo((1 + 2 / 3) / 3, 12);
    expect(s.hit).toBe(1);
  });

  it("computes both Microsoft MAP definitions by hand: ÷ min(|truth|, k) today, ÷ |truth| before Nov 2023", () => {
    // k = 3, relevant {1, 2, 3, 4, 5}, list [1, 9, 2]: hits at ranks 1 and 3, Σ precision@hit = 1/1 + 2/3 = 5/3.
    const s = scoreRankedList([1, 9, 2], new Set([1, 2, 3, 4, 5]), 3);
    expect(s.ap).toBeCloseTo(5 / 3 / 3, 12); // min(5, 3) = 3: 0.5556
    expect(s.apMsrOld).toBeCloseTo(5 / 3 / 5, 12); // |truth| = 5: 0.3333
    // With |truth| ≤ k the two agree.
    const t = scoreRankedList([1, 9, 2], new Set([2, 7]), 3);
    expect(t.ap).toBeCloseTo(1 / 3 / 2, 12);
    expect(t.apMsrOld).toBe(t.ap);
    const sum = summariseRanking(
      [s, t],
      [
        [1, 9, 2],
        [1, 9, 2]
      ],
      10,
      3
    );
    expect(sum.map).toBeCloseTo((5 / 9 + 1 / 6) / 2, 12);
    expect(sum.mapMsrOld).toBeCloseTo((1 / 3 + 1 / 6) / 2, 12);
  });

  it("caps the ideal DCG at k and precision divides by k", () => {
    const s = scoreRankedList([3, 4], new Set([3, 4, 5, 6]), 2);
    expect(s.ndcg).toBeCloseTo(1, 12);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0.5);
    const miss = scoreRankedList([1], new Set([2]), 10);
    expect(miss).toEqual({precision: 0, recall: 0, ndcg: 0, ap: 0, apMsrOld: 0, hit: 0});
  });

  it("averages over users and measures coverage", () => {
    const a = scoreRankedList([0, 1], new Set([0]), 2),
      b = scoreRankedList([0, 2], new Set([5]), 2);
    const sum = summariseRanking(
      [a, b],
      [
        [0, 1],
        [0, 2]
      ],
      10,
      2
    );
    expect(sum.precision).toBe(0.25);
    expect(sum.hitRate).toBe(0.5);
    expect(sum.coverage).toBe(0.3);
    expect(catalogueCoverage([[0, 1, 2]], 4, 1)).toBe(0.25);
    expect(() => scoreRankedList([1], new Set(), 1)).toThrow(/empty relevant set/);
  });

  it("evaluates under the per-user split: only unseen movies ranked", () => {
    const train = trainOf(
      [
        [0, 0, 5],
        [1, 0, 4],
        [2, 0, 3],
        [1, 1, 4],
        [2, 1, 2],
        [2, 2, 1]
      ],
      3,
      5
    );
    // user 0 saw movie 0; test movies 1 and 3. Unseen by popularity: 1 (2 raters), 2 (1), then 3 and 4 (0; tie → lower index 3).
    const r = evaluateRanking(
      popularModel,
      {
        train,
        test: ratingsOf([
          [0, 1, 4],
          [0, 3, 2]
        ])
      },
      [1, 3]
    );
    expect(r.byK[0].precision).toBe(1);
    expect(r.byK[1].recall).toBe(1);
    expect(r.byK[1].precision).toBeCloseTo(2 / 3, 12);
    expect(r.byK[0].users).toBe(1);
    // Beyond accuracy at k = 3, list [1, 2, 3]: 3 training users; movie 1 rated by 2, movie 2 by 1, movie 3 by none.
    expect(r.byK[1].novelty).toBeCloseTo((-Math.log2(2 / 3) - Math.log2(1 / 3)) / 2, 12);
    expect(r.byK[1].arp).toBeCloseTo((2 + 1 + 0) / 3, 12);
    expect(Number.isNaN(r.byK[1].diversity)).toBe(true); // a hand-built training set knows no genres
    expect(Array.from(r.perUser!.users)).toEqual([0]);
    expect(Array.from(r.perUser!.byK[1].recall)).toEqual([1]);
  });

  it("measures genre diversity when the training set knows its data set's movies", () => {
    const dataset = encodeDataset(generateSynthetic({users: 40, movies: 30, ratings: 600, seed: 3}));
    const r = evaluateRanking(popularModel, datasetRankingSplit(dataset, 7), [5]);
    const s = r.byK[0];
    expect(s.diversity).toBeGreaterThan(0);
    expect(s.diversity).toBeLessThanOrEqual(1);
    expect(s.exposureGini).toBeGreaterThan(0.5); // the same few movies for everyone
    expect(s.distributionalCoverage).toBeLessThan(Math.log2(30));
    expect(r.perUser!.byK[0].ndcg.length).toBe(s.users);
  });

  it("splits 75/25 per movie (Microsoft's benchmark filters by item), seeded", () => {
    const triples: Array<[number, number, number]> = [];
    for (let u = 0; u < 4; u++) for (let m = 0; m < 8; m++) triples.push([u, m, 1 + ((u + m) % 5)]);
    const a = microsoftSplit(ratingsOf(triples), 4, 8, SCALE, 1),
      b = microsoftSplit(ratingsOf(triples), 4, 8, SCALE, 1);
    expect(a.train.ratings.user.length).toBe(24);
    expect(a.test.user.length).toBe(8);
    expect(Array.from(a.test.movie)).toEqual(Array.from(b.test.movie));
    // 4 ratings per movie → 3 train, 1 test (lib/eval/protocols/msr.ts).
    for (let m = 0; m < 8; m++) expect(Array.from(a.test.movie).filter((x) => x === m).length).toBe(1);
  });

  it("splits a data set the same way, its training part knowing its source rows", () => {
    const dataset = encodeDataset(generateSynthetic({users: 40, movies: 30, ratings: 600, seed: 3}));
    const a = datasetRankingSplit(dataset, 7);
    const b = microsoftSplit(dataset.ratings, dataset.userIds.length, dataset.movies.id.length, dataset.scale, 7);
    expect(Array.from(a.train.ratings.movie)).toEqual(Array.from(b.train.ratings.movie));
    expect(Array.from(a.test.user)).toEqual(Array.from(b.test.user));
    expect(a.train.source?.dataset).toBe(dataset);
    const rows = a.train.source!.rows;
    expect(Array.from(rows, (r) => dataset.ratings.movie[r])).toEqual(Array.from(a.train.ratings.movie));
  });
});
