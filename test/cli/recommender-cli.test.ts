import {describe, expect, it} from "vitest";
import {movielab} from "../helpers/run-cli.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";

describe("movielab cv recommender", () => {
  it("prints rmse, mae and fit seconds per fold and their mean ± sd as JSON", async () => {
    const r = await movielab([
      "cv",
      "recommender",
      "--model",
      "baseline",
      "--data",
      "synthetic",
      "--folds",
      "2",
      "--json"
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({dataset: "synthetic", model: "baseline", protocol: "kfold", seed: 42});
    // The run record the Lab keeps and imports (lib/reports/cv-result.ts).
    expect(out).toMatchObject({record: "movielab-cv-run/1", source: "cli", n_ratings: 100_000});
    expect(out.id).toMatch(/^cli-\d{8}T\d{6}Z-[0-9a-f]{8}$/);
    expect(out.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(out.params).toEqual({epochs: 10, regItem: 10, regUser: 15});
    expect(typeof out.wall_seconds).toBe("number");
    expect(typeof out.predict_seconds.mean).toBe("number");
    expect(out.folds[0].n_train).toBe(50_000);
    expect(out.folds).toHaveLength(2);
    for (const f of out.folds) {
      for (const key of ["rmse", "mae", "fit_seconds"]) expect(typeof f[key]).toBe("number");
      expect(f.n_test).toBe(50_000);
      // The synthetic set has latent structure: biases alone beat predicting the mean by a margin but stay far from 0.
      expect(f.rmse).toBeGreaterThan(0.6);
      expect(f.rmse).toBeLessThan(1.1);
      expect(f.mae).toBeLessThan(f.rmse);
    }
    for (const key of ["rmse", "mae", "fit_seconds"]) {
      expect(typeof out[key].mean).toBe("number");
      expect(typeof out[key].sd).toBe("number");
    }
    expect(out.rmse.mean).toBeCloseTo((out.folds[0].rmse + out.folds[1].rmse) / 2, 10);
  }, 120_000);

  it("prints a per-fold table with a mean ± sd row", async () => {
    const r = await movielab(["cv", "recommender", "--model", "global-mean", "--data", "synthetic", "--folds", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fold1\s+\d\.\d{4}\s+\d\.\d{4}/m);
    expect(r.stdout).toMatch(/^fold3\s/m);
    expect(r.stdout).toMatch(/^mean±sd\s+\d\.\d{4}±\d\.\d{4}/m);
    // Student-t interval over the 3 folds, around the mean.
    const ci = /^95% CI\s+\[(\d\.\d{4}),(\d\.\d{4})\]/m.exec(r.stdout);
    const mean = Number(/^mean±sd\s+(\d\.\d{4})/m.exec(r.stdout)![1]);
    expect(Number(ci![1])).toBeLessThan(mean);
    expect(Number(ci![2])).toBeGreaterThan(mean);
  }, 120_000);

  it("exits 2 naming the known models on a bad model name, and on bad folds", async () => {
    const bad = await movielab(["cv", "recommender", "--model", "svd-magic", "--data", "synthetic"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown --model "svd-magic": expected one of .*baseline.*mf.*svdpp/);
    const ranking = await movielab(["cv", "recommender", "--model", "ease", "--data", "synthetic"]);
    expect(ranking.code).toBe(2);
    expect(ranking.stderr).toMatch(/ranking model.*movielab rank --model ease/);
    const folds = await movielab(["cv", "recommender", "--model", "baseline", "--data", "synthetic", "--folds", "1"]);
    expect(folds.code).toBe(2);
    expect(folds.stderr).toMatch(/--folds is "1"/);
    const official = await movielab([
      "cv",
      "recommender",
      "--model",
      "baseline",
      "--data",
      "synthetic",
      "--folds",
      "official"
    ]);
    expect(official.code).toBe(2);
    expect(official.stderr).toMatch(/u1\.\.u5/);
    const help = await movielab(["cv", "recommender", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--model NAME/);
  }, 120_000);
});

describe("movielab rank", () => {
  it("prints the ranking metrics of the most-popular model as JSON", async () => {
    const r = await movielab(["rank", "--model", "popular", "--data", "synthetic", "--k", "10", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({dataset: "synthetic", model: "popular", k: 10, seed: 42, protocol: "msr"});
    for (const key of ["precision", "recall", "ndcg", "map", "hit_rate", "coverage"]) {
      expect(out[key].mean).toBeGreaterThanOrEqual(0);
      expect(out[key].mean).toBeLessThanOrEqual(1);
    }
    // Popularity gives everyone nearly the same list: coverage of a 1,682-movie catalogue stays tiny.
    expect(out.coverage.mean).toBeLessThan(0.1);
    expect(out.precision.mean).toBeGreaterThan(0.05);
    // Five split seeds; the split is stratified by movie, so a user may have no test rating.
    expect(out.folds.map((f: {fold: string}) => f.fold)).toEqual(["seed42", "seed43", "seed44", "seed45", "seed46"]);
    for (const f of out.folds) expect(f.users).toBeGreaterThan(900);
    // The new metrics, and a t interval over the five seeds around each.
    expect(out.map_msr_old.mean).toBeLessThanOrEqual(out.map.mean);
    expect(out.exposure_gini.mean).toBeGreaterThan(0.9);
    expect(out.novelty.mean).toBeGreaterThan(0);
    expect(out.ci_method).toBe("t over folds");
    for (const key of ["precision", "ndcg", "map", "novelty", "diversity", "arp", "coverage"]) {
      expect(out.ci95[key][0]).toBeLessThanOrEqual(out[key].mean);
      expect(out.ci95[key][1]).toBeGreaterThanOrEqual(out[key].mean);
    }
    const text = await movielab(["rank", "--model", "popular", "--data", "synthetic", "--k", "10", "--seeds", "1"]);
    expect(text.stdout).toMatch(/bootstrap over users/);
    expect(text.stdout).toMatch(/ndcg@10 .*\[\d\.\d{4}, \d\.\d{4}\]/);
    expect(text.stdout).toMatch(/map_msr_old@10 /);
  }, 120_000);

  it("accepts item-knn as implicit item-kNN and rejects unknown models with exit 2", async () => {
    const r = await movielab(["rank", "--model", "item-knn", "--data", "synthetic", "--k", "5", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).model).toBe("item-knn-implicit");
    const bad = await movielab(["rank", "--model", "knn", "--data", "synthetic"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown --model "knn": expected one of popular, item-knn, ease, rp3beta, bpr/);
    const k = await movielab(["rank", "--model", "popular", "--data", "synthetic", "--k", "0"]);
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(/--k "0"/);
  }, 120_000);
});

describe("movielab recommend --data", () => {
  it("prints a user's top 5 unseen movies with titles and explanations", async () => {
    const r = await movielab(["recommend", "--data", "synthetic", "--user", "1", "--k", "5"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[1]).toMatch(/^\s+#\s+movie id\s+score\s+title$/);
    const ranked = lines.filter((l) => /^\s+\d+\s+\d+\s+-?\d+\.\d{3}  /.test(l));
    expect(ranked).toHaveLength(5);
    expect(r.stdout).toMatch(/top 5 for user 1 in synthetic \(ease/);
    expect(lines.at(-1)).toBe("scores are ease's ranking scores, not ratings");
    expect(r.stdout).toMatch(/because you rated /);
  }, 120_000);

  it("never recommends a movie the user rated, and names an unknown user (exit 1)", async () => {
    const r = await movielab([
      "recommend",
      "--data",
      "synthetic",
      "--user",
      "2",
      "--k",
      "10",
      "--model",
      "popular",
      "--json"
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.items).toHaveLength(10);
    const scores = out.items.map((i: {score: number}) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // The CLI's synthetic set is the generator's default one; every rating of user 2 stays in it after cleaning.
    const raw = generateSynthetic();
    const rated = new Set<number>();
    for (let i = 0; i < raw.ratings.userId.length; i++)
      if (raw.ratings.userId[i] === 2) rated.add(raw.ratings.movieId[i]);
    expect(rated.size).toBeGreaterThan(0);
    for (const item of out.items) expect(rated.has(item.movie_id)).toBe(false);
    const unknown = await movielab(["recommend", "--data", "synthetic", "--user", "5000"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/--user 5000: no such user in synthetic/);
    const badModel = await movielab(["recommend", "--data", "synthetic", "--user", "1", "--model", "nope"]);
    expect(badModel.code).toBe(2);
    expect(badModel.stderr).toMatch(/unknown --model "nope": expected one of/);
  }, 120_000);
});
