/**
 * GBDT prediction speed on ml-100k u1's 20,000 test rows, for the peer configuration (13 features,
 * 100 rounds × 5 classes = 500 trees, depth 6) and the tuned classifier (early-stopped, about 620
 * trees of depth 7): trees only (predictProba on the feature matrix) and end to end
 * (predictClassifier: features + trees), on this thread alone and on two threads
 * (useForestThreads, checked bit-identical), and native XGBoost predicting the same rows with a
 * forest of the same shape (bench/peers/xgb_matrix.py, 2 threads and 1). With --baseline REV the
 * predict.ts of that git revision is timed in the same run, interleaved, and its probabilities are
 * compared bit for bit with the current ones; trees_only_js_kernel is the fallback where WebAssembly
 * is refused. Medians of RUNS runs (default 9), wall and CPU ms; min and max of the wall times.
 * Prints one JSON object. Usage: tsx bench/gbdt-predict.ts [dir] [--baseline REV] [--skip-peer] [--skip-tuned]
 */
import {execFileSync} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {pathToFileURL} from "node:url";
import {buildFeatures, labelsOf} from "../lib/features/feature-matrix.js";
import type {GbdtModel} from "../lib/models/gbdt/model.js";
import {predictProba} from "../lib/models/gbdt/predict.js";
import {transformMargins} from "../lib/models/gbdt/objective.js";
import {
  addRankForest,
  currentThreadedForest,
  encodeRanks,
  rankForest,
  setThreadedForest
} from "../lib/models/gbdt/rank-forest.js";
import {parallelTrainer} from "../lib/node/threads/gbdt-parallel.js";
import {useForestThreads} from "../lib/node/threads/forest-threads.js";
import {openDataset} from "../lib/node/open-dataset.js";
import {
  DEFAULT_CLASSIFIER_PARAMS,
  fitClassifierAsync,
  PEER_CLASSIFIER_PARAMS,
  predictClassifier,
  type ClassifierParams,
  type ClassifierState
} from "../lib/models/classifier/pipeline.js";

type Proba = (model: GbdtModel, features: Float32Array, n: number) => Float32Array;

const args = process.argv.slice(2);
const baselineArg = args.indexOf("--baseline");
const baselineRev = baselineArg >= 0 ? args[baselineArg + 1] : null;
const skipPeer = args.includes("--skip-peer");
const skipTuned = args.includes("--skip-tuned");
const NATIVE = resolve(import.meta.dirname, "peers/xgb_matrix.py");
const dir = resolve(
  args.find((a, i) => !a.startsWith("--") && i !== baselineArg + 1) ??
    process.env.MOVIELAB_TEST_DATA ??
    join(import.meta.dirname, "../../shared/data/ml-100k")
);
const RUNS = Number(process.env.RUNS ?? 9);
const log = (msg: string) => process.stderr.write(`[bench/gbdt-predict] ${msg}\n`);
const r2 = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The predictProba of predict.ts at a git revision, written to a temporary module that imports the current siblings. */
async function baselineProba(rev: string): Promise<{proba: Proba; cleanup: () => void}> {
  const root = resolve(import.meta.dirname, "..");
  const src = execFileSync("git", ["show", `${rev}:lib/models/gbdt/predict.ts`], {cwd: root, encoding: "utf8"});
  const siblings = pathToFileURL(join(root, "lib/models/gbdt/")).href;
  const tmp = mkdtempSync(join(tmpdir(), "gbdt-predict-baseline-"));
  const file = join(tmp, "predict-baseline.mts");
  writeFileSync(
    file,
    src.replace(/from "\.\/([^"]+)"/g, (_, p: string) => `from "${siblings}${p}"`)
  );
  const mod = (await import(pathToFileURL(file).href)) as {predictProba: Proba};
  return {proba: mod.predictProba, cleanup: () => rmSync(tmp, {recursive: true, force: true})};
}

/** Milliseconds of f (wall and this process's CPU). */
function time(f: () => unknown): {wall: number; cpu: number} {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const wall = performance.now() - t;
  const u = process.cpuUsage(c);
  return {wall, cpu: (u.user + u.system) / 1000};
}

