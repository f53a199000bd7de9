/**
 * Recommender benchmark on ml-100k; prints one JSON line per result and a summary line.
 *   npx tsx bench/recommenders.ts [--data DIR] [--models a,b] [--folds 1,2,3,4,5] [--no-peer] [--no-ranking] [--python-peer]
 * Rating models: mean RMSE/MAE ± sd over the official folds u1..u5, fit seconds per fold, peak RSS, and for
 * models that select hyperparameters on an inner hold-out of training (bpmf, blend) what each fold chose.
 * Each model runs in its own child process so its peak memory is its own.
 * The C peer (../shared/peers/svd_sgd.c) is compiled with gcc -O3 -march=native and run fold by
 * fold interleaved with our MF in the same run, so the time ratio compares like with like.
 * Ranking: popular, item-knn-implicit, EASE (and any model named) under the Microsoft protocol.
 * --python-peer also runs ../shared/peers/ease_msr.py (needs python3-numpy) for EASE's reference figures
 * (its split is numpy's, ours is lib/eval/split.ts's, so figures differ by the split's spread).
 */
import {execFileSync, spawnSync} from "node:child_process";
import {existsSync, mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {openDataset} from "../lib/node/open-dataset.js";
import {crossValidate, meanSd} from "../lib/eval/cross-validate.js";
import {evaluateRanking, datasetRankingSplit} from "../lib/eval/evaluate-ranking.js";
import {getModel, modelNames} from "../lib/models/registry.js";
import {mfModel} from "../lib/models/factors/mf.js";
import {rmse, mae} from "../lib/eval/rating-metrics.js";
import {predictRatings} from "../lib/models/estimator.js";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const here = import.meta.dirname;
const dataDir = resolve(opt("--data") ?? join(here, "../../shared/data/ml-100k"));
const foldNums = (opt("--folds") ?? "1,2,3,4,5").split(",").map(Number);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const emit = (o: object) => console.log(JSON.stringify(o));
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

if (!existsSync(join(dataDir, "u.data"))) {
  console.error(`bench/recommenders: no ml-100k at ${dataDir} (u.data missing); pass --data DIR`);
  process.exit(2);
}

/** What a fitted state says about its inner selection (plain data), or undefined for models that select nothing. */
function chosenParams(state: unknown): unknown {
  const s = state as {selection?: unknown; members?: Array<{model: string; params?: unknown}>; kept?: boolean};
  const sel = s.selection as
    | {best?: unknown; scores?: Array<{rmse: number}>}
    | Array<{scores: Array<{rmse: number}>; bestIndex: number}>
    | undefined;
  if (sel === undefined) return undefined;
  if (!Array.isArray(sel)) return {params: sel.best, inner_rmse: sel.scores?.map((c) => round(c.rmse))};
  return {
    kept: s.kept,
    members: sel.map((m, j) => ({
      model: s.members?.[j].model,
      params: s.members?.[j].params,
      inner_rmse: round(m.scores[m.bestIndex].rmse),
      candidates: m.scores.length
    }))
  };
}

/** Child mode: one model, one task; prints its result with the process's peak RSS. */
async function runOne(name: string, task: "rating" | "ranking"): Promise<void> {
  const model = getModel(name);
  if (task === "rating") {
    const folds = await (
      await openDataset({spec: dataDir, clean: {beforeRelease: false}})
    ).folds.officialRating(foldNums.map((n) => `u${n}`));
    const chosen: unknown[] = [];
    // Records each fold's selection from its fitted state (the summary keeps only the scores).
    const r = await crossValidate(model, folds, {
      metrics: ["rating"],
      onFold: ({state}) => chosen.push(chosenParams(state))
    });
    emit({
      task,
      model: name,
      folds: r.folds.map((f, i) => ({
        fold: f.fold,
        rmse: round(f.metrics.rmse),
        mae: round(f.metrics.mae),
        fit_seconds: round(f.fitSeconds, 3),
        fallbacks: f.fallbacks,
        selected: chosen[i]
      })),
      rmse: round(r.metrics.rmse.mean),
      rmse_sd: round(r.metrics.rmse.sd),
      mae: round(r.metrics.mae.mean),
      mae_sd: round(r.metrics.mae.sd),
      fit_seconds: round(r.fitSeconds.mean, 3),
      peak_rss_mb: peakMb()
    });
  } else {
    const {dataset} = await openDataset({spec: dataDir, clean: {beforeRelease: false}});
    const split = datasetRankingSplit(dataset, 42);
    const r = evaluateRanking(model, split, [10]);
    const s = r.byK[0];
    emit({
      task,
      model: name,
      k: 10,
      precision: round(s.precision),
      recall: round(s.recall),
      ndcg: round(s.ndcg),
      map: round(s.map),
      hit_rate: round(s.hitRate),
      coverage: round(s.coverage),
      fit_seconds: round(r.fitSeconds, 3),
      peak_rss_mb: peakMb()
    });
  }
}

/** MF against the C peer, fold by fold, each run twice alternately; the faster of the two counts for each side. */
async function peerComparison(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "movielab-peer-"));
  const exe = join(dir, "svd_sgd");
  try {
    execFileSync("gcc", ["-O3", "-march=native", "-o", exe, resolve(here, "../../shared/peers/svd_sgd.c"), "-lm"]);
  } catch (e) {
    emit({task: "peer", error: `could not compile the C peer: ${(e as Error).message.split("\n")[0]}`});
    return;
  }
  const folds = await (
    await openDataset({spec: dataDir, clean: {beforeRelease: false}})
  ).folds.officialRating(foldNums.map((n) => `u${n}`));
  const rows = foldNums.map((n, i) => {
    const fold = folds[i];
    let cBest = Infinity,
      oursBest = Infinity,
      cRmse = NaN,
      cMae = NaN,
      ours = {rmse: NaN, mae: NaN};
    for (let rep = 0; rep < 2; rep++) {
      const out = spawnSync(exe, [join(dataDir, `u${n}.base`), join(dataDir, `u${n}.test`)], {encoding: "utf8"})
        .stdout.trim()
        .split(/\s+/)
        .map(Number);
      [cRmse, cMae] = out;
      cBest = Math.min(cBest, out[2]);
      const t0 = performance.now();
      const s = mfModel.fit(fold.train);
      oursBest = Math.min(oursBest, (performance.now() - t0) / 1000);
      const pred = predictRatings(mfModel, s, fold.test).rating;
      ours = {rmse: rmse(fold.test.rating, pred), mae: mae(fold.test.rating, pred)};
    }
    return {
      fold: `u${n}`,
      c_rmse: cRmse,
      c_mae: cMae,
      c_fit_seconds: cBest,
      mf_rmse: round(ours.rmse),
      mf_mae: round(ours.mae),
      mf_fit_seconds: round(oursBest, 3)
    };
  });
  const c = meanSd(rows.map((r) => r.c_rmse)).mean,
    m = meanSd(rows.map((r) => r.mf_rmse)).mean;
  const ct = meanSd(rows.map((r) => r.c_fit_seconds)).mean,
    mt = meanSd(rows.map((r) => r.mf_fit_seconds)).mean;
  emit({
    task: "peer",
    peer: "svd_sgd.c (gcc -O3 -march=native)",
    folds: rows,
    c_rmse: round(c),
    mf_rmse: round(m),
    rmse_gap: round(m - c),
    c_fit_seconds: round(ct, 3),
    mf_fit_seconds: round(mt, 3),
    time_ratio: round(mt / ct, 2)
  });
}

