/**
 * The rating classifier on ml-100k's official u1..u5 folds, against the peer (pandas + scikit-learn +
 * native XGBoost 1.7, ../shared/peers/seed004_xgb.py) run in the same bench run on the same machine:
 * - ours with the peer's configuration (its 13 features, 100 rounds, depth 6, eta 0.3): accuracy,
 *   macro F1, RMSE of the expected rating, tree fit seconds per fold (the peer times clf.fit only);
 * - ours tuned (DEFAULT_CLASSIFIER_PARAMS): the same figures;
 * - predict milliseconds for u1's 20,000 test rows (features + trees, and trees alone), model JSON
 *   bytes, and the bytes of a workbench bundle (u1 model + EASE ranker pruned to 64 per movie).
 * Prints one JSON object. Usage: tsx bench/classifier.ts [dir] [--skip-peer] [--skip-tuned] [--threads N]
 */
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {join, resolve} from "node:path";
import {serializeBundle} from "../lib/bundle/bundle.js";
import {buildWorkbenchBundle} from "../lib/bundle/workbench.js";
import {crossValidateClassifier, type CvResult} from "../lib/eval/cross-validate-classifier.js";
import {buildFeatures} from "../lib/features/feature-matrix.js";
import {modelToJSON} from "../lib/models/gbdt/model.js";
import {predictProba} from "../lib/models/gbdt/predict.js";
import {parallelTrainer} from "../lib/node/threads/gbdt-parallel.js";
import {openDataset} from "../lib/node/open-dataset.js";
import {
  DEFAULT_CLASSIFIER_PARAMS,
  fitClassifierAsync,
  PEER_CLASSIFIER_PARAMS,
  predictClassifier,
  resolveClassifierParams,
  type ClassifierParams,
  type ClassifierState
} from "../lib/models/classifier/pipeline.js";

const args = process.argv.slice(2);
const dir = resolve(
  args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--threads") ??
    process.env.MOVIELAB_TEST_DATA ??
    join(import.meta.dirname, "../../shared/data/ml-100k")
);
const skipPeer = args.includes("--skip-peer");
const skipTuned = args.includes("--skip-tuned");
const PEER_PARAMS: Readonly<ClassifierParams> = PEER_CLASSIFIER_PARAMS;
// --threads 1 measures the single-thread engine; default two worker threads, as the peer's XGBoost.
const threadsArg = args.indexOf("--threads");
const threads = threadsArg >= 0 ? Number(args[threadsArg + 1]) : 2;
const trainer = parallelTrainer({threads});
const PEER_SCRIPT = resolve(import.meta.dirname, "../../shared/peers/seed004_xgb.py");
const log = (msg: string) => process.stderr.write(`[bench/classifier] ${msg}\n`);
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const opened = await openDataset({target: {kind: "dir", dir, name: "ml-100k"}, clean: {beforeRelease: false}});
const dataset = opened.dataset;
const folds = await opened.folds.official();

interface PeerRow {
  fold: number;
  acc: number;
  macro_f1: number;
  rmse_expected: number;
  fit_s: number;
  prep_s: number;
  predict_s: number;
}

function runPeer(): {rows: PeerRow[]; seconds: number; threads: number} | {error: string} {
  if (!existsSync(PEER_SCRIPT)) return {error: `no peer script at ${PEER_SCRIPT}`};
  log("peer: /usr/bin/python3 seed004_xgb.py (native XGBoost, 2 threads)");
  const t0 = performance.now();
  const p = spawnSync("/usr/bin/python3", [PEER_SCRIPT, dir], {
    encoding: "utf8",
    env: {...process.env, THREADS: process.env.PEER_THREADS ?? "2"}
  });
  if (p.status !== 0) return {error: `peer exited ${p.status}: ${p.stderr.trim().split("\n").pop()}`};
  const rows = p.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l))
    .filter((o) => !o.summary) as PeerRow[];
  return {rows, seconds: (performance.now() - t0) / 1000, threads: Number(process.env.PEER_THREADS ?? 2)};
}

function summary(r: CvResult) {
  return {
    accuracy: r4(r.summary.mean.accuracy),
    accuracy_sd: r4(r.summary.sd.accuracy),
    macro_f1: r4(r.summary.mean.macro_f1),
    weighted_f1: r4(r.summary.mean.weighted_f1),
    log_loss: r4(r.summary.mean.log_loss),
    rmse_expected: r4(r.summary.mean.rmse),
    mae_expected: r4(r.summary.mean.mae),
    tree_fit_s_per_fold: r4(mean(r.folds.map((f) => f.training.treeSeconds))),
    feature_s_per_fold: r4(mean(r.folds.map((f) => f.training.featureSeconds))),
    total_fit_s_per_fold: r4(r.summary.mean.fit_seconds),
    rounds: r.folds.map((f) => f.training.rounds),
    per_fold: r.folds.map((f) => ({
      fold: f.name,
      accuracy: r4(f.metrics.accuracy),
      macro_f1: r4(f.metrics.macro_f1),
      rmse: r4(f.metrics.rmse),
      tree_fit_s: r4(f.training.treeSeconds)
    })),
    baselines: {
      majority_accuracy: r4(r.baselines.majority.mean.accuracy),
      bias_accuracy: r4(r.baselines.bias.mean.accuracy),
      bias_rmse: r4(r.baselines.bias.mean.rmse)
    }
  };
}