const opened = await openDataset({target: {kind: "dir", dir, name: "ml-100k"}, clean: {beforeRelease: false}});
const dataset = opened.dataset;
const folds = await opened.folds.official();
const test = folds[0].test;
const n = test.length;
const baseline = baselineRev === null ? null : await baselineProba(baselineRev);

/** The model's columns of a feature matrix (the classifier may keep a subset). */
function columnsOf(state: ClassifierState, rows: Int32Array, forTraining: boolean): Float32Array {
  const m = buildFeatures(state.features, dataset, rows, {forTraining});
  const ci = state.columnIndex;
  return ci === null
    ? m.features
    : Float32Array.from(
        {length: rows.length * ci.length},
        (_, i) => m.features[Math.floor(i / ci.length) * m.nFeatures + ci[i % ci.length]]
      );
}

/**
 * Native XGBoost predicting 20,000 rows with a forest of the same shape: trained by
 * bench/peers/xgb_matrix.py on this configuration's u1 feature matrix with our round count
 * (best_iteration + 1) and the configuration's depth, eta and sampling, on `threads` threads.
 * Its predict time is the median of PREDICT_RUNS calls of predict_proba.
 */
function nativePredict(state: ClassifierState, params: Readonly<ClassifierParams>, threads: number) {
  const tmp = mkdtempSync(join(tmpdir(), "gbdt-predict-native-"));
  try {
    const train = folds[0].train;
    const d = state.model.num_feature;
    writeFileSync(
      join(tmp, "meta.json"),
      JSON.stringify({n_train: train.length, n_test: n, d, num_class: state.model.num_group})
    );
    // Prediction-time features of every training row: the pipeline's training features exist only for
    // the rows it was fitted on (early stopping held some out), and the forest's shape is set below.
    writeFileSync(join(tmp, "train.f32"), columnsOf(state, train, false));
    writeFileSync(join(tmp, "train.i32"), labelsOf(dataset, train));
    writeFileSync(join(tmp, "test.f32"), columnsOf(state, test, false));
    writeFileSync(join(tmp, "test.i32"), labelsOf(dataset, test));
    const g = params.gbdt ?? {};
    const extra = {
      n_estimators: state.model.best_iteration + 1,
      max_depth: g.max_depth ?? 6,
      learning_rate: g.learning_rate ?? 0.3,
      min_child_weight: g.min_child_weight ?? 1,
      subsample: g.subsample ?? 1,
      max_bin: g.max_bin ?? 256
    };
    const out = execFileSync("/usr/bin/python3", [NATIVE, tmp, String(threads), JSON.stringify(extra)], {
      encoding: "utf8",
      env: {...process.env, PREDICT_RUNS: String(RUNS)}
    });
    const r = JSON.parse(out.trim().split("\n").at(-1)!) as {predict_ms: number; trees?: number; version: string};
    return {threads, predict_ms: r2(r.predict_ms), version: r.version, params: extra};
  } catch (e) {
    return {threads, error: (e as Error).message.split("\n")[0]};
  } finally {
    rmSync(tmp, {recursive: true, force: true});
  }
}

