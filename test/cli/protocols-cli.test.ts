// `movielab cv --protocol` and `movielab rank --protocol`: the protocol in the output, --folds as its alias, and the usage errors.
import {describe, expect, it} from "vitest";
import {movielab} from "../helpers/run-cli.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";

/** `movielab cv --model baseline` on the synthetic set with more arguments. */
const cvBaseline = (...args: string[]) => movielab(["cv", "--model", "baseline", "--data", "synthetic", ...args]);

/** `movielab rank --model popular` on the synthetic set with more arguments. */
const rankPopular = (...args: string[]) => movielab(["rank", "--model", "popular", "--data", "synthetic", ...args]);

describe("movielab cv --protocol", () => {
  it("runs kfold with --folds K as its alias, and records the protocol's name", async () => {
    const r = await cvBaseline("--protocol", "kfold", "--folds", "3", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.protocol).toBe("kfold");
    expect(out.folds.map((f: {fold: string}) => f.fold)).toEqual(["fold1", "fold2", "fold3"]);
  }, 120_000);

  it("runs temporal-global and says in its text how many test ratings it dropped", async () => {
    const r = await cvBaseline("--protocol", "temporal-global");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /global time cut at the 0.8 quantile .* \d+ test ratings of users or movies unseen in training dropped/
    );
    expect(r.stdout).toMatch(/protocol temporal-global \(seed 42\)/);
    expect(r.stdout).toMatch(/^t0\.8 /m);
  }, 120_000);

  it("refuses --folds and --protocol that disagree, official protocols without the files, and unknown names (exit 2)", async () => {
    const disagree = await cvBaseline("--protocol", "u1", "--folds", "3");
    expect(disagree.code).toBe(2);
    expect(disagree.stderr).toMatch(/--folds 3 and --protocol u1 disagree/);
    const noFiles = await cvBaseline("--protocol", "u1");
    expect(noFiles.code).toBe(2);
    expect(noFiles.stderr).toMatch(/--protocol u1 needs ml-100k's u1..u5.base\/.test files/);
    const unknown = await cvBaseline("--protocol", "msr");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /--protocol "msr": expected one of official, u1, kfold, temporal-global, temporal-user/
    );
  }, 120_000);

  it.skipIf(!HAS_ML100K)(
    "runs u1 alone on ml-100k: one fold of 20,000 test ratings",
    async () => {
      const r = await movielab(["cv", "--model", "baseline", "--data", ML100K_DIR, "--protocol", "u1", "--json"]);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.protocol).toBe("u1");
      expect(out.folds).toHaveLength(1);
      expect(out.folds[0]).toMatchObject({fold: "u1", n_test: 20_000, n_train: 80_000});
    },
    120_000
  );
});

describe("movielab rank --protocol", () => {
  it("runs msr over --seeds split seeds with per-seed figures and mean ± sd", async () => {
    const r = await rankPopular("--seeds", "2", "--seed", "7", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({protocol: "msr", seed: 7, k: 10});
    expect(out.protocol_description).toMatch(/stratified by movie.*seeds 7–8/);
    expect(out.folds.map((f: {fold: string}) => f.fold)).toEqual(["seed7", "seed8"]);
    const ndcg = out.folds.map((f: {ndcg: number}) => f.ndcg);
    expect(out.ndcg.mean).toBeCloseTo((ndcg[0] + ndcg[1]) / 2, 12);
    expect(out.ndcg.sd).toBeCloseTo(Math.abs(ndcg[0] - ndcg[1]) / Math.SQRT2, 12);
  }, 120_000);

  it("runs temporal-user (5 folds of users) and refuses --seeds with it", async () => {
    const r = await rankPopular("--protocol", "temporal-user", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.folds.map((f: {fold: string}) => f.fold)).toEqual(["users1", "users2", "users3", "users4", "users5"]);
    // 5 latest ratings of each test user; synthetic users have more than 5.
    for (const f of out.folds) expect(f.n_test).toBe(f.users * 5);
    const bad = await rankPopular("--protocol", "temporal-user", "--seeds", "2");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--seeds applies to --protocol msr only/);
  }, 120_000);
});
