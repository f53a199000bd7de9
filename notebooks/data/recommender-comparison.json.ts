// Data loader for data/recommender-comparison.json: the rating-model leaderboard (official u1..u5 on
// ml-100k, else 5 random folds; the slowest models on fewer folds), MF's RMSE against factors and
// epochs, and the seed's zero-filled SVD against the centred one. Logic lives in lib/reports/.
import {getModel, modelNames} from "../../lib/models/registry.js";
import {comparisonInputs} from "../../lib/node/comparison-inputs.js";
import {parallelTrainer} from "../../lib/node/threads/gbdt-parallel.js";
import {runLeaderboardThreaded} from "../../lib/node/threads/leaderboard-threads.js";
import {runLeaderboard, stripLeaderboardRow} from "../../lib/reports/leaderboard.js";
import {leaderboardTests} from "../../lib/reports/leaderboard-tests.js";
import {PUBLISHED_RATING} from "../../lib/reports/anchors.js";
import {mfSweep} from "../../lib/reports/mf-sweep.js";
import {diagnoseSeedSvd} from "../../lib/reports/seed-svd.js";

const started = performance.now();
const log = (msg: string) =>
  process.stderr.write(
    `recommender-comparison.json: ${msg} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`
  );
const {data, dataset: d, sample, protocol, description, folds} = await comparisonInputs();
// Every rating model of the registry: on all five folds, or on the first only for those that declare
// themselves slow (BPMF, the blend and the classifier take minutes per fold), to keep the build short.
// Two threads take the models (each re-deriving the same folds; see leaderboard-threads.ts) while this
// one runs the sweep: a first visit in the preview waits about half as long. One thread when the build
// runs loaders side by side (MOVIELAB_LOADER_THREADS=1, set by scripts/run-loaders.mjs), and on sets
// over THREADED_MAX_RATINGS, where each thread would hold its own copy of the set.
const THREADED_MAX_RATINGS = 2_000_000;
const asked = Number(process.env.MOVIELAB_LOADER_THREADS ?? 2);
const threads = data.dataset.ratings.rating.length <= THREADED_MAX_RATINGS && asked >= 2 ? 2 : 1;
const source = {
  module: new URL("../../lib/node/comparison-inputs.ts", import.meta.url).href,
  export: "comparisonFolds"
};
const board =
  threads > 1
    ? runLeaderboardThreaded(modelNames("rating"), source, {threads, onModel: (_, name) => log(`${name} done`)})
    : runLeaderboard(modelNames("rating").map(getModel), folds, (_, name) => log(name), {
        fitOptions: {gbdtTrainer: parallelTrainer()}
      });
log("sweep");
const sweep = await mfSweep(folds.slice(0, 2), [1, 2, 5, 10, 20, 50, 100, 200], [1, 2, 5, 10, 20, 30, 50]);
log("seed svd");
const seedSvd = diagnoseSeedSvd(folds[0]);
const rows = await board;
// Paired tests against the best need the rows' per-user errors, which stay out of the JSON.
const tests = leaderboardTests(rows);
const leaderboard = rows.map(stripLeaderboardRow);
log(`${d.name}, ${description}, ${sample.text}`);
const density = d.ratings.rating.length / (d.userIds.length * d.movies.id.length);
process.stdout.write(
  JSON.stringify({
    name: d.name,
    synthetic: data.synthetic,
    sample,
    density,
    protocol,
    foldsDescription: description,
    leaderboard,
    tests,
    sweep,
    seedSvd,
    published: PUBLISHED_RATING
  })
);