/** Timings of one configuration's u1 model: alone and on two threads (useForestThreads), and native's. */
async function measure(label: string, params: Readonly<ClassifierParams>, extraCases: boolean) {
  log(`u1 model, ${label} (two training threads)`);
  const state = await fitClassifierAsync(dataset, folds[0].train, params, {trainer: parallelTrainer({threads: 2})});
  const model = state.model;
  const x = columnsOf(state, test, false);
  const compile = time(() => rankForest(model));
  const forest = rankForest(model);
  const alone = () => {
    setThreadedForest(null);
  };
  const cases: Record<string, () => unknown> = {
    trees_only: () => (alone(), predictProba(model, x, n)),
    encode_only: () => (forest === null ? null : encodeRanks(forest, x, n)),
    end_to_end: () => (alone(), predictClassifier(state, dataset, test)),
    trees_only_threads2: () => (threads.install(), predictProba(model, x, n)),
    end_to_end_threads2: () => (threads.install(), predictClassifier(state, dataset, test))
  };
  if (extraCases) {
    // predictProba with the JavaScript kernel only (as in a page whose CSP refuses WebAssembly).
    cases.trees_only_js_kernel = () => {
      if (forest === null) return null;
      const out = new Float32Array(n * model.num_group).fill(model.base_margin);
      addRankForest(
        forest,
        encodeRanks(forest, x, n),
        n,
        (model.best_iteration + 1) * model.num_group,
        model.num_group,
        out,
        "js"
      );
      transformMargins(model.objective, out, n, model.num_group);
      return out;
    };
  }
  let identical: Record<string, unknown> | null = null;
  const differing = (a: Float32Array | null, b: Float32Array) =>
    a === null ? null : a.reduce((count, v, i) => count + (Object.is(v, b[i]) ? 0 : 1), 0);
  threads.install();
  const jobs0 = threads.jobs();
  const threaded = predictProba(model, x, n);
  // The comparison means something only if the threads took the job (not a fallback to this thread).
  const threadedRan = threads.jobs() > jobs0;
  alone();
  const single = predictProba(model, x, n);
  if (extraCases && baseline !== null) {
    cases.baseline_trees_only = () => (alone(), baseline.proba(model, x, n));
    const b = baseline.proba(model, x, n);
    identical = {
      values: b.length,
      differing: differing(single, b),
      differing_js_kernel: differing(cases.trees_only_js_kernel() as Float32Array | null, b)
    };
  }
  const samples: Record<string, {wall: number[]; cpu: number[]}> = {};
  for (const k of Object.keys(cases)) samples[k] = {wall: [], cpu: []};
  // One warm-up round, then RUNS rounds interleaving the cases so that load drifts hit them alike.
  for (let r = -1; r < RUNS; r++) {
    for (const [k, f] of Object.entries(cases)) {
      const t = time(f);
      if (r < 0) continue;
      samples[k].wall.push(t.wall);
      samples[k].cpu.push(t.cpu);
    }
  }
  alone();
  const result = Object.fromEntries(
    Object.entries(samples).map(([k, s]) => [
      `${k}_ms`,
      {
        wall_median: r2(median(s.wall)),
        cpu_median: r2(median(s.cpu)),
        wall_min: r2(Math.min(...s.wall)),
        wall_max: r2(Math.max(...s.wall))
      }
    ])
  );
  log(`native XGBoost, ${label}: same shape, 2 threads and 1`);
  const native = skipPeer ? [] : [nativePredict(state, params, 2), nativePredict(state, params, 1)];
  const ratio = (ours: number, peer: {predict_ms?: number} | undefined) =>
    peer?.predict_ms === undefined ? null : r2(ours / peer.predict_ms);
  return {
    trees: model.trees.length,
    features: model.num_feature,
    depth: forest?.depth ?? null,
    compiled: forest !== null,
    compile_ms: r2(compile.wall),
    threads2_ran_on_threads: threadedRan,
    threads2_bit_identical: threadedRan && differing(threaded, single) === 0,
    ...(extraCases ? {baseline: baselineRev, bit_identical_to_baseline: identical} : {}),
    ...result,
    native,
    end_to_end_under_100ms: {
      alone: median(samples.end_to_end.wall) < 100,
      threads2: median(samples.end_to_end_threads2.wall) < 100
    },
    end_to_end_threads2_over_native2: ratio(median(samples.end_to_end_threads2.wall), native[0]),
    end_to_end_over_native1: ratio(median(samples.end_to_end.wall), native[1])
  };
}

/** The forest threads, installed for the threaded cases and uninstalled (not stopped) for the others. */
const threads = (() => {
  const t = useForestThreads({threads: 2});
  let handler: Parameters<typeof setThreadedForest>[0] = null;
  return {
    ready: t.ready,
    capture() {
      handler = currentThreadedForest();
    },
    install() {
      setThreadedForest(handler);
    },
    jobs: () => t.jobs,
    stop: () => t.stop()
  };
})();
await threads.ready;
threads.capture();

const peerConfig = await measure("peer configuration", PEER_CLASSIFIER_PARAMS, true);
const tuned = skipTuned ? null : await measure("tuned", DEFAULT_CLASSIFIER_PARAMS, false);
baseline?.cleanup();
await threads.stop();
console.log(
  JSON.stringify({
    dataset: dir,
    node: process.version,
    rows: n,
    runs: RUNS,
    peer_configuration: peerConfig,
    tuned,
    loadavg: loadavg().map(r2)
  })
);
process.exit(0);
