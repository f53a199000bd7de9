/**
 * Bit-exact fingerprint of the models' and evaluations' results on ml-100k, to compare a commit
 * before and after a refactor. Prints ONE JSON object on stdout; progress goes to stderr.
 *
 *   npx tsx bench/fingerprint.ts [--data DIR] [--only predictions,ratingCv,rankingCv,classifier] [--models a,b]
 *
 * Sections (one function each, so the model-facing calls are easy to port to a new API):
 *   predictions  every model in MODELS fitted on u1's training part as `movielab cv recommender` fits it
 *                (params {seed: 42} when the model has a seed, else none); sha256 of the Float64Array of
 *                predicted ratings over u1.test (in fold order), of the Uint8Array of fallback flags, and of
 *                the Float32Array scoreAll bytes of users 0..49 concatenated; u1 RMSE/MAE at full precision.
 *   ratingCv     crossValidate (as `movielab cv recommender --json`) per rating model on u1..u5
 *                (blend and bpmf: u1 only), timings dropped.
 *   rankingCv    what `movielab rank --model NAME --json` computes (Microsoft split, seed 42, k 10) for every
 *                model in MODELS, timings dropped.
 *   classifier   crossValidateClassifier on u1..u5 with the CLI's default params and worker-thread trainer
 *                (as `movielab cv classifier --json`), timings dropped; plus a separate u1 fit (same params and
 *                trainer) whose predicted probability matrix is hashed.
 * Numbers are JSON doubles (JSON.stringify is exact: it round-trips every float64).
 */
import {createHash} from "node:crypto";
import {join, resolve} from "node:path";
import type {Dataset} from "../lib/data/types.js";
import {crossValidateClassifier} from "../lib/eval/cross-validate-classifier.js";
import {classificationReport} from "../lib/eval/classification-metrics.js";
import {crossValidate} from "../lib/eval/cross-validate.js";
import {datasetRankingSplit, rankAll} from "../lib/eval/evaluate-ranking.js";
import {rankMetricsJson} from "../lib/reports/rank-result.js";
import {ratingFoldsFromRows, type FoldRows, type RatingFold} from "../lib/data/folds.js";
import {mae, rmse} from "../lib/eval/rating-metrics.js";
import {labelsOf} from "../lib/features/feature-matrix.js";
import {fitModel, predict, seedParams, type AnyModel} from "../lib/models/estimator.js";
import {MODELS} from "../lib/models/registry.js";
import {parallelTrainer} from "../lib/node/threads/gbdt-parallel.js";
import {fitClassifierAsync, predictClassifier} from "../lib/models/classifier/pipeline.js";
import type {CommandContext} from "../src/cli-command.js";
import {foldsFor} from "../src/commands/cv/classifier.js";
import {classifierParamsFrom} from "../src/options/classifier.js";
import {datasetOptions} from "../src/options/dataset.js";
import {openDataset} from "../lib/node/open-dataset.js";

// ---------------------------------------------------------------------------------------------
// Settings (the CLI's defaults)