function predictTimes(state: ClassifierState) {
  const test = folds[0].test;
  const endToEnd: number[] = [];
  const treesOnly: number[] = [];
  const m = buildFeatures(state.features, dataset, test, {forTraining: false});
  const x =
    state.columnIndex === null
      ? m.features
      : Float32Array.from(
          {length: test.length * state.columnIndex.length},
          (_, i) =>
            m.features[
              Math.floor(i / state.columnIndex!.length) * m.nFeatures +
                state.columnIndex![i % state.columnIndex!.length]
            ]
        );
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    predictClassifier(state, dataset, test);
    endToEnd.push(performance.now() - t);
    t = performance.now();
    predictProba(state.model, x, test.length);
    treesOnly.push(performance.now() - t);
  }
  return {
    rows: test.length,
    predict_ms: r4(median(endToEnd)),
    trees_only_ms: r4(median(treesOnly)),
    model_json_bytes: modelToJSON(state.model).length,
    trees: state.model.trees.length
  };
}

async function ours(params: Readonly<ClassifierParams>, label: string) {
  log(`ours (${label}): 5 official folds`);
  const r = await crossValidateClassifier(dataset, {
    folds,
    params,
    base: params,
    trainer,
    onProgress: (p) => p.phase === "done" && log(`  ${label} ${p.name} done`)
  });
  log(`ours (${label}): u1 model for predict timings`);
  const state = await fitClassifierAsync(dataset, folds[0].train, params, {trainer});
  return {result: summary(r), predict: predictTimes(state), state};
}

const out: Record<string, unknown> = {
  dataset: dir,
  folds: folds.map((f) => f.name),
  node: process.version,
  tree_threads: threads,
  cpus: (await import("node:os")).cpus().length,
  loadavg_start: (await import("node:os")).loadavg().map(r4)
};
// The peer runs just before and just after ours with its configuration; its fit time is the mean of both, since load on shared machines drifts.
const peerBefore = skipPeer ? {error: "skipped"} : runPeer();
const peerCfg = await ours(PEER_PARAMS, "peer configuration");
const peerAfter = skipPeer ? {error: "skipped"} : runPeer();
const peer =
  "rows" in peerBefore && "rows" in peerAfter
    ? {...peerBefore, rows: [...peerBefore.rows, ...peerAfter.rows]}
    : peerBefore;
out.ours_peer_config = {
  ...peerCfg.result,
  predict_20k: peerCfg.predict,
  gbdt: resolveClassifierParams(PEER_PARAMS).gbdt
};
if (!skipTuned) {
  const tuned = await ours(DEFAULT_CLASSIFIER_PARAMS, "tuned");
  out.ours_tuned = {...tuned.result, predict_20k: tuned.predict, params: DEFAULT_CLASSIFIER_PARAMS};
  log("bundle: u1 tuned model + EASE pruned to 64 per movie");
  const bundle = buildWorkbenchBundle(dataset, tuned.state, {ranker: "ease", neighbours: 64, rows: folds[0].train});
  out.bundle_bytes_u1_tuned_ease64 = serializeBundle(bundle).length;
}
if ("rows" in peer) {
  const fit = mean(peer.rows.map((r) => r.fit_s));
  out.peer = {
    threads: peer.threads,
    accuracy: r4(mean(peer.rows.map((r) => r.acc))),
    macro_f1: r4(mean(peer.rows.map((r) => r.macro_f1))),
    rmse_expected: r4(mean(peer.rows.map((r) => r.rmse_expected))),
    fit_s_per_fold: r4(fit),
    prep_s_per_fold: r4(mean(peer.rows.map((r) => r.prep_s))),
    predict_s_20k: r4(mean(peer.rows.map((r) => r.predict_s))),
    runs: 2,
    per_fold_fit_s: peer.rows.map((r) => r4(r.fit_s))
  };
  out.fit_time_ratio_ours_over_peer = r4(peerCfg.result.tree_fit_s_per_fold / fit);
} else {
  out.peer = peer;
}
out.loadavg_end = (await import("node:os")).loadavg().map(r4);
console.log(JSON.stringify(out, null, 2));
