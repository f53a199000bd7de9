import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {movielab} from "../helpers/run-cli.js";
import {BundleError} from "../../lib/bundle/bundle.js";
import type {WorkbenchState} from "../../lib/bundle/workbench.js";
import {loadBundle} from "../../lib/node/bundle-file.js";
import {createBundleService} from "../../lib/serving/bundle-service.js";

const tmp = mkdtempSync(join(tmpdir(), "movielab-cv-train-"));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

describe("movielab cv classifier", () => {
  it("prints per-fold and mean figures with baselines as JSON", async () => {
    const r = await movielab(["cv", "classifier", "--data", "synthetic", "--folds", "2", "--rounds", "3", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.protocol).toBe("stratified-k-fold");
    expect(out.folds).toHaveLength(2);
    for (const key of [
      "accuracy",
      "macro_f1",
      "weighted_f1",
      "log_loss",
      "rmse",
      "mae",
      "fit_seconds",
      "predict_seconds"
    ]) {
      expect(typeof out.summary.mean[key]).toBe("number");
      expect(typeof out.summary.sd[key]).toBe("number");
      expect(typeof out.folds[0].metrics[key]).toBe("number");
    }
    expect(out.folds[0].training.rounds).toBe(3);
    expect(out.baselines.majority.mean.accuracy).toBeGreaterThan(0.2);
    expect(out.baselines.bias.mean.rmse).toBeGreaterThan(0);
    expect(out.confusion).toHaveLength(25);
  }, 120_000);

  it("runs on a shared protocol's folds with --protocol, the folds `cv recommender --protocol` uses", async () => {
    const args = ["--data", "synthetic", "--protocol", "kfold", "--folds", "3", "--json", "--no-record"];
    const r = await movielab(["cv", "classifier", ...args, "--fold-seed", "7", "--rounds", "2"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.protocol).toBe("kfold");
    expect(out.seed).toBe(7);
    // The same folds as the rating models' kfold: names and test sizes (Surprise's cut, seed 7).
    const mf = JSON.parse(
      (await movielab(["cv", "recommender", ...args, "--seed", "7", "--model", "global-mean"])).stdout
    );
    expect(out.folds.map((f: {name: string; nTest: number}) => [f.name, f.nTest])).toEqual(
      mf.folds.map((f: {fold: string; n_test: number}) => [f.fold, f.n_test])
    );
    const temporal = await movielab([
      "cv",
      "classifier",
      "--data",
      "synthetic",
      "--protocol",
      "temporal-global",
      "--rounds",
      "2",
      "--no-record"
    ]);
    expect(temporal.code, temporal.stderr).toBe(0);
    expect(temporal.stdout).toMatch(/^synthetic: protocol temporal-global, 1 fold \(seed 42\)/);
    const clash = await movielab([
      "cv",
      "classifier",
      "--data",
      "synthetic",
      "--protocol",
      "temporal-user",
      "--folds",
      "3"
    ]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/--folds 3 with --protocol temporal-user: --folds only sets kfold's K/);
    const unknown = await movielab(["cv", "classifier", "--data", "synthetic", "--protocol", "msr"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /--protocol "msr": expected one of official, u1, kfold, temporal-global, temporal-user/
    );
  }, 180_000);

  it("exits 2 on bad usage and shows help", async () => {
    const bad = await movielab(["cv", "classifier", "--data", "synthetic", "--folds", "1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--folds is "1"/);
    const noOfficial = await movielab(["cv", "classifier", "--data", "synthetic", "--folds", "official"]);
    expect(noOfficial.code).toBe(2);
    expect(noOfficial.stderr).toMatch(/u1\.\.u5/);
    const eta = await movielab(["cv", "classifier", "--eta", "2"]);
    expect(eta.code).toBe(2);
    const help = await movielab(["cv", "classifier", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--folds official\|K/);
    expect(help.stdout).toMatch(/--fold-seed N +seed of the K random folds \(default 42/);
    expect(help.stdout).toMatch(/--model-seed N +seed of the classifier/);
    expect(help.stdout).not.toMatch(/--seed/);
  }, 120_000);

  it("splits the old --seed: --fold-seed seeds the folds, --model-seed the classifier, --seed is refused by name", async () => {
    for (const argv of [
      ["cv", "classifier", "--data", "synthetic", "--seed", "3"],
      ["train", "classifier", "--data", "synthetic", "--out", join(tmp, "x.json"), "--seed", "3"]
    ]) {
      const old = await movielab(argv);
      expect(old.code).toBe(2);
      expect(old.stderr).toMatch(
        /--seed is no longer accepted: it seeded both the folds and the classifier; use --fold-seed N for the random folds \(default 42\) and --model-seed N for the classifier \(default 0\)/
      );
    }
    const run = (extra: string[]) =>
      movielab(["cv", "classifier", "--data", "synthetic", "--folds", "2", "--rounds", "2", "--json", ...extra]);
    const seeded = JSON.parse((await run(["--fold-seed", "7", "--model-seed", "5"])).stdout);
    expect(seeded.seed).toBe(7);
    expect(seeded.params.seed).toBe(5);
    const defaults = JSON.parse((await run([])).stdout);
    expect(defaults.seed).toBe(42);
    expect(defaults.params.seed).toBe(0);
    const noCv = await movielab([
      "train",
      "classifier",
      "--data",
      "synthetic",
      "--out",
      join(tmp, "x.json"),
      "--fold-seed",
      "1"
    ]);
    expect(noCv.code).toBe(2);
    expect(noCv.stderr).toMatch(/--fold-seed sets the folds of --cv; add --cv or drop --fold-seed/);
  }, 120_000);
});

describe("movielab train classifier", () => {
  const out = join(tmp, "model.json");

  it("writes a bundle that loadBundle accepts and a service can answer from", async () => {
    const r = await movielab([
      "train",
      "classifier",
      "--data",
      "synthetic",
      "--rounds",
      "3",
      "--ranker",
      "none",
      "--out",
      out,
      "--json"
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.rounds).toBe(3);
    expect(summary.bytes).toBe(readFileSync(out, "utf8").length);
    const bundle = await loadBundle<WorkbenchState>(out, {kind: "classifier"});
    expect(bundle.model).toBe("gbdt");
    expect(bundle.meta.dataset.synthetic).toBe(true);
    expect(bundle.titles).toHaveLength(bundle.idMaps.movies.length);
    const service = createBundleService(bundle);
    const p = await service.predict(bundle.idMaps.users[0], bundle.idMaps.movies[0]);
    expect(p.probabilities.reduce((a, c) => a + c.p, 0)).toBeCloseTo(1, 5);
    expect((await service.recommend(bundle.idMaps.users[0], 3)).model).toBe("popular");
  }, 120_000);

  it("fits the trees on a seeded sample of whole users over --max-ratings, and ships every user", async () => {
    const sampled = join(tmp, "sampled.json");
    const args = ["train", "classifier", "--data", "synthetic", "--rounds", "2", "--ranker", "item-knn-implicit"];
    const r = await movielab([...args, "--max-ratings", "20000", "--out", sampled, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.sample).toMatch(/^a seeded sample of [\d,]+ of 943 users \(seed 7\): [\d,]+ of [\d,]+ ratings \(/);
    const bundle = await loadBundle<WorkbenchState>(sampled, {kind: "classifier"});
    expect(bundle.meta.params.sample).toBe(summary.sample);
    expect(bundle.idMaps.users.length).toBe(943);
    const service = createBundleService(bundle);
    // A user's recommendations leave out what they rated, sampled or not; predictions outside the sample come from priors.
    const cold: boolean[] = [];
    for (const userId of Array.from(bundle.idMaps.users.subarray(0, 60))) {
      const rec = await service.recommend(userId, 3);
      expect(rec.model).toBe("item-knn-implicit");
      cold.push((await service.predict(userId, bundle.idMaps.movies[0])).coldStart);
    }
    expect(cold).toContain(true);
    expect(cold).toContain(false);
    const bad = await movielab([...args, "--max-ratings", "1.5", "--out", sampled]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-ratings.*an integer ≥ 0/);
  }, 120_000);

  it("refuses a corrupted or truncated bundle", async () => {
    const text = readFileSync(out, "utf8");
    const corrupted = join(tmp, "corrupted.json");
    const i = text.indexOf('"model":"gbdt"');
    writeFileSync(corrupted, `${text.slice(0, i)}"model":"gbdX"${text.slice(i + 14)}`);
    await expect(loadBundle(corrupted)).rejects.toThrow(/checksum mismatch/);
    const truncated = join(tmp, "truncated.json");
    writeFileSync(truncated, text.slice(0, text.length >> 1));
    await expect(loadBundle(truncated)).rejects.toBeInstanceOf(BundleError);
  });

  it("exits 2 without --out or with an unknown ranker, 1 on a missing data directory", async () => {
    const noOut = await movielab(["train", "classifier", "--data", "synthetic"]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out/);
    const ranker = await movielab(["train", "classifier", "--data", "synthetic", "--out", out, "--ranker", "svd"]);
    expect(ranker.code).toBe(2);
    expect(ranker.stderr).toMatch(/ease, item-knn-implicit, rp3beta, none/);
    const missing = await movielab(["train", "classifier", "--data", join(tmp, "nowhere"), "--out", out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nowhere/);
  }, 120_000);
});