/** Seed of `movielab cv recommender` and `movielab rank` (their --seed default). */
const SEED = 42;
/** `movielab rank`'s default k. */
const RANK_K = 10;
/** Users whose scoreAll vectors are hashed. */
const SCORE_USERS = 50;
/** Rating models that take 60–90 s per fold: cross-validated on u1 only. */
const SLOW_RATING_MODELS = new Set(["blend", "bpmf"]);
/** Keys of wall-clock timings, dropped from every result. */
const TIMING_KEYS = new Set([
  "fitSeconds",
  "rankSeconds",
  "fit_seconds",
  "rank_seconds",
  "predict_seconds",
  "predictSeconds",
  "featureSeconds",
  "treeSeconds",
  "buildSeconds"
]);

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const DATA_DIR = resolve(
  opt("--data") ?? process.env.MOVIELAB_TEST_DATA ?? join(import.meta.dirname, "../../shared/data/ml-100k")
);
const ONLY = opt("--only")?.split(",");
/** Restricts every section to these models (for quick checks; the full fingerprint uses all). */
const MODEL_FILTER = opt("--models")?.split(",");
const selected = (name: string) => MODEL_FILTER === undefined || MODEL_FILTER.includes(name);
const STARTED = performance.now();
const elapsed = () => ((performance.now() - STARTED) / 1000).toFixed(1);
const log = (msg: string) => process.stderr.write(`[fingerprint ${elapsed()} s] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Helpers

/** sha256 (hex) of a typed array's bytes (only its own view, not the whole buffer). */
function sha256(...arrays: ArrayBufferView[]): string {
  const h = createHash("sha256");
  for (const a of arrays) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest("hex");
}

/** The params `movielab cv recommender` and `movielab rank` pass to fit: {seed} when the model has one. */
function cliParams(model: AnyModel): Record<string, unknown> | undefined {
  return seedParams(model, SEED);
}

/** A deep copy without timing keys (typed arrays become plain arrays). */
function dropTimings<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (!TIMING_KEYS.has(k)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** A CommandContext as the CLI builds it for `--data DIR` and no other option (progress off). */
function cliContext(options: Record<string, string | boolean | undefined> = {}): CommandContext {
  return {
    args: [],
    options: {data: DATA_DIR, ...options},
    out: () => {},
    err: (t) => process.stderr.write(t),
    env: {...process.env, MOVIELAB_DATA: undefined} as NodeJS.ProcessEnv,
    cwd: process.cwd(),
    stderrIsTTY: false
  };
}

// ---------------------------------------------------------------------------------------------
// Data: exactly the CLI's reading and cleaning (cv and rank: every rule except before-release),
// and its default folds (official u1..u5 when the files exist).

interface Data {
  dataset: Dataset;
  /** Official u1..u5 as row indices (classifier CV). */
  foldRows: FoldRows[];
  /** The same folds as recommender folds (TrainSet + test ratings). */
  folds: RatingFold[];
}

async function loadData(): Promise<Data> {
  const ctx = cliContext();
  const loaded = await openDataset(datasetOptions(ctx, {beforeRelease: false}));
  if (loaded.synthetic) throw new Error(`fingerprint: ${DATA_DIR} resolved to the synthetic set`);
  const spec = await foldsFor(ctx, loaded, "fingerprint");
  if (typeof spec === "number") throw new Error(`fingerprint: ${DATA_DIR} has no official u1..u5 files`);
  return {dataset: loaded.dataset, foldRows: spec, folds: ratingFoldsFromRows(loaded.dataset, spec)};
}

function dataInfo(data: Data): object {
  const d = data.dataset;
  return {
    dir: DATA_DIR,
    name: d.name,
    users: d.userIds.length,
    movies: d.movies.id.length,
    ratings: d.ratings.rating.length,
    ratingsSha256: sha256(d.ratings.user, d.ratings.movie, d.ratings.rating, d.ratings.timestamp),
    folds: data.foldRows.map((f) => ({
      name: f.name,
      train: f.train.length,
      test: f.test.length,
      trainSha256: sha256(f.train),
      testSha256: sha256(f.test)
    }))
  };
}

// ---------------------------------------------------------------------------------------------
// a. predictions: every model fitted on u1.base, predict over u1.test, scoreAll of users 0..49

async function predictionsSection(data: Data): Promise<Record<string, object>> {
  const u1 = data.folds[0];
  const out: Record<string, object> = {};
  for (const [name, m] of Object.entries(MODELS)) {
    if (!selected(name)) continue;
    const task = m.task;
    const params = cliParams(m);
    const t0 = performance.now();
    const state = await fitModel(m, u1.train, params, {gbdtTrainer: parallelTrainer()});
    const fitSeconds = (performance.now() - t0) / 1000;
    const n = u1.test.rating.length;
    const predicted = new Float64Array(n);
    const fallback = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const p = predict(m, state, u1.test.user[k], u1.test.movie[k]);
      predicted[k] = p.rating;
      fallback[k] = p.fallback ? 1 : 0;
    }
    const h = createHash("sha256");
    let scoreLength = -1;
    for (let u = 0; u < SCORE_USERS; u++) {
      const s = m.scoreAll(state, u);
      if (!(s instanceof Float32Array))
        throw new Error(`${name}.scoreAll returned ${Object.prototype.toString.call(s)}, expected a Float32Array`);
      if (scoreLength < 0) scoreLength = s.length;
      h.update(new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
    }
    out[name] = {
      task,
      params: params ?? null,
      nTest: n,
      fallbacks: fallback.reduce((a, b) => a + b, 0),
      rmse: rmse(u1.test.rating, predicted),
      mae: mae(u1.test.rating, predicted),
      predictSha256: sha256(predicted),
      fallbackSha256: sha256(fallback),
      scoreAllLength: scoreLength,
      scoreAllSha256: h.digest("hex")
    };
    log(`predictions ${name}: fit ${fitSeconds.toFixed(1)} s, u1 RMSE ${(out[name] as {rmse: number}).rmse}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// b. ratingCv: `movielab cv recommender` per rating model (official folds; slow models on u1)

async function ratingCvSection(data: Data): Promise<Record<string, object>> {
  const out: Record<string, object> = {};
  for (const [name, m] of Object.entries(MODELS)) {
    if (m.task !== "rating" || !selected(name)) continue;
    const folds = SLOW_RATING_MODELS.has(name) || m.slow === true ? data.folds.slice(0, 1) : data.folds;
    const t0 = performance.now();
    const e = await crossValidate(m, folds, {
      params: cliParams(m),
      metrics: ["rating"],
      fitOptions: {gbdtTrainer: parallelTrainer()},
      onFold: ({score}) =>
        log(`ratingCv ${name} ${score.fold}: RMSE ${score.metrics.rmse} (fit ${score.fitSeconds.toFixed(1)} s)`)
    });
    // The shape of the former evaluateRating result, so that fingerprints of both APIs compare key by key.
    const folded = e.folds.map((f) => ({
      fold: f.fold,
      rmse: f.metrics.rmse,
      mae: f.metrics.mae,
      nTest: f.nTest,
      fallbacks: f.fallbacks
    }));
    out[name] = {
      foldNames: folds.map((f) => f.name),
      model: e.model,
      folds: folded,
      rmse: e.metrics.rmse,
      mae: e.metrics.mae
    };
    log(`ratingCv ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// c. rankingCv: `movielab rank --model NAME` (Microsoft split, seed 42, k 10) for every model

async function rankingCvSection(data: Data): Promise<Record<string, object>> {
  const d = data.dataset;
  const split = datasetRankingSplit(d, SEED);
  const out: Record<string, object> = {};
  for (const [name, m] of Object.entries(MODELS)) {
    if (!selected(name)) continue;
    const task = m.task;
    const t0 = performance.now();
    const state = await fitModel(m, split.train, cliParams(m), {gbdtTrainer: parallelTrainer()});
    const t1 = performance.now();
    const {byK} = rankAll(m, state, split, [RANK_K]);
    const s = byK[0];
    // rankToJson's fields, without the timings.
    out[name] = {task, ...rankMetricsJson(s)};
    log(
      `rankingCv ${name}: fit ${((t1 - t0) / 1000).toFixed(1)} s, rank ${((performance.now() - t1) / 1000).toFixed(1)} s, ndcg@10 ${s.ndcg}`
    );
  }
  return {
    protocol: {
      seed: SEED,
      k: RANK_K,
      trainRatings: split.train.ratings.rating.length,
      testRatings: split.test.rating.length,
      trainSha256: sha256(split.train.ratings.user, split.train.ratings.movie),
      testSha256: sha256(split.test.user, split.test.movie)
    },
    models: out
  };
}

// ---------------------------------------------------------------------------------------------
// d. classifier: `movielab cv classifier` (official u1..u5, default params, worker-thread trainer)

async function classifierSection(data: Data): Promise<object> {
  const ctx = cliContext();
  const params = classifierParamsFrom(ctx, "fingerprint");
  const result = await crossValidateClassifier(data.dataset, {
    folds: data.foldRows,
    trainer: parallelTrainer(),
    params,
    base: params,
    seed: undefined,
    onProgress: (p) => {
      if (p.phase === "done") log(`classifier cv ${p.name} done`);
    }
  });
  // The CV result does not keep probabilities: fit u1 again, the same way, and hash its matrix.
  const u1 = data.foldRows[0];
  const state = await fitClassifierAsync(data.dataset, u1.train, params, {trainer: parallelTrainer()});
  const {probabilities, classes} = predictClassifier(state, data.dataset, u1.test);
  const report = classificationReport(labelsOf(data.dataset, u1.test), probabilities, classes);
  const cvU1 = result.folds[0].metrics;
  log(`classifier u1 refit: ${state.log.rounds} rounds, accuracy ${report.accuracy} (cv fold: ${cvU1.accuracy})`);
  return {
    cv: dropTimings(result),
    u1Probabilities: {
      rows: u1.test.length,
      classes,
      rounds: state.log.rounds,
      bestIteration: state.log.bestIteration,
      sha256: sha256(probabilities),
      accuracy: report.accuracy,
      logLoss: report.logLoss,
      matchesCvFold:
        report.accuracy === cvU1.accuracy &&
        report.logLoss === cvU1.log_loss &&
        state.log.rounds === result.folds[0].training.rounds
    }
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const want = (s: string) => ONLY === undefined || ONLY.includes(s);
  const data = await loadData();
  log(
    `data: ${data.dataset.name}, ${data.dataset.ratings.rating.length} ratings, folds ${data.foldRows.map((f) => f.name).join(", ")}`
  );
  const notes: string[] = [
    "predictions/ratingCv/rankingCv: fit params are {seed: 42} for models whose defaults have a seed, else none (as the CLI).",
    "ratingCv: blend and bpmf on u1 only (60-90 s per fold); every other rating model on u1..u5.",
    "rankingCv: every model in MODELS, Microsoft protocol, seed 42, k 10 (movielab rank's defaults).",
    "classifier.u1Probabilities: a separate fit on u1 (same params, same worker-thread trainer) since the CV result does not keep probabilities; matchesCvFold checks it reproduces the CV's u1 fold.",
    `timing keys dropped everywhere: ${[...TIMING_KEYS].join(", ")}.`
  ];
  if (MODEL_FILTER !== undefined) notes.push(`PARTIAL RUN: models restricted to ${MODEL_FILTER.join(", ")}`);
  const out: Record<string, unknown> = {fingerprintVersion: 1, node: process.version, data: dataInfo(data)};
  if (want("predictions")) out.predictions = await predictionsSection(data);
  if (want("ratingCv")) out.ratingCv = await ratingCvSection(data);
  if (want("rankingCv")) out.rankingCv = await rankingCvSection(data);
  if (want("classifier")) out.classifier = await classifierSection(data);
  out.notes = notes;
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  log("done");
}

await main();