/** Runs the numpy EASE peer and re-emits its printed figures as JSON. */
function pythonPeer(): void {
  const r = spawnSync("/usr/bin/python3", [resolve(here, "../../shared/peers/ease_msr.py"), dataDir], {
    encoding: "utf8"
  });
  if (r.status !== 0) {
    emit({task: "python-peer", error: (r.stderr || String(r.error)).trim().split("\n").slice(-1)[0]});
    return;
  }
  for (const line of r.stdout.trim().split("\n")) {
    const nums = [...line.matchAll(/[-\d.]+(?:e-?\d+)?/g)].map((x) => Number(x[0])).filter((x) => !Number.isNaN(x));
    const lam = /lam=(\d+)/.exec(line)?.[1];
    const [precision, recall, ndcg] = lam ? nums.slice(1, 4) : nums.slice(0, 3);
    emit({
      task: "python-peer",
      model: lam ? `ease λ=${lam}` : "popular",
      precision: round(precision),
      recall: round(recall),
      ndcg: round(ndcg),
      seconds: lam ? nums[4] : undefined
    });
  }
}

const one = opt("--one");
if (one !== undefined) {
  await runOne(one, (opt("--task") ?? "rating") as "rating" | "ranking");
} else {
  const only = opt("--models")?.split(",");
  const rating = modelNames("rating").filter((n) => !only || only.includes(n));
  const ranking = [
    "popular",
    "item-knn-implicit",
    "ease",
    ...modelNames("ranking").filter((n) => !["popular", "item-knn-implicit", "ease"].includes(n)),
    "mf"
  ].filter((n) => !only || only.includes(n));
  if (!args.includes("--no-peer")) await peerComparison();
  const child = (name: string, task: string) => {
    const r = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        process.argv[1],
        "--one",
        name,
        "--task",
        task,
        "--data",
        dataDir,
        "--folds",
        foldNums.join(",")
      ],
      {encoding: "utf8", maxBuffer: 1 << 24}
    );
    if (r.status !== 0) emit({task, model: name, error: r.stderr.trim().split("\n").slice(-3).join(" ")});
    else process.stdout.write(r.stdout);
  };
  for (const name of rating) child(name, "rating");
  if (!args.includes("--no-ranking")) for (const name of ranking) child(name, "ranking");
  if (args.includes("--python-peer")) pythonPeer();
}
