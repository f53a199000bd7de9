import {describe, expect, it} from "vitest";
import {leaderboardTests} from "../../lib/reports/leaderboard-tests.js";
import {runLeaderboard, stripLeaderboardRow, type LeaderboardRow} from "../../lib/reports/leaderboard.js";
import {perUserErrors} from "../../lib/eval/per-user-errors.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import {randomRatingFolds} from "../../lib/data/folds.js";
import {globalMeanModel} from "../../lib/models/baselines/global-mean.js";
import {baselineModel} from "../../lib/models/baselines/baseline-only.js";

/** A hand-made row: per-fold RMSEs, and first-fold errors of 4 users with the given per-user squared errors. */
function row(model: string, rmses: number[], sse: number[]): LeaderboardRow {
  const users = [0, 1, 2, 3];
  const e = perUserErrors(
    users,
    users.map(() => 0),
    sse.map((s) => Math.sqrt(s))
  );
  const ci = {lo: 0, hi: 0, method: "t" as const, n: rmses.length};
  return {
    model,
    description: model,
    folds: rmses.map((_, i) => `u${i + 1}`),
    rmse: {mean: rmses.reduce((a, b) => a + b) / rmses.length, sd: 0},
    mae: {mean: 0, sd: 0},
    fitSeconds: {mean: 0, sd: 0},
    firstFoldRmse: rmses[0],
    perFold: rmses.map((r, i) => ({fold: `u${i + 1}`, rmse: r, mae: 0, fitSeconds: 0})),
    rmseCi: ci,
    maeCi: ci,
    firstFoldRmseCi: ci,
    groups: [],
    firstFoldErrors: e
  };
}

describe("leaderboard paired tests", () => {
  it("tests each model against its fold group's best, over folds or over one fold's users", () => {
    const t = leaderboardTests([
      row("a", [0.9, 0.91, 0.93], [1, 1, 1, 1]),
      row("b", [0.95, 0.96, 0.975], [4, 4, 4, 4]), // worse on every fold by a steady 0.05
      row("c", [0.905, 0.905, 0.935], [1, 1.01, 0.99, 1]), // ±0.005: noise
      row("slow", [0.91], [1.2, 0.8, 1.1, 0.9]),
      row("slower", [1.2], [4, 4, 4, 4])
    ]);
    const [all, one] = t.groups;
    expect(all.folds).toBe("u1–u3");
    expect(all.best).toBe("a");
    expect(all.versus.a).toBeNull();
    expect(all.versus.b!.test).toBe("paired-t");
    expect(all.versus.b!.indistinguishable).toBe(false);
    expect(all.indistinguishable).toEqual(["c"]);
    expect(one.best).toBe("slow");
    expect(one.versus.slower!.test).toBe("paired-bootstrap");
    expect(one.versus.slower!.indistinguishable).toBe(false);
    // On u1 everyone is compared: "a" is best there (0.9), "slow" differs by noise, "slower" clearly.
    expect(t.firstFold.best).toBe("a");
    expect(t.firstFold.indistinguishable).toContain("slow");
    expect(t.firstFold.indistinguishable).not.toContain("slower");
  });

  it("keeps per-user errors in memory and gives intervals and group figures per row", async () => {
    const dataset = encodeDataset(generateSynthetic({users: 80, movies: 40, ratings: 2000, seed: 2}));
    const folds = randomRatingFolds(dataset, 3, 1);
    const rows = await runLeaderboard([globalMeanModel, baselineModel], folds);
    const r = rows[1];
    expect(r.rmseCi.method).toBe("t");
    expect(r.rmseCi.lo).toBeLessThan(r.rmse.mean);
    expect(r.rmseCi.hi).toBeGreaterThan(r.rmse.mean);
    expect(r.firstFoldRmseCi.method).toBe("bootstrap");
    expect(r.firstFoldRmseCi.lo).toBeLessThan(r.firstFoldRmse);
    expect(r.groups.some((g) => g.dimension === "gender")).toBe(true);
    expect(stripLeaderboardRow(r)).not.toHaveProperty("firstFoldErrors");
    const t = leaderboardTests(rows);
    expect(t.groups[0].best).toBe("baseline");
    expect(t.groups[0].versus["global-mean"]!.indistinguishable).toBe(false);
  });
});
