// Data loader for data/recommender-comparison.json: the rating-model leaderboard (official u1..u5 on
// ml-100k, else 5 random folds; the slowest models on fewer folds), MF's RMSE against factors and
// epochs, and the seed's zero-filled SVD against the centred one. Logic lives in lib/reports/.
import {getModel, modelNames} from "../../lib/models/registry.js";
import {parallelTrainer} from "../../lib/node/threads/gbdt-parallel.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {budgeted} from "../../lib/node/budgeted.js";
import {BUDGETS} from "../../lib/reports/budgets.js";
import {PUBLISHED_RATING} from "../../lib/reports/anchors.js";
import {runLeaderboard} from "../../lib/reports/leaderboard.js";
import {mfSweep} from "../../lib/reports/mf-sweep.js";
import {diagnoseSeedSvd} from "../../lib/reports/seed-svd.js";

const started = performance.now();
const log = (msg: string) =>
  process.stderr.write(
    `recommender-comparison.json: ${msg} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`
  );
const data = await openDataset({clean: {beforeRelease: false}});
const {dataset: d, folds: datasetFolds, sample} = budgeted(data, BUDGETS["recommender-comparison"]);
const {protocol, description, folds} = await datasetFolds.rating(5);
// Every rating model of the registry: on all five folds, or on the first only for those that declare
// themselves slow (BPMF, the blend and the classifier take minutes per fold), to keep the build short.
const leaderboard = await runLeaderboard(modelNames("rating").map(getModel), folds, (_, name) => log(name), {
  fitOptions: {gbdtTrainer: parallelTrainer()}
});
log("sweep");
const sweep = await mfSweep(folds.slice(0, 2), [1, 2, 5, 10, 20, 50, 100, 200], [1, 2, 5, 10, 20, 30, 50]);
log("seed svd");
const seedSvd = diagnoseSeedSvd(folds[0]);
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
    sweep,
    seedSvd,
    published: PUBLISHED_RATING
  })
);
