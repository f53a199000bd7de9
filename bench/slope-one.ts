/**
 * Slope One against its peer in the same run: our model (lib/models/neighbours/slope-one.ts) through the
 * harness and Surprise's SlopeOne transcribed to numpy (bench/peers/slope_one.py, as Surprise itself
 * cannot be installed here) on ml-100k's official u1..u5. Prints JSON: per fold both RMSE/MAE, the
 * largest difference between the two predictions of any test rating, and both fit times.
 *
 *   npx tsx bench/slope-one.ts [--data DIR]   (DIR defaults to MOVIELAB_TEST_DATA or ../shared/data/ml-100k)
 */
import {execFileSync} from "node:child_process";
import {loadavg} from "node:os";
import {join, resolve} from "node:path";
import {crossValidate} from "../lib/eval/cross-validate.js";
import {slopeOneModel} from "../lib/models/neighbours/slope-one.js";
import {openDataset} from "../lib/node/open-dataset.js";

const args = process.argv.slice(2);
const at = args.indexOf("--data");
const dir = resolve(
  at >= 0 ? args[at + 1] : (process.env.MOVIELAB_TEST_DATA ?? join(import.meta.dirname, "../../shared/data/ml-100k"))
);
const load = loadavg().map((x) => Math.round(x * 100) / 100);
const data = await openDataset({spec: dir, clean: {beforeRelease: false}});
const {protocol, folds} = await data.folds.rating(5);
if (protocol !== "official") throw new Error(`${dir}: the peer reads u1..u5; expected ml-100k's official folds`);

const predictions: Float64Array[] = [];
const ours = await crossValidate(slopeOneModel, folds, {onFold: (o) => predictions.push(o.predictions.rating)});
const t0 = performance.now();
const peer = JSON.parse(
  execFileSync("/usr/bin/python3", [join(import.meta.dirname, "peers/slope_one.py"), dir], {
    maxBuffer: 1 << 28
  }).toString()
) as {folds: {fold: string; rmse: number; mae: number; users: number[]; movies: number[]; predictions: number[]}[]};
const peerSeconds = (performance.now() - t0) / 1000;

const {userIds, movies} = data.dataset;
const perFold = ours.folds.map((f, k) => {
  const p = peer.folds[k];
  // Our test part is in the data set's row order, the peer's in the file's: pair them by (user, movie) id.
  const peerOf = new Map(p.predictions.map((x, i) => [`${p.users[i]}:${p.movies[i]}`, x]));
  const test = folds[k].test;
  if (peerOf.size !== test.rating.length)
    throw new Error(`${f.fold}: ${peerOf.size} peer predictions, ${test.rating.length} ours`);
  let maxDiff = 0;
  for (let i = 0; i < test.rating.length; i++) {
    const theirs = peerOf.get(`${userIds[test.user[i]]}:${movies.id[test.movie[i]]}`);
    if (theirs === undefined) throw new Error(`${f.fold}: the peer has no prediction for test row ${i}`);
    maxDiff = Math.max(maxDiff, Math.abs(theirs - predictions[k][i]));
  }
  return {
    fold: f.fold,
    rmse: f.metrics.rmse,
    peerRmse: p.rmse,
    mae: f.metrics.mae,
    peerMae: p.mae,
    maxPredictionDiff: maxDiff,
    fitSeconds: f.fitSeconds
  };
});
console.log(
  JSON.stringify({
    bench: "slope-one",
    dataset: data.dataset.name,
    loadavg: load,
    rmse: ours.metrics.rmse,
    mae: ours.metrics.mae,
    peerRmse: perFold.reduce((s, f) => s + f.peerRmse, 0) / perFold.length,
    peerMae: perFold.reduce((s, f) => s + f.peerMae, 0) / perFold.length,
    maxPredictionDiff: Math.max(...perFold.map((f) => f.maxPredictionDiff)),
    fitSecondsPerFold: ours.fitSeconds.mean,
    peerSecondsAllFolds: peerSeconds,
    folds: perFold
  })
);
