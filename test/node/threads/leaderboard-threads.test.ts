// The threaded leaderboard gives the one-thread leaderboard's figures, row for row, in registry order.
import {describe, expect, it} from "vitest";
import {getModel} from "../../../lib/models/registry.js";
import {runLeaderboardThreaded, scheduleOrder, scheduleUnits} from "../../../lib/node/threads/leaderboard-threads.js";
import {runLeaderboard, type LeaderboardRow} from "../../../lib/reports/leaderboard.js";
import {smallFolds} from "../../helpers/small-folds.js";

const source = {module: new URL("../../helpers/small-folds.ts", import.meta.url).href, export: "smallFolds"};
/** A row without its timings, which are the only thing allowed to differ. */
const figures = (r: LeaderboardRow) => ({
  ...r,
  fitSeconds: undefined,
  perFold: r.perFold.map((f) => ({...f, fitSeconds: undefined}))
});

describe("runLeaderboardThreaded", () => {
  it("equals runLeaderboard on one thread, model for model (the slow blend included)", async () => {
    const names = ["global-mean", "baseline", "item-knn", "mf", "blend"];
    const seen: string[] = [];
    const threaded = await runLeaderboardThreaded(names, source, {threads: 2, onModel: (_, n) => seen.push(n)});
    const single = await runLeaderboard(names.map(getModel), await smallFolds());
    expect(threaded.map((r) => r.model)).toEqual(names);
    expect(threaded.map(figures)).toEqual(single.map(figures));
    expect([...seen].sort()).toEqual([...names].sort());
  }, 120_000);

  it("hands out the slow models first", () => {
    expect(scheduleOrder(["global-mean", "blend", "mf", "classifier"])).toEqual([
      "blend",
      "classifier",
      "global-mean",
      "mf"
    ]);
  });

  it("gives a stacking model the same thread as the slow models among its members, after them", () => {
    expect(scheduleUnits(["mf", "bpmf", "bayes-fm", "blend", "classifier"])).toEqual([
      ["bpmf", "blend"],
      ["bayes-fm"],
      ["classifier"],
      ["mf"]
    ]);
  });

  it("names the model whose thread failed, and rejects a bad thread count", async () => {
    await expect(runLeaderboardThreaded(["mf"], {module: source.module, export: "nope"})).rejects.toThrow(
      /leaderboard thread: \(reading the folds\)/
    );
    await expect(runLeaderboardThreaded(["mf"], source, {threads: 0})).rejects.toThrow(/threads is 0/);
  });
});
